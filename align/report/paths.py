"""Where report pages go and writing them: ``reports/<pair>.html``, ``-o FILE`` or ``-o DIR/``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import CheckResult

__all__ = ["DEFAULT_DIR", "check_output", "output_paths", "write_reports"]

DEFAULT_DIR = "reports"


def _is_dir(output: str) -> bool:
    """An existing directory, or a path the user ended with a separator to mean one."""
    return Path(output).is_dir() or output.endswith(("/", os.sep))


def check_output(count: int, output: str | None) -> None:
    """Refuse a single output file for several pairs before any work is done."""
    from ..errors import OutputError

    if output is None or count == 1 or _is_dir(output):
        return
    raise OutputError("several pairs need a directory for -o, not a file", output)


def output_paths(names: Sequence[str], output: str | None) -> list[Path]:
    """Where each pair's page goes.

    No ``-o``: ``reports/<pair>.html``. ``-o`` naming an existing directory (or ending
    in ``/``): ``DIR/<pair>.html``. Otherwise ``-o`` is the file, for a single pair only.
    """
    check_output(len(names), output)
    if output is None:
        return [Path(DEFAULT_DIR) / f"{n}.html" for n in names]
    if _is_dir(output):
        return [Path(output) / f"{n}.html" for n in names]
    return [Path(output)]


def write_reports(
    results: Iterable[CheckResult],
    output: str | None = None,
    ui_lang: str = "en",
    *,
    low_confidence: float | None = None,
) -> list[Path]:
    """Render and atomically write every result's page; returns the paths written.

    *low_confidence* is AL801's threshold (see :func:`align.rules.alignment.low_confidence`).
    """
    from ..files import write_text
    from ..rules.alignment import LOW_CONFIDENCE
    from .html import render

    threshold = LOW_CONFIDENCE if low_confidence is None else low_confidence

    items = list(results)
    paths = output_paths([r.name for r in items], output)
    for r, p in zip(items, paths, strict=True):
        # Only folders we chose (reports/) or the user spelled as one (DIR/) are created;
        # a missing parent of -o FILE stays an error.
        if output is None or output.endswith(("/", os.sep)):
            p.parent.mkdir(parents=True, exist_ok=True)
        write_text(p, render(r, ui_lang, low_confidence=threshold))
    return paths
