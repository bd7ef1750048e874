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
from align.export.units import bitext_of, glossary_entries
from align.model import CheckResult, GlossaryEntry
from align.pipeline import check
from align.segment import segment


class TestCsv(GlossaryContract):
    exporter = CsvExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
        return [(r["english"].lstrip("'"), r["japanese"].lstrip("'"), r["status"]) for r in rows]


def test_header_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    CsvExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(HEADER).encode() + b"\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == [
        "Sam Halton", "サム・ハルトン", "preferred", "person", "3", "サム・ハルトン", "1 3 5",
        "Sam Halton spoke.", "サム・ハルトンが話した。",
    ]  # fmt: skip


def test_formula_cells_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    CsvExporter().write(bitext_of(hostile(), OPTIONS), path, OPTIONS)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert ["'=cmd", "'-コマンド"] == rows[3][:2]


def test_sentences_column_holds_file_lines(tmp_path: Path) -> None:
    """The places of a rendering are 1-based lines of the Japanese file, as everywhere else
    users see them, not 0-based sentence indexes; a line of two sentences is named once."""
    ja = segment("ブラニック氏が来た。彼は座った。\n\nその後、ブラニック氏は帰った。\n", "ja")
    en = segment("Brannick came. He sat down.\n\nLater, Brannick left.\n", "en")
    path = tmp_path / "g.csv"
    CsvExporter().write(bitext_of(check(ja, en), OPTIONS), path, OPTIONS)
    rows = {r["japanese"]: r for r in csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline=""))}
    assert rows["ブラニック"]["sentences"] == "1 3"


def _as_written(result: CheckResult) -> list[GlossaryEntry]:
    """The glossary as the CSV holds it: a variant's places are its file lines."""
    return [
        replace(e, variants=tuple(replace(v, sentences=v.lines) for v in e.variants))
        for e in glossary_entries(result.glossary, result.name)[0]
    ]


def test_read_glossary_round_trip(tmp_path: Path) -> None:
    for result in (sample(), hostile()):
        path = tmp_path / "g.csv"
        CsvExporter().write(bitext_of(result, OPTIONS), path, OPTIONS)
        assert read_glossary(path) == _as_written(result)
