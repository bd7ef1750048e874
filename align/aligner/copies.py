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
from itertools import chain

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
    meta = ja_meta.tolist()
    first: dict[str, int] = {}
    copy: list[int] = []
    original: list[int] = []
    for seg in ja.segments:
        j = seg.index
        text = _text(seg.text)
        if not text or meta[j]:
            continue
        k = first.setdefault(text, j)
        if k != j:
            copy.append(j)
            original.append(k)
    if not copy or not path:
        return []
    # The bead of each copy and of its original (the first whose Japanese ends after it), and
    # its English: a text that repeats passages has copies of most of its sentences.
    steps = np.fromiter(chain.from_iterable(path), dtype=np.int64, count=3 * len(path)).reshape(-1, 3)
    ends_i, ends_j = steps[:, 1], steps[:, 2]
    en_count = _EN_COUNT[steps[:, 0]]
    mine = np.searchsorted(ends_j, np.array(copy, dtype=np.int64), side="right")
    theirs = np.searchsorted(ends_j, np.array(original, dtype=np.int64), side="right")
    # Both with English, in two beads (their English then differs: beads hold disjoint runs).
    asked = (en_count[mine] > 0) & (en_count[theirs] > 0) & (mine != theirs)
    # The commonest answer first, for all at once: the first English sentence of the copy's bead
    # has the very keys (one object per text) of the original's: its English is said again.
    row = np.fromiter(map(id, en_keys), dtype=np.int64, count=len(en_keys))
    first_en = np.where(en_count > 0, ends_i - en_count, 0)  # a bead without English: unread
    asked &= row[first_en[mine]] != row[first_en[theirs]]
    asked = np.flatnonzero(asked)
    repeated = _Repeats(en_keys)
    out: list[int] = []
    for x, b_mine, b_theirs in zip(asked.tolist(), mine[asked].tolist(), theirs[asked].tolist(), strict=True):
        own = tuple(range(int(ends_i[b_mine] - en_count[b_mine]), int(ends_i[b_mine])))
        other = tuple(range(int(ends_i[b_theirs] - en_count[b_theirs]), int(ends_i[b_theirs])))
        if not repeated(own, other):
            out.append(copy[x])
    return out


#: English sentences of each bead type (BEADS order).
_EN_COUNT = np.array([a for a, _ in BEADS], dtype=np.int64)


class _Repeats:
    """Whether the English paired with the original is said again around the copy's English
    (a passage repeated in both languages; its repeat may be cut into beads another way).

    A long text that repeats passages asks this of most of its sentences (185k times on 200k
    sentences): each sentence's key set is built once, and the copy's own English, which in a
    repeated passage says the original's again, is asked first (the answer is the same)."""

    def __init__(self, en_keys: Sequence[Sequence[str]]) -> None:
        self.en_keys = en_keys
        self.sets: dict[int, set[str]] = {}

    def __call__(self, mine: tuple[int, ...], theirs: tuple[int, ...]) -> bool:
        if any(self.similar(x, y) for x in mine if x not in theirs for y in theirs):
            return True
        lo, hi = max(0, mine[0] - _NEAR), min(len(self.en_keys), mine[-1] + _NEAR + 1)
        return any(
            self.similar(x, y) for x in range(lo, hi) if x not in mine and x not in theirs for y in theirs
        )

    def similar(self, x: int, y: int) -> bool:
        ka, kb = self.en_keys[x], self.en_keys[y]
        if ka == kb:
            return True  # the same keys (or none: nothing to compare, the pairing stands)
        return _similar(self.keys(x), self.keys(y))

    def keys(self, x: int) -> set[str]:
        got = self.sets.get(x)
        if got is None:
            got = self.sets[x] = set(self.en_keys[x])
        return got


def _similar(ka: set[str], kb: set[str]) -> bool:
    if not ka or not kb:
        return True  # nothing to compare: the pairing stands
    return len(ka & kb) / min(len(ka), len(kb)) >= _SAME_ENGLISH
