"""Local repair of the DP's path where a sentence is better explained by its neighbour's bead.

The DP pulls the similarity of every sentence towards a prior, so that a correct translation
sharing no key with its English still aligns. The price is paid around MT defects: a dropped
English sentence takes the orphaned second half of its neighbour's translation as a 1-1
bead (both share nothing), a fragment split off a sentence shifts the next beads by one, and
a reworded repeat of the previous sentence is glued into a 1-2 bead.

This pass looks at windows of up to three beads that hold such a misfit: a member sentence
whose keys are found better in an adjacent bead than in its own, an unaligned Japanese
sentence that a neighbour's English covers (a clause split off, its number changed), or an
uncovered member. An uncovered member is an English sentence that says something (three
content words) and that its bead renders at most 15% of (or none of its two or more numbers),
or a Japanese sentence of a merged bead (three units or more) that shares nothing with the
bead's English. True translations almost never leave a member that uncovered, so it is an
omission glued to its neighbour or paired with an orphan, or an addition glued in; the only
repair allowed then is to leave it without its other side, and it needs no margin. Otherwise
the pass re-segments the window with plain coverage (the share of a sentence's key weight
found on the other side of its bead, no prior) and takes another segmentation only when it
is better by a margin. The rules that judge a
segmentation are few and general:

- every member of an n:m bead must be covered above chance, so that nothing is glued in
  without evidence; a 1-1 bead is kept even with no shared key (short or free translations);
- two Japanese sentences that repeat each other are never one bead: the later one is the
  repeat (a 0-1 bead), and an unaligned Japanese sentence costs less when it restates one
  of the sentences before it;
- an unaligned sentence costs a little more than an uncovered member, so that the pass
  prefers to keep sentences aligned unless a neighbour explains them better.

Last, an omission beside a 1-1 bead whose Japanese the omitted sentence explains far better,
or whose Japanese renders more of the omitted sentence's words, moves to that bead's English
(_swap_gaps): of two short neighbours, the DP left out the wrong one. The words are read as a
translator looks them up, beyond the aligner's keys: the glosses of the JMdict compounds and
set phrases that UniDic cuts into several tokens (教科書 "textbook"), against the English words
JMdict glosses, numbers and names (_renders). The same evidence moves a gap across one or two
beads of one Japanese sentence when the DP shifted their English by one (_shifted_gaps). These
never change how many sentences are left out. Three more moves follow for inserted
lines, which the windows do not reach: the idle first or last line of a 1-3 bead is left
without English (_idle_ends); an addition beside a 1-1 bead whose English it renders, while
that bead's Japanese shares no specific word with it, trades places with that Japanese
(_swap_additions); and of two 1-1 beads, a Japanese line of two sentences that renders the
other bead's English, whose own Japanese shares nothing with it, takes that English into a 2-1
bead, leaving the other line as the addition (_taken_slots).

A dropped line that the DP glued to its neighbour's translation in a 2-1 bead is freed when
that Japanese does not render it (_absorbed_lines): fewer Japanese sentences than English
ones, the line adds no covered word, and the lengths fit the other line as well (clearly
better when the sentence counts are equal) or the line is covered below chance. When the
Japanese lines were cut at other places than the English ones, the lines that render each
other become a 2-2 bead and the unrendered one is left out (_straddled).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain
from typing import Any, Literal

import numpy as np

from ..charclass import KATAKANA
from ..lexicon.compounds import spans
from ..lexicon.dictionary import gloss_vocabulary
from ..lexicon.keys import MIN_CONTENT, MIN_KEYS, STEM, UNCOVERED, Coverage, en_keys, stem_word
from ..lexicon.stopwords import stop_words
from ..lexicon.tokens import document_tokens, tokenize
from ..model import Document
from .features import Features
from .length import LengthModel, _tail_cost_table

#: Bead types the pass may produce (it never invents 2-2 or 1-3 beads).
_TYPES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))
#: Coverage a member of a bead gets when its sentence has no keys at all.
_UNKNOWN = 0.3
#: A member's coverage is compared with this level: below it the member costs.
_BASE = 0.3
#: Below this coverage a sentence is no member of an n:m bead (chance overlap).
_CHANCE = 0.2
#: Cost of each extra sentence in a bead (1-2, 2-1).
_MERGE = 0.15
#: Cost of an unaligned sentence.
_INDEL = 0.35
#: Share of a Japanese sentence found in another for the two to repeat each other.
_REPEAT = 0.5
#: How far back a repeat is looked for (sentences).
_REPEAT_WINDOW = 5
#: A segmentation must beat the DP's by this much.
_MARGIN = 0.15
#: Windows larger than this (sentences per side) are left as the DP made them.
_MAX_SIDE = 4
_MIN_KEYS = MIN_KEYS
_KATAKANA_NAME = re.compile(f"^[{KATAKANA}・]+$")

Bead = tuple[tuple[int, ...], tuple[int, ...]]
#: _adds_nothing's memo: (min_keys, min_units, English, Japanese) -> the idle members.
_Idle = dict[tuple[int, int, tuple[int, ...], tuple[int, ...]], tuple[frozenset[int], frozenset[int]]]


@dataclass
class _Keys(Coverage):
    """Coverage with the documents' metadata flags (metadata lines are never repeats)."""

    en_meta: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ja_meta: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: _repeat_share per (sentence, min_units), shared by the copies that judge shorter sentences.
    repeats: dict[tuple[int, int], float] = field(default_factory=dict)
    #: Sentences in each segment (a line may hold several), per side.
    en_sentences: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ja_sentences: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: Characters per sentence (en, ja) and the DP's length model; None: length is not judged.
    lengths: tuple[np.ndarray, np.ndarray, LengthModel] | None = None
    #: Per Japanese text (Coverage.text_ids), the keys of its units that are not pronoun-like,
    #: and the share of its weight they hold (see _weak_lemma).
    strong: dict[int, list[tuple[frozenset[str], float]]] = field(default_factory=dict)
    #: _adds_nothing per (min_keys, min_units, English, Japanese): the suspects, the misfit test
    #: and the repair ask it of the same bead again and again (shared by the copies).
    idle: _Idle = field(default_factory=dict)
    #: The documents (English, Japanese) of the sentences; None: the move that reads their words
    #: beyond the keys (_renders) is not made.
    docs: tuple[Document, Document] | None = None
    #: _rendering_keys per Japanese text, _content_keys per English one (both by (text_ids'
    #: number, text)), the JMdict spans of a Japanese text (see compounds.spans) (shared by
    #: the copies).
    renders: dict[tuple[int, str], frozenset[str]] = field(default_factory=dict)
    spans: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = field(default_factory=dict)
    content: dict[tuple[int, str], tuple[list[tuple[str, float]], float]] = field(default_factory=dict)
    #: _better_segmentation per window (the windows of the next refine's path are mostly these).
    windows: dict[tuple[Bead, ...], list[Bead] | None] = field(default_factory=dict)
    #: _suspects' own covers of the last path it judged: its beads (see _bead_ids, sorted),
    #: and per English and Japanese sentence the share its own bead covers (a list of one,
    #: shared by the copies and the next refine: a cover reads the keys alone).
    own: list[tuple[np.ndarray | None, np.ndarray, np.ndarray]] = field(default_factory=list)

    #: _shifted_omissions' decisions of the last path it judged (a list of one, shared by the
    #: copies and the next refine): the pairs' numbers (see _pair_ids), sorted, and per pair 0
    #: (no move), 1 (the first bead takes the second's Japanese) or 2 (the other way).
    shifts: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    #: The copies with other min_keys/min_units (see with_min), shared by the copies: they
    #: differ in those two fields alone. A refine's keys start a new one (Memo.coverage).
    variants: dict[tuple[int, int], _Keys] = field(default_factory=dict)

    def with_min(self, min_keys: int | None = None, min_units: int | None = None) -> _Keys:
        """dataclasses.replace(self, min_keys=..., min_units=...), made once per pair of values."""
        key = (
            self.min_keys if min_keys is None else min_keys,
            self.min_units if min_units is None else min_units,
        )
        found = self.variants.get(key)
        if found is None:
            found = self.variants[key] = replace(self, min_keys=key[0], min_units=key[1])
        return found

    def strong_units(self, j: int) -> list[tuple[frozenset[str], float]]:
        """(keys, weight) of sentence j's units: no keys for a pronoun-like unit, and no stop
        word's stem for another one (see _specific)."""
        t = self.text_ids()[1][j]  # per text, as Coverage.ja_units
        units = self.strong.get(t)
        if units is None:
            idf = self.keys.ja_idf
            vague = _vague_keys()
            units = self.strong[t] = [
                (frozenset() if _weak_lemma(name) else _specific(name, keys, vague), idf[name])
                for name, keys in self.keys.ja[j]
                if keys
            ]
        return units

    def weak_share(self, j: int) -> float:
        """The share of sentence j's unit weight held by units without specific keys."""
        units = self.strong_units(j)
        total = sum(w for _, w in units)
        return sum(w for keys, w in units if not keys) / total if total > 0 else 0.0

    def strong_keys(self, j: int) -> frozenset[str]:
        """The keys of sentence j's units that are not pronoun-like."""
        return frozenset().union(*(keys for keys, _ in self.strong_units(j)))

    def strong_cover_ja(self, j: int, en: Iterable[int]) -> float | None:
        """cover_ja counting no pronoun-like unit as covered: 彼, 私, 何, この match the English
        of any sentence through "he", "I", "how", "this" or a vague gloss ("place" of 彼)."""
        return self.memo_units(2, j, self.strong_units, en)

    def en_share(self, i: int, found: frozenset[str]) -> float | None:
        """Share of English sentence i's weight whose keys are in ``found``."""
        keys = self.en(i)
        total = sum(keys.values())
        if total <= 0 or len(keys) < self.min_keys:
            return None
        return sum(w for key, w in keys.items() if key in found) / total


@cache
def _vague_keys() -> frozenset[str]:
    """Stems of the English stop words: a Japanese word that shares only these with a sentence
    (様 "like", 所 "about", 頭 "top") shares nothing it says with it."""
    return frozenset(stem_word(w, STEM) for w in stop_words())


def _specific(name: str, keys: Sequence[str], vague: frozenset[str]) -> frozenset[str]:
    """A word's keys without the stop words' stems. A loanword (katakana) says its English
    word (コース "course"), whatever the stop words hold."""
    return frozenset(keys) if _KATAKANA_NAME.match(name) else frozenset(keys) - vague


@cache
def _weak_lemma(lemma: str) -> bool:
    """A pronoun or a determiner by UniDic (彼, 私, 何, この): it renders whatever its sentence
    is about, so its glosses are no evidence of which English sentence that is."""
    tokens = tokenize(lemma)
    # 彼等 is 彼 and a suffix.
    return (
        bool(tokens)
        and tokens[0].pos1 in ("代名詞", "連体詞")
        and all(t.pos1 == "接尾辞" for t in tokens[1:])
    )


def _segmentations(en: tuple[int, ...], ja: tuple[int, ...]) -> Iterator[list[Bead]]:
    """Every way to cut the window's sentences into beads of _TYPES, in a fixed order."""
    for shapes in _shapes(len(en), len(ja)):
        seg: list[Bead] = []
        i = j = 0
        for a, b in shapes:
            seg.append((en[i : i + a], ja[j : j + b]))
            i, j = i + a, j + b
        yield seg


