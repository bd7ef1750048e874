"""The phrase layer: the English units of each bead and where its Japanese renders them.

Between the beads and the rules: for every bead, the names and terms of its English with
their Japanese renderings (:mod:`.renderings`, :mod:`.english`, :mod:`.japanese`), its
numbers paired across the languages (:mod:`.numbers`), and its Latin tokens that must pass
unchanged. Rules query this layer instead of re-reading the text, and the JSON output
carries it (``phrases``), so that reports and exports can show what rendered what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import Alignment, Document, Phrase, PhraseMethod, Span

if TYPE_CHECKING:
    from ..lexicon.latin import LatinToken
    from ..lexicon.quantities import Quantity
    from .numbers import NumberMatch, NumberMismatch
    from .renderings import Rendering

__all__ = ["BeadText", "LatinCheck", "NumberCheck", "bead_text", "check_latin", "check_numbers", "phrases"]


@dataclass(frozen=True)
class BeadText:
    """One side of a bead as one string, with the way back to sentence offsets."""

    text: str
    side: str
    #: (sentence index, start in text, end in text) per sentence.
    pieces: tuple[tuple[int, int, int], ...]

    def span(self, start: int, end: int) -> Span:
        """The Span of text[start:end], in the sentence where it starts (clipped to it)."""
        for sentence, a, b in self.pieces:
            if a <= start < b or (start == end == b):
                e = min(end, b)
                return Span(self.side, sentence, start - a, e - a, self.text[start:e])  # type: ignore[arg-type]
        sentence, a, b = self.pieces[-1]
        return Span(self.side, sentence, b - a, b - a, "")  # type: ignore[arg-type]


def bead_text(doc: Document, indices: Sequence[int]) -> BeadText:
    """English sentences joined by a space, Japanese ones without (as each language writes)."""
    if len(indices) == 1:  # (most beads: the sentence itself)
        text = doc.segments[indices[0]].text
        return BeadText(text, doc.lang, ((indices[0], 0, len(text)),))
    sep = " " if doc.lang == "en" else ""
    parts, pieces, pos = [], [], 0
    for k, i in enumerate(indices):
        if k:
            parts.append(sep)
            pos += len(sep)
        text = doc.segments[i].text
        parts.append(text)
        pieces.append((i, pos, pos + len(text)))
        pos += len(text)
    return BeadText("".join(parts), doc.lang, tuple(pieces))


@dataclass(frozen=True)
class NumberCheck:
    """The numbers of one bead: the pairs that agree and the mismatches."""

    bead: int
    en: BeadText
    ja: BeadText
    matches: tuple[NumberMatch, ...]
    mismatches: tuple[NumberMismatch, ...]


@dataclass(frozen=True)
class LatinCheck:
    """The Latin tokens of one bead's English that must pass unchanged, and how each fared."""

    bead: int
    en: BeadText
    ja: BeadText
    #: (English token, Japanese token) for tokens found unchanged.
    kept: tuple[tuple[LatinToken, LatinToken], ...]
    #: (English token, most similar Japanese token or None) for tokens not found.
    missing: tuple[tuple[LatinToken, LatinToken | None], ...]


def _content_beads(
    ja: Document, en: Document, alignment: Alignment
) -> list[tuple[int, list[int], list[int]]]:
    # The metadata sentences (few, usually none) once, not a look per sentence of every bead.
    meta_en = {i for i, s in enumerate(en.segments) if s.is_metadata}
    meta_ja = {j for j, s in enumerate(ja.segments) if s.is_metadata}
    out = []
    for k, bead in enumerate(alignment.beads):
        en_ids = [i for i in bead.en if i not in meta_en] if meta_en else list(bead.en)
        ja_ids = [j for j in bead.ja if j not in meta_ja] if meta_ja else list(bead.ja)
        if en_ids and ja_ids:
            out.append((k, en_ids, ja_ids))
    return out


def _texts_key(
    en: Document, ja: Document, en_ids: Sequence[int], ja_ids: Sequence[int]
) -> tuple[object, object]:
    """A bead's sentences' texts, which fix its two texts and where their sentences break: a
    one-to-one bead's (most beads) as the two texts, another's as two tuples (never equal to
    the first kind)."""
    if len(en_ids) == 1 and len(ja_ids) == 1:
        return en.segments[en_ids[0]].text, ja.segments[ja_ids[0]].text
    return tuple([en.segments[i].text for i in en_ids]), tuple([ja.segments[j].text for j in ja_ids])


