"""CSV glossary for spreadsheets: a header row, then one row per Japanese rendering.

Written with a UTF-8 byte-order mark, which spreadsheet programs need to
recognise UTF-8 (without it Excel shows Japanese as mojibake). Cells that a
spreadsheet would run as a formula (leading ``= + - @``) get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import os
from typing import TYPE_CHECKING, ClassVar

from ..errors import ConfigError
from ..files import read_text
from ..model import GlossaryEntry, Variant
from .base import ExportOptions, GlossaryExporter, Serialized
from .units import KINDS, glossary_entries

if TYPE_CHECKING:
    from ..pipeline import CheckResult

HEADER = (
    "english",
    "japanese",
    "status",
    "type",
    "count",
    "reading",
    "sentences",
    "example_en",
    "example_ja",
)
_FORMULA = ("=", "+", "-", "@")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


def _lines(result: CheckResult, sentences: tuple[int, ...]) -> str:
    """1-based lines of the Japanese file, as every other output gives places (not sentence
    indexes); a line holding several of the sentences is named once."""
    ja = result.ja
    lines = (ja.line_col(ja.segments[j].start)[0] for j in sentences if 0 <= j < len(ja.segments))
    return " ".join(map(str, dict.fromkeys(lines)))


class CsvExporter(GlossaryExporter):
    name: ClassVar[str] = "csv"
    extensions: ClassVar[tuple[str, ...]] = (".csv",)

    def serialize(self, result: CheckResult, options: ExportOptions) -> Serialized:
        entries, warnings = glossary_entries(result.glossary, result.name)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(HEADER)
        for entry in entries:
            for v in entry.variants:
                example = entry.example if v.status == "preferred" else ("", "")
                sentences = _lines(result, v.sentences)
                row = [entry.english, v.form, v.status, entry.kind, str(v.count), v.reading, sentences]
                row += example
                writer.writerow([_cell(c) for c in row])
        return Serialized(("\ufeff" + buf.getvalue()).encode("utf-8"), tuple(warnings))

    def read(self, path: str | os.PathLike[str]) -> list[GlossaryEntry]:
        rows = list(csv.DictReader(io.StringIO(read_text(path, "utf-8-sig"), newline="")))
        if rows and not {"english", "japanese"} <= set(rows[0]):
            raise ConfigError("a glossary CSV needs english and japanese columns", os.fspath(path))
        grouped: dict[str, list[Variant]] = {}
        meta: dict[str, tuple[str, tuple[str, str]]] = {}
        for row in rows:
            row = {k: _uncell(v or "") for k, v in row.items() if k}
            english, form = row["english"].strip(), row["japanese"].strip()
            if not english or not form:
                continue
            variants = grouped.setdefault(english, [])
            status = row.get("status") or ("admitted" if variants else "preferred")
            count = int(row["count"]) if row.get("count", "").isdigit() else 0
            sentences = tuple(int(s) for s in row.get("sentences", "").split() if s.isdigit())
            variants.append(Variant(form, count, status, sentences, row.get("reading", "")))
            kind = row.get("type", "term")
            old = meta.get(english, ("", ("", "")))
            example = (row.get("example_en", ""), row.get("example_ja", ""))
            meta[english] = (old[0] or kind, old[1] if any(old[1]) else example)
        return [
            GlossaryEntry(en, meta[en][0] if meta[en][0] in KINDS else "term", tuple(vs), meta[en][1])
            for en, vs in grouped.items()
        ]
