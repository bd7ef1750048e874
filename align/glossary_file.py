"""Glossary files: reading a user's approved glossary (TBX, OmegaT TSV or CSV), and the notation the
glossary writers share with the reader.

A job's ``--glossary`` is read here, below the pipeline, which needs it before any pair is
checked. The writers (:mod:`align.export.tbx`, :mod:`.tsv`, :mod:`.csvfile`) take their
extensions, statuses, notes and columns from this module, so that whatever they write reads
back as the same entries. Other tools' files are read too: any TBX-Basic file with English
and Japanese terms, two- or three-column OmegaT glossaries, a CSV with english and japanese
columns.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError
from .files import read_text
from .model import GLOSSARY_KINDS, VARIANT_STATUSES, GlossaryEntry, GlossaryKind, Variant, VariantStatus
from .xmltext import XML_LANG

__all__ = [
    "CSV_HEADER",
    "DO_NOT_USE",
    "EXTENSIONS",
    "STATUS_TBX",
    "csv_cell",
    "read_csv",
    "read_glossary",
    "read_tbx",
    "read_tsv",
]

#: The file extensions of each glossary format; a writer writes the first one. OmegaT reads a
#: tab-separated glossary only by extension, and only ``.utf8`` surely as UTF-8.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "tbx": (".tbx",),
    "tsv": (".utf8", ".tsv", ".txt", ".tab"),
    "csv": (".csv",),
}

# --- TBX ----------------------------------------------------------------------

STATUS_TBX: dict[VariantStatus, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_STATUS_FROM_TBX: dict[str, VariantStatus] = {v: k for k, v in STATUS_TBX.items()} | {
    "supersededTerm-admn-sts": "deprecated"
}
_NOTE = re.compile(r"^(kind|count|reading|sentences): (.*)$")

# --- OmegaT TSV -----------------------------------------------------------------

#: How the TSV comment marks a deprecated rendering (OmegaT shows every line as a match).
DO_NOT_USE = "DO NOT USE"
_COUNT = re.compile(r"^seen (\d+)×$")

# --- CSV ------------------------------------------------------------------------

CSV_HEADER = (
    "english",
    "japanese",
    "status",
    "type",
    "count",
    "reading",
    "sentences",
    "example_en",
    "example_ja",
)
# Cells a spreadsheet would run as a formula get a leading "'" when written.
_FORMULA = ("=", "+", "-", "@")


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text (a leading ``= + - @`` would start a formula)."""
    return "'" + value if value.startswith(_FORMULA) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


# --- reading --------------------------------------------------------------------


def _kind(value: str) -> GlossaryKind:
    return next((k for k in GLOSSARY_KINDS if k == value), "term")


def _status(value: str, earlier: list[Variant]) -> VariantStatus:
    """A known status as given; else the first rendering of an entry is the preferred one."""
    given = next((s for s in VARIANT_STATUSES if s == value.strip().lower()), None)
    return given or ("admitted" if earlier else "preferred")


def read_glossary(path: str | os.PathLike[str]) -> list[GlossaryEntry]:
    """Read a glossary written by ``align export`` (TBX, OmegaT TSV or CSV), or a user's own."""
    if not Path(path).is_file():
        raise InputError("no such glossary file", os.fspath(path))
    suffix = Path(path).suffix.lower()
    for fmt, extensions in EXTENSIONS.items():
        if suffix in extensions:
            return _READERS[fmt](path)
    raise ConfigError(
        "unknown glossary format (use .tbx, .utf8/.tsv/.txt for OmegaT TSV, or .csv)", os.fspath(path)
    )


