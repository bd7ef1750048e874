"""CSV glossary for spreadsheets: header row, UTF-8 BOM, formula cells neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from export_contract import OPTIONS, hostile, sample
from glossary_contract import GlossaryContract

from align.export import read_glossary
from align.export.csvfile import HEADER, CsvExporter
from align.export.units import glossary_entries
from align.model import GlossaryEntry
from align.pipeline import CheckResult


class TestCsv(GlossaryContract):
    exporter = CsvExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
        return [(r["english"].lstrip("'"), r["japanese"].lstrip("'"), r["status"]) for r in rows]


def test_header_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    CsvExporter().write(sample(), path, OPTIONS)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(HEADER).encode() + b"\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == [
        "Sam Halton", "サム・ハルトン", "preferred", "person", "3", "サム・ハルトン", "1 3 5",
        "Sam Halton spoke.", "サム・ハルトンが話した。",
    ]  # fmt: skip


def test_formula_cells_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    CsvExporter().write(hostile(), path, OPTIONS)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert ["'=cmd", "'-コマンド"] == rows[3][:2]


def test_sentences_column_holds_file_lines(tmp_path: Path) -> None:
    """1-based lines of the Japanese file, like every other place shown to users: sentences
    0, 2 and 4 of a file with one sentence per line are lines 1, 3 and 5; two sentences on
    one line are that line once."""
    path = tmp_path / "g.csv"
    CsvExporter().write(sample(), path, OPTIONS)
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
    assert [r["sentences"] for r in rows[:2]] == ["1 3 5", "4"]
    two_on_one_line = sample()
    ja = two_on_one_line.ja
    ja = replace(ja, segments=tuple(replace(seg, start=0) for seg in ja.segments))
    CsvExporter().write(replace(two_on_one_line, ja=ja), path, OPTIONS)
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
    assert rows[0]["sentences"] == "1"


def _as_lines(result: CheckResult) -> list[GlossaryEntry]:
    """The glossary as written: each variant's sentences as 1-based lines of the Japanese file."""
    out = []
    for entry in glossary_entries(result.glossary, result.name)[0]:
        variants = []
        for v in entry.variants:
            segs = result.ja.segments
            lines = (result.ja.line_col(segs[j].start)[0] for j in v.sentences if 0 <= j < len(segs))
            variants.append(replace(v, sentences=tuple(dict.fromkeys(lines))))
        out.append(replace(entry, variants=tuple(variants)))
    return out


def test_read_glossary_round_trip(tmp_path: Path) -> None:
    for result in (sample(), hostile()):
        path = tmp_path / "g.csv"
        CsvExporter().write(result, path, OPTIONS)
        assert read_glossary(path) == _as_lines(result)
