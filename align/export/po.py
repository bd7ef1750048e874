"""Gettext PO: ``msgctxt`` pair:bead, ``msgid`` English, ``msgstr`` Japanese.

Beads with error findings are ``#, fuzzy`` so that gettext tools treat their
Japanese as unreviewed; every finding is a translator comment. The header has
every field ``msgfmt --check`` asks for, with fixed values (dates from
SOURCE_DATE_EPOCH, see :mod:`.base`), so that the file is reproducible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import Exporter, ExportOptions, Serialized
from .text import clean
from .units import translation_units

if TYPE_CHECKING:
    from ..model import CheckResult


class PoExporter(Exporter):
    name: ClassVar[str] = "po"
    extensions: ClassVar[tuple[str, ...]] = (".po",)

    def serialize(self, result: CheckResult, options: ExportOptions) -> Serialized:
        import polib

        from ..versions import __version__

        units, warnings = translation_units(result, options)
        po = polib.POFile(wrapwidth=78)
        name = clean(result.name, "pair name", warnings)
        po.header = f"{name}: English reference and Japanese MT, aligned and checked by align {__version__}"
        po.metadata = {
            "Project-Id-Version": name or "align",
            "POT-Creation-Date": options.iso_date,
            "PO-Revision-Date": options.iso_date,
            # No person has revised the Japanese yet: it is the MT, as align checked it.
            "Last-Translator": f"machine translation, checked by align {__version__}",
            "Language-Team": options.ja_lang,
            "Language": options.ja_lang.replace("-", "_"),
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "X-Generator": f"align {__version__}",
            "X-Align-Signature": clean(str(result.signature), "signature", warnings),
        }
        for unit in units:
            po.append(
                polib.POEntry(
                    msgctxt=unit.tuid,
                    msgid=unit.en,
                    msgstr=unit.ja,
                    comment=f"score {unit.score:.4f}",
                    tcomment="\n".join(unit.notes),
                    flags=["fuzzy"] if unit.has_error else [],
                )
            )
        return Serialized(str(po).encode("utf-8"), tuple(warnings))
