"""The code stays ruff-clean (ruff is a test dependency, so the README's test command checks it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    out = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
