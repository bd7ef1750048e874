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

from ..glossary_file import CSV_HEADER, EXTENSIONS, csv_cell, read_csv
from ..model import GlossaryEntry
from .base import ExportOptions, GlossaryExporter, Serialized
from .units import glossary_entries

if TYPE_CHECKING:
    from ..model import Bitext

HEADER = CSV_HEADER


class CsvExporter(GlossaryExporter):
    name: ClassVar[str] = "csv"
    extensions: ClassVar[tuple[str, ...]] = EXTENSIONS["csv"]

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        entries, warnings = glossary_entries(data.glossary, data.name)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(HEADER)
        for entry in entries:
            for v in entry.variants:
                example = entry.example if v.status == "preferred" else ("", "")
                # 1-based lines of the Japanese file, as every other output gives places.
                sentences = " ".join(map(str, v.lines))
                row = [entry.english, v.form, v.status, entry.kind, str(v.count), v.reading, sentences]
                row += example
                writer.writerow([csv_cell(c) for c in row])
        return Serialized(("\ufeff" + buf.getvalue()).encode("utf-8"), tuple(warnings))

    def read(self, path: str | os.PathLike[str]) -> list[GlossaryEntry]:
        return read_csv(path)
