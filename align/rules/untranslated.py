"""English left in the Japanese where a translation was expected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..messages import Template
from ..model import Finding, Severity
from .base import Context, Rule
from .options import RuleOptions, bounded

# Latin words joined by spaces, with digits and simple punctuation inside the run.
_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ ,]+[A-Za-z0-9][A-Za-z0-9'’\-]*)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_HONORIFIC = re.compile(r"\s*(?:氏|さん|様)")


def _plain(word: str) -> bool:
    """A lower-case dictionary-style word, not a brand or code (iPad, MP3, H2O)."""
    return word.isalpha() and word.islower() and len(word) >= 2


def _code_like(text: str, start: int, end: int) -> bool:
    """True when the run is part of code or a path: find.packages("x"), a_b, x/y."""
    s, e = start, end
    while s > 0 and not text[s - 1].isspace() and ord(text[s - 1]) < 0x3000:
        s -= 1
    while e < len(text) and not text[e].isspace() and ord(text[e]) < 0x3000:
        e += 1
    return any(c in '._()"=/\\<>{}[]#$@' for c in text[s:e].strip(".,"))


@dataclass(frozen=True)
class UntranslatedOptions(RuleOptions):
    #: The fewest plain English words in a Latin run for it to count as untranslated.
    min_words: int = bounded(2, 1)


class Untranslated(Rule):
    """A run of English words left in the Japanese that is not a name, brand or code.

    Names and brands kept in Latin (Acme, iPad, MP3) and code (find.packages)
    are fine; a run with at least ``min_words`` ordinary lower-case English
    words is text the MT failed to translate.

    Anti-pattern::

        この取引は、expected to close next yearとされている。

    Better::

        この取引は、来年完了する見込みだ。
    """

    code = "AL601"
    name = "untranslated"
    category = "untranslated"
    severity = Severity.WARNING
    Options = UntranslatedOptions
    options: UntranslatedOptions
    messages = {
        "untranslated": Template(
            "English left untranslated: {text!r}", "英語が訳されずに残っています: 「{text}」"
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # A term kept in Latin where the article otherwise renders it is a term variant (the
        # phrase layer pairs it with its other forms), not untranslated text.
        terms = {(r.ja, r.start, r.end) for r in ctx.renderings if r.kind != "name"}
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            for m in _RUN.finditer(seg.text):
                words = _WORD.findall(m.group())
                plain = [w for w in words if _plain(w)]
                if len(plain) < self.options.min_words or _code_like(seg.text, m.start(), m.end()):
                    continue
                if (seg.index, m.start(), m.end()) in terms:
                    continue
                yield self.finding(
                    self.say("untranslated", text=m.group()),
                    ja=[seg.index],
                    en=ctx.bead(ctx.bead_of_ja[seg.index]).en if seg.index in ctx.bead_of_ja else (),
                    spans=[ctx.ja_span(seg, m.start(), m.end())],
                )


class LatinPersonName(Rule):
    """A person's name left in Latin script while the text writes other people in katakana.

    Only names followed by an honorific (氏, さん) count, and only when at least
    one other person is written in katakana with an honorific.

    Anti-pattern::

        スミス氏は…。John Doe氏は…と述べた。

    Better::

        スミス氏は…。ジョン・ドウ氏は…と述べた。
    """

    code = "AL602"
    name = "latin-person-name"
    category = "untranslated"
    severity = Severity.INFO
    messages = {
        "latin-name": Template(
            "{name!r} is in Latin script, while {count} other names are in katakana",
            "「{name}」はラテン文字のままですが、ほかの{count}人の名前はカタカナです",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        kana_people = {
            r.form
            for r in ctx.renderings
            if r.method != "latin" and _HONORIFIC.match(ctx.ja.segments[r.ja].text, r.end)
        }
        if not kana_people:
            return
        en_words = set(_WORD.findall(ctx.en.text))
        for seg in ctx.ja.segments:
            for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*(?=\s*(?:氏|さん|様))", seg.text):
                if not all(w in en_words for w in m.group().split()):
                    continue  # a fragment (truncated-name) or not from the English
                yield self.finding(
                    self.say("latin-name", name=m.group(), count=len(kana_people)),
                    ja=[seg.index],
                    spans=[ctx.ja_span(seg, m.start(), m.end())],
                    expected=m.group(),
                )


RULES: tuple[type[Rule], ...] = (Untranslated, LatinPersonName)
