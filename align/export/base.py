"""The exporter contract: one class per format, declared by class attributes.

An exporter turns a :class:`~align.model.Bitext` (the units and glossary entries of
a pair or a corpus, see :func:`align.export.units.bitext_of`) into the bytes of one
file (``serialize``) and ``write`` stores them atomically. Everything a format
needs beyond them lives in :class:`ExportOptions`, so that the same input and
options always give byte-identical output.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from ..config import DEFAULT_PENALTY_FROM, PENALTY_FROM
from ..errors import ConfigError
from ..files import write_bytes
from ..model import CATEGORIES, Severity

if TYPE_CHECKING:
    from ..model import Bitext, GlossaryEntry

#: Used when SOURCE_DATE_EPOCH is unset: 1980-01-01T00:00:00Z, the reproducible-builds
#: convention (ZIP's earliest date). Any clock or file mtime would differ per checkout.
DEFAULT_EPOCH = 315532800

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_SEVERITIES = frozenset(str(s) for s in Severity)


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set (https://reproducible-builds.org/specs/source-date-epoch/)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return DEFAULT_EPOCH
    if not raw.isdigit():
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class ExportOptions:
    """Settings shared by every exporter. Build with :meth:`create` to validate user input."""

    en_lang: str = "en"
    ja_lang: str = "ja"
    #: Beads scoring below this are left out of the memory (TMX, PO).
    min_score: float | None = None
    #: Categories (``name-variant``...) or severities (``error``...) whose beads are left out.
    exclude: frozenset[str] = field(default_factory=frozenset)
    epoch: int = DEFAULT_EPOCH
    #: A memory unit with a finding this severe or worse goes to the penalty TMX, not the main
    #: one; None: every unit goes to the main one ([tool.align.export] penalty-from = "never").
    penalty_from: Severity | None = Severity.WARNING

    @classmethod
    def create(
        cls,
        *,
        en_lang: str = "en",
        ja_lang: str = "ja",
        min_score: float | None = None,
        exclude: str | frozenset[str] = "",
        epoch: int | None = None,
        penalty_from: str = DEFAULT_PENALTY_FROM,
    ) -> ExportOptions:
        for tag in (en_lang, ja_lang):
            if not _LANG_TAG.match(tag):
                raise ConfigError(f"{tag!r} is not a language tag such as en, en-US or ja-JP")
        if isinstance(exclude, str):
            exclude = frozenset(t.strip().lower() for t in exclude.split(",") if t.strip())
        unknown = sorted(t for t in exclude if t not in _SEVERITIES and t not in CATEGORIES)
        if unknown:
            raise ConfigError(
                f"--exclude: unknown {', '.join(unknown)} "
                f"(use error, warning, info or a category: {', '.join(CATEGORIES)})"
            )
        # Bead scores run 0-1; a percentage such as 65 would silently leave every memory empty.
        # Written as "not inside" so that NaN, which compares false to everything, fails too.
        if min_score is not None and not 0.0 <= min_score <= 1.0:
            raise ConfigError(f"--min-score {min_score:g}: must be between 0 and 1")
        if penalty_from not in PENALTY_FROM:
            raise ConfigError(f"--penalty-from {penalty_from!r}: use {', '.join(PENALTY_FROM)}")
        penalty = None if penalty_from == "never" else Severity.parse(penalty_from)
        when = source_date_epoch() if epoch is None else epoch
        return cls(en_lang, ja_lang, min_score, exclude, when, penalty)

    @property
    def penalty_policy(self) -> str:
        """The penalty threshold as the config spells it: "warning", or "never"."""
        return "never" if self.penalty_from is None else str(self.penalty_from)

    @property
    def tmx_date(self) -> str:
        """The creation date in TMX's basic ISO 8601 form, e.g. 19800101T000000Z."""
        return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(self.epoch))

    @property
    def iso_date(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(self.epoch))

    @property
    def xml_date(self) -> str:
        """The creation date as an XML Schema dateTime (XLIFF), e.g. 1980-01-01T00:00:00Z."""
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.epoch))


class Serialized(NamedTuple):
    data: bytes
    #: Human-readable notes about text that had to be changed (illegal characters, empty units).
    warnings: tuple[str, ...]


class Exporter:
    """One file format. Subclasses set the class attributes and implement ``serialize``."""

    #: Short name used by ``--formats``.
    name: ClassVar[str] = ""
    #: File name extensions, the first one is used for writing.
    extensions: ClassVar[tuple[str, ...]] = ()
    #: "memory" formats hold translation units; "glossary" formats hold terms.
    kind: ClassVar[str] = "memory"

    def serialize(self, data: Bitext, options: ExportOptions) -> Serialized:
        raise NotImplementedError

    def outputs(self, data: Bitext, options: ExportOptions) -> tuple[tuple[str, Serialized], ...]:
        """(file name suffix, content) of every file of this format for one pair or corpus.

        Most formats write one file; TMX adds a penalty memory beside the main one.
        """
        return ((self.extensions[0], self.serialize(data, options)),)

    def write(self, data: Bitext, path: str | os.PathLike[str], options: ExportOptions) -> Serialized:
        """Serialize and replace *path* atomically (a temp file renamed into place)."""
        out = self.serialize(data, options)
        write_bytes(Path(path), out.data)
        return out


class GlossaryExporter(Exporter):
    """A glossary format that :func:`align.glossary_file.read_glossary` can also read back."""

    kind: ClassVar[str] = "glossary"

    def read(self, path: str | os.PathLike[str]) -> list[GlossaryEntry]:
        raise NotImplementedError
