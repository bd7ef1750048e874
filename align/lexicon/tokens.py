"""Japanese tokens from fugashi + unidic-lite, with character offsets into the input.

One token stream per sentence: the aligner's keys, the phrase layer and the rules all read the
same :class:`Token` records, parsed once per text (``tokenize``) and held per document
(``document_tokens``) while the document lives.
"""

from __future__ import annotations

import re
import sys
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Document
from .memo import IdentityMemo


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
    #: Pronunciation (UniDic "pron": ー for a long vowel); the surface itself for unknown words.
    pron: str = ""


class _Unfrozen:
    """Token's slots without the frozen ``__setattr__``: a parse builds one and makes it a Token.

    A frozen dataclass sets each field through ``object.__setattr__``: about 1 us per token, a
    fifth of the tokenising time of 20k sentences (200k tokens). The same slots set plainly, then
    the class switched (the layouts are identical, which Python checks), take a quarter of that.
    """

    __slots__ = Token.__slots__

    def __init__(
        self,
        surface: str,
        lemma: str,
        pos1: str,
        pos2: str,
        reading: str,
        start: int,
        end: int,
        origin: str,
        pron: str,
    ) -> None:
        self.surface, self.lemma, self.pos1, self.pos2, self.reading = surface, lemma, pos1, pos2, reading
        self.start, self.end, self.origin, self.pron = start, end, origin, pron


def _token(
    surface: str, lemma: str, pos1: str, pos2: str, reading: str, start: int, end: int, origin: str, pron: str
) -> Token:
    """``Token(...)`` with every field given, built the fast way (see _Unfrozen)."""
    t: Any = _Unfrozen(surface, lemma, pos1, pos2, reading, start, end, origin, pron)
    t.__class__ = Token
    return t  # type: ignore[no-any-return]


# MeCab reads a NUL-terminated UTF-8 string: a NUL would silently cut the text short and
# a lone surrogate cannot be encoded at all. Replacing them one-for-one keeps offsets.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def tokenize(text: str) -> list[Token]:
    """Tokens of *text* with offsets such that ``text[t.start:t.end] == t.surface``.

    MeCab's answer depends on the text alone, and the stages ask for the same sentences and
    name forms again and again (about 1,400 calls for a 50-sentence article), so a sentence of
    a live document is answered from its document's tokens and other texts are kept (a copy of
    the list is returned: callers may change it).
    """
    found = _SENTENCES.get(text)
    if found is not None:
        return list(found[0])
    return list(_analyse_short(text) if len(text) <= _SHORT else _analyse(text))


#: The tokens of the documents still alive, per segment.
_DOCUMENTS: IdentityMemo[tuple[tuple[Token, ...], ...]] = IdentityMemo()
#: The same tokens by sentence text -> (tokens, how many live documents hold the sentence): the
#: phrase layer and the rules tokenize sentences one by one, several passes over a document, and
#: a document of thousands of sentences would evict each one from a bounded memo before the
#: next pass asked again (each sentence parsed about ten times at 200k sentences).
_SENTENCES: dict[str, list[Any]] = {}


def document_tokens(doc: Document) -> tuple[tuple[Token, ...], ...]:
    """The tokens of every segment of a (Japanese) document, parsed once while it lives."""
    return _DOCUMENTS.get((doc,), None, lambda: _document_tokens(doc))


def _document_tokens(doc: Document) -> tuple[tuple[Token, ...], ...]:
    texts = [s.text for s in doc.segments]
    parsed: dict[str, tuple[Token, ...]] = {}  # a sentence repeated in the document is parsed once
    for text in texts:
        if text not in parsed:
            parsed[text] = _SENTENCES[text][0] if text in _SENTENCES else _parse(text)
    for text in texts:
        _SENTENCES.setdefault(text, [parsed[text], 0])[1] += 1
    weakref.finalize(doc, _forget, texts)
    return tuple(parsed[t] for t in texts)


def _forget(texts: list[str]) -> None:
    for text in texts:
        entry = _SENTENCES.get(text)
        if entry is not None:
            entry[1] -= 1
            if entry[1] <= 0:
                del _SENTENCES[text]


_PAD = [None] * 19


