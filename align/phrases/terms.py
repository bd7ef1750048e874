"""Renderings of multi-word names, titles and recurring terms, found by what their beads share.

A translated term has no sound to match (Board of Trade is 商務院, rover is 探査車), so
the mechanism is the one word aligners use: association across beads. For a unit that
occurs in several beads, the Japanese substring found in most of those beads and rarely
elsewhere is its *core*; the noun compound around the core is the rendering in each bead.

A bead whose Japanese lacks the core is searched for a *variant*, with evidence:

- the unit transliterated (katakana close to e2k's prediction: ローバー for rover) or kept
  in Latin (a term written in Latin where the others are katakana);
- a compound sharing a good part of a known rendering (商務委員会 against 商務院,
  海洋研究庁 against 海洋研究機構), whose differing part no other English word of the bead
  accounts for (so 電力市場 against 株式市場 is no variant where the English says "stock").

Lower-case terms are returned only when such a variant shows: a term rendered one way
throughout is no finding, and a glossary of every common noun would help nobody. Name
phrases and titles (capitalised) are returned with their renderings either way.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KANJI
from ..lexicon.memo import IdentityMemo, per_document
from ..model import Alignment, Document, Rendering, RenderingMethod, UnitKind
from .english import Unit, term_key, unit_spans
from .japanese import (
    Chunk,
    compounds,
    glosses_in_brackets,
    katakana_runs,
    katakana_words,
    latin_words,
    script_of,
)

__all__ = ["term_renderings"]

#: A katakana run renders a unit when it is at least this close to e2k's prediction.
MIN_KATAKANA = 0.75
#: A core must be found in at least this share of the unit's beads...
MIN_SUPPORT = 0.5
#: ...and at least this share of the beads holding the core must hold the unit.
MIN_ASSOCIATION = 0.5
#: Shared part of two compounds for one to be a variant of the other (characters).
MIN_SHARED = 2

#: A rendering found for an occurrence of a unit: (Japanese sentence, chunk, method).
_Form = tuple[int, Chunk, RenderingMethod]


@dataclass(frozen=True)
class _Occurrence:
    bead: int
    unit: Unit
    ja: tuple[int, ...]
    #: The Japanese of those sentences, joined (one string per bead, shared by its units).
    text: str


def _bead_ja(ja: Document, bead_ja: Sequence[int]) -> list[int]:
    return [j for j in bead_ja if not ja.segments[j].is_metadata]


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")
_KANJI = re.compile(f"[{KANJI}]")


@per_document
@lru_cache(maxsize=1 << 16)
def _text_acronyms(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, text) of a sentence's acronyms, once per distinct text."""
    return tuple(
        (m.start(), m.end(), m.group())
        for m in _ACRONYM.finditer(text)
        if sum(c.isalpha() for c in m.group()) >= 2
    )


#: An occurrence of a unit: (bead, place of its English sentence among the bead's, English
#: sentence, the bead's Japanese sentences).
_Member = tuple[int, int, int, tuple[int, ...]]


@dataclass
class _BeadKind:
    """The beads whose sentences read the same, metadata aside (a long document repeats them)."""

    #: The beads, in order.
    beads: list[int]
    #: Where the bead's English and Japanese sentences that are no metadata stand in bead.en, bead.ja.
    en_at: tuple[int, ...]
    ja_at: tuple[int, ...]


@dataclass
class _Case:
    """The occurrences of one unit of an English sentence (one row of its text) in the beads whose
    Japanese sentences read the same: what renders the unit there depends on these texts, and on
    the spans already taken in those sentences (see _Occurrences.representatives)."""

    #: The row's place among its sentence's units (occurrences are ordered by bead, sentence, row).
    row: int
    start: int
    end: int
    text: str
    kind: UnitKind
    #: The Japanese of the bead (its sentences' texts joined).
    ja_text: str
    #: (bead kind, place of the English sentence among the kind's): where the case occurs.
    sources: list[tuple[int, int]]


@dataclass
class _UnitCases:
    """A unit key's occurrences, by case, and the Japanese of the beads holding it (each bead
    once: text -> how many beads)."""

    cases: list[_Case]
    bead_texts: Counter[str]


@dataclass
class _Rep:
    """Occurrences of a unit rendered alike: one case's occurrences in sentences where nothing is
    taken yet, or one occurrence in a sentence where something is. *occurrence* is the first."""

    occurrence: _Occurrence
    row: int
    #: (bead kind, place of the English sentence, the kind's beads taken in): the occurrences.
    parts: list[tuple[int, int, Sequence[int]]]
    order: tuple[int, int, int]

    @property
    def weight(self) -> int:
        return sum(len(ks) for *_, ks in self.parts)


