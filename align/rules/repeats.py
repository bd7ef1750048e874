"""Mechanical slips that QA tools such as Xbench catch: a word typed twice, a double blank."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

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
        # What a sentence repeats depends on its text and on the words its English repeats: each
        # such case once (a long document repeats its sentences).
        seen: dict[tuple[str, frozenset[str]], list[tuple[int, int, str]]] = {}
        echoes = _Echoes(ctx)
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            k = ctx.bead_of_ja.get(seg.index)
            echoed = echoes[k]
            key = (seg.text, echoed)
            if key not in seen:
                seen[key] = _repeats(ctx, seg.index, seg.text, echoed)
            for start, end, word in seen[key]:
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


def _repeats(ctx: Context, j: int, text: str, echoed: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of sentence *j* typed twice, in order."""
    found: list[tuple[int, int, str]] = []
    for m in _LATIN_TWICE.finditer(text):
        if m.group(1).lower() not in echoed:
            found.append((m.start(), m.end(), m.group(1)))
    if _JA_CHAR.search(text):
        found.extend(_repeated_tokens(ctx.tokens(j), text, bool(echoed)))
    return sorted(found)


def _repeated_tokens(toks: tuple[Any, ...], text: str, echoed: bool) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each Japanese token that directly repeats the one before it."""
    for a, b in pairwise(toks):
        if a.surface != b.surface or a.pos1 != b.pos1 or text[a.end : b.start].strip(" \u3000"):
            continue
        if not _JA_CHAR.search(a.surface) or a.pos1 in _REDUPLICATING or a.pos2 in ("数詞", "終助詞"):
            continue
        function_word = a.pos1 in ("助詞", "助動詞")
        if not function_word and echoed:
            continue  # the English repeats a word too: a name (Bora Bora) or emphasis
        yield a.start, b.end, a.surface


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
