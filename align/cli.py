"""Command line: parses arguments and dispatches; the work lives in the pipeline modules.

Every user error is an AlignError, reported here as one line and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from . import __version__
from .errors import AlignError, InputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Group(click.Group):
    """Turns AlignError (and Ctrl-C) into one stderr line; --debug keeps tracebacks."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D401
        debug = "--debug" in sys.argv
        try:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(EXIT_ERROR)
        except click.exceptions.Abort:
            click.echo("align: interrupted", err=True)
            sys.exit(130)
        except AlignError as exc:
            if debug:
                raise
            click.echo(f"align: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("align: interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Align a Japanese MT with its English original and check it for defects."""


def _pairs(files: Sequence[str]) -> list[tuple[str, str, str | None]]:
    """(a, b, name) per pair: the two files given, or every pair under sources/."""
    from .pipeline import discover_pairs

    if len(files) == 2:
        return [(files[0], files[1], None)]
    if files:
        raise click.UsageError("give two files (JA and EN, in either order) or none")
    return [(p.ja_path, p.en_path, p.name) for p in discover_pairs()]


_input_options = [
    click.option("--presegmented", is_flag=True, help="One sentence per input line, taken as-is."),
    click.option("--encoding", default=None, help="Input encoding (default: detect)."),
]


def input_options(f: Any) -> Any:
    for opt in reversed(_input_options):
        f = opt(f)
    return f


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@input_options
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif", "html"]), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(), default=None, help="Write to FILE (atomically).")
def check(
    files: tuple[str, ...], presegmented: bool, encoding: str | None, fmt: str, output: str | None
) -> None:
    """Align JA and EN (either order) and report the MT's defects."""
    from .pipeline import check as run_check
    from .pipeline import load_pair
    from .report import json as json_report

    results = []
    for a, b, name in _pairs(files):
        ja, en = load_pair(a, b, encoding=encoding, presegmented=presegmented)
        results.append(run_check(ja, en, name or ""))
    if fmt != "json":
        raise InputError(f"--format {fmt} is not available yet")
    _emit(json_report.render(results), output)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("files", nargs=2, type=click.Path())
@input_options
def beads(files: tuple[str, str], presegmented: bool, encoding: str | None) -> None:
    """Print the alignment as vecalign beads, English left: [0]:[1,2]<TAB>score."""
    from .aligner import align
    from .pipeline import load_pair

    ja, en = load_pair(files[0], files[1], encoding=encoding, presegmented=presegmented)
    out = [f"{b.vecalign()}\t{b.score:.4f}" for b in align(en, ja).beads]
    _emit("\n".join(out) + "\n", None)


@main.command(name="segment")
@click.argument("file", type=click.Path())
@input_options
def segment_cmd(file: str, presegmented: bool, encoding: str | None) -> None:
    """Print one sentence per line: index, paragraph, start-end and text (tab-separated)."""
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


def _emit(text: str, output: str | None) -> None:
    if output:
        from .files import write_text

        write_text(output, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    main()