_INDEXES: IdentityMemo[tuple[str, list[int], dict[int, list[int]]]] = IdentityMemo()


def _sentence_index(alignment: Alignment, ja: Document) -> tuple[str, list[int], dict[int, list[int]]]:
    """The Japanese sentences joined by line breaks, where each starts in the joined text, and the
    beads of each sentence; kept while the alignment and the document live."""

    def build() -> tuple[str, list[int], dict[int, list[int]]]:
        starts, at = [], 0
        for seg in ja.segments:
            starts.append(at)
            at += len(seg.text) + 1
        beads_of: dict[int, list[int]] = {}
        for k, bead in enumerate(alignment.beads):
            for j in bead.ja:
                beads_of.setdefault(j, []).append(k)
        return "\n".join(seg.text for seg in ja.segments), starts, beads_of

    return _INDEXES.get((alignment, ja), None, build)


def _text_ids(doc: Document) -> list[str | None]:
    """Each sentence's text (None for metadata), one string object per distinct text: a long
    document repeats its sentences, and equal texts that are one object compare at once."""
    ids: dict[str, str] = {}
    return [None if s.is_metadata else ids.setdefault(s.text, s.text) for s in doc.segments]


class _Occurrences:
    """Every unit's occurrences in the beads with Japanese (per sentence, the english_units then
    the acronyms), by key, grouped by the texts they read.

    A long document repeats its sentences among different neighbours: the beads are grouped by
    their texts once, a sentence's units are worked out once per distinct text, and a unit is
    rendered once per case (see representatives), not once per occurrence.
    """

    def __init__(self, en: Document, ja: Document, alignment: Alignment) -> None:
        self._beads = alignment.beads
        self._ids = en_id, ja_id = _text_ids(en), _text_ids(ja)
        by_texts: dict[tuple[tuple[str | None, ...], tuple[str | None, ...]], list[int]] = defaultdict(list)
        for k, bead in enumerate(self._beads):
            by_texts[tuple(map(en_id.__getitem__, bead.en)), tuple(map(ja_id.__getitem__, bead.ja))].append(k)
        self.kinds: list[_BeadKind] = []
        self.units: dict[str, _UnitCases] = {}
        self._kind_of: dict[tuple[tuple[str | None, ...], tuple[str | None, ...]], int] = {}
        spans = unit_spans(en)
        rows: dict[str, list[tuple[int, int, str, UnitKind, str]]] = {}
        cases: dict[tuple[str, tuple[str, ...]], list[_Case]] = {}
        for texts, beads in by_texts.items():
            self._add_kind(texts, beads, spans, rows, cases)
        self._sentence_beads = lambda: _sentence_index(alignment, ja)[2]
        #: Bead kind -> its beads with a span taken in their Japanese.
        self._touched: dict[int, set[int]] = defaultdict(set)

    def _add_kind(
        self,
        texts: tuple[tuple[str | None, ...], tuple[str | None, ...]],
        beads: list[int],
        spans: dict[str, list[tuple[int, int, str, UnitKind]]],
        rows: dict[str, list[tuple[int, int, str, UnitKind, str]]],
        cases: dict[tuple[str, tuple[str, ...]], list[_Case]],
    ) -> None:
        """The beads of one kind: their cases (one per row of each English sentence), filed under
        the rows' keys, and their Japanese counted once per bead for each key (see _core)."""
        en_texts, ja_texts = texts
        ja_at = tuple(p for p, t in enumerate(ja_texts) if t is not None)
        if not ja_at:
            return
        said = tuple(ja_texts[p] or "" for p in ja_at)
        en_at = tuple(p for p, t in enumerate(en_texts) if t is not None)
        kid = self._kind_of[texts] = len(self.kinds)
        self.kinds.append(_BeadKind(beads, en_at, ja_at))
        ja_text = "".join(said)
        keys: set[str] = set()
        for pos, p in enumerate(en_at):
            text = en_texts[p] or ""
            if text not in rows:
                rows[text] = _text_units(text, spans[text])
            if (text, said) not in cases:
                cases[text, said] = self._new_cases(rows[text], ja_text)
            for case in cases[text, said]:
                case.sources.append((kid, pos))
            keys.update(row[4] for row in rows[text])
        for key in keys:
            self.units[key].bead_texts[ja_text] += len(beads)

    def _new_cases(self, rows: Sequence[tuple[int, int, str, UnitKind, str]], ja_text: str) -> list[_Case]:
        """A case per row of an English sentence read with a bead's Japanese, filed under its key."""
        out = []
        for r, (s, e, text, kind, key) in enumerate(rows):
            case = _Case(r, s, e, text, kind, ja_text, [])
            self.units.setdefault(key, _UnitCases([], Counter())).cases.append(case)
            out.append(case)
        return out

    def touch(self, sentences: Iterable[int]) -> None:
        """Japanese sentences where a span is taken: their beads' occurrences are rendered one by one."""
        en_id, ja_id = self._ids
        beads_of = self._sentence_beads()
        for j in sentences:
            if ja_id[j] is None:
                continue  # metadata is in no occurrence
            for k in beads_of.get(j, ()):
                bead = self._beads[k]
                kid = self._kind_of.get(
                    (tuple(map(en_id.__getitem__, bead.en)), tuple(map(ja_id.__getitem__, bead.ja)))
                )
                if kid is not None:
                    self._touched[kid].add(k)

    def member(self, kid: int, pos: int, k: int) -> _Member:
        kind, bead = self.kinds[kid], self._beads[k]
        return k, pos, bead.en[kind.en_at[pos]], tuple(bead.ja[p] for p in kind.ja_at)

    def members(self, rep: _Rep) -> Iterator[_Member]:
        for kid, pos, ks in rep.parts:
            for k in ks:
                yield self.member(kid, pos, k)

    def representatives(self, unit: _UnitCases) -> list[_Rep]:
        """The unit's occurrences as groups rendered alike, in occurrence order.

        An occurrence's rendering depends on its unit, the texts of its English sentence and of
        its bead's Japanese, and the spans taken in those Japanese sentences: the occurrences of
        a case whose sentences have none taken are rendered as their first is. Each other
        occurrence is a group of its own."""
        out = []
        for case in unit.cases:
            rest: list[tuple[int, int, Sequence[int]]] = []
            for kid, pos in case.sources:
                beads, touched = self.kinds[kid].beads, self._touched.get(kid)
                if touched:
                    out += [self._rep(case, [(kid, pos, (k,))]) for k in beads if k in touched]
                    beads = [k for k in beads if k not in touched]
                if beads:
                    rest.append((kid, pos, beads))
            if rest:
                out.append(self._rep(case, rest))
        out.sort(key=lambda rep: rep.order)
        return out

    def _rep(self, case: _Case, parts: list[tuple[int, int, Sequence[int]]]) -> _Rep:
        kid, pos, ks = min(parts, key=lambda part: (part[2][0], part[1]))
        k, pos, i, ja_ids = self.member(kid, pos, ks[0])
        occurrence = _Occurrence(k, Unit(i, case.start, case.end, case.text, case.kind), ja_ids, case.ja_text)
        return _Rep(occurrence, case.row, parts, (k, pos, case.row))


