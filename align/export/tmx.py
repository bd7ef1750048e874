"""TMX 1.4b translation memory: one ``<tu>`` per unit with text on both sides.

English is the source (``srclang``): OmegaT ignores a TMX without one. Each
unit carries its alignment score and finding codes as ``<prop>`` and the
finding messages as ``<note>``, so a flagged pair is visible in the CAT tool.

OmegaT inserts exact matches from ``tm/auto/`` without asking, so the main memory
holds only the units align found nothing wrong with: a unit with a finding of the
penalty severity or worse goes to a second memory, ``<pair>.penalty-30.tmx``, meant
for OmegaT's ``tm/penalty-30/`` folder. OmegaT lowers every match from it by 30%,
so it is offered as a fuzzy match to fix, never inserted. The severity is
``[tool.align.export] penalty-from`` (or ``--penalty-from``), **warning** by
default: a warning is a defect a person must see before the unit is reused (English
left untranslated, a broken quotation, one term written two ways), not a matter of
style as info findings are. Both memories record the choice in their header
(``x-align-memory``, ``x-align-penalty-from``). ``--exclude`` drops units instead;
when it drops every unit the penalty memory would hold, no penalty memory is written.

One writer, :class:`TmxStream`, writes every memory unit by unit: a pair's (in
memory) and a corpus's of any size (``align batch``, straight to its file).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, ClassVar

from ..model import Severity
from ..xmltext import XML_LANG
from .base import Exporter, ExportOptions, Serialized
from .text import clean
from .units import codes, note

if TYPE_CHECKING:
    from ..model import Bitext, Unit
    from .editing import EditUnit

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE.encode() + b"\n"
#: OmegaT's penalty for matches from the penalty memory (its folder name says it: tm/penalty-30/).
PENALTY = 30
PENALTY_SUFFIX = f".penalty-{PENALTY}.tmx"


def header_attributes(en_lang: str, date: str) -> dict[str, str]:
    """The TMX <header> attributes of every memory align writes (per pair and corpus)."""
    from ..versions import __version__

    return {
        "creationtool": "align",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "align",
        "adminlang": "en",
        "srclang": en_lang,
        "datatype": "plaintext",
        "creationdate": date,
    }


def in_memory(unit: Unit) -> bool:
    """A memory pairs text: units with both sides only."""
    return bool(unit.en and unit.ja)


def penalized(unit: Unit | EditUnit, options: ExportOptions) -> bool:
    """Whether *unit* goes to the penalty memory rather than the main one (or is fuzzy in PO)."""
    threshold = options.penalty_from
    return threshold is not None and unit.worst is not None and unit.worst >= threshold


def has_penalty_memory(options: ExportOptions) -> bool:
    """False when ``--exclude`` leaves out every unit the penalty memory would hold."""
    threshold = options.penalty_from
    if threshold is None:
        return True  # written empty, so that no stale penalty memory is left beside the main one
    return not all(str(s) in options.exclude for s in Severity if s >= threshold)


class TmxStream:
    """A TMX 1.4b document written unit by unit to a binary file, laid out as lxml's pretty
    printer lays out the whole tree (so a memory's bytes do not depend on how it was written)."""

    def __init__(
        self,
        fh: IO[bytes],
        name: str,
        signature: str,
        options: ExportOptions,
        warnings: list[str],
        memory: str = "main",
    ) -> None:
        self.fh, self.name, self.signature, self.options = fh, name, signature, options
        self.warnings, self.memory = warnings, memory
        self.units = 0

    def _element(self, element: Any, level: int) -> None:
        from lxml import etree

        etree.indent(element, space="  ", level=level)
        self.fh.write(b"  " * level + etree.tostring(element, encoding="UTF-8", pretty_print=True))

    def __enter__(self) -> TmxStream:
        from lxml import etree

        attrib = header_attributes(self.options.en_lang, self.options.tmx_date)
        header = etree.Element("header", attrib=attrib)
        props = (
            ("x-align-pair", self.name),
            ("x-align-signature", self.signature),
            # Which memory this is, and the severity that sends a unit to the penalty one.
            ("x-align-memory", self.memory),
            ("x-align-penalty-from", self.options.penalty_policy),
        )
        for key, value in props:
            value = clean(value, key, self.warnings)
            if value:
                etree.SubElement(header, "prop", type=key).text = value
        self.fh.write(XML_DECLARATION + b'<tmx version="1.4">\n')
        self._element(header, 1)
        return self

    def unit(self, unit: Unit) -> None:
        if not self.units:
            self.fh.write(b"  <body>\n")
        self.units += 1
        fast = _plain_unit(unit, self.options)
        if fast is not None:
            self.fh.write(fast)
        else:
            self.lxml_unit(unit)

    def lxml_unit(self, unit: Unit) -> None:
        """The <tu> of *unit* through lxml (ValueError for a character XML forbids)."""
        from lxml import etree

        tu = etree.Element("tu", attrib={"tuid": unit.id, "creationdate": self.options.tmx_date})
        etree.SubElement(tu, "prop", type="x-align-score").text = f"{unit.score:.4f}"
        if unit.occurrences > 1:
            etree.SubElement(tu, "prop", type="x-align-occurrences").text = str(unit.occurrences)
        if unit.findings:
            etree.SubElement(tu, "prop", type="x-align-findings").text = codes(unit)
            for finding in unit.findings:
                etree.SubElement(tu, "note").text = note(finding)
        for lang, text in ((self.options.en_lang, unit.en), (self.options.ja_lang, unit.ja)):
            tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
        self._element(tu, 2)

    def __exit__(self, *exc: object) -> None:
        self.fh.write(b"  </body>\n</tmx>\n" if self.units else b"  <body/>\n</tmx>\n")


#: What lxml would refuse (characters XML forbids) or write as a character reference (CR);
#: a unit holding any goes through lxml itself.
_NOT_PLAIN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _plain_unit(unit: Unit, options: ExportOptions) -> bytes | None:
    """The <tu> element of *unit* as TmxStream._element writes it through lxml, byte for byte,
    or None when a string holds a character that lxml refuses or writes as a reference.

    A corpus memory is tens of thousands of units: building, indenting and serialising an
    lxml tree per unit was most of the time of writing it.
    """
    notes = [note(f) for f in unit.findings]
    date = options.tmx_date
    strings = (unit.id, date, unit.en, unit.ja, options.en_lang, options.ja_lang, *notes)
    if any(_NOT_PLAIN.search(s) for s in strings):
        return None
    lines = [
        f'    <tu tuid="{_attribute(unit.id)}" creationdate="{_attribute(date)}">',
        f'      <prop type="x-align-score">{unit.score:.4f}</prop>',
    ]
    if unit.occurrences > 1:
        lines.append(f'      <prop type="x-align-occurrences">{unit.occurrences}</prop>')
    if unit.findings:
        lines.append(f'      <prop type="x-align-findings">{_text(codes(unit))}</prop>')
        lines += [f"      <note>{_text(n)}</note>" for n in notes]
    for lang, text in ((options.en_lang, unit.en), (options.ja_lang, unit.ja)):
        lines += [
            f'      <tuv xml:lang="{_attribute(lang)}">',
            f"        <seg>{_text(text)}</seg>",
            "      </tuv>",
        ]
    lines.append("    </tu>\n")
    return "\n".join(lines).encode("utf-8")


def write_memories(
    units: Iterable[Unit],
    main: IO[bytes],
    penalty: IO[bytes] | None,
    name: str,
    signature: str,
    options: ExportOptions,
) -> list[str]:
    """Write the main memory and the penalty one (None: left out) in one pass over *units*.

    Returns the warnings of cleaning the header.
    """
    warnings: list[str] = []
    with TmxStream(main, name, signature, options, warnings) as clean_units:
        flagged = TmxStream(penalty or io.BytesIO(), name, signature, options, [], "penalty")
        with flagged:
            for unit in units:
                if not in_memory(unit):
                    continue
                if not penalized(unit, options):
                    clean_units.unit(unit)
                elif penalty is not None:
                    flagged.unit(unit)
    return warnings


class TmxExporter(Exporter):
    name: ClassVar[str] = "tmx"
    extensions: ClassVar[tuple[str, ...]] = (".tmx",)

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        """The main memory: every unit without a finding at the penalty severity."""
        return self.outputs(data, options)[0][1]

    def penalty(self, data: Bitext, options: ExportOptions) -> Serialized:
        """The penalty memory: the units with a finding at the penalty severity or worse."""
        main, penalty = io.BytesIO(), io.BytesIO()
        write_memories(data.units, main, penalty, data.name, data.signature, options)
        return Serialized(penalty.getvalue(), ())

    def outputs(self, data: Bitext, options: ExportOptions) -> tuple[tuple[str, Serialized], ...]:
        main, penalty = io.BytesIO(), io.BytesIO()
        # Written even when empty, so that a new export never sits beside a stale penalty memory.
        keep_penalty = has_penalty_memory(options)
        header = write_memories(
            data.units, main, penalty if keep_penalty else None, data.name, data.signature, options
        )
        warnings = tuple(dict.fromkeys((*data.warnings, *header)))
        files = [(self.extensions[0], Serialized(main.getvalue(), warnings))]
        if keep_penalty:
            files.append((PENALTY_SUFFIX, Serialized(penalty.getvalue(), ())))
        return tuple(files)