@cache
def _shapes(n: int, m: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The bead shapes of every segmentation of n English and m Japanese sentences (the same
    few window sizes recur, so they are enumerated once)."""
    if not n and not m:
        return ((),)
    return tuple(((a, b), *rest) for a, b in _TYPES if a <= n and b <= m for rest in _shapes(n - a, m - b))


def _bead_score(k: _Keys, bead: Bead, new: bool = True) -> float | None:
    """Coverage score of one bead; None when a *new* bead would not be allowed (the DP's own
    beads are scored, not judged: the DP saw length evidence this pass does not)."""
    score = _bead_bound(k, bead, new)
    en, ja = bead
    if score is not None and _unsupported(k, en, ja, new):
        return None
    return score


def _unsupported(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], new: bool) -> bool:
    """The tests of a merged bead's members that _bead_bound leaves out (False of a bead of
    two sentences or fewer, or of one side)."""
    if not en or not ja or len(en) + len(ja) <= 2:
        return False
    # a member glued in: it adds nothing, or its bead does not render it
    return merged_without_gain(k, en, ja, new) or _glued(k, en, ja)


def _bead_bound(k: _Keys, bead: Bead, new: bool = True) -> float | None:
    """_bead_score without _unsupported's tests: the same score, or None when the cheaper
    tests refuse the bead, or a score that those tests may still refuse (a bound on it)."""
    en, ja = bead
    if en and ja:
        score = -_MERGE * (len(en) + len(ja) - 2)
        merged = len(en) + len(ja) > 2
        sides = ((en, k.cover_en, ja), (ja, k.cover_ja, en))
        for members, cover, other in sides:
            for s in members:
                c = cover(s, other)
                c = _UNKNOWN if c is None else c
                if merged and new and c < _CHANCE:
                    return None
                score += c - _BASE
        return score
    if en:
        return -_INDEL * len(en)
    score = 0.0
    for j in ja:
        # News repeats names and topics: only a sentence most of whose content an earlier one
        # already said is cheap to leave unaligned.
        score += -_INDEL + _INDEL * max(0.0, (_repeat_share(k, j) - _REPEAT) / (1 - _REPEAT))
    return score


#: A member of an n:m bead must add this much to the coverage of the bead's other side.
_GAIN = 0.05


def merged_without_gain(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], new: bool) -> bool:
    """True when a member of an n:m bead adds nothing to it: glued in without evidence.

    A new bead may not hold such a member at all; the DP's own bead only when the member is
    a Japanese sentence repeating another of the bead (a reworded repeat: the later one is
    a 0-1 bead). A member that covers part of the other side that the rest does not is a
    real part of a split translation, whatever it repeats.
    """
    if len(en) + len(ja) <= 2:
        return False
    en_free, ja_free = _sentence_counts_match(k, en, ja)
    total_en = _mean(k.cover_en(i, ja) for i in en)
    for j in ja if len(ja) > 1 and not (new and ja_free) else ():
        rest = tuple(x for x in ja if x != j)
        gain = total_en - _mean(k.cover_en(i, rest) for i in en)
        repeats = any(k.restates(j, x) >= _REPEAT for x in rest if x < j)
        if gain < _GAIN and (new or repeats):
            return True
    total_ja = _mean(k.cover_ja(j, en) for j in ja)
    for i in en if len(en) > 1 and new and not en_free else ():
        rest_en = tuple(x for x in en if x != i)
        if total_ja - _mean(k.cover_ja(j, rest_en) for j in ja) < _GAIN:
            return True
    return False


def _mean(values: Iterator[float | None]) -> float:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else _UNKNOWN


def _repeat_share(k: _Keys, j: int) -> float:
    """The largest share of sentence j's weight that one of the sentences before it has."""
    key = (j, k.min_units)
    share = k.repeats.get(key)
    if share is None:
        share = k.repeats[key] = _repeat_of(k, j)
    return share


def _repeat_of(k: _Keys, j: int) -> float:
    """_repeat_share of sentence j, computed: the max of k.restates(j, x) over the sentences x
    before it, j's units and their total read once (this was most of the window search)."""
    units = k.ja_units(j)
    total = sum(w for _, w in units)
    if total <= 0 or len(units) < k.min_units:
        return 0.0  # k.restates' answer for each of them
    best = 0.0
    for x in range(max(0, j - _REPEAT_WINDOW), j):
        if not k.ja_meta[x]:
            other = k.ja_keys(x)
            best = max(best, sum(w for keys, w in units if not keys.isdisjoint(other)) / total)
    return best


def _score(k: _Keys, beads: Sequence[Bead], new: bool = True) -> float | None:
    total = 0.0
    for bead in beads:
        s = _bead_score(k, bead, new)
        if s is None:
            return None
        total += s
    return total


#: A member is misplaced when its own bead covers at most _OWN of it and a neighbouring bead
#: at least _NEIGHBOUR: a contrast no free translation of a sentence produces.
_OWN = 0.1
_NEIGHBOUR = 0.35


Misfit = Literal["misplaced", "uncovered", "short"]


def _misfit(k: _Keys, window: Sequence[Bead]) -> Misfit | None:
    """Why the window holds a sentence worth a second look (see the module docstring), or None.

    "misplaced": a member its neighbour's bead explains far better than its own, a reworded
    repeat glued into a bead, or an unaligned sentence a neighbour's English claims.
    "short": a misplaced Japanese member too short for the default judgement (_short_elsewhere).
    "uncovered": only a member that its bead does not render: an English sentence that says
    something (an omission glued to a neighbour, or paired with an orphan), or a Japanese one
    glued into a merged bead whose English shares nothing with it (an addition).
    """
    uncovered = False
    for n, (en, ja) in enumerate(window):
        others = [b for m, b in enumerate(window) if m != n]
        if not en and _claimed(k, ja, [o[0] for o in others]):
            return "misplaced"
        if not en or not ja:
            continue
        if merged_without_gain(k, en, ja, new=False) or _elsewhere(k, en, ja, others):
            return "misplaced"
        near = [j for o in others for j in o[1]]
        uncovered = uncovered or any(k.uncovered_en(i, ja, near) for i in en)
        uncovered = uncovered or (len(en) + len(ja) > 2 and any(k.uncovered_ja(j, en) for j in ja))
        uncovered = uncovered or any(_adds_nothing(k, en, ja))
    if uncovered:
        return "uncovered"
    return "short" if _short_elsewhere(k, window) else None


def _elsewhere(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], others: Sequence[Bead]) -> bool:
    """A member of the bead (en, ja) that another bead of the window explains far better."""
    # The other beads' covers are asked only of a member its own bead covers at most _OWN
    # (_misplaced's first test): most members of a window are well covered.
    for j in ja:
        own = k.cover_ja(j, en)
        if own is not None and own <= _OWN and _misplaced(own, [k.cover_ja(j, o[0]) for o in others if o[0]]):
            return True
    for i in en:
        own = k.cover_en(i, ja)
        if own is not None and own <= _OWN and _misplaced(own, [k.cover_en(i, o[1]) for o in others if o[1]]):
            return True
    return False


def _short_elsewhere(k: _Keys, window: Sequence[Bead]) -> bool:
    """A shorter Japanese member (MIN_CONTENT units, too short for _elsewhere) that its bead
    shares nothing with and another bead of the window explains: half of a neighbour's
    translation put in the slot of a dropped sentence."""
    short = k.with_min(min_units=MIN_CONTENT)
    for n, (en, ja) in enumerate(window):
        others = [b[0] for m, b in enumerate(window) if m != n and b[0]]
        for j in ja if en else ():
            if k.cover_ja(j, en) is None and short.cover_ja(j, en) == 0.0:
                if _misplaced(0.0, [short.cover_ja(j, o) for o in others]):
                    return True
    return False


def _claimed(k: _Keys, ja: tuple[int, ...], others: list[tuple[int, ...]]) -> bool:
    """True when an unaligned Japanese sentence (three units or more) has a neighbour's English
    covering at least _CHANCE of it, and repeats no sentence before it: a clause split off its
    sentence (its number changed, say), not an addition."""
    short = k.with_min(min_units=MIN_CONTENT)
    for j in ja:
        if _repeat_share(k, j) >= _REPEAT:
            continue
        if any((c := short.strong_cover_ja(j, en)) is not None and c >= _CHANCE for en in others if en):
            return True
    return False


def _glued(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...]) -> bool:
    """A member of a merged bead that its other side does not render: an English sentence that
    says something and is barely covered, or a Japanese one that shares nothing at all, or
    either one that adds nothing to the bead (see _adds_nothing)."""
    if any(k.uncovered_en(i, ja) for i in en) or any(k.uncovered_ja(j, en) for j in ja):
        return True
    return any(_adds_nothing(k, en, ja))


#: A member of a merged bead adds nothing when the other side's coverage grows by less than
#: the gain with it and its own coverage by the other side is below the cover (chance overlap
#: through vague glosses): (gain, cover) for a Japanese member, then for an English one. Short
#: sentences count from _SHORT_KEYS keys (units): the inserted or dropped short sentence is
#: what this finds. Of the Japanese members of the corpora's gold n:m beads that
#: _sentence_counts_match leaves to judge, 3 in 592 look like this (a short clause of a free
#: rendering); of the sentences a DP glued into a bead, two thirds. An English member's gain
#: is counted in Japanese units, a coarser measure: one shared word is a large share, so the
#: stricter pair (two merged English sentences rendered as one Japanese sentence keep it).
_NO_GAIN_JA, _NO_GAIN_EN, _SHORT_KEYS = (0.05, 0.6), (0.02, 0.4), 2


def _adds_nothing(
    k: _Keys, en: tuple[int, ...], ja: tuple[int, ...]
) -> tuple[frozenset[int], frozenset[int]]:
    """The members (English, Japanese) of a merged bead that it holds without evidence: without
    them the other side is covered as well, and they are barely covered themselves."""
    if len(en) + len(ja) <= 2 or not en or not ja:
        return frozenset(), frozenset()
    key = (k.min_keys, k.min_units, en, ja)
    found = k.idle.get(key)
    if found is None:
        found = k.idle[key] = _idle_members(k, en, ja)
    return found


def _idle_members(
    k: _Keys, en: tuple[int, ...], ja: tuple[int, ...]
) -> tuple[frozenset[int], frozenset[int]]:
    """_adds_nothing of a merged bead with both sides, computed."""
    short = k.with_min(min_keys=_SHORT_KEYS, min_units=_SHORT_KEYS)
    glued_en = {
        i
        for i in en
        if _idle(
            short.cover_en(i, ja),
            [short.cover_ja(j, en) for j in ja],
            [short.cover_ja(j, [x for x in en if x != i]) for j in ja],
            _NO_GAIN_EN,
        )
        or _idle_en_specific(short, en, ja, i)
    }
    en_free, ja_free = _sentence_counts_match(k, en, ja)
    glued_en = set() if en_free else {i for i in glued_en if not _fits_length(k, en, ja, (i,), ())}
    return frozenset(glued_en), frozenset(_glued_ja(k, short, en, ja, ja_free))


def _glued_ja(k: _Keys, short: _Keys, en: tuple[int, ...], ja: tuple[int, ...], ja_free: bool) -> set[int]:
    """The Japanese members of a merged bead that it holds without evidence (see _idle_ja,
    _lone_word, _nothing_of_its_own), unless the bead's lengths need them (_needed). When the
    English has a sentence for each Japanese member (``ja_free``), only a member too short to
    render one of them (_too_short_for_a_sentence), or one that shares no specific word with
    the English and renders nothing of its own, is judged glued."""
    glued = {j for j in ja if _idle_ja(short, en, ja, j)}
    if ja_free:
        glued = {j for j in glued if _too_short_for_a_sentence(k, en, j)}
    glued = {j for j in glued if not _needed(short, en, ja, j)}
    if ja_free:
        # A member may render one of the English sentences freely, but not while it shares no
        # specific word with any of them and the rest renders what it does.
        return glued | {
            j for j in ja if short.strong_cover_ja(j, en) == 0 and _nothing_of_its_own(short, en, ja, j)
        }
    return glued | {j for j in ja if _lone_word(k, en, ja, j) or _nothing_of_its_own(short, en, ja, j)}


#: -log P of the length model above which a Japanese sentence is no rendering of an English
#: sentence of the mean length (P below 1 in 20,000; the members of the corpora's n:n beads that
#: _idle_ja finds come to 8.5 at most, mostly below 3.5).
_NO_SENTENCE = 10.0


def _too_short_for_a_sentence(k: _Keys, en: tuple[int, ...], j: int) -> bool:
    """Whether Japanese member j is too short (or long) to render an English sentence of the
    bead on its own: a bead whose English holds as many sentences as its Japanese has segments
    may pair them one to one (see _sentence_counts_match), but a short line glued to the
    translation of two long sentences cannot be one of the pair. Its sentences are measured
    against the English's mean sentence."""
    if k.lengths is None or len(k.en_sentences) == 0 or len(k.ja_sentences) == 0:
        return False
    en_len, ja_len, model = k.lengths
    le = float(sum(en_len[i] for i in en)) / max(1, int(sum(k.en_sentences[i] for i in en)))
    lj = float(ja_len[j]) / max(1, int(k.ja_sentences[j]))
    return _length_cost(model, le, lj) > _NO_SENTENCE


def _lone_word(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], j: int) -> bool:
    """A Japanese member of one content word at most, which shares no specific key with the
    bead's English (see _Keys.strong_units), while another member does: a short exclamation or
    request glued to its neighbour's translation (負けるな, ご協力を). It is too short for
    _idle_ja's coverage, and the length model is no evidence for it: a clause of a split
    translation says more than one word, or shares the one it says."""
    units = [keys for _, keys in k.keys.ja[j] if keys]
    if len(units) > 1 or len(ja) < 2 or k.ja_meta[j]:
        return False
    one = k.with_min(min_keys=1, min_units=1)
    if units and one.strong_cover_ja(j, en) != 0.0:
        return False
    return any((c := one.strong_cover_ja(x, en)) is not None and c > 0 for x in ja if x != j)


