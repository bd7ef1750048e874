"""Japanese sentences that repeat another instead of translating: one analysis, several readers.

The duplicate rule reports these sentences, the addition rule leaves them to it, and both read
the same typed records (:class:`Repeat`) from :func:`find_repeats` (through ``Context.repeats``,
once per pair). The evidence is the aligner's: its lexical keys and coverage
(align.lexicon.keys). A sentence repeats another in one of three ways (``Repeat.how``):

- ``"copy"``: its characters are another sentence's. Similarity is the higher of sacrebleu's
  chrF against the best-matching window of the other sentence and chrF's character n-gram
  precision against it. A sentence without English is compared with the sentences shortly
  before it and the next one, and then, at a stricter threshold, with every sentence of the
  document: a repeated paragraph is a copy however far from its original it lands;
- ``"reworded"``: its content words (UniDic lemmas) are another sentence's;
- ``"restated"``: it says again what another rendering of the same English says (a sentence
  of its bead, or of a bead shortly before or right after it): each of the two renders the
  English on its own, covering nearly as much of its key weight (the aligner's keys: JMdict
  glosses, names, numbers) as both together; most of the sentence's own weight repeats the
  other's keys, and nearly all of it is found there or in the English. A split translation
  shares the English between its sentences, and an addition says something new; a reworded
  repeat does neither.

A one-to-one translation is never a repeat, whatever its neighbours say.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any, Literal

from ..lexicon.keys import MAX_KEYS, STEM, Coverage, pair_keys
from ..lexicon.memo import per_document
from ..model import Alignment, Bead, Document, RuleOptions, bounded
from ..segment import segment_en

RepeatHow = Literal["copy", "reworded", "restated"]

#: sacrebleu's CHRF defaults: character n-grams 1-6, no word n-grams, beta 2, whitespace ignored.
_CHAR_ORDER, _BETA = 6, 2
#: UniDic parts of speech that carry a sentence's content (what a reworded repeat keeps).
_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
#: Character n-gram length of the index that finds far copies, and how common an n-gram may be
#: in the document and still point at candidates (a frequent one, した。, points at everything).
_FAR_GRAM, _FAR_MAX_DF = 4, 50
#: A restatement: the English has this many keys, and both renderings together cover at least
#: chance (refine._CHANCE) of its weight; each alone covers _ALONE of what both cover; the
#: sentence repeats at least refine._REPEAT of its own weight from the other rendering, and says
#: little else: _NOTHING_NEW of its weight is found in the other rendering or in the English.
_RESTATE_MIN_KEYS, _RESTATE_EVIDENCE, _RESTATE_ALONE = 4, 0.2, 0.7
_RESTATE_CONTENT, _RESTATE_NOTHING_NEW = 0.5, 0.8


@dataclass(frozen=True)
class RepeatSettings(RuleOptions):
    """The duplicate rule's options (``[tool.align.rules.AL103]``): what counts as a repeat."""

    #: Similarity (0-100) from which a sentence the aligner left without English repeats a
    #: sentence shortly before it or the next one.
    min_score: float = bounded(60.0, 0, 100)
    #: The same for a sentence sharing a bead with others (a merge can hide a repeat).
    min_score_aligned: float = bounded(70.0, 0, 100)
    #: The same for a sentence without English against any sentence of the text, however far.
    min_score_far: float = bounded(85.0, 0, 100)
    #: Sentences shorter than this (characters, end punctuation left out) repeat another only
    #: as its verbatim copy.
    min_chars: int = bounded(10, 0)
    #: How many sentences back a sentence without English is compared with.
    window: int = bounded(5, 1)


@dataclass(frozen=True)
class Repeat:
    """Japanese sentence ``ja`` repeats sentence ``of`` (similarity ``score``, 0-100)."""

    ja: int
    of: int
    score: float
    how: RepeatHow

    @property
    def gap(self) -> int:
        """How many sentences back the repeated one is (negative: it comes later)."""
        return self.ja - self.of


TokensOf = Callable[[int], Sequence[Any]]


def find_repeats(
    ja: Document,
    en: Document,
    alignment: Alignment,
    tokens: TokensOf,
    settings: RepeatSettings = RepeatSettings(),
) -> tuple[Repeat, ...]:
    """Every Japanese sentence that repeats another instead of translating, in document order."""
    return tuple(_Finder(ja, en, alignment, tokens, settings).run())


