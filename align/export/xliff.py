"""XLIFF 1.2 for post-editing the MT in a CAT tool: one ``trans-unit`` per bead.

The English is the ``<source>``, the Japanese MT the ``<target>``; its ``state``
is ``needs-review-translation`` when the bead has findings (each one a
``<note>``) and ``translated`` otherwise, with ``state-qualifier="leveraged-mt"``
since the text is machine translation. The bead's score and sentence indices sit
in a ``<context-group>`` (``x-align-*`` context types: ``x-`` values are XLIFF
1.2's extension point), the run's signature in a header ``<note>``. Only elements and
attributes of the strict schema are used: it validates against
``xliff-core-1.2-strict.xsd`` (see tests/data/).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import Severity
from ..xmltext import XML_LANG
from .base import Exporter, ExportOptions, Serialized
from .text import clean
from .units import translation_units

if TYPE_CHECKING:
    from ..model import CheckResult

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
#: XLIFF note priority runs from 1 (highest) to 10.
PRIORITY = {Severity.ERROR: "1", Severity.WARNING: "2", Severity.INFO: "3"}


def _indices(sentences: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in sentences)


class XliffExporter(Exporter):
    name: ClassVar[str] = "xliff"
    extensions: ClassVar[tuple[str, ...]] = (".xlf", ".xliff")

    def serialize(self, result: CheckResult, options: ExportOptions) -> Serialized:
        from lxml import etree

        from ..versions import __version__

        def add(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
            # XLIFF attribute names have hyphens: callers write them with underscores (from_ for from).
            names = {k: k.rstrip("_").replace("_", "-") for k in attrib}
            node = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", {names[k]: v for k, v in attrib.items()})
            node.text = text
            return node

        units, warnings = translation_units(result, options)
        root = etree.Element(f"{{{NAMESPACE}}}xliff", version="1.2", nsmap={None: NAMESPACE})
        file = add(
            root,
            "file",
            original=clean(result.name, "pair name", warnings) or "align",
            source_language=options.en_lang,
            target_language=options.ja_lang,
            datatype="plaintext",
            tool_id="align",
            date=options.xml_date,
        )
        header = add(file, "header")
        add(header, "tool", tool_id="align", tool_name="align", tool_version=__version__)
        signature = clean(str(result.signature), "signature", warnings)
        if signature:
            add(header, "note", f"signature: {signature}", from_="align")
        body = add(file, "body")
        for unit in units:
            tu = add(body, "trans-unit", id=unit.tuid)
            # Readers collapse runs of spaces unless told that they belong to the text.
            tu.set(XML_SPACE, "preserve")
            add(tu, "source", unit.en).set(XML_LANG, options.en_lang)
            state = "needs-review-translation" if unit.findings else "translated"
            target = add(tu, "target", unit.ja, state=state, state_qualifier="leveraged-mt")
            target.set(XML_LANG, options.ja_lang)
            # Context-group names must be unique within a file: each takes its unit's id.
            group = add(tu, "context-group", name=unit.tuid, purpose="information")
            add(group, "context", f"{unit.score:.4f}", context_type="x-align-score")
            add(group, "context", _indices(unit.en_sentences), context_type="x-align-en-sentences")
            add(group, "context", _indices(unit.ja_sentences), context_type="x-align-ja-sentences")
            for finding, note in zip(unit.findings, unit.notes, strict=True):
                add(tu, "note", note, from_="align", priority=PRIORITY.get(finding.severity, "3"))
        data = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
        return Serialized(XML_DECLARATION + data, tuple(warnings))
