"""TMX 1.4b translation memory: one ``<tu>`` per bead with text on both sides.

English is the source (``srclang``): OmegaT ignores a TMX without one. Each
unit carries its alignment score and finding codes as ``<prop>`` and the
finding messages as ``<note>``, so a flagged pair is visible in the CAT tool.

A unit whose bead has an error finding is known to be wrong, and OmegaT inserts
exact matches from ``tm/auto/`` without asking. Such units therefore stay out of
the main memory and go to a second one, ``<pair>.penalty-30.tmx``, meant for
OmegaT's ``tm/penalty-30/`` folder: OmegaT lowers every match from it by 30%, so
it is offered as a fuzzy match to fix, never inserted. ``--exclude error`` drops
them instead, and then no penalty memory is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..xmltext import XML_LANG
from .base import Exporter, ExportOptions, Serialized
from .text import clean
from .units import Unit, translation_units

if TYPE_CHECKING:
    from ..model import CheckResult

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


class TmxExporter(Exporter):
    name: ClassVar[str] = "tmx"
    extensions: ClassVar[tuple[str, ...]] = (".tmx",)

    def serialize(self, result: CheckResult, options: ExportOptions) -> Serialized:
        """The main memory: every unit without an error finding."""
        return self.outputs(result, options)[0][1]

    def penalty(self, result: CheckResult, options: ExportOptions) -> Serialized:
        """The penalty memory: the units with an error finding (none with ``--exclude error``)."""
        units, _ = translation_units(result, options)  # the cleaning warnings go with the main memory
        return Serialized(self._document(result, options, [u for u in units if u.has_error], []), ())

    def outputs(self, result: CheckResult, options: ExportOptions) -> tuple[tuple[str, Serialized], ...]:
        units, warnings = translation_units(result, options)
        main = self._document(result, options, [u for u in units if not u.has_error], warnings)
        files = [(self.extensions[0], Serialized(main, tuple(warnings)))]
        if "error" not in options.exclude:
            # Written even when empty, so that a new export never sits beside a stale penalty memory.
            penalty = self._document(result, options, [u for u in units if u.has_error], [])
            files.append((PENALTY_SUFFIX, Serialized(penalty, ())))
        return tuple(files)

    def _document(
        self, result: CheckResult, options: ExportOptions, units: list[Unit], warnings: list[str]
    ) -> bytes:
        from lxml import etree

        date = options.tmx_date
        root = etree.Element("tmx", version="1.4")
        header = etree.SubElement(root, "header", attrib=header_attributes(options.en_lang, date))
        for key, value in (("x-align-pair", result.name), ("x-align-signature", str(result.signature))):
            value = clean(value, key, warnings)
            if value:
                etree.SubElement(header, "prop", type=key).text = value
        body = etree.SubElement(root, "body")
        for unit in units:
            tu = etree.SubElement(body, "tu", attrib={"tuid": unit.tuid, "creationdate": date})
            etree.SubElement(tu, "prop", type="x-align-score").text = f"{unit.score:.4f}"
            if unit.findings:
                etree.SubElement(tu, "prop", type="x-align-findings").text = unit.codes
                for note in unit.notes:
                    etree.SubElement(tu, "note").text = note
            for lang, text in ((options.en_lang, unit.en), (options.ja_lang, unit.ja)):
                tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
        return XML_DECLARATION + etree.tostring(
            root, encoding="UTF-8", xml_declaration=False, pretty_print=True
        )