class _Finder:
    def __init__(
        self, ja: Document, en: Document, alignment: Alignment, tokens: TokensOf, settings: RepeatSettings
    ) -> None:
        self.ja, self.en, self.alignment = ja, en, alignment
        self.tokens, self.s = tokens, settings
        self.bead_of = {j: k for k, b in enumerate(alignment.beads) for j in b.ja}
        # First Japanese sentence of each bead, carried over the beads without Japanese: the
        # beads are monotone, so "the last bead before sentence j" is a bisection.
        starts, last = [], -1
        for b in alignment.beads:
            last = b.ja[0] if b.ja else last
            starts.append(last)
        self.ja_starts = starts
        self._coverage: Coverage | None = None
        self._far: _FarIndex | None = None
        # Each sentence's content lemmas once: _textual asks for a sentence's again as the
        # neighbour of the next ones.
        self._lemmas: dict[int, frozenset[str]] = {}
        self._grams: dict[str, frozenset[str]] = {}
        self._candidates: dict[str, list[int]] = {}

    def run(self) -> Iterator[Repeat]:
        segs = self.ja.segments
        for seg in segs:
            if seg.is_metadata:
                continue
            k = self.bead_of.get(seg.index)
            bead = self.alignment.beads[k] if k is not None else None
            if bead is not None and bead.en and len(bead.ja) == 1:
                continue  # a 1-1 translation is never a repeat, whatever its neighbours say
            alone = bead is None or not bead.en
            if len(_clean(seg.text)) < self.s.min_chars:
                # A short sentence repeats only as a verbatim copy: nothing else tells a
                # repeat of はい。 from a new one.
                copy = self._verbatim(seg.index, alone)
                if copy is not None:
                    yield copy
                continue
            found = self._textual(seg.index, alone)
            if found is None:
                # A copy glued into another sentence's bead is a copy too, unless that bead's
                # English repeats the original's English (a text that says a thing twice).
                found = self._far_copy(seg.index, None if alone else k)
            if found is None:
                found = self._restated(seg.index, k)
            if found is not None:
                yield found

    # --- characters and lemmas ------------------------------------------------

    def _textual(self, j: int, alone: bool) -> Repeat | None:
        """The best copy or reworded repeat among the neighbours (several sentences back for a
        sentence without English: an MT repeats a sentence it has just translated)."""
        segs = self.ja.segments
        threshold = self.s.min_score if alone else self.s.min_score_aligned
        back = self.s.window if alone else 1
        best: Repeat | None = None
        for k in (*range(j - 1, j - back - 1, -1), j + 1):
            if not 0 <= k < len(segs) or segs[k].is_metadata:
                continue
            copy = repeat_score(segs[j].text, segs[k].text)
            reworded = self._reworded(j, k)
            score = max(copy, reworded)
            if score >= threshold and (best is None or score > best.score):
                best = Repeat(j, k, score, "copy" if copy >= reworded else "reworded")
        return best

    def _verbatim(self, j: int, alone: bool) -> Repeat | None:
        """Sentence j's text again (spaces and end punctuation aside) next to it: for a sentence
        without English ``window`` sentences back or the next one (the aligner may pair the
        later copy), for one merged into a bead the one before it in that bead."""
        segs = self.ja.segments
        text = "".join(_clean(segs[j].text).split())
        if not text:
            return None
        bead = self.bead_of.get(j)
        back = range(j - 1, max(-1, j - (self.s.window if alone else 1) - 1), -1)
        for k in (*back, j + 1) if alone else back:
            if k >= len(segs) or segs[k].is_metadata or (not alone and self.bead_of.get(k) != bead):
                continue
            if "".join(_clean(segs[k].text).split()) == text:
                return Repeat(j, k, 100.0, "copy")
        return None

    def _content_lemmas(self, j: int) -> frozenset[str]:
        found = self._lemmas.get(j)
        if found is None:
            found = self._lemmas[j] = frozenset(
                t.lemma
                for t in self.tokens(j)
                if t.pos1 in _CONTENT and t.pos2 not in ("数詞", "非自立可能") and len(t.lemma) > 1
            )
        return found

    def _reworded(self, j: int, k: int) -> float:
        """How much (0-100) of sentence j's content words (UniDic lemmas) sentence k already has.

        A reworded repeat keeps the content and changes the wording (売り上げ for 販売, a tense),
        which character n-grams miss; a sentence with few content words is not judged this way.
        """
        mine = self._content_lemmas(j)
        if len(mine) < 4:
            return 0.0
        return 100.0 * len(mine & self._content_lemmas(k)) / len(mine)

    def _far_copy(self, j: int, bead: int | None = None) -> Repeat | None:
        """A copy of sentence j anywhere in the document (a repeated paragraph); for a sentence
        of ``bead``, not one whose own bead has the same English."""
        segs = self.ja.segments
        grams = self._grams_of(segs[j].text)
        if not grams:
            return None
        best: Repeat | None = None
        for k in self._far_candidates(segs[j].text, grams):
            if k == j:
                continue
            score = repeat_score(segs[j].text, segs[k].text)
            if score < self.s.min_score_far or (best is not None and score <= best.score):
                continue
            if bead is None or not self._same_english(bead, self.bead_of.get(k)):
                best = Repeat(j, k, score, "copy")
        return best

    def _far_candidates(self, text: str, grams: frozenset[str]) -> list[int]:
        """The sentences that share at least half of a text's n-grams (fewer: chrF cannot reach
        the threshold), in the order first seen (which decides between equal scores); once per
        distinct text (a long document repeats its sentences)."""
        found = self._candidates.get(text)
        if found is None:
            # Counted in C.
            shared: Counter[int] = Counter(chain.from_iterable(map(self._far_index().sentences, grams)))
            found = self._candidates[text] = [k for k, count in shared.items() if count >= len(grams) / 2]
        return found

    def _same_english(self, a: int, b: int | None) -> bool:
        """Whether beads a and b have English that repeats itself (or b is a itself)."""
        if b is None:
            return False
        if a == b:
            return True
        en = self.en.segments
        text_a = " ".join(en[i].text for i in self.alignment.beads[a].en)
        text_b = " ".join(en[i].text for i in self.alignment.beads[b].en)
        # As similar as two Japanese sentences must be to repeat each other (min_score): the
        # English of two renderings of one thing is seldom worded alike.
        return bool(text_a and text_b) and repeat_score(text_a, text_b) >= self.s.min_score

    def _grams_of(self, text: str) -> frozenset[str]:
        """The far search's n-grams of a sentence, once per distinct text (a long document
        repeats its sentences)."""
        found = self._grams.get(text)
        if found is None:
            found = self._grams[text] = _grams(_clean(text))
        return found

    def _far_index(self) -> _FarIndex:
        """Character n-gram -> the sentences that have it (built on the first far search)."""
        if self._far is None:
            self._far = _FarIndex(self.ja, self._grams_of)
        return self._far

    # --- the same English -----------------------------------------------------

    def coverage(self) -> Coverage:
        if self._coverage is None:
            # The aligner's keys of this pair (built once; the default stem and vagueness).
            keys = pair_keys(self.en, self.ja, STEM, MAX_KEYS)
            self._coverage = Coverage(keys, min_keys=_RESTATE_MIN_KEYS)
        return self._coverage

    def _restated(self, j: int, k: int | None) -> Repeat | None:
        """Sentence j renders on its own the English that another rendering already renders: an
        earlier member of its own bead or, for a sentence without English, a member of a bead
        shortly before it or of the next one."""
        beads = self.alignment.beads
        if k is not None and beads[k].en:
            return self._restates_bead(j, beads[k], earlier_only=True)
        last = self._bead_before(j)
        # The beads before j, j's own (no English) and the next one.
        near = beads[max(0, last - self.s.window + 1) : last + 3]
        best: Repeat | None = None
        for bead in near:
            if not bead.en or not bead.ja:
                continue
            found = self._restates_bead(j, bead, earlier_only=False)
            if found is not None and (best is None or found.score > best.score):
                best = found
        return best

    def _en_sentences(self, bead: Bead) -> int:
        """Sentences of the bead's English: a presegmented line may hold several."""
        if not self.en.presegmented:
            return len(bead.en)
        return sum(max(1, len(segment_en(self.en.segments[i].text))) for i in bead.en)

    def _bead_before(self, j: int) -> int:
        """Index of the last bead whose Japanese comes before sentence j (-1 when none)."""
        return bisect.bisect_left(self.ja_starts, j) - 1 if self.ja_starts else -1

    def _restates_bead(self, j: int, bead: Bead, earlier_only: bool) -> Repeat | None:
        """j against the bead's other Japanese: does each render the bead's English on its own?"""
        segs = self.ja.segments
        others = tuple(
            x for x in bead.ja if x != j and (x < j or not earlier_only) and not segs[x].is_metadata
        )
        if not others or self._en_sentences(bead) > len(others):
            return None  # as many English sentences as renderings: each may render its own
        cov = self.coverage()
        both = _cover(cov, bead.en, (*others, j))
        mine = _cover(cov, bead.en, (j,))
        theirs = _cover(cov, bead.en, others)
        if both is None or mine is None or theirs is None or both < _RESTATE_EVIDENCE:
            return None
        if min(mine, theirs) < _RESTATE_ALONE * both:
            return None  # the English is shared between them: a split translation
        if cov.restates_any(j, others) < _RESTATE_CONTENT:
            return None
        if cov.restates_any(j, others, bead.en) < _RESTATE_NOTHING_NEW:
            return None  # j adds content of its own: an addition, not a repeat
        content = {x: cov.restates(j, x) for x in others}
        of = max(others, key=lambda x: (content[x], -abs(x - j)))
        return Repeat(j, of, round(100.0 * content[of], 1), "restated")


