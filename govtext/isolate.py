"""Run a function in a child Python process that can be killed: the Dask engine's per-file timeout.

A Dask worker runs its tasks in threads, and a running thread cannot be stopped;
its process is daemonic, so it may not start :mod:`multiprocessing` children
either (a pebble pool there fails with "daemonic processes are not allowed to
have children").  So each busy worker thread hands its file to a child of its
own, started with :mod:`subprocess` (``python -m govtext.isolate``), which loads
the models once (its ``initializer``) and then analyses one file after another.
A call that runs past its timeout kills the child (and its process group) and
raises :class:`ChildTimeout`; the next call starts a fresh child.  A child that
dies raises :class:`ChildDied`; an exception in the function comes back as
:class:`ChildError` (``MemoryError`` as itself).

The parent and child speak over the child's stdin and stdout: each message is an
8-byte length and a pickle (the function and its arguments, by cloudpickle when
it is installed).  The child writes whatever the analysis prints to stderr, and
exits when its stdin closes or its parent is gone.

Children are grouped (one group per batch run): :func:`acquire` takes an idle
child of the group or makes one, :func:`release` gives it back, :func:`stop`
ends the group's children (the batch run calls it on every worker at its end).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

_HEADER = struct.Struct(">Q")
#: how long a child may take to start and run its initializer (load the models)
STARTUP_TIMEOUT = 300.0


class ChildTimeout(TimeoutError):
    """The call ran past its timeout; the child was killed."""


class ChildDied(RuntimeError):
    """The child process ended during the call (``exitcode``: negative for a signal, ``None`` if unknown)."""

    def __init__(self, exitcode: int | None, message: str | None = None) -> None:
        super().__init__(message or f"the child process died (exit code {exitcode})")
        self.exitcode = exitcode


class ChildError(RuntimeError):
    """The function raised in the child: ``kind`` is the exception's class name."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _dumps(obj: Any) -> bytes:
    try:
        import cloudpickle  # a dask dependency: pickles functions defined in __main__ or in a closure

        return bytes(cloudpickle.dumps(obj))
    except ImportError:  # pragma: no cover - without dask the child is not used
        return pickle.dumps(obj)


def _send(fh: IO[bytes], payload: bytes) -> None:
    fh.write(_HEADER.pack(len(payload)) + payload)
    fh.flush()


def _recv(fh: IO[bytes]) -> bytes | None:
    """One message, or ``None`` at the end of the stream (also when it ends inside a message)."""
    head = fh.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (n,) = _HEADER.unpack(head)
    body = fh.read(n)
    return body if len(body) == n else None


class Child:
    """One child process running ``initializer(*initargs)`` once, then the calls it is given, one at a time."""

    def __init__(self, initializer: Callable[..., Any] | None = None, initargs: Sequence[Any] = ()) -> None:
        self._init = (initializer, tuple(initargs))
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> None:
        env = dict(os.environ)
        # what this process can import, the child can: the worker function is pickled by reference
        env["PYTHONPATH"] = os.pathsep.join(p or str(Path.cwd()) for p in sys.path)
        posix = os.name == "posix"
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "govtext.isolate"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=posix,  # a process group of its own: a kill reaches what it started
        )
        reply = self._exchange(_dumps(self._init), STARTUP_TIMEOUT, starting=True)
        if reply[0] != "ready":
            self.kill()
            raise ChildError(reply[1], f"the child's initializer failed: {reply[2]}")

    def call(self, fn: Callable[..., Any], args: Sequence[Any] = (), timeout: float | None = None) -> Any:
        """``fn(*args)`` in the child; :class:`ChildTimeout` after ``timeout`` seconds (the child is killed)."""
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        reply = self._exchange(_dumps((fn, tuple(args))), timeout)
        if reply[0] == "ok":
            return reply[1]
        kind, message = reply[1], reply[2]
        if kind == "MemoryError":
            raise MemoryError(message)
        raise ChildError(kind, message)

    def _exchange(self, payload: bytes, timeout: float | None, starting: bool = False) -> tuple[Any, ...]:
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        box: list[bytes | None] = []
        stdout = proc.stdout
        reader = threading.Thread(target=lambda: box.append(_recv(stdout)), daemon=True)
        with contextlib.suppress(OSError):  # the child is gone: its exit code says why
            _send(proc.stdin, payload)
        reader.start()
        reader.join(timeout)
        if reader.is_alive():
            self.kill()
            reader.join()
            if starting:
                raise ChildDied(None, f"the child process did not start within {timeout:g} s")
            raise ChildTimeout(f"the call took longer than {timeout:g} s; the child was killed")
        if not box or box[0] is None:
            code = self._reap()
            raise ChildDied(code)
        reply: tuple[Any, ...] = pickle.loads(box[0])  # our own child, over our own pipe
        return reply

    def _reap(self) -> int | None:
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        for fh in (proc.stdin, proc.stdout):
            if fh is not None:
                with contextlib.suppress(OSError):
                    fh.close()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - closed pipes and no exit: kill it
            self._signal(proc)
            return proc.wait()

    @staticmethod
    def _signal(proc: subprocess.Popen[bytes]) -> None:
        try:
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows
                proc.kill()
        except (ProcessLookupError, PermissionError):
            pass

    def kill(self) -> None:
        """Stop the child now (a later call starts a new one)."""
        if self._proc is not None:
            self._signal(self._proc)
            self._reap()


