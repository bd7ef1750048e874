"""Gettext PO: ``msgctxt`` pair:bead, ``msgid`` English, ``msgstr`` Japanese.

Units that the TMX sets aside (findings of the penalty severity, see :mod:`.tmx`)
are ``#, fuzzy`` so that gettext tools treat their Japanese as unreviewed; every
finding is a translator comment. The header has every field ``msgfmt --check`` asks
for, with fixed values (dates from SOURCE_DATE_EPOCH, see :mod:`.base`), so that
the file is reproducible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import Exporter, ExportOptions, Serialized
from .text import clean
from .tmx import penalized
from .units import note

if TYPE_CHECKING:
    from ..model import Bitext


class PoExporter(Exporter):
    name: ClassVar[str] = "po"
    extensions: ClassVar[tuple[str, ...]] = (".po",)

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        import polib

        from .. import __version__

        warnings = list(data.warnings)
        po = polib.POFile(wrapwidth=78)
        name = clean(data.name, "pair name", warnings)
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
            "X-Align-Signature": clean(data.signature, "signature", warnings),
        }
        for unit in data.units:
            if not (unit.en and unit.ja):
                continue
            po.append(
                polib.POEntry(
                    msgctxt=unit.id,
                    msgid=unit.en,
                    msgstr=unit.ja,
                    comment=f"score {unit.score:.4f}",
                    tcomment="\n".join(note(f) for f in unit.findings),
                    # Fuzzy (unreviewed) exactly when the TMX sets the unit aside as well.
                    flags=["fuzzy"] if penalized(unit, options) else [],
                )
            )
        return Serialized(str(po).encode("utf-8"), tuple(dict.fromkeys(warnings)))
