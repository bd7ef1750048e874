"""XLIFF 1.2 for post-editing the MT in a CAT tool: one ``trans-unit`` per English unit.

The English is the ``<source>``, the Japanese MT the ``<target>``. Every English
sentence is in a unit (see :mod:`.editing`): an omitted one has an empty target with
``state="needs-translation"``; a Japanese addition or duplicate is shown in the target of
the unit it follows, with a note. Other targets are ``needs-review-translation`` when the
unit has findings and ``translated`` otherwise, with ``state-qualifier="leveraged-mt"``
since the text is machine translation. Each finding is a ``<note from="align">`` with its
code and severity (and XLIFF's priority: 1 error, 2 warning, 3 info). The findings' fixes
are offered as an ``<alt-trans>`` (XLIFF 1.2's slot for candidate translations, which CAT
tools show as a suggestion) whose ``origin`` names the fixes, with one note per fix.

The bead's score, sentence indices and place in the input files sit in a
``<context-group>`` (``x-align-*`` context types: ``x-`` values are XLIFF 1.2's extension
point); the run's signature is a header ``<note>``, and the two input files are header
``<reference>``s with their digests, for ``align apply``. Only elements and attributes of
the strict schema are used: it validates against ``xliff-core-1.2-strict.xsd`` (see tests/data/).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Severity
from ..xmltext import XML_LANG, illegal_characters
from .base import Exporter, ExportOptions, Serialized
from .editing import EditUnit, added_note, edit_units, place_text
from .text import clean
from .units import note

if TYPE_CHECKING:
    from ..model import Bitext

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
#: XLIFF note priority runs from 1 (highest) to 10.
PRIORITY = {Severity.ERROR: "1", Severity.WARNING: "2", Severity.INFO: "3"}
#: The ``uid`` of the header references that name the input files.
JA_FILE, EN_FILE = "align-ja", "align-en"


def _indices(sentences: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in sentences)


def _add(parent: Any, tag: str, text: str | None = None, **attrib: str) -> Any:
    """A child element in the XLIFF namespace; attribute names are written with underscores
    (``from_`` for ``from``, ``state_qualifier`` for ``state-qualifier``)."""
    from lxml import etree

    names = {k: k.rstrip("_").replace("_", "-") for k in attrib}
    node = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", {names[k]: v for k, v in attrib.items()})
    node.text = text
    return node


def _state(unit: EditUnit) -> dict[str, str]:
    if not unit.target:
        return {"state": "needs-translation"}
    state = "needs-review-translation" if unit.findings or unit.added else "translated"
    return {"state": state, "state_qualifier": "leveraged-mt"}


def _header(file: Any, data: Bitext, warnings: list[str]) -> None:
    from ..versions import __version__

    header = _add(file, "header")
    for uid, source in ((JA_FILE, data.ja_file), (EN_FILE, data.en_file)):
        if source is None:
            continue
        if illegal_characters(source.path):
            warnings.append(f"{source.path!r}: a file name XML cannot hold; align apply will need it given")
            continue
        _add(_add(header, "reference"), "external-file", href=source.path, uid=uid, crc=source.digest)
    _add(header, "tool", tool_id="align", tool_name="align", tool_version=__version__)
    signature = clean(data.signature, "signature", warnings)
    if signature:
        _add(header, "note", f"signature: {signature}", from_="align")


def _unit(body: Any, unit: EditUnit, options: ExportOptions) -> None:
    tu = _add(body, "trans-unit", id=unit.id)
    # Readers collapse runs of spaces unless told that they belong to the text.
    tu.set(XML_SPACE, "preserve")
    _add(tu, "source", unit.source).set(XML_LANG, options.en_lang)
    _add(tu, "target", unit.target or None, **_state(unit)).set(XML_LANG, options.ja_lang)
    # Context-group names must be unique within a file: each takes its unit's id.
    group = _add(tu, "context-group", name=unit.id, purpose="information")
    _add(group, "context", f"{unit.unit.score:.4f}", context_type="x-align-score")
    _add(group, "context", _indices(unit.unit.en_sentences), context_type="x-align-en-sentences")
    _add(group, "context", _indices(unit.ja_sentences), context_type="x-align-ja-sentences")
    if unit.place is not None:
        _add(group, "context", place_text(unit.place), context_type="x-align-place")
    for finding in unit.findings:
        _add(tu, "note", note(finding), from_="align", priority=PRIORITY.get(finding.severity, "3"))
    for added in unit.added:
        priority = PRIORITY.get(added.worst, "3") if added.worst is not None else "3"
        _add(tu, "note", added_note(added), from_="align", priority=priority)
    fixed = unit.suggestion
    if fixed is not None:
        alt = _add(tu, "alt-trans", origin=fixed.origin, tool_id="align")
        _add(alt, "source", unit.source).set(XML_LANG, options.en_lang)
        _add(alt, "target", fixed.text or None).set(XML_LANG, options.ja_lang)
        for description in fixed.descriptions:
            _add(alt, "note", description, from_="align")


class XliffExporter(Exporter):
    name: ClassVar[str] = "xliff"
    extensions: ClassVar[tuple[str, ...]] = (".xlf", ".xliff")

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        from lxml import etree

        warnings = list(data.warnings)
        root = etree.Element(f"{{{NAMESPACE}}}xliff", version="1.2", nsmap={None: NAMESPACE})
        file = _add(
            root,
            "file",
            original=clean(data.name, "pair name", warnings) or "align",
            source_language=options.en_lang,
            target_language=options.ja_lang,
            datatype="plaintext",
            tool_id="align",
            date=options.xml_date,
        )
        _header(file, data, warnings)
        body = _add(file, "body")
        for unit in edit_units(data.units):
            _unit(body, unit, options)
        out = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
        return Serialized(XML_DECLARATION + out, tuple(dict.fromkeys(warnings)))