def _text_units(
    text: str, spans: Sequence[tuple[int, int, str, UnitKind]]
) -> list[tuple[int, int, str, UnitKind, str]]:
    """A sentence's units then its acronyms: (start, end, text, kind, key)."""
    rows: list[tuple[int, int, str, UnitKind]] = list(spans)
    rows += [(s, e, t, "acronym") for s, e, t in _text_acronyms(text)]
    return [(s, e, t, kind, term_key(t) if kind == "term" else t) for s, e, t, kind in rows]


def _direct(unit: Unit, ja: Document, j: int) -> Chunk | None:
    """The unit kept in Latin, or transliterated as one katakana run; an acronym's translated
    name given with the acronym in brackets (宇宙機構（JSA）)."""
    phrase = " " in unit.text or "-" in unit.text
    return _direct_in(unit.text, unit.kind == "acronym", phrase, ja.segments[j].text)


#: Keyed by strings: a long document repeats its sentences and its units (each pair once).
@per_document
@lru_cache(maxsize=1 << 16)
def _direct_in(unit_text: str, acronym: bool, phrase: bool, text: str) -> Chunk | None:
    from ..lexicon.translit import fold, katakana_similarity

    key = fold(unit_text)
    if acronym:
        heads = [head for head, inner in glosses_in_brackets(text) if fold(inner.text) == key]
        return heads[0] if heads else None
    for c in latin_words(text, runs=True):
        if fold(c.text) == key:
            return c
    best: tuple[float, Chunk] | None = None
    # A one-word unit is one katakana word (コード of コード・レビュー), a longer one a whole run.
    pieces = katakana_runs(text) if phrase else katakana_words(text)
    for c in pieces:
        if len(c.text) < 3:
            continue
        score = katakana_similarity(c.text, unit_text)
        if score >= MIN_KATAKANA and (best is None or score > best[0]):
            best = (score, c)
    if best is not None:
        return best[1]
    for head, inner in glosses_in_brackets(text):
        if fold(inner.text) == key:
            return head
    return None


