"""The whole job for one pair: read -> segment -> align -> check.

The CLI and the Python API both call these functions, so there is one code path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import read_text
from .model import Alignment, Document, Finding, GlossaryEntry
from .segment import order_pair, segment


@dataclass(frozen=True)
class Pair:
    """An article pair on disk, e.g. ``sources/<name>/{ja,en}.txt``."""

    name: str
    ja_path: str
    en_path: str


@dataclass(frozen=True)
class CheckResult:
    name: str
    ja: Document
    en: Document
    alignment: Alignment
    findings: tuple[Finding, ...]
    signature: str
    glossary: tuple[GlossaryEntry, ...] = field(default=())


def pair_name(ja_path: str) -> str:
    """A pair's name: its folder for sources/<pair>/ja.txt, else the file stem."""
    p = Path(ja_path)
    if p.stem in {"ja", "ja_mt", "mt"} and p.parent.name:
        return p.parent.name
    return p.stem


def load_pair(
    a: str | os.PathLike[str],
    b: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    presegmented: bool = False,
) -> tuple[Document, Document]:
    """Read two files in either order and return (ja, en) segmented documents."""
    pa, pb = os.fspath(a), os.fspath(b)
    (ja_path, ja_text), (en_path, en_text) = order_pair(
        (pa, read_text(pa, encoding)), (pb, read_text(pb, encoding))
    )
    ja = segment(ja_text, "ja", ja_path, presegmented)
    en = segment(en_text, "en", en_path, presegmented)
    return ja, en


def discover_pairs(root: str | os.PathLike[str] = "sources") -> list[Pair]:
    """Every ``<root>/<pair>/`` folder holding ja.txt and en.txt, sorted by name."""
    base = Path(root)
    if not base.is_dir():
        raise InputError("no sources/ folder here; give the JA and EN files explicitly", str(base))
    pairs = [
        Pair(d.name, str(d / "ja.txt"), str(d / "en.txt"))
        for d in sorted(base.iterdir())
        if (d / "ja.txt").is_file() and (d / "en.txt").is_file()
    ]
    if not pairs:
        raise InputError("no <pair>/ja.txt + en.txt folders found", str(base))
    return pairs


def check(
    ja: Document,
    en: Document,
    name: str = "",
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    glossary: Sequence[GlossaryEntry] = (),
    alignment: Alignment | None = None,
) -> CheckResult:
    """Align the pair (unless *alignment* is given), run the selected rules, build the glossary.

    *select*/*ignore* take rule codes, code prefixes, names or categories;
    *options* maps a rule code or name to its settings; *glossary* is the user's
    approved glossary (``--glossary``), which also decides preferred forms.
    """
    from .aligner import align
    from .rules import Context, run_rules, select_rules

    if alignment is None:
        alignment = align(en, ja)
    rules = select_rules(select, ignore)
    ctx = Context(ja, en, alignment, glossary, options)
    findings = run_rules(ctx, rules, options)
    signature = "|".join(
        [
            alignment.signature,
            f"rules:{','.join(r.code for r in rules)}" if select or ignore else "rules:all",
            *(["glossary:user"] if glossary else []),
            *(["options:" + ",".join(sorted(options))] if options else []),
        ]
    )
    return CheckResult(name or pair_name(ja.path), ja, en, alignment, findings, signature, ctx.glossary)
