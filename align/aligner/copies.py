"""Verbatim copies of a Japanese sentence that the search paired with English of their own.

A sentence the MT (or an editor) emitted twice translates nothing the second time. The DP
does not know that: a copy of a short sentence is as good a partner for the next English
sentence as the right one, so a copy right after its original (or after the next sentence)
shifts the beads after it by one and turns the copy's English neighbour into an omission.

A copy is a sentence whose text, without spaces and end punctuation, is the text of an
earlier sentence. It is misplaced when both have English in different beads and no English
sentence of one says what one of the other says (shares half of their keys): a text
that repeats a passage in both languages keeps its repeats. The aligner then searches again
with each misplaced copy held out as a sentence without English (as it does for a metadata
line), and the duplicate rule reports it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..model import Document
from .params import BEADS
from .problem import Step

#: English of two beads "says the same thing" from this share of shared keys (Jaccard).
_SAME_ENGLISH = 0.5
#: End punctuation and brackets left out when two sentences are compared.
_ENDS = "。．.!?！？」』\"'”’)）"
_SPACE = re.compile(r"\s+")


def _text(s: str) -> str:
    return _SPACE.sub("", s).rstrip(_ENDS)


def misplaced_copies(
    ja: Document, en_keys: Sequence[Sequence[str]], ja_meta: np.ndarray, path: Sequence[Step]
) -> list[int]:
    """Japanese sentences that copy an earlier one and were paired with other English (see above)."""
    bead_en: dict[int, tuple[int, ...]] = {}
    for t, i, j in path:
        a, b = BEADS[t]
        for x in range(j - b, j):
            bead_en[x] = tuple(range(i - a, i))
    first: dict[str, int] = {}
    out: list[int] = []
    for seg in ja.segments:
        j = seg.index
        text = _text(seg.text)
        if not text or ja_meta[j]:
            continue
        k = first.setdefault(text, j)
        if k == j:
            continue
        mine, theirs = bead_en.get(j, ()), bead_en.get(k, ())
        if mine and theirs and mine != theirs and not _same_english(en_keys, mine, theirs):
            out.append(j)
    return out


def _same_english(en_keys: Sequence[Sequence[str]], a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether an English sentence of one bead says what one of the other says (a repeated
    passage may be cut into beads another way the second time)."""
    return any(_similar(set(en_keys[x]), set(en_keys[y])) for x in a for y in b)


def _similar(ka: set[str], kb: set[str]) -> bool:
    if not ka or not kb:
        return True  # nothing to compare: the pairing stands
    return len(ka & kb) / len(ka | kb) >= _SAME_ENGLISH
