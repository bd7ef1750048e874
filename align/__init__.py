"""align: Japanese-English sentence alignment and MT quality checks.

Public API (no work happens at import time; dictionaries load on first use)::

    ja, en = align.load_pair("ja.txt", "en.txt")
    alignment = align.align(en, ja)
    result = align.check(ja, en)

    job = align.Job((align.Pair("demo", "ja.txt", "en.txt"),), align.Settings.create(ignore=["style"]))
    for result in align.run(job):   # one CheckResult per pair, streamed
        ...
"""

from __future__ import annotations

from .aligner import align
from .errors import AlignError, ConfigError, InputError, LanguageError, OutputError
from .job import Job, Pair, Settings, discover_pairs
from .model import (
    Alignment,
    Bead,
    CheckResult,
    Document,
    Edit,
    Finding,
    Fix,
    GlossaryEntry,
    Segment,
    Severity,
    Signature,
    Span,
    Variant,
)
from .pipeline import check, load_pair, run
from .segment import detect_language, segment
from .versions import __version__

__all__ = [
    "AlignError",
    "Alignment",
    "Bead",
    "CheckResult",
    "ConfigError",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "GlossaryEntry",
    "InputError",
    "Job",
    "LanguageError",
    "OutputError",
    "Pair",
    "Segment",
    "Settings",
    "Severity",
    "Signature",
    "Span",
    "Variant",
    "__version__",
    "align",
    "check",
    "detect_language",
    "discover_pairs",
    "load_pair",
    "run",
    "segment",
]