@per_document
@lru_cache(maxsize=1 << 16)
def _token_ngrams(text: str) -> frozenset[str]:
    """Every contiguous run of tokens inside the sentence's noun compounds (candidate cores).

    Kept for recent texts: a bead's text is read for each unit of its English."""
    from ..lexicon.tokens import tokenize

    out: set[str] = set()
    for c in compounds(text):
        toks = [t for t in tokenize(c.text)]
        for a in range(len(toks)):
            for b in range(a, min(a + 4, len(toks))):
                piece = c.text[toks[a].start : toks[b].end]
                if len(piece) >= 2 and not piece.isascii():
                    out.add(piece)
    return frozenset(out)


#: Kept for each pair of strings: the units of a long document share their candidate cores.
@per_document
@lru_cache(maxsize=1 << 16)
def _about(piece: str, unit: str) -> bool:
    """True when a Japanese piece can render the unit at all: JMdict glosses it by a word of the
    unit (探査 ~ exploring ~ explorer, by a shared stem), it sounds like it, or its reading spells it.

    Without this, a word that merely co-occurs with the unit (a place, a verb) could pass for
    its rendering.
    """
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import katakana_similarity, reading_matches
    from .entities import common_word

    words = [w for w in _english_words(unit) if len(w) >= 3]
    if not words:
        return False
    # Only an ordinary word has a stem to share: a given name does not (Stan- of a name is no
    # stem of "standpoint", a gloss of the suffix 的).
    stems = {w for w in words if common_word(w)}
    for t in tokenize(piece):
        for g in gloss(t.lemma or t.surface):
            for w in words:
                # A shared stem of four letters: exploring ~ explorer, pumps ~ pump.
                if g == w or (w in stems and min(len(w), len(g)) >= 4 and g[:4] == w[:4]):
                    return True
    if script_of(piece) == "katakana":
        return katakana_similarity(piece, unit) >= 0.6 or any(
            katakana_similarity(piece, w) >= 0.75 for w in words
        )
    if script_of(piece) == "kanji" and unit[:1].isupper():
        return any(reading_matches(piece, w) >= 0.85 for w in unit.split())
    return False


class _BeadTexts:
    """The Japanese of every bead, and how many of them contain a string.

    A unit's candidate cores are counted against the whole text; scanning every bead for each
    candidate made the phrase layer quadratic in the length of the document. The beads holding
    each character bigram are indexed once (when a first count is asked for), so a count only
    looks into the beads that hold the candidate's rarest bigram.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        # Each distinct text once, with how many beads hold it: a long document repeats its
        # sentences, and a count looks into each distinct text once.
        held = Counter(texts)
        self.texts = list(held)
        self._weights = list(held.values())
        self._beads: dict[str, list[int]] | None = None
        self._counts: dict[str, int] = {}

    def containing(self, piece: str) -> int:
        """How many beads' Japanese contain *piece*."""
        n = self._counts.get(piece)
        if n is None:
            texts, weights = self.texts, self._weights
            n = self._counts[piece] = sum(weights[k] for k in self._candidates(piece) if piece in texts[k])
        return n

    def _candidates(self, piece: str) -> Sequence[int]:
        if len(piece) < 2:
            return range(len(self.texts))
        if self._beads is None:
            beads: dict[str, list[int]] = {}
            for k, text in enumerate(self.texts):
                for bigram in {text[i : i + 2] for i in range(len(text) - 1)}:
                    beads.setdefault(bigram, []).append(k)
            self._beads = beads
        index = self._beads
        return min((index.get(piece[i : i + 2], []) for i in range(len(piece) - 1)), key=len)


def _core(bead_texts: Counter[str], unit: str, all_ja: _BeadTexts) -> str | None:
    """The Japanese substring most associated with the unit's beads (None if none is).

    *bead_texts*: the Japanese of the unit's beads, each distinct text with how many beads have
    it (a long document repeats its sentences); the ranking below sorts whole tuples, so the
    counting order does not matter."""
    n_beads = sum(bead_texts.values())
    if n_beads < 2:
        return None
    support: Counter[str] = Counter()
    for text, times in bead_texts.items():
        for piece in _token_ngrams(text):
            support[piece] += times
    ranked = []
    for piece, n in support.items():
        if n < 2 or n < MIN_SUPPORT * n_beads:
            continue
        total = all_ja.containing(piece)
        assoc = n / max(total, n)
        if assoc >= MIN_ASSOCIATION:
            ranked.append((assoc * n, n, len(piece), piece))
    for *_, piece in sorted(ranked, reverse=True):
        if _about(piece, unit):
            return piece
    return None


