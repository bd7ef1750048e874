"""What to run: the pairs and every setting, resolved once from the config file and the CLI.

A :class:`Job` is plain data (it round-trips through JSON), so that the CLI, the Python API
and corpus mode describe work the same way and a worker process can rebuild it. Command-line
values override ``[tool.align]``; nothing downstream reads the config file again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import ConfigError, InputError
from .files import pair_name
from .model import STAGES, Stage

if TYPE_CHECKING:
    from .rules.checklist import ChecklistItem

__all__ = ["Job", "Pair", "Settings", "discover_pairs", "pair_name", "resolve_job"]


@dataclass(frozen=True)
class Pair:
    """One article pair on disk.

    The two paths are as the user gave them: unless *roles* is ``"given"``, loading detects
    which file is the Japanese one, so swapped arguments still work. An empty *name* is
    derived from the Japanese file once it is known (see :func:`pair_name`).
    """

    name: str
    ja_path: str
    en_path: str
    #: "detect": languages are detected by script; "given": ja_path is Japanese (--ja/--en),
    #: unless the script clearly says otherwise; "forced": as given, unchecked (--force-roles).
    roles: Literal["detect", "given", "forced"] = "detect"


def _freeze(value: Any) -> Any:
    """Lists and dicts from TOML/JSON as tuples, so that settings hash and compare by value."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a result (and so goes into its signature)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: (rule code or name, ((option, value), ...)), sorted; values are JSON scalars or tuples.
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    #: The user's approved glossary (TBX, TSV or CSV), or None.
    glossary: str | None = None
    presegmented: bool = False
    encoding: str | None = None
    #: Aligner parameters that differ from the defaults, as (name, value).
    aligner: tuple[tuple[str, Any], ...] = ()
    #: The user's checklist rules ([[tool.align.checklist]]).
    checklist: tuple[ChecklistItem, ...] = ()

    @property
    def options(self) -> dict[str, dict[str, Any]]:
        """Rule options as the rules take them: {"AL103": {"min_score": 70.0}}."""
        return {rule: {k: _thaw(v) for k, v in opts} for rule, opts in self.rule_options}

    def align_params(self) -> Any:
        from .aligner import AlignParams

        names = {f.name for f in dataclasses.fields(AlignParams)}
        unknown = sorted(k for k, _ in self.aligner if k not in names)
        if unknown:
            raise ConfigError(f"unknown aligner setting(s): {', '.join(unknown)}")
        return AlignParams(**{k: v for k, v in self.aligner})

    @classmethod
    def create(
        cls,
        *,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        options: Mapping[str, Mapping[str, Any]] | None = None,
        glossary: str | None = None,
        presegmented: bool = False,
        encoding: str | None = None,
        aligner: Mapping[str, Any] | None = None,
        checklist: Sequence[ChecklistItem] = (),
    ) -> Settings:
        return cls(
            tuple(select),
            tuple(ignore),
            _freeze({k: dict(v) for k, v in (options or {}).items()}),
            glossary,
            presegmented,
            encoding,
            _freeze(dict(aligner or {})),
            tuple(checklist),
        )


@dataclass(frozen=True)
class Job:
    """The pairs to check and how: the input of :func:`align.pipeline.run`."""

    pairs: tuple[Pair, ...]
    settings: Settings = field(default_factory=Settings)
    #: A baseline file whose findings are hidden (output policy, not part of the signature).
    baseline: str | None = None
    stage: Stage = "check"

    def __post_init__(self) -> None:
        if self.stage not in STAGES:  # a programming error, not the user's
            raise ValueError(f"unknown stage {self.stage!r}")

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Job:
        from .rules.checklist import ChecklistItem

        data = json.loads(text)
        s = data["settings"]
        settings = Settings(
            tuple(s["select"]),
            tuple(s["ignore"]),
            _freeze({rule: dict(opts) for rule, opts in s["rule_options"]}),
            s["glossary"],
            s["presegmented"],
            s["encoding"],
            _freeze(dict(s["aligner"])),
            tuple(ChecklistItem(**item) for item in s.get("checklist", [])),
        )
        pairs = tuple(Pair(**p) for p in data["pairs"])
        return cls(pairs, settings, data["baseline"], data["stage"])


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


def glossary_digest(entries: Sequence[Any]) -> str:
    """A short hash of a user glossary's content (not of its file format or path)."""
    rows = [
        [e.english, e.kind, [[v.form, v.status] for v in e.variants]]
        for e in sorted(entries, key=lambda e: (e.english, e.kind))
    ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def resolve_job(
    files: Sequence[str] = (),
    *,
    ja: str | None = None,
    en: str | None = None,
    config_path: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    glossary: str | None = None,
    baseline: str | None = None,
    presegmented: bool = False,
    encoding: str | None = None,
    stage: Stage = "check",
    name: str | None = None,
    corpus: Sequence[Pair] | None = None,
    force_roles: bool = False,
) -> tuple[Job, str]:
    """The job for a command line: CLI values over ``[tool.align]``, over the defaults.

    Returns the job and the effective fail-on threshold. Pairs are the two files given
    (named *name*, else after the Japanese file), else the config's ``pairs``, else every
    folder under ``sources/``; *corpus* (``align batch``) replaces all of these.
    """
    from .config import load_config
    from .rules import checklist_rules, select_rules

    cfg = load_config(config_path)
    sel, ign = tuple(select) or cfg.select, tuple(ignore) or cfg.ignore
    if sel or ign or cfg.checklist:
        # Unknown codes: an error before any file is read. With nothing to check, the rules are
        # not imported here (``align beads`` never imports them).
        select_rules(sel, ign, checklist_rules(cfg.checklist))
    if (ja is None) != (en is None):
        raise ConfigError("give both --ja and --en, or neither")
    if corpus is not None:
        pairs: tuple[Pair, ...] = tuple(corpus)
    elif ja is not None and en is not None:
        if files:
            raise ConfigError("give the files either as JA EN or with --ja/--en, not both")
        pairs = (Pair(name or "", ja, en, "forced" if force_roles else "given"),)
    elif force_roles:
        raise ConfigError("--force-roles needs --ja and --en")
    elif len(files) == 2:
        pairs = (Pair(name or "", files[0], files[1]),)
    elif files:
        raise ConfigError("give two files (JA and EN, in either order) or none")
    elif cfg.pairs:
        pairs = tuple(Pair(name, j, e) for name, j, e in cfg.pairs)
    else:
        pairs = tuple(discover_pairs())
    settings = Settings.create(
        select=sel,
        ignore=ign,
        options=cfg.rules,
        glossary=glossary or cfg.glossary,
        presegmented=presegmented,
        encoding=encoding,
        checklist=cfg.checklist,
    )
    return Job(pairs, settings, baseline or cfg.baseline, stage), cfg.fail_on
