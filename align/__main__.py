"""``python -m align``: the same command line as the ``align`` script."""

from .cli import main

main()
