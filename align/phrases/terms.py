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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KANJI
from ..lexicon.memo import per_document
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


def _occurrences(en: Document, ja: Document, alignment: Alignment) -> dict[str, list[_Occurrence]]:
    """Each unit's occurrences in the beads with Japanese, in bead order (per sentence, the
    english_units then the acronyms). A sentence's units are worked out once per distinct text
    (with their keys) and made only for the sentences read."""
    spans = unit_spans(en)
    of_text: dict[str, list[tuple[int, int, str, UnitKind, str]]] = {}
    out: dict[str, list[_Occurrence]] = defaultdict(list)
    en_segs, ja_segs = en.segments, ja.segments
    for k, bead in enumerate(alignment.beads):
        ja_ids = tuple(j for j in bead.ja if not ja_segs[j].is_metadata)
        if not ja_ids:
            continue
        ja_text = "".join(ja_segs[j].text for j in ja_ids)
        for i in bead.en:
            seg = en_segs[i]
            if seg.is_metadata:
                continue
            rows = of_text.get(seg.text)
            if rows is None:
                rows = of_text[seg.text] = _text_units(seg.text, spans[seg.text])
            for s, e, text, kind, key in rows:
                out[key].append(_Occurrence(k, Unit(i, s, e, text, kind), ja_ids, ja_text))
    return out


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


def _core(occ: Sequence[_Occurrence], ja: Document, all_ja: _BeadTexts) -> str | None:
    """The Japanese substring most associated with the unit's beads (None if none is)."""
    beads = {o.bead: o.text for o in occ}
    if len(beads) < 2:
        return None
    unit = occ[0].unit.text
    support: Counter[str] = Counter()
    # Each distinct bead text once, counted for every bead that has it (a long document repeats
    # its sentences); the ranking below sorts whole tuples, so the counting order does not matter.
    for text, times in Counter(beads.values()).items():
        for piece in _token_ngrams(text):
            support[piece] += times
    ranked = []
    for piece, n in support.items():
        if n < 2 or n < MIN_SUPPORT * len(beads):
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

    occurrences = _occurrences(en, ja, alignment)
    # The units that _direct compares with katakana, predicted in one batch, not one by one; each
    # distinct text once (a long document's units occur hundreds of thousands of times).
    prefetch({o.unit.text for occ in occurrences.values() for o in occ if o.unit.kind != "acronym"})
    out: list[Rendering] = []
    for key, occ in sorted(occurrences.items()):
        kind = occ[0].unit.kind
        # A name phrase whose every word is already rendered (ジョン・スミス) needs nothing more.
        if kind == "name" and all(
            all(any(w in rendered_words[j] for j in o.ja) for w in o.unit.text.split() if w[:1].isupper())
            for o in occ
        ):
            continue
        found_here = _render_unit(key, occ, ja, en, all_ja, taken)
        if kind == "term":
            # Ordinary English words left in the Japanese are untranslated (the untranslated
            # rule's finding), not a way of writing the term.
            found_here = [r for r in found_here if not _english_left(r.form)]
        if not found_here:
            continue
        if kind == "acronym" and not any(r.method == "bracket" for r in found_here):
            continue  # an acronym only ever written as itself has nothing to compare
        if kind == "term" and not _term_variant(key, found_here):
            continue
        out.extend(found_here)
        taken.update((r.ja, r.start, r.end) for r in found_here)
    return out


def _canonical(
    forms: dict[int, _Form], core: str | None, ja: Document, other_words: _OtherWords
) -> dict[int, _Form]:
    """One form per occurrence, with qualifiers dropped.

    A compound containing a shorter rendering of the same unit is that rendering
    (大型蓄電池 -> 蓄電池); a compound whose extra part another English word of its sentence
    explains is only the core (宇宙機関 for "space agency" -> 宇宙). What remains different
    after that is a variant.
    """
    texts = {n: c.text for n, (_, c, _) in forms.items()}
    # Each distinct form once, in the order first seen: a frequent unit has thousands of
    # occurrences and a handful of forms (another occurrence of one's own form is never shorter).
    distinct = list(dict.fromkeys(texts.values()))
    majority = Counter(texts.values()).most_common(1)[0][0] if texts else ""
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
        self.update(spans)

    def update(self, *spans: Iterable[tuple[int, int, int]]) -> None:
        for group in spans:
            for span in group:
                self.add(span)

    def add(self, span: tuple[int, int, int]) -> None:
        super().add(span)
        self._in[span[0]].add((span[1], span[2]))

    def overlapping(self, j: int, start: int, end: int) -> bool:
        """Whether a span of sentence *j* overlaps [start, end)."""
        return any(ts < end and start < te for ts, te in self._in.get(j, ()))


def _without_others(c: Chunk, j: int, taken: _Taken) -> Chunk:
    """The chunk without a leading or trailing piece that renders another unit (a person's name
    before a title: the title's rendering is the title)."""
    start, end = c.start, c.end
    # The spans are looked at in the set's order (which may decide between two overlapping
    # ones); most chunks overlap none, and then none is looked at.
    spans = [(ts, te) for tj, ts, te in taken if tj == j] if taken.overlapping(j, start, end) else []
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
    key: str,
    occ: Sequence[_Occurrence],
    ja: Document,
    en: Document,
    all_ja: _BeadTexts,
    taken: _Taken,
) -> list[Rendering]:
    """The renderings of one unit's occurrences: kept or transliterated, the core's compound,
    and for the rest a compound sharing part of a known rendering (a variant)."""
    kind = occ[0].unit.kind
    other = _OtherWords(occ, en)
    per_occ = _direct_forms(occ, ja, taken)
    core = _core(occ, ja, all_ja)
    if core is not None:
        per_occ.update(_core_forms(occ, core, ja, taken, per_occ))
    per_occ = {
        n: (j, c if m in ("latin", "translit") else _without_others(c, j, taken), m)
        for n, (j, c, m) in per_occ.items()
    }
    per_occ = _canonical(per_occ, core, ja, other)
    per_occ.update(_partial_forms(occ, per_occ, ja, taken, other))
    if kind in ("name", "title"):
        per_occ.update(_title_forms(occ, per_occ, ja, taken))
    out = []
    seen: set[tuple[int, int, int]] = set()
    for n, (j, c, method) in sorted(per_occ.items()):
        if (j, c.start, c.end) in seen:
            continue  # a quoted title is also a name phrase: one unit, one rendering per span
        seen.add((j, c.start, c.end))
        o = occ[n]
        english = key if kind == "term" else o.unit.text
        out.append(Rendering(english, j, c.start, c.end, c.text, method, (o.unit.sentence,), kind))
    return out


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
