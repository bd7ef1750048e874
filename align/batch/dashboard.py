"""The corpus dashboard: one self-contained HTML page over every pair of a batch.

Like the pair report (:mod:`align.report.html`) it is rendered by Jinja2 with autoescape on,
carries a Content-Security-Policy that allows no network, and never says "now": its date is
``SOURCE_DATE_EPOCH``'s or none, so the same corpus gives the same page. It has no script.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from .cache import Summary
    from .consistency import CorpusFinding

__all__ = ["PairRow", "render_dashboard"]


@dataclass(frozen=True)
class PairRow:
    """One pair as the dashboard lists it."""

    name: str
    #: The pair's report, relative to the dashboard ("" when the pair failed).
    report: str
    error: str = ""
    findings: int = 0
    severities: tuple[tuple[str, int], ...] = (("error", 0), ("warning", 0), ("info", 0))
    categories: tuple[tuple[str, int], ...] = ()
    en_sentences: int = 0
    ja_sentences: int = 0

    @classmethod
    def from_summary(cls, name: str, report: str, summary: Summary) -> PairRow:
        return cls(
            name,
            report,
            "",
            summary.findings,
            tuple((s, summary.severities.get(s, 0)) for s in ("error", "warning", "info")),
            tuple(sorted(summary.categories.items())),
            summary.en_sentences,
            summary.ja_sentences,
        )

    @property
    def rank(self) -> tuple[int, int, int, int, str]:
        """Worst first: errors, then warnings, then info, then all findings; ties by name."""
        s = dict(self.severities)
        return (-s["error"], -s["warning"], -s["info"], -self.findings, self.name)


@dataclass(frozen=True)
class _Category:
    name: str
    findings: int
    pairs: int


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    from ..report.html import template_environment

    return template_environment("align.batch")


def _date() -> str:
    import os

    from ..export.base import source_date_epoch

    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return ""
    return time.strftime("%Y-%m-%d", time.gmtime(source_date_epoch()))


def render_dashboard(
    title: str,
    rows: Sequence[PairRow],
    findings: Sequence[CorpusFinding],
    signature: str,
    outputs: Sequence[tuple[str, str]] = (),
) -> str:
    """The page for a corpus: *rows* in any order (they are ranked here); *outputs* are (label, href)."""
    from markupsafe import Markup

    from ..versions import __version__

    ok = [r for r in rows if not r.error]
    totals: Counter[str] = Counter()
    pairs_with: Counter[str] = Counter()
    for r in ok:
        totals.update(dict(r.categories))
        pairs_with.update(name for name, n in r.categories if n)
    for f in findings:
        totals[f.category] += 1
    categories = [
        _Category(name, totals[name], pairs_with[name])
        for name in sorted(totals, key=lambda c: (-totals[c], c))
    ]
    severities = Counter({"error": 0, "warning": 0, "info": 0})
    for r in ok:
        severities.update(dict(r.severities))
    for f in findings:
        severities[str(f.severity)] += 1
    view = {
        "version": __version__,
        "title": title,
        "total": len(rows),
        "ok": len(ok),
        "failed": len(rows) - len(ok),
        "findings": sum(r.findings for r in ok) + len(findings),
        "severities": dict(severities),
        "signature": signature,
        "date": _date(),
        "outputs": list(outputs),
        "categories": categories,
        "corpus_findings": [
            {
                "rule": f.rule,
                "name": f.name,
                "severity": str(f.severity),
                "english": f.english,
                "preferred": f.preferred,
                "forms": f.forms,
            }
            for f in findings
        ],
        "failures": sorted((r for r in rows if r.error), key=lambda r: r.name),
        "ranked": sorted(ok, key=lambda r: r.rank),
        "links": {r.name: r.report for r in rows},
    }
    env = _environment()
    assert env.loader is not None
    css = env.loader.get_source(env, "dashboard.css")[0]
    ranked = [
        {
            "name": r.name,
            "report": r.report,
            "severities": dict(r.severities),
            "en_sentences": r.en_sentences,
            "ja_sentences": r.ja_sentences,
            "categories": r.categories,
        }
        for r in view["ranked"]  # type: ignore[attr-defined]
    ]
    view["ranked"] = ranked
    return str(env.get_template("dashboard.html.j2").render(view=view, css=Markup(css)))
