"""What a worker does with one pair: the one pipeline (``Plan.check_pair``), then everything the
corpus outputs need from it, packed as a cache entry.

Each worker process builds one :class:`Checker` (the job's :class:`~align.pipeline.Plan`, the
tokenizer and the dictionary indexes loaded once) through a Dask worker plugin
(:mod:`align.batch.cluster`). The same Checker runs in-process for benchmarks and tests, so
there is one per-pair code path. Nothing here imports Dask.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..job import Job, Pair

if TYPE_CHECKING:
    from ..model import CheckResult, Document, GlossaryEntry
    from ..pipeline import Plan
    from .cache import Entry, Summary, UnitRow

__all__ = ["Checker", "Outcome", "Task"]


@dataclass(frozen=True)
class Task:
    """One pair to check, its cache key, and the name of the plugin holding the checker."""

    pair: Pair
    key: str
    plugin: str = ""


@dataclass(frozen=True)
class Outcome:
    """A worker's answer: the entry to cache and keep, or the error that replaced it."""

    name: str
    key: str
    seconds: float
    entry: Entry | None = None
    error: str = ""


def _summary(result: CheckResult) -> Summary:
    from .cache import Summary

    severities = Counter(str(f.severity) for f in result.findings)
    return Summary(
        ja_sentences=len(result.ja.segments),
        en_sentences=len(result.en.segments),
        beads=len(result.alignment.beads),
        findings=len(result.findings),
        severities={s: severities[s] for s in ("error", "warning", "info")},
        categories=dict(sorted(Counter(f.category for f in result.findings).items())),
        rules=dict(sorted(Counter(f.rule for f in result.findings).items())),
    )


def _units(result: CheckResult) -> tuple[UnitRow, ...]:
    """The memory units of the pair, as the corpus memory merges them (see corpus.unit_row)."""
    from ..export import ExportOptions
    from ..export.tmx import in_memory
    from ..export.units import units_of
    from .corpus import unit_row

    units, _ = units_of(result, ExportOptions())
    return tuple(unit_row(u) for u in units if in_memory(u))


def _glossary(result: CheckResult) -> tuple[GlossaryEntry, ...]:
    """The pair's glossary, cleaned as the exports clean it; variants without sentence indices."""
    from ..export.units import glossary_entries

    entries, _ = glossary_entries(result.glossary or (), result.name)
    return tuple(replace(e, variants=tuple(replace(v, sentences=()) for v in e.variants)) for e in entries)


def _sample_pair() -> tuple[Document, Document]:
    """A tiny pair of plain sentences (no names) that exercises every stage."""
    from ..segment import segment

    ja = "委員会は月曜日に会合を開いた。\n委員会は300万ドルの予算を承認した。\n"
    en = "The committee met on Monday.\nThe committee approved a budget of $3 million.\n"
    return segment(ja, "ja", "warm-up/ja.txt"), segment(en, "en", "warm-up/en.txt")


class Checker:
    """A job's plan, resolved once per process, applied to one pair at a time."""

    def __init__(self, job_json: str) -> None:
        from ..pipeline import Plan

        job = Job.from_json(job_json)
        # The glossary stage feeds the report and the corpus glossary; the phrase layer is part
        # of the check JSON (as with ``align check --format json``).
        self.plan: Plan = Plan(job.settings, "check", glossary=True, phrases=True)
        self.plan.validate()

    def warm_up(self) -> None:
        """Load the tokenizer and the dictionary indexes now, not inside the first pair's timing."""
        from ..lexicon.dictionary import build_indexes
        from ..lexicon.tokens import tokenize
        from ..lexicon.translit import predicted_katakana

        tokenize("準備")  # the tagger
        build_indexes()  # normally there already: then a no-op (look-ups are per word, nothing to load)
        predicted_katakana("warm")  # the e2k model
        _ = self.plan.signature
        # One small pair through the whole path: imports, compiled patterns and templates are
        # then ready, so that the first real pair is timed like the others.
        self.pack(self.plan.check_documents(*_sample_pair(), "warm-up"), "")

    def pack(self, result: CheckResult, key: str) -> Entry:
        """What every output needs from one checked pair: check JSON, report page, corpus data."""
        from ..report.html import render
        from ..report.json import result_dict
        from ..rules.alignment import low_confidence
        from .cache import Entry, Meta

        check = json.dumps(result_dict(result), ensure_ascii=False, separators=(",", ":"))
        meta = Meta(_summary(result), _units(result), _glossary(result))
        page = render(result, low_confidence=low_confidence(self.plan.settings.options))
        return Entry.pack(key, check, page, meta)

    def outcome(self, task: Task) -> Outcome:
        """Check one pair; any failure becomes an error outcome (the batch goes on)."""
        from ..errors import AlignError

        start = time.perf_counter()
        try:
            entry = self.pack(self.plan.check_pair(task.pair), task.key)
        except AlignError as exc:
            return Outcome(task.pair.name, task.key, time.perf_counter() - start, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - one crashing pair must not stop the corpus
            message = f"internal error: {type(exc).__name__}: {exc}"
            return Outcome(task.pair.name, task.key, time.perf_counter() - start, error=message)
        return Outcome(task.pair.name, task.key, time.perf_counter() - start, entry)
