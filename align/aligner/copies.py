"""Verbatim copies of a Japanese sentence that the search paired with English of their own.

A sentence the MT (or an editor) emitted twice translates nothing the second time. The DP
does not know that: a copy of a short sentence is as good a partner for the next English
sentence as the right one, so a copy right after its original (or after the next sentence)
shifts the beads after it by one and turns the copy's English neighbour into an omission.

A copy is a sentence whose text, without spaces and end punctuation, is the text of an
earlier sentence. It is misplaced when both have English in different beads and the English
of the original is not said again around the copy's English (no sentence there, other than
the original's own, has half of its keys): a text that repeats a passage in both languages
keeps its repeats, however the DP cut the second one into beads. The aligner then searches again
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

#: Two English sentences say the same thing from this share of the shorter one's keys shared.
_SAME_ENGLISH = 0.5
#: How many English sentences around the copy's own are looked at for a repeat of the original's.
_NEAR = 2
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
        if mine and theirs and mine != theirs and not _repeated_english(en_keys, mine, theirs):
            out.append(j)
    return out


def _repeated_english(
    en_keys: Sequence[Sequence[str]], mine: tuple[int, ...], theirs: tuple[int, ...]
) -> bool:
    """Whether the English paired with the original is said again around the copy's English
    (a passage repeated in both languages; its repeat may be cut into beads another way)."""
    near = range(max(0, mine[0] - _NEAR), min(len(en_keys), mine[-1] + _NEAR + 1))
    return any(_similar(set(en_keys[x]), set(en_keys[y])) for x in near if x not in theirs for y in theirs)


def _similar(ka: set[str], kb: set[str]) -> bool:
    if not ka or not kb:
        return True  # nothing to compare: the pairing stands
    return len(ka & kb) / min(len(ka), len(kb)) >= _SAME_ENGLISH