def _compound_with(text: str, piece: str) -> Chunk | None:
    for c in compounds(text):
        if piece in c.text:
            return c
    return None


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix after it."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


def _shared(a: str, b: str) -> int:
    """Length of the longer of the common prefix and the common suffix."""
    return max(_common_ends(a, b))


def _explained(diff: str, other_words: frozenset[str]) -> bool:
    """True when JMdict glosses the differing part by an English word of the bead outside the unit."""
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize

    for t in tokenize(diff):
        for g in gloss(t.lemma or t.surface):
            if g in other_words:
                return True
    return False


def _difference(a: str, b: str) -> tuple[str, str]:
    """What differs between two compounds once their common prefix and suffix are set aside."""
    p, s = _common_ends(a, b)
    return a[p : len(a) - s], b[p : len(b) - s]


def _english_words(text: str) -> set[str]:
    return {w.lower() for w in _LATIN_WORD.findall(text)}


_LATIN_WORD = re.compile(r"[A-Za-z]+")


@per_document
@lru_cache(maxsize=1 << 16)
def _other_words(sentence: str, unit: str) -> frozenset[str]:
    """The English words of a unit's sentence outside the unit (kept for each pair: a long
    document repeats both)."""
    return frozenset(_english_words(sentence) - _english_words(unit))


class _OtherWords:
    """Occurrence number -> the English words of its sentence outside the unit, looked up when
    asked: few occurrences ever need them, and a frequent unit has thousands."""

    def __init__(self, occ: Sequence[_Occurrence], en: Document) -> None:
        self._occ, self._en = occ, en

    def __getitem__(self, n: int) -> frozenset[str]:
        unit = self._occ[n].unit
        return _other_words(self._en.segments[unit.sentence].text, unit.text)


def term_renderings(
    ja: Document, en: Document, alignment: Alignment, found: Sequence[Rendering]
) -> list[Rendering]:
    """Renderings of the name phrases, titles and terms that single-word name matching leaves."""
    all_ja = _BeadTexts(["".join(ja.segments[j].text for j in b.ja) for b in alignment.beads])
    taken = _Taken((r.ja, r.start, r.end) for r in found)
    rendered_words = defaultdict(set)
    for r in found:
        rendered_words[r.ja].update(r.english.split())
    from ..lexicon.translit import prefetch

    occurrences = _Occurrences(en, ja, alignment)
    occurrences.touch(rendered_words)
    # The units that _direct compares with katakana, predicted in one batch, not one by one; each
    # distinct text once (a long document's units occur hundreds of thousands of times).
    prefetch({c.text for unit in occurrences.units.values() for c in unit.cases if c.kind != "acronym"})
    out: list[Rendering] = []
    for key, unit in sorted(occurrences.units.items()):
        reps = occurrences.representatives(unit)
        kind = reps[0].occurrence.unit.kind
        # A name phrase whose every word is already rendered (ジョン・スミス) needs nothing more.
        if kind == "name" and _words_rendered(reps, occurrences, rendered_words):
            continue
        forms = _render_unit(reps, unit.bead_texts, ja, en, all_ja, taken)
        if not _may_count(kind, forms):
            continue
        found_here = _counted(key, kind, _renderings_of(key, kind, reps, forms, occurrences))
        out.extend(found_here)
        taken.update((r.ja, r.start, r.end) for r in found_here)
        occurrences.touch({r.ja for r in found_here})
    return out


def _words_rendered(
    reps: Sequence[_Rep], occurrences: _Occurrences, rendered_words: dict[int, set[str]]
) -> bool:
    """Every capitalised word of every occurrence of a name phrase is rendered in its bead."""
    for rep in reps:
        words = [w for w in rep.occurrence.unit.text.split() if w[:1].isupper()]
        for *_, ja_ids in occurrences.members(rep):
            if not all(any(w in rendered_words[j] for j in ja_ids) for w in words):
                return False
    return True


