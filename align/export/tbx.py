"""TBX-Basic glossary in TBX v2 form (``martif``), the form OmegaT 3.6 reads.

One ``termEntry`` per English term; the English ``langSet`` holds the term,
the Japanese one a ``tig`` per rendering seen, with its administrativeStatus
(preferred / admitted / deprecated), reading and count as notes. OmegaT shows
the term notes as the glossary comment.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import ConfigError
from ..model import GlossaryEntry, Variant
from .base import ExportOptions, GlossaryExporter, Serialized
from .text import clean
from .units import KINDS, STATUS_TBX, glossary_entries

if TYPE_CHECKING:
    from ..model import Bitext

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE.encode() + b"\n"
_STATUS_FROM_TBX = {v: k for k, v in STATUS_TBX.items()} | {"supersededTerm-admn-sts": "deprecated"}
_NOTE = re.compile(r"^(kind|count|reading|sentences): (.*)$")


def part_of_speech(kind: str) -> str:
    """TBX-Basic picklist value: names are proper nouns, other terms nouns."""
    return "noun" if kind == "term" else "properNoun"


class TbxExporter(GlossaryExporter):
    name: ClassVar[str] = "tbx"
    extensions: ClassVar[tuple[str, ...]] = (".tbx",)

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        from lxml import etree

        from .. import __version__

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
        """Read a TBX v2 (martif) glossary: ours, or any TBX-Basic file with en and ja terms."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
        try:
            root = etree.parse(os.fspath(path), parser).getroot()
        except (OSError, etree.XMLSyntaxError) as exc:
            raise ConfigError(f"not a readable TBX file: {exc}", os.fspath(path)) from None
        if etree.QName(root).localname not in {"martif", "tbx"}:
            raise ConfigError("not a TBX file (no martif root element)", os.fspath(path))
        return [e for e in map(_read_entry, root.iter("{*}termEntry")) if e is not None]


def _text(el: Any) -> str:
    return "".join(el.itertext()).strip()


def _notes(el: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for note in el.findall("{*}note"):
        m = _NOTE.match(_text(note))
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _read_entry(term_entry: Any) -> GlossaryEntry | None:
    english, example_en, example_ja = "", "", ""
    variants: list[Variant] = []
    kind = _notes(term_entry).get("kind", "term")
    for lang_set in term_entry.iter("{*}langSet"):
        lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").lower()
        for tig in lang_set.iter("{*}tig", "{*}ntig"):
            term = tig.find(".//{*}term")
            if term is None or not _text(term):
                continue
            notes = {n.get("type"): _text(n) for n in tig.iter("{*}termNote")}
            context = next((_text(d) for d in tig.iter("{*}descrip") if d.get("type") == "context"), "")
            if lang.startswith("en"):
                if not english:
                    english, example_en = _text(term), context
            elif lang.startswith("ja"):
                info = _notes(tig)
                status = _STATUS_FROM_TBX.get(notes.get("administrativeStatus", ""), "")
                status = status or ("admitted" if variants else "preferred")
                count = int(info["count"]) if info.get("count", "").isdigit() else 0
                sentences = tuple(int(s) for s in info.get("sentences", "").split() if s.isdigit())
                variants.append(Variant(_text(term), count, status, sentences, info.get("reading", "")))
                if status == "preferred" and context and not example_ja:
                    example_ja = context
    if not english or not variants:
        return None
    return GlossaryEntry(
        english, kind if kind in KINDS else "term", tuple(variants), (example_en, example_ja)
    )
