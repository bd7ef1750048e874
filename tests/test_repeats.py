"""The repeat analysis (align.rules.restatement): one typed record per repeating sentence, read by
the duplicate rule and the addition rule alike. Invented texts, the real tokenizer and JMdict."""

from __future__ import annotations

import gc

from align.aligner import align
from align.lexicon.keys import _PAIRS, pair_keys
from align.lexicon.tokens import tokenize
from align.rules import Context
from align.rules.duplicate import Duplicate
from align.rules.omission import Addition
from align.rules.restatement import Repeat, RepeatSettings, find_repeats
from align.segment import segment

EN = (
    "The council approved the budget on Thursday. "
    "Repairs to bridges in the north have been delayed for years, Councillor Ambrel said. "
    "The council will vote on the school plan in May."
)
ORIGINAL = "アンブレル市議によると、北部の橋の修理は何年も先送りされてきた。"
REWORDED = "北部の橋の補修は長年にわたり遅れていると同氏は話した。"
JA = "市議会は木曜日、予算案を承認した。" + ORIGINAL + REWORDED + "市議会は5月に学校計画を採決する。"


def _pair(ja: str, en: str) -> tuple[Context, tuple[Repeat, ...]]:
    j, e = segment(ja, "ja"), segment(en, "en")
    ctx = Context(j, e, align(e, j))
    return ctx, find_repeats(j, e, ctx.alignment, lambda k: tokenize(j.segments[k].text))


def test_a_reworded_repeat_is_one_typed_record() -> None:
    ctx, repeats = _pair(JA, EN)
    assert repeats == ctx.repeats(RepeatSettings())
    assert [(r.ja, r.of, r.how) for r in repeats] == [(2, 1, "restated")]
    assert repeats[0].gap == 1 and 50 <= repeats[0].score <= 100


def test_the_duplicate_and_addition_rules_read_the_same_records() -> None:
    ctx, repeats = _pair(JA, EN)
    duplicates = list(Duplicate().check(ctx))
    assert [f.ja for f in duplicates] == [(r.ja,) for r in repeats]
    assert duplicates[0].data["repeats"] == repeats[0].of
    assert not list(Addition().check(ctx))


def test_settings_bound_what_counts() -> None:
    j, e = segment(JA, "ja"), segment(EN, "en")
    alignment = align(e, j)
    strict = RepeatSettings(min_chars=100)
    assert find_repeats(j, e, alignment, lambda k: tokenize(j.segments[k].text), strict) == ()


def test_a_sentence_with_new_content_is_no_repeat() -> None:
    added = "この遅れにより、通学路の安全が脅かされていると保護者らは訴えている。"
    _, repeats = _pair(JA.replace(REWORDED, added), EN)
    assert repeats == ()


def test_keys_are_built_once_per_live_pair() -> None:
    j, e = segment(JA, "ja"), segment(EN, "en")
    first = pair_keys(e, j, 5, 40)
    assert pair_keys(e, j, 5, 40) is first
    before = len(_PAIRS)
    del j, e, first
    gc.collect()
    assert len(_PAIRS) < before
