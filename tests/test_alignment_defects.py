"""Alignment that survives the defects it should report (issue 18 §4), on short invented pairs.

A defect is partial evidence for its bead, never evidence against it: a changed number or a
variant or truncated name keeps its sentence in its bead. A dropped sentence is an omission
(AL101) wherever the aligner first put it: glued to a neighbour whose translation runs long,
or paired with the orphaned second half of its neighbour's translation; its numbers do not
surface as number warnings on the neighbour. The real pipeline runs: segmenter, aligner
(DP and repair pass), fugashi and JMdict.
"""

from __future__ import annotations

import pytest
from repair_helpers import repaired

from align.pipeline import check
from align.segment import segment

EN = [
    "Torvane Shipping will close its repair yard in Port Elsin at the end of the year.",
    "The yard opened in 1987 and employs 340 people.",
    "The company said falling demand for ship repairs had made the site unprofitable.",
    "Local officials said they would try to find a buyer for the yard.",
    "Union leaders called the decision a heavy blow for the town.",
    "Torvane's shares rose 2% after the announcement.",
]
JA = [
    "トーヴェイン海運は年末でポート・エルシンの修理ヤードを閉鎖する。",
    "同ヤードは1987年に開設され、340人が働いている。",
    "同社は、船舶修理の需要減少で採算が取れなくなったと説明した。",
    "地元当局は、ヤードの買い手を探す考えを示した。",
    "労働組合の幹部は、今回の決定を町にとって大きな痛手だと述べた。",
    "発表を受けて、トーヴェインの株価は2%上昇した。",
]


def run(en: list[str], ja: list[str], presegmented: bool = False):  # type: ignore[no-untyped-def]
    return check(
        segment("\n".join(ja) + "\n", "ja", "ja.txt", presegmented=presegmented),
        segment("\n".join(en) + "\n", "en", "en.txt", presegmented=presegmented),
    )


def beads(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.vecalign() for b in result.alignment.beads]


def test_the_clean_pair_is_one_to_one() -> None:
    result = run(EN, JA)
    assert beads(result) == [f"[{k}]:[{k}]" for k in range(6)]
    assert not [f for f in result.findings if f.category in ("omission", "alignment", "number")]


DROPPED = {
    # The first sentence translated in two, the second dropped: the DP pairs the dropped
    # sentence with the orphaned second half.
    "orphan-half": (
        ["トーヴェイン海運は、ポート・エルシンにある修理ヤードを閉鎖する。", "閉鎖は年末の予定だ。", *JA[2:]],
        1,
    ),
    # A translation that runs long glued to the dropped sentence after it (2-1): its year and
    # head count would surface as number warnings on the neighbour.
    "long-neighbour-with-numbers": (
        [
            "トーヴェイン海運は年末、ポート・エルシンの船舶修理ヤードを閉鎖する予定で、"
            "地元では長年にわたり重要な雇用先となってきた施設だ。",
            *JA[2:],
        ],
        1,
    ),
    "long-neighbour-before": (
        [
            *JA[:3],
            "地元当局は、ヤードの買い手を探す考えを示し、町の雇用への影響を最小限に抑えたいとしている。",
        ]
        + JA[5:],
        4,
    ),
    "long-neighbour-after": (
        [
            JA[0],
            "同社は、船舶修理の需要減少で採算が取れなくなったと説明し、"
            "ヤードの閉鎖はやむを得ない判断だったと強調した。",
            *JA[3:],
        ],
        1,
    ),
}


@pytest.mark.parametrize("presegmented", [False, True], ids=["sentences", "lines"])
@pytest.mark.parametrize("case", sorted(DROPPED))
def test_a_dropped_sentence_is_an_omission(case: str, presegmented: bool) -> None:
    ja, dropped = DROPPED[case]
    result = run(EN, ja, presegmented)
    omissions = [f.en for f in result.findings if f.rule == "AL101"]
    assert omissions == [(dropped,)], (beads(result), [f.message for f in result.findings])
    assert f"[{dropped}]:[]" in beads(result)
    # Its numbers are the omission's, not number warnings on a neighbour.
    assert not [f for f in result.findings if f.category == "number"]
    assert not [f for f in result.findings if f.rule == "AL102"]


NAMES = {
    "truncated": ("トーヴェインの株価", "トーヴェの株価"),
    "variant": ("トーヴェインの株価", "トルヴェーンの株価"),
    "number-changed": ("2%上昇", "3%上昇"),
}


