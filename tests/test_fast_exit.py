"""``align`` ends its process without the interpreter's teardown (align.__main__._exit): every
output must still be whole, the exit codes unchanged, and the atexit handlers run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import ROOT

from align.cli import main

JA = "ヴォルテラ社は三月に新しい工場を開いた。\n社長のブラニックは十二人を雇った。\n工場は十月に閉じた。\n"
EN = "Volterra opened a plant in March.\nIts head, Brannick, hired twelve people.\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text(JA, "utf-8")
    en.write_text(EN, "utf-8")
    return ja, en


def _align(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "align", *args], cwd=cwd, capture_output=True, timeout=300)


def test_process_output_and_exit_code_match_the_in_process_command(pair: tuple[Path, Path]) -> None:
    ja, en = pair
    args = ["check", str(ja), str(en), "--format", "json"]
    expected = CliRunner().invoke(main, args, catch_exceptions=False)
    assert expected.exit_code == 1  # the sentence left out of the MT is a finding
    proc = _align(*args, cwd=ja.parent)
    assert proc.returncode == expected.exit_code
    assert proc.stdout == expected.stdout_bytes
    json.loads(proc.stdout)  # whole, not cut at a buffer's end
    assert _align(*args, "--exit-zero", cwd=ja.parent).returncode == 0


def test_file_output_is_whole_and_closed(pair: tuple[Path, Path]) -> None:
    ja, en = pair
    proc = _align("check", str(ja), str(en), "--format", "json", "-o", "out.json", cwd=ja.parent)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == b""
    expected = CliRunner().invoke(main, ["check", str(ja), str(en), "--format", "json"])
    assert (ja.parent / "out.json").read_bytes() == expected.stdout_bytes
    assert sorted(p.name for p in ja.parent.iterdir()) == ["en.txt", "ja.txt", "out.json"]  # no temp file


def test_error_line_and_exit_code_2(pair: tuple[Path, Path]) -> None:
    ja, _ = pair
    proc = _align("check", str(ja), "missing.txt", cwd=ja.parent)
    assert proc.returncode == 2
    assert proc.stdout == b""
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: ") and "missing.txt" in lines[0]


_ATEXIT_PROBE = """
import atexit, sys
from align.__main__ import run
atexit.register(lambda: print("atexit ran", flush=True))
sys.argv = ["align", "beads", "--presegmented", "--ja", sys.argv[1], "--en", sys.argv[2]]
print("before", end="")  # left in stdout's buffer: the exit flushes it
run()
print("not reached")
"""


def test_atexit_handlers_run_and_buffers_are_flushed(pair: tuple[Path, Path]) -> None:
    ja, en = pair
    proc = subprocess.run(
        [sys.executable, "-c", _ATEXIT_PROBE, str(ja), str(en)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("before")
    assert proc.stdout.endswith("atexit ran\n")
    assert "not reached" not in proc.stdout
