"""``align batch``: every pair of a corpus through the one pipeline on Dask, outputs streamed.

The client keeps only a small row per pair (for the dashboard) and an index of where each
line of results.jsonl starts; check results, reports and corpus data go to disk (the cache
and the outputs) as soon as a pair's task finishes. A task is a chunk of up to 8 pairs, and
at most a few tasks per worker are in flight, so a corpus of any size runs in bounded memory.

Order of work: pairs whose key is in the cache are emitted first (no worker needed), the
others go to the cluster in chunks and are emitted as their chunk finishes (``as_completed``).
After the last pair, results.jsonl is rewritten in pair-name order and the corpus outputs are
built from the cache in that order, so the outputs do not depend on which worker finished
first. An interruption leaves results.jsonl with whole lines and the cache with whole entries:
a rerun resumes from the cache.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from ..config import DEFAULT_PENALTY_FROM
from ..errors import OutputError
from ..job import Job, Pair, Settings
from .cache import Cache, Meta, pair_key
from .inputs import file_stem
from .worker import Outcome, Task

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]

RESULTS = "results.jsonl"
DASHBOARD = "dashboard.html"
REPORTS = "reports"
CORPUS = "corpus"


@dataclass(frozen=True)
class BatchOptions:
    out_dir: str
    #: Local worker processes (default: one per core); ignored with *scheduler*.
    workers: int | None = None
    #: Address of an existing Dask scheduler, e.g. tcp://host:8786.
    scheduler: str | None = None
    #: Recompute every pair even when the cache has it.
    force: bool = False
    #: Tasks (chunks of pairs) in flight per worker: enough to keep a worker busy while the
    #: client writes.
    window: int = 3
    #: Most pairs per task (see _chunks); 1: a task per pair.
    chunk: int = 8
    #: [tool.align.export] penalty-from: the corpus memory's penalty severity.
    penalty_from: str = DEFAULT_PENALTY_FROM
    #: Serve Dask's live dashboard on this port (local cluster; None: no dashboard).
    dashboard_port: int | None = None


@dataclass(frozen=True)
class BatchSummary:
    total: int
    ok: int
    failed: int
    cached: int
    findings: int
    corpus_findings: int
    seconds: float
    out_dir: str

    @property
    def exit_code(self) -> int:
        """2 when a pair failed (its error row says why), else 0."""
        return 2 if self.failed else 0


def _report_date(pair: Pair) -> str:
    """The day the pair report shows (see align.report.view.source_date): part of the cache key."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return epoch
    times = []
    for path in (pair.ja_path, pair.en_path):
        try:
            times.append(Path(path).stat().st_mtime)
        except OSError:
            continue
    if not times:
        return ""
    return _dt.datetime.fromtimestamp(max(times), _dt.timezone.utc).strftime("%Y-%m-%d")


