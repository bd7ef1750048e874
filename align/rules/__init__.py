"""The rules: selecting them, configuring them and running them over one pair.

The built-in rules are an explicit list (:mod:`.registry`), so that ``align rules`` and the
docs are complete; the corpus rules (:mod:`.corpus`) and a user's checklist rules are known
here too, so that every output can render their messages. Options are typed records
(:mod:`.options`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..errors import ConfigError
from ..messages import Template
from ..model import CATEGORIES, Finding
from .base import Context, Rule
from .options import check_tables
from .registry import all_rules

__all__ = [
    "Context",
    "Rule",
    "all_rules",
    "check_options",
    "checklist_rules",
    "get_rule",
    "instantiate",
    "message_text",
    "template_of",
    "run_rules",
    "select_rules",
]


@lru_cache(maxsize=1)
def _by_code() -> dict[str, type[Rule]]:
    from .corpus import RULES as CORPUS_RULES

    return {r.code: r for r in (*all_rules(), *CORPUS_RULES)}


def template_of(finding: Finding, extra: Sequence[type[Rule]] = ()) -> Template | None:
    """The template a finding's message was made from (None: plain text, or an unknown rule)."""
    rule = next((r for r in extra if r.code == finding.rule), None) or _by_code().get(finding.rule)
    return rule.messages.get(finding.message_id) if rule is not None and finding.message_id else None


def message_text(finding: Finding, lang: str, extra: Sequence[type[Rule]] = ()) -> str:
    """A finding's message in *lang* ("en" or "ja"), from its rule's template.

    A finding with no template keeps the English text it carries in every language.
    """
    template = template_of(finding, extra)
    return finding.message if template is None else template.render(lang, dict(finding.arguments))


def checklist_rules(items: Sequence[Any]) -> tuple[type[Rule], ...]:
    """The rules of a user checklist (align.rules.checklist.ChecklistItem entries)."""
    from .checklist import checklist_rules as build

    return build(tuple(items)) if items else ()


def get_rule(code: str, extra: Sequence[type[Rule]] = ()) -> type[Rule]:
    """A rule by code (AL201) or name (name-variant), built in or in *extra*; ConfigError if unknown."""
    key = code.strip()
    for r in (*all_rules(), *extra):
        if key.upper() == r.code or key.lower() == r.name:
            return r
    raise ConfigError(f"unknown rule {code!r} (see `align rules`)")


def _matches(rule: type[Rule], key: str) -> bool:
    k = key.strip()
    prefix = re.fullmatch(r"([A-Z]+)[0-9]*", k.upper())
    return (
        rule.code == k.upper()
        or rule.name == k.lower()
        or rule.category == k.lower()
        # A code prefix: all its letters (AL, X) and any leading digits (AL5, X0).
        or (prefix is not None and rule.code.startswith(k.upper()) and rule.code[len(prefix[1])].isdigit())
    )


def _check_keys(keys: Iterable[str], rules: Sequence[type[Rule]]) -> None:
    for k in keys:
        if not any(_matches(r, k) for r in rules) and k.lower() not in CATEGORIES:
            raise ConfigError(f"unknown rule or category {k!r} in --select/--ignore (see `align rules`)")


def select_rules(
    select: Sequence[str] = (), ignore: Sequence[str] = (), extra: Sequence[type[Rule]] = ()
) -> tuple[type[Rule], ...]:
    """Rules chosen by code, code prefix (AL5), name or category; ignore wins over select.

    *extra* are rules beyond the built-in ones (a user checklist), selected the same way.
    """
    rules = (*all_rules(), *extra)
    _check_keys([*select, *ignore], rules)
    chosen = [r for r in rules if not select or any(_matches(r, k) for k in select)]
    return tuple(r for r in chosen if not any(_matches(r, k) for k in ignore))


def check_options(
    tables: Mapping[str, Mapping[str, Any]],
    extra: Sequence[type[Rule]] = (),
    where: Callable[[str], str] | None = None,
) -> None:
    """Validate the user's option tables against every rule (built in, corpus, and *extra*):
    each table names a rule, each option is one of its record's, of the right type and value.
    ConfigError names the key; *where* says how the user wrote a table (see rules.options)."""
    from .corpus import RULES as CORPUS_RULES

    check_tables((*all_rules(), *CORPUS_RULES, *extra), tables, where)


def instantiate(
    rules: Sequence[type[Rule]], options: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[Rule, ...]:
    """The rules with their options (by code or name); unknown options raise ConfigError."""
    return tuple(cls.configured(options) for cls in rules)


def run_rules(
    ctx: Context,
    rules: Sequence[type[Rule]] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[Finding, ...]:
    """Run *rules* (default: all) and return their findings in a stable order."""
    findings: list[Finding] = []
    for rule in instantiate(all_rules() if rules is None else rules, options):
        findings.extend(rule.check(ctx))
    return tuple(sorted(findings, key=_order))


def _order(f: Finding) -> tuple[int, int, str, tuple[int, ...], str]:
    """Reading order of where a finding is reported: its first Japanese span, else sentence."""
    first = next((s for s in f.spans if s.side == "ja"), None)
    if first is not None:
        where = (first.sentence, first.start)
    elif f.ja:
        where = (f.ja[0], 0)
    else:
        where = (f.anchor if f.anchor is not None else 10**9, 10**9)
    return (*where, f.rule, f.en, f.message)
