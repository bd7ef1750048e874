"""Pairing of English and Japanese quantities inside a bead, against tests/phrases/cases/numbers.json.

Failing cases hold one defect each (scale, value, unit, currency, date, swapped, missing,
extra); passing cases are correct renderings that must give no mismatch at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from align.lexicon.quantities import en_quantities, ja_quantities
from align.model import NUMBER_REASONS
from align.phrases.numbers import NumberMismatch, describe, match_quantities

DATA = json.loads((Path(__file__).parent / "cases" / "numbers.json").read_text(encoding="utf-8"))


def _run(case: dict[str, Any]) -> tuple[list[Any], list[NumberMismatch]]:
    en, ja = case["en"], case["ja"]
    return match_quantities(en_quantities(en), ja_quantities(ja), en_text=en, ja_text=ja)


def _shown(mismatches: list[NumberMismatch]) -> list[str]:
    return [m.message for m in mismatches]


@pytest.mark.parametrize("case", DATA["fail"], ids=[c["name"] for c in DATA["fail"]])
def test_fail_case(case: dict[str, Any]) -> None:
    _, mismatches = _run(case)
    got = [
        {"reason": m.reason, "en": m.en.text if m.en else None, "ja": m.ja.text if m.ja else None}
        for m in mismatches
    ]
    assert got == case["mismatches"], _shown(mismatches)
    for m in mismatches:
        assert m.reason in NUMBER_REASONS
        # The message names both sides, as written.
        for side in (m.en, m.ja):
            if side is not None:
                assert side.text in m.message


@pytest.mark.parametrize("case", DATA["pass"], ids=[c["name"] for c in DATA["pass"]])
def test_pass_case(case: dict[str, Any]) -> None:
    matches, mismatches = _run(case)
    assert mismatches == [], _shown(mismatches)
    pairs = [[m.en.text, m.ja.text] for m in matches]
    for pair in case.get("matches", []):
        assert pair in pairs, pairs


def test_message_names_both_amounts() -> None:
    case = next(c for c in DATA["fail"] if c["name"] == "aud-as-usd")
    (m,) = _run(case)[1]
    assert m.message == (
        "3億1500万米ドル (USD 315,000,000) does not match the English A$315mn (AUD 315,000,000): "
        "the currency differs"
    )


def test_swaps_need_context() -> None:
    """Without the sentences, crossed values in the same kind are two plain matches."""
    case = next(c for c in DATA["fail"] if c["name"] == "swapped-counts")
    matches, mismatches = match_quantities(en_quantities(case["en"]), ja_quantities(case["ja"]))
    assert [m.reason for m in mismatches] == []
    assert len(matches) == 2


def test_empty_sides() -> None:
    assert match_quantities([], []) == ([], [])
    (q,) = en_quantities("The fund raised $12mn.")
    matches, mismatches = match_quantities([q], [])
    assert matches == [] and [m.reason for m in mismatches] == ["missing"]


def test_describe() -> None:
    assert describe(ja_quantities("2025年6月4日")[0]) == "June 4, 2025"
    assert describe(en_quantities("It rose 0.7 percentage points.")[0]) == "0.7 percentage points"
    assert describe(en_quantities("It stores 24,000MWh.")[0]) == "24,000 MWh"


def test_deterministic() -> None:
    case = DATA["fail"][0]
    assert _run(case) == _run(case)
