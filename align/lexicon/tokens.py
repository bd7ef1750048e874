"""Japanese tokens from fugashi + unidic-lite, with character offsets into the input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def tagger() -> Any:
    """The one MeCab tagger (UniDic-lite); created on first use, shared afterwards."""
    try:
        import fugashi
        import unidic_lite
    except ImportError as exc:  # pragma: no cover - both are hard dependencies
        raise ImportError("the tokenizer needs: pip install fugashi unidic-lite") from exc
    return fugashi.Tagger(f"-d {unidic_lite.DICDIR}")


@dataclass(frozen=True)
class Token:
    surface: str
    #: Dictionary form without UniDic's loanword suffix ("コード-code" -> "コード").
    lemma: str
    pos1: str
    pos2: str
    #: Katakana reading (UniDic "kana"); the surface itself for unknown words.
    reading: str
    start: int
    end: int
    #: UniDic's source word for loanwords ("code" for コード), else "".
    origin: str = ""


# MeCab reads a NUL-terminated UTF-8 string: a NUL would silently cut the text short and
# a lone surrogate cannot be encoded at all. Replacing them one-for-one keeps offsets.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def _field(value: Any) -> str:
    return value if isinstance(value, str) and value != "*" else ""


def tokenize(text: str) -> list[Token]:
    """Tokens of *text* with offsets such that ``text[t.start:t.end] == t.surface``."""
    out: list[Token] = []
    pos = 0
    safe = _UNSAFE.sub("\ufffd", text)
    for node in tagger()(safe):
        surface = node.surface
        if not surface:
            continue
        start = safe.find(surface, pos)
        if start < 0:  # MeCab normalised something; keep offsets monotone and approximate
            start = pos
        end = start + len(surface)
        pos = end
        if safe is not text:
            surface = text[start:end]
        f = node.feature
        raw_lemma = _field(getattr(f, "lemma", None)) or surface
        lemma, _, origin = raw_lemma.partition("-")
        if not lemma:
            lemma, origin = raw_lemma, ""
        reading = _field(getattr(f, "kana", None)) or surface
        out.append(
            Token(
                surface,
                lemma,
                _field(getattr(f, "pos1", None)),
                _field(getattr(f, "pos2", None)),
                reading,
                start,
                end,
                origin if origin.isascii() else "",
            )
        )
    return out


def fast_tokens(text: str) -> list[tuple[str, str, str, str, str, str]]:
    """(surface, lemma, pos1, pos2, pronunciation, loanword origin) per token, without offsets.

    Reads MeCab's text output for unidic-lite (surface, pron, kana base, lemma, POS...) instead
    of building a feature object per node: about 4x faster, for bulk work such as aligning
    20,000 sentences. ``tokenize`` stays the precise API.
    """
    out: list[tuple[str, str, str, str, str, str]] = []
    for row in tagger().parse(_UNSAFE.sub("\ufffd", text)).split("\n"):
        cols = row.split("\t")
        if len(cols) < 5:
            continue  # EOS
        surface, pron, _, raw_lemma, pos = cols[:5]
        lemma, _, origin = raw_lemma.partition("-")
        if not lemma:
            lemma, origin = raw_lemma, ""
        pos1, _, rest = pos.partition("-")
        pos2 = rest.partition("-")[0]
        out.append((surface, lemma, pos1, pos2, pron or surface, origin if origin.isascii() else ""))
    return out