class _FarIndex:
    """Character n-gram -> the sentences that have it, in order, for the n-grams of at most
    _FAR_MAX_DF sentences.

    Each distinct text is read once (a long document repeats its sentences), and an n-gram's
    list of sentences is made when a far search first asks for it: the searches ask for a few
    thousand of the document's hundreds of thousands of n-grams.
    """

    def __init__(self, ja: Document, grams_of: Callable[[str], frozenset[str]]) -> None:
        of_text: defaultdict[str, list[int]] = defaultdict(list)
        for seg in ja.segments:
            if not seg.is_metadata:
                of_text[seg.text].append(seg.index)
        self._of_text = list(of_text.values())
        df: dict[str, int] = {}
        texts: dict[str, list[int]] = {}
        for t, (text, ks) in enumerate(of_text.items()):
            n = len(ks)
            for g in grams_of(text):
                df[g] = df.get(g, 0) + n
                texts.setdefault(g, []).append(t)
        self._df, self._texts = df, texts
        self._sentences: dict[str, Sequence[int]] = {}

    def sentences(self, gram: str) -> Sequence[int]:
        """The sentences that have *gram*, in document order (none for a frequent n-gram)."""
        found = self._sentences.get(gram)
        if found is None:
            if self._df.get(gram, 0) > _FAR_MAX_DF or gram not in self._texts:
                found = ()
            else:
                found = sorted(chain.from_iterable(self._of_text[t] for t in self._texts[gram]))
            self._sentences[gram] = found
        return found