def read_tbx(path: str | os.PathLike[str]) -> list[GlossaryEntry]:
    """Read a TBX v2 (martif) glossary: ours, or any TBX-Basic file with en and ja terms."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.parse(os.fspath(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise ConfigError(f"not a readable TBX file: {exc}", os.fspath(path)) from None
    if etree.QName(root).localname not in {"martif", "tbx"}:
        raise ConfigError("not a TBX file (no martif root element)", os.fspath(path))
    return [e for e in map(_tbx_entry, root.iter("{*}termEntry")) if e is not None]


def _text(el: Any) -> str:
    return "".join(el.itertext()).strip()


def _notes(el: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for note in el.findall("{*}note"):
        m = _NOTE.match(_text(note))
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _tbx_entry(term_entry: Any) -> GlossaryEntry | None:
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
                status = _status(_STATUS_FROM_TBX.get(notes.get("administrativeStatus", ""), ""), variants)
                count = int(info["count"]) if info.get("count", "").isdigit() else 0
                sentences = tuple(int(s) for s in info.get("sentences", "").split() if s.isdigit())
                variants.append(Variant(_text(term), count, status, sentences, info.get("reading", "")))
                if status == "preferred" and context and not example_ja:
                    example_ja = context
    if not english or not variants:
        return None
    return GlossaryEntry(english, _kind(kind), tuple(variants), (example_en, example_ja))


def read_tsv(path: str | os.PathLike[str]) -> list[GlossaryEntry]:
    """Read an OmegaT glossary: ours (status; kind; count; reading in the comment), or any other
    with two or three columns and ``#`` comment lines."""
    text = read_text(path)
    grouped: dict[str, list[Variant]] = {}
    kinds: dict[str, GlossaryKind] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.lstrip(" ").split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise ConfigError(f"line {number}: expected source<TAB>target[<TAB>comment]", os.fspath(path))
        english, form = cells[0].strip(), cells[1].strip()
        fields = [f.strip() for f in cells[2].split(";")] if len(cells) > 2 else []
        variants = grouped.setdefault(english, [])
        status = fields[0] if fields and fields[0] in {"preferred", "admitted"} else ""
        if fields and fields[0].startswith(DO_NOT_USE):
            status = "deprecated"
        count, reading = 0, ""
        for f in fields[1:]:
            if f in GLOSSARY_KINDS:
                kinds[english] = _kind(f)
            elif m := _COUNT.match(f):
                count = int(m.group(1))
            elif f.startswith("reading "):
                reading = f[len("reading ") :]
        variants.append(Variant(form, count, _status(status, variants), (), reading))
    return [GlossaryEntry(en, kinds.get(en, "term"), tuple(vs)) for en, vs in grouped.items()]


def read_csv(path: str | os.PathLike[str]) -> list[GlossaryEntry]:
    """Read a CSV glossary: ours, or a spreadsheet's with at least english and japanese columns."""
    rows = list(csv.DictReader(io.StringIO(read_text(path, "utf-8-sig"), newline="")))
    if rows and not {"english", "japanese"} <= set(rows[0]):
        raise ConfigError("a glossary CSV needs english and japanese columns", os.fspath(path))
    grouped: dict[str, list[Variant]] = {}
    meta: dict[str, tuple[str, tuple[str, str]]] = {}
    for row in rows:
        row = {k: _uncell(v or "") for k, v in row.items() if k}
        english, form = row["english"].strip(), row["japanese"].strip()
        if not english or not form:
            continue
        variants = grouped.setdefault(english, [])
        status = _status(row.get("status", ""), variants)
        count = int(row["count"]) if row.get("count", "").isdigit() else 0
        sentences = tuple(int(s) for s in row.get("sentences", "").split() if s.isdigit())
        variants.append(Variant(form, count, status, sentences, row.get("reading", "")))
        kind = row.get("type", "term")
        old = meta.get(english, ("", ("", "")))
        example = (row.get("example_en", ""), row.get("example_ja", ""))
        meta[english] = (old[0] or kind, old[1] if any(old[1]) else example)
    return [GlossaryEntry(en, _kind(meta[en][0]), tuple(vs), meta[en][1]) for en, vs in grouped.items()]


_READERS: dict[str, Callable[[str | os.PathLike[str]], list[GlossaryEntry]]] = {
    "tbx": read_tbx,
    "tsv": read_tsv,
    "csv": read_csv,
}
