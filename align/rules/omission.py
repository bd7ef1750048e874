"""English sentences the MT dropped, and Japanese sentences it added."""

from __future__ import annotations

from collections.abc import Iterator

from ..messages import Template
from ..model import Finding, Severity
from .base import Context, Rule
from .duplicate import Duplicate


class Omission(Rule):
    """An English sentence with no Japanese counterpart.

    Anti-pattern::

        EN: Sales rose. The board approved the plan.
        JA: 売上は増加した。

    Better::

        JA: 売上は増加した。取締役会は計画を承認した。
    """

    code = "AL101"
    name = "omission"
    category = "omission"
    severity = Severity.ERROR
    messages = {
        "omitted": Template("English sentence not translated: {text}", "英文が訳されていません: {text}")
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # Where the translation should be: the last Japanese sentence before the gap (kept as the
        # beads go by; looking back from each gap copied the beads before it, quadratic at 200k).
        anchor = 0
        for bead in ctx.alignment.beads:
            if bead.ja:
                anchor = bead.ja[-1]
                continue
            if not bead.en:
                continue
            todo = [i for i in bead.en if not ctx.en.segments[i].is_metadata]
            if not todo:
                continue
            text = " ".join(ctx.en.segments[i].text for i in todo)
            short = text if len(text) <= 80 else text[:77] + "..."
            yield self.finding(
                self.say("omitted", text=short),
                en=todo,
                expected=text,
                anchor=anchor,
            )


class Addition(Rule):
    """A Japanese sentence with no English counterpart that is neither a repeat nor metadata.

    Source and byline lines (出典:…) are metadata, not additions; repeats of a
    neighbour are reported by ``duplicate`` instead.

    Anti-pattern::

        EN: Sales rose.
        JA: 売上は増加した。これは歴史的な快挙である。

    Better::

        JA: 売上は増加した。
    """

    code = "AL102"
    name = "addition"
    # Not "omission": nothing is missing; the Japanese has text the alignment cannot place.
    category = "alignment"
    severity = Severity.WARNING
    messages = {
        "added": Template(
            "Japanese sentence with no English counterpart",
            "対応する英文のない日本語の文です",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # The duplicate rule's repeats, under its options: a repeat is its finding, not ours.
        repeats = {r.ja for r in ctx.repeats(Duplicate.configured(ctx.options).options)}
        for bead in ctx.alignment.beads:
            if bead.en:
                continue
            for j in bead.ja:
                seg = ctx.ja.segments[j]
                if seg.is_metadata or j in repeats:
                    continue
                yield self.finding(
                    self.say("added"),
                    ja=[j],
                    spans=[ctx.ja_span(seg, 0, len(seg.text))],
                )


RULES: tuple[type[Rule], ...] = (Omission, Addition)
