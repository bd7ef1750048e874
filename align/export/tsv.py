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
from typing import TYPE_CHECKING, ClassVar

from ..glossary_file import DO_NOT_USE, EXTENSIONS, read_tsv
from ..model import GlossaryEntry, Variant
from .base import ExportOptions, GlossaryExporter, Serialized
from .text import clean, one_field
from .units import glossary_entries

if TYPE_CHECKING:
    from ..model import Bitext


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
    extensions: ClassVar[tuple[str, ...]] = EXTENSIONS["tsv"]

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
        return read_tsv(path)
