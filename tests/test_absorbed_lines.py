"""A dropped line that the DP glued to its neighbour's bead (issue 18, section 4).

When the Japanese of one English line is deleted, the DP often pairs that line with its
neighbour's translation in a 2-1 bead (a merge costs less than an omission) and no omission is
reported. The repair pass frees the line when its bead's Japanese does not render it: fewer
Japanese sentences than English ones, the line adds no covered word, and the lengths or its
own coverage agree (_absorbed_lines); or, when the Japanese lines were cut at other places
than the English ones, it makes the 2-2 bead of the lines that do render each other
(_straddled). Lines a translator merged into one Japanese line that renders them all stay in
their 2-1 bead. Invented pairs, the real tokenizer and dictionary.
"""

from __future__ import annotations

import pytest
from repair_helpers import Beads, repair_keys

from align.aligner.refine import _absorbed_lines
from align.pipeline import check
from align.segment import segment

EN = [
    "The ferry leaves the harbour at seven.",
    "My uncle repairs broken clocks in his garage.",
    "She painted the fence in the garden.",
    "We crossed the river by boat.",
]
JA = [
    "フェリーは七時に港を出る。",
    "叔父はガレージで壊れた時計を修理している。",
    "彼女は庭の柵にペンキを塗った。",
    "私たちは船で川を渡った。",
]


def freed(en: list[str], ja: list[str], beads: Beads) -> Beads:
    return _absorbed_lines(repair_keys(en, ja, lengths=True), beads)


@pytest.mark.parametrize("dropped", [0, 1], ids=["first", "second"])
def test_a_line_its_bead_does_not_render_is_left_out(dropped: int) -> None:
    # The clock line's translation was deleted, and the DP glued the line to a neighbour.
    ja = [JA[0], JA[2], JA[3]]
    if dropped == 1:
        dp = [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]
        right = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    else:
        dp = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
        right = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert freed(EN, ja, dp) == right


def test_two_lines_rendered_in_one_japanese_sentence_stay_one_bead() -> None:
    en = ["The baker opens his shop before dawn.", "Then he lights the big oven.", *EN[2:]]
    ja = ["パン屋は夜明け前に店を開け、大きなオーブンに火を入れる。", *JA[2:]]
    dp = [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]
    assert freed(en, ja, dp) == dp


def test_two_lines_translated_as_two_sentences_of_one_line_stay_one_bead() -> None:
    # The Japanese has a sentence for each line: nothing says one of them was dropped.
    ja = [JA[0] + JA[1], *JA[2:]]
    dp = [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]
    assert freed(EN, ja, dp) == dp


# The Japanese lines are cut at other places than the English ones: the second Japanese line
# starts with the end of the first English line's translation.
# The lines of EN and JA follow, for a length model of more than a few lines.
STRADDLE_EN = [
    "The museum closes early on Sundays. Tickets are sold at the gate.",
    "The guide speaks three languages.",
    "My sister plays the violin.",
    *EN,
]
STRADDLE_JA = [
    "博物館は日曜日は早く閉まる。",
    "チケットは門で売られている。ガイドは三か国語を話す。",
    *JA,
]
REST = [((3 + n,), (2 + n,)) for n in range(len(EN))]


def test_a_line_cut_across_and_a_dropped_neighbour_make_a_2_2_bead_and_an_omission() -> None:
    dp = [((0,), (0,)), ((1, 2), (1,)), *REST]
    right = [((0, 1), (0, 1)), ((2,), ()), *REST]
    assert freed(STRADDLE_EN, STRADDLE_JA, dp) == right


def test_lines_cut_across_with_nothing_dropped_stay() -> None:
    ja = [*STRADDLE_JA[:2], "妹はバイオリンを弾く。", *JA]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), *[((3 + n,), (3 + n,)) for n in range(len(EN))]]
    assert freed(STRADDLE_EN, ja, dp) == dp


def omissions(en: list[str], ja: list[str]) -> list[tuple[int, ...]]:
    result = check(
        segment("\n".join(ja) + "\n", "ja", "ja.txt", presegmented=True),
        segment("\n".join(en) + "\n", "en", "en.txt", presegmented=True),
    )
    return [f.en for f in result.findings if f.rule == "AL101"]


def test_the_whole_check_reports_the_dropped_line() -> None:
    assert omissions(EN, [JA[0], JA[2], JA[3]]) == [(1,)]


def test_the_whole_check_reports_nothing_on_the_full_translation() -> None:
    assert omissions(EN, JA) == []


@pytest.mark.parametrize(
    ("short", "line", "ja"),
    [
        ("Wow!", "That is a beautiful garden.", "わあ、きれいな庭ですね。"),
        ("Okay.", "Let's go to the station.", "よし、駅に行こう。"),
        ("Thank you.", "I will return the book tomorrow.", "ありがとう、明日本を返します。"),
        ("Hey!", "Wait for me at the gate.", "おい、門で待っていてくれ。"),
    ],
)
def test_an_exclamation_merged_into_its_neighbours_sentence_stays_in_the_bead(
    short: str, line: str, ja: str
) -> None:
    # The interjection has no dictionary key, and its length is within the model's noise.
    dp = [((0, 1), (0,)), *[((2 + n,), (1 + n,)) for n in range(len(EN))]]
    assert freed([short, line, *EN], [ja, *JA], dp) == dp


def test_a_heading_whose_translation_is_missing_is_left_out() -> None:
    en = ["Chapter two", "The storm reached the village at night.", *EN]
    dp = [((0, 1), (0,)), *[((2 + n,), (1 + n,)) for n in range(len(EN))]]
    assert freed(en, ["嵐は夜に村に到達した。", *JA], dp)[:2] == [((0,), ()), ((1,), (0,))]
