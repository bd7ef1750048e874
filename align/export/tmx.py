"""TMX 1.4b translation memory: one ``<tu>`` per bead with text on both sides.

English is the source (``srclang``): OmegaT ignores a TMX without one. Each
unit carries its alignment score and finding codes as ``<prop>`` and the
finding messages as ``<note>``, so a flagged pair is visible in the CAT tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import Exporter, ExportOptions, Serialized
from .text import clean
from .units import translation_units

if TYPE_CHECKING:
    from ..pipeline import CheckResult

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE.encode() + b"\n"


class TmxExporter(Exporter):
    name: ClassVar[str] = "tmx"
    extensions: ClassVar[tuple[str, ...]] = (".tmx",)

    def serialize(self, result: CheckResult, options: ExportOptions) -> Serialized:
        from lxml import etree

        from .. import __version__

        units, warnings = translation_units(result, options)
        date = options.tmx_date
        root = etree.Element("tmx", version="1.4")
        header = etree.SubElement(
            root,
            "header",
            attrib={
                "creationtool": "align",
                "creationtoolversion": __version__,
                "segtype": "sentence",
                "o-tmf": "align",
                "adminlang": "en",
                "srclang": options.en_lang,
                "datatype": "plaintext",
                "creationdate": date,
            },
        )
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
        data = XML_DECLARATION + etree.tostring(
            root, encoding="UTF-8", xml_declaration=False, pretty_print=True
        )
        return Serialized(data, tuple(warnings))
