"""The corpus outputs built after the last pair: one TMX memory and one glossary for all pairs.

Both are built from the cache entries in pair-name order, never in the order pairs finished,
so the same corpus gives the same bytes on any cluster. The memory is streamed: a first pass
counts each distinct (English, Japanese) unit, a second writes each unit once, at its first
occurrence, carrying what its duplicates add (their finding codes and notes, the best score,
how often it occurs). Memory use grows with the number of distinct units' digests, not with
their text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..export import ExportOptions
from ..model import GlossaryEntry, Variant
from .cache import Meta, UnitRow
from .consistency import TermUse

__all__ = ["CorpusGlossary", "CorpusMemory", "write_corpus_glossary"]

#: (pair name, that pair's cached meta) in pair-name order; a fresh iterator per call.
Metas = Callable[[], Iterator[tuple[str, Meta]]]


@dataclass
class _Merged:
    """What the duplicates of one unit add to its first occurrence."""

    count: int = 0
    score: float = 0.0
    error: bool = False
    codes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _digest(en: str, ja: str) -> bytes:
    return hashlib.blake2b(f"{en}\0{ja}".encode(), digest_size=16).digest()


class CorpusMemory:
    """The corpus TMX in two passes over the pairs (both in pair-name order).

    :meth:`add` counts every unit; :meth:`write` writes each distinct unit once. A unit with an
    error finding in any article goes to the penalty memory, as in a pair's export (see
    :mod:`align.export.tmx`): OmegaT must not insert it unasked.
    """

    def __init__(self) -> None:
        self.merged: dict[bytes, _Merged] = {}
        self.occurrences = 0

    def add(self, units: Iterable[UnitRow]) -> None:
        for u in units:
            m = self.merged.setdefault(_digest(u.en, u.ja), _Merged())
            m.count += 1
            m.score = max(m.score, u.score)
            m.error = m.error or u.error
            m.codes.extend(c for c in u.codes.split() if c not in m.codes)
            m.notes.extend(n for n in u.notes if n not in m.notes)
            self.occurrences += 1

    def write(
        self, metas: Metas, main: Path, penalty: Path, signature: str, name: str, options: ExportOptions
    ) -> tuple[int, int]:
        """Write both memories; returns (distinct units, all occurrences)."""
        from ..files import atomic_writer

        distinct = len(self.merged)
        with atomic_writer(main, "wb") as main_fh, atomic_writer(penalty, "wb") as penalty_fh:
            clean = _TmxStream(main_fh, signature, name, options)
            flagged = _TmxStream(penalty_fh, signature, name, options)
            with clean, flagged:
                for _, meta in metas():
                    for u in meta.units:
                        m = self.merged.pop(_digest(u.en, u.ja), None)
                        if m is not None:  # else a duplicate, written at its first occurrence
                            (flagged if m.error else clean).unit(u.tuid, u.en, u.ja, m)
        return distinct, self.occurrences


class _TmxStream:
    """A TMX 1.4b document written unit by unit, laid out as the pair exporter lays it out."""

    def __init__(self, fh: Any, signature: str, name: str, options: ExportOptions) -> None:
        self.fh, self.signature, self.name, self.options = fh, signature, name, options

    def _element(self, element: Any, level: int) -> None:
        from lxml import etree

        etree.indent(element, space="  ", level=level)
        self.fh.write(b"  " * level + etree.tostring(element, encoding="UTF-8", pretty_print=True))

    def __enter__(self) -> _TmxStream:
        from lxml import etree

        from ..export.tmx import XML_DECLARATION, header_attributes

        attrib = header_attributes(self.options.en_lang, self.options.tmx_date)
        header = etree.Element("header", attrib=attrib)
        for key, value in (("x-align-pair", self.name), ("x-align-signature", self.signature)):
            etree.SubElement(header, "prop", type=key).text = value
        self.fh.write(XML_DECLARATION + b'<tmx version="1.4">\n')
        self._element(header, 1)
        self.fh.write(b"  <body>\n")
        return self

    def unit(self, tuid: str, en: str, ja: str, m: _Merged) -> None:
        from lxml import etree

        from ..export.tmx import XML_LANG

        date = self.options.tmx_date
        tu = etree.Element("tu", attrib={"tuid": tuid, "creationdate": date})
        etree.SubElement(tu, "prop", type="x-align-score").text = f"{m.score:.4f}"
        if m.count > 1:
            etree.SubElement(tu, "prop", type="x-align-occurrences").text = str(m.count)
        if m.codes:
            etree.SubElement(tu, "prop", type="x-align-findings").text = " ".join(m.codes)
            for note in m.notes:
                etree.SubElement(tu, "note").text = note
        for lang, text in ((self.options.en_lang, en), (self.options.ja_lang, ja)):
            tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
        self._element(tu, 2)

    def __exit__(self, *exc: Any) -> None:
        self.fh.write(b"  </body>\n</tmx>\n")


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
    from ..export.csvfile import CsvExporter
    from ..export.tbx import TbxExporter
    from ..export.tsv import TsvExporter
    from ..files import write_bytes
    from ..model import Alignment, CheckResult, Document

    # The exporters take a checked pair; a corpus is a "pair" with only a glossary.
    holder = CheckResult(
        stem, Document("", "ja", ()), Document("", "en", ()), Alignment(()), (), signature, tuple(entries)
    )
    paths = []
    for exporter in (TbxExporter(), TsvExporter(), CsvExporter()):
        path = out_dir / f"{stem}{exporter.extensions[0]}"
        write_bytes(path, exporter.serialize(holder, options).data)
        paths.append(path)
    return paths
