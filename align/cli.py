"""Command line: parses arguments and dispatches; the work lives in the pipeline modules.

Every user error is an AlignError, reported here as one line and exit code 2.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

import click

from .errors import EXIT_ERROR, EXIT_INTERNAL, EXIT_OK, AlignError
from .report import REPORTS
from .versions import __version__

#: "-o -" means standard output, as in linters; never a file named "-".
STDOUT = "-"


class _Terminated(BaseException):
    """Raised by the SIGTERM handler: unwinding runs atomic_writer's cleanup, like Ctrl-C does."""


class _Interrupted(BaseException):
    """Ctrl-C inside a command, kept from click, which would print an empty line of its own."""


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second TERM must not interrupt the cleanup
    raise _Terminated


def _one_line(message: object) -> str:
    """Escape line breaks and control characters (a file name may hold them) to keep one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(message))


class _Group(click.Group):
    """One stderr line and a documented exit code for every failure; --debug keeps tracebacks.

    2: usage or input/output error (AlignError); 3: internal error (a bug); 130: Ctrl-C;
    143: SIGTERM. Interrupted writes leave no partial output (see align.files.atomic_writer).
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D401
        argv = kwargs.get("args", args[0] if args else None)
        words = list(sys.argv[1:] if argv is None else argv)
        # Before or after the subcommand (each one takes --debug too), but not after "--".
        debug = "--debug" in words[: words.index("--")] if "--" in words else "--debug" in words
        previous = None
        with contextlib.suppress(ValueError):  # only the main thread may set signal handlers
            if getattr(signal.getsignal(signal.SIGINT), "__name__", "") == "_interrupted_at_start":
                # Set by align.__main__ for the imports; from here Ctrl-C unwinds (cleanups run)
                # to the one line below.
                signal.signal(signal.SIGINT, signal.default_int_handler)
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        # Always "align": "python3 -m align" would otherwise call itself "align -m align" in
        # usage lines and hints (and a test runner, after the function: "main").
        kwargs["prog_name"] = "align"
        try:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            # One line, like every other user error; the hint names the subcommand's help.
            where = exc.ctx.command_path if exc.ctx else "align"
            click.echo(f"align: {exc.format_message()} (see '{where} --help')", err=True)
            sys.exit(EXIT_ERROR)
        except click.ClickException as exc:
            click.echo(f"align: {exc.format_message()}", err=True)
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Abort, KeyboardInterrupt, _Interrupted):
            # One line; on a terminal after the echoed ^C, on a line of its own.
            start = "\n" if sys.stderr.isatty() else ""
            click.echo(f"{start}align: interrupted", err=True)
            sys.exit(130)
        except _Terminated:
            click.echo("align: terminated", err=True)
            sys.exit(143)
        except AlignError as exc:
            if debug:
                raise
            click.echo(f"align: {_one_line(exc)}", err=True)
            sys.exit(EXIT_ERROR)
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, as Unix tools do.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except MemoryError:
            click.echo("align: out of memory", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            if debug:
                raise
            click.echo(
                f"align: internal error: {type(exc).__name__}: {_one_line(exc)} "
                "(a bug; --debug shows the traceback)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        # "align check JA EN --debug" as well as "align --debug check ...": main() reads the flag.
        cmd.params.append(
            click.Option(["--debug"], is_flag=True, expose_value=False, help="Show tracebacks for errors.")
        )
        super().add_command(cmd, name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Align a Japanese MT with its English original and check it for defects.

    Run 'align COMMAND --help' for a command's options; the documentation is in docs/.
    """


_input_options = [
    click.option("--presegmented", is_flag=True, help="One sentence per input line, taken as-is."),
    click.option("--encoding", default=None, help="Input encoding (default: detect)."),
    click.option("--ja", "ja_file", type=click.Path(), default=None, help="The Japanese file (with --en)."),
    click.option("--en", "en_file", type=click.Path(), default=None, help="The English file (with --ja)."),
    click.option(
        "--force-roles",
        is_flag=True,
        help="Keep --ja/--en even when the script says the files are the other way round.",
    ),
    click.option(
        "--config", "config_path", type=click.Path(), default=None, help="Config file (default: search)."
    ),
]


def input_options(f: Any) -> Any:
    for opt in reversed(_input_options):
        f = opt(f)
    return f


def _usage(message: str) -> click.UsageError:
    """A usage error tied to the running subcommand, so that its hint names that help page."""
    return click.UsageError(message, click.get_current_context(silent=True))


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """--select AL201,quote --select AL5 -> ("AL201", "quote", "AL5")."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _job(files: Sequence[str], kw: dict[str, Any], **extra: Any) -> tuple[Any, str]:
    """The one place where arguments and the config file become a Job."""
    from .job import resolve_job
    from .progress import prepare_dictionary

    if len(files) not in (0, 2):
        raise _usage("give two files (JA and EN, in either order) or none")
    prepare_dictionary()  # the first run builds the index: show it, do not look hung
    return resolve_job(
        files,
        ja=kw.pop("ja_file"),
        en=kw.pop("en_file"),
        force_roles=kw.pop("force_roles"),
        config_path=kw.pop("config_path"),
        presegmented=kw.pop("presegmented"),
        encoding=kw.pop("encoding"),
        **extra,
    )


@main.command(short_help="Check a Japanese MT against its English.")
@click.argument("files", nargs=-1, type=click.Path())
@input_options
@click.option("--format", "fmt", type=click.Choice(list(REPORTS)), default="text", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="Write to FILE (atomically); - is standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Exit 1 when a finding has this severity or worse [default: warning, or the config's].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (AL5), names or categories.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes, names or categories.")
@click.option("--glossary", type=click.Path(), default=None, help="Approved glossary (TBX, TSV or CSV).")
@click.option("--baseline", type=click.Path(), default=None, help="Hide the findings recorded in FILE.")
@click.option("--write-baseline", type=click.Path(), default=None, help="Record all findings in FILE.")
@click.option(
    "--ui-lang",
    type=click.Choice(["en", "ja"]),
    default="en",
    help="Messages and labels in en (default) or ja: text and HTML (JSON, SARIF: en).",
)
def check(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str | None,
    exit_zero: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    glossary: str | None,
    baseline: str | None,
    write_baseline: str | None,
    ui_lang: str,
    **inputs: Any,
) -> None:
    """Align JA and EN (either order) and report the MT's defects (every pair under sources/ by default)."""
    from . import commands

    job, cfg_fail_on = _job(
        files, inputs, select=_codes(select), ignore=_codes(ignore), glossary=glossary, baseline=baseline
    )
    if write_baseline:
        n = commands.write_baseline(job, write_baseline)
        click.echo(f"align: wrote {n} findings to {write_baseline}", err=True)
        sys.exit(EXIT_OK)
    output = None if output == STDOUT else output
    status = commands.check(job, fmt, output, fail_on or cfg_fail_on, ui_lang)
    sys.exit(EXIT_OK if exit_zero else status)


@main.command(short_help="Apply the findings' fixes to the Japanese.")
@click.argument("files", nargs=-1, type=click.Path())
@input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="Write the corrected Japanese to FILE (- is stdout).",
)
@click.option("--in-place", is_flag=True, help="Overwrite the Japanese file (atomically).")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="Apply unsafe fixes too (e.g. delete a repeated sentence)."
)
@click.option("--select", multiple=True, help="Only fix these rules: codes, prefixes, names or categories.")
@click.option("--ignore", multiple=True, help="Do not fix these rules: codes, prefixes, names or categories.")
@click.option("--glossary", type=click.Path(), default=None, help="Approved glossary (TBX, TSV or CSV).")
def fix(
    files: tuple[str, ...],
    output: str | None,
    in_place: bool,
    diff: bool,
    unsafe_fixes: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    glossary: str | None,
    **inputs: Any,
) -> None:
    """Apply the findings' fixes to the Japanese: to stdout, -o FILE or --in-place; --diff shows them.

    Only safe fixes unless --unsafe-fixes. Exit 0 when no fixable finding is left, 1 when
    some is (with --diff: when there is anything to fix), 2 on errors.
    """
    from . import commands

    if sum(map(bool, (output, in_place, diff))) > 1:
        raise _usage("give only one of -o, --in-place and --diff")
    job, _ = _job(files, inputs, select=_codes(select), ignore=_codes(ignore), glossary=glossary)
    if len(job.pairs) > 1 and not (in_place or diff):
        raise _usage("several pairs: give --in-place or --diff (-o and stdout take one pair)")
    sys.exit(commands.fix(job, None if output == STDOUT else output, in_place, diff, unsafe_fixes))


def _checklist(config_path: str | None) -> tuple[Any, ...]:
    """The corpus rules (``align batch``) and the config's [[tool.align.checklist]] rules, so that
    they are listed and documented like the others."""
    from .config import load_config
    from .rules import checklist_rules
    from .rules.corpus import RULES as CORPUS_RULES

    return (*CORPUS_RULES, *checklist_rules(load_config(config_path).checklist))


_config_option = click.option(
    "--config", "config_path", type=click.Path(), default=None, help="Config file (default: search)."
)


@main.command(name="rules", short_help="List every rule.")
@_config_option
def rules_cmd(config_path: str | None) -> None:
    """List every rule (and the config's checklist rules): code, name, category and default severity."""
    from .rules import all_rules

    rows = [
        f"{r.code}  {r.name:<24} {r.category:<13} {str(r.severity):<8} {r.summary()}"
        for r in (*all_rules(), *_checklist(config_path))
    ]
    _emit("\n".join(rows) + "\n", None)


@main.command(name="rule", short_help="Print one rule's documentation.")
@click.argument("code")
@_config_option
def rule_cmd(code: str, config_path: str | None) -> None:
    """Print a rule's documentation (by code, e.g. AL201, or by name)."""
    from .rules import get_rule

    r = get_rule(code, _checklist(config_path))
    from .rules.options import option_defaults

    options = "".join(f"\n  {k} = {v}" for k, v in option_defaults(r).items())
    head = f"{r.code} {r.name}\ncategory: {r.category}\nseverity: {r.severity}\n"
    tail = f"\noptions ([tool.align.rules.{r.code}]):{options}\n" if options else ""
    _emit(f"{head}\n{r.doc()}\n{tail}", None)


@main.command(short_help="Print the alignment as vecalign beads.")
@click.argument("files", nargs=-1, type=click.Path())
@input_options
def beads(files: tuple[str, ...], **inputs: Any) -> None:
    """Print the alignment as vecalign beads, English left: [0]:[1,2]<TAB>score."""
    from . import commands

    job, _ = _job(files, inputs, stage="align")
    commands.beads(job)


@main.command(name="segment", short_help="Print the sentences of one file.")
@click.argument("file", type=click.Path())
@click.option("--presegmented", is_flag=True, help="One sentence per input line, taken as-is.")
@click.option("--encoding", default=None, help="Input encoding (default: detect).")
def segment_cmd(file: str, presegmented: bool, encoding: str | None) -> None:
    """Print one sentence per line, tab separated: index, paragraph, start-end, kind and text."""
    from .errors import LanguageError
    from .files import read_text
    from .segment import detect_language, segment

    text = read_text(file, encoding)
    lang = detect_language(text)
    if lang is None:
        raise LanguageError("no Japanese or English text found", file)
    doc = segment(text, lang, file, presegmented)
    lines = [f"{s.index}\t{s.paragraph}\t{s.start}-{s.end}\t{s.kind}\t{s.text}" for s in doc.segments]
    _emit("\n".join(lines) + "\n", None)


@main.command(short_help="Write TMX, TBX, TSV, CSV, PO and XLIFF.")
@click.argument("files", nargs=-1, type=click.Path())
@input_options
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(),
    default=None,
    help="Output folder (required with files; without files: the root for tmx/ and glossary/). "
    "With one --formats, FILE.<ext> of that format is the file itself. "
    "- writes one pair's file of one format (--formats) to standard output (TMX: no penalty file).",
)
@click.option("--name", default=None, help="Output file stem (default: the pair's name).")
@click.option(
    "--formats",
    default=None,
    help="Comma list of tmx,tbx,tsv,csv,po,xliff (default: all; without files: tmx,tbx,tsv,csv).",
)
@click.option("--min-score", type=float, default=None, help="Leave out beads scoring below X (0 to 1).")
@click.option(
    "--exclude",
    default="",
    help="Leave out beads with findings of these categories or severities (comma list).",
)
@click.option(
    "--penalty-from",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Units with a finding this severe go to the penalty TMX [default: warning, or the config's].",
)
@click.option("--en-lang", default="en", show_default=True, help="xml:lang of the English side.")
@click.option("--ja-lang", default="ja", show_default=True, help="xml:lang of the Japanese side.")
@click.option(
    "--glossary", "glossary_path", type=click.Path(), default=None, help="Approved glossary: TBX, TSV or CSV."
)
def export(
    files: tuple[str, ...],
    out_dir: str | None,
    name: str | None,
    formats: str | None,
    min_score: float | None,
    exclude: str,
    penalty_from: str | None,
    en_lang: str,
    ja_lang: str,
    glossary_path: str | None,
    **inputs: Any,
) -> None:
    """Write TMX, TBX, OmegaT TSV, CSV, PO, XLIFF; without files, regenerate tmx/, glossary/ of sources/."""
    from . import commands
    from .export import ALL_FORMATS, REPO_FORMATS, ExportOptions, parse_formats

    one_pair = bool(files or inputs.get("ja_file"))
    if one_pair and not out_dir:
        raise _usage("give the output folder with -o DIR")
    if name and not one_pair:
        raise _usage("--name needs the two files of one pair")
    chosen = parse_formats(formats, ALL_FORMATS if one_pair else REPO_FORMATS)
    if out_dir == STDOUT and not (one_pair and len(chosen) == 1):
        raise _usage("-o - (standard output) takes one file: give the two files and one --formats")
    from .config import load_config

    penalty_from = penalty_from or load_config(inputs.get("config_path")).penalty_from
    options = ExportOptions.create(
        en_lang=en_lang, ja_lang=ja_lang, min_score=min_score, exclude=exclude, penalty_from=penalty_from
    )
    job, _ = _job(files, inputs, glossary=glossary_path, name=name)
    for paths, warnings in commands.export(job, out_dir, name, chosen, options, repo_layout=not one_pair):
        for warning in warnings:
            click.echo(f"align: warning: {warning}", err=True)
        for path in paths:
            click.echo(str(path))


@main.command(short_help="Write the HTML QA report.")
@click.argument("files", nargs=-1, type=click.Path())
@input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="FILE for one pair (- is standard output), or an existing DIR (DIR/<pair>.html). "
    "Default: reports/<pair>.html.",
)
@click.option(
    "--ui-lang",
    type=click.Choice(["en", "ja"]),
    default="en",
    help="Labels and messages in en (default) or ja.",
)
@click.option("--glossary", type=click.Path(), default=None, help="Approved glossary (TBX, TSV or CSV).")
def report(
    files: tuple[str, ...], output: str | None, ui_lang: str, glossary: str | None, **inputs: Any
) -> None:
    """Write the HTML QA report for editors; without files, one page per pair under sources/."""
    from . import commands

    job, _ = _job(files, inputs, glossary=glossary)
    if output == STDOUT and len(job.pairs) > 1:
        raise _usage("-o - (standard output) takes one pair; give -o DIR for several")
    for path in commands.report(job, output, ui_lang):
        click.echo(str(path))


