"""What each command does with the pipeline's results: where they go and the exit status.

The CLI turns arguments into a :class:`~align.job.Job` and calls one function here; each
function runs :func:`align.pipeline.run` once and streams its results to their outputs,
so no command holds every pair's result in memory.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import EXIT_FINDINGS, EXIT_OK
from .job import Job
from .model import Severity
from .pipeline import run


def _note(message: str) -> None:
    """A one-line notice on stderr that does not stop the run (a glossary entry not applied)."""
    sys.stderr.write(f"align: {message}\n")


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or FILE written atomically (an error mid-way leaves the previous file intact)."""
    if not path:
        yield sys.stdout
        return
    from .files import atomic_writer

    with atomic_writer(path) as fh:
        yield fh


def _writer(fmt: str, out: IO[str], count: int) -> Any:
    if fmt == "json":
        from .report.json import JsonWriter

        return JsonWriter(out, count)
    if fmt == "sarif":
        from .report.sarif import SarifWriter

        return SarifWriter(out, count)
    from .report.text import TextWriter

    return TextWriter(out)


def _low_confidence(job: Job) -> float:
    """The report's "low confidence" mark follows AL801's threshold, configured or not."""
    from .rules.alignment import low_confidence

    return low_confidence(job.settings.options)


def check(job: Job, fmt: str, output: str | None, fail_on: str, ui_lang: str = "en") -> int:
    """``align check``: findings in text, JSON, SARIF or HTML; returns the exit status."""
    worst = None if fail_on == "never" else Severity.parse(fail_on)
    failed = False

    def judged(results: Iterator[Any]) -> Iterator[Any]:
        nonlocal failed
        for r in results:
            failed = failed or (worst is not None and any(f.severity >= worst for f in r.findings))
            yield r

    if fmt == "html":
        from .report.html import render
        from .report.paths import write_reports

        if len(job.pairs) > 1 and (not output or not Path(output).is_dir()):
            from .errors import ConfigError

            raise ConfigError("--format html with several pairs needs -o DIR (one page per pair)")
        html_results = judged(run(job, glossary=True, notes=_note))
        if len(job.pairs) == 1:
            with _output(output) as out:
                for r in html_results:
                    out.write(render(r, ui_lang=ui_lang, low_confidence=_low_confidence(job)))
        else:
            write_reports(html_results, output, ui_lang, low_confidence=_low_confidence(job))
    else:
        with _output(output) as out:
            writer = _writer(fmt, out, len(job.pairs))
            for r in judged(run(job, phrases=fmt == "json", notes=_note)):
                writer.add(r)
            writer.close()
    return EXIT_FINDINGS if failed else EXIT_OK


def write_baseline(job: Job, path: str) -> int:
    """``align check --write-baseline``: record every finding; returns how many."""
    from dataclasses import replace

    from .baseline import rows
    from .baseline import write_baseline as save

    collected = [row for r in run(replace(job, baseline=None)) for row in rows(r)]
    save(path, collected)
    return len(collected)


def beads(job: Job) -> None:
    """``align beads``: the alignment as vecalign beads with their confidence."""
    for r in run(job):
        sys.stdout.write("".join(f"{b.vecalign()}\t{b.score:.4f}\n" for b in r.alignment.beads))


def report(job: Job, output: str | None, ui_lang: str) -> list[Path]:
    """``align report``: one HTML page per pair; returns the paths written."""
    from .report.html import render
    from .report.paths import check_output, write_reports

    if output == "-":  # one pair (the CLI checked): the page to standard output
        for r in run(job, glossary=True, notes=_note):
            sys.stdout.write(render(r, ui_lang, low_confidence=_low_confidence(job)))
        return []
    check_output(len(job.pairs), output)
    results = run(job, glossary=True, notes=_note)
    return write_reports(results, output, ui_lang, low_confidence=_low_confidence(job))


def export(
    job: Job,
    out_dir: str | None,
    name: str | None,
    formats: tuple[str, ...],
    options: Any,
    repo_layout: bool,
) -> Iterator[tuple[list[Path], list[str]]]:
    """``align export``: the files of each pair as it is done, with the warnings to show."""
    from .export import export_pair

    if out_dir == "-":  # one format (the CLI checked): its main file to standard output
        from .export import EXPORTERS

        for result in run(job, glossary=True, notes=_note):
            data, warnings = EXPORTERS[formats[0]]().serialize(result, options)
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            yield [], list(warnings)
        return
    for result in run(job, glossary=True, notes=_note):
        done = export_pair(result, out_dir or ".", name, formats, options, repo_layout=repo_layout)
        yield list(done.paths), list(done.warnings)


def _tally(findings: Any) -> str:
    """ "AL201 ×2, AL501 ×1": how many findings of each rule."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return ", ".join(f"{rule} ×{n}" for rule, n in sorted(counts.items()))


def fix(job: Job, output: str | None, in_place: bool, diff: bool, unsafe: bool) -> int:
    """``align fix``: write the corrected Japanese (or its diff); returns the exit status.

    1 when findings with a fix this run would apply remain in what was written (with
    --diff nothing is written, so: when there is anything to fix); 0 otherwise.
    """
    from .files import write_bytes
    from .fix import fix_job, unified_diff

    remaining = False
    for o in fix_job(job, unsafe=unsafe, notes=_note):
        if diff:
            sys.stdout.write(unified_diff(o.before_text, o.after_text, o.path))
            remaining = remaining or bool(o.applied or o.remaining)
        else:
            if in_place:
                if o.changed:
                    write_bytes(o.path, o.after)
            elif output:
                write_bytes(output, o.after)
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(o.after)
                sys.stdout.buffer.flush()
            remaining = remaining or bool(o.remaining)
        verb = "would fix" if diff else "fixed"
        line = f"{o.path}: {verb} {len(o.applied)} finding{'s' if len(o.applied) != 1 else ''}"
        if o.applied:
            line += f" ({_tally(o.applied)})"
        if o.remaining:
            line += f"; {len(o.remaining)} fixable left ({_tally(o.remaining)})"
        if o.hidden:
            line += f"; {len(o.hidden)} more with --unsafe-fixes ({_tally(o.hidden)})"
        _note(line)
    return EXIT_FINDINGS if remaining else EXIT_OK


def batch(job: Job, out_dir: str, workers: int | None, scheduler: str | None, force: bool) -> int:
    """``align batch``: the corpus on Dask (see align.batch); returns the exit status."""
    from .batch import BatchOptions, run_batch

    options = BatchOptions(out_dir, workers, scheduler, force)
    s = run_batch(job.pairs, job.settings, options)
    _note(
        f"batch: {s.total} pairs, {s.ok} checked ({s.cached} from the cache), {s.failed} failed; "
        f"{s.findings} findings, {s.corpus_findings} cross-article; {s.seconds:.1f} s; "
        f"see {Path(s.out_dir) / 'dashboard.html'}"
    )
    return s.exit_code
