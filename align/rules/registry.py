"""The explicit list of built-in rules, so that ``align rules`` and the docs are complete.

Apart from the package's ``__init__`` so that rule modules that need the list (the checklist,
which must not reuse a built-in code or name) import it without a cycle.
"""

from __future__ import annotations

from .base import Rule

__all__ = ["all_rules"]


def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, ordered by code."""
    from . import (
        alignment,
        duplicate,
        glossary,
        names,
        numbers,
        omission,
        quotes,
        repeats,
        style,
        truncated,
        untranslated,
    )

    families = (
        omission,
        duplicate,
        names,
        glossary,
        truncated,
        numbers,
        quotes,
        untranslated,
        style,
        repeats,
        alignment,
    )
    rules = [r for fam in families for r in fam.RULES]
    return tuple(sorted(rules, key=lambda r: r.code))
