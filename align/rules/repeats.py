"""Mechanical slips that QA tools such as Xbench catch: a word typed twice, a double blank."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any, Literal

from ..charclass import JAPANESE
from ..messages import Template
from ..model import Finding, Severity
from .base import Context, Rule, make_fix

# Two identical Latin words separated by blanks only ("the the"); case-insensitive.
_LATIN_TWICE = re.compile(r"(?<![\w'-])([A-Za-z][A-Za-z']*)([ \t\u3000]+)(\1)(?![\w'-])", re.IGNORECASE)
_EN_TWICE = re.compile(r"(?<![\w'-])([A-Za-z][A-Za-z']*)[\s,]+\1(?![\w'-])", re.IGNORECASE)
_BLANKS = re.compile("[ \u3000\u00a0]{2,}")
_JA_CHAR = re.compile(f"[{JAPANESE}]")
#: Parts of speech whose repetition is Japanese emphasis or sound symbolism (はいはい, 早く早く,
#: チクタクチクタク, あるある), or that UniDic splits from digits and symbols.
_REDUPLICATING = {"感動詞", "副詞", "形状詞", "動詞", "形容詞", "補助記号", "記号", "空白"}


class RepeatedWord(Rule):
    """The same word twice in a row: a doubled particle (のの, をを), noun or Latin word ("the the").

    Decided on UniDic tokens: two identical tokens with nothing but blanks
    between them. Japanese repeats interjections, adverbs, adjectives and verbs
    for emphasis and sound symbolism (はいはい, ドキドキ, 早く早く), and writes
    reduplicated nouns as one word (人々, 時々), so those parts of speech are
    not reported, nor are sentence-final particles (ねね) and numerals. A
    repetition that the aligned English also has ("Bora Bora", "no, no") is
    kept.

    Anti-pattern::

        同社のの売上高は、the the 前年を上回った。

    Better::

        同社の売上高は、前年を上回った。

    Fix (unsafe): delete the second word.
    """

    code = "AL704"
    name = "repeated-word"
    category = "style"
    severity = Severity.WARNING
    messages = {"twice": Template("{word!r} twice in a row", "「{word}」が2回続いています")}

    def check(self, ctx: Context) -> Iterator[Finding]:
        # A sentence's doubled words depend on its text, and which are reported on the words its
        # English repeats: each text's once, and the English read only for a text with some (a
        # long document repeats its sentences, and few have a doubled word).
        doubled: dict[str, list[tuple[int, int, str, _Kind]]] = {}
        echoes = _Echoes(ctx)
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            found = doubled.get(seg.text)
            if found is None:
                found = doubled[seg.text] = _doubled(ctx, seg.index, seg.text)
            if not found:
                continue
            k = ctx.bead_of_ja.get(seg.index)
            echoed = echoes[k]
            for start, end, word in _reported(found, echoed):
                # Unsafe: it deletes a word, and the tokenizer may have cut one word in two.
                fix = make_fix(
                    [ctx.ja_edit(seg, start + len(word), end, "")], "unsafe", f"delete the second {word}"
                )
                yield self.finding(
                    self.say("twice", word=word),
                    ja=[seg.index],
                    en=ctx.bead(k).en if k is not None else (),
                    spans=[ctx.ja_span(seg, start, end)],
                    expected=word,
                    fix=fix,
                )


class _Echoes(dict[int | None, frozenset[str]]):
    """Bead index (None: no bead) -> the words its English repeats (lower case), each bead's
    once and each distinct English text's once (a long document repeats its beads)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self._of_text: dict[str, frozenset[str]] = {}

    def __missing__(self, k: int | None) -> frozenset[str]:
        english = self.ctx.en_text(self.ctx.bead(k)) if k is not None else ""
        echoed = self._of_text.get(english)
        if echoed is None:
            echoed = frozenset(m.group(1).lower() for m in _EN_TWICE.finditer(english))
            self._of_text[english] = echoed
        self[k] = echoed
        return echoed


#: What decides whether a doubled word is reported (_reported): "latin", a Latin word unless the
#: English repeats it too; "function", a Japanese particle or auxiliary, always; "content", another
#: Japanese word, unless the English repeats some word.
_Kind = Literal["latin", "function", "content"]


def _doubled(ctx: Context, j: int, text: str) -> list[tuple[int, int, str, _Kind]]:
    """(start, end, word, kind) of the words of sentence *j* typed twice, in order."""
    found: list[tuple[int, int, str, _Kind]] = []
    for m in _LATIN_TWICE.finditer(text):
        found.append((m.start(), m.end(), m.group(1), "latin"))
    if _JA_CHAR.search(text):
        found.extend(_repeated_tokens(ctx.tokens(j), text))
    return sorted(found)


def _reported(found: list[tuple[int, int, str, _Kind]], echoed: frozenset[str]) -> list[tuple[int, int, str]]:
    """The doubled words of a sentence whose English repeats *echoed* that are slips."""
    return [
        (start, end, word)
        for start, end, word, kind in found
        if kind == "function"
        or kind == "content"
        and not echoed
        or kind == "latin"
        and word.lower() not in echoed
    ]


def _repeated_tokens(toks: tuple[Any, ...], text: str) -> Iterator[tuple[int, int, str, _Kind]]:
    """(start, end, word, kind) of each Japanese token that directly repeats the one before it."""
    for a, b in pairwise(toks):
        if a.surface != b.surface or a.pos1 != b.pos1 or text[a.end : b.start].strip(" \u3000"):
            continue
        if not _JA_CHAR.search(a.surface) or a.pos1 in _REDUPLICATING or a.pos2 in ("数詞", "終助詞"):
            continue
        # A content word the English repeats too is a name (Bora Bora) or emphasis.
        yield a.start, b.end, a.surface, "function" if a.pos1 in ("助詞", "助動詞") else "content"


class DoubleBlank(Rule):
    """Two or more consecutive blanks (half-width, full-width or no-break) inside a Japanese sentence.

    The fix (safe) keeps one blank (whether Japanese text wants one there at all is AL702's question).

    Anti-pattern::

        新型のAcme  Xは来年発売される。

    Better::

        新型のAcme Xは来年発売される。
    """

    code = "AL705"
    name = "double-blank"
    category = "style"
    severity = Severity.INFO
    messages = {
        "blanks": Template("{count} consecutive blanks ({shown})", "空白が{count}個続いています（{shown}）")
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            for m in _BLANKS.finditer(seg.text):
                shown = m.group().replace("\u3000", "□").replace("\u00a0", "⍽").replace(" ", "␣")
                yield self.finding(
                    self.say("blanks", count=len(m.group()), shown=shown),
                    ja=[seg.index],
                    spans=[ctx.ja_span(seg, m.start(), m.end())],
                    expected=m.group()[0],
                    fix=make_fix(
                        [ctx.ja_edit(seg, m.start(), m.end(), m.group()[0])], "safe", "keep one blank"
                    ),
                )


RULES: tuple[type[Rule], ...] = (RepeatedWord, DoubleBlank)
