"""Typed user-facing errors.

The CLI turns every :class:`AlignError` into one line on stderr and exit code 2;
anything else is a bug and keeps its traceback (``--debug`` shows it for these too).
"""

from __future__ import annotations

#: align's exit codes: clean, findings at or above --fail-on, a user's error (AlignError), a bug.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


class AlignError(Exception):
    """Base class for errors caused by the user's input or environment."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(AlignError):
    """An input file is missing, unreadable, empty, binary or undecodable."""


class LanguageError(AlignError):
    """The two inputs are not one Japanese and one English text."""


class OutputError(AlignError):
    """An output could not be written (missing directory, permissions, disk full)."""


class ConfigError(AlignError):
    """A configuration file, glossary or baseline is malformed."""
