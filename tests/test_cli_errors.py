"""CLI error contract: same-language pairs, swapped files, --debug tracebacks, odd file names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import EN, JA, assert_error, assert_error_untouched, check_json, check_to_file, invoke
from paths import ROOT

# --- wrong pairing ------------------------------------------------------------------


def test_both_files_same_language(work: Path) -> None:
    (work / "en2.txt").write_text(EN, encoding="utf-8")
    result = check_to_file("en.txt", "en2.txt")
    line = "en.txt, en2.txt: both inputs are English; need one Japanese and one English file"
    assert_error_untouched(work, result, line)
    (work / "ja2.txt").write_text(JA, encoding="utf-8")
    line = "ja.txt, ja2.txt: both inputs are Japanese; need one Japanese and one English file"
    assert_error(invoke("beads", "ja.txt", "ja2.txt"), line)


def test_swapped_order_gives_the_same_result(work: Path) -> None:
    assert check_json("en.txt", "ja.txt") == check_json("ja.txt", "en.txt")
    a, b = invoke("beads", "en.txt", "ja.txt"), invoke("beads", "ja.txt", "en.txt")
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout and a.stdout.startswith("[0]:[")


# --- --debug ---------------------------------------------------------------------------


def test_debug_shows_traceback(work: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "align", "check", "ja.txt", "missing.txt", "--format", "json"]
    plain = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
    assert plain.returncode == 2 and plain.stderr == "align: missing.txt: no such file\n"
    debug = subprocess.run([*cmd[:3], "--debug", *cmd[3:]], cwd=work, env=env, capture_output=True, text=True)
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr
    assert "InputError: missing.txt: no such file" in debug.stderr


def test_control_characters_in_file_name_stay_on_one_line(work: Path) -> None:
    result = invoke("segment", "no\nsuch\x1b[31m.txt")
    assert_error(result, "no\\nsuch\\x1b[31m.txt: no such file")