def _counted(key: str, kind: UnitKind, found: list[Rendering]) -> list[Rendering]:
    """The unit's renderings that count (none when they show nothing to compare)."""
    if kind == "term":
        # Ordinary English words left in the Japanese are untranslated (the untranslated
        # rule's finding), not a way of writing the term.
        found = [r for r in found if not _english_left(r.form)]
    if kind == "acronym" and not any(r.method == "bracket" for r in found):
        return []  # an acronym only ever written as itself has nothing to compare
    if kind == "term" and not _term_variant(key, found):
        return []
    return found


def _may_count(kind: UnitKind, forms: dict[int, _Form]) -> bool:
    """Whether the unit's renderings can pass term_renderings' tests (a cheap necessary test on
    the distinct forms, before the renderings of every occurrence are made): a term needs two
    forms that are not English left untranslated, an acronym one bracketed gloss."""
    if kind == "term":
        return len({c.text for _, c, _ in forms.values() if not _english_left(c.text)}) >= 2
    if kind == "acronym":
        return any(method == "bracket" for *_, method in forms.values())
    return bool(forms)


def _renderings_of(
    key: str, kind: UnitKind, reps: Sequence[_Rep], forms: dict[int, _Form], occurrences: _Occurrences
) -> list[Rendering]:
    """A rendering for every occurrence of every group rendered, in occurrence order (one per
    Japanese span: a quoted title is also a name phrase, one unit with one rendering per span)."""
    rows = []
    for n, (j, c, method) in forms.items():
        rep = reps[n]
        at = rep.occurrence.ja.index(j)
        english = key if kind == "term" else rep.occurrence.unit.text
        rows += [
            ((k, pos, rep.row), ja_ids[at], c, method, i, english)
            for k, pos, i, ja_ids in occurrences.members(rep)
        ]
    rows.sort(key=lambda row: row[0])
    out = []
    seen: set[tuple[int, int, int]] = set()
    for _, j, c, method, i, english in rows:
        if (j, c.start, c.end) not in seen:
            seen.add((j, c.start, c.end))
            out.append(Rendering(english, j, c.start, c.end, c.text, method, (i,), kind))
    return out


def _canonical(
    forms: dict[int, _Form], core: str | None, other_words: _OtherWords, weights: Sequence[int]
) -> dict[int, _Form]:
    """One form per occurrence, with qualifiers dropped.

    A compound containing a shorter rendering of the same unit is that rendering
    (大型蓄電池 -> 蓄電池); a compound whose extra part another English word of its sentence
    explains is only the core (宇宙機関 for "space agency" -> 宇宙). What remains different
    after that is a variant. *weights*: how many occurrences each group of forms stands for.
    """
    texts = {n: c.text for n, (_, c, _) in forms.items()}
    # Each distinct form once, in the order first seen: a frequent unit has thousands of
    # occurrences and a handful of forms (another occurrence of one's own form is never shorter).
    distinct = list(dict.fromkeys(texts.values()))
    counts: Counter[str] = Counter()
    for n, text in texts.items():
        counts[text] += weights[n]
    majority = counts.most_common(1)[0][0] if texts else ""
    out = {}
    for n, (j, c, method) in forms.items():
        shorter = [t for t in distinct if t != c.text and t in c.text and (not core or core in t)]
        if shorter:
            best = min(shorter, key=len)
            at = c.text.index(best)
            out[n] = (j, Chunk(c.start + at, c.start + at + len(best), best), method)
            continue
        if core and core in c.text and c.text != core and method == "consensus":
            if majority != c.text and any(
                d and _explained(d, other_words[n]) for d in _difference(c.text, majority)
            ):
                at = c.text.index(core)
                out[n] = (j, Chunk(c.start + at, c.start + at + len(core), core), method)
                continue
        out[n] = (j, c, method)
    return out


class _Taken(set[tuple[int, int, int]]):
    """The (sentence, start, end) spans rendered so far, with the spans of each sentence at hand:
    asking every rendered span of the text about each new one was quadratic in its length."""

    def __init__(self, spans: Iterable[tuple[int, int, int]] = ()) -> None:
        super().__init__()
        self._in: dict[int, set[tuple[int, int]]] = defaultdict(set)
        self._order: dict[int, list[tuple[int, int]]] | None = None
        self.update(spans)

    def update(self, *spans: Iterable[tuple[int, int, int]]) -> None:
        for group in spans:
            for span in group:
                self.add(span)

    def add(self, span: tuple[int, int, int]) -> None:
        super().add(span)
        self._in[span[0]].add((span[1], span[2]))
        self._order = None

    def in_set_order(self, j: int) -> list[tuple[int, int]]:
        """The spans of sentence *j* in the order the set iterates them; one pass over the set
        serves every sentence until a span is added."""
        if self._order is None:
            order: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for tj, ts, te in self:
                order[tj].append((ts, te))
            self._order = order
        return self._order.get(j, [])

    def overlapping(self, j: int, start: int, end: int) -> bool:
        """Whether a span of sentence *j* overlaps [start, end)."""
        return any(ts < end and start < te for ts, te in self._in.get(j, ()))


