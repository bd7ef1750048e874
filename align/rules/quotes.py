"""Quotation marks and brackets in the Japanese text, checked per paragraph.

MT output often opens 「 and closes with an ASCII ", or splits one quotation
over two sentences and loses one side. A paragraph is the unit because a
quotation may hold several sentences. Emoticons and kaomoji (``:(``, ``;)``,
``(^_^;)``) are faces, not brackets; a bracketed word such as (笑) is a bracket.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..charclass import FULLWIDTH_ASCII, JAPANESE
from ..messages import Message, Template
from ..model import Edit, Finding, Severity, Span
from .base import Context, Rule, make_fix
from .options import RuleOptions, bounded

_OPEN = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〈": "〉", "《": "》", "“": "”"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_JA_CHAR = re.compile(f"[{JAPANESE}]")
# Japanese text or punctuation: a blank between it and an ASCII quote is an MT leftover.
_JA_AROUND = re.compile(f"[{JAPANESE}\u3001\u3002{FULLWIDTH_ASCII}「」『』]")
_MARKS = re.compile("[" + re.escape("".join(sorted(set(_OPEN) | set(_CLOSE) | {'"'}))) + "]")


@dataclass(frozen=True)
class Problem:
    kind: str  # "mismatch", "unopened", "unclosed", "ascii-space", "nesting"
    start: int  # document offsets of the text to highlight
    end: int
    #: What to say: a template id of the rule for *kind*, and its arguments.
    message: Message
    #: The repair when its form is certain, as (start, end, replacement) document offsets.
    edits: tuple[Edit, ...] = ()


def _ascii_quote_edits(text: str, start: int, end: int, a: int, b: int) -> tuple[Edit, ...]:
    """ASCII quotes with a blank inside -> 「…」 (『…』 inside an open 「), outer blanks dropped."""
    inner = text[a + 1 : b].strip(" \u3000")
    if any(c in inner for c in '「」『』"'):
        return ()  # the quotation holds quotes itself: which marks go where is a choice
    depth = text.count("「", start, a) - text.count("」", start, a)
    opener, closer = ("『", "』") if depth > 0 else ("「", "」")
    if a - 2 >= start and text[a - 1] == " " and _JA_AROUND.match(text, a - 2):
        a -= 1
    if b + 2 < end and text[b + 1] == " " and _JA_AROUND.match(text, b + 2):
        b += 1
    return (Edit(a, b + 1, opener + inner + closer),)


class _Pairing:
    """One left-to-right pass over a paragraph's marks: openers on a stack, closers paired."""

    def __init__(self, text: str, lone: int | None) -> None:
        self.text = text
        self.lone = lone  # the ASCII quote left over when they pair up in order
        self.stack: list[int] = []
        self.pairs: list[tuple[int, int]] = []
        self.skipped: list[int] = []  # openers left open when an outer quotation closed
        self.problems: list[Problem] = []

    def mark(self, i: int) -> None:
        ch = self.text[i]
        if ch in _OPEN:
            self.stack.append(i)
        elif ch in _CLOSE:
            self.close(i, ch)
        elif i == self.lone:
            self.lone_quote(i)

    def close(self, i: int, ch: str) -> None:
        text, stack, want = self.text, self.stack, _CLOSE[ch]
        depth = next((d for d in range(len(stack) - 1, -1, -1) if text[stack[d]] == want), None)
        if depth is not None:
            self.skipped.extend(stack[depth + 1 :])
            self.pairs.append((stack[depth], i))
            del stack[depth:]
            return
        crossed = next((k for k in reversed(self.skipped) if text[k] == want), None)
        if crossed is not None:
            # 「…『…」…』: the pairs cross; one problem, not an unclosed plus an unopened.
            self.skipped.remove(crossed)
            said = Message("crossing", (("open", want), ("close", ch)))
            self.problems.append(Problem("nesting", crossed, i + 1, said))
        else:
            said = Message("unopened", (("close", ch), ("open", want)))
            self.problems.append(Problem("unopened", i, i + 1, said))

    def lone_quote(self, i: int) -> None:
        """An odd ASCII quote closes an open 「 or 『 (a mismatch), else it is never closed."""
        if self.stack and self.text[self.stack[-1]] in "「『":
            k = self.stack.pop()
            closer = _OPEN[self.text[k]]
            said = Message("mismatch", (("open", self.text[k]), ("close", closer)))
            self.problems.append(Problem("mismatch", k, i + 1, said, (Edit(i, i + 1, closer),)))
        else:
            self.problems.append(Problem("unclosed", i, i + 1, Message("ascii-unclosed")))

    def unclosed(self) -> list[Problem]:
        text = self.text
        return [
            Problem("unclosed", k, k + 1, Message("unclosed", (("open", text[k]),)))
            for k in sorted(self.stack + self.skipped)
        ]


