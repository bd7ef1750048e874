"""Typography of the Japanese text: half-width punctuation, spaces, honorifics (info only)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from ..charclass import JAPANESE, KANJI, KATAKANA, LATIN, to_full_width
from ..messages import Template
from ..model import Finding, Segment, Severity
from .base import Context, Rule, make_fix
from .fixes import fullwidth_fix, paren_partner
from .options import RuleOptions
from .quotes import face_marks
from .truncated import latin_truncations

_JA = JAPANESE + "\u3001\u3002"
# A half-width mark touching Japanese on at least one side (so "GPT-4 (beta)" in a Latin run is fine).
_HALF_PUNCT = re.compile(rf"(?<=[{_JA}])[?!:()]|[?!:()](?=[{_JA}])")
# A half-width space between a Latin letter or digit and Japanese.
_SPACE = re.compile(rf"(?<=[{LATIN}0-9]) (?=[{_JA}])|(?<=[{_JA}]) (?=[{LATIN}0-9])")
# A Latin letter or digit touching Japanese.
_BOUNDARY = re.compile(rf"(?<=[{LATIN}0-9])(?=[{_JA}])|(?<=[{_JA}])(?=[{LATIN}0-9])")
_JA_CHAR = re.compile(rf"[{_JA}]")
# A run of ASCII text: words separated by single spaces (code is ASCII).
_LATIN_RUN = re.compile(r"[!-~]+(?: [!-~]+)*")
# Marks of code in one word: a path, file name, URL, option, identifier or `inline code`
# (config.yaml, /etc/hosts, https://…, --verbose, snake_case, getValue, `x`). Camel case
# is an identifier only after two lower-case letters: YouTube, eBay, iPhone are names.
_CODE_WORD = re.compile(r"[./\\:=@$~<>{}\[\]#`|*]|^-|^[a-z]{2,}[a-z0-9]*[A-Z][a-z0-9]|\w_\w")
_NUMBER = re.compile(r"[\d,]+(?:\.\d+)?%?")  # 3.5 倍, 1,000 円, 6.2%: numbers, not code
_ABBREVIATION = re.compile(r"(?:[A-Za-z]{1,4}\.)+")  # Inc., U.S.: prose
_VERSION = re.compile(r"v?\d+(?:\.\d+){2,}\S*|v\d+(?:\.\d+)*\S*", re.I)  # 3.12.1, v2
_HONORIFICS = ("氏", "さん", "様", "君")
_KANJI = re.compile(f"[{KANJI}]")
_KATAKANA_NAME = re.compile(f"[{KATAKANA}]{{2,}}(?:[・＝][{KATAKANA}]+)*")


@dataclass(frozen=True)
class HalfWidthPunctuationOptions(RuleOptions):
    #: false for a house style that writes ( ) half-width in Japanese: only ? ! : are reported.
    parentheses: bool = True


class HalfWidthPunctuation(Rule):
    """Half-width ? ! : ( ) in Japanese running text.

    Japanese text uses the full-width forms ？ ！ ： （ ）. Emoticons and kaomoji (``:(``,
    ``(^^)``) are faces, not punctuation; a bracketed word such as (笑) is a bracket.

    Anti-pattern::

        検索大手(Search)の顧客になるのだろうか?

    Better::

        検索大手（Search）の顧客になるのだろうか？

    Fix: the full-width form (a parenthesis with its partner). Safe where the Japanese
    writes that mark full-width elsewhere, unsafe where it never does (a house style?).
    With option ``parentheses = false``, half-width parentheses are left alone.
    """

    code = "AL701"
    name = "half-width-punctuation"
    category = "style"
    severity = Severity.INFO
    Options = HalfWidthPunctuationOptions
    options: HalfWidthPunctuationOptions
    messages = {
        "half-width": Template(
            "half-width {char} in Japanese text; use {full}",
            "日本語の文中に半角の {char} があります。{full} を使ってください",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for seg in ctx.ja.segments:
            if seg.is_metadata or not _HALF_PUNCT.search(seg.text):
                continue  # (most sentences have no half-width punctuation: nothing to look at)
            # A bracketed Latin aside after Latin text, "GPT-4 (beta)", is Latin typography.
            latin_parens: set[int] = set()
            for m in re.finditer(r"\(([^()]*)\)", seg.text):
                before = seg.text[: m.start()].rstrip()
                if not _JA_CHAR.search(m.group(1)) and not (before and _JA_CHAR.match(before[-1])):
                    latin_parens.update((m.start(), m.end() - 1))
            faces = face_marks(seg.text, 0, len(seg.text))  # :( and (^^) are faces, not punctuation
            for m in _HALF_PUNCT.finditer(seg.text):
                if m.start() in latin_parens or m.start() in faces:
                    continue
                if m.group() in "()" and not self.options.parentheses:
                    continue
                full = to_full_width(m.group())
                # A parenthesis goes full-width with its partner, so that the pair still matches.
                partner = paren_partner(seg.text, m.start()) if m.group() in "()" else None
                positions = [m.start()] if partner is None else [m.start(), partner]
                yield self.finding(
                    self.say("half-width", char=m.group(), full=full),
                    ja=[seg.index],
                    spans=[ctx.ja_span(seg, m.start(), m.end())],
                    expected=full,
                    fix=fullwidth_fix(ctx, seg, positions, "()" if m.group() in "()" else m.group()),
                )


def _is_code(run: str) -> bool:
    """Whether a Latin run is code: a command line, path, URL, identifier or version string.

    Japanese technical writing sets these off with spaces (設定ファイル config.yaml を開き、
    pip install foo を実行します), so a space beside them is not a house-style slip.
    """
    words = run.split(" ")
    if len(words) >= 2 and all(w.isascii() and w.islower() for w in words):
        return True  # a command line: pip install foo, git commit
    for w in words:
        if _VERSION.fullmatch(w):
            return True
        if _NUMBER.fullmatch(w) or _ABBREVIATION.fullmatch(w):
            continue
        if _CODE_WORD.search(w):
            return True
    return False


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LATIN_RUN.finditer(text) if _is_code(m.group())]


def _spacing(text: str, cuts: Sequence[tuple[int, int]] = ()) -> tuple[list[re.Match[str]], int]:
    """A text's spaces between Latin and Japanese, and how many places have none, where neither
    touches code or a cut name's blanks (*cuts*)."""
    skip = _code_spans(text) + list(cuts)
    spaces = [m for m in _SPACE.finditer(text) if not _touches(skip, m.start(), m.end())]
    tight = sum(1 for m in _BOUNDARY.finditer(text) if not _touches(skip, m.start(), m.end()))
    return spaces, tight


def _touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the boundary or space at start..end borders one of the code *spans*."""
    return any(s <= end and start <= e for s, e in spans)


@dataclass(frozen=True)
class LatinSpacingOptions(RuleOptions):
    #: "consistent": report the document's minority usage only; "always": every such space.
    mode: Literal["consistent", "always"] = "consistent"


class LatinSpacing(Rule):
    """A half-width space between a Latin word and Japanese, where the document mostly has none.

    Some house styles put spaces around Latin words; the rule only reports the
    minority usage (option ``mode = "always"`` reports every such space).
    Spaces around code are never reported, nor counted: commands, paths, URLs,
    file names, identifiers, options and version strings (``設定ファイル config.yaml
    を開き、 pip install foo を実行します``) are spaced in Japanese technical writing.

    Anti-pattern::

        Acme 社は、Widget を発表した。(elsewhere: Acme社はWidgetを…)

    Better::

        Acme社は、Widgetを発表した。

    Fix (safe): delete the space; the document's own majority (or ``mode = "always"``)
    decided that there is none.
    """

    code = "AL702"
    name = "latin-spacing"
    category = "style"
    severity = Severity.INFO
    Options = LatinSpacingOptions
    options: LatinSpacingOptions
    # spaced_en, tight_en: the counts with their English noun ("2 such spaces", "1 place").
    messages = {
        "spaced": Template(
            "space between Latin and Japanese text ({spaced_en}, {tight_en} without)",
            "ラテン文字と日本語の間に半角空白があります（空白あり{spaced}箇所、なし{tight}箇所）",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # Spaces around code are house style; a blank inside a cut name (Kowal 氏) belongs to
        # that truncation finding (AL301): one finding per defect.
        cuts: dict[int, list[tuple[int, int]]] = {}
        for cut in latin_truncations(ctx):  # the blanks inside it, not those around it
            cuts.setdefault(cut.ja, []).append((cut.start + 1, cut.span_end - 1))
        # Each distinct text's spaces and boundaries once (a long document repeats its sentences).
        of_text: dict[str, tuple[list[re.Match[str]], int]] = {}
        spaces: list[tuple[Segment, re.Match[str]]] = []
        tight = 0
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            if seg.index in cuts:
                found = _spacing(seg.text, cuts[seg.index])
            else:
                found = of_text.get(seg.text) or of_text.setdefault(seg.text, _spacing(seg.text))
            if found[0]:
                spaces.extend([(seg, m) for m in found[0]])
            tight += found[1]
        spaced = len(spaces)
        if self.options.mode == "consistent" and spaced >= tight:
            return
        for seg, m in spaces:
            yield self.finding(
                self.say(
                    "spaced",
                    spaced=spaced,
                    tight=tight,
                    spaced_en=_plural(spaced, "such space"),
                    tight_en=_plural(tight, "place"),
                ),
                ja=[seg.index],
                spans=[ctx.ja_span(seg, max(0, m.start() - 1), m.end() + 1)],
                fix=make_fix([ctx.ja_edit(seg, m.start(), m.end(), "")], "safe", "delete the space"),
            )


class InconsistentHonorific(Rule):
    """A katakana name used with an honorific (氏, さん…) in one place and bare in another.

    Once the text gives a person an honorific, its bare uses are reported,
    full names (given・family) included; a name followed by a title or a
    compound (…大統領, …政権) is not a bare use.

    Anti-pattern::

        スミス氏は反論した。…スミスとジョーンズ氏の関係は…

    Better::

        スミス氏は反論した。…スミス氏とジョーンズ氏の関係は…

    Fix (unsafe): add 氏 after the bare name.
    """

    code = "AL703"
    name = "inconsistent-honorific"
    category = "style"
    severity = Severity.INFO
    messages = {
        "bare": Template(
            "{form} without an honorific; {name} has one in {count} other places",
            "{form} に敬称がありません。{name} にはほかの{count}箇所で敬称が付いています",
        ),
        "bare-once": Template(
            "{form} without an honorific; {name} has one in 1 other place",
            "{form} に敬称がありません。{name} にはほかの1箇所で敬称が付いています",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        uses: dict[str, list[tuple[int, int, int, bool]]] = defaultdict(list)
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            for m in _KATAKANA_NAME.finditer(seg.text):
                nxt = seg.text[m.end() : m.end() + 1]
                honored = seg.text.startswith(_HONORIFICS, m.end())
                if not honored and _KANJI.match(nxt):
                    continue  # a title or compound follows: スミス大統領, スミス政権
                # A full name (given・family) counts as a use of the family name.
                family = re.split("[・＝]", m.group())[-1]
                uses[family].append((seg.index, m.start(), m.end(), honored))
        for name, occ in sorted(uses.items()):
            counts = Counter(h for *_, h in occ)
            if counts[True] == 0 or counts[False] == 0:
                continue
            for j, s, e, honored in occ:
                if not honored:
                    seg = ctx.ja.segments[j]
                    # Unsafe: a first full mention, or a name used as a noun, may rightly go bare.
                    fix = make_fix(
                        [ctx.ja_edit(seg, e, e, _HONORIFICS[0])], "unsafe", f"add {_HONORIFICS[0]}"
                    )
                    yield self.finding(
                        self.say(
                            "bare-once" if counts[True] == 1 else "bare",
                            form=seg.text[s:e],
                            name=name,
                            count=counts[True],
                        ),
                        ja=[j],
                        spans=[ctx.ja_span(seg, s, e)],
                        expected=f"{name}{_HONORIFICS[0]}",
                        fix=fix,
                    )


RULES: tuple[type[Rule], ...] = (HalfWidthPunctuation, LatinSpacing, InconsistentHonorific)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