@pytest.mark.parametrize("case", sorted(NAMES))
def test_a_defect_keeps_its_sentence_in_its_bead(case: str) -> None:
    old, new = NAMES[case]
    ja = [*JA[:5], JA[5].replace(old, new)]
    assert ja[5] != JA[5]
    result = run(EN, ja)
    assert beads(result) == [f"[{k}]:[{k}]" for k in range(6)]
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102")]


DIALOGUE_EN = [
    "Inspector Moravec knocked on the door of the flat twice.",
    '"Who is it?"',
    '"Police. Please open the door."',
    "The door opened slowly, and an old man in a grey cardigan looked out at them.",
    '"Is something wrong?" he asked.',
    '"We are looking for your neighbour, Mr Halloran. Have you seen him today?"',
    '"Yes sir."',
    '"When?"',
    '"This morning. He left with a large suitcase and took a taxi to the station."',
    "Moravec thanked him and walked back down the stairs to the car.",
]
DIALOGUE_JA = [
    "モラヴェック警部は、アパートのドアを二度ノックした。",
    "「どなたですか？」",
    "「警察です。ドアを開けてください」",
    "ドアがゆっくりと開き、灰色のカーディガンを着た老人が顔をのぞかせた。",
    "「何かあったんですか？」と彼は尋ねた。",
    "「お隣のハロランさんを探しています。今日、彼を見かけましたか？」",
    "「はい、そうです」",
    "「いつですか？」",
    "「今朝です。大きなスーツケースを持って出て、タクシーで駅に向かいました」",
    "モラヴェックは礼を言い、階段を下りて車に戻った。",
]


@pytest.mark.parametrize(
    ("first", "last", "bead"),
    [(6, 9, "[6,7,8]:[6]"), (5, 7, "[5,6]:[5]"), (0, 3, "[0,1,2]:[0]"), (1, 3, "[1,2]:[1]")],
    ids=["reply-question-answer", "reply-into-the-question", "heading-and-exchange", "exchange"],
)
def test_merged_short_lines_are_one_bead_not_an_omission(first: int, last: int, bead: str) -> None:
    """Lines of dialogue that the translator merged into one line (one paragraph per line)."""
    ja = [*DIALOGUE_JA[:first], "".join(DIALOGUE_JA[first:last]), *DIALOGUE_JA[last:]]
    result = run(DIALOGUE_EN, ja, presegmented=True)
    assert bead in beads(result)
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102", "AL802")], beads(result)


@pytest.mark.parametrize("presegmented", [False, True], ids=["sentences", "lines"])
def test_a_short_reply_translated_freely_is_no_omission(presegmented: bool) -> None:
    # "Yes sir." -> 「はい、そうです」 shares no key with its English: its bead holds.
    result = run(DIALOGUE_EN, DIALOGUE_JA, presegmented)
    assert not [f for f in result.findings if f.category in ("omission", "alignment")]
    pairs = {
        (result.en.segments[b.en[0]].text, result.ja.segments[b.ja[0]].text)
        for b in result.alignment.beads
        if len(b.en) == len(b.ja) == 1
    }
    assert ('"Yes sir."', "「はい、そうです」") in pairs


@pytest.mark.parametrize("presegmented", [False, True], ids=["sentences", "lines"])
@pytest.mark.parametrize("at", [1, 3, 4])
def test_an_unrelated_sentence_is_an_addition(at: int, presegmented: bool) -> None:
    inserted = "隣町の図書館では、週末に子ども向けの読み聞かせ会が開かれている。"
    ja = [*JA[:at], inserted, *JA[at:]]
    result = run(EN, ja, presegmented)
    assert [f.ja for f in result.findings if f.rule == "AL102"] == [(at,)], beads(result)
    assert not [f for f in result.findings if f.rule == "AL101"]


@pytest.mark.parametrize("presegmented", [False, True], ids=["sentences", "lines"])
@pytest.mark.parametrize(("copied", "at"), [(1, 2), (1, 3), (2, 5), (0, 6)])
def test_a_copied_sentence_is_a_duplicate_wherever_it_lands(copied: int, at: int, presegmented: bool) -> None:
    ja = [*JA[:at], JA[copied], *JA[at:]]
    result = run(EN, ja, presegmented)
    duplicates = [f.ja for f in result.findings if f.rule == "AL103"]
    assert duplicates in ([(at,)], [(copied,)]), (beads(result), duplicates)
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102")]


