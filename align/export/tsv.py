"""OmegaT's tab-separated glossary: ``source<TAB>target<TAB>comment``, UTF-8.

One line per Japanese rendering, written as ``<pair>.utf8``: OmegaT's glossary
reader takes tab-separated files only by extension (``.utf8``, ``.txt``, ``.tab``;
not ``.tsv``) and reads only ``.utf8`` as UTF-8 for sure, the others in a guessed
or the system charset. So the file can go into a project's glossary folder as
it is. OmegaT shows every line as a normal match, so a deprecated rendering
says "DO NOT USE" in its comment. The comment's
``;``-separated fields (status, kind, count, reading) are read back by
:meth:`TsvExporter.read`; other OmegaT glossaries (two or three columns,
``#`` comment lines) are read too.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, ClassVar

from ..errors import ConfigError
from ..files import read_text
from ..model import GlossaryEntry, Variant
from .base import ExportOptions, GlossaryExporter, Serialized
from .text import clean, one_field
from .units import KINDS, glossary_entries

if TYPE_CHECKING:
    from ..model import Bitext

DO_NOT_USE = "DO NOT USE"
_COUNT = re.compile(r"^seen (\d+)×$")


def comment(variant: Variant, kind: str, preferred: str) -> str:
    if variant.status == "deprecated":
        status = f"{DO_NOT_USE}: deprecated, use {preferred}" if preferred else f"{DO_NOT_USE}: deprecated"
    else:
        status = variant.status
    fields = [status, kind, f"seen {variant.count}×"]
    if variant.reading:
        fields.append(f"reading {variant.reading}")
    return "; ".join(fields)


class TsvExporter(GlossaryExporter):
    name: ClassVar[str] = "tsv"
    extensions: ClassVar[tuple[str, ...]] = (".utf8", ".tsv", ".txt", ".tab")

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        entries, warnings = glossary_entries(data.glossary, data.name)
        name = clean(data.name, "pair name", warnings)
        lines = [f"# align glossary {name}: English<TAB>Japanese<TAB>status; type; count; reading".rstrip()]
        for entry in entries:
            preferred = entry.preferred.form if entry.preferred else ""
            for v in entry.variants:
                cells = (entry.english, v.form, comment(v, entry.kind, preferred))
                line = "\t".join(one_field(c) for c in cells)
                if line.startswith("#"):
                    # OmegaT skips lines starting with "#" as comments; a leading space keeps the term.
                    where = f"{name} glossary {entry.english[:40]!r}"
                    warnings.append(f"{where}: starts with #, written after a space")
                    line = " " + line
                lines.append(line)
        return Serialized(("\n".join(lines) + "\n").encode("utf-8"), tuple(warnings))

    def read(self, path: str | os.PathLike[str]) -> list[GlossaryEntry]:
        text = read_text(path)
        grouped: dict[str, list[Variant]] = {}
        kinds: dict[str, str] = {}
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
            status = status or ("admitted" if variants else "preferred")
            count, reading = 0, ""
            for f in fields[1:]:
                if f in KINDS:
                    kinds[english] = f
                elif m := _COUNT.match(f):
                    count = int(m.group(1))
                elif f.startswith("reading "):
                    reading = f[len("reading ") :]
            variants.append(Variant(form, count, status, (), reading))
        return [GlossaryEntry(en, kinds.get(en, "term"), tuple(vs)) for en, vs in grouped.items()]