def check_numbers(ja: Document, en: Document, alignment: Alignment) -> tuple[NumberCheck, ...]:
    """Every bead's numbers paired across the languages (align.phrases.numbers)."""
    out = []
    # A bead's answer depends on its two texts and where their sentences break only: a long
    # document repeats its beads, and each such bead is read once.
    # Keyed by the sentences' texts (which fix the two texts and their breaks): the bead texts
    # are built only for a new key and for a bead with numbers.
    seen: dict[tuple[object, object], _Paired | None] = {}
    for k, en_ids, ja_ids in _content_beads(ja, en, alignment):
        key = _texts_key(en, ja, en_ids, ja_ids)
        if key in seen:
            paired = seen[key]
            if paired is not None:
                out.append(NumberCheck(k, bead_text(en, en_ids), bead_text(ja, ja_ids), *paired))
            continue
        et, jt = bead_text(en, en_ids), bead_text(ja, ja_ids)  # read for a new key only
        paired = seen[key] = _paired(et, jt)
        if paired is not None:
            out.append(NumberCheck(k, et, jt, *paired))
    return _across_boundaries(tuple(out), _NeighbourValues(ja, en, alignment))


_Paired = tuple[tuple["NumberMatch", ...], tuple["NumberMismatch", ...]]


def _paired(et: BeadText, jt: BeadText) -> _Paired | None:
    """The numbers of a bead's two sides, matched (None when neither side has any)."""
    from ..lexicon.quantities import en_quantities, ja_quantities
    from .numbers import match_quantities

    eq, jq = en_quantities(et.text, jt.text), ja_quantities(jt.text)
    if not eq and not jq:
        return None
    matches, mismatches = match_quantities(
        eq,
        jq,
        en_text=et.text,
        ja_text=jt.text,
        en_sentences=[(s, e) for _, s, e in et.pieces],
        ja_sentences=[(s, e) for _, s, e in jt.pieces],
    )
    return tuple(matches), tuple(mismatches)


class _NeighbourValues:
    """The values each side of a bead writes (a multiset), computed when first asked for."""

    def __init__(self, ja: Document, en: Document, alignment: Alignment) -> None:
        self.ja, self.en, self.beads = ja, en, alignment.beads
        self._memo: dict[int, tuple[Counter[float], Counter[float]]] = {}

    def __call__(self, k: int) -> tuple[Counter[float], Counter[float]]:
        """(English values, Japanese values) of bead *k*; empty outside the alignment."""
        if k not in self._memo:
            self._memo[k] = self._values(k) if 0 <= k < len(self.beads) else (Counter(), Counter())
        return self._memo[k]

    def _values(self, k: int) -> tuple[Counter[float], Counter[float]]:
        from ..lexicon.quantities import en_quantities, ja_quantities, loose_numbers
        from .values import items_of

        bead = self.beads[k]
        et = bead_text(self.en, [i for i in bead.en if not self.en.segments[i].is_metadata])
        jt = bead_text(self.ja, [j for j in bead.ja if not self.ja.segments[j].is_metadata])
        eq = en_quantities(et.text, jt.text) if et.text else []
        jq = ja_quantities(jt.text) if jt.text else []
        return tuple(  # type: ignore[return-value]
            Counter(i.value for q in [*qs, *loose_numbers(text, qs)] for i in items_of(q))
            for qs, text in ((eq, et.text), (jq, jt.text))
        )


def _across_boundaries(checks: tuple[NumberCheck, ...], values: _NeighbourValues) -> tuple[NumberCheck, ...]:
    """Drop a number "missing" from a bead that the next or previous bead's Japanese writes
    once more than its own English does (and an "extra" one the way round): a sentence boundary
    the alignment drew one clause off moved the number, the translation kept it."""
    out = []
    for check in checks:
        kept = tuple(mm for mm in check.mismatches if not _moved(mm, check.bead, values))
        out.append(check if len(kept) == len(check.mismatches) else replace(check, mismatches=kept))
    return tuple(out)


def _moved(mm: NumberMismatch, bead: int, values: _NeighbourValues) -> bool:
    from .values import items_of

    if mm.reason == "missing" and mm.en is not None:
        q, english = mm.en, True
    elif mm.reason == "extra" and mm.ja is not None:
        q, english = mm.ja, False
    else:
        return False
    for k in (bead - 1, bead + 1):
        en_values, ja_values = values(k)
        other, own = (ja_values, en_values) if english else (en_values, ja_values)
        if any(other[i.value] > own[i.value] for i in items_of(q)):
            return True
    return False


