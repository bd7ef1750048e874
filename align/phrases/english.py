"""The English units of each sentence that a translation must render: names, titles and terms.

Single-word names come from :func:`align.phrases.renderings.english_names` (capitalised
where a sentence does not start, never seen in lower case; iPad, MP3). This module adds
the units made of several words or found by their recurrence:

- proper-name phrases: two or more capitalised words, also joined by short lower-case
  connectors (Board of Trade, Bank of the North, Jan van der Berg);
- titles and nicknames: a short quoted span inside a sentence (a dish called "Salt and
  Smoke", the "Iron Lady");
- terms: lower-case word sequences that recur in the article (heat pump, tidal
  barrage, rover) and do not start or end with a function word. Function words come from a
  maintained stop-word list (``stop-words``), not from a list written here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.memo import per_document
from ..lexicon.stopwords import stop_words
from ..model import Document, UnitKind

__all__ = ["Unit", "english_units", "stop_words", "term_key"]

#: Words of a name or term: letters with diacritics, digits, inner hyphens and apostrophes.
_WORD = re.compile(r"[^\W_](?:[\w]|['’-](?=\w))*")
_QUOTED = re.compile(r"[“\"‘]([^“”\"‘’]{2,60})[”\"’]")
_MAX_TERM_WORDS = 4
_MAX_TITLE_WORDS = 6
#: Lower-case particles inside proper names (Board of Trade, Ludwig van Beethoven): the
#: grammar of names in English and the European languages it borrows names from.
_NAME_PARTICLES = frozenset(
    "of the for de du des da di del della la le van von der den ten ter y al bin ibn".split()
)


@dataclass(frozen=True)
class Unit:
    """A name, title or term of one English sentence, with offsets into the sentence."""

    sentence: int
    start: int
    end: int
    text: str
    #: "name" (proper-name phrase), "title" (quoted), "term" (recurring lower-case words) or "acronym".
    kind: UnitKind

    @property
    def key(self) -> str:
        return term_key(self.text) if self.kind == "term" else self.text


@lru_cache(maxsize=16384)
def term_key(text: str) -> str:
    """One key for the forms of a term: lower case, plural -s dropped (heat pumps)."""
    words = text.lower().split()
    last = words[-1]
    if len(last) > 4 and last.endswith("ies"):
        words[-1] = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        words[-1] = last[:-1]
    return " ".join(words)


def _words(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        out.append((m.start(), m.start() + len(w), w))
    return out


def _capitalised(word: str) -> bool:
    """Capitalised, or an alphanumeric with a capital (3M, 5G), but not a time (9am)."""
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word))


def _name_phrases(sentence: int, text: str, words: list[tuple[int, int, str]] | None = None) -> list[Unit]:
    """Runs of two or more capitalised words, with short lower-case connectors inside.

    The first word of a sentence only starts a run when the next word is capitalised
    too (so "The" of "The Board of Trade" is dropped, but "Bank of Japan" at the start
    is kept from "Bank").
    """
    words = _words(text) if words is None else words
    out: list[Unit] = []
    k = 0
    while k < len(words):
        if not _capitalised(words[k][2]):
            k += 1
            continue
        run = [words[k]]
        j = k + 1
        while j < len(words):
            gap = text[run[-1][1] : words[j][0]]
            if gap not in (" ", "-"):
                break
            w = words[j][2]
            if _capitalised(w):
                run.append(words[j])
                j += 1
                continue
            # A connector (of, du, van der...) only counts between two capitalised words.
            if w in _NAME_PARTICLES and j + 1 < len(words) and _capitalised(words[j + 1][2]):
                nxt_gap = text[words[j][1] : words[j + 1][0]]
                if nxt_gap == " ":
                    run.extend((words[j], words[j + 1]))
                    j += 2
                    continue
            break
        if k == 0 and run and run[0][2].lower() in stop_words():
            run = run[1:]  # "The Board of Trade": the sentence's first word is not part of the name
        while run and run[0][2] in _NAME_PARTICLES:
            run = run[1:]
        if len(run) >= 2:
            out.append(Unit(sentence, run[0][0], run[-1][1], text[run[0][0] : run[-1][1]], "name"))
        k = j
    return out


def _titles(sentence: int, text: str) -> list[Unit]:
    """A short quoted span that is not a quotation of speech: a title, a dish, a nickname."""
    out = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        words = inner.split()
        if not words or len(words) > _MAX_TITLE_WORDS or inner[-1:] in ".,!?;:":
            continue
        # Titles and nicknames are written in title case; a quoted phrase of speech is not.
        content = [w for w in words if w.lower() not in _NAME_PARTICLES and w.lower() not in ("a", "an")]
        if not content or not all(_capitalised(w) for w in content):
            continue
        # Speech quoted in full covers most of the sentence; a title is a small part of it.
        if len(inner) > 0.5 * len(text.strip()):
            continue
        start = m.start(1) + m.group(1).index(inner)
        out.append(Unit(sentence, start, start + len(inner), inner, "title"))
    return out


def _term_candidates(
    text: str, words: list[tuple[int, int, str]] | None = None
) -> list[tuple[int, int, str]]:
    """Lower-case word sequences of up to four words that neither start nor end with a function word."""
    stops = stop_words()
    words = _words(text) if words is None else words
    # Per word and per gap once: a sequence grows one word at a time, so only its new word and
    # gap need a look (the shorter sequence passed, or the loop broke).
    plain = [w.islower() and w.isalpha() for _, _, w in words]
    spaced = [text[x[1] : y[0]] == " " for x, y in zip(words, words[1:], strict=False)]
    out = []
    for a in range(len(words)):
        for b in range(a, min(a + _MAX_TERM_WORDS, len(words))):
            if b > a and not spaced[b - 1]:
                break
            if not plain[b]:
                break
            first, last = words[a][2], words[b][2]
            if first in stops or last in stops or len(last) < 4 and b == a:
                continue
            out.append((words[a][0], words[b][1], text[words[a][0] : words[b][1]]))
    return out


@per_document
@lru_cache(maxsize=1 << 16)
def _sentence_units(
    text: str,
) -> tuple[tuple[Unit, ...], tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """The name phrases and titles of one sentence, its term candidates and their keys, once per
    distinct text (english_units runs for every check of a document; articles repeat sentences)."""
    words = _words(text)  # read by both (neither changes it)
    candidates = tuple(_term_candidates(text, words))
    return (
        tuple(_name_phrases(0, text, words) + _titles(0, text)),
        candidates,
        tuple(term_key(t) for _, _, t in candidates),
    )


def english_units(en: Document, min_sentences: int = 2) -> dict[int, list[Unit]]:
    """Name phrases, titles and recurring terms of every English sentence.

    A term is kept when its key occurs in at least *min_sentences* sentences, and only
    the longest recurring terms are kept where they overlap (heat pump boiler, not pump
    boiler as well), so that each span of the English is one unit.
    """
    spans_of = unit_spans(en, min_sentences)
    return {
        seg.index: [Unit(seg.index, s, e, t, kind) for s, e, t, kind in spans_of[seg.text]]
        for seg in en.segments
        if not seg.is_metadata
    }


def unit_spans(en: Document, min_sentences: int = 2) -> dict[str, list[tuple[int, int, str, UnitKind]]]:
    """english_units by distinct sentence text: (start, end, text, kind) of each unit in offset
    order (longer first). A long document repeats its sentences: a caller that makes its own
    records from these makes no Unit for a sentence it does not read."""
    # How many sentences hold each term key: each distinct text's keys once, for each of its
    # sentences (a long document repeats its sentences).
    of_text: dict[str, int] = defaultdict(int)
    for seg in en.segments:
        if not seg.is_metadata:
            of_text[seg.text] += 1
    seen: dict[str, int] = defaultdict(int)
    for text, times in of_text.items():
        for key in set(_sentence_units(text)[2]):
            seen[key] += times
    # A sentence's units depend on its text and the counts above: each distinct text once, in
    # offset order (longer first), then given to each of its sentences.
    spans_of: dict[str, list[tuple[int, int, str, UnitKind]]] = {}
    for text in of_text:
        units, cands, keys = _sentence_units(text)
        names = [Unit(0, u.start, u.end, u.text, u.kind) for u in units]
        terms = [Unit(0, s, e, t, "term") for s, e, t in _kept_terms(cands, keys, seen, min_sentences, names)]
        ordered = sorted([*names, *terms], key=lambda u: (u.start, -u.end))
        spans_of[text] = [(u.start, u.end, u.text, u.kind) for u in ordered]
    return spans_of


def _kept_terms(
    cands: Sequence[tuple[int, int, str]],
    keys: Sequence[str],
    seen: dict[str, int],
    min_sentences: int,
    units: Sequence[Unit],
) -> list[tuple[int, int, str]]:
    """A sentence's recurring terms outside its *units* and each other, longest first
    (*seen*: how many sentences hold each key)."""
    recurring = [c for c, key in zip(cands, keys, strict=True) if seen[key] >= min_sentences]
    # Longest first; a shorter term inside a kept one is the same words, not a new unit.
    recurring.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = [(u.start, u.end) for u in units]
    kept = []
    for s, e, t in recurring:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        kept.append((s, e, t))
    return kept
