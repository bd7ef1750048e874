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