def _fields(node: Any) -> list[Any]:
    """UniDic's feature fields of a node, padded to 19 (unknown words have fewer).

    The raw CSV splits as MeCab wrote it; a quoted field (a comma inside) takes fugashi's parser.
    """
    raw = node.feature_raw
    # Only fields 0-17 are read: the split stops there (the rest stays joined in field 18).
    fields: list[Any] = list(node.feature) if '"' in raw else raw.split(",", 18)
    if len(fields) < 19:
        fields += _PAD[len(fields) : 19]
    return fields


def _pos(fields: list[Any]) -> tuple[str, str]:
    """pos1 and pos2 as MeCab's ``%F-[0,1,2,3]`` gives them (it leaves out "*" fields).

    Written for speed: the common case, two fields without "*" or "-", takes no join.
    """
    f0, f1 = fields[0], fields[1]
    if f0 != "*" and f1 != "*" and "-" not in f0 and "-" not in f1:
        return f0, f1
    if f0 != "*" and "-" not in f0 and f1 == fields[2] == fields[3] == "*":
        return f0, ""  # a part of speech without subdivisions (助動詞)
    joined = "-".join(f for f in fields[:4] if f != "*")
    pos1, _, rest = joined.partition("-")
    return pos1, rest.partition("-")[0]


def _lemma_origin(raw_lemma: str) -> tuple[str, str]:
    lemma, _, origin = raw_lemma.partition("-")
    if not lemma:
        lemma, origin = raw_lemma, ""
    return lemma, origin if origin.isascii() else ""


def _lemma(fields: list[Any], surface: str, unknown: bool) -> tuple[str, str]:
    """Lemma and loanword origin: the surface stands for both of an unknown word."""
    if unknown:
        return _lemma_origin(surface)
    lemma_field = fields[7]
    if lemma_field and lemma_field != "*" and "-" not in lemma_field:
        return lemma_field, ""
    return _lemma_origin(lemma_field if lemma_field and lemma_field != "*" else surface)


def _readings(fields: list[Any], surface: str, unknown: bool) -> tuple[str, str]:
    """Kana reading and pronunciation; the surface for an unknown word."""
    if unknown:
        return surface, surface
    kana, pron = fields[17], fields[9]
    return (kana if kana and kana != "*" else surface), (pron or surface)


#: Texts up to this long (names, terms, words) are many and small: a large memo holds them all.
_SHORT = 16


@lru_cache(maxsize=1 << 16)
def _analyse_short(text: str) -> tuple[Token, ...]:
    return _parse(text)


#: Enough for every longer text of an article; whole documents are held by document_tokens.
@lru_cache(maxsize=2048)
def _analyse(text: str) -> tuple[Token, ...]:
    return _parse(text)


#: One string object per distinct field value: a token's seven strings were fresh copies cut
#: from MeCab's feature text, most of a long document's token memory (a part of speech, a
#: lemma or a reading is one of a few thousand values).
_intern = sys.intern


def _parse(text: str) -> tuple[Token, ...]:
    """One MeCab parse of *text*: its tokens, with offsets and the UniDic fields read."""
    safe = _UNSAFE.sub("\ufffd", text)
    if safe is text and not _LINE_BREAKS.search(text):
        tokens = _parse_text(text)
        if tokens is not None:
            return tokens
    return _parse_nodes(text, safe)


#: The fields read, one line per token: surface, status (1: unknown), lemma, pronunciation,
#: kana reading, part of speech (%F-[0,1,2,3] joins the four levels but for "*"). An unknown
#: word has no lemma or readings (its surface stands for them).
_NODE_FORMAT = r"%m\t%s\t%f[7]\t%f[9]\t%f[17]\t%F-[0,1,2,3]\n"
_UNK_FORMAT = r"%m\t%s\t\t\t\t%F-[0,1,2,3]\n"
#: A tab or line break inside the text could stand inside a token's line: such texts take nodes.
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@lru_cache(maxsize=1)
def _text_tagger() -> Any:
    """A second tagger on the same dictionary that writes only the fields read, as text.

    Building fugashi's node objects and splitting each node's 29 feature fields took most of
    the tokenising time; MeCab's own formatter writes the six fields needed.
    ``-O ""`` sets aside the dictionary's own output format (unidic) for ``-F``/``-U``.
    """
    import fugashi
    import unidic_lite

    d = unidic_lite.DICDIR
    return fugashi.GenericTagger(f'-r {d}/mecabrc -d {d} -O "" -F "{_NODE_FORMAT}" -U "{_UNK_FORMAT}" -E ""')