def _ascii_space_problems(text: str, start: int, end: int, quotes: list[int]) -> list[Problem]:
    """ASCII quotes, paired in order, around Japanese with a blank just inside one of them."""
    out = []
    for a, b in zip(quotes[0::2], quotes[1::2], strict=False):
        inner = text[a + 1 : b]
        if inner and (inner[0] in " \u3000" or inner[-1] in " \u3000") and _JA_CHAR.search(inner):
            edits = _ascii_quote_edits(text, start, end, a, b)
            out.append(Problem("ascii-space", a, b + 1, Message("ascii-space"), edits))
    return out


def _nesting_problems(text: str, pairs: list[tuple[int, int]]) -> list[Problem]:
    """Japanese nests 『』 inside 「」; 「」 inside 「」 or inside 『』 breaks that convention."""
    out = []
    quoted = [(a, b) for a, b in pairs if text[a] in "「『"]
    for a, b in quoted:
        if text[a] != "「":
            continue
        outer = next((o for o in quoted if o[0] < a and b < o[1]), None)
        if outer is None:
            continue
        said = Message("inner", (("open", text[outer[0]]), ("close", text[outer[1]])))
        # Inside 「…」 the inner pair becomes 『』; inside 『』 (a title?) the outer may be wrong.
        certain = text[outer[0]] == "「" and not any(c in "『』" for c in text[a + 1 : b])
        edits = (Edit(a, a + 1, "『"), Edit(b, b + 1, "』")) if certain else ()
        out.append(Problem("nesting", a, b + 1, said, edits))
    return out


def scan(text: str, start: int, end: int, faces: frozenset[int] = frozenset()) -> list[Problem]:
    """All bracket and quote problems in text[start:end], in document order; the marks at the
    offsets *faces* are parts of emoticons, not marks (see :func:`face_marks`)."""
    if not _MARKS.search(text, start, end):
        return []  # no bracket or quote at all: nothing to pair (most paragraphs of most texts)
    quotes = [i for i in range(start, end) if text[i] == '"' and i not in faces]
    # ASCII quotes pair up in order; an odd one out is the last.
    pairing = _Pairing(text, quotes[-1] if len(quotes) % 2 else None)
    for m in _MARKS.finditer(text, start, end):
        if m.start() not in faces:
            pairing.mark(m.start())
    problems = [
        *_ascii_space_problems(text, start, end, quotes),
        *pairing.problems,
        *pairing.unclosed(),
        *_nesting_problems(text, pairing.pairs),
    ]
    return sorted(problems, key=lambda p: (p.start, p.kind))


def face_marks(text: str, start: int, end: int) -> frozenset[int]:
    """Offsets in text[start:end] of the characters of emoticons and kaomoji, which are faces,
    not brackets, quotes or punctuation: ``:(`` ``;)`` ``:-)`` ``(^^)`` ``(^_^;)`` ``(T_T)``.

    A kaomoji is always a face. A Western emoticon is one unless its bracket pairs as a bracket
    (注意:(詳細は後述) opens a bracket): each is tried as marks, and kept as marks when the
    paragraph then has fewer quote problems.
    """
    from ..lexicon.emoticons import emoticon_spans, kaomoji_spans

    part = text[start:end]
    kaomoji = {start + i for s, e in kaomoji_spans(part) for i in range(s, e)}
    candidates = [(start + s, start + e) for s, e in emoticon_spans(part)]
    faces = frozenset(kaomoji.union(*(range(s, e) for s, e in candidates)))
    if not candidates:
        return faces
    fewest = len(scan(text, start, end, faces))
    for s, e in candidates:
        trial = faces.difference(range(s, e))
        found = len(scan(text, start, end, trial))
        if found < fewest:
            faces, fewest = trial, found
    return faces


_FIX_TEXT = {
    "mismatch": "close the quotation with its own closing mark",
    "ascii-space": "use Japanese quotation marks without the blanks",
    "nesting": "write the inner quotation with 『』",
}


#: In one-sentence-per-line input, how many lines later a quotation opened on one may close.
_LINES_PER_QUOTATION = 2


