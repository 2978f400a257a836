"""Workers for the batch tests: the real analysis, except for files whose names ask for a fault."""

from __future__ import annotations

import os
import time

from govtext.batch import analyse_one


def faulty(path: str, detail: bool = False) -> dict:
    """``hang`` in the name sleeps, ``hog`` allocates without end, ``crash`` kills the worker."""
    name = os.path.basename(path)
    if "hang" in name:
        time.sleep(600)
    if "hog" in name:
        # one block far over any cap first: refused at once, however loaded the machine (filling
        # 64 MiB blocks up to the cap took longer than the 3 s timeout on a busy machine)
        blocks = [bytearray(1 << 36)]
        while True:
            blocks.append(bytearray(64 * 1024 * 1024))
    if "crash" in name:
        os._exit(3)
    return analyse_one(path, detail)
