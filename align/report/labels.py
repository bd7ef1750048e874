"""The report's UI strings, category names and verdict phrases per UI language (templates/labels.json).

Shared by the HTML report (:mod:`align.report.view`) and the text output (:mod:`align.report.text`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = ["labels"]


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    """UI strings, category names and verdict phrases per UI language (templates/labels.json)."""
    data: dict[str, Any] = json.loads(
        files("align.report").joinpath("templates").joinpath("labels.json").read_text(encoding="utf-8")
    )
    return data