def _across_lines(ctx: Context, problems: list[Problem]) -> list[Problem]:
    """In one-sentence-per-line input (--presegmented) a line is a sentence, not a paragraph: a
    quotation opened on one line and closed on one of the next two is one quotation, not an
    unclosed mark and an unopened one."""
    line = {p.start: ctx.ja_at(p.start) for p in problems}
    dropped: set[int] = set()
    for i, opened in enumerate(problems):
        if opened.kind != "unclosed" or ctx.ja.text[opened.start] not in _OPEN:
            continue
        first = line[opened.start]
        for closed in problems[i + 1 :]:
            last = line[closed.start]
            if first is None or last is None or last.index - first.index > _LINES_PER_QUOTATION:
                break
            if closed.kind == "unopened" and id(closed) not in dropped and last.index > first.index:
                if _CLOSE[ctx.ja.text[closed.start]] == ctx.ja.text[opened.start]:
                    dropped.update((id(opened), id(closed)))
                break
    return [p for p in problems if id(p) not in dropped]


def _problems(ctx: Context) -> list[Problem]:
    """Every paragraph's problems, scanned once for the five quote rules."""
    problems = [
        p
        for start, end, segs in ctx.paragraphs()
        # A paragraph without a mark has no problem (see scan): its faces are not looked for.
        if not any(s.is_metadata for s in segs) and _MARKS.search(ctx.ja.text, start, end)
        for p in scan(ctx.ja.text, start, end, face_marks(ctx.ja.text, start, end))
    ]
    return _across_lines(ctx, problems) if ctx.ja.presegmented else problems


class _QuoteRule(Rule):
    category = "quote"
    kind = ""

    def check(self, ctx: Context) -> Iterator[Finding]:
        for p in ctx.memo("quote-problems", lambda: _problems(ctx)):
            if p.kind != self.kind:
                continue
            first, last = ctx.ja_at(p.start), ctx.ja_at(p.end - 1)
            if first is None or last is None:
                continue
            spans: tuple[Span, ...]
            if first.index == last.index:
                spans = (ctx.ja_span(first, p.start - first.start, p.end - first.start),)
            else:  # a quotation over sentences: mark both marks
                spans = (
                    ctx.ja_span(first, p.start - first.start, p.start - first.start + 1),
                    ctx.ja_span(last, p.end - 1 - last.start, p.end - last.start),
                )
            fix = make_fix(p.edits, "safe", _FIX_TEXT.get(p.kind, "")) if p.edits else None
            yield self.finding(p.message, ja=range(first.index, last.index + 1), spans=spans, fix=fix)


class QuoteMismatch(_QuoteRule):
    """A Japanese quotation opened with 「 (or 『) but closed with an ASCII ".

    Anti-pattern::

        彼は、「これで終わりだ。"

    Better::

        彼は、「これで終わりだ。」

    Fix (safe): the " becomes the opener's closing mark.
    """

    code = "AL501"
    name = "quote-mismatch"
    severity = Severity.WARNING
    kind = "mismatch"
    messages = {
        "mismatch": Template(
            '{open} is closed by an ASCII " instead of {close}',
            '{open} が {close} ではなく ASCII の " で閉じられています',
        )
    }


class QuoteUnopened(_QuoteRule):
    """A closing bracket or quote (」 』 ） …) with no opening one before it in the paragraph.

    The MT often drops the 「 when a quotation spans two sentences.

    Anti-pattern::

        雇用は増えるだろう。需要は強い」と彼は語った。

    Better::

        「雇用は増えるだろう。需要は強い」と彼は語った。

    No fix: where the missing mark goes is the editor's call.
    """

    code = "AL502"
    name = "quote-unopened"
    severity = Severity.WARNING
    kind = "unopened"
    messages = {
        "unopened": Template(
            "{close} closes nothing: no {open} before it", "{close} に対応する {open} が前にありません"
        )
    }


class QuoteUnclosed(_QuoteRule):
    """An opening bracket or quote (「 『 （ or a lone ASCII ") never closed in its paragraph.

    Anti-pattern::

        「雇用は増えるだろう。「需要は強い」と彼は語った。

    Better::

        「雇用は増えるだろう。需要は強い」と彼は語った。

    No fix: where the missing mark goes is the editor's call.
    """

    code = "AL503"
    name = "quote-unclosed"
    severity = Severity.WARNING
    kind = "unclosed"
    messages = {
        "unclosed": Template("{open} is never closed", "{open} が閉じられていません"),
        "ascii-unclosed": Template('an ASCII " is never closed', 'ASCII の " が閉じられていません'),
    }


class QuoteAsciiSpaces(_QuoteRule):
    """ASCII double quotes around Japanese text with a stray space inside them.

    MT systems copy the English quote marks and leave the space that stood
    before the English closing quote.

    Anti-pattern::

        方針は "できることをする "ことだ。

    Better::

        方針は「できることをする」ことだ。

    Fix (safe): 「…」 (『…』 inside an open 「…」) without the blanks; none when the
    quotation holds quotation marks itself.
    """

    code = "AL504"
    name = "quote-ascii-spaces"
    severity = Severity.WARNING
    kind = "ascii-space"
    messages = {
        "ascii-space": Template("ASCII quotes with a space inside", "ASCII の引用符の内側に空白があります")
    }


