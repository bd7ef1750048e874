"""The corpus outputs built after the last pair: one TMX memory and one glossary for all pairs.

Both are built from the cache entries in pair-name order, never in the order pairs finished,
so the same corpus gives the same bytes on any cluster. The memory is streamed: a first pass
counts each distinct (English, Japanese) unit, a second writes each unit once, at its first
occurrence, carrying what its duplicates add (their findings, the best score, how often it
occurs). Both outputs go through the writers of a pair's export (:mod:`align.export`).
Memory use grows with the number of distinct units' digests, not with their text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..export import ExportOptions
from ..model import Bitext, Category, Finding, GlossaryEntry, Severity, Unit, Variant
from .cache import FindingRow, Meta, UnitRow
from .consistency import TermUse

__all__ = ["CorpusGlossary", "CorpusMemory", "unit_row", "write_corpus_glossary"]

#: (pair name, that pair's cached meta) in pair-name order; a fresh iterator per call.
Metas = Callable[[], Iterator[tuple[str, Meta]]]


@dataclass
class _Merged:
    """What the duplicates of one unit add to its first occurrence."""

    count: int = 0
    score: float = 0.0
    #: Every distinct finding of its occurrences (by its note), in order of appearance.
    findings: dict[str, Finding] = field(default_factory=dict)


def _digest(en: str, ja: str) -> bytes:
    return hashlib.blake2b(f"{en}\0{ja}".encode(), digest_size=16).digest()


def unit_row(unit: Unit) -> UnitRow:
    """A memory unit as a cache entry keeps it."""
    findings = tuple((f.rule, f.name, f.category, str(f.severity), f.message) for f in unit.findings)
    return UnitRow(unit.id, unit.en, unit.ja, round(unit.score, 4), findings)


def _finding(row: FindingRow) -> Finding:
    rule, name, category, severity, message = row
    # Written by unit_row from a Finding of this version (FORMAT is in the cache key).
    return Finding(rule, name, cast(Category, category), Severity.parse(severity), message)


class CorpusMemory:
    """The corpus TMX in two passes over the pairs (both in pair-name order).

    :meth:`add` counts every unit; :meth:`write` writes each distinct unit once, through the
    writer of a pair's memory (:func:`align.export.tmx.write_memories`): a unit with a finding
    at the penalty severity in any article goes to the penalty memory, as in a pair's export.
    """

    def __init__(self) -> None:
        self.merged: dict[bytes, _Merged] = {}
        self.occurrences = 0

    def add(self, rows: Iterable[UnitRow]) -> None:
        from ..export.units import note

        for row in rows:
            m = self.merged.setdefault(_digest(row.en, row.ja), _Merged())
            m.count += 1
            m.score = max(m.score, row.score)
            for finding in map(_finding, row.findings):
                m.findings.setdefault(note(finding), finding)
            self.occurrences += 1

    def units(self, metas: Metas) -> Iterator[Unit]:
        """Each distinct unit once, at its first occurrence, with what its duplicates add."""
        for _, meta in metas():
            for row in meta.units:
                m = self.merged.pop(_digest(row.en, row.ja), None)
                if m is not None:  # else a duplicate, written at its first occurrence
                    yield Unit(
                        row.tuid, row.en, row.ja, m.score, tuple(m.findings.values()), occurrences=m.count
                    )

    def write(
        self, metas: Metas, main: Path, penalty: Path, signature: str, name: str, options: ExportOptions
    ) -> tuple[int, int]:
        """Write both memories; returns (distinct units, all occurrences)."""
        from ..export.tmx import write_memories
        from ..files import atomic_writer

        distinct = len(self.merged)
        with atomic_writer(main, "wb") as main_fh, atomic_writer(penalty, "wb") as penalty_fh:
            write_memories(self.units(metas), main_fh, penalty_fh, name, signature, options)
        return distinct, self.occurrences


class CorpusGlossary:
    """Every article's names and terms, merged per English unit: counts are corpus-wide."""

    def __init__(self) -> None:
        self.terms: dict[str, TermUse] = {}

    def add(self, article: str, glossary: Iterable[GlossaryEntry]) -> None:
        """One article's glossary (as a worker packs it), added in pair-name order."""
        for entry in glossary:
            use = self.terms.get(entry.english)
            if use is None:
                use = self.terms[entry.english] = TermUse(entry.english)
            use.add(article, entry)

    def entries(self) -> list[GlossaryEntry]:
        """One entry per English unit; the corpus-preferred form first, every other form deprecated."""
        out = []
        for english in sorted(self.terms, key=lambda e: (e.lower(), e)):
            use = self.terms[english]
            preferred = use.preferred
            forms = sorted(use.counts, key=lambda f: (f != preferred, -use.counts[f], f))
            variants = tuple(
                Variant(
                    f,
                    use.counts[f],
                    "preferred" if f == preferred else "deprecated",
                    (),
                    use.readings.get(f, ""),
                )
                for f in forms
            )
            example = use.examples.get(preferred, ("", ""))
            out.append(GlossaryEntry(english, use.kind, variants, example))
        return out


def write_corpus_glossary(
    entries: list[GlossaryEntry], out_dir: Path, stem: str, signature: str, options: ExportOptions
) -> list[Path]:
    """The corpus glossary through the pair exporters: TBX, OmegaT TSV (.utf8) and CSV."""
    from ..export import export_files

    data = Bitext(stem, signature, glossary=tuple(entries))
    return list(export_files(data, out_dir, stem, ("tbx", "tsv", "csv"), options).paths)
