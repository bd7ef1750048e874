"""Short lines dropped or inserted where the DP's path misplaces them (issue 18, section 4).

The repair pass is given the beads a DP makes of short lines (invented pairs), and the whole
check is run on the same pair: a dropped short sentence whose neighbour's translation took its
place must be the omission, not the neighbour; an inserted short sentence that shares only
stop words' senses or pronouns with its bead's English is an addition.
"""

from __future__ import annotations

import pytest
from repair_helpers import EN, JA, Beads, repaired

from align.pipeline import check
from align.segment import segment


def findings(en: list[str], ja: list[str], rule: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    result = check(
        segment("\n".join(ja) + "\n", "ja", "ja.txt", presegmented=True),
        segment("\n".join(en) + "\n", "en", "en.txt", presegmented=True),
    )
    return [(f.en, f.ja) for f in result.findings if f.rule == rule]


# Short lines: too few words for the repair pass's default judgement of a misplaced sentence.
SHORT_EN = [
    "I like green tea.",
    "Where is the station?",
    "He shut every window.",
    "The dog is asleep.",
    "Call me tonight.",
]
SHORT_JA = [
    "私は緑茶が好きだ。",
    "駅はどこですか。",
    "彼は窓を全部閉めた。",
    "犬は眠っている。",
    "今夜電話して。",
]
DROPPED = [SHORT_JA[0], SHORT_JA[1], *SHORT_JA[3:]]  # "He shut every window." untranslated
RIGHT = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


@pytest.mark.parametrize(
    "dp",
    [
        # The DP left out "Where is the station?" and gave its translation to the dropped sentence.
        [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((4,), (3,))],
        # The translation of the sentence after the gap is paired with the dropped sentence.
        [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,))],
    ],
    ids=["gap-before", "gap-after"],
)
def test_the_omission_moves_to_the_sentence_whose_translation_is_missing(dp: Beads) -> None:
    assert repaired(SHORT_EN, DROPPED, dp) == RIGHT


def test_a_gap_beside_its_true_neighbour_stays() -> None:
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]
    assert repaired(SHORT_EN, DROPPED, dp) == dp


@pytest.mark.parametrize("dropped", [1, 2, 3])
def test_a_dropped_short_line_is_the_omission(dropped: int) -> None:
    for en, ja in ((EN, JA), (SHORT_EN, SHORT_JA)):
        rest = ja[:dropped] + ja[dropped + 1 :]
        assert findings(en, rest, "AL101") == [((dropped,), ())]
        assert not findings(en, rest, "AL102")


# An inserted short sentence whose words share with its bead's English only the senses of
# English stop words (天気 "weather" and "mood", いい "good", 遠い "far", から "since"): no
# evidence that it renders part of that English. Glued into a 1-2 bead by the DP, it comes out
# as an addition, though its pronouns do not hold all it shares.
VAGUE_ONLY = [
    (
        "So the idea here is that you keep the top of the list in mind and come back to it later.",
        "ここでの考え方は、リストの一番上を心に留めて、あとで戻ってくるということです。",
        "そちらの天気はいいですか。",
    ),
    (
        "Now, the one thing about this picture that you have to just remember is where it came from.",
        "さて、この図について覚えておくべきことは、それがどこから来たかということです。",
        "図書館は港から遠いのです。",
    ),
]


@pytest.mark.parametrize(("en_line", "ja_line", "inserted"), VAGUE_ONLY)
def test_a_short_sentence_sharing_only_vague_words_is_an_addition(
    en_line: str, ja_line: str, inserted: str
) -> None:
    en = [*EN[:2], en_line, *EN[3:]]
    ja = [*JA[:2], ja_line, inserted, *JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]
    assert ((), (3,)) in repaired(en, ja, dp)


# A dropped short line whose English the DP glued to its neighbour's bead: the Japanese shares
# with it only the senses of stop words (見せる "show", 私 "me", 家 "home", 案内 "guide"...), so
# only its specific words (bag, touch, late) say whether it is rendered there: they are not.
GLUED_SHORT = [
    ("My cousin sold his car.", "Please show me your bag.", "いとこは私に車を見せて売った。"),
    ("The guide led us through the hall.", "Keep in touch.", "ガイドは私たちをホールに案内してくれた。"),
    ("She painted the fence in the garden.", "He came home late.", "彼女は家の庭の柵にペンキを塗った。"),
]


def _glued(first: str, second: str, ja_line: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    en = [*EN[:2], first, second, *EN[4:]]
    ja = [*JA[:2], ja_line, *JA[4:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,)), ((5,), (4,))]
    return repaired(en, ja, dp)


@pytest.mark.parametrize(("first", "second", "ja_line"), GLUED_SHORT)
def test_a_short_english_line_sharing_only_vague_words_is_left_out(
    first: str, second: str, ja_line: str
) -> None:
    out = _glued(first, second, ja_line)
    assert ((2,), (2,)) in out
    assert ((3,), ()) in out


def test_a_short_english_line_its_japanese_renders_stays_in_the_bead() -> None:
    # お金 and 必要 render "money" and "needed": a 2-1 bead of a free translation.
    ja_line = "いとこはお金が必要だったので車を売った。"
    out = _glued("My cousin sold his car.", "He needed the money.", ja_line)
    assert ((2, 3), (2,)) in out


