"""Properties that hold for arbitrary input (hypothesis), on the real components.

Arbitrary text pairs, including random Unicode (controls, lone surrogates, bidi
marks, markup), go through the real segmenter, aligner, rules, exporters and
report. The example counts keep this file within its CI budget (well under
two minutes); ``fuzz/`` runs the same invariants at scale.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from paths import ROOT, TMX_DTD

from align.aligner import align
from align.export.units import bitext_of
from align.model import Document
from align.pipeline import CheckResult, check
from align.segment import segment

SCHEMA = ROOT / "align" / "schema" / "check.schema.json"

# --- strategies ----------------------------------------------------------------------

# Every code point, lone surrogates included (a Python str can hold them via the API).
ANY_CHAR = st.characters(codec=None, exclude_categories=())
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x0b",
        "\x1b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\ud800",
        "\udfff",
        "]]>",
        "<",
        "&",
        '"',
        "\r",
        "\r\n",
    ]
)
JA_CHARS = st.sampled_from(
    list("あいうえおかきくけこアイウエオカタナ日本語文字漢東京社長氏") + ["ー", "・", "１", "2"]
)
EN_WORDS = st.sampled_from(
    ["The", "company", "said", "Mr.", "U.S.", "it", "was", "$1tn", "3.5%", "e.g.", "No."]
)
JA_END = st.sampled_from(["。", "！", "？", "」", "。」", "…", ""])
EN_END = st.sampled_from([".", "!", "?", '."', "...", ""])


@st.composite
def ja_sentence(draw: st.DrawFn) -> str:
    body = draw(st.lists(st.one_of(JA_CHARS, JA_CHARS, HOSTILE, ANY_CHAR), min_size=1, max_size=25))
    opener = draw(st.sampled_from(["", "「", "『", "（"]))
    return opener + "".join(body) + draw(JA_END)


@st.composite
def en_sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(EN_WORDS, EN_WORDS, HOSTILE, ANY_CHAR), min_size=1, max_size=12))
    return " ".join(words) + draw(EN_END)


def document_text(sentence: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    separators = st.sampled_from([" ", "", "\n", "\r\n", "\r", "\n\n", "\u3000", "\t"])
    return st.lists(st.tuples(sentence, separators), max_size=14).map(
        lambda xs: "".join(a + b for a, b in xs)
    )


JA_TEXT = st.one_of(document_text(ja_sentence()), st.text(ANY_CHAR, max_size=200))
EN_TEXT = st.one_of(document_text(en_sentence()), st.text(ANY_CHAR, max_size=200))
PRESEG = st.booleans()

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The real rules tokenise with fugashi and look names up in JMdict: fewer, costlier examples.
PIPELINE = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def pair(ja_text: str, en_text: str, presegmented: bool) -> tuple[Document, Document]:
    return (
        segment(ja_text, "ja", "ja.txt", presegmented),
        segment(en_text, "en", "en.txt", presegmented),
    )


# --- segmentation ------------------------------------------------------------------------


def assert_offsets_reconstruct(doc: Document) -> None:
    owner = [-1] * len(doc.text)
    previous_end = 0
    for i, s in enumerate(doc.segments):
        assert s.index == i
        assert doc.text[s.start : s.end] == s.text
        assert s.start >= previous_end, "segments overlap or go backwards"
        previous_end = s.end
        for k in range(s.start, s.end):
            owner[k] = i
    if doc.presegmented:
        # One segment per line: as many segments as lines, each line's text trimmed.
        lines = re.split(r"\r\n|\r|\n", doc.text) if doc.text else []
        if re.search(r"(\r\n|\r|\n)$", doc.text):
            lines.pop()
        assert [s.text for s in doc.segments] == [ln.strip() for ln in lines]
    else:
        for k, ch in enumerate(doc.text):
            if not ch.isspace():
                assert owner[k] >= 0, f"{ch!r} at {k} is in no segment"


@FAST
@given(text=st.one_of(JA_TEXT, EN_TEXT), lang=st.sampled_from(["ja", "en"]), presegmented=PRESEG)
def test_segmentation_offsets_reconstruct_the_input(text: str, lang: str, presegmented: bool) -> None:
    doc = segment(text, lang, "x.txt", presegmented)  # type: ignore[arg-type]
    assert_offsets_reconstruct(doc)


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.one_of(st.sampled_from("ab \r\n"), ANY_CHAR), max_size=60), data=st.data())
def test_line_col_matches_a_naive_count(text: str, data: st.DataObject) -> None:
    doc = Document(text, "en", ())
    offset = data.draw(st.integers(0, len(text)))
    head = text[:offset]
    if head.endswith("\r") and text[offset : offset + 1] == "\n":
        head = head[:-1]  # the LF of a CRLF belongs to the line its CR ends
    line = len(re.findall(r"\r\n|\r|\n", head)) + 1
    last_break = max(head.rfind("\n"), head.rfind("\r"))
    assert doc.line_col(offset) == (line, offset - last_break)


# --- alignment ----------------------------------------------------------------------------


def assert_covers_once_monotonically(beads: Any, n_en: int, n_ja: int) -> None:
    en_seen: list[int] = []
    ja_seen: list[int] = []
    for b in beads:
        assert b.en or b.ja, "empty bead"
        assert list(b.en) == sorted(b.en) and list(b.ja) == sorted(b.ja)
        en_seen.extend(b.en)
        ja_seen.extend(b.ja)
    # Concatenated in bead order, each side is exactly 0..n-1: every sentence once, in order.
    assert en_seen == list(range(n_en))
    assert ja_seen == list(range(n_ja))


@PIPELINE
@given(ja_text=JA_TEXT, en_text=EN_TEXT, presegmented=PRESEG)
def test_alignment_covers_every_sentence_once_monotonically(
    ja_text: str, en_text: str, presegmented: bool
) -> None:
    ja, en = pair(ja_text, en_text, presegmented)
    alignment = align(en, ja)
    assert_covers_once_monotonically(alignment.beads, len(en), len(ja))
    assert alignment.signature


@pytest.mark.parametrize(
    ("n_ja", "n_en"),
    [
        (0, 0),
        (0, 50),
        (50, 0),
        (1, 150),
        (5, 400),
        (150, 1),  # raised "no alignment path inside the band" before 814e089 (found by fuzzing)
        (400, 5),
    ],
)
def test_alignment_of_very_unequal_sides(n_ja: int, n_en: int) -> None:
    """An MT that dropped or invented most sentences still gets a complete, monotonic alignment."""
    ja = segment("これは文です。" * n_ja, "ja", "ja.txt")
    en = segment("Hello world. " * n_en, "en", "en.txt")
    assert_covers_once_monotonically(align(en, ja).beads, len(en), len(ja))


# --- JSON output and its schema --------------------------------------------------------------


@lru_cache(maxsize=1)
def validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_ships_in_the_package() -> None:
    from importlib.resources import files

    shipped = files("align").joinpath("schema/check.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped)["title"] == "align check --format json"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"**/*.json"' in pyproject  # package-data carries it into wheels


def test_schema_rejects_a_broken_result() -> None:
    good = {
        "version": 1,
        "signature": "",
        "ja": {"path": "", "sentences": []},
        "en": {"path": "", "sentences": []},
    }
    assert list(validator().iter_errors({**good, "alignment": [], "findings": []})) == []
    assert list(
        validator().iter_errors({**good, "alignment": [{"en": [-1], "ja": [], "score": 0}], "findings": []})
    )
    assert list(validator().iter_errors({**good, "alignment": []}))  # findings missing
    finding = {"rule": "AL201", "name": "name-variant", "category": "name-variant", "severity": "error",
               "message": "m", "ja": [0], "en": [0], "spans": [], "expected": None}  # fmt: skip
    assert validator().is_valid({**good, "alignment": [], "findings": [finding]})
    for key, wrong in [
        ("rule", "x"),
        ("category", "nope"),
        ("severity", "fatal"),
        ("ja", [-1]),
        ("expected", 3),
    ]:
        assert not validator().is_valid({**good, "alignment": [], "findings": [{**finding, key: wrong}]}), key


@lru_cache(maxsize=64)
def checked(ja_text: str, en_text: str, presegmented: bool) -> CheckResult:
    ja, en = pair(ja_text, en_text, presegmented)
    return check(ja, en, "prop")


@PIPELINE
@given(ja_text=JA_TEXT, en_text=EN_TEXT, presegmented=PRESEG)
def test_json_output_validates_against_the_schema(ja_text: str, en_text: str, presegmented: bool) -> None:
    from align.report import json as json_report

    result = checked(ja_text, en_text, presegmented)
    payload = json.loads(json_report.render([result]))
    errors = sorted(validator().iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, f"{list(errors[0].path)}: {errors[0].message}"
    assert_covers_once_monotonically(
        [type("B", (), b) for b in payload["alignment"]], len(result.en), len(result.ja)
    )
    # Findings point at sentences that exist, and spans at text inside them.
    for f in result.findings:
        for s in f.spans:
            doc = result.ja if s.side == "ja" else result.en
            sentence = doc.segments[s.sentence].text
            assert 0 <= s.start <= s.end <= len(sentence)


# --- exports ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def tmx_dtd() -> Any:
    from lxml import etree

    return etree.DTD(str(TMX_DTD))


def _export(fmt: str, result: CheckResult) -> bytes:
    from align.export import EXPORTERS, ExportOptions

    options = ExportOptions.create()
    return EXPORTERS[fmt]().serialize(bitext_of(result, options), options).data


@PIPELINE
@example(ja_text="\ud800。 ", en_text="The Mr.. ", presegmented=False)  # a lone surrogate
@given(ja_text=JA_TEXT, en_text=EN_TEXT, presegmented=PRESEG)
def test_exports_are_valid(ja_text: str, en_text: str, presegmented: bool, tmp_path_factory: Any) -> None:
    import polib
    from lxml import etree

    result = checked(ja_text, en_text, presegmented)
    tmx = etree.fromstring(_export("tmx", result))  # well-formed, or this raises
    assert tmx_dtd().validate(tmx), tmx_dtd().error_log.filter_from_errors()
    for seg in tmx.iter("seg"):
        assert (seg.text or "").strip(), "an empty <seg> becomes an empty translation in OmegaT"
    etree.fromstring(_export("tbx", result))  # TBX: well-formed
    po_path = Path(tmp_path_factory.mktemp("po")) / "prop.po"
    po_path.write_bytes(_export("po", result))
    po = polib.pofile(str(po_path))
    # Every English unit is an entry (issue 21): an omitted one has an empty msgstr to fill.
    english = [b for b in result.alignment.beads if b.en]
    assert len(po) <= len(english)
    for entry in po:
        assert entry.msgid.strip()


# --- HTML report -----------------------------------------------------------------------------

INJECTIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<x-inj id=pwn>",
    "</td></tr></table><iframe src=javascript:alert(1)>",
    "{{ 7*7 }}{% if 1 %}",
    "<!-- ]]> -->",
    "&lt;b&gt;&amp;",
]


@lru_cache(maxsize=1)
def baseline_markup() -> tuple[int, frozenset[tuple[str, str]]]:
    """Script count and (tag, attribute) pairs of a page rendered from harmless text."""
    from lxml import html

    page = html.document_fromstring(
        _render(checked("これは文です。次の文です。", "This is one. This is two.", False))
    )
    pairs = {(el.tag, a) for el in page.iter() if isinstance(el.tag, str) for a in [*el.attrib, ""]}
    return len(page.xpath("//script")), frozenset(pairs)


def _render(result: CheckResult) -> str:
    from align.report.html import render

    return render(result)


@PIPELINE
@given(
    ja_text=JA_TEXT,
    en_text=EN_TEXT,
    injections=st.lists(st.sampled_from(INJECTIONS), min_size=1, max_size=3),
)
@example(
    ja_text="",
    en_text="The The. The. The. The. ",
    injections=["{{ 7*7 }}{% if 1 %}", "<!-- ]]> -->", "<script>alert(1)</script>"],
)  # highlighted digits carry reference numbers
def test_html_report_escapes_everything(ja_text: str, en_text: str, injections: list[str]) -> None:
    from lxml import html

    evil = "".join(injections)
    result = checked(f"{ja_text}\n社長は{evil}と述べた。", f"{en_text}\nThe boss said {evil} today.", False)
    page = html.document_fromstring(_render(result))
    scripts, allowed = baseline_markup()
    assert len(page.xpath("//script")) == scripts
    for el in page.iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag not in {"img", "iframe", "x-inj"}
        for attr in el.attrib:
            # No attribute the harmless page lacks (an injected onerror=, src=...).
            assert (el.tag, attr) in allowed or not attr.startswith("on"), (el.tag, attr)
    # A finding's reference number (<sup aria-hidden>) interleaves with a highlighted digit; it is
    # decoration, not the text, so the literal check reads the page without it.
    for ref in page.xpath("//sup[@aria-hidden='true']"):
        ref.drop_tree()
    text = page.text_content()
    for piece in injections:
        assert piece.replace("\x00", "") in text, piece  # shown literally, as text


@pytest.mark.parametrize("evil", INJECTIONS)
def test_html_report_shows_each_injection_literally(evil: str) -> None:
    from lxml import html

    result = checked(f"社長は{evil}と述べた。", f"The boss said {evil} today.", False)
    source = _render(result)
    page = html.document_fromstring(source)
    assert evil in page.text_content()  # shown literally (findings may highlight parts of it)
    assert not page.xpath("//img | //iframe | //x-inj")
    if "<" in evil:
        assert evil not in source  # never copied raw into the markup


@pytest.mark.parametrize(
    "pair_dir", sorted(p.name for p in (ROOT / "sources").iterdir() if (p / "ja.txt").is_file())
)
def test_json_of_the_source_pairs_validates(pair_dir: str) -> None:
    """The real articles, with their real findings, through the real CLI."""
    from click.testing import CliRunner

    from align.cli import main

    d = ROOT / "sources" / pair_dir
    result = CliRunner().invoke(main, ["check", str(d / "ja.txt"), str(d / "en.txt"), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    errors = list(validator().iter_errors(payload))
    assert not errors, errors[0].message
    assert payload["findings"], "the source pairs have known defects"


# --- decoding ------------------------------------------------------------------------------

JA_PROSE = st.lists(ja_sentence().filter(lambda s: s.isprintable()), min_size=1, max_size=8).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(JA_PROSE, EN_TEXT.filter(str.isprintable)),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_unicode_files_decode_exactly(text: str, encoding: str) -> None:
    from align.errors import InputError
    from align.files import decode

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # lone surrogates cannot be in a file
    try:
        decoded = decode(data, "x.txt").text
    except InputError as exc:
        # Only a text made mostly of control characters may be refused, and only as binary.
        assert exc.message == "binary file, not text", exc.message
        return
    assert decoded == text


@settings(max_examples=100, deadline=None)
@given(
    sentences=st.lists(
        st.text(
            st.sampled_from(list("あいうえおかきくけこさしすせそアイウエオ日本語東京社長は、") + ["。"]),
            min_size=8,
        ),
        min_size=3,
        max_size=10,
    ),
    encoding=st.sampled_from(["shift_jis", "cp932", "euc_jp"]),
)
def test_legacy_japanese_files_decode_exactly(sentences: list[str], encoding: str) -> None:
    from align.files import decode

    # Real prose has kana; detection requires it, so that stray bytes never pass for kanji.
    text = "。\n".join("これは" + x for x in sentences) + "。\n"
    assert decode(text.encode(encoding), "ja.txt").text == text


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "euc_jp"])
def test_punctuation_heavy_legacy_files_decode_exactly(encoding: str) -> None:
    """Found by the property above: charset-normalizer returned nothing Japanese for lines that
    are mostly 、 and 。; a strict decode that reads as Japanese now settles it."""
    from align.files import decode

    lines = ["、、、、、、。、", "、、、、、、。、", "、、、、、、、、"]
    text = "。\n".join("これは" + x for x in lines) + "。\n"
    assert decode(text.encode(encoding), "ja.txt").text == text
