"""Exports of a checked pair: TMX and PO memories, XLIFF for post-editing, TBX / OmegaT TSV / CSV glossaries.

One exporter class per format (:mod:`.tmx`, :mod:`.po`, :mod:`.xliff`, :mod:`.tbx`,
:mod:`.tsv`, :mod:`.csvfile`), all following :class:`~align.export.base.Exporter`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, OutputError
from ..files import write_bytes
from ..glossary_file import read_glossary
from .base import DEFAULT_EPOCH, Exporter, ExportOptions, GlossaryExporter, Serialized
from .csvfile import CsvExporter
from .po import PoExporter
from .tbx import TbxExporter
from .tmx import TmxExporter
from .tsv import TsvExporter
from .units import bitext_of
from .xliff import XliffExporter

if TYPE_CHECKING:
    from ..model import Bitext

__all__ = [
    "ALL_FORMATS",
    "DEFAULT_EPOCH",
    "EXPORTERS",
    "REPO_FORMATS",
    "Exported",
    "ExportOptions",
    "Exporter",
    "GlossaryExporter",
    "Serialized",
    "bitext_of",
    "export_file",
    "export_files",
    "names_file",
    "parse_formats",
    "read_glossary",
]

EXPORTERS: dict[str, type[Exporter]] = {
    cls.name: cls for cls in (TmxExporter, TbxExporter, TsvExporter, CsvExporter, PoExporter, XliffExporter)
}
#: What ``align export JA EN -o DIR`` writes by default: everything, XLIFF included, since
#: post-editing the MT in a CAT tool is what a single pair is exported for.
ALL_FORMATS: tuple[str, ...] = tuple(EXPORTERS)
#: What ``align export`` without files regenerates for each pair under sources/: the reusable
#: memories and glossaries. XLIFF and PO are per-job working files, left out of the repository.
REPO_FORMATS: tuple[str, ...] = ("tmx", "tbx", "tsv", "csv")
#: Folder of each format in the repository layout (tmx/<pair>.tmx, glossary/<pair>.tbx...).
REPO_DIRS = {
    "tmx": "tmx",
    "po": "po",
    "xliff": "xliff",
    "tbx": "glossary",
    "tsv": "glossary",
    "csv": "glossary",
}


@dataclass(frozen=True)
class Exported:
    paths: tuple[Path, ...]
    warnings: tuple[str, ...]


def parse_formats(spec: str | None, default: tuple[str, ...] = ALL_FORMATS) -> tuple[str, ...]:
    """``"tmx,po"`` -> ("tmx", "po"); unknown names are a ConfigError."""
    if not spec:
        return default
    names = tuple(dict.fromkeys(n.strip().lower() for n in spec.split(",") if n.strip()))
    unknown = [n for n in names if n not in EXPORTERS]
    if unknown or not names:
        raise ConfigError(
            f"--formats: unknown {', '.join(unknown) or '(none)'} (use {','.join(ALL_FORMATS)})"
        )
    return names


def export_files(
    data: Bitext,
    out_dir: str | os.PathLike[str],
    name: str | None = None,
    formats: tuple[str, ...] = ALL_FORMATS,
    options: ExportOptions | None = None,
    *,
    repo_layout: bool = False,
) -> Exported:
    """Write ``out_dir/NAME.<ext>`` per format of *data*, a pair's or a corpus's (or tmx/ and
    glossary/ subfolders with *repo_layout*)."""
    options = options or ExportOptions.create()
    stem = name or data.name or "align"
    if "/" in stem or "\\" in stem or stem in {".", ".."} or "\x00" in stem:
        raise ConfigError(f"--name {stem!r} must be a plain file name")
    paths: list[Path] = []
    warnings: list[str] = []
    for fmt in formats:
        exporter = EXPORTERS[fmt]()
        folder = Path(out_dir) / REPO_DIRS[fmt] if repo_layout else Path(out_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder: {exc.strerror or exc}", str(folder)) from None
        for suffix, out in exporter.outputs(data, options):
            path = folder / f"{stem}{suffix}"
            write_bytes(path, out.data)
            warnings.extend(out.warnings)
            paths.append(path)
    return Exported(tuple(paths), tuple(dict.fromkeys(warnings)))


def export_file(
    data: Bitext, path: str | os.PathLike[str], fmt: str, options: ExportOptions | None = None
) -> Exported:
    """One format into the file *path* (``export -o memory.tmx --formats tmx``); a second file of
    the format, TMX's penalty memory, goes beside it, named after it (memory.penalty-30.tmx)."""
    options = options or ExportOptions.create()
    exporter = EXPORTERS[fmt]()
    target = Path(path)
    stem = target.name[: -len(target.suffix)] if target.suffix else target.name
    paths: list[Path] = []
    warnings: list[str] = []
    for suffix, out in exporter.outputs(data, options):
        written = target if suffix == exporter.extensions[0] else target.with_name(stem + suffix)
        write_bytes(written, out.data)
        warnings.extend(out.warnings)
        paths.append(written)
    return Exported(tuple(paths), tuple(dict.fromkeys(warnings)))


def names_file(output: str, formats: tuple[str, ...]) -> bool:
    """Whether ``-o`` names the file of a single-format export rather than a folder: one
    format, and a path with one of its extensions that is not a folder."""
    from ..files import names_folder

    if len(formats) != 1 or names_folder(output):
        return False
    return Path(output).suffix.lower() in EXPORTERS[formats[0]].extensions