def _nothing_of_its_own(short: _Keys, en: tuple[int, ...], ja: tuple[int, ...], j: int) -> bool:
    """A Japanese member that says something (two units with specific keys) and renders nothing
    of the bead's English that the rest of its Japanese does not: no specific word of it, and
    its words but pronouns add under _NO_GAIN_JA of the English weight (stop words' senses,
    which any sentence shares, weigh little), while the rest renders a word it does not and the
    bead's lengths fit as well without it (see _fits_length). A sentence glued to the complete
    translation of its neighbour, however much of the English its pronouns and vague senses
    share (彼は自分の事しか考えない beside the translation that says "think"): _idle_ja keeps
    such a member for its coverage. A clause of a split translation renders a word of its own,
    or the lengths need it."""
    units = [keys for keys, _ in short.strong_units(j) if keys]
    if len(units) < _SHORT_KEYS or len(ja) < 2 or short.ja_meta[j]:
        return False
    english = frozenset().union(*(short.keys.en[i] for i in en))
    rest = frozenset().union(*(short.ja_keys(x) for x in ja if x != j))
    if any((keys & english) - rest for keys in units):
        return False
    own = _ja_said(short, (j,))
    if not (_ja_said(short, [x for x in ja if x != j]) & english) - own:
        return False  # the rest renders nothing this one does not: either may be the rendering
    whole = [short.en_share(i, rest | own) for i in en]
    without = [short.en_share(i, rest) for i in en]
    return _idle(0.0, whole, without, _NO_GAIN_JA) and not _fits_length(short, en, ja, (), (j,))


def _ja_said(k: _Keys, ja: Iterable[int]) -> frozenset[str]:
    """The keys of the Japanese sentences' units that are no pronoun or determiner."""
    return frozenset().union(*(keys for j in ja for name, keys in k.keys.ja[j] if not _weak_lemma(name)))


def _idle_en_specific(short: _Keys, en: tuple[int, ...], ja: tuple[int, ...], i: int) -> bool:
    """An English member that adds nothing to its merged bead when only specific keys count: its
    words that are no stop word's stem, against the Japanese units that are no pronoun (see
    _Keys.strong_units). A short sentence glued to its neighbour shares with the Japanese only
    vague words (then, thing, me), which any sentence has (mirrors _idle_ja)."""
    own = _specific_share(short, i, frozenset().union(*(short.strong_keys(j) for j in ja)))
    if own is None:
        return False
    rest = [x for x in en if x != i]
    return _idle(
        own,
        [short.strong_cover_ja(j, en) for j in ja],
        [short.strong_cover_ja(j, rest) for j in ja],
        _NO_GAIN_EN,
    )


def _idle_ja(short: _Keys, en: tuple[int, ...], ja: tuple[int, ...], j: int) -> bool:
    """A Japanese member that adds nothing to its merged bead (see _idle). When it shares no
    word but pronouns and determiners with the English, those count for nothing: 彼 or この
    shares "he" or "this" (or a vague gloss, "place" of 彼) with any English sentence."""
    rest = [x for x in ja if x != j]
    own = short.cover_ja(j, en)
    # Judged by its specific keys when it shares no such key with the English, and either its
    # pronouns hold all it shares or it is barely covered (below _idle's cover): it shares
    # only stop words' senses (気 "mind", 所 "about"), which any English sentence has. A
    # member covered better than that shares enough of them to be part of the rendering.
    if (
        own is None
        or (strong := short.strong_cover_ja(j, en)) is None
        or strong > 0
        or (own > short.weak_share(j) and own >= _NO_GAIN_JA[1])
    ):
        return _idle(
            own, [short.cover_en(i, ja) for i in en], [short.cover_en(i, rest) for i in en], _NO_GAIN_JA
        )
    without = frozenset().union(*(short.ja_keys(x) for x in rest))
    whole = without | short.strong_keys(j)
    return _idle(
        strong, [short.en_share(i, whole) for i in en], [short.en_share(i, without) for i in en], _NO_GAIN_JA
    )


def _needed(short: _Keys, en: tuple[int, ...], ja: tuple[int, ...], j: int) -> bool:
    """A Japanese member that the bead's lengths need (see _fits_length) and that shares a
    word other than a pronoun with its English, or at least renders a word of it that the
    rest of the bead does not, if only through a stop word's sense (の様 "like" in a simile):
    a free rendering of part of it. A sentence sharing nothing of its own is an addition,
    however well its length fits."""
    own = short.strong_cover_ja(j, en)
    if own is None or own > 0:
        return _fits_length(short, en, ja, (), (j,))
    rest = frozenset().union(*(short.ja_keys(x) for x in ja if x != j))
    found = frozenset().union(*(short.keys.en[i] for i in en)) - rest
    units = [keys for name, keys in short.keys.ja[j] if keys and not _weak_lemma(name)]
    return any(found.intersection(keys) for keys in units) and _fits_length(short, en, ja, (), (j,))


#: How much better (-log P of the length model) a bead's lengths must agree with a member than
#: without it for the member to be part of a split translation: a glued short sentence seldom
#: improves the fit by this much (1 in 7 planted insertions), a split clause mostly does.
_LENGTH_MARGIN = 1.0


def _fits_length(
    k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], out_en: tuple[int, ...], out_ja: tuple[int, ...]
) -> bool:
    """Whether the bead's lengths agree clearly better with its members ``out_en``/``out_ja``
    than without them: the other side is too long for the rest alone (a split translation),
    not for all of it (a sentence glued in)."""
    if k.lengths is None:
        return False
    en_len, ja_len, model = k.lengths
    le = float(sum(en_len[i] for i in en))
    lj = float(sum(ja_len[j] for j in ja))
    le_rest = le - float(sum(en_len[i] for i in out_en))
    lj_rest = lj - float(sum(ja_len[j] for j in out_ja))
    return _length_cost(model, le_rest, lj_rest) - _length_cost(model, le, lj) > _LENGTH_MARGIN


def _sentence_counts_match(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...]) -> tuple[bool, bool]:
    """Whether each English (Japanese) segment of a bead may render a sentence of its own: the
    other side holds as many sentences as this side has segments (a line of two sentences
    against two lines is an n:n bead in sentences)."""
    if len(k.en_sentences) == 0 or len(k.ja_sentences) == 0:
        return False, False
    en_free = len(en) <= int(sum(k.ja_sentences[j] for j in ja))
    ja_free = len(ja) <= int(sum(k.en_sentences[i] for i in en))
    return en_free, ja_free


def _idle(
    own: float | None, whole: list[float | None], without: list[float | None], limits: tuple[float, float]
) -> bool:
    """A member covered below ``limits[1]`` whose removal costs the other side under
    ``limits[0]`` of coverage (every coverage known)."""
    min_gain, min_cover = limits
    if own is None or own >= min_cover or None in whole or None in without:
        return False
    gain = sum(w for w in whole if w is not None) - sum(w for w in without if w is not None)
    return gain / len(whole) < min_gain


def _misplaced(own: float | None, elsewhere: Sequence[float | None]) -> bool:
    """Covered at most _OWN by its own bead and at least _NEIGHBOUR by another."""
    return own is not None and own <= _OWN and any((c or 0.0) >= _NEIGHBOUR for c in elsewhere)


