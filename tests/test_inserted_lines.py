"""Inserted lines that a DP absorbs instead of leaving them without English (issue 18): a
one-word line or a short line sharing only stop words' senses glued into a 1-2 bead, a line
that took the slot of the translation beside it, a line that took the slot of the second
sentence of a two-sentence Japanese line, and a line glued to the front of a 1-3 bead. The
repair pass is given the beads a DP might make (invented pairs, real tokenizer and dictionary)."""

from __future__ import annotations

import pytest
from repair_helpers import EN as BASE_EN
from repair_helpers import JA as BASE_JA
from repair_helpers import repair_keys, repaired

from align.aligner.refine import _adds_nothing, _idle_ends, _swap_additions, _taken_slots

# The third pair is one with more to say than the others.
EN = [*BASE_EN[:2], "The committee approved the new budget for the bridge repairs.", *BASE_EN[3:]]
JA = [*BASE_JA[:2], "委員会は橋の修理のための新しい予算を承認した。", *BASE_JA[3:]]
LOOK = "Before you look at the figures, think about what you always expect the committee to do."
LOOK_JA = "数字を見る前に、委員会が何をするといつも予想しているかを考えてください。"
#: The DP's beads with the line inserted after JA[2] glued into its bead.
GLUED = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]


@pytest.mark.parametrize("inserted", ["乾杯！", "頑張れ。"])
def test_a_one_word_line_sharing_no_specific_word_is_an_addition(inserted: str) -> None:
    ja = [*JA[:3], inserted, *JA[3:]]
    assert ((), (3,)) in repaired(EN, ja, GLUED)


def test_a_one_word_line_its_english_says_stays() -> None:
    # 予算 renders "budget": a clause of a split translation, however short.
    ja = [*JA[:2], "委員会は橋の修理を承認した。", "予算だ。", *JA[3:]]
    assert ((2,), (2, 3)) in repaired(EN, ja, GLUED)


@pytest.mark.parametrize("inserted", ["彼女は外を見ていた。", "彼はいつも前を見ている。"])
def test_a_short_line_sharing_only_stop_word_senses_is_an_addition(inserted: str) -> None:
    # 外 and 前 share "other" and "before" with the English: stop words' senses, which any
    # English sentence has.
    en = [*EN[:2], LOOK, *EN[3:]]
    ja = [*JA[:2], LOOK_JA, inserted, *JA[3:]]
    assert ((), (3,)) in repaired(en, ja, GLUED)


def test_a_short_line_sharing_a_specific_word_stays() -> None:
    # 考える renders "expect" too: a clause of a split translation.
    en = [*EN[:2], LOOK, *EN[3:]]
    ja = [*JA[:2], "数字を見る前に、委員会が何をするといつも思うか。", "それから、事を考えた。", *JA[3:]]
    assert ((2,), (2, 3)) in repaired(en, ja, GLUED)


def test_an_inserted_line_gives_back_the_slot_it_took() -> None:
    ja = [*JA[:2], "雪が降りそうだ。", *JA[2:]]
    # The DP gave the committee's sentence to the inserted line and left its translation out.
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]
    out = repaired(EN, ja, dp)
    assert ((2,), (3,)) in out
    assert ((), (2,)) in out


def test_a_free_translation_beside_an_addition_keeps_its_slot() -> None:
    # The unaligned line says nothing of the committee: the pair stays as it is.
    ja = [*JA[:2], "雪が降りそうだ。", "議会は修繕費を認めた。", *JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]
    assert repaired(EN, ja, dp) == dp


TWO = ["Please pass the salt.", "The soup needs more pepper."]
BOTH = "塩を取ってください。スープにはもっと胡椒が必要だ。"


def test_a_line_that_took_the_slot_of_a_two_sentence_lines_second_sentence_is_an_addition() -> None:
    en = [*EN[:2], *TWO, *EN[3:]]
    ja = [*JA[:2], BOTH, "私は犬を飼っている。", *JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)), ((5,), (5,)), ((6,), (6,))]
    out = repaired(en, ja, dp)
    assert ((2, 3), (2,)) in out
    assert ((), (3,)) in out


def test_a_two_sentence_line_beside_its_second_sentences_translation_stays() -> None:
    en = [*EN[:2], *TWO, *EN[3:]]
    ja = [*JA[:2], "塩を取ってください。お願いします。", "スープにはもっと胡椒が必要だ。", *JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)), ((5,), (5,)), ((6,), (6,))]
    assert repaired(en, ja, dp) == dp


# The steps themselves, after the windows' search (which has no length model in these tests and
# may make the same repair on its own): each must make its move on the beads it is given.