def _without_others(c: Chunk, j: int, taken: _Taken) -> Chunk:
    """The chunk without a leading or trailing piece that renders another unit (a person's name
    before a title: the title's rendering is the title)."""
    start, end = c.start, c.end
    # The spans are looked at in the set's order (which may decide between two overlapping
    # ones); most chunks overlap none, and then none is looked at.
    spans = taken.in_set_order(j) if taken.overlapping(j, start, end) else []
    changed = True
    while changed:
        changed = False
        for ts, te in spans:
            if ts <= start < te < end:
                start, changed = te, True
            elif start < ts < end <= te:
                end, changed = ts, True
    while start < end and c.text[start - c.start] in "・＝=":
        start += 1
    while end > start and c.text[end - 1 - c.start] in "・＝=":
        end -= 1
    if (start, end) == (c.start, c.end) or start >= end:
        return c
    return Chunk(start, end, c.text[start - c.start : end - c.start])


def _english_left(form: str) -> bool:
    """A form whose Latin words are all ordinary English words (machine learning, performance基準)."""
    from .entities import common_word

    words = re.findall(r"[A-Za-z]+", form)
    return bool(words) and all(common_word(w) for w in words)


def _term_variant(key: str, found: Sequence[Rendering]) -> bool:
    """A common noun's renderings count only when they show a variant with evidence.

    Two forms at least, and for a one-word term one of them must be the word kept in Latin,
    a transliteration that is no dictionary loanword (キッチン and 厨房 are both Japanese;
    a coined ヒートポンプボイラー is not), or a compound that shares part of the other rendering.
    """
    from ..lexicon.dictionary import gloss

    if len({r.form for r in found}) < 2:
        return False
    if " " in key:
        return True
    return any(
        r.method in ("latin", "partial") or (r.method == "translit" and not gloss(r.form)) for r in found
    )


def _render_unit(
    reps: Sequence[_Rep],
    bead_texts: Counter[str],
    ja: Document,
    en: Document,
    all_ja: _BeadTexts,
    taken: _Taken,
) -> dict[int, _Form]:
    """The rendering of each group of one unit's occurrences (see _Occurrences.representatives): kept or
    transliterated, the core's compound, and for the rest a compound sharing part of a known
    rendering (a variant)."""
    occ = [rep.occurrence for rep in reps]
    kind = occ[0].unit.kind
    other = _OtherWords(occ, en)
    per_occ = _direct_forms(occ, ja, taken)
    core = _core(bead_texts, occ[0].unit.text, all_ja)
    if core is not None:
        per_occ.update(_core_forms(occ, core, ja, taken, per_occ))
    per_occ = {
        n: (j, c if m in ("latin", "translit") else _without_others(c, j, taken), m)
        for n, (j, c, m) in per_occ.items()
    }
    per_occ = _canonical(per_occ, core, other, [rep.weight for rep in reps])
    per_occ.update(_partial_forms(occ, per_occ, ja, taken, other))
    if kind in ("name", "title"):
        per_occ.update(_title_forms(occ, per_occ, ja, taken))
    return per_occ


def _direct_forms(occ: Sequence[_Occurrence], ja: Document, taken: _Taken) -> dict[int, _Form]:
    """Occurrences whose unit is kept in Latin, transliterated or glossed in brackets."""
    out: dict[int, _Form] = {}
    segs = ja.segments
    # Each (unit, sentence text) once: a frequent unit occurs in thousands of beads that repeat
    # a few hundred sentences.
    found: dict[tuple[str, str, str], tuple[Chunk, RenderingMethod] | None] = {}
    for n, o in enumerate(occ):
        unit = o.unit
        for j in o.ja:
            key = (unit.text, unit.kind, segs[j].text)
            if key in found:
                hit = found[key]
            else:
                c = _direct(unit, ja, j)
                hit = found[key] = None if c is None else (c, _direct_method(c.text))
            if hit is not None and (j, hit[0].start, hit[0].end) not in taken:
                out[n] = (j, hit[0], hit[1])
                break
    return out


def _direct_method(text: str) -> RenderingMethod:
    script = script_of(text)
    if script in ("kanji", "mixed"):
        return "bracket"
    return "latin" if script == "latin" else "translit"