def _cover(cov: Coverage, en: Sequence[int], ja: Sequence[int]) -> float | None:
    """Share of the English sentences' key weight found in the Japanese sentences (None: too few keys)."""
    total = matched = 0.0
    keys = 0
    found = frozenset().union(*(cov.ja_keys(j) for j in ja))
    for i in en:
        row = cov.en(i)
        keys += len(row)
        total += sum(row.values())
        matched += sum(w for key, w in row.items() if key in found)
    if keys < cov.min_keys or total <= 0:
        return None
    return matched / total


def _grams(text: str) -> frozenset[str]:
    line = "".join(text.split())
    return frozenset(line[i : i + _FAR_GRAM] for i in range(len(line) - _FAR_GRAM + 1))


def _clean(text: str) -> str:
    # chrF ignores whitespace already; punctuation only adds noise at sentence ends.
    return text.strip().rstrip('。．.!?！？」』"')


def clean_length(text: str) -> int:
    """Characters of a sentence without its end punctuation (what ``min_chars`` counts)."""
    return len(_clean(text))


# --- chrF ---------------------------------------------------------------------------------


def _char_ngrams(text: str) -> list[Counter[str]]:
    """sacrebleu.metrics.helpers.extract_all_char_ngrams(text, 6, False)."""
    line = "".join(text.split())
    return [Counter([line[i : i + n] for i in range(len(line) - n + 1)]) for n in range(1, _CHAR_ORDER + 1)]


