"""Linter-style text: ``path:line:col: AL201 name-variant: message``, then a summary per category.

Lines and columns are 1-based and point into the Japanese file; a finding with
no Japanese text (an omission) points where the missing translation belongs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from io import StringIO
from typing import IO

from ..model import CATEGORIES, CheckResult, Finding, Severity


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


def summary(counts: dict[str, Counter[Severity]], pairs: int) -> list[str]:
    """One line per category with findings, then a total."""
    lines = []
    for cat in CATEGORIES:
        if cat in counts:
            c = counts[cat]
            detail = ", ".join(f"{c[s]} {s}" for s in sorted(c, reverse=True))
            lines.append(f"{cat}: {sum(c.values())} ({detail})")
    total = sum(sum(c.values()) for c in counts.values())
    where = f" in {pairs} pairs" if pairs != 1 else ""
    lines.append(f"{total} finding{'s' if total != 1 else ''}{where}" if total else f"no findings{where}")
    return lines


class TextWriter:
    """Writes each result's findings as it arrives; the summary needs only the counts."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.counts: dict[str, Counter[Severity]] = {}
        self.pairs = 0
        self.lines = 0

    def add(self, result: CheckResult) -> None:
        self.pairs += 1
        for f in result.findings:
            path, line, col = location(result, f)
            self.out.write(f"{path}:{line}:{col}: {f.rule} {f.name}: {f.message}\n")
            self.counts.setdefault(f.category, Counter())[f.severity] += 1
            self.lines += 1

    def close(self) -> None:
        if self.lines:
            self.out.write("\n")
        self.out.write("\n".join(summary(self.counts, self.pairs)) + "\n")


def render(results: Iterable[CheckResult]) -> str:
    buffer = StringIO()
    writer = TextWriter(buffer)
    for r in results:
        writer.add(r)
    writer.close()
    return buffer.getvalue()
