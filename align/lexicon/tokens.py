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


@dataclass(frozen=True, slots=True)
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
    """Tokens of *text* with offsets such that ``text[t.start:t.end] == t.surface``.

    MeCab's answer depends on the text alone, and the stages ask for the same sentences and
    name forms again and again (about 1,400 calls for a 50-sentence article), so the tokens
    of recent texts are kept (a copy of the list is returned: callers may change it).
    """
    return list(_analyse(text)[0])


def fast_tokens(text: str) -> list[tuple[str, str, str, str, str, str]]:
    """(surface, lemma, pos1, pos2, pronunciation, loanword origin) per token, without offsets.

    The fields of MeCab's text output for unidic-lite (``node-format-unidic``: surface, pron,
    lForm, lemma, POS joined by "-"; ``unk-format-unidic`` for unknown words), as the aligner
    reads them. Built from the same parse as :func:`tokenize`, so that a sentence that is
    aligned and then checked is parsed once.
    """
    return list(_analyse(text)[1])


_Fast = tuple[str, str, str, str, str, str]


def _pos(fields: list[Any]) -> tuple[str, str]:
    """pos1 and pos2 as read back from MeCab's ``%F-[0,1,2,3]`` (which leaves out "*" fields)."""
    joined = "-".join(f for f in fields[:4] if f != "*")
    pos1, _, rest = joined.partition("-")
    return pos1, rest.partition("-")[0]


def _lemma_origin(raw_lemma: str) -> tuple[str, str]:
    lemma, _, origin = raw_lemma.partition("-")
    if not lemma:
        lemma, origin = raw_lemma, ""
    return lemma, origin if origin.isascii() else ""


_PAD = [None] * 26


#: Enough for every text of an article (its sentences and the names and terms looked up in them);
#: an entry holds two tuples per token, so a larger memo costs a corpus worker hundreds of MB.
@lru_cache(maxsize=2048)
def _analyse(text: str) -> tuple[tuple[Token, ...], tuple[_Fast, ...]]:
    """One MeCab parse of *text*: its tokens (offsets, UniDic fields) and its text-output fields.

    Written for speed (it runs for every sentence of every article): the common case, a known
    word whose fields hold no comma, "*", "-" or a loanword origin, takes no helper call.
    """
    tokens: list[Token] = []
    fast: list[_Fast] = []
    pos = 0
    safe = _UNSAFE.sub("\ufffd", text)
    remap = safe is not text
    find = safe.find
    for node in tagger()(safe):
        surface = node.surface
        raw = node.feature_raw
        # The raw CSV splits as MeCab wrote it; a quoted field (a comma inside) takes fugashi's parser.
        fields: list[Any] = list(node.feature) if '"' in raw else raw.split(",")
        if len(fields) < 26:
            fields += _PAD[len(fields) :]
        f0, f1 = fields[0], fields[1]
        if f0 != "*" and f1 != "*" and "-" not in f0 and "-" not in f1:
            pos1, pos2 = f0, f1
        elif f0 != "*" and "-" not in f0 and f1 == fields[2] == fields[3] == "*":
            pos1, pos2 = f0, ""  # a part of speech without subdivisions (助動詞)
        else:
            pos1, pos2 = _pos(fields)
        lemma_field = fields[7]
        unknown = node.stat == 1  # MECAB_UNK_NODE: written with unk-format-unidic
        if unknown:  # the surface stands for pron and lemma
            lemma, origin = _lemma_origin(surface)
            fast.append((surface, lemma, pos1, pos2, surface, origin))
        else:
            if lemma_field and "-" not in lemma_field:
                lemma, origin = lemma_field, ""
            else:
                lemma, origin = _lemma_origin(lemma_field if lemma_field is not None else "")
            fast.append((surface, lemma, pos1, pos2, fields[9] or surface, origin))
        if not surface:
            continue
        start = find(surface, pos)
        if start < 0:  # MeCab normalised something; keep offsets monotone and approximate
            start = pos
        end = start + len(surface)
        pos = end
        if remap:
            surface = text[start:end]
        if unknown or not lemma_field or lemma_field == "*":
            lemma, origin = _lemma_origin(_field(lemma_field) or surface)
        # else: the lemma field the fast tuple already split
        kana = fields[17]
        tokens.append(
            Token(
                surface,
                lemma,
                f0 if f0 and f0 != "*" else "",
                f1 if f1 and f1 != "*" else "",
                kana if kana and kana != "*" else surface,
                start,
                end,
                origin,
            )
        )
    return tuple(tokens), tuple(fast)


def _fast_tokens_from_text_output(text: str) -> list[_Fast]:
    """fast_tokens as it was read from MeCab's text output (the reference the tests compare with)."""
    out: list[_Fast] = []
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