@per_document
@lru_cache(maxsize=1 << 15)
def _sentence_ngrams(text: str) -> list[Counter[str]]:
    """_char_ngrams of a whole sentence, kept: a sentence is scored against each of its
    neighbours and far copies (read only)."""
    return _char_ngrams(text)


def _f_score(hyp: list[Counter[str]], ref: list[Counter[str]]) -> float:
    """sacrebleu's sentence chrF from n-gram counts: CHRF._get_match_statistics per order, then
    CHRF._compute_f_score (see _f_of)."""
    stats = []
    for h, r in zip(hyp, ref, strict=True):
        match_count = 0
        for ng, count in h.items():
            if ng in r:
                match_count += min(count, r[ng])
        stats.append((match_count, sum(h.values()), sum(r.values())))
    return _f_of(stats)


def _f_of(stats: Sequence[tuple[int, int, int]]) -> float:
    """sacrebleu's chrF from (matches, candidate n-grams, reference n-grams) per order, with the
    same operations in the same order as CHRF._compute_f_score (effective-order smoothing), so
    that the scores are the same floats (the counts are integers, however they were counted).
    """
    eps = 1e-16
    factor = _BETA**2
    avg_prec, avg_rec, effective_order = 0.0, 0.0, 0
    for n_match, hyp_count, n_ref in stats:
        n_hyp = hyp_count if n_ref else 0
        prec = n_match / n_hyp if n_hyp > 0 else eps
        rec = n_match / n_ref if n_ref > 0 else eps
        if n_hyp > 0 and n_ref > 0:
            avg_prec += prec
            avg_rec += rec
            effective_order += 1
    if effective_order == 0:
        avg_prec = avg_rec = 0.0
    else:
        avg_prec /= effective_order
        avg_rec /= effective_order
    if avg_prec + avg_rec:
        score = (1 + factor) * avg_prec * avg_rec
        score /= (factor * avg_prec) + avg_rec
        return 100 * score
    return 0.0


def chrf(candidate: str, reference: str) -> float:
    """sacrebleu's ``CHRF().sentence_score(candidate, [reference]).score``."""
    return _f_score(_char_ngrams(candidate), _char_ngrams(reference))


def ngram_precision(candidate: str, reference: str, orders: tuple[int, ...] = (2, 3, 4)) -> float:
    """Share (0-100) of the candidate's character n-grams found in the reference: chrF's precision."""
    scores = []
    for n in orders:
        cand, ref = _order_ngrams(candidate, n), _order_ngrams(reference, n)
        total = sum(cand.values())
        if total:
            scores.append(sum(min(c, ref[g]) for g, c in cand.items()) / total)
    return 100 * sum(scores) / len(scores) if scores else 0.0


#: What str.split() splits at (re's \s is str.isspace).
_SPACE = re.compile(r"\s")


def _order_ngrams(text: str, n: int) -> Counter[str]:
    """A text's character n-grams of one order (read only): for a text without whitespace, the
    ones chrF keeps for it (a sentence is compared with each of its neighbours and far copies)."""
    if 1 <= n <= _CHAR_ORDER and not _SPACE.search(text):
        return _sentence_ngrams(text)[n - 1]
    return Counter(text[i : i + n] for i in range(len(text) - n + 1))