class _Results:
    """results.jsonl: whole lines, flushed one by one, then rewritten in pair order at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.fh: IO[bytes] = open(path, "wb")
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        self.where: dict[str, tuple[int, int]] = {}

    def add(self, name: str, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        # One write of a whole line: an interrupt lands before or after it, never inside.
        start = self.fh.tell()
        self.fh.write(data)
        self.fh.flush()
        self.where[name] = (start, len(data))

    def close(self) -> None:
        self.fh.close()

    def sort(self, names: Sequence[str]) -> None:
        """Rewrite the file with its lines in the order of *names* (atomically)."""
        from ..files import atomic_writer

        self.close()
        with open(self.path, "rb") as src, atomic_writer(self.path, "wb") as out:
            for name in names:
                if name in self.where:
                    start, size = self.where[name]
                    src.seek(start)
                    out.write(src.read(size))


def _row(pair: Pair, key: str, status: str, seconds: float, cached: bool, tail: str) -> str:
    head = {
        "name": pair.name,
        "status": status,
        "cached": cached,
        "seconds": round(seconds, 4),
        "ja": pair.ja_path,
        "en": pair.en_path,
        "key": key,
    }
    # The check JSON is spliced in as it came from the worker: never parsed or re-encoded here.
    return json.dumps(head, ensure_ascii=False)[:-1] + ", " + tail + "}"


class _Batch:
    """One run: the outputs written so far and the rows the dashboard will list."""

    def __init__(self, out: Path, cache: Cache, progress: Any) -> None:
        from .dashboard import PairRow

        self.out, self.cache, self.progress = out, cache, progress
        self.reports = out / REPORTS
        self.results = _Results(out / RESULTS)
        self.rows: dict[str, PairRow] = {}
        self.keys: dict[str, str] = {}
        self.cached = 0

    def emit(self, pair: Pair, outcome: Outcome, cached: bool = False) -> None:
        from .dashboard import PairRow

        if outcome.entry is None:
            tail = '"error": ' + json.dumps(outcome.error, ensure_ascii=False)
            self.results.add(pair.name, _row(pair, outcome.key, "error", outcome.seconds, False, tail))
            self.rows[pair.name] = PairRow(pair.name, "", error=outcome.error or "failed")
            self.progress.advance(error=True)
            return
        entry = outcome.entry
        if not entry.key:  # the files could not be hashed, yet were read: keep it for this run only
            entry = replace(entry, key="unkeyed-" + hashlib.sha256(pair.name.encode()).hexdigest())
        if not cached:
            self.cache.put(entry)
        check, html = entry.check_and_html()
        stem = file_stem(pair.name)
        report = self.reports / f"{stem}.html"
        self._write_report(report, html)
        row = _row(pair, entry.key, "ok", outcome.seconds, cached, '"check": ' + check)
        self.results.add(pair.name, row)
        summary = entry.info().summary
        self.rows[pair.name] = PairRow.from_summary(pair.name, f"{REPORTS}/{stem}.html", summary)
        self.keys[pair.name] = entry.key
        self.cached += int(cached)
        self.progress.advance()

    def _write_report(self, path: Path, html: str) -> None:
        from ..files import write_bytes

        data = html.encode("utf-8")
        try:
            if path.read_bytes() == data:
                return  # a rerun: the page is already there
        except OSError:
            pass
        write_bytes(path, data)

    def metas(self) -> Iterator[tuple[str, Meta]]:
        for name in sorted(self.keys):
            meta = self.cache.meta(self.keys[name])
            if meta is None:
                gone = f"the cache entry of {name!r} is gone (removed during the run?)"
                raise OutputError(gone, str(self.cache.root))
            yield name, meta


def _glossary_absolute(settings: Settings) -> Settings:
    """Workers elsewhere resolve paths from their own directory: give them an absolute glossary path."""
    if settings.glossary:
        return replace(settings, glossary=str(Path(settings.glossary).absolute()))
    return settings


def run_batch(
    pairs: Sequence[Pair],
    settings: Settings,
    options: BatchOptions,
    *,
    stream: IO[str] | None = None,
    tty: bool | None = None,
) -> BatchSummary:
    """Check every pair and write the outputs under ``options.out_dir``; see the module docstring."""
    from ..pipeline import Plan
    from ..progress import Progress, prepare_dictionary

    started = time.perf_counter()
    stream = stream if stream is not None else sys.stderr
    settings = _glossary_absolute(settings)
    plan = Plan(settings, "check", glossary=True, phrases=True)
    plan.validate()  # configuration errors before any pair is read or any worker started
    signature = str(plan.signature)
    out = Path(options.out_dir)
    try:
        (out / REPORTS).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}", str(out)) from None
    cache = Cache(out / "cache")
    job_json = Job((), settings).to_json()
    pending: list[Task] = []
    with Progress("batch", len(pairs), stream=stream, tty=tty) as progress:
        batch = _Batch(out, cache, progress)
        try:
            for pair in pairs:
                try:
                    key = pair_key(pair, signature, f"enc={settings.encoding}|date={_report_date(pair)}")
                except OSError:
                    key = ""  # unreadable: the worker's read gives the error row its message
                entry = cache.get(key) if key and not options.force else None
                if entry is not None:
                    batch.emit(pair, Outcome(pair.name, key, 0.0, entry), cached=True)
                else:
                    pending.append(Task(pair, key))
            if pending:
                if not options.scheduler:
                    prepare_dictionary(stream, tty)  # once here, before the workers load it
                _run_on_cluster(job_json, pending, options, batch, stream)
        except BaseException:
            batch.results.close()  # whole lines so far; the cache has every finished pair
            raise
        batch.results.sort([p.name for p in pairs])
        findings = _corpus_outputs(batch, plan, signature, out, options.penalty_from)
    rows = batch.rows.values()
    failed = sum(1 for r in rows if r.error)
    return BatchSummary(
        len(pairs),
        len(pairs) - failed,
        failed,
        batch.cached,
        sum(r.findings for r in rows),
        findings,
        time.perf_counter() - started,
        str(out),
    )


def _chunks(tasks: Sequence[Task], workers: int, most: int) -> list[tuple[Task, ...]]:
    """*tasks* in runs of up to *most* pairs: few enough per task that the scheduler's and the
    client's work per task is paid rarely, yet at least 4 tasks per worker, so that the workers
    finish together (a small corpus gets a task per pair)."""
    size = max(1, min(most, len(tasks) // (4 * max(1, workers))))
    return [tuple(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def _run_on_cluster(
    job_json: str, tasks: Sequence[Task], options: BatchOptions, batch: _Batch, stream: IO[str]
) -> None:
    from distributed import as_completed

    from .cluster import check_chunk, connect, plugin_name

    def note(line: str) -> None:
        stream.write(f"align: batch: {line}\n")
        stream.flush()

    name = plugin_name(job_json)
    with connect(job_json, options.workers, options.scheduler, options.dashboard_port, note) as client:
        workers = len(client.scheduler_info().get("workers", {})) or options.workers or 1
        todo = iter(_chunks(tasks, workers, options.chunk))
        running: dict[str, tuple[Task, ...]] = {}
        # Results are fetched by the client's event loop as they finish, not one by one here.
        futures = as_completed(with_results=True, raise_errors=False)

        def submit(n: int) -> None:
            for chunk in itertools.islice(todo, n):
                first = chunk[0]
                key = f"align-{first.pair.name}-{first.key[:16]}-{len(chunk)}"
                running[key] = chunk
                # A worker that dies mid-chunk is replaced and the chunk rerun by the scheduler
                # (up to distributed.scheduler.allowed-failures); retries covers task errors.
                chunk = tuple(replace(t, plugin=name) for t in chunk)
                futures.add(client.submit(check_chunk, chunk, key=key, retries=2, pure=False))

        submit(workers * options.window)
        for future, result in futures:  # (future, outcomes or the error)
            chunk = running.pop(str(future.key))
            if future.status == "finished":
                outcomes: list[Outcome] = result
            else:
                exc = future.exception()
                failure = f"worker failure: {type(exc).__name__}: {exc}"
                outcomes = [Outcome(t.pair.name, t.key, 0.0, error=failure) for t in chunk]
            future.release()
            for task, outcome in zip(chunk, outcomes, strict=True):
                batch.emit(task.pair, outcome)
            submit(1)


def _corpus_outputs(batch: _Batch, plan: Any, signature: str, out: Path, penalty_from: str) -> int:
    """The corpus memory, glossary, cross-article findings and dashboard; returns the finding count."""
    from ..export import ExportOptions
    from ..export.tmx import PENALTY_SUFFIX
    from ..files import write_text
    from .consistency import corpus_findings
    from .corpus import CorpusGlossary, CorpusMemory, write_corpus_glossary
    from .dashboard import render_dashboard

    options = ExportOptions.create(penalty_from=penalty_from)
    memory, glossary = CorpusMemory(), CorpusGlossary()
    for name, meta in batch.metas():
        memory.add(meta.units)
        glossary.add(name, meta.glossary)
    tmx, penalty = out / f"{CORPUS}.tmx", out / f"{CORPUS}{PENALTY_SUFFIX}"
    memory.write(batch.metas, tmx, penalty, signature, CORPUS, options)
    paths = write_corpus_glossary(glossary.entries(), out, CORPUS, signature, options)
    findings = corpus_findings(list(glossary.terms.values()), [r.code for r in plan.rules])
    rows = [
        {
            "rule": f.rule,
            "name": f.name,
            "category": f.category,
            "severity": str(f.severity),
            "message": f.message,
            "message_id": f.message_id,
            "arguments": dict(f.arguments),
            "expected": f.english,
            "preferred": f.preferred,
            "forms": [{"form": form, "articles": list(arts), "count": n} for form, arts, n in f.forms],
        }
        for f in findings
    ]
    write_text(out / "corpus-findings.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    outputs = [
        ("results.jsonl", RESULTS),
        ("corpus TMX", f"{CORPUS}.tmx"),
        ("penalty TMX", f"{CORPUS}{PENALTY_SUFFIX}"),
        *((f"glossary {p.suffix[1:].upper()}", p.name) for p in paths),
        ("cross-article findings (JSON)", "corpus-findings.json"),
    ]
    page = render_dashboard(out.resolve().name, list(batch.rows.values()), findings, signature, outputs)
    write_text(out / DASHBOARD, page)
    return len(findings)
