"""XLIFF 1.2: valid against the vendored OASIS strict schema, read back by translate-toolkit."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from export_contract import (
    OPTIONS,
    POST_EDIT_SAMPLE,
    ROOT,
    ExporterContract,
    make_result,
    real_pairs,
    real_result,
    sample,
)
from lxml import etree

from align.export import ExportOptions
from align.export.tmx import TmxExporter
from align.export.units import bitext_of
from align.export.xliff import NAMESPACE, XliffExporter
from align.model import Edit, Finding, Fix, Severity
from align.pipeline import CheckResult

DATA = ROOT / "tests" / "data"
XLIFF_XSD = DATA / "xliff-core-1.2-strict.xsd"
XML_XSD_URL = "http://www.w3.org/2001/xml.xsd"  # what the XLIFF schema imports
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"x": NAMESPACE}


class _LocalXmlXsd(etree.Resolver):
    """Resolves the W3C xml.xsd import to the vendored copy: the tests never touch the network."""

    def resolve(self, url: str, pubid: str, context: object) -> object:
        if url == XML_XSD_URL:
            return self.resolve_filename(str(DATA / "xml.xsd"), context)
        return None


@cache
def xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(XLIFF_XSD), parser))


def assert_valid(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    schema = xliff_schema()
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    return tree


def note(f: Finding) -> str:
    """The note a finding gets: rule code, category, severity and message."""
    return f"{f.rule} {f.category} ({f.severity}): {f.message}"


def read_units(path: Path) -> list[tuple[str, str]]:
    from translate.storage import xliff

    assert_valid(path)
    return [(u.source, u.target) for u in xliff.xlifffile.parsefile(str(path)).units]


class TestXliff(ExporterContract):
    exporter = XliffExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        return list(read_units(path))

    def expected_sample(self) -> list[tuple[str, ...]]:
        return list(POST_EDIT_SAMPLE)


def test_file_header_units_states_notes(tmp_path: Path) -> None:
    path = tmp_path / "s.xlf"
    XliffExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    root = assert_valid(path).getroot()
    assert root.tag == f"{{{NAMESPACE}}}xliff" and root.get("version") == "1.2"
    (file,) = root.findall("x:file", NS)
    assert dict(file.attrib) == {
        "original": "sample",
        "source-language": "en",
        "target-language": "ja",
        "datatype": "plaintext",
        "tool-id": "align",
        "date": "2023-11-14T22:13:20Z",
    }
    tool = file.find("x:header/x:tool", NS)
    assert tool is not None and tool.get("tool-id") == "align" and tool.get("tool-version")
    assert file.findtext("x:header/x:note", namespaces=NS) == "signature: sig:test"
    references = [dict(r.attrib) for r in file.iterfind("x:header/x:reference/x:external-file", NS)]
    assert [(r["uid"], r["href"]) for r in references] == [("align-ja", "ja.txt"), ("align-en", "en.txt")]
    assert all(len(r["crc"]) == 16 for r in references)
    units = file.findall("x:body/x:trans-unit", NS)
    # Every English unit, the omitted one (bead 5) too; the 0-1 bead (3) joins bead 2's target.
    assert [u.get("id") for u in units] == ["sample:0", "sample:1", "sample:2", "sample:4", "sample:5"]
    targets = [u.find("x:target", NS) for u in units]
    assert [t.get("state") for t in targets] == [  # type: ignore[union-attr]
        "needs-review-translation",  # NV01 error
        "translated",
        "needs-review-translation",  # the duplicate that follows it (DU01)
        "needs-review-translation",  # QT01 warning
        "needs-translation",  # omitted: nothing to review, a sentence to translate
    ]
    assert [t.get("state-qualifier") for t in targets] == ["leveraged-mt"] * 4 + [None]  # type: ignore[union-attr]
    assert {t.get(XML_LANG) for t in targets} == {"ja"}  # type: ignore[union-attr]
    assert targets[4].text is None and len(targets[4]) == 0  # type: ignore[union-attr]
    notes = [[(n.get("from"), n.get("priority"), n.text) for n in u.findall("x:note", NS)] for u in units]
    assert notes == [
        [("align", "1", note(sample().findings[0]))],
        [],
        [
            ("align", "1", "DU01 duplicate (error): duplicated sentence"),
            ("align", "1", "Japanese with no English counterpart, kept in this target: 「余分。」"),
        ],
        [("align", "2", "QT01 quote (warning): unbalanced 「")],
        [],
    ]
    contexts = [
        {c.get("context-type"): c.text for c in u.findall("x:context-group/x:context", NS)} for u in units
    ]
    assert contexts[2] == {
        "x-align-score": "0.7000",
        "x-align-en-sentences": "2 3",  # the 2-1 bead
        "x-align-ja-sentences": "2 3",  # and the Japanese addition after it
        "x-align-place": "ja=22-30,31-34 en=30-42,43-52",
    }
    assert contexts[3]["x-align-ja-sentences"] == "4 5"
    # "Extra." is a paragraph of its own: its translation goes after the last Japanese, as one.
    assert contexts[4]["x-align-place"] == "ja=@50/p en=69-75"


def test_translate_toolkit_sees_states_notes_and_context(tmp_path: Path) -> None:
    from translate.storage import xliff

    path = tmp_path / "s.xlf"
    XliffExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    store = xliff.xlifffile.parsefile(str(path))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ja")
    units = store.units
    review = xliff.xliffunit.statemap["needs-review-translation"]
    assert [u.get_state_n() == review for u in units] == [True, False, True, True, False]
    assert not units[4].istranslated() and units[4].target == ""
    assert units[4].get_state_n() == xliff.xliffunit.statemap["needs-translation"]
    assert units[0].getnotes() == note(sample().findings[0])
    assert "DU01 duplicate (error)" in units[2].getnotes() and "「余分。」" in units[2].getnotes()
    assert units[1].getnotes() == ""
    assert units[0].getcontextgroups("sample:0") == [
        [
            ("x-align-score", "0.9100"),
            ("x-align-en-sentences", "0"),
            ("x-align-ja-sentences", "0"),
            ("x-align-place", "ja=0-12 en=0-17"),
        ]
    ]


def _fixable() -> CheckResult:
    """A name-variant error whose fix replaces the wrong rendering, and a warning without a fix."""
    en = ["Brannick spoke.", "Brannick left."]
    ja = ["ブラニックが話した。", "ブラニクが去った。"]
    start = len(ja[0]) + 1  # document offset of the second sentence
    fix = Fix((Edit(start, start + 4, "ブラニック"),), "safe", "replace ブラニク with ブラニック (1 place)")
    nv = Finding("NV01", "name", "name-variant", Severity.ERROR, "two renderings", ja=(1,), fix=fix)
    st = Finding("ST01", "style", "style", Severity.WARNING, "no fix for this", ja=(1,))
    return make_result(en, ja, [((0,), (0,), 0.9), ((1,), (1,), 0.9)], (nv, st))


def test_suggested_fix_is_an_alt_trans_with_its_origin(tmp_path: Path) -> None:
    from translate.storage import xliff

    path = tmp_path / "fix.xlf"
    XliffExporter().write(bitext_of(_fixable(), OPTIONS), path, OPTIONS)
    root = assert_valid(path).getroot()
    first, second = root.iterfind(".//x:trans-unit", NS)
    assert first.find("x:alt-trans", NS) is None  # nothing to fix there
    (alt,) = second.findall("x:alt-trans", NS)
    assert alt.get("origin") == "align fix NV01 (safe)" and alt.get("tool-id") == "align"
    assert alt.findtext("x:source", namespaces=NS) == "Brannick left."
    assert alt.findtext("x:target", namespaces=NS) == "ブラニックが去った。"
    assert [n.text for n in alt.findall("x:note", NS)] == ["replace ブラニク with ブラニック (1 place)"]
    assert second.findtext("x:target", namespaces=NS) == "ブラニクが去った。"  # the MT stays the target
    # A CAT tool's reader offers it as a candidate translation.
    (candidate,) = xliff.xlifffile.parsefile(str(path)).units[1].getalttrans()
    assert candidate.target == "ブラニックが去った。"
    assert candidate.xmlelement.get("origin") == alt.get("origin")


def test_addition_before_every_english_unit_joins_the_first(tmp_path: Path) -> None:
    beads = [((), (0,), 0.0), ((0,), (1,), 0.9), ((1,), (2,), 0.9)]
    result = make_result(["One.", "Two."], ["前置き。", "一。", "二。"], beads)
    root = etree.fromstring(XliffExporter().serialize(bitext_of(result, OPTIONS), OPTIONS).data)
    assert xliff_schema().validate(root)
    units = root.findall(".//x:trans-unit", NS)
    assert [u.findtext("x:target", namespaces=NS) for u in units] == ["前置き。一。", "二。"]
    assert "「前置き。」" in (units[0].findtext("x:note", namespaces=NS) or "")


def test_info_findings_need_review_too_and_keep_their_priority() -> None:
    info = Finding("ST01", "style", "style", Severity.INFO, "no honorific", ja=(0,))
    result = make_result(["One."], ["一。"], [((0,), (0,), 0.9)], (info,))
    root = etree.fromstring(XliffExporter().serialize(bitext_of(result, OPTIONS), OPTIONS).data)
    assert root.find(".//x:target", NS).get("state") == "needs-review-translation"  # type: ignore[union-attr]
    assert root.find(".//x:trans-unit/x:note", NS).get("priority") == "3"  # type: ignore[union-attr]


def test_languages_and_filters(tmp_path: Path) -> None:
    path = tmp_path / "s.xlf"
    options = ExportOptions.create(en_lang="en-GB", ja_lang="ja-JP", exclude="error", epoch=0)
    XliffExporter().write(bitext_of(sample(), options), path, options)
    root = assert_valid(path).getroot()
    file = root.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("en-GB", "ja-JP")  # type: ignore[union-attr]
    assert file.get("date") == "1970-01-01T00:00:00Z"  # type: ignore[union-attr]
    assert {e.get(XML_LANG) for e in root.iterfind(".//x:source", NS)} == {"en-GB"}
    # Bead 0 (NV01) and the duplicate (bead 3, DU01) have errors: left out.
    ids = [u.get("id") for u in root.iterfind(".//x:trans-unit", NS)]
    assert ids == ["sample:1", "sample:2", "sample:4", "sample:5"]
    assert root.findtext(".//x:trans-unit[@id='sample:2']/x:target", namespaces=NS) == "遅くて暗かった。"


@pytest.mark.parametrize(
    ("xpath", "attribute", "value"),
    [
        (".//x:target", "state", "reviewed-by-someone"),  # not in the state list
        (".//x:context-group", "name", "same"),  # context-group names must be unique in a file
        (".//x:file", "datatype", "text file"),  # not a datatype value
        (".//x:trans-unit", "prop", "x"),  # an attribute XLIFF does not define
    ],
)
def test_schema_rejects_invalid_documents(xpath: str, attribute: str, value: str) -> None:
    """The validator is real: a document bent in any of these ways fails it."""
    root = etree.fromstring(XliffExporter().serialize(bitext_of(sample(), OPTIONS), OPTIONS).data)
    assert xliff_schema().validate(root)
    for node in root.iterfind(xpath, NS):
        node.set(attribute, value)
    assert not xliff_schema().validate(root)


def test_schema_rejects_deprecated_transitional_elements() -> None:
    """Strict, not transitional: <prop-group> (deprecated in 1.2) is refused."""
    root = etree.fromstring(XliffExporter().serialize(bitext_of(sample(), OPTIONS), OPTIONS).data)
    header = root.find(".//x:header", NS)
    group = etree.SubElement(header, f"{{{NAMESPACE}}}prop-group")  # type: ignore[arg-type]
    etree.SubElement(group, f"{{{NAMESPACE}}}prop", {"prop-type": "x"}).text = "y"
    assert not xliff_schema().validate(root)


@pytest.mark.parametrize("pair", real_pairs())
def test_real_pairs(pair: str, tmp_path: Path) -> None:
    """The real pipeline's XLIFF: valid, one unit per English bead, a memory unit's text as the TMX's."""
    result = real_result(pair)
    path = tmp_path / f"{pair}.xlf"
    XliffExporter().write(bitext_of(result, OPTIONS), path, OPTIONS)
    units = read_units(path)
    english = [b for b in result.alignment.beads if b.en]
    assert len(units) == len(english) > 10
    assert [src for src, _ in units] == [" ".join(result.en.segments[i].text for i in b.en) for b in english]
    memories = {}
    for suffix, out in TmxExporter().outputs(bitext_of(result, OPTIONS), OPTIONS):
        (tmp_path / f"m{suffix}").write_bytes(out.data)
        root = etree.parse(str(tmp_path / f"m{suffix}")).getroot()
        memories.update({tu.get("tuid"): tuple(s.text for s in tu.iter("seg")) for tu in root.iter("tu")})
    ids = [u.get("id") for u in assert_valid(path).getroot().iterfind(".//x:trans-unit", NS)]
    for unit_id, (source, target) in zip(ids, units, strict=True):
        if unit_id in memories:  # the target may hold a Japanese addition after the memory's text
            assert memories[unit_id][0] == source and target.startswith(str(memories[unit_id][1]))
    assert set(memories) <= set(ids)
    states = [t.get("state") for t in etree.parse(str(path)).getroot().iterfind(".//x:target", NS)]
    assert "translated" in states and "needs-review-translation" in states


def test_vendored_schemas_are_the_ones_described() -> None:
    """The XSDs in tests/data are byte for byte those of their PROVENANCE file."""
    import hashlib
    import re

    provenance = (DATA / "xliff-core-1.2.PROVENANCE.txt").read_text("utf-8")
    stated = dict(re.findall(r"^(\S+\.xsd): .*?sha256 ([0-9a-f]{64})", provenance, re.M | re.S))
    assert sorted(stated) == ["xliff-core-1.2-strict.xsd", "xml.xsd"]
    for name, digest in stated.items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name