#: A text that repeats others is compared with each copy (every copy of a repeated paragraph
#: with every other): the scores of recent pairs of texts are kept.
@lru_cache(maxsize=1 << 15)
def repeat_score(candidate: str, neighbour: str) -> float:
    """How much of *candidate* (0-100) repeats *neighbour*.

    The higher of sacrebleu's chrF against the best window of the neighbour (a
    repeated clause of a long sentence) and chrF's n-gram precision against the
    whole neighbour (a repeat with words left out, as when a list of lenders is
    dropped from the repeated sentence).
    """
    cand, ref = _clean(candidate), _clean(neighbour)
    if not cand or not ref:
        return 0.0
    n = len(cand)
    if len(ref) <= n * 1.5:
        spans = [(0, len(ref))]
    else:
        width = int(n * 1.3) + 1
        step = max(1, n // 6)
        spans = [(i, min(i + width, len(ref))) for i in range(0, len(ref) - n // 2, step)]
    # chrF drops whitespace: a window of ref is a stretch of ref without whitespace, from the
    # non-space characters before the window's start to those before its end.
    line = ref
    if _SPACE.search(ref):
        kept = [0, *accumulate(not c.isspace() for c in ref)]
        line, spans = "".join(ref.split()), [(kept[i], kept[j]) for i, j in spans]
    hyp = _sentence_ngrams(cand)
    found = _found_in(line, hyp)
    # The candidate's n-grams of each order (counted without its whitespace, as chrF does).
    chars = len(cand) if not _SPACE.search(cand) else len("".join(cand.split()))
    sizes = [max(0, chars - m) for m in range(_CHAR_ORDER)]
    windows = list(_window_stats(found, hyp, sizes, spans))
    windowed = max(map(_f_of, windows))
    if chars != len(cand) or line is not ref:
        return max(windowed, ngram_precision(cand, ref))
    # Neither has whitespace: chrF's n-grams are ngram_precision's, and the whole of ref is
    # one more window (the only one, often: its matches are counted already).
    if spans == [(0, len(line))]:
        matches = [matched for matched, _, _ in windows[0]]
    else:
        matches = _whole_matches(found, hyp)
    return max(windowed, _precision(matches, sizes))


def _found_in(line: str, hyp: list[Counter[str]]) -> list[tuple[list[int], list[str]]]:
    """Per order (1-6), the positions of *line* where an n-gram of the candidate (*hyp*)
    starts, and those n-grams: all that chrF's matches count (an n-gram found at p has its
    shorter prefixes found there too, so each order looks only where the one before found)."""
    first = hyp[0]
    pos = [p for p, c in enumerate(line) if c in first]
    out = [(pos, [line[p] for p in pos])]
    for m in range(2, _CHAR_ORDER + 1):
        grams = hyp[m - 1]
        last = len(line) - m
        at = [p for p in pos if p <= last and line[p : p + m] in grams]
        out.append((at, [line[p : p + m] for p in at]))
        pos = at
    return out


def _window_stats(
    found: list[tuple[list[int], list[str]]],
    hyp: list[Counter[str]],
    sizes: list[int],
    spans: Sequence[tuple[int, int]],
) -> Iterator[list[tuple[int, int, int]]]:
    """chrF's (matches, candidate n-grams, window n-grams) per order for each window line[i:j] of
    *spans* (both ends never decreasing): the candidate's n-grams found in the window, counted
    as the window slides (those that leave at its start, those that enter at its end), each up
    to the candidate's own count."""
    orders = len(found)
    lo, hi, match = [0] * orders, [0] * orders, [0] * orders
    counts: list[dict[str, int]] = [{} for _ in found]
    for i, j in spans:
        stats = []
        for k, (pos, grams) in enumerate(found):
            h, seen, a, b, matched = hyp[k], counts[k], lo[k], hi[k], match[k]
            while a < b and pos[a] < i:  # leaves at the start
                g = grams[a]
                c = seen[g]
                if c <= h[g]:
                    matched -= 1
                seen[g] = c - 1
                a += 1
            if a == b:  # never counted: before the window
                while a < len(pos) and pos[a] < i:
                    a += 1
                b = a
            end = j - k - 1  # the last start of an n-gram (order k + 1) inside the window
            while b < len(pos) and pos[b] <= end:  # enters at the end
                g = grams[b]
                c = seen.get(g, 0) + 1
                seen[g] = c
                if c <= h[g]:
                    matched += 1
                b += 1
            lo[k], hi[k], match[k] = a, b, matched
            stats.append((matched, sizes[k], max(0, end - i + 1)))
        yield stats


def _whole_matches(
    found: list[tuple[list[int], list[str]]], hyp: list[Counter[str]], orders: tuple[int, ...] = (2, 3, 4)
) -> list[int]:
    """Per order (those of *orders*, 0 for the others), the candidate's n-grams found in the
    whole line (each up to its own count)."""
    out = [0] * len(found)
    for n in orders:
        h = hyp[n - 1]
        out[n - 1] = sum(min(c, h[g]) for g, c in Counter(found[n - 1][1]).items())
    return out


def _precision(matches: list[int], sizes: list[int], orders: tuple[int, ...] = (2, 3, 4)) -> float:
    """ngram_precision from counts: the same operations on the same integers."""
    scores = [matches[n - 1] / sizes[n - 1] for n in orders if sizes[n - 1]]
    return 100 * sum(scores) / len(scores) if scores else 0.0
