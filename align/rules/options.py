"""Rule options: the one place a user's tables become each rule's typed record.

A rule declares its options as a frozen dataclass with defaults, a subclass of the model's
:class:`~align.model.RuleOptions`::

    @dataclass(frozen=True)
    class DuplicateOptions(RuleOptions):
        min_score: float = bounded(60.0, 0, 100)

    class Duplicate(Rule):
        Options = DuplicateOptions
        options: DuplicateOptions

A user sets them in ``[tool.align.rules.<CODE>]`` or ``[tool.align.rules.<name>]`` (or the
Python API's ``options={"AL103": {...}}``), plus ``severity`` for every rule. The tables are
merged here, by name then code (the code wins), and checked against the record's field
types when the config is read: a wrong type or value is a :class:`~align.errors.ConfigError`
naming the key, never a TypeError deep inside a rule.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, Literal, Protocol, get_args, get_origin, get_type_hints

from ..errors import ConfigError
from ..model import Configured, RuleOptions, Severity, bounded

__all__ = [
    "Configured",
    "RuleOptions",
    "bounded",
    "check_tables",
    "configure",
    "option_defaults",
    "rule_table",
]


class RuleLike(Protocol):
    """What this module needs of a rule class (align.rules.base.Rule), without importing it."""

    code: ClassVar[str]
    name: ClassVar[str]
    Options: ClassVar[type[RuleOptions]]


def _matches(rule: type[RuleLike], key: str) -> bool:
    return key.strip().upper() == rule.code or key.strip().lower() == rule.name


def rule_table(rule: type[RuleLike], tables: Mapping[str, Mapping[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The user's options for *rule*: its table by name, overridden by its table by code.

    Returns the key to name in errors (the code's table if given) and the merged table.
    """
    by_name = [k for k in tables if k.strip().lower() == rule.name]
    by_code = [k for k in tables if k.strip().upper() == rule.code]
    merged: dict[str, Any] = {}
    for key in (*by_name, *by_code):
        merged.update(tables[key])
    where = (by_code or by_name or [rule.code])[-1]
    return where, merged


def configure(
    rule: type[RuleLike],
    tables: Mapping[str, Mapping[str, Any]] | None,
    where: Callable[[str], str] | None = None,
) -> Configured:
    """*rule*'s record and severity from the user's *tables*; ConfigError names a bad key.

    *where* turns a table key into how the user wrote it (``[tool.align.rules.AL103]``).
    """
    key, table = rule_table(rule, tables or {})
    return parse_table(rule, table, (where or _api_where)(key))


def _api_where(key: str) -> str:
    return f"options[{key!r}]"


def check_tables(
    rules: Sequence[type[RuleLike]],
    tables: Mapping[str, Mapping[str, Any]],
    where: Callable[[str], str] | None = None,
) -> None:
    """Validate every table: each names one of *rules*, and each of its options is right."""
    show = where or _api_where
    for key in tables:
        if not any(_matches(r, key) for r in rules):
            raise ConfigError(f"{show(key)}: unknown rule (see `align rules`)")
        if not isinstance(tables[key], Mapping):
            raise ConfigError(f"{show(key)}: expected a table of options")
    for rule in rules:
        configure(rule, tables, show)


def parse_table(rule: type[RuleLike], table: Mapping[str, Any], where: str) -> Configured:
    """One rule's merged table as its record; *where* names the table in errors."""
    record: Any = rule.Options  # a class: hashable, whatever mypy makes of a dataclass's __hash__
    fields = _fields(record)
    values: dict[str, Any] = {}
    severity = None
    for name in sorted(table):
        value = table[name]
        if name == "severity":
            severity = _severity(value, f"{where} severity")
        elif name in fields:
            values[name] = _value(value, fields[name], f"{where} {name}")
        else:
            known = ", ".join([*fields, "severity"])
            raise ConfigError(f"{where} {name}: unknown option (the options are {known})")
    return Configured(rule.Options(**values), severity, tuple(sorted(table)))


def option_defaults(rule: type[RuleLike]) -> dict[str, str]:
    """The rule's options and their defaults, written as in TOML (``mode = "consistent"``)."""
    record = rule.Options()
    return {
        name: json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        for name, value in dataclasses.asdict(record).items()
    }


# --- checking one value against its field ---------------------------------------


@dataclass(frozen=True)
class _Field:
    kind: Any
    low: float | None = None
    high: float | None = None


@cache
def _fields(options: Any) -> dict[str, _Field]:
    hints = get_type_hints(options)
    return {
        f.name: _Field(hints[f.name], f.metadata.get("low"), f.metadata.get("high"))
        for f in dataclasses.fields(options)
    }


def _show(value: Any) -> str:
    """A value as the user wrote it in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _severity(value: Any, where: str) -> Severity:
    try:
        if isinstance(value, str):
            return Severity.parse(value)
    except ValueError:
        pass
    raise ConfigError(f"{where}: expected error, warning or info, got {_show(value)}")


def _value(value: Any, spec: _Field, where: str) -> Any:
    kind = spec.kind
    if get_origin(kind) is Literal:
        choices = get_args(kind)
        if value not in choices or isinstance(value, bool):
            shown = ", ".join(_show(c) for c in choices)
            raise ConfigError(f"{where}: expected one of {shown}, got {_show(value)}")
        return value
    if get_origin(kind) is tuple:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {_show(value)}")
        return tuple(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {_show(value)}")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {_show(value)}")
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"{where}: expected a whole number, got {_show(value)}")
        _check_range(value, spec, where)
        return value
    if kind is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ConfigError(f"{where}: expected a number, got {_show(value)}")
        _check_range(value, spec, where)
        return float(value)
    raise TypeError(f"{where}: option type {kind!r} is not supported")  # a rule's bug, not the user's


def _check_range(value: float, spec: _Field, where: str) -> None:
    low, high = spec.low, spec.high
    if (low is None or value >= low) and (high is None or value <= high):
        return
    if high is None:
        wanted = f"at least {low:g}"
    elif low is None:
        wanted = f"at most {high:g}"
    else:
        wanted = f"from {low:g} to {high:g}"
    raise ConfigError(f"{where}: expected a number {wanted}, got {_show(value)}")
