"""Reports of check results (text, json, sarif, html), in one registry as the exporters have theirs.

Every format is a writer class built as ``Writer(out, count, options)`` that takes one
checked pair at a time (``add``) and finishes the document (``close``), so that no command
holds every pair's result. :data:`REPORTS` declares each one (its file extension, what the
pipeline must compute for it) without importing it: ``align check`` loads only the module of
the format it writes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..pipeline import CheckResult

__all__ = ["REPORTS", "ReportFormat", "ReportOptions", "ReportWriter"]


@dataclass(frozen=True)
class ReportOptions:
    """Settings of a report beyond the results."""

    #: Language of the labels (the HTML page).
    ui_lang: str = "en"
    #: AL801's threshold, below which the HTML report marks a bead as doubtful (None: the default).
    low_confidence: float | None = None


class ReportWriter(Protocol):
    def add(self, result: CheckResult) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ReportFormat:
    """One report format, declared by attributes like an exporter."""

    name: str
    #: The extension of a file of this format (``check -o DIR/`` names the file with it).
    extension: str
    #: The module (relative to align.report) and class of its writer.
    module: str
    writer: str
    #: One page per pair (html), rather than one document holding every pair.
    per_pair: bool = False
    #: The pipeline stages it shows beyond the findings.
    glossary: bool = False
    phrases: bool = False

    def open(self, out: IO[str], count: int, options: ReportOptions | None = None) -> ReportWriter:
        """A writer of *count* pairs' results to *out*."""
        cls = getattr(importlib.import_module(self.module, __name__), self.writer)
        writer: ReportWriter = cls(out, count, options or ReportOptions())
        return writer


REPORTS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("text", ".txt", ".text", "TextWriter"),
        ReportFormat("json", ".json", ".json", "JsonWriter", phrases=True),
        ReportFormat("sarif", ".sarif", ".sarif", "SarifWriter"),
        ReportFormat("html", ".html", ".html", "HtmlWriter", per_pair=True, glossary=True),
    )
}
