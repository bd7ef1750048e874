"""Linter-style text: ``path:line:col: AL201 name-variant: message``, then a summary per category.

Lines and columns are 1-based and point into the Japanese file; a finding with
no Japanese text (an omission) points where the missing translation belongs. With
``ui_lang="ja"`` the messages come from the rules' Japanese templates and the summary uses the
report's Japanese labels; the code and name of each rule stay as they are, for grep and tools.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from io import StringIO
from typing import IO

from ..model import CATEGORIES, CheckResult, Finding, Severity
from . import ReportOptions


def ja_offset(result: CheckResult, finding: Finding) -> int:
    """Document offset in the Japanese text that a finding is reported at."""
    segs = result.ja.segments
    span = next((s for s in finding.spans if s.side == "ja"), None)
    if span is not None and 0 <= span.sentence < len(segs):
        return segs[span.sentence].start + span.start
    if finding.ja:
        return segs[finding.ja[0]].start
    anchor = finding.anchor
    if anchor is not None and 0 <= anchor < len(segs):
        return segs[anchor].end
    return 0


def location(result: CheckResult, finding: Finding) -> tuple[str, int, int]:
    line, col = result.ja.line_col(ja_offset(result, finding))
    return result.ja.path or result.name, line, col


def summary(counts: dict[str, Counter[Severity]], pairs: int, ui_lang: str = "en") -> list[str]:
    """One line per category with findings, then a total (in Japanese with the HTML report's
    category and severity labels)."""
    total = sum(sum(c.values()) for c in counts.values())
    lines = [_category_line(cat, counts[cat], ui_lang) for cat in CATEGORIES if cat in counts]
    if ui_lang == "ja":
        where = f"（{pairs}組）" if pairs != 1 else ""
        return [*lines, f"指摘 {total}件{where}" if total else f"指摘なし{where}"]
    where = f" in {pairs} pairs" if pairs != 1 else ""
    return [*lines, f"{total} finding{'s' if total != 1 else ''}{where}" if total else f"no findings{where}"]


def _category_line(cat: str, c: Counter[Severity], ui_lang: str) -> str:
    severities = sorted(c, reverse=True)
    if ui_lang != "ja":
        return f"{cat}: {sum(c.values())} ({', '.join(f'{c[s]} {s}' for s in severities)})"
    from .labels import labels

    names, ui = labels()["categories"]["ja"], labels()["ui"]["ja"]
    detail = "、".join(f"{ui[f'sev_{s}']} {c[s]}" for s in severities)
    return f"{names.get(cat, cat)}: {sum(c.values())}件（{detail}）"


def tally(rules: Iterable[str]) -> str:
    """ "AL201 ×2, AL501 ×1": how many findings of each rule."""
    counts = Counter(rules)
    return ", ".join(f"{rule} ×{n}" for rule, n in sorted(counts.items()))


#: How ``align fix`` announces what it would fix, per language: the safe part, the unsafe part
#: after a safe one and on its own, and the joiner.
_FIXABLE = {
    "en": (
        "{n} fixable with align fix ({rules})",
        "{n} more with --unsafe-fixes ({rules})",
        "{n} fixable with align fix --unsafe-fixes ({rules})",
        "; ",
    ),
    "ja": (
        "align fix で修正できる指摘 {n}件（{rules}）",
        "さらに --unsafe-fixes で {n}件（{rules}）",
        "align fix --unsafe-fixes で修正できる指摘 {n}件（{rules}）",
        "、",
    ),
}


def fixable_line(safe: Counter[str], unsafe: Counter[str], ui_lang: str = "en") -> str | None:
    """What ``align fix`` would fix, per rule, as ``align fix`` announces it; None if nothing."""
    safe_text, more, alone, joiner = _FIXABLE["ja" if ui_lang == "ja" else "en"]
    parts = []
    if safe:
        parts.append(safe_text.format(n=sum(safe.values()), rules=tally(safe.elements())))
    if unsafe:
        template = more if safe else alone
        parts.append(template.format(n=sum(unsafe.values()), rules=tally(unsafe.elements())))
    return joiner.join(parts) or None


class TextWriter:
    """Writes each result's findings as it arrives; the summary needs only the counts."""

    def __init__(self, out: IO[str], count: int = 0, options: ReportOptions | None = None) -> None:
        self.out = out
        #: The language of the messages and the summary (--ui-lang); codes and names stay as they are.
        self.ui_lang = options.ui_lang if options is not None else "en"
        self.counts: dict[str, Counter[Severity]] = {}
        self.pairs = 0
        self.lines = 0
        #: Findings with a fix, by rule: safe ones, and those that need --unsafe-fixes.
        self.safe: Counter[str] = Counter()
        self.unsafe: Counter[str] = Counter()

    def _message(self, finding: Finding) -> str:
        if self.ui_lang == "en":
            return finding.message
        from ..rules import message_text

        return message_text(finding, self.ui_lang)

    def add(self, result: CheckResult) -> None:
        self.pairs += 1
        for f in result.findings:
            path, line, col = location(result, f)
            self.out.write(f"{path}:{line}:{col}: {f.rule} {f.name}: {self._message(f)}\n")
            self.counts.setdefault(f.category, Counter())[f.severity] += 1
            self.lines += 1
            if f.fix is not None:
                (self.safe if f.fix.safe else self.unsafe)[f.rule] += 1

    def close(self) -> None:
        if self.lines:
            self.out.write("\n")
        lines = summary(self.counts, self.pairs, self.ui_lang)
        fixable = fixable_line(self.safe, self.unsafe, self.ui_lang)
        self.out.write("\n".join([*lines, fixable] if fixable else lines) + "\n")


def render(results: Iterable[CheckResult], ui_lang: str = "en") -> str:
    buffer = StringIO()
    writer = TextWriter(buffer, 0, ReportOptions(ui_lang))
    for r in results:
        writer.add(r)
    writer.close()
    return buffer.getvalue()