#: A token line of the text output -> (surface, lemma, pos1, pos2, kana, origin, pron): the
#: same word with the same analysis recurs all through a text (cleared when it grows large).
_LINES: dict[str, tuple[str, str, str, str, str, str, str]] = {}
_MAX_LINES = 1 << 16


def _line_fields(line: str) -> tuple[str, str, str, str, str, str, str] | None:
    cols = line.split("\t")
    if len(cols) != 6:
        return None
    surface, stat, lemma_field, pron, kana, pos_field = cols
    if stat == "1":  # an unknown word: its surface stands for lemma and readings
        lemma, origin = _lemma_origin(surface)
        kana = pron = surface
    else:
        if lemma_field and lemma_field != "*" and "-" not in lemma_field:
            lemma, origin = lemma_field, ""
        else:
            lemma, origin = _lemma_origin(lemma_field if lemma_field and lemma_field != "*" else surface)
        kana, pron = (kana if kana and kana != "*" else surface), (pron or surface)
    pos1, _, rest = pos_field.partition("-")
    if len(_LINES) >= _MAX_LINES:
        _LINES.clear()
    fields = _LINES[line] = (
        _intern(surface),
        _intern(lemma),
        _intern(pos1),
        _intern(rest.partition("-")[0]),
        _intern(kana),
        _intern(origin),
        _intern(pron),
    )
    return fields


def _parse_text(text: str) -> tuple[Token, ...] | None:
    """The tokens of *text* from MeCab's text output (None if a line does not read)."""
    tokens: list[Token] = []
    pos = 0
    find = text.find
    known = _LINES.get
    t: Any
    # _at and _token inlined: this loop runs once per token (200k for 20k sentences).
    for line in _text_tagger().parse(text).split("\n"):
        f = known(line) or _line_fields(line)
        if f is None:
            if line:
                return None
            continue
        surface = f[0]
        if not surface:
            continue
        start = find(surface, pos)
        if start < 0:
            start = pos
        pos = end = start + len(surface)
        t = _Unfrozen(surface, f[1], f[2], f[3], f[4], start, end, f[5], f[6])
        t.__class__ = Token
        tokens.append(t)
    return tuple(tokens)


def _at(found: int, pos: int) -> int:
    """Where a token starts: where it was found, or (MeCab normalised something) at *pos*, which
    keeps the offsets monotone and approximate."""
    return pos if found < 0 else found


def _parse_nodes(text: str, safe: str) -> tuple[Token, ...]:
    """The tokens of *text* from fugashi's nodes for *safe* (a text the text output cannot carry)."""
    tokens: list[Token] = []
    pos = 0
    remap = safe is not text
    find = safe.find
    for node in tagger()(safe):
        surface = node.surface
        if not surface:
            continue
        start = _at(find(surface, pos), pos)
        pos = end = start + len(surface)
        if remap:
            surface = text[start:end]
        fields = _fields(node)
        unknown = node.stat == 1  # MECAB_UNK_NODE: written with unk-format-unidic
        lemma, origin = _lemma(fields, surface, unknown)
        kana, pron = _readings(fields, surface, unknown)
        pos1, pos2 = _pos(fields)
        tokens.append(
            _token(
                _intern(surface),
                _intern(lemma),
                _intern(pos1),
                _intern(pos2),
                _intern(kana),
                start,
                end,
                _intern(origin),
                _intern(pron),
            )
        )
    return tuple(tokens)


def _text_output_fields(text: str) -> list[tuple[str, str, str, str, str, str]]:
    """(surface, lemma, pos1, pos2, pron, origin) per token as MeCab's text output gives them
    (``node-format-unidic``: surface, pron, lForm, lemma, POS joined by "-"): the reference the
    tests compare the tokens' fields with."""
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