def _later_copy(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """An unaligned sentence right before its identical twin: the later one is the repeat."""
    out = list(beads)
    for n in range(len(out) - 1):
        (e0, j0), (e1, j1) = out[n], out[n + 1]
        if e0 or len(j0) != 1 or len(e1) != 1 or len(j1) != 1:
            continue
        a, b = j0[0], j1[0]
        if k.restates(a, b) >= 0.9 and k.restates(b, a) >= 0.9:
            out[n], out[n + 1] = (e1, j0), ((), j1)
    return out


def _unpaired_both(seg: Sequence[Bead], old: set[Bead]) -> bool:
    """True when the segmentation creates both an unaligned English and an unaligned Japanese sentence."""
    new = [b for b in seg if b not in old]
    return any(not b[1] for b in new) and any(not b[0] for b in new)


def _numbers_unrendered(k: _Keys, beads: Sequence[Bead], be: np.ndarray, judged: np.ndarray) -> np.ndarray:
    """Per en sentence: two or more numbers, none of them (nor their kinds) in its bead's
    Japanese or the neighbouring beads'."""
    out = np.zeros(len(be), dtype=bool)
    # Only sentences with two values or more are asked (most of a long text has none).
    two = np.asarray(k.number_values(), dtype=np.int64) >= 2
    texts = k.text_ids()[0]
    # A sentence's numbers are its text's (read once per text); none of them in a neighbour's
    # Japanese is none in the union of their keys.
    per_text: dict[int, tuple[frozenset[str], int]] = {}
    for i in np.flatnonzero((be >= 0) & judged & two).tolist():
        found = per_text.get(texts[i])
        if found is None:
            found = per_text[texts[i]] = k.numbers(i)
        numbers, values = found
        if values >= 2:
            b = int(be[i])
            near = (j for bead in beads[max(b - 1, 0) : b + 2] for j in bead[1])
            out[i] = all(numbers.isdisjoint(k.ja_keys(j)) for j in near)
    return out


def _rows_units(start: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The units (positions in ``start``'s numbering) of the sentences ``rows``, in order."""
    count = start[rows + 1] - start[rows]
    first = np.repeat(start[rows] - (np.cumsum(count) - count), count)
    return first + np.arange(int(count.sum()))


def _suspects(k: _Keys, beads: Sequence[Bead], f: Features) -> set[int]:
    """Beads that may hold a misplaced sentence, found for the whole path at once (sparse products).

    A bead is suspect when one of its informative members is covered at most _OWN by its own
    bead and at least _NEIGHBOUR by the previous or next one, or when two of its Japanese
    sentences repeat each other (the DP's own repeat share). Only windows around suspects are
    searched, so the pass costs O(keys) on a long clean document.
    """
    from .sparse import sparse as scipy_sparse

    sparse = scipy_sparse()
    nb = len(beads)
    n, m = f.en_w.shape[0], f.ja_bin.shape[0]
    # Per bead: its member counts; per member (in bead order): its sentence and its bead.
    en_count, en_ids, en_bead = _members(beads, 0)
    ja_count, ja_ids, ja_bead = _members(beads, 1)
    # A Japanese member after its bead's first that repeats the one before it.
    later = np.ones(len(ja_ids), dtype=bool)
    later[np.cumsum(ja_count)[ja_count > 0] - ja_count[ja_count > 0]] = False
    out = set(ja_bead[later & (f.ja_repeat[ja_ids] >= _REPEAT)].tolist())
    if nb < 2:
        return out
    be = np.full(n, -1, dtype=np.int64)
    bj = np.full(m, -1, dtype=np.int64)
    be[en_ids] = en_bead
    bj[ja_ids] = ja_bead
    # The keys of the beads the covers ask (see _unions), computed for those beads alone.
    ja_union = _unions(sparse, bj, f.ja_bin, nb)
    en_union = _unions(sparse, be, f.en_bin, nb)
    en_keys = np.diff(f.en_bin.indptr)
    ja_units = np.diff(f.tok_start)
    unit_sent = np.repeat(np.arange(m), ja_units)

    def en_cover(rows: np.ndarray, at: np.ndarray) -> np.ndarray:
        # Each row's value is its own product and sum, whatever the other rows taken.
        ok = (rows[at] >= 0) & (rows[at] < nb)
        sub = f.en_w if len(at) == n else f.en_w[at]  # all rows: no copy
        hit = np.asarray(sub.multiply(ja_union(np.clip(rows[at], 0, nb - 1))).sum(axis=1)).ravel()
        out = np.zeros(n)
        out[at] = np.where(ok, hit / np.maximum(f.wen[at], 1e-9), 0.0)
        return out

    def ja_cover(rows: np.ndarray, at: np.ndarray) -> np.ndarray:
        ok = (rows[at] >= 0) & (rows[at] < nb)
        every = len(at) == m  # all rows: no copies
        units = np.arange(f.tok.shape[0]) if every else _rows_units(f.tok_start, at)
        per_unit = np.zeros(f.tok.shape[0])
        tok, tok_w = (f.tok, f.tok_w) if every else (f.tok[units], f.tok_w[at])
        per_unit[units] = np.asarray(
            tok.multiply(en_union(np.clip(rows[unit_sent[units]], 0, nb - 1))).sum(axis=1)
        ).ravel()
        hit = np.asarray(tok_w @ (per_unit > 0).astype(np.float64)).ravel()
        out = np.zeros(m)
        out[at] = np.where(ok, hit / np.maximum(f.wja[at], 1e-9), 0.0)
        return out

    ids = _bead_ids((en_count, en_ids), (ja_count, ja_ids), m)
    en_own, ja_own = _own_covers(k, ids, (be, en_cover), (bj, ja_cover))
    # A neighbour's cover is read only of a member its own bead covers at most _OWN (an
    # unaligned Japanese sentence's own cover is 0): the others are not asked it.
    # Nor of a sentence too short for every test below that reads them (most of the low ones:
    # a sentence without keys is covered 0), nor of one in no bead (a refine of part of a path).
    en_low = np.flatnonzero((en_own <= _OWN) & (en_keys >= _MIN_KEYS) & (be >= 0))
    ja_low = np.flatnonzero((ja_own <= _OWN) & (ja_units >= min(_MIN_KEYS, MIN_CONTENT)) & (bj >= 0))
    en_nb = np.maximum(en_cover(be - 1, en_low), en_cover(be + 1, en_low))
    ja_nb = np.maximum(ja_cover(bj - 1, ja_low), ja_cover(bj + 1, ja_low))
    # Uncovered by its own bead: misplaced when a neighbour covers it, glued in or an orphan
    # (an omission's neighbour) when none does; both are worth a second look.
    has_en = np.append(en_count > 0, False)
    has_ja = np.append(ja_count > 0, False)
    with_ja = has_ja[be]
    bad_en = (be >= 0) & (en_keys >= _MIN_KEYS) & (en_own <= _OWN) & (en_nb >= _NEIGHBOUR)
    bad_ja = (bj >= 0) & (ja_units >= _MIN_KEYS) & (ja_own <= _OWN) & (ja_nb >= _NEIGHBOUR)
    # A shorter one its bead shares nothing with (see _short_elsewhere): half of a neighbour's
    # translation in the slot of a dropped short sentence, which is too short to be judged.
    bad_ja |= (bj >= 0) & (ja_units >= MIN_CONTENT) & (ja_own <= 0.0) & (ja_nb >= _NEIGHBOUR)
    content = np.array(f.keys.en_content, dtype=np.int64)
    bad_en |= (be >= 0) & with_ja & (content >= MIN_CONTENT) & (en_own <= UNCOVERED)
    bad_en |= _numbers_unrendered(k, beads, be, with_ja & (content >= MIN_CONTENT))
    # A Japanese sentence glued into a merged bead whose English shares nothing with it.
    merged = np.append((en_count + ja_count > 2) & (en_count > 0), False)[bj]
    bad_ja |= (bj >= 0) & merged & (ja_units >= MIN_CONTENT) & (ja_own <= 0.0)

    # An unaligned Japanese sentence that a neighbouring bead's English covers at all.
    alone = (bj >= 0) & ~has_en[bj] & (ja_units >= MIN_CONTENT)
    bad_ja |= alone & (ja_nb >= _CHANCE) & (f.ja_repeat < _REPEAT)
    out.update(be[bad_en].tolist())
    out.update(bj[bad_ja].tolist())
    # A member glued into a merged bead without evidence (merged beads are few).
    out.update(
        b for b in np.flatnonzero(en_count + ja_count > 2).tolist() if any(_adds_nothing(k, *beads[b]))
    )
    return out


def _unions(sparse: Any, bead_of: np.ndarray, keys: Any, nb: int) -> Callable[[np.ndarray], Any]:
    """The union of one side's keys per bead, as a function of the beads asked (one row each, in
    their order; a sentence in no bead is in none of them). Each row is the product of the bead's
    indicator row and the key matrix, whatever other rows are asked: the row of the product for
    all beads, which the covers of the whole path asked before the covers were kept (_own_covers)
    and which their neighbours' covers, asked of few sentences, do not need."""
    owner = np.where(bead_of >= 0, bead_of, nb)  # a sentence in no bead: in none asked
    order = np.argsort(owner, kind="stable")  # each bead's sentences, in order
    start = np.searchsorted(owner[order], np.arange(nb + 1))

    def rows(asked: np.ndarray) -> Any:
        cols = order[_rows_units(start, asked)]
        at = np.repeat(np.arange(len(asked)), start[asked + 1] - start[asked])
        ind = sparse.csr_matrix((np.ones(len(cols)), (at, cols)), shape=(len(asked), len(bead_of)))
        union = (ind @ keys).tocsr()
        union.data[:] = 1.0
        return union

    return rows


def _own_covers(
    k: _Keys,
    ids: np.ndarray | None,
    en: tuple[np.ndarray, Callable[[np.ndarray, np.ndarray], np.ndarray]],
    ja: tuple[np.ndarray, Callable[[np.ndarray, np.ndarray], np.ndarray]],
) -> tuple[np.ndarray, np.ndarray]:
    """Per English and Japanese sentence, the share of it its own bead covers (``ids``: the
    path's beads, see _bead_ids; ``en``, ``ja``: each sentence's bead and the cover of
    sentences ``at`` by beads ``rows``, see _suspects).

    A sentence's share depends on its bead alone: of the path before (the repair pass before,
    the refine before), only the sentences of the beads it did not hold are computed (the
    whole path took most of _suspects' time, four times per refine of a long text).
    """
    (be, en_cover), (bj, ja_cover) = en, ja
    kept = k.own[0] if k.own else None
    if kept is None or kept[0] is None or ids is None or len(kept[1]) != len(be) or len(kept[2]) != len(bj):
        en_own, ja_own = en_cover(be, np.arange(len(be))), ja_cover(bj, np.arange(len(bj)))
    else:
        seen, en_own, ja_own = kept[0], kept[1].copy(), kept[2].copy()
        # A sentence in no bead (-1: a refine of part of a path) reads the last entry: not asked.
        at = np.minimum(np.searchsorted(seen, ids), max(len(seen) - 1, 0))
        same = np.append(seen[at] == ids if len(seen) else np.zeros(len(ids), dtype=bool), True)
        for own, bead_of, cover in ((en_own, be, en_cover), (ja_own, bj, ja_cover)):
            at = np.flatnonzero(~same[bead_of])
            if len(at):
                own[at] = cover(bead_of, at)[at]
    # Kept sorted: the next path's beads are looked up in it (np.isin sorted both, each time).
    k.own[:] = [(None if ids is None else np.sort(ids), en_own, ja_own)]
    return en_own, ja_own


#: _bead_ids counts a bead's sentences per side in this base (a bead of more is not numbered).
_COUNT_BASE = 64


def _bead_ids(
    en: tuple[np.ndarray, np.ndarray], ja: tuple[np.ndarray, np.ndarray], m: int
) -> np.ndarray | None:
    """A number per bead (``en``, ``ja``: per bead its member count, and the members in bead
    order, see _members), the same for the same bead in any path of the documents: its first
    sentence and its count on each side (a bead's sentences are consecutive; ``m``: the
    Japanese sentences). A set of the
    bead tuples cost a hash of each per path. None when a bead is too large to number."""
    parts = []
    for count, ids in (en, ja):
        if len(count) and int(count.max()) >= _COUNT_BASE:
            return None
        at = np.cumsum(count) - count
        first = ids[np.minimum(at, len(ids) - 1)] if len(ids) else np.zeros(len(count), np.int64)
        parts.append((np.where(count > 0, first + 1, 0)) * _COUNT_BASE + count)
    return parts[0] * ((m + 1) * _COUNT_BASE) + parts[1]


def _members(beads: Sequence[Bead], side: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per bead, its members on one side (0: English, 1: Japanese); per member in bead order,
    its sentence and its bead (arrays: built per bead in Python, this took most of a pass)."""
    count = np.fromiter((len(b[side]) for b in beads), dtype=np.int64, count=len(beads))
    ids = np.fromiter(chain.from_iterable(b[side] for b in beads), dtype=np.int64, count=int(count.sum()))
    return count, ids, np.repeat(np.arange(len(beads), dtype=np.int64), count)


@dataclass
class Memo:
    """What refine computes from a document pair's keys alone (coverage shares, sentence units),
    kept by the caller for the pair's next refine: the search after held-out copies refines a
    path of 200k sentences again, and asks mostly the same beads."""

    keys: _Keys | None = None

    def coverage(self, k: _Keys) -> _Keys:
        """``k`` with the memos kept from the refine before on the same keys (its metadata flags,
        lengths and the memos that read them are k's own)."""
        kept = self.keys
        if kept is not None and kept.keys is k.keys:
            repeats, idle, windows, shifts = k.repeats, k.idle, k.windows, k.shifts
            if _same_lengths(kept, k) and np.array_equal(kept.en_meta, k.en_meta):
                changed = np.flatnonzero(kept.ja_meta != k.ja_meta)
                repeats, idle, windows = _still_valid(kept, changed)
                same_counts = kept.en_sentences is k.en_sentences and kept.ja_sentences is k.ja_sentences
                shifts = _shifts_valid(kept, changed) if same_counts else shifts
            k = replace(
                kept,
                en_meta=k.en_meta,
                ja_meta=k.ja_meta,
                en_sentences=k.en_sentences,
                ja_sentences=k.ja_sentences,
                lengths=k.lengths,
                variants={},
                repeats=repeats,
                idle=idle,
                windows=windows,
                shifts=shifts,
            )
        self.keys = k
        return k


def _shifts_valid(kept: _Keys, changed: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """kept.shifts without the pairs that hold a Japanese sentence whose metadata flag
    ``changed`` (_shifted reads the flags of its two Japanese sentences, see _pair_ids)."""
    if not kept.shifts:
        return []
    seen, moves = kept.shifts[0]
    first_ja = (seen // 9) % (len(kept.ja_meta) + 1)
    keep = ~(np.isin(first_ja, changed) | np.isin(first_ja + 1, changed))
    return [(seen[keep], moves[keep])]


def _same_lengths(a: _Keys, b: _Keys) -> bool:
    """Whether two refines judge lengths alike (the same arrays and model, or none)."""
    if a.lengths is None or b.lengths is None:
        return a.lengths is b.lengths
    return all(x is y for x, y in zip(a.lengths, b.lengths, strict=True))


def _still_valid(
    kept: _Keys, changed: np.ndarray
) -> tuple[dict[tuple[int, int], float], _Idle, dict[tuple[Bead, ...], list[Bead] | None]]:
    """The memos of ``kept`` that read Japanese metadata flags, without the entries that read
    a flag of the sentences ``changed``: a repeat share reads the flags of the _REPEAT_WINDOW
    sentences before its own, _adds_nothing those of its bead's Japanese (_lone_word), and a
    window's segmentation those of its Japanese and of the repeat shares they ask."""
    gone = set(changed.tolist())
    if not gone:
        return dict(kept.repeats), dict(kept.idle), dict(kept.windows)
    back = _REPEAT_WINDOW
    repeats = {key: v for key, v in kept.repeats.items() if gone.isdisjoint(range(key[0] - back, key[0]))}
    idle = {key: v for key, v in kept.idle.items() if gone.isdisjoint(key[3])}
    windows = {}
    for window, seg in kept.windows.items():
        ja = [j for _, b in window for j in b]
        if not ja or gone.isdisjoint(range(min(ja) - back, max(ja) + 1)):
            windows[window] = seg
    return repeats, idle, windows


def refine(
    beads: list[Bead],
    f: Features,
    en_meta: np.ndarray,
    ja_meta: np.ndarray,
    lengths: tuple[np.ndarray, np.ndarray, LengthModel] | None = None,
    docs: tuple[Document, Document] | None = None,
    memo: Memo | None = None,
) -> list[Bead]:
    """The path's beads, with misfit windows re-segmented where coverage says so (``docs``, the
    English and Japanese documents, let a gap move on words the keys do not hold: _renders)."""
    k = _Keys(
        f.keys,
        en_meta=en_meta,
        ja_meta=ja_meta,
        en_sentences=f.en_sentences,
        ja_sentences=f.ja_sentences,
        lengths=lengths,
        docs=docs,
    )
    if memo is not None:
        k = memo.coverage(k)
    try:
        out = _later_copy(k, beads)
        for width in (2, 3):
            out = _repair(k, f, out, width)
        out = _absorbed_lines(k, _shifted_omissions(k, _swap_gaps(k, _idle_ends(k, out)), f))
        # A shifted omission or a freed line opens a gap that the first gap move never saw.
        out = _repeated_en(k, _shifted_gaps(k, _swap_gaps(k, out)))
        return _taken_slots(k, _swap_additions(k, out))
    finally:
        # The copies hold the dict that holds them: a cycle that would keep every memo of the
        # refine alive until the collector runs (it is paused while aligning).
        k.variants.clear()


def _idle_ends(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """A bead of three Japanese sentences or more (which the repair's windows do not search)
    whose first or last one adds nothing to it (see _adds_nothing): that one is left without
    English, as the repair leaves it in a 1-2 bead."""
    out: list[Bead] = []
    for en, ja in beads:
        idle = _adds_nothing(k, en, ja)[1] if len(ja) > 2 and len(en) == 1 else frozenset()
        if ja and ja[0] in idle:
            out.extend((((), ja[:1]), (en, ja[1:])))
        elif ja and ja[-1] in idle:
            out.extend(((en, ja[:-1]), ((), ja[-1:])))
        else:
            out.append((en, ja))
    return out


def _swap_gaps(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """An omission (1-0) beside a 1-1 bead whose Japanese the omitted sentence explains far
    better: the DP left out the wrong one of two neighbours (a dropped short sentence whose
    neighbour's translation took its place). The gap moves to the other sentence; the number
    of gaps does not change, so this never adds an omission. (The same move of an addition
    turned free renderings of clean text into repeats: it is not made.)"""
    out = list(beads)
    short = k.with_min(min_keys=1, min_units=1)

    def step(n: int) -> bool:
        first, second = out[n], out[n + 1]
        if not first[1] and _gap_belongs(short, first, second):
            out[n], out[n + 1] = (first[0], second[1]), (second[0], ())
        elif not second[1] and _gap_belongs(short, second, first):
            out[n], out[n + 1] = (first[0], ()), (second[0], first[1])
        else:
            return False
        return True

    gap, one_one = _shape(out, 1, 0), _shape(out, 1, 1)
    _walk_pairs((gap[:-1] & one_one[1:]) | (one_one[:-1] & gap[1:]), step)
    return out


def _shape(beads: Sequence[Bead], en: int, ja: int) -> np.ndarray:
    """Per bead, whether it holds ``en`` English and ``ja`` Japanese sentences."""
    return np.fromiter((len(b[0]) == en and len(b[1]) == ja for b in beads), dtype=bool, count=len(beads))


def _walk_pairs(maybe: np.ndarray, step: Callable[[int], bool]) -> None:
    """step(n) of each adjacent pair of beads (n, n + 1) in order, where ``maybe`` (the shapes
    of the beads before any step) says it may change them, and of the next pair after a step
    that did change them (the next pair's shapes are new). The walks over every pair of a long
    path took seconds."""
    todo = np.flatnonzero(maybe).tolist()
    i, after = 0, None
    while True:
        if after is None:
            if i >= len(todo):
                return
            n, i = todo[i], i + 1
        else:
            n = after
            while i < len(todo) and todo[i] <= n:
                i += 1
        after = n + 1 if step(n) and n + 1 < len(maybe) else None


def _one_one(bead: Bead) -> bool:
    return len(bead[0]) == 1 and len(bead[1]) == 1


def _addition(bead: Bead) -> bool:
    return not bead[0] and len(bead[1]) == 1


def _swap_additions(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """An addition (0-1) beside a 1-1 bead whose English it renders, while that bead's Japanese
    shares no specific word with it: a line was inserted and took the slot of the translation
    next to it (see _slot_taken). The Japanese sentences trade places; the number of additions
    does not change."""
    out = list(beads)
    short = k.with_min(min_keys=1, min_units=1)

    def step(n: int) -> bool:
        first, second = out[n], out[n + 1]
        if _addition(first) and _one_one(second) and _slot_taken(short, first[1][0], second):
            out[n], out[n + 1] = (second[0], first[1]), ((), second[1])
        elif _addition(second) and _one_one(first) and _slot_taken(short, second[1][0], first):
            out[n], out[n + 1] = ((), first[1]), (first[0], second[1])
        else:
            return False
        return True

    added, one_one = _shape(out, 0, 1), _shape(out, 1, 1)
    _walk_pairs((added[:-1] & one_one[1:]) | (one_one[:-1] & added[1:]), step)
    return out


def _slot_taken(k: _Keys, y: int, pair: Bead) -> bool:
    """Whether the unaligned Japanese sentence y renders the English of the 1-1 bead ``pair``
    (_NEIGHBOUR of its specific words at least) whose own Japanese shares none of them, nor any
    specific key of its own with it; y repeats no sentence before it, and its length fits
    the English about as well (the DP's own evidence)."""
    (b,), (x,) = pair
    if k.en_meta[b] or k.ja_meta[x] or k.ja_meta[y] or _repeat_share(k, y) >= _REPEAT:
        return False
    if _specific_en(k, b, x) > 0 or (k.strong_cover_ja(x, (b,)) or 0.0) > 0:
        return False
    return _specific_en(k, b, y) >= _NEIGHBOUR and _fits_no_worse(k, (b,), (y,), (b,), (x,))


def _taken_slots(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """Two 1-1 beads, one of whose Japanese holds two sentences or more and renders the other
    bead's English, whose own Japanese shares no specific word with it: the Japanese line was
    the translation of both English sentences (a 2-1 bead), and a line inserted after or
    before it took the slot of the second one. The English joins the 2-1 bead, and the
    inserted line is left without English."""
    out = list(beads)
    short = k.with_min(min_keys=1, min_units=1)

    def step(n: int) -> bool:
        first, second = out[n], out[n + 1]
        if not (_one_one(first) and _one_one(second)):
            return False
        if _holds_both(short, first, second):
            out[n], out[n + 1] = ((*first[0], *second[0]), first[1]), ((), second[1])
        elif _holds_both(short, second, first):
            out[n], out[n + 1] = ((), first[1]), ((*first[0], *second[0]), second[1])
        else:
            return False
        return True

    one_one = _shape(out, 1, 1)
    # _holds_both asks first that the holder's Japanese has two sentences or more.
    two = np.zeros(len(out), dtype=bool)
    if len(k.ja_sentences):
        ones = np.flatnonzero(one_one)
        two[ones] = k.ja_sentences[[out[b][1][0] for b in ones.tolist()]] >= 2
    _walk_pairs(one_one[:-1] & one_one[1:] & (two[:-1] | two[1:]), step)
    return out


def _holds_both(k: _Keys, holder: Bead, slot: Bead) -> bool:
    """Whether the Japanese of the 1-1 bead ``holder`` renders the English of ``slot`` too: it
    holds two sentences or more, _NEIGHBOUR of that English's specific words, and its length
    fits both English sentences about as well as one, while the Japanese of ``slot`` shares
    no specific key with it."""
    (a,), (x,) = holder
    (b,), (y,) = slot
    if k.en_meta[a] or k.en_meta[b] or k.ja_meta[x] or k.ja_meta[y] or len(k.ja_sentences) == 0:
        return False
    if int(k.ja_sentences[x]) < 2 or _specific_en(k, b, y) > 0 or (k.strong_cover_ja(y, (b,)) or 0.0) > 0:
        return False
    return _specific_en(k, b, x) >= _NEIGHBOUR and _fits_no_worse(k, (a, b), (x,), (a,), (x,))


def _swapped(k: _Keys, gap: Bead, pair: Bead) -> bool:
    """Whether the omitted English sentence of ``gap`` explains the Japanese of the 1-1 bead
    ``pair`` clearly better than that bead's English (see _misplaced), is explained by it
    better, counting only content words (no pronoun, no stop word's sense), and fits its
    length about as well (the DP's own evidence)."""
    if len(pair[0]) != 1 or len(pair[1]) != 1 or len(gap[0]) != 1 or gap[1]:
        return False
    (a,), (b,), (x,) = gap[0], pair[0], pair[1]
    if k.en_meta[a] or k.en_meta[b] or k.ja_meta[x]:
        return False
    if not _misplaced(k.strong_cover_ja(x, (b,)), [k.strong_cover_ja(x, (a,))]):
        return False
    return _specific_en(k, a, x) > _specific_en(k, b, x) and _fits_no_worse(k, (a,), (x,), (b,), (x,))


def _gap_belongs(k: _Keys, gap: Bead, pair: Bead) -> bool:
    """Whether the omission ``gap`` (1-0) belongs to the English of the 1-1 bead ``pair``
    instead: its sentence explains that bead's Japanese far better (_swapped), or that Japanese
    renders more of its words (_renders)."""
    return _swapped(k, gap, pair) or _renders(k, gap, pair)


#: _renders: the lengths may fit the omitted sentence worse by _GAP_LENGTH_MARGIN at most
#: (-log P of the length model); its words that the Japanese says must outweigh the paired
#: sentence's, and with the Japanese's words it explains (a word of a compound the omitted
#: sentence says, 三角 of 三角法 "trigonometry", counts), by _WORDS_MARGIN plus
#: _WORDS_PER_LENGTH times the length's difference (a length that fits it far better lets
#: the paired sentence explain a vague word more: a long sentence shares one more often). On
#: the perturbation benchmark's gaps beside a 1-1 bead (3,700 on two seeds, and the corpora's
#: own), none whose gold pairs the Japanese with that bead's English moves.
_GAP_LENGTH_MARGIN, _WORDS_MARGIN, _WORDS_PER_LENGTH = 1.5, 0.05, 0.05

#: An English word (as the keys read them).
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*")


def _renders(k: _Keys, gap: Bead, pair: Bead) -> bool:
    """Whether the Japanese x of the 1-1 bead ``pair`` (b, x) renders the omitted English
    sentence a of ``gap`` rather than b: of two short neighbours with few words in common
    with x, the DP paired x with the one its length and prior favoured. The words are read
    as a translator would look them up: every word of a and b that JMdict glosses (and their
    numbers and names' sound keys), against the glosses of x's words other than pronouns and
    of the compounds and set phrases UniDic cuts into several tokens (see _rendering_keys)."""
    if k.docs is None or len(pair[0]) != 1 or len(pair[1]) != 1 or len(gap[0]) != 1 or gap[1]:
        return False
    (a,), (b,), (x,) = gap[0], pair[0], pair[1]
    if k.en_meta[a] or k.en_meta[b] or k.ja_meta[x]:
        return False
    worse = _length_worse(k, (a,), (x,), (b,), (x,))
    if worse > _GAP_LENGTH_MARGIN:
        return False
    # Nothing of a said (a's words unknown to JMdict, say): said is not positive, whatever b
    # shares (a share is never negative), and x's spans are not read for b.
    said = _said(k, a, x)
    if said <= 0:
        return False
    said -= _said(k, b, x)
    if said <= 0:
        return False
    return said + _explained(k, x, a) - _explained(k, x, b) > _WORDS_MARGIN + _WORDS_PER_LENGTH * worse


def _said(k: _Keys, i: int, j: int, besides: Sequence[int] = ()) -> float:
    """Share of English sentence i's word weight that Japanese sentence j renders: its words
    that JMdict glosses (its data-driven function words, "the", "to", "is", left out), its
    numbers, and its other words that are no stop words (names, terms) with their sound keys,
    found among _rendering_keys(j). With ``besides`` (the other English sentences of j's
    bead), only the words they do not have count as found: what j says of i in particular."""
    words, total = _content_keys(k, i)
    if total <= 0:
        return 0.0
    found = _rendering_keys(k, j)
    if besides:
        found = found - {_plain(key) for b in besides for key in k.keys.en[b]}
    return sum(w for key, w in words if key in found) / total


def _content_keys(k: _Keys, i: int) -> tuple[list[tuple[str, float]], float]:
    """The keys of English sentence i's content words (see _said) as _plain reads them, with
    their weights (in _content_words' order), and their total weight. Kept per text: a long
    document repeats its sentences (the row of keys and the words are the text's)."""
    assert k.docs is not None
    at = (k.text_ids()[0][i], k.docs[0].segments[i].text)
    found = k.content.get(at)
    if found is None:
        words = _content_words(k, i)
        found = k.content[at] = ([(_plain(key), w) for key, w in words.items()], sum(words.values()))
    return found


def _content_words(k: _Keys, i: int) -> dict[str, float]:
    """_content_keys of English sentence i, computed."""
    assert k.docs is not None
    weights = k.en(i)
    words = {key: w for key, w in weights.items() if key[0] == "#"}
    vocabulary, stops = gloss_vocabulary(), stop_words()
    for word in _EN_WORD.findall(k.docs[0].segments[i].text):
        low = word.lower()
        if low in vocabulary:
            keys = [stem_word(word, STEM)]
        elif low not in stops:
            keys = en_keys(word, STEM)  # its stem, and a capitalised word's sound keys
        else:
            continue
        words.update((key, weights[key]) for key in keys if key in weights)
    return words


def _plain(key: str) -> str:
    """A word's stem without a final e: stem_word strips it before cutting, so "agree" is
    "agre" and "agreement" "agree"; both are "agre" here."""
    return key[:-1] if len(key) == STEM and key.endswith("e") else key


def _rendering_keys(k: _Keys, j: int) -> frozenset[str]:
    """The keys of Japanese sentence j's units other than pronouns (see _weak_lemma), and the
    gloss stems of its JMdict compounds and phrases (教科書, 無意味, 心を動かす: see span_keys)."""
    assert k.docs is not None
    # Kept per text (its row of keys and its tokens): a long document repeats its sentences.
    at = (k.text_ids()[1][j], k.docs[1].segments[j].text)
    found = k.renders.get(at)
    if found is None:
        spans = (keys for _, keys in _spans(k, j))
        found = k.renders[at] = frozenset(_plain(key) for key in chain(_ja_said(k, (j,)), *spans))
    return found


def _spans(k: _Keys, j: int) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The JMdict compounds and phrases of Japanese sentence j (see compounds.spans), their
    stems as _plain reads them."""
    assert k.docs is not None
    text = k.docs[1].segments[j].text  # the tokens are the text's (see document_tokens)
    found = k.spans.get(text)
    if found is None:
        found = k.spans[text] = [
            (lemmas, frozenset(_plain(key) for key in keys))
            for lemmas, keys in spans(document_tokens(k.docs[1])[j], STEM)
        ]
    return found


def _explained(k: _Keys, j: int, i: int) -> float:
    """Share of Japanese sentence j's unit weight with a key in English sentence i (see _plain),
    a pronoun or determiner (see _weak_lemma) never counting as found."""
    return _explained_by(k, j, (i,))


def _explained_by(k: _Keys, j: int, en: Sequence[int]) -> float:
    """_explained of Japanese sentence j by the English sentences ``en`` together; a word of a
    JMdict compound or phrase that ``en`` says (三角 of 三角法 "trigonometry") counts as found."""
    idf = k.keys.ja_idf
    found = frozenset(_plain(key) for i in en for key in k.keys.en[i])
    said = frozenset().union(*(lemmas for lemmas, keys in _spans(k, j) if not found.isdisjoint(keys)))
    total = hit = 0.0
    for name, keys in k.keys.ja[j]:
        if keys:
            total += idf[name]
            if not _weak_lemma(name) and (name in said or any(_plain(key) in found for key in keys)):
                hit += idf[name]
    return hit / total if total > 0 else 0.0


def _shifted_gaps(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """An omission (1-0) at the end of a run of one or two beads of one Japanese sentence each
    (1-1 or 2-1), whose English moves by one sentence when the gap moves to the run's other
    end: the DP paired each Japanese with its neighbour's English, and the gap opened a bead or
    two away from the dropped sentence (a 2-1 bead between them). The gap moves when the
    Japanese render the sentences that enter their beads better than the ones that leave
    (see _chain_renders); the number of gaps does not change."""
    out = list(beads)
    n = 0
    while n < len(out):
        moved = _shift_at(k, out, n) if len(out[n][0]) == 1 and not out[n][1] else None
        if moved is None:
            n += 1
            continue
        lo, hi, new = moved
        out[lo:hi] = new
        n = hi
    return out


#: Beads a gap may move across (_shifted_gaps); one is _swap_gaps' move when the bead is a 1-1.
_CHAIN = 2


def _shift_at(k: _Keys, beads: list[Bead], n: int) -> tuple[int, int, list[Bead]] | None:
    """The gap at bead n moved across the one or two beads before or after it, as (first bead,
    end, the new beads), when the words say so; else None. (A lone 1-1 bead beside the gap is
    _swap_gaps' move, made just before.)"""
    for span in range(1, _CHAIN + 1):
        for lo, hi in ((n - span, n + 1), (n, n + span + 1)):
            if lo < 0 or hi > len(beads):
                continue
            run = beads[lo:hi]
            chain = run[:-1] if hi == n + 1 else run[1:]
            if not all(1 <= len(en) <= 2 and len(ja) == 1 for en, ja in chain):
                continue
            if span == 1 and len(chain[0][0]) == 1:
                continue
            new = _shift_english(run, gap_last=hi == n + 1)
            if _chain_renders(k, chain, new[:-1] if hi != n + 1 else new[1:]):
                return lo, hi, new
    return None


def _shift_english(run: list[Bead], gap_last: bool) -> list[Bead]:
    """The beads of ``run`` (a gap at its end, ``gap_last``, or at its start) with every English
    sentence moved by one towards the gap, which takes the sentence at the run's other end."""
    english = [i for en, _ in run for i in en]
    sizes = [len(en) for en, ja in run if ja]
    if gap_last:
        out: list[Bead] = [((english[0],), ())]
        at = 1
    else:
        out, at = [], 0
    for size, (_, ja) in zip(sizes, [b for b in run if b[1]], strict=True):
        out.append((tuple(english[at : at + size]), ja))
        at += size
    if not gap_last:
        out.append(((english[at],), ()))
    return out


def _chain_renders(k: _Keys, old: list[Bead], new: list[Bead]) -> bool:
    """Whether the Japanese of the beads ``new`` (the English moved by one) render their English
    better than in the beads ``old``: per bead, the sentence that enters is said no less than
    the one that leaves (see _said: besides the sentence that stays in a 2-1 bead, whose words
    say nothing of which of the two is its partner), over the run more, and with the Japanese's
    words explained (see _explained_by) by more than the margin and the length's evidence for
    the old beads (as _renders judges one gap beside one bead)."""
    if k.docs is None:
        return False
    pairs = list(zip(old, new, strict=True))
    if any(k.en_meta[i] or k.ja_meta[ja[0]] for (en, ja), (other, _) in pairs for i in (*en, *other)):
        return False
    worse = sum(_length_worse(k, en_new, ja, en_old, ja) for (en_old, ja), (en_new, _) in pairs)
    if worse > _GAP_LENGTH_MARGIN:
        return False
    said = explained = 0.0
    for (en_old, ja), (en_new, _) in pairs:
        (enter,), (leave,) = set(en_new) - set(en_old), set(en_old) - set(en_new)
        stay = [i for i in en_new if i != enter]
        gain = _said(k, enter, ja[0], stay) - _said(k, leave, ja[0], stay)
        if gain < 0:
            return False
        said += gain
        explained += _explained_by(k, ja[0], en_new) - _explained_by(k, ja[0], en_old)
    return said > 0 and said + explained > _WORDS_MARGIN + _WORDS_PER_LENGTH * worse


def _shifted_omissions(k: _Keys, beads: list[Bead], f: Features | None = None) -> list[Bead]:
    """A dropped sentence beside an English line of two sentences whose bead renders one: the
    DP paired the dropped sentence's slot with the line's other sentence, shifted off its bead,
    and no gap opened. Two 1-1 beads (a, x), (b, y), in either order, become (a, x + y) and an
    omission of b when a holds as many sentences as x and y together, y renders a better than
    b and b not at all (see _shifted), and a's length fits x + y about as well as x alone. This
    adds an omission, so the evidence asked is all three: sentence count, words and length.
    Without the count (one sentence split over two lines) both word tests must hold; a 2-1
    bead (a is two lines) is judged only with the count."""
    out = list(beads)
    short = k.with_min(min_keys=1, min_units=1)
    # The pairs the last path's pass decided (the refine before: the paths differ locally)
    # are not asked again; -1: not known.
    ids = _pair_ids(beads, len(k.ja_meta))
    known = _known_shifts(k, ids)
    # A pair is asked only before it changes (a change skips both beads), so the pairs of the
    # input are the ones asked: the ones _shifted surely refuses are found at once.
    ahead, behind = _shift_candidates(k, f, out, known >= 0) if f is not None else (None, None)
    decided = known.copy()
    n = 0
    while n < len(out) - 1:
        move = int(known[n])
        if move < 0:
            if ahead is not None and behind is not None and not (ahead[n] or behind[n]):
                move = 0
            else:
                first, second = out[n], out[n + 1]
                move = 1 if _shifted(short, first, second) else 2 if _shifted(short, second, first) else 0
            decided[n] = move
        if move:
            first, second = out[n], out[n + 1]
            if move == 1:
                out[n], out[n + 1] = (first[0], first[1] + second[1]), (second[0], ())
            else:
                out[n], out[n + 1] = (first[0], ()), (second[0], first[1] + second[1])
            n += 2
        else:
            n += 1
    asked = np.flatnonzero((decided >= 0) & (ids >= 0))
    order = np.argsort(ids[asked], kind="stable")
    k.shifts[:] = [(ids[asked][order], decided[asked][order])]
    return out


def _pair_ids(beads: Sequence[Bead], m: int) -> np.ndarray:
    """A number per adjacent pair of beads (n, n + 1) that _shifted may judge (each bead of one
    or two English sentences and one Japanese), the same for the same pair in any path of the
    documents (``m``: Japanese sentences): the first bead's first sentences and both English
    counts (a bead's sentences are consecutive); -1 for another pair."""
    out = np.full(max(len(beads) - 1, 0), -1, dtype=np.int64)
    if len(beads) < 2:
        return out
    en_count, en_ids, _ = _members(beads, 0)
    ja_count, ja_ids, _ = _members(beads, 1)
    fits = ((en_count == 1) | (en_count == 2)) & (ja_count == 1)
    pair = np.flatnonzero(fits[:-1] & fits[1:])
    en_at, ja_at = np.cumsum(en_count) - en_count, np.cumsum(ja_count) - ja_count
    first_en, first_ja = en_ids[en_at[pair]], ja_ids[ja_at[pair]]
    # The number names the pair only when its sentences are consecutive (a path's are).
    last = len(en_ids) - 1
    second_en = en_ids[en_at[pair + 1]]
    run = (second_en == first_en + en_count[pair]) & (ja_ids[ja_at[pair + 1]] == first_ja + 1)
    run &= (en_count[pair] == 1) | (en_ids[np.minimum(en_at[pair] + 1, last)] == first_en + 1)
    run &= (en_count[pair + 1] == 1) | (en_ids[np.minimum(en_at[pair + 1] + 1, last)] == second_en + 1)
    pair, first_en, first_ja = pair[run], first_en[run], first_ja[run]
    out[pair] = ((first_en * (m + 1) + first_ja) * 3 + en_count[pair]) * 3 + en_count[pair + 1]
    return out


def _known_shifts(k: _Keys, ids: np.ndarray) -> np.ndarray:
    """Per pair (see _pair_ids), the decision kept from the last path (see _Keys.shifts), or -1."""
    out = np.full(len(ids), -1, dtype=np.int64)
    if not k.shifts or not len(k.shifts[0][0]):
        return out
    seen, moves = k.shifts[0]
    at = np.minimum(np.searchsorted(seen, ids), len(seen) - 1)
    hit = (ids >= 0) & (seen[at] == ids)
    out[hit] = moves[at[hit]]
    return out


def _shift_candidates(
    k: _Keys, f: Features, beads: list[Bead], known: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per adjacent pair of beads (n, n + 1), whether _shifted may hold of (n, n + 1), and of
    (n + 1, n): its first test (y's units covered better by a than by b) needs a key of y in
    a and not in b, found for all pairs at once in the key matrices (the keys of y's units,
    of a and of b exactly, so a pair without one is one _shifted refuses). The pairs
    ``known`` (decided already) are not asked: False."""
    none = np.zeros(max(len(beads) - 1, 0), dtype=bool)
    if len(beads) < 2:
        return none, none.copy()
    # Per bead: its first and last English sentence and its first Japanese one (arrays: the
    # lists built per bead in Python took a third of this).
    en_count, en_ids, _ = _members(beads, 0)
    ja_count, ja_ids, _ = _members(beads, 1)
    en_at, ja_at = np.cumsum(en_count) - en_count, np.cumsum(ja_count) - ja_count
    ends = (en_ids[np.minimum(en_at, len(en_ids) - 1)], en_ids[np.maximum(en_at + en_count - 1, 0)])
    first_ja = ja_ids[np.minimum(ja_at, len(ja_ids) - 1)] if len(ja_ids) else np.zeros(len(beads), np.int64)
    members = (*ends, first_ja)
    one_one = (en_count == 1) & (ja_count == 1)
    own = ((en_count == 1) | (en_count == 2)) & (ja_count == 1)
    asked = ~known if known is not None else np.ones(len(none), dtype=bool)
    return (
        _shift_keys(k, f, members, np.flatnonzero(own[:-1] & one_one[1:] & asked), 1, none.copy()),
        _shift_keys(k, f, members, np.flatnonzero(own[1:] & one_one[:-1] & asked), -1, none.copy()),
    )


def _shift_keys(
    k: _Keys,
    f: Features,
    members: tuple[np.ndarray, np.ndarray, np.ndarray],
    at: np.ndarray,
    step: int,
    out: np.ndarray,
) -> np.ndarray:
    """``out`` with True at the pairs ``at`` (own bead n, 1-1 bead n + step ahead of it:
    ``step`` 1, or behind it: -1, then the pair is n - 1) where a key of the 1-1 bead's
    Japanese y is in the own bead's English a and not in its English b (``members``: per
    bead, its first and last English sentence and its first Japanese one)."""
    if not len(at):
        return out
    own, other = (at, at + 1) if step == 1 else (at + 1, at)
    first_en, last_en, first_ja = members
    a0, a1, b, y = first_en[own], last_en[own], first_en[other], first_ja[other]
    en_a, en_b = f.en_bin[a0] + f.en_bin[a1], f.en_bin[b]
    in_a = f.ja_bin[y].multiply(en_a).tocsr()
    in_a.eliminate_zeros()
    in_ab = in_a.multiply(en_b).tocsr()
    in_ab.eliminate_zeros()
    keep = np.flatnonzero(np.diff(in_a.indptr) > np.diff(in_ab.indptr))
    at, y = at[keep], y[keep]
    # Then by unit: one of y's units must have a key in a and none in b.
    units = np.diff(f.tok_start)[y]
    pair = np.repeat(np.arange(len(y)), units)
    unit = _rows_units(f.tok_start, y)
    tok = f.tok[unit]
    by_a = tok.multiply(en_a[keep[pair]]).tocsr()
    by_a.eliminate_zeros()
    by_b = tok.multiply(en_b[keep[pair]]).tocsr()
    by_b.eliminate_zeros()
    in_a, in_b = np.diff(by_a.indptr) > 0, np.diff(by_b.indptr) > 0
    # Then by weight (the idf of each unit's lemma, as Coverage.cover_units counts them): the
    # units a covers must outweigh the ones b covers. The sums differ from cover_units' in
    # order only: a pair within rounding of a tie is left to _shifted.
    w = _unit_idf(k, y, len(unit))
    gain = np.bincount(pair, weights=np.where(in_a, w, 0.0) - np.where(in_b, w, 0.0), minlength=len(y))
    scale = np.bincount(pair, weights=w, minlength=len(y))
    out[at] = gain > -1e-9 * (scale + 1.0)
    return out


def _unit_idf(k: _Keys, ja: np.ndarray, count: int) -> np.ndarray:
    """The idf of each unit's lemma (every unit, keyed or not) of the Japanese sentences ``ja``
    in order, ``count`` in all: read once per distinct text (a long document repeats its
    sentences; a lookup per unit took a fifth of _shift_keys)."""
    idf, rows = k.keys.ja_idf, k.keys.ja
    texts, first, inverse = np.unique(
        np.asarray(k.text_ids()[1], dtype=np.int64)[ja], return_index=True, return_inverse=True
    )
    per_text = [[idf[name] for name, _ in rows[j]] for j in ja[first].tolist()]
    size = np.fromiter((len(x) for x in per_text), dtype=np.int64, count=len(texts))
    flat = np.fromiter(chain.from_iterable(per_text), dtype=np.float64, count=int(size.sum()))
    start = np.append(0, np.cumsum(size))
    return flat[_rows_units(start, inverse.ravel())] if count else np.zeros(0)


def _repeated_en(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """A 2-1 bead of two English sentences with the same words ("One, two, three." twice)
    and a Japanese side of fewer sentences: the Japanese renders one of them, and the later
    one is left out (as _later_copy does for a Japanese repeat). Whether a translator may
    render a repeat once is the editor's call; the omission is there to see."""
    out: list[Bead] = []
    for en, ja in beads:
        if len(en) == 2 and ja and _repeat_pair(k, en, ja):
            out.extend((((en[0],), ja), ((en[1],), ())))
        else:
            out.append((en, ja))
    return out


def _repeat_pair(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...]) -> bool:
    """Two English sentences with the same keys, more sentences than the Japanese holds."""
    first, later = en
    if len(k.en_sentences) == 0 or k.en_meta[first] or k.en_meta[later]:
        return False
    if not k.en(first) or k.en(first) != k.en(later):
        return False
    return sum(int(k.ja_sentences[j]) for j in ja) < int(k.en_sentences[first] + k.en_sentences[later])


def _shifted(k: _Keys, own: Bead, other: Bead) -> bool:
    """Whether the Japanese y of the 1-1 bead ``other`` (b, y) is the missing sentence of the
    bead ``own`` (a, x): one Japanese line x, and one English line a or two (a 2-1 bead, then
    only when the sentences are counted) (see _shifted_omissions)."""
    a, ja = own
    if len(a) not in (1, 2) or len(ja) != 1 or len(other[0]) != 1 or len(other[1]) != 1:
        return False
    (x,), (b,), (y,) = ja, *other
    # The cheap test first: in a long clean text y is b's translation. (Not memoised: each
    # pair is asked once, and a memo would grow by four entries a bead.)
    idf = k.keys.ja_idf
    units = [(keys, idf[name]) for name, keys in k.keys.ja[y] if keys]
    by_a, by_b = k.cover_units(units, a), k.cover_units(units, (b,))
    if by_a is None or by_b is None or by_a <= by_b:
        return False
    if any(k.en_meta[i] for i in (*a, b)) or k.ja_meta[x] or k.ja_meta[y]:
        return False
    counted = len(k.en_sentences) > 0 and sum(k.en_sentences[i] for i in a) >= (
        k.ja_sentences[x] + k.ja_sentences[y]
    )
    if len(a) > 1 and not counted:
        return False
    b_in_y = _specific_share(k, b, k.strong_keys(y))
    if b_in_y is None or (b_in_y > 0 and not counted):
        return False
    # When a holds as many sentences as x and y, one of the two word tests is enough: b shares
    # no specific word with y, or y renders specific words of a that x does not. Otherwise (a
    # sentence split over two lines) both are asked.
    if b_in_y > 0 or not counted:
        if not any(_specific_en_in(k, i, (x, y)) > _specific_en_in(k, i, (x,)) for i in a):
            return False
    return _fits_no_worse(k, a, (x, y), a, (x,))


def _specific_en_in(k: _Keys, i: int, ja: tuple[int, ...]) -> float:
    """_specific_en of English sentence i against the Japanese sentences ``ja`` together."""
    return _specific_share(k, i, frozenset().union(*(k.strong_keys(j) for j in ja))) or 0.0


def _fits_no_worse(
    k: _Keys, en: Sequence[int], ja: Sequence[int], en_than: Sequence[int], ja_than: Sequence[int]
) -> bool:
    """The lengths of English sentences ``en`` and Japanese sentences ``ja`` fit each other within
    _LENGTH_MARGIN of how those of ``en_than`` and ``ja_than`` do (see _length_worse): the length
    check every move between neighbouring beads asks."""
    return _length_worse(k, en, ja, en_than, ja_than) <= _LENGTH_MARGIN


def _length_worse(
    k: _Keys, en: Sequence[int], ja: Sequence[int], en_than: Sequence[int], ja_than: Sequence[int]
) -> float:
    """How much worse (-log P of the DP's length model) the lengths of English sentences ``en``
    and Japanese sentences ``ja`` fit each other than those of ``en_than`` and ``ja_than``; 0
    when length is not judged."""
    if k.lengths is None:
        return 0.0
    en_len, ja_len, model = k.lengths
    le = sum(float(en_len[i]) for i in en)
    lj = sum(float(ja_len[j]) for j in ja)
    le_than = sum(float(en_len[i]) for i in en_than)
    lj_than = sum(float(ja_len[j]) for j in ja_than)
    return _length_cost(model, le, lj) - _length_cost(model, le_than, lj_than)


def _length_cost(model: LengthModel, le: float, lj: float) -> float:
    """model.cost of one pair of lengths, by the same operations on the same doubles (a square
    root is correctly rounded in both): numpy's overhead on arrays of two was most of it."""
    mean = (le + model.ratio * lj) / 2.0
    delta = abs(le - model.ratio * lj) / math.sqrt(model.variance * max(mean, 1.0))
    table = _tail_costs()
    return table[min(int(delta * 100.0), len(table) - 1)]


@cache
def _tail_costs() -> list[float]:
    """The length model's table of tail costs, as Python floats (see _length_cost)."""
    return _tail_cost_table().tolist()


def _specific_en(k: _Keys, i: int, j: int) -> float:
    """Share of English sentence i's weight, stop words left out, found among the specific
    keys of Japanese sentence j (see _Keys.strong_keys): what a short sentence says."""
    return _specific_share(k, i, k.strong_keys(j)) or 0.0


def _specific_share(k: _Keys, i: int, found: frozenset[str]) -> float | None:
    """Share of English sentence i's weight, stop words left out, that is among the keys
    *found*; None when nothing but stop words is left."""
    vague = _vague_keys()
    keys = {key: w for key, w in k.en(i).items() if key not in vague}
    total = sum(keys.values())
    if total <= 0:
        return None
    return sum(w for key, w in keys.items() if key in found) / total


#: The suspects behind the window are dropped from ``near`` once there are more than this.
_NEAR = 8


def _repair(k: _Keys, f: Features, beads: list[Bead], width: int) -> list[Bead]:
    """One pass over the windows of ``width`` beads around suspects, left to right."""
    out = list(beads)
    # The suspects ahead of the window wait in order, all moved by ``shift`` (a change moves
    # every one after its window by the same count); the ones the window has reached are in
    # ``near``, with the ones a change adds. (Moving all of them at each change took seconds
    # on 200k sentences.)
    ahead, shift, near = sorted(_suspects(k, out, f)), 0, set()
    pos = n = 0
    while n + width <= len(out):
        while pos < len(ahead) and ahead[pos] + shift < n + width:
            near.add(ahead[pos] + shift)
            pos += 1
        if len(near) > _NEAR:
            near = {x for x in near if x >= n}  # the window never comes back to them
        if any(n <= x < n + width for x in near):
            window = tuple(out[n : n + width])
            if window in k.windows:
                seg = k.windows[window]
            else:
                seg = k.windows[window] = _better_segmentation(k, list(window))
            if seg is not None:
                out[n : n + width] = seg
                # The path changed here: the suspects after it move with the new bead count.
                moved = len(seg) - width
                near = {x + moved if x >= n + width else x for x in near if x >= n}
                near.update(range(n, n + len(seg)))
                shift += moved
        n += 1
        if not any(x >= n for x in near):
            # No window before the next suspect's first holds a suspect: skip to that one (the
            # loop over every bead of a 200k path, four passes per document, took seconds).
            if pos >= len(ahead):
                break
            n = max(n, ahead[pos] + shift - width + 1)
    return out


def _searchable(k: _Keys, window: Sequence[Bead]) -> bool:
    """Small enough to search, free of metadata, and of bead types the pass may produce."""
    en = [i for b in window for i in b[0]]
    ja = [j for b in window for j in b[1]]
    return (
        len(en) <= _MAX_SIDE
        and len(ja) <= _MAX_SIDE
        and not any(k.en_meta[i] for i in en)
        and not any(k.ja_meta[j] for j in ja)
        and not any(len(b[0]) > 2 or len(b[1]) > 2 or len(b[0]) + len(b[1]) > 3 for b in window)
    )


def _better_segmentation(k: _Keys, window: list[Bead]) -> list[Bead] | None:
    """A segmentation of the window's sentences that beats the DP's by _MARGIN, or None."""
    if not _searchable(k, window):
        return None
    why = _misfit(k, window)
    if why is None:
        return None
    en = tuple(i for b in window for i in b[0])
    ja = tuple(j for b in window for j in b[1])
    if why in ("uncovered", "short"):
        # Where the Japanese of an omission's bead belongs is the question: shorter Japanese
        # sentences (MIN_CONTENT units) are judged too, the misplaced short one first of all.
        k = k.with_min(min_units=MIN_CONTENT)
    current = _score(k, window, new=False)
    # An uncovered sentence is evidence against the DP's bead already: the repair only has to
    # explain the rest of the window no worse.
    margin = 0.0 if why == "uncovered" else _MARGIN
    best, best_seg = (current if current is not None else -1e9) + margin, None
    # The segmentations share their beads: each bead is scored once.
    scores: dict[Bead, float | None] = {}
    # No segmentation beats the best (most windows): seen on the bounds of the beads' scores
    # (merged beads not judged yet), then on the scores, without enumerating segmentations.
    bounds: dict[Bead, float | None] = {}
    top = _top_score(en, ja, bounds, lambda bead: _bead_bound(k, bead))
    if top is None or top <= best:
        return None
    top = _top_score(en, ja, scores, lambda bead: _judged(k, bead, bounds[bead]))
    if top is None or top <= best:
        return None
    old = set(window)
    # For an uncovered member alone, the only repair is to leave that member without its
    # other side (an omission, an addition); any other change would rest on coverage alone.
    dropped = _uncovered_members(k, window) if why == "uncovered" else None
    for seg in _segmentations(en, ja):
        # Scored first (each bead once): only a segmentation that beats the best is judged.
        s = _score_once(k, seg, scores)
        if s is not None and s > best and _allowed(k, seg, old, dropped):
            best, best_seg = s, seg
    return best_seg


def _judged(k: _Keys, bead: Bead, bound: float | None) -> float | None:
    """_bead_score of a new bead whose _bead_bound is ``bound``."""
    return None if bound is None or _unsupported(k, *bead, True) else bound


def _top_score(
    en: tuple[int, ...],
    ja: tuple[int, ...],
    scores: dict[Bead, float | None],
    score: Callable[[Bead], float | None],
) -> float | None:
    """The largest sum of ``score`` (memoised in ``scores``) over the segmentations of (en, ja),
    or None when no segmentation has a score for every bead, by dynamic programming over the
    cut points: a prefix's best sum plus the next bead's score is the same float sum, in the
    same order, as _score_once's (rounding is monotonic), and a bead is scored when a
    segmentation's allowed beads reach it, as the enumeration does (with _bead_score, the
    largest _score_once; with _bead_bound, a bound on it)."""
    n, m = len(en), len(ja)
    # top[i][j]: the best sum of the segmentations of en[:i], ja[:j] (None: none allowed).
    top: list[list[float | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    top[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            best = top[i][j]
            for a, b in _TYPES:
                if a > i or b > j or (before := top[i - a][j - b]) is None:
                    continue
                bead = (en[i - a : i], ja[j - b : j])
                if bead in scores:
                    s = scores[bead]
                else:
                    s = scores[bead] = score(bead)
                if s is not None and (best is None or before + s > best):
                    best = before + s
            top[i][j] = best
    return top[n][m]


def _score_once(k: _Keys, beads: Sequence[Bead], scores: dict[Bead, float | None]) -> float | None:
    """_score of new beads, each bead's score kept in ``scores`` (the same sum, in order)."""
    total = 0.0
    for bead in beads:
        if bead in scores:
            s = scores[bead]
        else:
            s = scores[bead] = _bead_score(k, bead)
        if s is None:
            return None
        total += s
    return total


def _uncovered_members(k: _Keys, window: Sequence[Bead]) -> tuple[set[int], set[int]]:
    """The window's members (English, Japanese) that their beads do not render (see _misfit)."""
    near = [j for b in window for j in b[1]]
    dropped = (
        {i for en_, ja_ in window if ja_ for i in en_ if k.uncovered_en(i, ja_, near)},
        {j for en_, ja_ in window if len(en_) + len(ja_) > 2 for j in ja_ if k.uncovered_ja(j, en_)},
    )
    for en_, ja_ in window:
        idle_en, idle_ja = _adds_nothing(k, en_, ja_)
        dropped[0].update(idle_en)
        dropped[1].update(idle_ja)
    return dropped


def _allowed(k: _Keys, seg: list[Bead], old: set[Bead], dropped: tuple[set[int], set[int]] | None) -> bool:
    """Whether a segmentation may replace the DP's. A pair is split into an omission and an
    addition only for a repeat; with ``dropped`` (uncovered English, uncovered Japanese), every
    new omission or addition is one of those sentences, and there is one at least."""
    if dropped is None:
        return not _unpaired_both(seg, old) or any(
            _repeat_share(k, j) >= _REPEAT for b in seg if not b[0] for j in b[1]
        )
    new = [b for b in seg if b not in old]
    omitted = {i for b in new if not b[1] for i in b[0]}
    added = {j for b in new if not b[0] for j in b[1]}
    return bool(omitted or added) and omitted <= dropped[0] and added <= dropped[1]


def _absorbed_lines(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """A 2-1 bead whose Japanese has fewer sentences than its two English lines, one of which it
    does not render: that line's translation was dropped, and the DP glued the line to its
    neighbour's bead rather than leave it out (an omission costs more than a merge). The line
    is left without Japanese (see _absorbed). After _shifted_omissions, which finds the line
    of two sentences whose Japanese slot a dropped neighbour's English took (a 2-1 bead is
    often its 'own' bead, and freeing a member of it first would hide that shape)."""
    short = k.with_min(min_keys=1, min_units=1)
    beads = _straddled(short, beads)
    out: list[Bead] = []
    done = 0
    # Only the 2-1 beads are asked (a long clean text has few): the rest is copied in runs.
    for n in np.flatnonzero(_shape(beads, 2, 1)).tolist():
        en, ja = beads[n]
        dropped = _absorbed(short, en, ja)
        if dropped is None:
            continue
        out.extend(beads[done:n])
        kept = tuple(i for i in en if i != dropped)
        out.extend((((dropped,), ()), (kept, ja)) if dropped == en[0] else ((kept, ja), ((dropped,), ())))
        done = n + 1
    return [*out, *beads[done:]] if out else beads


def _absorbed(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...]) -> int | None:
    """The English member of the 2-1 bead (en, ja) that its Japanese does not render, or None.

    The evidence is of three kinds, all asked: the Japanese holds fewer sentences than the two
    lines (no sentence is left for one of them); the member adds nothing to the Japanese
    (every Japanese word it shares, the other line shares too); and either the Japanese's
    length fits the other line better than both, or the member is barely covered (below
    _CHANCE of its keys, chance overlap) while the other line explains the Japanese. Only a
    line of MIN_CONTENT words is judged (see _words): an exclamation merged into its
    neighbour's sentence (わあ、よし、) often has no dictionary key on either side, and its
    length is within the length model's noise; a longer line merged there is rendered (a word
    of it at least), so it stays in the 2-1 bead. When the Japanese holds as many sentences
    as the lines (a translator may cut a sentence in two), the lengths must fit the other line
    clearly better (_CLEARLY)."""
    if len(k.en_sentences) == 0 or any(k.en_meta[i] for i in en) or any(k.ja_meta[j] for j in ja):
        return None
    ja_count, en_count = int(sum(k.ja_sentences[j] for j in ja)), int(sum(k.en_sentences[i] for i in en))
    if ja_count > en_count:
        return None
    margin = 0.0 if ja_count < en_count else -_CLEARLY
    found = [i for i in en if _adds_nothing_to(k, en, ja, i)]
    if len(found) == 1:
        i = found[0]
        if _words(k, i) < MIN_CONTENT:
            return None
        if _fits_other(k, en, ja, i, margin):
            return i
        return i if ja_count < en_count and _barely_covered(k, en, ja, i) else None
    # When all words name no single line, the words that say something (no pronoun, no stop
    # word's sense, which "the", "is" or "it" match anywhere) may, of a line that has such
    # words ("Why did she come home early?" has none); the lengths must agree then.
    found = [
        i
        for i in en
        if _adds_nothing_to(k, en, ja, i, strong=True) and _specific_share(k, i, frozenset()) is not None
    ]
    if len(found) != 1 or _words(k, found[0]) < MIN_CONTENT:
        return None
    return found[0] if _fits_other(k, en, ja, found[0], margin) else None


def _words(k: _Keys, i: int) -> int:
    """How many keys of English sentence i are words or numbers (not the sound keys of a name,
    nor a number's kind): a line of fewer than MIN_CONTENT ("Okay.", "Thank you.") is too
    short to say that its neighbour's translation leaves it out, and an exclamation merged
    into that translation (よし、ありがとう、) often has no dictionary key to show it is there."""
    return sum(1 for key in k.en(i) if not key.startswith(("~", "^", "#~")))


#: How much better (-log P of the length model) the Japanese must fit one English line than
#: both for the lengths alone to say that the other line has no translation in it: 20 times
#: likelier (a sentence cut in two by the translator leaves the sentence counts no evidence).
_CLEARLY = 3.0


def _fits_other(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], i: int, margin: float) -> bool:
    """The Japanese fits the length of the bead's English line other than i within ``margin``
    of how well it fits both lines (a negative margin: better by that much): nothing in it is
    left for line i to have (a line that repeats its neighbour's words, "The first is the
    outcome." before "The outcome is ...", is covered by them and adds nothing)."""
    rest = [x for x in en if x != i]
    return k.lengths is not None and _length_worse(k, rest, ja, en, ja) <= margin


def _barely_covered(k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], i: int) -> bool:
    """English line i is covered below _CHANCE (chance overlap) by the Japanese, and the other
    line explains the Japanese: it covers
    _BASE of its own keys there, or _CHANCE of every Japanese segment's words (a short line's
    keys are few and vague: "how", "are")."""
    own = k.cover_en(i, ja)
    if own is None or own >= _CHANCE:
        return False
    (other,) = (x for x in en if x != i)
    rest = k.cover_en(other, ja) or 0.0
    return rest >= _BASE or all((k.cover_ja(j, (other,)) or 0.0) >= _CHANCE for j in ja)


def _adds_nothing_to(
    k: _Keys, en: tuple[int, ...], ja: tuple[int, ...], i: int, strong: bool = False
) -> bool:
    """Whether the Japanese of the bead is covered as well without English member i (with
    ``strong``, pronoun-like units count for nothing: see _Keys.strong_cover_ja)."""
    rest = tuple(x for x in en if x != i)
    cover = k.strong_cover_ja if strong else k.cover_ja
    for j in ja:
        whole, without = cover(j, en), cover(j, rest)
        if whole is None or without is None or whole > without:
            return False
    return True


def _straddled(k: _Keys, beads: list[Bead]) -> list[Bead]:
    """A 2-1 bead (a, b)-(x) beside a bead of one English line p, left out or paired with a
    Japanese line q of fewer sentences than p, where x holds the rest of p's translation and
    the translation of a, and not a word of b: the Japanese lines were cut at other places than
    the English ones (x starts with the end of p's translation), and b's translation was
    dropped. The lines that render each other become one bead (p, a)-(q, x), and b is left
    out (see _straddles); mirrored when the 2-1 bead comes first. Then _absorbed judges the
    2-1 beads left."""
    out = list(beads)

    def step(n: int) -> bool:
        first, second = out[n], out[n + 1]
        if len(first[0]) == 1 and _straddles(k, first, second, 1):
            (a, b), x = second
            out[n], out[n + 1] = ((*first[0], a), (*first[1], *x)), ((b,), ())
        elif len(second[0]) == 1 and _straddles(k, second, first, 0):
            (b, a), x = first
            out[n], out[n + 1] = ((b,), ()), ((a, *second[0]), (*x, *second[1]))
        else:
            return False
        return True

    two_one = _shape(out, 2, 1)
    single = _shape(out, 1, 1) | _shape(out, 1, 0)
    _walk_pairs((single[:-1] & two_one[1:]) | (two_one[:-1] & single[1:]), step)
    return out


def _straddles(k: _Keys, pair: Bead, merged: Bead, dropped: int) -> bool:
    """Whether the 2-1 bead ``merged`` holds, at position ``dropped`` (its member away from
    ``pair``, a 1-1 or 1-0 bead), an English line that its Japanese x does not render, while x
    renders the part of pair's English that pair's Japanese lacks (see _straddled). Asked:
    sentence counts (pair's Japanese has fewer sentences than its English, and all the lines'
    Japanese fewer than their English), words (the dropped line shares no specific word with
    the Japanese and adds nothing to x's coverage, not counting pronouns, and x is covered
    better by p and the kept line than by the 2-1 bead's English, all words counted: the end
    of a translation often holds little more than "like that", "then"), and lengths (the Japanese
    fits the English no worse without the dropped line)."""
    if len(merged[0]) != 2 or len(merged[1]) != 1 or len(pair[0]) != 1 or len(pair[1]) > 1:
        return False
    (p,), q = pair
    en, (x,) = merged
    b, a = en[dropped], en[1 - dropped]
    if len(k.en_sentences) == 0 or k.en_meta[[p, a, b]].any() or k.ja_meta[[x, *q]].any():
        return False
    ja_count = int(sum(k.ja_sentences[j] for j in q))
    en_count = int(k.en_sentences[p] + k.en_sentences[a] + k.en_sentences[b])
    if ja_count >= int(k.en_sentences[p]) or ja_count + int(k.ja_sentences[x]) >= en_count:
        return False
    ja = (*q, x)
    if _specific_share(k, b, frozenset().union(*(k.strong_keys(j) for j in ja))) not in (0.0, None):
        return False
    if (k.cover_en(b, ja) or 0.0) >= _BASE or not _adds_nothing_to(k, en, (x,), b, strong=True):
        return False
    with_p, without = k.cover_ja(x, (p, a)), k.cover_ja(x, en)
    if with_p is None or without is None or with_p <= without:
        return False
    return _fits_no_worse(k, (p, a), ja, (p, a, b), ja)
