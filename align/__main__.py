"""``python -m align`` and the ``align`` script: the command line of :mod:`align.cli`."""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
import threading
from typing import NoReturn


def _interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C while the command line is still importing: nothing is written yet, stop quietly."""
    sys.stderr.write("align: interrupted\n")
    sys.stderr.flush()
    os._exit(130)


def run() -> None:
    """Import the command line with Ctrl-C quiet (no traceback from an import), then run it."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted_at_start)  # main() puts the default back
    # A command's start-up (imports, dictionaries) and its checks make hundreds of thousands of
    # objects, nearly all freed by their reference counts: at Python's default (a collection
    # every 700 allocations) 127 collections took 50-75 ms of a 0.8 s check. A collection every
    # 10,000 still bounds how long a reference cycle waits to be freed.
    gc.set_threshold(10_000, 10, 10)
    # No code of align multiplies dense matrices on more than one BLAS thread (the one model that
    # multiplies any limits itself to one), yet OpenBLAS starts a thread per core when numpy is
    # imported: 25 ms of CPU per command. A user's own setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from .cli import main

    gc.freeze()  # what the command line imported lives as long as the process: no collection visits it
    try:
        main()
    except SystemExit as stop:
        _exit(stop)
    _exit(SystemExit(0))  # a command that returns (standalone_mode=False) succeeded


def _exit(stop: SystemExit) -> NoReturn:
    """End the process with *stop*'s exit code without the interpreter's teardown.

    Every output is closed by then (atomic_writer renames only closed files; stdout and stderr
    are flushed here), so what is left is freeing each object and module one by one: 60-80 ms
    of CPU after a seed check. The part of the shutdown that can matter to a user still runs:
    the atexit handlers (libraries register their cleanups there). With a thread still alive
    (batch mode's scheduler), or when a flush fails (a closed pipe) or the code is not a
    number, the exit is Python's own, as before.
    """
    code = 0 if stop.code is None else stop.code
    if not isinstance(code, int) or threading.active_count() > 1:
        raise stop
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise stop from None
    os._exit(code)


if __name__ == "__main__":
    run()
