"""Post-edits come back: ``align apply EDITED.xlf|EDITED.po [--ja FILE] [--en FILE] -o OUT``.

An XLIFF or PO file that ``align export`` wrote and a CAT tool edited holds, for each English
unit, its target and its place in the two input files (see :mod:`align.export.editing`); its
header names the files with a digest of their text. ``apply`` reads the Japanese file (the
header's, or ``--ja``) and writes it again with every changed target over its place, and
every filled omission at its insertion point, through :func:`align.fix.splice`: only the
edited spans change, so paragraphs, encoding, byte-order mark and line endings survive.

It refuses, with one line naming what is wrong (exit 2), a Japanese or English file whose
text is not the one exported (the places would be wrong), and a unit whose English source
no longer matches the English file (the CAT tool split, merged or edited it). An empty
target is no change: PO and XLIFF tools write an untranslated entry that way; nor is a
target that repeats its English source (a CAT tool's "copy source to target").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .export.editing import parse_place
from .export.text import clean
from .files import Decoded, decode, read_bytes
from .model import Edit, Place, SourceFile

__all__ = ["Applied", "Change", "EditedFile", "Entry", "apply_file", "read_edited"]

ChangeKind = Literal["filled", "edited"]


@dataclass(frozen=True)
class Entry:
    """One unit of a post-edited file."""

    id: str
    source: str
    #: The post-edited Japanese; "" when the tool left it empty.
    target: str
    place: Place | None


@dataclass(frozen=True)
class EditedFile:
    """A post-edited XLIFF or PO file as apply reads it."""

    path: str
    entries: tuple[Entry, ...]
    ja: SourceFile | None
    en: SourceFile | None


@dataclass(frozen=True)
class Change:
    id: str
    kind: ChangeKind
    before: str
    after: str


@dataclass(frozen=True)
class Applied:
    """The Japanese file before and after, and what changed."""

    ja_path: str
    before: bytes
    after: bytes
    changes: tuple[Change, ...]
    unchanged: int


# --- reading the edited file ---------------------------------------------------------------------


def _xml_source_file(header: Any, uid: str) -> SourceFile | None:
    for ref in header.iterfind("{*}reference/{*}external-file"):
        if ref.get("uid") == uid and ref.get("href"):
            return SourceFile(ref.get("href"), ref.get("crc") or "")
    return None


def read_xliff(path: str) -> EditedFile:
    from lxml import etree

    from .export.xliff import EN_FILE, JA_FILE

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.parse(path, parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise InputError(f"not a readable XLIFF file: {exc}", path) from None
    header = root.find("{*}file/{*}header")
    ja = en = None
    if header is not None:
        ja, en = _xml_source_file(header, JA_FILE), _xml_source_file(header, EN_FILE)
    entries = []
    for tu in root.iter("{*}trans-unit"):
        source, target = tu.find("{*}source"), tu.find("{*}target")
        contexts = tu.iterfind("{*}context-group/{*}context")
        place = next((c.text for c in contexts if c.get("context-type") == "x-align-place"), None)
        entries.append(
            Entry(
                tu.get("id") or "",
                "".join(source.itertext()) if source is not None else "",
                "".join(target.itertext()) if target is not None else "",
                parse_place(place) if place else None,
            )
        )
    return EditedFile(path, tuple(entries), ja, en)


def _po_source_file(metadata: dict[str, str], key: str) -> SourceFile | None:
    digest, _, name = metadata.get(key, "").strip().partition(" ")
    return SourceFile(name, digest) if name else None


def read_po(path: str) -> EditedFile:
    import polib

    from .export.po import EN_FILE, JA_FILE, PLACE

    try:
        po = polib.pofile(path, encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable PO file: {exc}", path) from None
    entries = []
    for e in po:
        if e.obsolete:
            continue
        place = next((line[len(PLACE) :] for line in e.comment.splitlines() if line.startswith(PLACE)), None)
        entries.append(Entry(e.msgctxt or "", e.msgid, e.msgstr, parse_place(place) if place else None))
    ja, en = _po_source_file(po.metadata, JA_FILE), _po_source_file(po.metadata, EN_FILE)
    return EditedFile(path, tuple(entries), ja, en)


def read_edited(path: str) -> EditedFile:
    """An XLIFF (.xlf, .xliff) or PO (.po) file written by ``align export`` and post-edited."""
    if not Path(path).is_file():
        raise InputError("no such file", path)
    suffix = Path(path).suffix.lower()
    if suffix in {".xlf", ".xliff"}:
        return read_xliff(path)
    if suffix in {".po", ".pot"}:
        return read_po(path)
    raise InputError("not a post-editing file (use the .xlf or .po that align export wrote)", path)


# --- checking it against the input files ------------------------------------------------------------


def _input(given: str | None, recorded: SourceFile | None, what: str, edited: str, flag: str) -> str:
    if given:
        return given
    if recorded is None:
        raise InputError(f"names no {what} file: give it with {flag}", edited)
    if not Path(recorded.path).is_file():
        message = f"the {what} file it was exported from is not there; give it with {flag}"
        raise InputError(message, recorded.path)
    return recorded.path


def _read(path: str, recorded: SourceFile | None, edited: str, encoding: str | None) -> tuple[bytes, Decoded]:
    from .export.units import text_digest

    data = read_bytes(path)
    decoded = decode(data, path, encoding)
    if recorded is not None and recorded.digest and text_digest(decoded.text) != recorded.digest:
        name = os.path.basename(edited)
        raise InputError(f"not the text {name} was exported from (changed since?); export it again", path)
    return data, decoded


_BLANKS = re.compile(r"\s+")


def _same(a: str, b: str) -> bool:
    """Equal but for runs of white space (a CAT tool may fold them)."""
    return _BLANKS.sub(" ", a).strip() == _BLANKS.sub(" ", b).strip()


def _check_source(entry: Entry, en_text: str, edited: str) -> Place:
    if entry.place is None:
        raise InputError(f"unit {entry.id!r} has no place in the input files: not exported by align", edited)
    if any(not 0 <= s <= e <= len(en_text) for s, e in entry.place.en):
        raise InputError(f"unit {entry.id!r}: its place lies outside the English file", edited)
    exported = clean(" ".join(en_text[s:e] for s, e in entry.place.en), "", [])
    if not _same(entry.source, exported):
        shown = entry.source if len(entry.source) <= 60 else entry.source[:57] + "..."
        message = f"unit {entry.id!r}: its English source no longer matches the English file: {shown!r}"
        raise InputError(message, edited)
    return entry.place


# --- writing the targets back -------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_break(text: str, point: int) -> str:
    """The blank run after *point* up to its last line break (how this file separates
    paragraphs there), else the file's first line break, else LF."""
    run = re.match(r"\s*", text[point:])
    blank = run.group() if run else ""
    cut = max(blank.rfind("\n"), blank.rfind("\r"))
    if cut >= 0:
        return blank[: cut + 1]
    first = _LINE_BREAK.search(text)
    return first.group() if first else "\n"


