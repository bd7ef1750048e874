"""AL303 truncated-short reads the length ratio from the alignment's typed field, not its signature."""

from __future__ import annotations

import pytest

from align.model import Alignment, Bead
from align.rules import Context, get_rule
from align.segment import segment

_EN = (
    "The observatory, which opened in 1921 and keeps 8,000 glass plates, "
    "reported a record number of night visitors this winter."
)
_JA = "天文台は記録を報告した。"


def _findings(ratio: float, signature: str = "case") -> list[str]:
    ja = segment(_JA, "ja", "ja.txt")
    en = segment(_EN, "en", "en.txt")
    alignment = Alignment((Bead((0,), (0,), 1.0),), signature, ratio=ratio)
    rule = get_rule("AL303")({})
    return [f.message for f in rule.check(Context(ja, en, alignment, (), {"AL303": {}}))]


def test_short_against_the_models_ratio() -> None:
    # 2 English characters per Japanese one: about 62 Japanese characters are expected, 12 are there.
    assert _findings(2.0) == [f"12 characters where the English predicts about {len(_EN) / 2.0:.0f}"]


def test_long_enough_for_a_wordier_model() -> None:
    assert _findings(10.0) == []


@pytest.mark.parametrize("ratio", [0.0, 0.004])
def test_no_model_ratio_falls_back_to_the_beads(ratio: float) -> None:
    """Without a ratio (0, or 0.00 at the two decimals the rule uses) the one-to-one beads would
    give it, but a single bead is too few: no verdict rather than a guess."""
    assert _findings(ratio) == []


def test_signature_text_is_not_read() -> None:
    assert _findings(0.0, "align:0.1.0|len:gc-ratio=2.00|band:40") == []