_LOCK = threading.Lock()
_IDLE: dict[str, list[Child]] = {}
_BUSY: dict[str, set[Child]] = {}
_ATEXIT = False


def acquire(group: str, initializer: Callable[..., Any] | None = None, initargs: Sequence[Any] = ()) -> Child:
    """An idle child of ``group``, or a new one (started at its first call)."""
    global _ATEXIT
    with _LOCK:
        if not _ATEXIT:
            atexit.register(stop_all)
            _ATEXIT = True
        idle = _IDLE.setdefault(group, [])
        child = idle.pop() if idle else Child(initializer, initargs)
        _BUSY.setdefault(group, set()).add(child)
        return child


def release(group: str, child: Child) -> None:
    """Give ``child`` back to ``group`` for the next call (unless the group was stopped meanwhile)."""
    with _LOCK:
        busy = _BUSY.get(group)
        if busy is None or child not in busy:
            child.kill()
            return
        busy.discard(child)
        _IDLE.setdefault(group, []).append(child)


def stop(group: str) -> int:
    """End every child of ``group``, busy ones too (their calls raise :class:`ChildDied`); how many there were."""
    with _LOCK:
        children = _IDLE.pop(group, []) + list(_BUSY.pop(group, set()))
    for child in children:
        child.kill()
    return len(children)


def stop_all() -> None:
    """End every child of every group (at exit)."""
    with _LOCK:
        groups = set(_IDLE) | set(_BUSY)
    for group in groups:
        stop(group)


# --------------------------------------------------------------------------- the child's side


def _orphan_watch(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:  # the parent died without closing our stdin: nobody wants the answer
            os._exit(70)


def _main() -> None:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever the analysis prints goes to stderr, never into the replies
    inp = sys.stdin.buffer
    threading.Thread(target=_orphan_watch, args=(os.getppid(),), daemon=True).start()
    first = _recv(inp)
    if first is None:
        return
    try:
        init, initargs = pickle.loads(first)  # from our parent
        if init is not None:
            init(*initargs)
        reply: tuple[Any, ...] = ("ready",)
    except BaseException as exc:
        reply = ("error", type(exc).__name__, str(exc))
    _send(out, pickle.dumps(reply))
    if reply[0] != "ready":
        return
    while (message := _recv(inp)) is not None:
        try:
            fn, args = pickle.loads(message)  # from our parent
            payload = pickle.dumps(("ok", fn(*args)))
        except BaseException as exc:  # everything goes back to the parent, which decides
            payload = pickle.dumps(("error", type(exc).__name__, str(exc)))
        _send(out, payload)


if __name__ == "__main__":
    _main()
