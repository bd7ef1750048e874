"""TMX 1.4b: DTD-valid, read back by translate-toolkit with the same units."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_contract import (
    OPTIONS,
    SHARED,
    ExporterContract,
    sample,
)
from lxml import etree

from align.export import ExportOptions
from align.export.tmx import TmxExporter

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_dtd() -> etree.DTD:
    path = SHARED / "standards" / "tmx14.dtd"
    if not path.is_file():
        pytest.skip(f"TMX DTD not found at {path} (the shared folder must sit beside the repository)")
    return etree.DTD(str(path))


def assert_valid(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    dtd = tmx_dtd()
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


class TestTmx(ExporterContract):
    exporter = TmxExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        from translate.storage import tmx

        assert_valid(path)
        store = tmx.tmxfile.parsefile(str(path))
        return [(u.source, u.target) for u in store.units]


def test_header_and_units(tmp_path: Path) -> None:
    path = tmp_path / "s.tmx"
    TmxExporter().write(sample(), path, OPTIONS)
    root = assert_valid(path).getroot()
    header = root.find("header")
    assert header is not None
    for key, value in {
        "creationtool": "align",
        "segtype": "sentence",
        "o-tmf": "align",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
        "creationdate": "20231114T221320Z",
    }.items():
        assert header.get(key) == value, key
    assert header.get("creationtoolversion")
    assert header.findtext("prop[@type='x-align-signature']") == "sig:test"
    tus = root.findall("body/tu")
    # Beads 0, 1, 2 and 4 have text on both sides; the 0-1 bead (3) and 1-0 bead (5) are left out.
    assert [tu.get("tuid") for tu in tus] == ["sample:0", "sample:1", "sample:2", "sample:4"]
    first = tus[0]
    assert first.findtext("prop[@type='x-align-score']") == "0.9100"
    assert first.findtext("prop[@type='x-align-findings']") == "NV01"
    assert first.findtext("note") == "NV01 name-variant (error): オルトマン is a second rendering of Altman"
    assert tus[1].find("prop[@type='x-align-findings']") is None
    assert [tuv.get(XML_LANG) for tuv in first.findall("tuv")] == ["en", "ja"]
    assert all(seg.text and seg.text == seg.text.strip() for seg in root.iter("seg"))


def test_languages_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "s.tmx"
    TmxExporter().write(sample(), path, ExportOptions.create(en_lang="en-US", ja_lang="ja-JP", epoch=0))
    root = assert_valid(path).getroot()
    assert root.find("header").get("srclang") == "en-US"  # type: ignore[union-attr]
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"en-US", "ja-JP"}


@pytest.mark.parametrize(
    ("options", "tuids"),
    [
        ({"min_score": 0.75}, ["sample:0", "sample:1"]),
        ({"exclude": "error"}, ["sample:1", "sample:2", "sample:4"]),
        ({"exclude": "quote,name-variant"}, ["sample:1", "sample:2"]),
        ({"exclude": "info"}, ["sample:0", "sample:1", "sample:2", "sample:4"]),
    ],
)
def test_clean_memory_options(tmp_path: Path, options: dict[str, object], tuids: list[str]) -> None:
    path = tmp_path / "s.tmx"
    TmxExporter().write(sample(), path, ExportOptions.create(epoch=0, **options))  # type: ignore[arg-type]
    assert [tu.get("tuid") for tu in assert_valid(path).getroot().iter("tu")] == tuids
