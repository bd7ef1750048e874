"""align.terms: names and their renderings found through the real alignment, and the glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.glossary import build_glossary
from align.model import GlossaryEntry, Variant
from align.phrases.renderings import find_renderings, script_of
from align.pipeline import CheckResult, check, load_pair
from align.segment import segment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed() -> CheckResult:
    ja, en = load_pair(
        ROOT / "sources" / "openai-musk" / "ja.txt", ROOT / "sources" / "openai-musk" / "en.txt"
    )
    return check(ja, en)


def _entry(entries: tuple[GlossaryEntry, ...], english: str) -> GlossaryEntry:
    return next(e for e in entries if e.english == english)


def test_lehane_three_renderings_via_alignment(seed: CheckResult) -> None:
    lehane = _entry(seed.glossary, "Lehane")
    forms = {v.form: v for v in lehane.variants}
    assert set(forms) == {"レーン", "リーン", "リーハイガン"}
    # A three-way tie: the first occurrence wins; the others are deprecated variants.
    assert lehane.preferred is not None and lehane.preferred.form == "レーン"
    assert forms["リーン"].status == forms["リーハイガン"].status == "deprecated"
    assert forms["リーハイガン"].sentences == (16,)
    assert lehane.kind == "person"


def test_counts_preferred_example(seed: CheckResult) -> None:
    altman = _entry(seed.glossary, "Altman")
    assert [(v.form, v.count, v.status) for v in altman.variants] == [
        ("アルトマン", 6, "preferred"),
        ("オルトマン", 1, "deprecated"),
    ]
    assert altman.variants[1].sentences == (5,)
    en_example, ja_example = altman.example
    assert "Altman" in en_example and "アルトマン" in ja_example
    openai = _entry(seed.glossary, "OpenAI")
    assert openai.preferred is not None and openai.preferred.form == "OpenAI"
    assert {v.form for v in openai.variants} == {"OpenAI", "オープンAI"}
    assert _entry(seed.glossary, "Chris Lehane").variants[0].form == "クリス・レーン"


def test_user_glossary_overrides_preferred(seed: CheckResult) -> None:
    user = [GlossaryEntry("Altman", "person", (Variant("オルトマン", 0, "preferred"),))]
    entries = build_glossary(seed.ja, seed.en, seed.alignment, user)
    altman = _entry(entries, "Altman")
    assert altman.preferred is not None and altman.preferred.form == "オルトマン"
    assert {v.status for v in altman.variants if v.form == "アルトマン"} == {"deprecated"}


def test_user_terms_absent_from_text_are_kept(seed: CheckResult) -> None:
    user = [GlossaryEntry("Quillfeather", "product", (Variant("クイルフェザー", 0, "preferred"),))]
    entries = build_glossary(seed.ja, seed.en, seed.alignment, user)
    quill = _entry(entries, "Quillfeather")
    assert quill.kind == "product"
    assert [(v.form, v.count, v.status) for v in quill.variants] == [("クイルフェザー", 0, "preferred")]


def test_given_names_only_used_in_full_names_are_folded(seed: CheckResult) -> None:
    names = {e.english for e in seed.glossary}
    # "Chris" and "Reid" only occur inside "Chris Lehane" / "Reid Hoffman"; "Elon" also stands alone.
    assert {"Chris Lehane", "Reid Hoffman", "Elon", "Elon Musk"} <= names
    assert not names & {"Chris", "Reid", "Donald", "Audemars", "Piguet"}
    assert _entry(seed.glossary, "AI").kind == "term"
    # A full name kept in Latin script is one entry, like a ・-joined katakana one.
    assert [v.form for v in _entry(seed.glossary, "Jensen Huang").variants] == ["Jensen Huang"]
    assert not names & {"Jensen", "Huang"}


def test_general_on_invented_names() -> None:
    en = segment(
        "Marta Kowalczyk runs Brightwater Labs. Kowalczyk said sales rose. "
        "Kowalczyk expects more growth. Brightwater hired staff.",
        "en",
    )
    ja = segment(
        "マルタ・コワルチク氏はブライトウォーター・ラボを率いる。コワルチック氏によると売上は伸びた。"
        "ベルナール氏はさらなる成長を見込む。ブライトウォーターは人員を採用した。",
        "ja",
    )
    result = check(ja, en)
    kowalczyk = _entry(result.glossary, "Kowalczyk")
    assert {v.form for v in kowalczyk.variants} == {"コワルチク", "コワルチック"}
    assert kowalczyk.kind == "person"
    # ベルナール sounds nothing like Kowalczyk: another name in its place, not a spelling of it.
    found = find_renderings(result.ja, result.en, result.alignment)
    assert not [r for r in found if r.form == "ベルナール"]
    assert [f.rule for f in result.findings] == ["AL201", "AL205"]
    assert "ベルナール" in result.findings[1].message and result.findings[0].expected == "Kowalczyk"


def test_reading_and_script() -> None:
    assert script_of("オープンAI") == "mixed"
    assert script_of("青嶺") == "kanji"
    assert script_of("OpenAI") == "latin"
    assert script_of("レーン") == "katakana"
