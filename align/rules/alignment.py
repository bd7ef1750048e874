"""Where the alignment itself is doubtful: weak beads and long unaligned stretches."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..messages import Template
from ..model import Finding, Severity
from .base import Context, Rule
from .options import RuleOptions, bounded

#: Below this score a two-sided bead is doubtful: AL801's default threshold and the HTML
#: report's "low confidence" mark. One constant, so that the rule and the page never disagree.
LOW_CONFIDENCE = 0.2


@dataclass(frozen=True)
class LowConfidenceOptions(RuleOptions):
    #: The aligner score (0-1) below which a two-sided bead is reported (and marked in the report).
    min_score: float = bounded(LOW_CONFIDENCE, 0, 1)


class LowConfidenceBead(Rule):
    """A bead whose aligner score is below a threshold: the pairing itself is doubtful.

    A weak bead usually means the translation strays from the English (a
    rewritten or merged sentence), or that the aligner got lost nearby.

    Anti-pattern::

        EN: The plant opened in May.
        JA: 工場の従業員は全員解雇された。   (score 0.05)

    Better::

        JA: 工場は5月に開業した。
    """

    code = "AL801"
    name = "low-confidence-bead"
    category = "alignment"
    severity = Severity.INFO
    Options = LowConfidenceOptions
    options: LowConfidenceOptions
    messages = {
        "weak": Template(
            "weak {kind} bead (score {score} < {min_score})",
            "{kind} の対応の信頼度が低い（スコア {score} < {min_score}）",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for bead in ctx.alignment.beads:
            if not bead.en or not bead.ja or bead.score >= self.options.min_score:
                continue
            yield self.finding(
                self.say("weak", kind=bead.kind, score=f"{bead.score:.2f}", min_score=self.options.min_score),
                ja=bead.ja,
                en=bead.en,
                data={"score": round(bead.score, 4)},
            )


@dataclass(frozen=True)
class UnalignedStretchOptions(RuleOptions):
    #: The fewest consecutive sentences without a counterpart that make a stretch.
    min_sentences: int = bounded(3, 1)


class UnalignedStretch(Rule):
    """Several consecutive sentences left without a counterpart (1-0 and 0-1 beads).

    One lone sentence is an omission or an addition; a stretch of them means a
    passage was dropped, moved or badly aligned.

    Anti-pattern::

        EN: A. B. C. D.     JA: Aの訳。Dの訳。    (B and C unaligned, plus added text)

    Better::

        JA: Aの訳。Bの訳。Cの訳。Dの訳。
    """

    code = "AL802"
    name = "unaligned-stretch"
    category = "alignment"
    severity = Severity.WARNING
    Options = UnalignedStretchOptions
    options: UnalignedStretchOptions
    messages = {
        "stretch": Template(
            "{en} English and {ja} Japanese sentences in a row without a counterpart",
            "対応のない文が続いています（英語 {en}文、日本語 {ja}文）",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        run: list[int] = []
        beads = ctx.alignment.beads
        for k in range(len(beads) + 1):
            if k < len(beads) and (not beads[k].en or not beads[k].ja):
                run.append(k)
                continue
            if run:
                en = [i for b in run for i in beads[b].en if not ctx.en.segments[i].is_metadata]
                ja = [j for b in run for j in beads[b].ja if not ctx.ja.segments[j].is_metadata]
                if len(en) + len(ja) >= self.options.min_sentences:
                    anchor = next((b.ja[-1] for b in reversed(beads[: run[0]]) if b.ja), 0)
                    yield self.finding(
                        self.say("stretch", en=len(en), ja=len(ja)),
                        ja=ja,
                        en=en,
                        anchor=ja[0] if ja else anchor,
                    )
                run = []


RULES: tuple[type[Rule], ...] = (LowConfidenceBead, UnalignedStretch)


def low_confidence(options: Mapping[str, Mapping[str, Any]]) -> float:
    """AL801's threshold under these rule options (``[tool.align.rules.AL801] min_score``),
    which the report uses too, so that a configured threshold moves both."""
    return LowConfidenceBead.configured(options).options.min_score
