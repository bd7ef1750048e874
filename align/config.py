"""Settings from ``[tool.align]`` in the nearest pyproject.toml, or from an ``align.toml``.

The search goes upward from the working directory, as ruff and pytest do; a
pyproject.toml without a ``[tool.align]`` table does not stop it. Command-line
options override the file.

Example::

    [tool.align]
    select = ["quote", "AL201"]      # codes, code prefixes (AL5), names or categories
    ignore = ["style"]
    fail-on = "warning"              # error | warning | info | never
    glossary = "glossary/approved.tbx"
    baseline = "align-baseline.json"
    pairs = [{ name = "demo", ja = "texts/ja.txt", en = "texts/en.txt" }]

    [tool.align.rules.AL103]
    min_score = 60.0
    severity = "warning"

    [[tool.align.checklist]]         # a regular-expression rule of your own (align.rules.checklist)
    code = "X001"
    pattern = "[ァ-ヺ]・[ァ-ヺ]"
    message = "middle dot between katakana words"

    [tool.align.export]
    penalty-from = "warning"         # error | warning | info | never: see align.export.tmx
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from .errors import ConfigError
from .files import pair_name

if TYPE_CHECKING:
    from .rules.checklist import ChecklistItem

__all__ = ["Config", "find_config", "load_config"]

#: The least severity that makes ``align check`` exit 1 ("never": exit 0 whatever is found).
FailOn = Literal["error", "warning", "info", "never"]
FAIL_ON: tuple[FailOn, ...] = get_args(FailOn)
#: The severity from which a unit goes to the penalty TMX instead of the main one ("never": none
#: does). Warning by default: OmegaT inserts the main memory's exact matches unasked, and a
#: warning (a broken quote, English left untranslated) is a defect a person must see first.
PenaltyFrom = Literal["error", "warning", "info", "never"]
PENALTY_FROM: tuple[PenaltyFrom, ...] = get_args(PenaltyFrom)
DEFAULT_PENALTY_FROM: PenaltyFrom = "warning"
_KEYS = {"select", "ignore", "fail-on", "glossary", "baseline", "pairs", "rules", "checklist", "export"}
_EXPORT_KEYS = {"penalty-from"}


@dataclass(frozen=True)
class Config:
    path: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: FailOn = "warning"
    glossary: str | None = None
    baseline: str | None = None
    #: (name, ja path, en path), paths resolved against the config file's folder.
    pairs: tuple[tuple[str, str, str], ...] = ()
    #: Per-rule options by code or name, e.g. {"AL103": {"min_score": 60.0}}.
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: User checklist rules from [[tool.align.checklist]], validated.
    checklist: tuple[ChecklistItem, ...] = ()
    #: [tool.align.export] penalty-from: see :data:`PENALTY_FROM`.
    penalty_from: str = DEFAULT_PENALTY_FROM


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    return data


def _section(path: Path) -> dict[str, Any] | None:
    return _located(path)[0]


def _located(path: Path) -> tuple[dict[str, Any] | None, str]:
    """align's settings in *path*, and the prefix of their keys as written there ("tool.align.")."""
    data = _toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("align") if isinstance(tool, dict) else None
        return (section if isinstance(section, dict) else None), "tool.align."
    # align.toml: top-level keys, or a [tool.align] table as in pyproject.toml.
    tool = data.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("align"), dict):
        return dict(tool["align"]), "tool.align."
    return data, ""


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest align.toml, or pyproject.toml with [tool.align], from *start* upward."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in ("align.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and _section(candidate) is not None:
                return candidate
    return None


def _strings(value: Any, key: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings", str(path))
    return tuple(v.strip() for v in value)


def _pairs(value: Any, base: Path, path: Path) -> tuple[tuple[str, str, str], ...]:
    if not isinstance(value, list):
        raise ConfigError("pairs must be a list of {name, ja, en} tables", str(path))
    out = []
    for k, item in enumerate(value):
        if isinstance(item, list) and len(item) == 2:
            item = {"ja": item[0], "en": item[1]}
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("ja"), str)
            or not isinstance(item.get("en"), str)
        ):
            raise ConfigError(f"pairs[{k}] needs ja and en paths", str(path))
        ja, en = str(base / item["ja"]), str(base / item["en"])
        name = item.get("name") or pair_name(ja, en)
        out.append((str(name), ja, en))
    return tuple(out)


def _penalty_from(section: dict[str, Any], path: Path) -> str:
    table = section.get("export", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.align.export] must be a table", str(path))
    unknown = set(table) - _EXPORT_KEYS
    if unknown:
        raise ConfigError(f"unknown [tool.align.export] key(s): {', '.join(sorted(unknown))}", str(path))
    value = table.get("penalty-from", DEFAULT_PENALTY_FROM)
    if not isinstance(value, str) or value.lower() not in PENALTY_FROM:
        raise ConfigError(f"export penalty-from must be one of {', '.join(PENALTY_FROM)}", str(path))
    return value.lower()


def load_config(path: str | os.PathLike[str] | None = None, start: str | None = None) -> Config:
    """The configuration from *path*, or from the nearest config file; defaults if none."""
    found = Path(path) if path else find_config(start)
    if found is None:
        return Config()
    if not found.is_file():
        raise ConfigError("no such config file", str(found))
    section, prefix = _located(found)
    if section is None:
        return Config(path=str(found))
    unknown = set(section) - _KEYS
    if unknown:
        raise ConfigError(f"unknown [tool.align] key(s): {', '.join(sorted(unknown))}", str(found))
    base = found.parent
    given = str(section.get("fail-on", "warning")).lower()
    fail_on = next((f for f in FAIL_ON if f == given), None)
    if fail_on is None:
        raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON)}", str(found))
    rules = section.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError("[tool.align.rules] must hold one table per rule", str(found))

    from .rules import check_options, checklist_rules
    from .rules.checklist import parse_checklist

    try:
        checklist = parse_checklist(section.get("checklist", []))
        # Every option's type and value now, not in the middle of a run (a TypeError there).
        check_options(rules, checklist_rules(checklist), lambda key: f"[{prefix}rules.{key}]")
    except ConfigError as exc:
        raise ConfigError(exc.message, str(found)) from None

    def _file(key: str) -> str | None:
        value = section.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ConfigError(f"{key} must be a file path", str(found))
        return str(base / value)

    return Config(
        path=str(found),
        select=_strings(section.get("select", []), "select", found),
        ignore=_strings(section.get("ignore", []), "ignore", found),
        fail_on=fail_on,
        glossary=_file("glossary"),
        baseline=_file("baseline"),
        pairs=_pairs(section.get("pairs", []), base, found),
        rules={str(k): dict(v) for k, v in rules.items()},
        checklist=checklist,
        penalty_from=_penalty_from(section, found),
    )
