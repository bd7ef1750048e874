"""Finding messages as templates with named arguments, one text per language.

A rule declares its templates (``Rule.messages``: id -> :class:`Template`); a finding
carries the template id and the arguments, so that any output can render it in its
own language: the HTML report in its UI language, SARIF as ``message.id`` +
``message.arguments`` against the rule's ``messageStrings``. The English rendering is
also kept as ``Finding.message``, the text every other output shows.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["LANGS", "Message", "Template", "escape"]

#: The languages every template has.
LANGS: tuple[str, ...] = ("en", "ja")

_FORMATTER = string.Formatter()


def escape(text: str) -> str:
    """Literal text for a template (a user's checklist message): braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")


@dataclass(frozen=True)
class Template:
    """One message in every UI language, ``str.format`` syntax with named fields.

    Arguments are strings; a field may ask for ``!r`` (quoted as Python does), nothing else,
    so that a template maps onto SARIF's positional ``{0}`` placeholders.
    """

    en: str
    ja: str

    def text(self, lang: str) -> str:
        if lang not in LANGS:
            raise ValueError(f"unknown message language {lang!r} (use {' or '.join(LANGS)})")
        return str(getattr(self, lang))

    def names(self, lang: str | None = None) -> tuple[str, ...]:
        """The argument names, in order of first use (English first, then Japanese-only ones)."""
        out: dict[str, None] = {}
        for text in [self.text(lang)] if lang else [self.en, self.ja]:
            for _, name, _, _ in _FORMATTER.parse(text):
                if name is not None:
                    out.setdefault(name, None)
        return tuple(out)

    def render(self, lang: str, arguments: Mapping[str, str]) -> str:
        return self.text(lang).format_map(arguments)

    def sarif(self, arguments: Mapping[str, str] | None = None) -> tuple[str, list[str]]:
        """The English text with SARIF placeholders (``{0}``, literal braces doubled, §3.11.5),
        and the arguments in their order, each converted as the template asks."""
        text: list[str] = []
        fields: dict[tuple[str, str, str], int] = {}
        values: list[str] = []
        for literal, name, spec, conv in _FORMATTER.parse(self.en):
            text.append(escape(literal))
            if name is None:
                continue
            key = (name, conv or "", spec or "")
            if key not in fields:
                fields[key] = len(fields)
                if arguments is not None:
                    value: Any = arguments[name]
                    value = repr(value) if conv == "r" else value
                    values.append(format(value, spec or ""))
            text.append(f"{{{fields[key]}}}")
        return "".join(text), values


@dataclass(frozen=True)
class Message:
    """What a rule says about one finding: a template id and its named arguments (strings)."""

    id: str
    arguments: tuple[tuple[str, str], ...] = ()

    @property
    def args(self) -> dict[str, str]:
        return dict(self.arguments)
