"""What each command does with the pipeline's results: where they go and the exit status.

The CLI turns arguments into a :class:`~align.job.Job` and calls one function here; each
function runs :func:`align.pipeline.run` once and streams its results to their outputs,
so no command holds every pair's result in memory.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Iterable, Iterator
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


def _low_confidence(job: Job) -> float:
    """The report's "low confidence" mark follows AL801's threshold, configured or not."""
    from .rules.alignment import low_confidence

    return low_confidence(job.settings.options)


def check(job: Job, fmt: str, output: str | None, fail_on: str, ui_lang: str = "en") -> int:
    """``align check``: findings in text, JSON, SARIF or HTML; returns the exit status.

    ``-o DIR/`` (or an existing folder) holds ``<pair>.<ext>``, or ``align.<ext>`` for several
    pairs (HTML: a page per pair); its path is printed.
    """
    from .files import names_folder
    from .report import REPORTS, ReportOptions

    worst = None if fail_on == "never" else Severity.parse(fail_on)
    failed = False

    def judged(results: Iterator[Any]) -> Iterator[Any]:
        nonlocal failed
        for r in results:
            failed = failed or (worst is not None and any(f.severity >= worst for f in r.findings))
            yield r

    report = REPORTS[fmt]
    options = ReportOptions(ui_lang, _low_confidence(job))
    results = judged(run(job, glossary=report.glossary, phrases=report.phrases, notes=_note))
    folder = bool(output) and names_folder(str(output))
    if report.per_pair and (len(job.pairs) > 1 or folder):
        _pages(results, output, options)
    elif folder:
        first = next(results)
        stem = first.name if len(job.pairs) == 1 else "align"
        path = output_file(str(output), f"{stem}{report.extension}")
        _stream(itertools.chain([first], results), report, len(job.pairs), str(path), options)
        sys.stdout.write(f"{path}\n")
    else:
        _stream(results, report, len(job.pairs), output, options)
    return EXIT_FINDINGS if failed else EXIT_OK


def _pages(results: Iterator[Any], output: str | None, options: Any) -> None:
    """One HTML page per pair into the folder *output*; their paths printed."""
    from .files import names_folder
    from .report.paths import write_reports

    if not output or not names_folder(output):
        from .errors import ConfigError

        raise ConfigError("--format html with several pairs needs -o DIR (one page per pair)")
    for path in write_reports(results, output, options.ui_lang, low_confidence=options.low_confidence):
        sys.stdout.write(f"{path}\n")


def _stream(results: Iterable[Any], report: Any, count: int, output: str | None, options: Any) -> None:
    """Every pair's results into one document: standard output, or FILE written atomically."""
    with _output(output) as out:
        writer = report.open(out, count, options)
        for r in results:
            writer.add(r)
        writer.close()


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
    """``align export``: the files of each pair as it is done, with the warnings to show.

    *out_dir* is a folder, ``-`` (one format to standard output), or, for one pair and one
    format, the file to write when it has that format's extension (see export.names_file).
    """
    from .export import bitext_of, export_file, export_files, names_file

    if out_dir == "-":  # one format (the CLI checked): its main file to standard output
        from .export import EXPORTERS

        for result in run(job, glossary=True, notes=_note):
            data, warnings = EXPORTERS[formats[0]]().serialize(bitext_of(result, options), options)
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            yield [], list(warnings)
        return
    one_file = not repo_layout and out_dir is not None and names_file(out_dir, formats)
    for result in run(job, glossary=True, notes=_note):
        if one_file:
            done = export_file(bitext_of(result, options), str(out_dir), formats[0], options)
        else:
            done = export_files(
                bitext_of(result, options), out_dir or ".", name, formats, options, repo_layout=repo_layout
            )
        yield list(done.paths), list(done.warnings)


def _fix_line(o: Any, diff: bool, unsafe: bool) -> str:
    """What ``align fix`` did to one pair, counted as ``align check`` counts fixable findings.

    The first check's fixable findings are announced per rule; the fixes of later rounds
    (findings those fixes brought up, which the check never showed) are counted apart.
    """
    from collections import Counter

    from .report.text import tally

    fixable, held = o.announced(unsafe)
    verb = "would fix" if diff else "fixed"
    line = f"{o.path}: {verb} {len(fixable)} finding{'s' if len(fixable) != 1 else ''}"
    if fixable:
        line += f" ({tally(f.rule for f in fixable)})"
    more = Counter(f.rule for f in o.applied) - Counter(f.rule for f in fixable)
    if more:
        line += f", and {sum(more.values())} more that these fixes bring up ({tally(more.elements())})"
    if o.remaining:
        line += f"; {len(o.remaining)} fixable left ({tally(f.rule for f in o.remaining)})"
    if held:
        line += f"; {len(held)} more with --unsafe-fixes ({tally(f.rule for f in held)})"
    return line


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
                write_bytes(output_file(output, Path(o.path).name), o.after)
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(o.after)
                sys.stdout.buffer.flush()
            remaining = remaining or bool(o.remaining)
        _note(_fix_line(o, diff, unsafe))
    return EXIT_FINDINGS if remaining else EXIT_OK


def apply(edited: str, ja: str | None, en: str | None, encoding: str | None, output: str) -> int:
    """``align apply``: the Japanese with the post-edited targets, to OUT (``-`` stdout)."""
    from .apply import apply_file, summary

    applied = apply_file(edited, ja, en, encoding)
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(applied.after)
        sys.stdout.buffer.flush()
        where = "standard output"
    else:
        from .files import write_bytes

        path = output_file(output, Path(applied.ja_path).name)
        write_bytes(path, applied.after)
        where = str(path)
    _note(summary(applied, edited, where))
    return EXIT_OK


def output_file(output: str, name: str) -> Path:
    """``-o FILE``, or ``-o DIR/`` (an existing folder, or a path ending in a separator, created
    if need be): DIR/*name*. One rule for every command that writes one file per pair."""
    from .files import names_folder

    if not names_folder(output):
        return Path(output)
    from .errors import OutputError

    try:
        Path(output).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}", output) from None
    return Path(output) / name


def batch(
    job: Job,
    out_dir: str,
    workers: int | None,
    scheduler: str | None,
    force: bool,
    penalty_from: str,
    dashboard_port: int | None = None,
) -> int:
    """``align batch``: the corpus on Dask (see align.batch); returns the exit status."""
    from .batch import BatchOptions, run_batch

    options = BatchOptions(
        out_dir, workers, scheduler, force, penalty_from=penalty_from, dashboard_port=dashboard_port
    )
    s = run_batch(job.pairs, job.settings, options)
    _note(
        f"batch: {s.total} pairs, {s.ok} checked ({s.cached} from the cache), {s.failed} failed; "
        f"{s.findings} findings, {s.corpus_findings} cross-article; {s.seconds:.1f} s; "
        f"see {Path(s.out_dir) / 'dashboard.html'}"
    )
    return s.exit_code
