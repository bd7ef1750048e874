"""Quantities found in English and Japanese sentences, against tests/lexicon/cases/quantities.json.

Everything is real: UniDic through fugashi for kanji numerals, kanjize for their values,
JMdict for the English nouns that count things.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.lexicon.quantities import KINDS, Quantity, en_quantities, ja_quantities

CASES = json.loads((Path(__file__).parent / "cases" / "quantities.json").read_text(encoding="utf-8"))["cases"]


def _extract(lang: str, text: str) -> list[Quantity]:
    return en_quantities(text) if lang == "en" else ja_quantities(text)


def _fields(q: Quantity, want: dict[str, Any]) -> dict[str, Any]:
    got: dict[str, Any] = {}
    for key, expected in want.items():
        value = getattr(q, key)
        if key == "value" and math.isclose(value, expected, rel_tol=1e-6):
            value = expected
        if key == "date" and value is not None:
            value = list(value)
        got[key] = value
    return got


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    found = _extract(case["lang"], case["text"])
    shown = [(q.text, q.kind, q.unit, q.value, q.counter, q.date, q.approx) for q in found]
    assert len(found) == len(case["expect"]), shown
    for q, want in zip(found, case["expect"], strict=True):
        assert _fields(q, want) == want, shown
    for s in case.get("absent", []):
        assert not any(s in q.text for q in found), shown


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_spans_point_into_the_text(case: dict[str, Any]) -> None:
    for q in _extract(case["lang"], case["text"]):
        assert case["text"][q.start : q.end] == q.text
        assert q.kind in KINDS


def test_no_kanji_numeral_inside_words() -> None:
    """一 of 一方/統一/一般 and 十 of 十分 (enough) are words, not numbers."""
    assert ja_quantities("一方、統一後の一般会計は十分だった。") == []


def test_kanji_numeral_values_come_from_kanjize() -> None:
    (q,) = ja_quantities("出席者は百二十三万四千五百六十七人だった。")
    assert (q.value, q.counter) == (1234567, "人")


def test_deterministic() -> None:
    text = "The A$265mn plan adds 1,750MWh by June 4, 2025, about 40% more than the 420MW of 2021."
    assert en_quantities(text) == en_quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for q in [*en_quantities(text), *ja_quantities(text)]:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in KINDS


_PIECES = st.sampled_from(
    "3 12 1,500 2.5 $ A$ ¥ € £ W mn bn tn k % km MW MWh C ℃ 度 人 台 戸 万 億 兆 円 ドル 豪ドル ウォン "
    "一 二 十 百 千 〇 年 月 日 カ月 週間 分 秒 時 第 約 〜 - to between and minus マイナス "
    "June May fiscal FY port ポート v1.2.3 == : . , 、 。 the staff homes weeks minutes percent "
    "points".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join), st.lists(_PIECES, max_size=12).map("".join))
def test_number_like_text_never_crashes(spaced: str, glued: str) -> None:
    for text in (spaced, glued):
        for q in [*en_quantities(text), *ja_quantities(text)]:
            assert text[q.start : q.end] == q.text
            assert math.isfinite(q.value)


def test_loose_numbers_are_the_digits_no_quantity_covers() -> None:
    """Digits inside codes and names, after a slash, and the English words the grammar leaves
    unread, as values with unit "code"; nothing of a URL or of a quantity."""
    from align.lexicon.quantities import loose_numbers

    en = "Multiply theta1 by (P+R)/2 for the 12 rows once, see www.velmont2.example, zero or one."
    got = [(q.text, q.value, q.unit) for q in loose_numbers(en, en_quantities(en))]
    assert got == [("once", 1.0, "code"), ("zero", 0.0, "code"), ("one", 1.0, "code"), ("1", 1.0, "code"),
                   ("2", 2.0, "code")]
    ja = "シータ1にa2を掛け、ケルド駐在所は３年目。"
    assert [(q.text, q.value) for q in loose_numbers(ja, ja_quantities(ja))] == [("2", 2.0)]


def test_fold_is_per_character_nfkc_where_it_gives_one_other_character() -> None:
    """fold's table is filled per character on first sight; every code point folds as the rule
    says: NFKC where it gives one other character (outside CJK ideographs, Hangul syllables and
    the planes beyond the BMP), the dashes as "-", anything else kept; the length is kept."""
    import unicodedata

    from align.lexicon.quantities import fold

    def expected(code: int) -> str:
        ch = chr(code)
        if ch in "\u2010\u2011\u2012\u2013\u2212":
            return "-"
        if 0x80 <= code < 0x3400 or 0xA000 <= code < 0xAC00 or 0xD800 <= code < 0x10000:
            n = unicodedata.normalize("NFKC", ch)
            return n if len(n) == 1 else ch
        return ch

    codes = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    text = "".join(map(chr, codes))
    assert fold(text) == "".join(map(expected, codes))
    assert fold("ｋｍ ２０％ ￥５ ‐") == "km 20% ¥5 -"