class QuoteNesting(_QuoteRule):
    """Quotation marks nested the wrong way: 「 inside 「…」, 「」 inside 『』, or crossing pairs.

    Japanese quotes with 「」 and quotes within a quotation with 『』, closed
    inner first: 「…『…』…」, never 「…『…」…』.

    Anti-pattern::

        彼は「皆が「待て」と言った」と語った。

    Better::

        彼は「皆が『待て』と言った」と語った。

    Fix (safe): 「…」 inside 「…」 becomes 『…』. The other cases (「」 inside 『』,
    crossing pairs) have no fix: which mark is wrong is the editor's call.
    """

    code = "AL505"
    name = "quote-nesting"
    severity = Severity.WARNING
    kind = "nesting"
    messages = {
        "crossing": Template(
            "{open}…{close} crosses another quotation: close the inner one first",
            "{open}…{close} が別の引用と交差しています: 内側の引用を先に閉じてください",
        ),
        "inner": Template(
            "「…」 inside {open}…{close}: a quotation within a quotation takes 『』",
            "{open}…{close} の中に「…」があります: 引用の中の引用には『』を使います",
        ),
    }


_QUOTE_CHARS = '「『“」』”"'
_QUOTE = re.compile(f"[{_QUOTE_CHARS}]")


def quoted_share(ctx: Context, lang: str) -> dict[int, float]:
    """Sentence index -> share of its letters inside quotation marks, tracked per paragraph."""
    doc = ctx.ja if lang == "ja" else ctx.en
    out: dict[int, float] = {}
    depth, straight, para = 0, False, -1
    for seg in doc.segments:
        if seg.paragraph != para:
            depth, straight, para = 0, False, seg.paragraph
        text = seg.text
        if not _QUOTE.search(text):
            # No quotation mark: every letter is inside or outside as the sentence starts (most
            # sentences; counting per character in Python was 1 s of a 50k check). One search
            # and one letter found are enough here (a 200k check has 400k sentences).
            has_letters = any(map(str.isalnum, text))
            out[seg.index] = (1.0 if depth > 0 or straight else 0.0) if has_letters else 0.0
            continue
        inside = letters = 0
        for ch in text:
            if ch in "「『“":
                depth += 1
            elif ch in "」』”":
                depth = max(0, depth - 1)
            elif ch == '"':
                straight = not straight
            elif ch.isalnum():
                letters += 1
                inside += depth > 0 or straight
        out[seg.index] = inside / letters if letters else 0.0
    return out


@dataclass(frozen=True)
class QuoteLostOptions(RuleOptions):
    #: The share of an English sentence inside quotation marks from which it is a quotation.
    min_quoted: float = bounded(0.9, 0, 1)


class QuoteLost(Rule):
    """An English sentence that is a quotation, translated without any quotation marks.

    The speaker's words then read as the writer's own statement.

    Anti-pattern::

        EN: "Prices will rise," he said. "It is bad for everyone."
        JA: 「価格は上がる」と彼は言った。誰にとってもよくないことだ。

    Better::

        JA: 「価格は上がる」と彼は言った。「誰にとってもよくないことだ」
    """

    code = "AL506"
    name = "quote-lost"
    category = "quote"
    severity = Severity.WARNING
    Options = QuoteLostOptions
    options: QuoteLostOptions
    messages = {
        "lost": Template(
            "the English is a quotation, the Japanese has no quotation marks",
            "英文は引用ですが、日本語に引用符がありません",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        en_q, ja_q = quoted_share(ctx, "en"), quoted_share(ctx, "ja")
        for bead in ctx.alignment.beads:
            if not bead.en or not bead.ja:
                continue
            if min(en_q[i] for i in bead.en) < self.options.min_quoted:
                continue
            if any(
                ja_q[j] > 0 or any(c in _OPEN or c in _CLOSE or c == '"' for c in ctx.ja.segments[j].text)
                for j in bead.ja
            ):
                continue
            seg = ctx.ja.segments[bead.ja[0]]
            yield self.finding(
                self.say("lost"),
                ja=bead.ja,
                en=bead.en,
                spans=[ctx.ja_span(seg, 0, len(seg.text))],
            )


RULES: tuple[type[Rule], ...] = (
    QuoteMismatch,
    QuoteUnopened,
    QuoteUnclosed,
    QuoteAsciiSpaces,
    QuoteNesting,
    QuoteLost,
)
