"""Linter-style text: ``path:line:col: AL201 name-variant: message``, then a summary per category.

Lines and columns are 1-based and point into the Japanese file; a finding with
no Japanese text (an omission) points where the missing translation belongs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import CATEGORIES, Finding, Severity
from ..pipeline import CheckResult


def ja_offset(result: CheckResult, finding: Finding) -> int:
    """Document offset in the Japanese text that a finding is reported at."""
    segs = result.ja.segments
    span = next((s for s in finding.spans if s.side == "ja"), None)
    if span is not None and 0 <= span.sentence < len(segs):
        return segs[span.sentence].start + span.start
    if finding.ja:
        return segs[finding.ja[0]].start
    anchor = finding.data.get("anchor")
    if isinstance(anchor, int) and 0 <= anchor < len(segs):
        return segs[anchor].end
    return 0


def location(result: CheckResult, finding: Finding) -> tuple[str, int, int]:
    line, col = result.ja.line_col(ja_offset(result, finding))
    return result.ja.path or result.name, line, col


def summary(results: Sequence[CheckResult]) -> list[str]:
    """One line per category with findings, then a total."""
    per_cat: dict[str, Counter[Severity]] = {}
    for r in results:
        for f in r.findings:
            per_cat.setdefault(f.category, Counter())[f.severity] += 1
    lines = []
    for cat in CATEGORIES:
        if cat in per_cat:
            c = per_cat[cat]
            detail = ", ".join(f"{c[s]} {s}" for s in sorted(c, reverse=True))
            lines.append(f"{cat}: {sum(c.values())} ({detail})")
    total = sum(sum(c.values()) for c in per_cat.values())
    pairs = f" in {len(results)} pairs" if len(results) != 1 else ""
    lines.append(f"{total} finding{'s' if total != 1 else ''}{pairs}" if total else f"no findings{pairs}")
    return lines


def render(results: Sequence[CheckResult]) -> str:
    out = []
    for r in results:
        for f in r.findings:
            path, line, col = location(r, f)
            out.append(f"{path}:{line}:{col}: {f.rule} {f.name}: {f.message}")
    if out:
        out.append("")
    out.extend(summary(results))
    return "\n".join(out) + "\n"