@main.command(name="apply", short_help="Put post-edits back into the Japanese.")
@click.argument("edited", metavar="EDITED.xlf|EDITED.po", type=click.Path())
@click.option("--ja", "ja_file", type=click.Path(), help="The Japanese file [default: the exported one].")
@click.option("--en", "en_file", type=click.Path(), help="The English file [default: the exported one].")
@click.option("--encoding", default=None, help="Input encoding (default: detect).")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    required=True,
    help="Write the Japanese to FILE (atomically), or DIR/ (same file name); - is standard output.",
)
def apply_cmd(
    edited: str, ja_file: str | None, en_file: str | None, encoding: str | None, output: str
) -> None:
    """Write the Japanese with the targets of a post-edited XLIFF or PO (from align export) in place.

    Paragraphs, encoding and line endings are kept. A unit whose English source no longer
    matches the English file, or an input file changed since the export, is refused (exit 2).
    """
    from . import commands

    sys.exit(commands.apply(edited, ja_file, en_file, encoding, output))


@main.command(short_help="Check a whole corpus on Dask.")
@click.argument("source", metavar="ROOT|MANIFEST", type=click.Path())
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    help="Output folder (not -: a corpus gives many files).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Local worker processes [default: cores]."
)
@click.option("--scheduler", default=None, help="An existing Dask scheduler, e.g. tcp://host:8786.")
@click.option("--force", is_flag=True, help="Recompute every pair, even those in the cache.")
@click.option(
    "--dashboard-port",
    type=click.IntRange(min=0, max=65535),
    default=None,
    help="Serve Dask's live dashboard on PORT (0: any free port; needs bokeh).",
)
@click.option("--presegmented", is_flag=True, help="One sentence per input line, taken as-is.")
@click.option("--encoding", default=None, help="Input encoding (default: detect).")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (AL5), names or categories.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes, names or categories.")
@click.option("--glossary", type=click.Path(), default=None, help="Approved glossary (TBX, TSV or CSV).")
@_config_option
def batch(
    source: str,
    out_dir: str,
    workers: int | None,
    scheduler: str | None,
    force: bool,
    dashboard_port: int | None,
    presegmented: bool,
    encoding: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    glossary: str | None,
    config_path: str | None,
) -> None:
    """Check a corpus on Dask: ROOT (<pair>/ja.txt + en.txt folders) or MANIFEST (CSV/JSONL of name,ja,en)."""
    from . import commands
    from .batch import corpus_pairs
    from .config import load_config
    from .job import resolve_job

    if workers and scheduler:
        raise _usage("give --workers or --scheduler, not both")
    if dashboard_port is not None and scheduler:
        raise _usage("--dashboard-port is for a local cluster; the scheduler serves its own dashboard")
    if out_dir == STDOUT:
        raise _usage("-o - (standard output) is not possible: batch writes a folder of files")
    job, _ = resolve_job(
        config_path=config_path,
        select=_codes(select),
        ignore=_codes(ignore),
        glossary=glossary,
        presegmented=presegmented,
        encoding=encoding,
        corpus=corpus_pairs(source),
    )
    penalty_from = load_config(config_path).penalty_from
    sys.exit(commands.batch(job, out_dir, workers, scheduler, force, penalty_from, dashboard_port))


def _emit(text: str, output: str | None) -> None:
    if output:
        from .files import write_text

        write_text(output, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    main()