TRADE_EN = [
    "Kestavia's trade ministry published its quarterly figures on Monday.",
    "Exports of machinery fell 8% from a year earlier, the ministry said.",
    "Shipments to neighbouring countries were hit hardest.",
    "Imports of fuel rose for the third quarter in a row.",
    "Economists blamed the strong currency for the weak exports.",
    "The central bank is expected to keep interest rates unchanged next week.",
    "The ministry will publish revised figures in March.",
]
TRADE_JA = [
    "ケスタビア貿易省は月曜日、四半期の統計を発表した。",
    "同省によると、機械の輸出は前年同期比で8%減少した。",
    "近隣諸国向けの出荷が最も大きな打撃を受けた。",
    "燃料の輸入は3四半期連続で増加した。",
    "エコノミストらは、輸出の低迷は通貨高のせいだとした。",
    "中央銀行は来週、金利を据え置くとみられている。",
    "同省は3月に改定値を公表する。",
]


@pytest.mark.parametrize(
    "split",
    [
        ("同省によると、機械の輸出は前年同期に比べて減少した。", "減少幅は約18%だった。"),
        ("同省によると、機械の輸出は前年同期比で減少した。", "その幅は約18%に上った。"),
        ("機械の輸出は前年同期比で減少したと同省は述べた。", "約18%の減少となった。"),
    ],
)
def test_a_clause_split_off_with_a_changed_percentage_stays_in_its_bead(split: tuple[str, str]) -> None:
    """8% -> 約18%, the clause with the number made a sentence of its own: a 1-2 bead and a
    number finding, not an addition."""
    ja = [TRADE_JA[0], *split, *TRADE_JA[2:]]
    result = run(TRADE_EN, ja)
    assert "[1]:[1,2]" in beads(result)
    numbers = [f for f in result.findings if f.category == "number"]
    assert [f.ja for f in numbers] == [(2,)], [f.message for f in result.findings]
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102")]


SHORT_EN = ["He was busy.", "I play tennis.", "The dog barked.", "She smiled."]
SHORT_JA = ["彼は忙しかった。", "私はテニスをします。", "犬が吠えた。", "彼女は微笑んだ。"]


def test_a_verbatim_copy_is_held_out_not_glued_to_the_next_translation() -> None:
    ja = [*SHORT_JA[:2], SHORT_JA[0], *SHORT_JA[2:]]
    result = run(SHORT_EN, ja, presegmented=True)
    assert beads(result) == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]", "[3]:[4]"]
    assert [(f.rule, f.ja) for f in result.findings if f.category != "style"] == [("AL103", (2,))]


def test_a_passage_repeated_in_both_languages_stays_aligned() -> None:
    en = [*SHORT_EN, *SHORT_EN[:2]]
    ja = [*SHORT_JA, *SHORT_JA[:2]]
    result = run(en, ja, presegmented=True)
    assert beads(result) == [f"[{k}]:[{k}]" for k in range(6)]
    assert not [f for f in result.findings if f.category in ("omission", "alignment", "duplicate")]


# The repair pass on its own, given the beads a DP makes of short lines: an unrelated short
# sentence glued into a 1-2 bead, a dropped short one glued into a 2-1 bead.
LINES_EN = [
    "The fire destroyed the tall building.",
    "We will get to the station at noon.",
    "My brother bought a new bicycle.",
    "She was pleased with her new dress.",
    "The children played in the park until dark.",
]
LINES_JA = [
    "その火事が高いビルを破壊した。",
    "我々は正午に駅に着くだろう。",
    "兄は新しい自転車を買った。",
    "彼女は新しいドレスが気に入った。",
    "子供たちは暗くなるまで公園で遊んだ。",
]


def test_an_unrelated_short_sentence_glued_into_a_bead_is_an_addition() -> None:
    ja = [*LINES_JA[:3], "私はテニスをします。", *LINES_JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]
    assert ((), (3,)) in repaired(LINES_EN, ja, dp)


def test_a_dropped_short_sentence_glued_into_a_bead_is_an_omission() -> None:
    en = [*LINES_EN[:2], "It rained all day.", *LINES_EN[2:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,)), ((5,), (4,))]
    assert ((2,), ()) in repaired(en, LINES_JA, dp)


def test_a_line_of_two_sentences_keeps_both_renderings() -> None:
    en = [*LINES_EN[:2], "My brother bought a new bicycle. He rides it every day.", *LINES_EN[3:]]
    ja = [*LINES_JA[:3], "彼は毎日それに乗っている。", *LINES_JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]
    assert repaired(en, ja, dp) == dp


