"""align: Japanese-English sentence alignment and MT quality checks.

Public API (no work happens at import time; dictionaries load on first use)::

    ja, en = align.load_pair("ja.txt", "en.txt")
    alignment = align.align(en, ja)
    result = align.check(ja, en)
"""

from __future__ import annotations

from .aligner import align
from .errors import AlignError, ConfigError, InputError, LanguageError, OutputError
from .model import (
    Alignment,
    Bead,
    Document,
    Finding,
    GlossaryEntry,
    Segment,
    Severity,
    Span,
    Variant,
)
from .pipeline import CheckResult, Pair, check, discover_pairs, load_pair
from .segment import detect_language, segment

__version__ = "0.1.0"

__all__ = [
    "AlignError",
    "Alignment",
    "Bead",
    "CheckResult",
    "ConfigError",
    "Document",
    "Finding",
    "GlossaryEntry",
    "InputError",
    "LanguageError",
    "OutputError",
    "Pair",
    "Segment",
    "Severity",
    "Span",
    "Variant",
    "__version__",
    "align",
    "check",
    "detect_language",
    "discover_pairs",
    "load_pair",
    "segment",
]
