"""TBX-Basic glossary in TBX v2 form (``martif``), the form OmegaT 3.6 reads.

One ``termEntry`` per English term; the English ``langSet`` holds the term,
the Japanese one a ``tig`` per rendering seen, with its administrativeStatus
(preferred / admitted / deprecated), reading and count as notes. OmegaT shows
the term notes as the glossary comment.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar

from ..glossary_file import EXTENSIONS, STATUS_TBX, read_tbx
from ..model import GlossaryEntry
from ..xmltext import XML_LANG
from .base import ExportOptions, GlossaryExporter, Serialized
from .text import clean
from .units import glossary_entries

if TYPE_CHECKING:
    from ..model import Bitext

DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE.encode() + b"\n"


def part_of_speech(kind: str) -> str:
    """TBX-Basic picklist value: names are proper nouns, other terms nouns."""
    return "noun" if kind == "term" else "properNoun"


class TbxExporter(GlossaryExporter):
    name: ClassVar[str] = "tbx"
    extensions: ClassVar[tuple[str, ...]] = EXTENSIONS["tbx"]

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        from lxml import etree

        from ..versions import __version__

        entries, warnings = glossary_entries(data.glossary, data.name)
        name = clean(data.name, "pair name", warnings)
        root = etree.Element("martif", attrib={"type": "TBX-Basic", XML_LANG: options.en_lang})
        header = etree.SubElement(root, "martifHeader")
        file_desc = etree.SubElement(header, "fileDesc")
        title = f"align glossary {name}".strip()
        etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title").text = title
        source = etree.SubElement(file_desc, "sourceDesc")
        etree.SubElement(source, "p").text = f"align {__version__}; {options.iso_date}"
        signature = clean(data.signature, "signature", warnings)
        if signature:
            etree.SubElement(source, "p").text = signature
        encoding = etree.SubElement(header, "encodingDesc")
        etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
        body = etree.SubElement(etree.SubElement(root, "text"), "body")
        for n, entry in enumerate(entries, 1):
            term_entry = etree.SubElement(body, "termEntry", id=f"t{n}")
            etree.SubElement(term_entry, "note").text = f"kind: {entry.kind}"
            pos = part_of_speech(entry.kind)
            en_tig = etree.SubElement(
                etree.SubElement(term_entry, "langSet", attrib={XML_LANG: options.en_lang}), "tig"
            )
            etree.SubElement(en_tig, "term").text = entry.english
            etree.SubElement(en_tig, "termNote", type="partOfSpeech").text = pos
            if entry.example[0]:
                etree.SubElement(en_tig, "descrip", type="context").text = entry.example[0]
            ja_set = etree.SubElement(term_entry, "langSet", attrib={XML_LANG: options.ja_lang})
            for v in entry.variants:
                tig = etree.SubElement(ja_set, "tig")
                etree.SubElement(tig, "term").text = v.form
                etree.SubElement(tig, "termNote", type="partOfSpeech").text = pos
                status = STATUS_TBX.get(v.status, STATUS_TBX["admitted"])
                etree.SubElement(tig, "termNote", type="administrativeStatus").text = status
                if v.status == "preferred" and entry.example[1]:
                    etree.SubElement(tig, "descrip", type="context").text = entry.example[1]
                etree.SubElement(tig, "note").text = f"count: {v.count}"
                if v.reading:
                    etree.SubElement(tig, "note").text = f"reading: {v.reading}"
                if v.sentences:
                    etree.SubElement(tig, "note").text = "sentences: " + " ".join(map(str, v.sentences))
        out = XML_DECLARATION + etree.tostring(
            root, encoding="UTF-8", xml_declaration=False, pretty_print=True
        )
        return Serialized(out, tuple(warnings))

    def read(self, path: str | os.PathLike[str]) -> list[GlossaryEntry]:
        return read_tbx(path)
