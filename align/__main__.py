"""``python -m align`` and the ``align`` script: the command line of :mod:`align.cli`."""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C while the command line is still importing: nothing is written yet, stop quietly."""
    sys.stderr.write("align: interrupted\n")
    sys.stderr.flush()
    os._exit(130)


def run() -> None:
    """Import the command line with Ctrl-C quiet (no traceback from an import), then run it."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted_at_start)  # main() puts the default back
    from .cli import main

    main()


if __name__ == "__main__":
    run()
