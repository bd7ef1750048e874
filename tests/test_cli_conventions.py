"""Issue 14, command-line conventions: "-o -" is stdout, --debug anywhere, usage hints name `align`.

Real runs: ``python3 -m align`` in a subprocess (the program name is what the user typed)
or click's runner, on the pairs under sources/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from paths import ROOT, SOURCES

from align.cli import main

PAIR = SOURCES / "openai-musk"
JA, EN = str(PAIR / "ja.txt"), str(PAIR / "en.txt")
SUBCOMMANDS = ("check", "fix", "rules", "rule", "beads", "segment", "export", "report", "batch")


def align(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "align", *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- 1. "-o -" is standard output ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_check_dash_output_is_stdout(work: Path, fmt: str) -> None:
    result = invoke("check", JA, EN, "--format", fmt, "-o", "-")
    assert result.exit_code == 1, result.stderr
    assert not (work / "-").exists() and list(work.iterdir()) == []
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
    elif fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>")
    else:
        assert "AL201" in result.stdout


def test_fix_dash_output_is_stdout(work: Path) -> None:
    result = invoke("fix", JA, EN, "-o", "-")
    plain = invoke("fix", JA, EN)
    assert result.exit_code == plain.exit_code
    assert result.stdout_bytes == plain.stdout_bytes and "マスク" in result.stdout
    assert list(work.iterdir()) == []


def test_report_dash_output_is_stdout_for_one_pair(work: Path) -> None:
    result = invoke("report", JA, EN, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and "openai-musk" in result.stdout
    assert list(work.iterdir()) == []


def test_export_dash_output_writes_one_format_to_stdout(work: Path) -> None:
    result = invoke("export", JA, EN, "--formats", "tmx", "-o", "-")
    assert result.exit_code == 0, result.stderr
    tmx = etree.fromstring(result.stdout_bytes)
    assert tmx.tag == "tmx" and len(tmx.findall("body/tu")) > 10
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("export", JA, EN, "-o", "-"),
            "-o - (standard output) takes one file: give the two files and one --formats "
            "(see 'align export --help')",
        ),
        (
            ("export", "--formats", "tmx", "-o", "-"),
            "-o - (standard output) takes one file: give the two files and one --formats "
            "(see 'align export --help')",
        ),
        (
            ("batch", str(SOURCES), "-o", "-"),
            "-o - (standard output) is not possible: batch writes a folder of files "
            "(see 'align batch --help')",
        ),
    ],
)
def test_dash_output_of_several_files_is_a_usage_error(
    work: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == f"align: {message}\n" and result.stdout == ""
    assert list(work.iterdir()) == []


def test_report_dash_output_with_several_pairs_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the default pairs: every folder under sources/
    before = sorted(p.name for p in ROOT.iterdir())
    result = invoke("report", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == (
        "align: -o - (standard output) takes one pair; give -o DIR for several (see 'align report --help')\n"
    )
    assert sorted(p.name for p in ROOT.iterdir()) == before


def test_help_documents_dash() -> None:
    for sub in ("check", "fix", "report", "export", "batch"):
        text = " ".join(invoke(sub, "--help").stdout.split())
        assert "-o, --output" in text
        assert any(says in text for says in ("- is standard output", "- is stdout", "not -", "- writes"))


# --- 2. --debug before or after the subcommand -----------------------------------------


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_debug_is_accepted_after_every_subcommand(sub: str) -> None:
    result = invoke(sub, "--help", "--debug")
    assert result.exit_code == 0, result.output
    assert "--debug" in result.stdout


def test_debug_after_the_subcommand_shows_the_traceback(work: Path) -> None:
    after = align("check", "missing-ja.txt", "missing-en.txt", "--debug", cwd=work)
    before = align("--debug", "check", "missing-ja.txt", "missing-en.txt", cwd=work)
    plain = align("check", "missing-ja.txt", "missing-en.txt", cwd=work)
    for proc in (after, before):
        assert proc.returncode != 0
        assert "Traceback" in proc.stderr and "InputError: missing-ja.txt: no such file" in proc.stderr
    assert plain.returncode == 2 and plain.stderr == "align: missing-ja.txt: no such file\n"
    seg = align("segment", "missing-ja.txt", "--debug", cwd=work)
    assert "Traceback" in seg.stderr


# --- 3. usage errors name `align <sub> --help` ------------------------------------------


def test_usage_errors_point_at_the_subcommand_help() -> None:
    for sub in SUBCOMMANDS:
        proc = align(sub, "--no-such-option")
        assert proc.returncode == 2
        assert proc.stderr == f"align: No such option '--no-such-option'. (see 'align {sub} --help')\n"
    proc = align("beads", "ja.txt")
    assert proc.stderr == (
        "align: give two files (JA and EN, in either order) or none (see 'align beads --help')\n"
    )
    proc = align("fix", JA, EN, "-o", "x", "--diff")
    assert proc.stderr == "align: give only one of -o, --in-place and --diff (see 'align fix --help')\n"
    proc = align("no-such-command")
    assert proc.stderr == "align: No such command 'no-such-command'. (see 'align --help')\n"


def test_program_name_is_align() -> None:
    for sub in SUBCOMMANDS:
        proc = align(sub, "--help")
        assert proc.returncode == 0
        assert proc.stdout.startswith(f"Usage: align {sub} ")
    assert align("--help").stdout.startswith("Usage: align [OPTIONS] COMMAND")
    assert align("--version").stdout.startswith("align, version ")
