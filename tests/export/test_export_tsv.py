"""OmegaT TSV glossary: source<TAB>target<TAB>comment, deprecated renderings say DO NOT USE."""

from __future__ import annotations

from pathlib import Path

from export_contract import OPTIONS, hostile, sample
from glossary_contract import GlossaryContract, hostile_rows

from align.export import read_glossary
from align.export.tsv import TsvExporter
from align.export.units import bitext_of, glossary_entries


class TestTsv(GlossaryContract):
    exporter = TsvExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        for line in path.read_text("utf-8").splitlines()[1:]:
            assert len(line.split("\t")) == 3, line  # a stray tab or break would shift the columns
        return [(e.english, v.form, v.status) for e in read_glossary(path) for v in e.variants]

    def expected_hostile(self) -> list[tuple[str, ...]]:
        return hostile_rows(" ")  # a tab inside a term becomes a space


def test_lines(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    TsvExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    lines = path.read_text("utf-8").splitlines()
    assert lines[0].startswith("# ")  # OmegaT skips # lines
    assert lines[1] == "Sam Halton\tサム・ハルトン\tpreferred; person; seen 3×; reading サム・ハルトン"
    deprecated = "DO NOT USE: deprecated, use サム・ハルトン; person; seen 1×; reading ホルトン"
    assert lines[2] == f"Sam Halton\tホルトン\t{deprecated}"
    assert lines[5].startswith("Chris Dunmore\tダンモリガン\tDO NOT USE")
    assert len(lines) == 6


def test_read_back_keeps_kind_count_reading(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    TsvExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    # TSV has no room for sentence numbers or examples; everything else survives.
    strip = [
        type(e)(
            e.english, e.kind, tuple(type(v)(v.form, v.count, v.status, (), v.reading) for v in e.variants)
        )
        for e in glossary_entries(sample().glossary, "sample")[0]
    ]
    assert read_glossary(path) == strip


def test_hash_term_is_not_a_comment(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    _, warnings = TsvExporter().write(bitext_of(hostile(), OPTIONS), path, OPTIONS)
    assert " #hash\tハッシュ\tpreferred; term; seen 1×" in path.read_text("utf-8")
    assert any("starts with #" in w for w in warnings)


def test_plain_omegat_glossary(tmp_path: Path) -> None:
    path = tmp_path / "user.utf8"
    path.write_text(
        "# my terms\nrocket\tロケット\nrocket\tロケット弾\tDO NOT USE\nlaunch\t打ち上げ\tverb\n", "utf-8"
    )
    entries = read_glossary(path)
    assert [(e.english, [(v.form, v.status) for v in e.variants]) for e in entries] == [
        ("rocket", [("ロケット", "preferred"), ("ロケット弾", "deprecated")]),
        ("launch", [("打ち上げ", "preferred")]),
    ]