# A line of two English sentences whose translation is two Japanese lines, beside a dropped
# short sentence: the DP pairs the dropped sentence with the line's second (or first)
# translation, shifted off its bead, and no gap opens. That translation renders the line's
# other sentence and shares only a pronoun with the dropped one, and the line holds as many
# sentences as its two Japanese lines.
SHIFTED = [
    (
        "She tried to stay calm.",
        "The news surprised her.",
        "彼女は落ち着こうとした。",
        "彼女はその知らせに驚いた。",
        "She was happy with her new coat.",
    ),
    (
        "My uncle grows roses.",
        "They smell sweet.",
        "叔父はバラを育てている。",
        "それらは甘い香りがする。",
        "Which bus goes downtown?",
    ),
]
SHORT_DP = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]


@pytest.mark.parametrize(("first", "second", "ja_first", "ja_second", "dropped"), SHIFTED)
def test_a_dropped_sentence_after_a_line_of_two_sentences_is_the_omission(
    first: str, second: str, ja_first: str, ja_second: str, dropped: str
) -> None:
    en = [SHORT_EN[0], f"{first} {second}", dropped, SHORT_EN[4]]
    ja = [SHORT_JA[0], ja_first, ja_second, SHORT_JA[4]]
    assert repaired(en, ja, SHORT_DP) == [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3,), (3,))]


@pytest.mark.parametrize(("first", "second", "ja_first", "ja_second", "dropped"), SHIFTED)
def test_a_dropped_sentence_before_a_line_of_two_sentences_is_the_omission(
    first: str, second: str, ja_first: str, ja_second: str, dropped: str
) -> None:
    en = [SHORT_EN[0], dropped, f"{second} {first}", SHORT_EN[4]]
    ja = [SHORT_JA[0], ja_second, ja_first, SHORT_JA[4]]
    assert repaired(en, ja, SHORT_DP) == [((0,), (0,)), ((1,), ()), ((2,), (1, 2)), ((3,), (3,))]


def test_a_line_of_two_sentences_rendered_as_one_keeps_its_neighbour() -> None:
    # One Japanese sentence renders both English sentences; the next pair shares its words.
    en = [
        SHORT_EN[0],
        "She tried to stay calm. The news surprised her.",
        "She liked her new coat.",
        SHORT_EN[4],
    ]
    ja = [
        SHORT_JA[0],
        "彼女はその知らせに驚いたが、落ち着こうとした。",
        "彼女は新しいコートが気に入った。",
        SHORT_JA[4],
    ]
    assert repaired(en, ja, SHORT_DP) == SHORT_DP


def test_a_repeated_english_sentence_rendered_once_leaves_the_later_one_out() -> None:
    # The DP glued the repeat into a 2-1 bead whose Japanese is one sentence.
    en = [SHORT_EN[0], "Two, four, six, eight.", "Two, four, six, eight.", SHORT_EN[4]]
    ja = [SHORT_JA[0], "2、4、6、8。", SHORT_JA[4]]
    dp = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert repaired(en, ja, dp) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    assert findings(en, ja, "AL101") == [((2,), ())]


def test_two_english_sentences_rendered_as_two_stay_in_their_bead() -> None:
    en = [SHORT_EN[0], "Two, four, six, eight.", "Two, four, six, eight.", SHORT_EN[4]]
    ja = [SHORT_JA[0], "2、4、6、8。2、4、6、8。", SHORT_JA[4]]
    dp = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert repaired(en, ja, dp) == dp


# One English sentence that the translator split over two Japanese lines, beside a dropped
# sentence: without a sentence count to go by, both word tests must hold (the dropped
# sentence shares no specific word with the second line, which renders words of the first).
SPLIT = "Thank you for your help, and I am glad that you came to the party."
THANKS, GLAD = "手伝ってくれてありがとう。", "パーティーに来てくれて嬉しいです。"


def test_a_dropped_sentence_after_a_sentence_split_over_two_lines_is_the_omission() -> None:
    en = [SHORT_EN[0], SPLIT, "Please shut the door.", SHORT_EN[4]]
    ja = [SHORT_JA[0], THANKS, GLAD, SHORT_JA[4]]
    assert repaired(en, ja, SHORT_DP) == [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3,), (3,))]


def test_a_pair_sharing_a_specific_word_after_a_split_sentence_stays() -> None:
    en = [SHORT_EN[0], SPLIT, "The party was fun.", SHORT_EN[4]]
    ja = [SHORT_JA[0], THANKS, GLAD, SHORT_JA[4]]
    assert repaired(en, ja, SHORT_DP) == SHORT_DP


def test_a_dropped_sentence_before_a_2_1_bead_short_of_a_sentence_is_the_omission() -> None:
    # The DP's 2-1 bead holds three English sentences and two Japanese ones; the line before
    # renders the missing one ("My uncle grows roses.") and the dropped sentence not at all.
    en = [
        SHORT_EN[0],
        "She was happy with her new coat.",
        "My uncle grows roses. The news surprised her.",
        "Why did he leave so early?",
        SHORT_EN[4],
    ]
    ja = [
        SHORT_JA[0],
        "叔父はバラを育てている。",
        "彼女はその知らせに驚いた。なぜ彼はそんなに早く帰ったのですか。",
        SHORT_JA[4],
    ]
    dp = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,))]
    assert repaired(en, ja, dp) == [((0,), (0,)), ((1,), ()), ((2, 3), (1, 2)), ((4,), (3,))]
