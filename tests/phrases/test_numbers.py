"""Pairing of English and Japanese quantities inside a bead, against tests/phrases/cases/numbers.json.

Failing cases hold one defect each (scale, value, unit, currency, date, swapped, missing,
extra); passing cases are correct renderings that must give no mismatch at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from align.lexicon.quantities import IMPERIAL, en_quantities, ja_quantities, kind_key, number_keys
from align.model import NUMBER_REASONS
from align.phrases.numbers import NumberMismatch, describe, match_quantities

DATA = json.loads((Path(__file__).parent / "cases" / "numbers.json").read_text(encoding="utf-8"))


def _run(case: dict[str, Any]) -> tuple[list[Any], list[NumberMismatch]]:
    en, ja = case["en"], case["ja"]
    # As the phrase layer does: the bead's Japanese may name a currency (N585 beside ナイラ).
    return match_quantities(en_quantities(en, ja), ja_quantities(ja), en_text=en, ja_text=ja)


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


def _keys(q: Any) -> set[str]:
    return {k for group in number_keys(q) for k in group}


def _all_keys(q: Any) -> set[str]:
    return _keys(q) | ({kind_key(q)} - {""})


@pytest.mark.parametrize("case", DATA["pass"], ids=[c["name"] for c in DATA["pass"]])
def test_aligner_reads_numbers_as_the_rules_do(case: dict[str, Any]) -> None:
    """Every pair the rules call equal gives the aligner a shared key, unless one side's value is
    only implied by a word ("a week", "first", 半年), which gives the aligner no key at all, or
    is an imperial measure converted within 3 %."""
    matches, _ = _run(case)
    for m in matches:
        ke, kj = _keys(m.en), _keys(m.ja)
        # Miles and °F are converted within 3 %: no exact key can hold that.
        if ke and kj and not {m.en.unit, m.ja.unit} & IMPERIAL:
            assert ke & kj, (m.en.text, m.ja.text, ke, kj)


@pytest.mark.parametrize(
    ("en", "ja"),
    [
        (
            "Brindle paid $1.5bn for 3,200 homes in June 2024.",
            "ブリンドルは2024年6月に住宅3200戸を15億ドルで購入した。",
        ),
        ("The 90-minute drill starts at 11am.", "90分間の訓練は午前11時に始まる。"),
        ("It sold 120 vans.", "バン120台を販売した。"),
    ],
)
def test_same_text_same_numbers_for_aligner_and_rules(en: str, ja: str) -> None:
    """The aligner's keys are read off the very quantities the rules pair."""
    from align.lexicon.keys import en_keys as _en_keys
    from align.lexicon.keys import ja_units as _ja_token_keys

    en_keys = {k for k in _en_keys(en, 5) if k.startswith("#")}
    ja_keys = {k for _, keys in _ja_token_keys(ja, 5) for k in keys if k.startswith("#")}
    assert en_keys == {k for q in en_quantities(en) for k in _all_keys(q)}
    assert ja_keys == {k for q in ja_quantities(ja) for k in _all_keys(q)}
    assert en_keys & ja_keys


def test_a_changed_number_is_partial_evidence_for_its_bead() -> None:
    """8% rendered as 18%: the value keys differ, the kind key (a percentage) still matches."""
    from align.lexicon.keys import en_keys as _en_keys
    from align.lexicon.keys import ja_units as _ja_token_keys

    en_keys = set(_en_keys("Sales at Brindlemark rose 8%.", 5))
    ja_keys = {k for _, keys in _ja_token_keys("ブリンドルマークの売上高は18%増えた。", 5) for k in keys}
    assert "#8" in en_keys and "#18" in ja_keys and "#8" not in ja_keys
    assert "#~percent" in en_keys & ja_keys


def test_weak_tie_is_said_and_lowers_the_severity() -> None:
    """Two changed percentages with nothing around them to tell them apart: paired by position,
    and the rule says so at warning level."""
    from align.model import Severity
    from tests.rules.test_cases import run_case

    en, ja = "Prices rose 3% in May and 5% in June.", "価格は5月に4%、6月に6%上昇した。"
    _, mismatches = match_quantities(en_quantities(en), ja_quantities(ja), en_text=en, ja_text=ja)
    assert [m.strong for m in mismatches] == [False, False]
    assert all(m.message.endswith("(paired by position only)") for m in mismatches)
    findings = run_case("AL401", {"en": en, "ja": ja, "beads": "[0]:[0]"})
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]


def test_strong_tie_stays_an_error() -> None:
    from align.model import Severity
    from tests.rules.test_cases import run_case

    findings = run_case(
        "AL401", {"en": "The index rose to 3.2.", "ja": "指数は3.1に上昇した。", "beads": "[0]:[0]"}
    )
    assert [f.severity for f in findings] == [Severity.ERROR]
