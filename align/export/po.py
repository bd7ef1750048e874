"""Gettext PO for post-editing: ``msgctxt`` pair:bead, ``msgid`` English, ``msgstr`` Japanese.

Every English sentence is an entry (see :mod:`.editing`): an omitted one has an empty
``msgstr``, which gettext tools count as untranslated; a Japanese addition or duplicate
is shown in the ``msgstr`` of the entry it follows, with a note. Units that the TMX sets
aside (findings of the penalty severity, see :mod:`.tmx`) are ``#, fuzzy`` so that gettext
tools treat their Japanese as unreviewed. Everything align says is an extracted comment
(``#.``, the tool's channel to the translator), never a translator comment (``#``, the
translator's own): the score, each finding with its code and severity, the Japanese
with the findings' fixes applied, and the entry's place in the input files
(``align-place:``, for ``align apply``). The header names the input files with their
digests and has every field ``msgfmt --check`` asks for, with fixed values (dates from
SOURCE_DATE_EPOCH, see :mod:`.base`), so that the file is reproducible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import Exporter, ExportOptions, Serialized
from .editing import EditUnit, added_note, edit_units, place_text
from .text import clean
from .tmx import penalized
from .units import note

if TYPE_CHECKING:
    from ..model import Bitext


#: Header fields naming the input files, for ``align apply``.
JA_FILE, EN_FILE = "X-Align-Japanese-File", "X-Align-English-File"
#: The extracted comment that holds an entry's place (see :func:`.editing.place_text`).
PLACE = "align-place: "


def _comments(unit: EditUnit) -> list[str]:
    lines = [f"score {unit.unit.score:.4f}", *(note(f) for f in unit.findings)]
    lines.extend(added_note(u) for u in unit.added)
    fixed = unit.suggestion
    if fixed is not None:
        lines.append(f"suggested by {fixed.origin}: {fixed.text or '(nothing: delete the text)'}")
    if unit.place is not None:
        lines.append(PLACE + place_text(unit.place))
    return lines


class PoExporter(Exporter):
    name: ClassVar[str] = "po"
    extensions: ClassVar[tuple[str, ...]] = (".po",)

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        import polib

        from ..versions import __version__

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
        for key, source in ((JA_FILE, data.ja_file), (EN_FILE, data.en_file)):
            if source is not None:
                # Digest first: a path may hold spaces.
                po.metadata[key] = f"{source.digest} {clean(source.path, 'file name', warnings)}"
        for unit in edit_units(data.units):
            po.append(
                polib.POEntry(
                    msgctxt=unit.id,
                    msgid=unit.source,
                    msgstr=unit.target,
                    comment="\n".join(_comments(unit)),
                    # Fuzzy (unreviewed) when the TMX would set it aside, additions included.
                    flags=["fuzzy"] if unit.target and penalized(unit, options) else [],
                )
            )
        return Serialized(str(po).encode("utf-8"), tuple(dict.fromkeys(warnings)))