# An inserted sentence whose only link to its neighbour's English is a pronoun: 彼 glosses as
# "he" and as "place", so it matches an English sentence about a place that its own
# translation renders as 店. Pronouns and determiners are no evidence of which sentence a
# Japanese sentence renders, so it is an addition, not a part of the neighbour's bead.
PLACE_EN = [*LINES_EN[:2], "You might ask your friends how much this place costs.", *LINES_EN[3:]]
PLACE_JA = [*LINES_JA[:2], "友達に、この店はいくらかかるか聞いてみるとよいでしょう。", *LINES_JA[3:]]


PRONOUN_ONLY = ["彼は毎朝犬を散歩させる。", "彼は昨日から風邪をひいている。", "彼は背が高い。"]


def _inserted_after_third(en: list[str], ja_lines: list[str], inserted: str) -> None:
    # The DP glued the inserted sentence (Japanese 3) into the third bead; it must come out alone.
    ja = [*ja_lines[:3], inserted, *ja_lines[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]
    assert ((), (3,)) in repaired(en, ja, dp)
    result = run(en, ja, presegmented=True)
    assert [f.ja for f in result.findings if f.rule == "AL102"] == [(3,)], beads(result)
    assert not [f for f in result.findings if f.rule == "AL101"]


@pytest.mark.parametrize("inserted", PRONOUN_ONLY)
def test_a_sentence_matching_only_through_a_pronoun_is_an_addition(inserted: str) -> None:
    _inserted_after_third(PLACE_EN, PLACE_JA, inserted)


def test_half_a_translation_in_a_dropped_sentences_slot_moves_back() -> None:
    # The second half of the first sentence's translation takes the next sentence's slot, and
    # so on until the dropped sentence: each Japanese line goes back, the dropped one is alone.
    en = [
        "You can read the course notes on the wiki, which works like a textbook for the class.",
        "But even better, you can ask questions in the discussion forums.",
        "Help and be helped by other people.",
        "As you finish each homework, move on to the next lecture.",
    ]
    ja = [
        "まずウィキの講義ノートを読むことができます。",
        "このクラスの教科書のように使えます。",
        "しかしそれよりも、ディスカッションフォーラムで質問する方がよいでしょう。",
        "宿題が終わったら、次の講義に進みます。",
    ]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert repaired(en, ja, dp) == [((0,), (0, 1)), ((1,), (2,)), ((2,), ()), ((3,), (3,))]


def test_a_short_half_translation_in_a_dropped_short_sentences_slot_moves_back() -> None:
    # A dropped short sentence before a line of two sentences whose translation is two lines:
    # the first of those, too short to be judged on its own, takes the dropped sentence's slot.
    # Its bead shares nothing with it and the next one explains it, so it is looked at again.
    en = [
        *LINES_EN[:2],
        "It was very cold indeed.",
        "I will call you tomorrow. My sister is always reading novels.",
        *LINES_EN[3:],
    ]
    ja = [*LINES_JA[:2], "明日あなたに電話します。", "妹はいつも小説を読んでばかりいる。", *LINES_JA[3:]]
    dp = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)), ((5,), (5,))]
    out = repaired(en, ja, dp)
    assert ((2,), ()) in out and ((3,), (2, 3)) in out, out


# A Japanese word of several senses shares an English stop word with nearly any sentence: 所
# glosses as "about", 様 as "like" and "example", 頭 as "top", そう as "so". Such a match is no
# evidence that a sentence glued into a bead renders part of its English.
EXAMPLE_EN = [*LINES_EN[:2], "For example, the weights of the model are its parameters.", *LINES_EN[3:]]
EXAMPLE_JA = [*LINES_JA[:2], "例えば、モデルの重みがそのパラメータです。", *LINES_JA[3:]]
STOP_SENSE_ONLY = [
    "駅のところで待っていてください。",
    "彼女は歌うように話す。",
    "頭に気をつけなさい。",
    "母は花のような人だった。",
    "雨が降りそうなので傘を持っていこう。",
]


@pytest.mark.parametrize("inserted", STOP_SENSE_ONLY)
def test_a_sentence_matching_only_through_a_stop_word_sense_is_an_addition(inserted: str) -> None:
    _inserted_after_third(EXAMPLE_EN, EXAMPLE_JA, inserted)


def test_a_loanword_keeps_its_english_word_and_a_vague_word_loses_its_stop_word_senses() -> None:
    from align.aligner.refine import _specific, _vague_keys
    from align.lexicon.keys import STEM, ja_units

    units = dict(ja_units("駅のところでコースを選ぶ。", STEM))
    vague = _vague_keys()
    assert "cours" in vague and "about" in vague
    assert "cours" in _specific("コース", units["コース"], vague)
    assert "about" in units["所"] and "about" not in _specific("所", units["所"], vague)
