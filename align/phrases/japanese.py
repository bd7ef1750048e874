"""The Japanese pieces a rendering can be: katakana words, Latin words and noun compounds.

Noun compounds come from UniDic's parts of speech (nouns, prefixes and noun-like
suffixes in a row: 熱交換ポンプ, 商務委員会, 桜HD), so that a translated term is
compared whole, not character by character. A katakana run is never split inside, even
where UniDic splits an unknown name into pieces (ブライト + ムーア).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..charclass import KANJI, KATAKANA, LATIN
from ..lexicon.memo import per_document

__all__ = [
    "KATAKANA_RUN",
    "Chunk",
    "compounds",
    "glosses_in_brackets",
    "katakana_words",
    "latin_words",
    "script_of",
    "untranslated_runs",
]

#: The script of a Japanese form (see :func:`script_of`).
Script = Literal["latin", "katakana", "mixed", "kanji"]

_KATAKANA_WORD = re.compile(f"[{KATAKANA}]+")
#: A whole katakana name, ・ and ＝ included (ジョン・スミス): the one definition of a katakana run.
KATAKANA_RUN = re.compile(f"[{KATAKANA}]+(?:[・＝=][{KATAKANA}]+)*")
_KANJI = re.compile(f"[{KANJI}]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LATIN = re.compile(rf"[{LATIN}][0-9{LATIN}]*(?:[-.'’&][0-9{LATIN}]+)*")
_LATIN_RUN = re.compile(
    rf"[{LATIN}][0-9{LATIN}]*(?:[-.'’&][0-9{LATIN}]+)*"
    rf"(?: [{LATIN}][0-9{LATIN}]*(?:[-.'’&][0-9{LATIN}]+)*)*"
)
_BRACKETS = re.compile(r"([^\s（(「『]{1,30})[（(]([^（）()]{1,40})[）)]")
_COMPOUND_POS = frozenset({"名詞", "接頭辞", "接尾辞"})


def script_of(form: str) -> Script:
    """The script of a Japanese form: latin, katakana, mixed (ウィジェットPro) or kanji."""
    has_latin = bool(_ASCII_LETTER.search(form))
    has_kata = bool(_KATAKANA_WORD.search(form))
    if has_latin and has_kata:
        return "mixed"
    if has_latin:
        return "latin"
    if has_kata and not _KANJI.search(form):
        return "katakana"
    return "kanji"


@dataclass(frozen=True)
class Chunk:
    """A piece of one Japanese sentence: offsets into the sentence, and its text."""

    start: int
    end: int
    text: str


def katakana_words(text: str) -> list[Chunk]:
    """Katakana words, full names split at ・ and ＝ (a Latin suffix stays on: ウィジェットPro)."""
    out = []
    for m in _KATAKANA_WORD.finditer(text):
        end = m.end()
        latin = _LATIN.match(text, end)
        if latin and not latin.group()[0].islower():
            end = latin.end()
        out.append(Chunk(m.start(), end, text[m.start() : end]))
    return out


def katakana_runs(text: str) -> list[Chunk]:
    """Whole katakana names, ・ and ＝ included (ジョン・スミス)."""
    return [Chunk(m.start(), m.end(), m.group()) for m in KATAKANA_RUN.finditer(text)]


def latin_words(text: str, runs: bool = False) -> list[Chunk]:
    """Latin words (with diacritics) in a Japanese sentence; with *runs*, space-joined runs."""
    pattern = _LATIN_RUN if runs else _LATIN
    return [Chunk(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


#: Above a long document's distinct sentences: its passes ask for them in document order, and a
#: memo smaller than that evicts each sentence before the next pass asks again.
@per_document
@lru_cache(maxsize=1 << 16)
def compounds(text: str) -> tuple[Chunk, ...]:
    """Maximal runs of nouns, prefixes, noun suffixes, katakana and Latin words (no numerals)."""
    from ..lexicon.tokens import tokenize

    kata = [(m.start(), m.end()) for m in KATAKANA_RUN.finditer(text)]
    out: list[Chunk] = []
    start = end = -1
    for t in tokenize(text):
        inside_kata = any(s <= t.start and t.end <= e for s, e in kata)
        nounish = (t.pos1 in _COMPOUND_POS and t.pos2 != "数詞") or inside_kata
        nounish = nounish or (t.surface.isascii() and t.surface.isalnum() and not t.surface.isdigit())
        if nounish and (end == t.start or start < 0):
            if start < 0:
                start = t.start
            end = t.end
            continue
        if start >= 0:
            out.append(Chunk(start, end, text[start:end]))
        start, end = (t.start, t.end) if nounish else (-1, -1)
    if start >= 0:
        out.append(Chunk(start, end, text[start:end]))
    return tuple(c for c in out if c.text.strip())


def glosses_in_brackets(text: str) -> list[tuple[Chunk, Chunk]]:
    """A term followed by its original in brackets, 宇宙機構（JSA）: (term, bracketed) pairs.

    Japanese writes the English name or acronym after the first mention of a translated
    name; the two are then one rendering, not two variants.
    """
    out = []
    for m in _BRACKETS.finditer(text):
        inner = m.group(2).strip()
        if not inner:
            continue
        head = [c for c in compounds(text) if c.end == m.end(1)]
        if head:
            s = m.start(2) + m.group(2).index(inner)
            out.append((head[-1], Chunk(s, s + len(inner), inner)))
    return out


_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ ,]+[A-Za-z0-9][A-Za-z0-9'’\-]*)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def untranslated_runs(text: str, min_words: int = 2) -> list[Chunk]:
    """Runs of English left in the Japanese: at least *min_words* plain lower-case words.

    A name inside such a run (a place in an untranslated clause) is English text, not the
    name's rendering.
    """
    out = []
    for m in _RUN.finditer(text):
        plain = [w for w in _WORD.findall(m.group()) if w.isalpha() and w.islower() and len(w) >= 2]
        if len(plain) >= min_words:
            out.append(Chunk(m.start(), m.end(), m.group()))
    return out
