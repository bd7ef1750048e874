"""From a checked pair to what every format writes: units and glossary entries.

:func:`bitext_of` turns a :class:`~align.pipeline.CheckResult` into a
:class:`~align.model.Bitext`: one :class:`~align.model.Unit` per bead, the glossary
beside them. Exporters take only that, so a corpus (``align batch``) goes through the same
writers. Units are cleaned here, glossary entries by :func:`glossary_entries` in the
glossary formats; both the same way (see :mod:`align.export.text`), reporting what they changed.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from ..charclass import HIRAGANA, KATAKANA, to_katakana
from ..glossary_file import STATUS_TBX as STATUS_TBX  # the reader's notation, re-exported
from ..model import GLOSSARY_KINDS as KINDS
from ..model import (
    Bead,
    Bitext,
    Edit,
    Finding,
    GlossaryEntry,
    Place,
    SourceFile,
    Suggestion,
    Unit,
    Variant,
    apply_edits,
)
from .text import clean

if TYPE_CHECKING:
    from ..model import CheckResult
    from .base import ExportOptions


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


def _clip(edit: Edit, text: str, start: int, end: int) -> Edit | None:
    """*edit* limited to text[start:end]; None when it changes more than blanks outside it."""
    if edit.end < start or edit.start > end:
        return None
    if text[edit.start : start].strip() or text[end : edit.end].strip():
        return None
    return Edit(max(edit.start, start), min(edit.end, end), edit.replacement)


def suggestion(findings: tuple[Finding, ...], text: str, start: int, end: int) -> Suggestion | None:
    """text[start:end] with the fixes of *findings* applied, safe and unsafe alike (a person
    confirms them), in finding order and skipping a fix that overlaps one already taken, as
    ``align fix`` chooses them; None when no fix lies inside the span."""
    taken: list[Edit] = []
    used: list[Finding] = []
    for f in findings:
        if f.fix is None:
            continue
        edits = [_clip(e, text, start, end) for e in f.fix.edits]
        if any(e is None for e in edits) or any(e.overlaps(t) for e in edits if e for t in taken):
            continue
        taken.extend(e for e in edits if e is not None)
        used.append(f)
    if not used:
        return None
    shifted = [Edit(e.start - start, e.end - start, e.replacement) for e in taken]
    fixed = clean(apply_edits(text[start:end], shifted), "", [])
    fixes = tuple(dict.fromkeys(f"{f.rule} ({f.fix.applicability})" for f in used if f.fix))
    descriptions = tuple(dict.fromkeys(f.fix.description for f in used if f.fix))
    return Suggestion(fixed, fixes, descriptions)


class _Builder:
    """The units of one checked pair, cleaned, with the warnings cleaning gave."""

    def __init__(self, result: CheckResult, options: ExportOptions) -> None:
        self.result, self.options = result, options
        self.warnings: list[str] = []
        self.name = clean(result.name, "pair name", self.warnings)
        self.by_ja, self.by_en = _index(result.findings)
        #: End of the last Japanese sentence of the beads seen so far (where an omission goes).
        self.ja_end: int | None = None

    def findings(self, bead: Bead) -> tuple[Finding, ...]:
        """The findings on the bead's sentences, worst first."""
        every = self.result.findings
        hits = {k for i in bead.ja for k in self.by_ja.get(i, ())}
        hits |= {k for i in bead.en for k in self.by_en.get(i, ())}
        return tuple(every[k] for k in sorted(hits, key=lambda k: (-every[k].severity, every[k].rule, k)))

    def insertion(self, index: int, bead: Bead) -> tuple[int, bool]:
        """Where the translation of an omitted bead goes, and whether as a paragraph of its own.

        After the Japanese before it, in its paragraph, when the English sentence continues a
        paragraph; before the next Japanese when it starts a paragraph that goes on; else as a
        paragraph of its own after the Japanese before it.
        """
        en = self.result.en.segments
        first, last = bead.en[0], bead.en[-1]
        starts = first == 0 or en[first - 1].paragraph != en[first].paragraph
        ends = last + 1 >= len(en) or en[last + 1].paragraph != en[last].paragraph
        after = next((b.ja[0] for b in self.result.alignment.beads[index + 1 :] if b.ja), None)
        following = self.result.ja.segments[after].start if after is not None else None
        if self.ja_end is None or (starts and not ends and following is not None):
            return (following if following is not None else 0), starts and ends and self.ja_end is None
        return self.ja_end, starts and ends

    def place(self, index: int, bead: Bead) -> Place:
        en = tuple((self.result.en.segments[i].start, self.result.en.segments[i].end) for i in bead.en)
        if not bead.ja:
            point, paragraph = self.insertion(index, bead)
            return Place(((point, point),), en, paragraph)
        ja = tuple((self.result.ja.segments[i].start, self.result.ja.segments[i].end) for i in bead.ja)
        self.ja_end = ja[-1][1]
        return Place(ja, en)

    def metadata_only(self, bead: Bead) -> bool:
        """A Japanese-only bead of source or byline lines: not text to post-edit."""
        segments = self.result.ja.segments
        return not bead.en and all(segments[i].is_metadata for i in bead.ja)

    def unit(self, index: int, bead: Bead) -> Unit | None:
        where = f"{self.name} bead {index}"
        place = self.place(index, bead)
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
        if (self.options.exclude and _excluded(found, self.options.exclude)) or self.metadata_only(bead):
            return None
        found = tuple(replace(f, message=clean(f.message, f"{where} finding", self.warnings)) for f in found)
        fixed = suggestion(found, self.result.ja.text, place.ja[0][0], place.ja[-1][1]) if bead.ja else None
        if fixed is not None and fixed.text == ja:
            fixed = None
        sentences = (tuple(bead.en), tuple(bead.ja))
        return Unit(f"{self.name}:{index}", en, ja, bead.score, found, fixed, *sentences, place)


def units_of(result: CheckResult, options: ExportOptions) -> tuple[list[Unit], list[str]]:
    """A unit for every bead that passes --min-score and --exclude, and the cleaning warnings.

    Every bead is a unit, one-sided ones too (an omitted English sentence, a Japanese
    addition), except Japanese source and byline lines with no English: each format takes the
    kinds it can hold.
    """
    builder = _Builder(result, options)
    units = [builder.unit(i, b) for i, b in enumerate(result.alignment.beads)]
    return [u for u in units if u is not None], builder.warnings


def text_digest(text: str) -> str:
    """What an export records of an input file, so that ``align apply`` knows it unchanged."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def bitext_of(result: CheckResult, options: ExportOptions) -> Bitext:
    """What the exporters write for one checked pair."""
    units, warnings = units_of(result, options)
    ja = SourceFile(result.ja.path, text_digest(result.ja.text)) if result.ja.path else None
    en = SourceFile(result.en.path, text_digest(result.en.text)) if result.en.path else None
    signature = str(result.signature)
    return Bitext(result.name, signature, tuple(units), result.glossary, ja, en, tuple(warnings))


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
            variants.append(Variant(form, v.count, v.status, tuple(v.sentences), reading, tuple(v.lines)))
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