def _core_forms(
    occ: Sequence[_Occurrence],
    core: str,
    ja: Document,
    taken: _Taken,
    done: dict[int, _Form],
) -> dict[int, _Form]:
    """Occurrences not rendered directly: the noun compound holding the unit's core."""
    out: dict[int, _Form] = {}
    for n, o in enumerate(occ):
        if n in done:
            continue
        for j in o.ja:
            c = _compound_with(ja.segments[j].text, core)
            if c is not None and (j, c.start, c.end) not in taken:
                out[n] = (j, c, "consensus")
                break
    return out


def _title_forms(
    occ: Sequence[_Occurrence], per_occ: dict[int, _Form], ja: Document, taken: _Taken
) -> dict[int, _Form]:
    """Occurrences of a title still without a rendering: the one span its bead's Japanese sets in
    title brackets 『…』 (or 「…」 for a title the English quotes), rendered however it is (a
    title translated here and transliterated elsewhere: 『冬の庭』 and 『ウィンター・ガーデン』)."""
    out: dict[int, _Form] = {}
    for n, o in enumerate(occ):
        if n in per_occ:
            continue
        spans = [(j, c) for j in o.ja for c in _bracketed(ja.segments[j].text, o.unit.kind == "title")]
        spans = [(j, c) for j, c in spans if not taken.overlapping(j, c.start, c.end)]
        if len(spans) == 1:
            out[n] = (spans[0][0], spans[0][1], "quoted")
    return out


_TITLE_BRACKETS = re.compile(r"『([^『』。！？]{1,30})』|「([^「」。！？]{1,30})」")


def _bracketed(text: str, quoted: bool) -> list[Chunk]:
    """Spans in 『』, and in 「」 for a title the English quotes (「」 also quotes speech)."""
    out = []
    for m in _TITLE_BRACKETS.finditer(text):
        k = 1 if m.group(1) is not None else 2
        if k == 2 and not quoted:
            continue
        out.append(Chunk(m.start(k), m.end(k), m.group(k)))
    return out


def _partial_forms(
    occ: Sequence[_Occurrence],
    per_occ: dict[int, _Form],
    ja: Document,
    taken: _Taken,
    other: _OtherWords,
) -> dict[int, _Form]:
    """Occurrences still without a rendering: the compound sharing most of a known rendering."""
    # Each form once (in the order first seen): a repeated form adds no candidate.
    known = [t for t in dict.fromkeys(c.text for _, c, _ in per_occ.values()) if script_of(t) != "latin"]
    known = [t for t in known if script_of(t) != "katakana"] or known
    out: dict[int, _Form] = {}
    if not known:
        return out
    for n, o in enumerate(occ):
        if n in per_occ:
            continue
        best: tuple[int, int, Chunk] | None = None
        for j in o.ja:
            for shared, c in _partial_candidates(ja.segments[j].text, j, known, taken, other[n]):
                if best is None or shared > best[0]:
                    best = (shared, j, c)
        if best is not None:
            out[n] = (best[1], best[2], "partial")
    return out


def _partial_candidates(
    text: str, j: int, known: Sequence[str], taken: _Taken, other: frozenset[str]
) -> list[tuple[int, Chunk]]:
    """(shared length, compound) for each compound of a sentence that may be a variant of a known
    rendering, in the order they were found (compounds first, then known forms)."""
    # A compound given with its own original in brackets is that original's rendering.
    heads = {(h.start, h.end) for h, _ in glosses_in_brackets(text)}
    out = []
    for c in compounds(text):
        if (j, c.start, c.end) in taken or c.text in known or (c.start, c.end) in heads:
            continue
        for form in known:
            shared = _partial_match(c.text, form, other)
            if shared:
                out.append((shared, c))
    return out


def _partial_match(text: str, form: str, other: frozenset[str]) -> int:
    """How much of *form* the compound *text* shares, if it can be a variant of it (else 0)."""
    shared = _shared(text, form)
    if shared < MIN_SHARED or shared < 0.4 * min(len(text), len(form)):
        return 0
    p, s = _common_ends(text, form)
    if not _KANJI.search(text[:p] if p >= s else text[len(text) - s :]):
        return 0  # a shared kana ending (グルコース, ジュース: ース) says nothing about meaning
    if text in form or form in text:
        return 0  # a longer or shorter compound of the same rendering
    own = _difference(text, form)[0]
    if own and _explained(own, other):
        return 0  # another word of the sentence accounts for the difference
    return shared
