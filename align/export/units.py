"""From a checked pair to what every format writes: units and glossary entries.

:func:`bitext_of` turns a :class:`~align.pipeline.CheckResult` into a
:class:`~align.model.Bitext`: one :class:`~align.model.Unit` per bead, the glossary
beside them. Exporters take only that, so a corpus (``align batch``) goes through the same
writers. Units are cleaned here, glossary entries by :func:`glossary_entries` in the
glossary formats; both the same way (see :mod:`align.export.text`), reporting what they changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from ..charclass import HIRAGANA, KATAKANA, to_katakana
from ..model import Bead, Bitext, Finding, GlossaryEntry, Unit, Variant
from .text import clean

if TYPE_CHECKING:
    from ..pipeline import CheckResult
    from .base import ExportOptions

KINDS = ("person", "organization", "product", "place", "term")


def note(f: Finding) -> str:
    """The line a finding gets in every format: "AL201 name-variant (error): message"."""
    return f"{f.rule} {f.category} ({f.severity}): {f.message}"


def codes(unit: Unit) -> str:
    """The unit's rule codes, worst finding first, each once: "AL201 AL501"."""
    return " ".join(dict.fromkeys(f.rule for f in unit.findings))


def _index(findings: tuple[Finding, ...]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Finding numbers by the Japanese and English sentences they flag (one pass, not beads x findings)."""
    by_ja: dict[int, list[int]] = defaultdict(list)
    by_en: dict[int, list[int]] = defaultdict(list)
    for k, f in enumerate(findings):
        wrong = f.deviant_sentences
        if wrong is not None:
            ja, en = set(wrong), set()
        else:
            ja = set(f.ja) | {s.sentence for s in f.spans if s.side == "ja"}
            en = set(f.en) | {s.sentence for s in f.spans if s.side == "en"}
        for i in ja:
            by_ja[i].append(k)
        for i in en:
            by_en[i].append(k)
    return by_ja, by_en


def _excluded(findings: tuple[Finding, ...], exclude: frozenset[str]) -> bool:
    return any(f.category in exclude or str(f.severity) in exclude for f in findings)


class _Builder:
    """The units of one checked pair, cleaned, with the warnings cleaning gave."""

    def __init__(self, result: CheckResult, options: ExportOptions) -> None:
        self.result, self.options = result, options
        self.warnings: list[str] = []
        self.name = clean(result.name, "pair name", self.warnings)
        self.by_ja, self.by_en = _index(result.findings)

    def findings(self, bead: Bead) -> tuple[Finding, ...]:
        """The findings on the bead's sentences, worst first."""
        every = self.result.findings
        hits = {k for i in bead.ja for k in self.by_ja.get(i, ())}
        hits |= {k for i in bead.en for k in self.by_en.get(i, ())}
        return tuple(every[k] for k in sorted(hits, key=lambda k: (-every[k].severity, every[k].rule, k)))

    def unit(self, index: int, bead: Bead) -> Unit | None:
        where = f"{self.name} bead {index}"
        en = clean(" ".join(self.result.en.segments[i].text for i in bead.en), f"{where} (en)", self.warnings)
        # Japanese sentences are written without spaces between them.
        ja = clean("".join(self.result.ja.segments[i].text for i in bead.ja), f"{where} (ja)", self.warnings)
        if (bead.en and not en) or (bead.ja and not ja):
            what = "one side has" if bead.en and bead.ja else "it has"
            self.warnings.append(f"{where}: left out, {what} no text after cleaning")
            return None
        if self.options.min_score is not None and bead.score < self.options.min_score:
            return None
        found = self.findings(bead)
        if self.options.exclude and _excluded(found, self.options.exclude):
            return None
        found = tuple(replace(f, message=clean(f.message, f"{where} finding", self.warnings)) for f in found)
        return Unit(f"{self.name}:{index}", en, ja, bead.score, found, None, tuple(bead.en), tuple(bead.ja))


def units_of(result: CheckResult, options: ExportOptions) -> tuple[list[Unit], list[str]]:
    """A unit for every bead that passes --min-score and --exclude, and the cleaning warnings.

    Every bead is a unit, one-sided ones too (an omitted English sentence, a Japanese
    addition): each format takes the kinds it can hold.
    """
    builder = _Builder(result, options)
    units = [builder.unit(i, b) for i, b in enumerate(result.alignment.beads)]
    return [u for u in units if u is not None], builder.warnings


def bitext_of(result: CheckResult, options: ExportOptions) -> Bitext:
    """What the exporters write for one checked pair."""
    units, warnings = units_of(result, options)
    return Bitext(result.name, str(result.signature), tuple(units), result.glossary, warnings=tuple(warnings))


_KANA = re.compile(f"^[{HIRAGANA}{KATAKANA}・]+$")


def kana_reading(form: str) -> str:
    """A kana-only form is its own reading (in katakana, as UniDic writes readings)."""
    if not _KANA.match(form):
        return ""
    return to_katakana(form)


def glossary_entries(
    entries: tuple[GlossaryEntry, ...] | list[GlossaryEntry] | None, name: str
) -> tuple[list[GlossaryEntry], list[str]]:
    """The glossary with every string cleaned; empty terms and forms are dropped (with a warning)."""
    if entries is None:
        raise ValueError(f"{name}: no glossary (run the pipeline with its glossary stage)")
    warnings: list[str] = []
    out: list[GlossaryEntry] = []
    for entry in entries:
        where = f"{name} glossary {entry.english[:40]!r}"
        english = clean(entry.english, where, warnings)
        variants = []
        for v in entry.variants:
            form = clean(v.form, f"{where} variant", warnings)
            if not form:
                warnings.append(f"{where}: variant left out, no text after cleaning")
                continue
            reading = clean(v.reading, f"{where} reading", warnings) or kana_reading(form)
            variants.append(Variant(form, v.count, v.status, tuple(v.sentences), reading))
        if not english or not variants:
            warnings.append(f"{where}: entry left out, no term or no rendering after cleaning")
            continue
        example = (
            clean(entry.example[0], f"{where} example (en)", warnings),
            clean(entry.example[1], f"{where} example (ja)", warnings),
        )
        kind = entry.kind if entry.kind in KINDS else "term"
        out.append(GlossaryEntry(english, kind, tuple(variants), example))
    return out, warnings


STATUS_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
