"""The user's glossary (``--glossary``, TSV or TBX) enforced on the Japanese."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .base import Context, Rule


class GlossaryDeprecated(Rule):
    """A rendering the glossary marks as deprecated, or a name rendered other than the glossary prefers.

    Runs only with ``--glossary FILE`` (or ``glossary = "FILE"`` in the config).

    Anti-pattern::

        glossary: Smith -> スミス (preferred), スミット (deprecated)
        JA: スミット氏は述べた。

    Better::

        JA: スミス氏は述べた。
    """

    code = "AL203"
    name = "glossary-deprecated"
    category = "term-variant"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.user_glossary:
            return
        seen: set[tuple[int, int]] = set()
        for entry in ctx.user_glossary:
            preferred = entry.preferred.form if entry.preferred else None
            allowed = {v.form for v in entry.variants if v.status != "deprecated"}
            for v in entry.variants:
                if v.status != "deprecated" or not v.form:
                    continue
                for seg in ctx.ja.segments:
                    start = seg.text.find(v.form)
                    while start >= 0:
                        seen.add((seg.index, start))
                        yield self.finding(
                            f"{v.form} is deprecated for {entry.english!r} in the glossary; use {preferred}",
                            ja=[seg.index],
                            spans=[ctx.ja_span(seg, start, start + len(v.form))],
                            expected=preferred,
                        )
                        start = seg.text.find(v.form, start + 1)
            for r in ctx.renderings:
                if r.english.lower() != entry.english.lower() or r.form in allowed or (r.ja, r.start) in seen:
                    continue
                if any(r.form in a or a in r.form for a in allowed):
                    continue  # part of an approved full name
                seg = ctx.ja.segments[r.ja]
                yield self.finding(
                    f"{r.form} renders {entry.english!r}, but the glossary prefers {preferred}",
                    ja=[r.ja],
                    en=r.en,
                    spans=[ctx.ja_span(seg, r.start, r.end)],
                    expected=preferred,
                )


RULES: tuple[type[Rule], ...] = (GlossaryDeprecated,)
