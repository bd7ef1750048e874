"""From a checked pair to the cleaned units every format writes.

Memory formats (TMX, PO) share :func:`translation_units`; glossary formats
(TBX, TSV, CSV) share :func:`glossary_entries`. Both clean the text the same
way (see :mod:`align.export.text`) and report what they changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..charclass import HIRAGANA, KATAKANA, to_katakana
from ..model import Finding, GlossaryEntry, Severity, Variant
from .text import clean

if TYPE_CHECKING:
    from ..pipeline import CheckResult
    from .base import ExportOptions

KINDS = ("person", "organization", "product", "event", "place", "term")


@dataclass(frozen=True)
class Unit:
    """One exported bead: both sides cleaned, with the findings that touch it."""

    tuid: str
    bead: int
    en: str
    ja: str
    score: float
    findings: tuple[Finding, ...]
    #: One cleaned line per finding: "CODE category (severity): message".
    notes: tuple[str, ...] = ()
    #: The bead's sentence indices (0-based), for formats that can say where a unit came from.
    en_sentences: tuple[int, ...] = ()
    ja_sentences: tuple[int, ...] = ()

    @property
    def has_error(self) -> bool:
        return any(f.severity >= Severity.ERROR for f in self.findings)

    @property
    def codes(self) -> str:
        return " ".join(dict.fromkeys(clean(f.rule, "", []) for f in self.findings))


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


def translation_units(result: CheckResult, options: ExportOptions) -> tuple[list[Unit], list[str]]:
    """Units for every bead with text on both sides that passes --min-score and --exclude."""
    warnings: list[str] = []
    units: list[Unit] = []
    en_segs, ja_segs = result.en.segments, result.ja.segments
    name = clean(result.name, "pair name", warnings)
    all_findings = result.findings
    by_ja, by_en = _index(all_findings)
    for index, bead in enumerate(result.alignment.beads):
        if not bead.en or not bead.ja:
            continue  # 0-1 and 1-0 beads have nothing to pair
        where = f"{name} bead {index}"
        en = clean(" ".join(en_segs[i].text for i in bead.en), f"{where} (en)", warnings)
        # Japanese sentences are written without spaces between them.
        ja = clean("".join(ja_segs[i].text for i in bead.ja), f"{where} (ja)", warnings)
        if not en or not ja:
            warnings.append(f"{where}: left out, one side has no text after cleaning")
            continue
        hits = {k for i in bead.ja for k in by_ja.get(i, ())} | {k for i in bead.en for k in by_en.get(i, ())}
        order = sorted(hits, key=lambda k: (-all_findings[k].severity, all_findings[k].rule, k))
        findings = tuple(all_findings[k] for k in order)
        if options.min_score is not None and bead.score < options.min_score:
            continue
        if options.exclude and _excluded(findings, options.exclude):
            continue
        notes = tuple(
            clean(f"{f.rule} {f.category} ({f.severity}): {f.message}", f"{where} finding", warnings)
            for f in findings
        )
        sentences = (tuple(bead.en), tuple(bead.ja))
        units.append(Unit(f"{name}:{index}", index, en, ja, bead.score, findings, notes, *sentences))
    return units, warnings


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
