"""TBX-Basic (TBX v2 martif): well-formed, read back by our reader and translate-toolkit."""

from __future__ import annotations

from pathlib import Path

from export_contract import DUNMORE, HALTON, OPTIONS, hostile, sample
from glossary_contract import GlossaryContract
from lxml import etree

from align.export import read_glossary
from align.export.tbx import TbxExporter
from align.export.units import bitext_of, glossary_entries

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TestTbx(GlossaryContract):
    exporter = TbxExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        etree.parse(str(path))  # well-formed, or this raises
        return [(e.english, v.form, v.status) for e in read_glossary(path) for v in e.variants]


def test_full_round_trip(tmp_path: Path) -> None:
    for result in (sample(), hostile()):
        path = tmp_path / "g.tbx"
        TbxExporter().write(bitext_of(result, OPTIONS), path, OPTIONS)
        assert read_glossary(path) == glossary_entries(result.glossary, result.name)[0]
    assert read_glossary(tmp_path / "g.tbx")[0].example[0].startswith("<b>bold</b>")


def test_tbx_basic_structure(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    TbxExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    assert path.read_bytes().startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
    )
    root = etree.parse(str(path)).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.find("martifHeader/encodingDesc/p[@type='XCSURI']").text == "TBXBasicXCSV02.xcs"  # type: ignore[union-attr]
    entries = root.findall("text/body/termEntry")
    assert len(entries) == 2
    ja_set = entries[0].find(f"langSet[@{XML_LANG}='ja']")
    assert ja_set is not None
    statuses = [t.findtext("termNote[@type='administrativeStatus']") for t in ja_set.findall("tig")]
    assert statuses == ["preferredTerm-admn-sts", "deprecatedTerm-admn-sts"]
    assert ja_set.findtext("tig/termNote[@type='partOfSpeech']") == "properNoun"
    dunmore = entries[1].find(f"langSet[@{XML_LANG}='ja']")
    assert [t.findtext("term") for t in dunmore.findall("tig")] == [v.form for v in DUNMORE.variants]  # type: ignore[union-attr]
    assert entries[0].findtext(f"langSet[@{XML_LANG}='en']/tig/term") == HALTON.english


def test_translate_toolkit_reads_terms(tmp_path: Path) -> None:
    from translate.storage import tbx

    path = tmp_path / "g.tbx"
    TbxExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    store = tbx.tbxfile.parsefile(str(path))
    assert [u.source for u in store.units] == ["Sam Halton", "Chris Dunmore"]
