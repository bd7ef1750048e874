r"""User checklists: regular-expression rules declared in ``[tool.align]``, like Xbench's checklists.

Each entry becomes a rule with its own code, name, category and severity, so that
``--select``/``--ignore``, ``[tool.align.rules.<CODE>]``, ``align rules`` and every output
treat it like a built-in rule::

    [[tool.align.checklist]]
    code = "X001"                    # letters then digits; AL codes are reserved
    name = "no-katakana-middle-dot"  # kebab-case (default: checklist-<code>)
    pattern = "[ァ-ヺ]・[ァ-ヺ]"       # Python regex, searched in each Japanese sentence
    message = "middle dot between katakana words"
    severity = "warning"             # error | warning | info (default warning)
    category = "style"               # one of align.model.CATEGORIES (default style)
    en_pattern = "(?i)\\bwidget"     # optional: the aligned English must match too
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from ..errors import ConfigError
from ..messages import Template, escape
from ..model import CATEGORIES, Category, Finding, Severity
from .base import Context, Rule
from .registry import all_rules

__all__ = ["ChecklistItem", "ChecklistRule", "checklist_rules", "parse_checklist"]

_CODE = re.compile(r"[A-Z][A-Z0-9]*[0-9]")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = {"code", "name", "pattern", "message", "severity", "category", "en_pattern"}


@dataclass(frozen=True)
class ChecklistItem:
    """One checklist entry as written in the config (strings only, so it round-trips through JSON)."""

    code: str
    name: str
    pattern: str
    message: str
    severity: str = "warning"
    category: Category = "style"
    en_pattern: str = ""


class ChecklistRule(Rule):
    """Base of the rules made from checklist entries (see :func:`checklist_rules`)."""

    item: ClassVar[ChecklistItem]
    pattern: ClassVar[re.Pattern[str]]
    en_pattern: ClassVar[re.Pattern[str] | None] = None

    def check(self, ctx: Context) -> Iterator[Finding]:
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            k = ctx.bead_of_ja.get(seg.index)
            en = ctx.bead(k).en if k is not None else ()
            matches = list(self.pattern.finditer(seg.text))
            if not matches:
                continue
            if self.en_pattern is not None:
                english = ctx.en_text(ctx.bead(k)) if k is not None else ""
                if not self.en_pattern.search(english):
                    continue
            for m in matches:
                yield self.finding(
                    self.say("checklist"), ja=[seg.index], en=en, spans=[ctx.ja_span(seg, m.start(), m.end())]
                )


def _compile(item: ChecklistItem, key: str, value: str) -> re.Pattern[str]:
    try:
        pattern = re.compile(value)
    except re.error as exc:
        raise ConfigError(f"checklist {item.code}: bad {key} {value!r}: {exc}") from None
    if key == "pattern" and pattern.fullmatch(""):
        raise ConfigError(f"checklist {item.code}: pattern {value!r} matches the empty string")
    return pattern


def parse_checklist(entries: Any) -> tuple[ChecklistItem, ...]:
    """Validate ``[[tool.align.checklist]]`` tables; ConfigError names the entry and the problem."""
    if not isinstance(entries, list):
        raise ConfigError("checklist must be a list of tables ([[tool.align.checklist]])")
    builtin = all_rules()
    taken_codes = {r.code for r in builtin}
    taken_names = {r.name for r in builtin} | set(CATEGORIES)
    items: list[ChecklistItem] = []
    for n, entry in enumerate(entries):
        where = f"checklist[{n}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where} must be a table with code, pattern and message")
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
        missing = [k for k in ("code", "pattern", "message") if not entry.get(k)]
        if missing or not all(isinstance(v, str) for v in entry.values()):
            raise ConfigError(f"{where} needs string values for code, pattern and message")
        code = entry["code"].strip().upper()
        where = f"checklist {code}"
        if not _CODE.fullmatch(code):
            raise ConfigError(f"{where}: a code is letters then digits, e.g. X001")
        if code.startswith("AL") or code in taken_codes:
            raise ConfigError(f"{where}: codes starting with AL are align's own; choose another prefix")
        name = entry.get("name", f"checklist-{code.lower()}").strip()
        if not _NAME.fullmatch(name):
            raise ConfigError(f"{where}: name {name!r} must be kebab-case, e.g. no-double-dot")
        if code in {i.code for i in items}:
            raise ConfigError(f"{where}: the code is used by another checklist entry")
        if name in taken_names | {i.name for i in items}:
            raise ConfigError(f"{where}: name {name!r} is already a rule name or a category")
        given = entry.get("category", "style").strip().lower()
        category = next((c for c in CATEGORIES if c == given), None)
        if category is None:
            raise ConfigError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
        try:
            severity = str(Severity.parse(entry.get("severity", "warning")))
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        item = ChecklistItem(
            code, name, entry["pattern"], entry["message"], severity, category, entry.get("en_pattern", "")
        )
        _compile(item, "pattern", item.pattern)
        if item.en_pattern:
            _compile(item, "en_pattern", item.en_pattern)
        items.append(item)
    return tuple(items)


@lru_cache(maxsize=32)
def checklist_rules(items: tuple[ChecklistItem, ...]) -> tuple[type[Rule], ...]:
    """One rule class per checklist entry, built once per checklist (classes compare by identity)."""
    rules: list[type[Rule]] = []
    for item in items:
        doc = (
            f"{item.message}\n\nA user checklist rule (``[[tool.align.checklist]]``): the pattern\n"
            f"``{item.pattern}`` found in a Japanese sentence"
            + (f", when the aligned English matches ``{item.en_pattern}``" if item.en_pattern else "")
            + "."
        )
        attrs = {
            "__doc__": doc,
            "__module__": __name__,
            "code": item.code,
            "name": item.name,
            "category": item.category,
            "severity": Severity.parse(item.severity),
            "item": item,
            # The user's own words, in whatever language they wrote them, for every UI language.
            "messages": {"checklist": Template(escape(item.message), escape(item.message))},
            "pattern": _compile(item, "pattern", item.pattern),
            "en_pattern": _compile(item, "en_pattern", item.en_pattern) if item.en_pattern else None,
        }
        rules.append(type(f"Checklist{item.code}", (ChecklistRule,), attrs))
    return tuple(rules)