def test_the_slot_step_gives_back_the_slot() -> None:
    ja = [*JA[:2], "雪が降りそうだ。", *JA[2:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]
    out = _swap_additions(repair_keys(EN, ja), dp)
    assert out[2:4] == [((), (2,)), ((2,), (3,))]


def test_the_two_sentence_step_joins_the_english() -> None:
    en = [*EN[:2], *TWO, *EN[3:]]
    ja = [*JA[:2], BOTH, "私は犬を飼っている。", *JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)), ((5,), (5,)), ((6,), (6,))]
    out = _taken_slots(repair_keys(en, ja), dp)
    assert out[2:4] == [((2, 3), (2,)), ((), (3,))]


def test_the_end_step_splits_an_idle_front_of_a_one_to_three_bead() -> None:
    en = [*EN[:2], LOOK, *EN[3:]]
    ja = [
        *JA[:2],
        "彼女は外を見ていた。",
        "数字を見る前に、委員会が何をするか、",
        "いつも予想しているかを考えてください。",
        *JA[3:],
    ]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3, 4)), ((3,), (5,)), ((4,), (6,)), ((5,), (7,))]
    out = _idle_ends(repair_keys(en, ja), dp)
    assert out[2:4] == [((), (2,)), ((2,), (3, 4))]


# A bead whose English line holds two sentences may pair them with two Japanese lines, however
# freely each is rendered; a short line glued to the translation of two long sentences cannot
# render either of them, and the length model says so.
LONG_EN = (
    "After a long and at times heated debate about the rising costs of steel and labour, the city "
    "committee finally approved the new budget for the repairs of the old railway bridge. The works "
    "will begin early in the spring, close two of the four lanes to traffic, and last until the end "
    "of next year if the weather allows it."
)
LONG_JA = (
    "鉄鋼と人件費の高騰をめぐる長く時に白熱した議論の末、市の委員会は古い鉄道橋の修理のための新しい"
    "予算をようやく承認した。工事は春の初めに始まり、四車線のうち二車線を閉鎖し、天候が許せば来年末まで続く。"
)


def test_a_short_line_glued_to_two_long_sentences_adds_nothing() -> None:
    en = [*EN[:2], LONG_EN, *EN[3:]]
    ja = [*JA[:2], "妹はピアノを習っている。", LONG_JA, *JA[3:]]
    assert _adds_nothing(repair_keys(en, ja, lengths=True), (2,), (2, 3))[1] == {2}
    # Without the length model too: it shares no specific word with either sentence, and the
    # line beside it renders them both (see _nothing_of_its_own).
    assert _adds_nothing(repair_keys(en, ja), (2,), (2, 3))[1] == {2}


def test_a_line_rendering_one_of_two_sentences_freely_stays() -> None:
    # 工事 renders "works" of the second sentence, which the first line leaves out.
    en = [*EN[:2], LONG_EN, *EN[3:]]
    first = LONG_JA.split("。")[0] + "。"
    ja = [*JA[:2], first, "工事は春から来年末まで続く。", *JA[3:]]
    assert not _adds_nothing(repair_keys(en, ja), (2,), (2, 3))[1]


def test_two_short_lines_for_two_short_sentences_stay() -> None:
    en = [*EN[:2], "He gave up. It was late.", *EN[3:]]
    ja = [*JA[:2], "彼は諦めた。", "遅い時間だった。", *JA[3:]]
    assert not _adds_nothing(repair_keys(en, ja, lengths=True), (2,), (2, 3))[1]


# A complete sentence glued to its neighbour's translation may share most of its words with the
# English through its pronouns, stop words' senses and the words that translation renders too:
# it renders nothing of its own, and the translation renders what it does not.
@pytest.mark.parametrize("inserted", ["彼は自分の事しか考えない。", "私たちはいつも数字を見ている。"])
def test_a_line_sharing_only_words_the_translation_renders_is_an_addition(inserted: str) -> None:
    en = [*EN[:2], LOOK, *EN[3:]]
    ja = [*JA[:2], LOOK_JA, inserted, *JA[3:]]
    assert _adds_nothing(repair_keys(en, ja, lengths=True), (2,), (2, 3))[1] == {3}
    assert ((), (3,)) in repaired(en, ja, GLUED)


def test_a_clause_rendering_a_word_of_its_own_stays() -> None:
    # 数字 renders "figures", which the other clause does not say.
    en = [*EN[:2], LOOK, *EN[3:]]
    clause = "委員会が何をするといつも予想しているかを考えてください。"
    ja = [*JA[:2], clause, "彼らの数字を見る前に。", *JA[3:]]
    assert not _adds_nothing(repair_keys(en, ja, lengths=True), (2,), (2, 3))[1]
    assert ((2,), (2, 3)) in repaired(en, ja, GLUED)


def test_of_two_lines_rendering_the_same_words_neither_is_taken_for_the_addition() -> None:
    # Each says "budget" and "new" and nothing else of the English: which one renders it is open.
    ja = [*JA[:2], "新しい予算が決まった。", "彼らは新しい予算のことしか考えない。", *JA[3:]]
    assert not _adds_nothing(repair_keys(EN, ja, lengths=True), (2,), (2, 3))[1]
