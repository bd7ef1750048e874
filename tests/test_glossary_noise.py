"""The glossary's entries and kinds (issue 21, "Glossary noise"), on invented pairs.

A sentence-initial ordinary word is no term; products and events have their own kinds, not
"organization".
"""

from __future__ import annotations

from align.model import GlossaryEntry
from align.pipeline import check
from align.segment import segment


def _glossary(en: str, ja: str) -> dict[str, GlossaryEntry]:
    result = check(segment(ja, "ja"), segment(en, "en"))
    assert result.glossary is not None
    return {e.english: e for e in result.glossary}


def test_sentence_initial_common_word_is_no_term() -> None:
    entries = _glossary(
        "Engineers expect Brannick Metals to raise prices. Demand is strong, Brannick said.",
        "エンジニアは、ブラニック・メタルズが値上げすると予想している。需要は強いとブラニックは述べた。",
    )
    assert "Engineers" not in entries
    assert "Brannick Metals" in entries


def test_a_word_capitalised_inside_a_sentence_stays_a_name() -> None:
    # "Harbour" is an ordinary word, but the text capitalises it inside a sentence: a name.
    entries = _glossary(
        "Harbour opened a store. Sales at Harbour rose.",
        "ハーバーが店を開いた。ハーバーの売上は伸びた。",
    )
    assert "Harbour" in entries


def test_products_and_events_have_their_own_kinds() -> None:
    entries = _glossary(
        "Its flagship product, Velocore, sells well. The Harvest Day sale starts on Friday. "
        "Orlenvia Metals makes steel.",
        "主力製品の「ベロコア」はよく売れている。ハーベストデーのセールは金曜日に始まる。"
        "オーレンビア・メタルズは鉄鋼を作る。",
    )
    assert entries["Velocore"].kind == "product"
    assert entries["Harvest Day"].kind == "event"
    assert entries["Orlenvia Metals"].kind == "organization"