def check_latin(ja: Document, en: Document, alignment: Alignment) -> tuple[LatinCheck, ...]:
    """Every bead's URLs, identifiers, versions and alphanumerics, and whether they pass unchanged."""
    from ..lexicon.latin import checked, latin_tokens

    out = []
    # Each distinct pair of bead texts once (a long document repeats its beads).
    seen: dict[tuple[str, str], _LatinPairs] = {}
    # Whether an English text has a token to check, per distinct text (latin_tokens' own cache
    # is smaller than a long document's distinct sentences), keyed by the sentences' texts: the
    # bead text is built for a new key only.
    wanted: dict[object, bool] = {}
    for k, en_ids, ja_ids in _content_beads(ja, en, alignment):
        # (One sentence's text as it is, several as a tuple.)
        en_texts = (
            en.segments[en_ids[0]].text if len(en_ids) == 1 else tuple([en.segments[i].text for i in en_ids])
        )
        has = wanted.get(en_texts)
        if has is None:
            has = wanted[en_texts] = any(checked(t) for t in latin_tokens(bead_text(en, en_ids).text))
        if not has:
            continue
        et, jt = bead_text(en, en_ids), bead_text(ja, ja_ids)
        key = (et.text, jt.text)
        if key not in seen:
            seen[key] = _latin_pairs(et.text, jt.text)
        out.append(LatinCheck(k, et, jt, *seen[key]))
    return tuple(out)


_LatinPairs = tuple[
    tuple[tuple["LatinToken", "LatinToken"], ...],
    tuple[tuple["LatinToken", "LatinToken | None"], ...],
]


def _latin_pairs(en_text: str, ja_text: str) -> _LatinPairs:
    """The Latin tokens that must pass, each with its copy in the Japanese, and the missing ones."""
    from ..lexicon.latin import MUST_PASS, latin_tokens, missing_latin

    tokens = [t for t in latin_tokens(en_text) if t.kind in MUST_PASS]
    missing = tuple(missing_latin(en_text, ja_text))
    gone = {m[0].text for m in missing}
    ja_tokens = latin_tokens(ja_text)
    kept = []
    for t in tokens:
        if t.text in gone:
            continue
        same = next((j for j in ja_tokens if j.text == t.text), None)
        if same is not None:
            kept.append((t, same))
    return tuple(kept), missing


def _en_span(en: Document, sentences: Sequence[int], english: str) -> Span | None:
    """Where the bead's English says *english* (case-insensitively for terms)."""
    for i in sentences:
        text = en.segments[i].text
        at = text.find(english)
        if at < 0:
            at = text.lower().find(english.lower())
        if at >= 0:
            return Span("en", i, at, at + len(english), text[at : at + len(english)])
    return None


def phrases(
    ja: Document,
    en: Document,
    alignment: Alignment,
    renderings: Sequence[Rendering],
    numbers: Sequence[NumberCheck],
    latin: Sequence[LatinCheck],
) -> tuple[Phrase, ...]:
    """The layer as plain records, in bead order: what the JSON output and reports show."""
    bead_of_ja = {j: k for k, b in enumerate(alignment.beads) for j in b.ja}
    out: list[Phrase] = []
    for r in renderings:
        k = bead_of_ja.get(r.ja, -1)
        ja_span = Span("ja", r.ja, r.start, r.end, r.form)
        out.append(Phrase(k, r.kind, r.english, _en_span(en, r.en, r.english), (ja_span,), r.method))
    for check in numbers:
        for m in check.matches:
            out.append(_number_phrase(check, m.en, m.ja, "match", ""))
        for mm in check.mismatches:
            out.append(_number_phrase(check, mm.en, mm.ja, mm.reason, mm.message))
    for lc in latin:
        for t, j in lc.kept:
            out.append(
                Phrase(
                    lc.bead,
                    "latin",
                    t.text,
                    lc.en.span(t.start, t.end),
                    (lc.ja.span(j.start, j.end),),
                    "kept",
                )
            )
        for t, cand in lc.missing:
            ja_spans = (lc.ja.span(cand.start, cand.end),) if cand else ()
            out.append(Phrase(lc.bead, "latin", t.text, lc.en.span(t.start, t.end), ja_spans, "missing"))
    out.sort(key=lambda p: (p.bead, p.en.sentence if p.en else -1, p.en.start if p.en else -1, p.kind, p.key))
    return tuple(out)


def _number_phrase(
    check: NumberCheck, e: Quantity | None, j: Quantity | None, status: PhraseMethod, note: str
) -> Phrase:
    from .numbers import describe

    q = e or j
    assert q is not None
    key = f"{q.kind}:{q.unit}:{describe(q)}" if e is not None else f"{q.kind}:{q.unit}:"
    en_span = check.en.span(e.start, e.end) if e is not None else None
    ja_spans = (check.ja.span(j.start, j.end),) if j is not None else ()
    return Phrase(check.bead, "number", key, en_span, ja_spans, status, note)