def _edit(entry: Entry, place: Place, ja_text: str, edited: str) -> tuple[Edit, Change] | None:
    """The edit that puts *entry*'s target in place, or None when it is unchanged or empty."""
    target = clean(entry.target, "", [])
    start, end = place.ja[0][0], place.ja[-1][1]
    if any(not 0 <= s <= e <= len(ja_text) for s, e in place.ja):
        raise InputError(f"unit {entry.id!r}: its place lies outside the Japanese file", edited)
    if start == end:  # an omitted sentence: its translation goes in at this point
        if not target or _same(target, entry.source):  # empty, or the source copied in: untranslated
            return None
        if place.paragraph:
            before = ja_text[:start].strip()
            sep = _line_break(ja_text, start)
            target = target + sep if not before else sep + target
        return Edit(start, start, target), Change(entry.id, "filled", "", target.strip())
    exported = clean("".join(ja_text[s:e] for s, e in place.ja), "", [])
    if not target or target == exported or _same(target, entry.source):
        return None
    return Edit(start, end, target), Change(entry.id, "edited", exported, target)


def _merge(edits: list[Edit], edited: str) -> list[Edit]:
    """Edits in text order; insertions at one point joined in entry order; no overlap allowed."""
    ordered = sorted(enumerate(edits), key=lambda ke: (ke[1].start, ke[1].end != ke[1].start, ke[0]))
    out: list[Edit] = []
    for _, e in ordered:
        if out and e.start == e.end == out[-1].start == out[-1].end:
            out[-1] = Edit(e.start, e.end, out[-1].replacement + e.replacement)
        elif out and e.start < out[-1].end:
            raise InputError("two units claim the same Japanese text: not a file align exported", edited)
        else:
            out.append(e)
    return out


def apply_file(
    edited_path: str, ja: str | None = None, en: str | None = None, encoding: str | None = None
) -> Applied:
    """The Japanese file with the post-edited targets of *edited_path* in place (not written)."""
    from .fix import splice

    edited = read_edited(edited_path)
    ja_path = _input(ja, edited.ja, "Japanese", edited_path, "--ja")
    en_path = _input(en, edited.en, "English", edited_path, "--en")
    data, decoded = _read(ja_path, edited.ja, edited_path, encoding)
    _, english = _read(en_path, edited.en, edited_path, encoding)
    edits, changes = [], []
    for entry in edited.entries:
        place = _check_source(entry, english.text, edited_path)
        done = _edit(entry, place, decoded.text, edited_path)
        if done is not None:
            edits.append(done[0])
            changes.append(done[1])
    after = splice(data, decoded, _merge(edits, edited_path), ja_path) if edits else data
    return Applied(ja_path, data, after, tuple(changes), len(edited.entries) - len(changes))


def summary(applied: Applied, edited: str, output: str) -> str:
    """One line: what changed, by unit."""
    filled = [c.id for c in applied.changes if c.kind == "filled"]
    changed = [c.id for c in applied.changes if c.kind == "edited"]
    parts = []
    if filled:
        parts.append(f"{len(filled)} filled ({', '.join(filled)})")
    if changed:
        parts.append(f"{len(changed)} edited ({', '.join(changed)})")
    what = "; ".join(parts) if parts else "no unit changed"
    return f"{edited}: wrote {output}: {what}; {applied.unchanged} unchanged"
