"""The first run builds the dictionary index and says so in every command (issue 14).

On stderr: what is built, the percentage done with the step under way, and at the end how
long it took. A real build into an empty cache folder (about half a minute) with ``align
check`` on sources/, whose index file is byte for byte the one every other test uses; then
each other command (beads, export, report, fix, batch) on an empty cache, stopped once it has
said what it builds (each full build would take another half minute).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import ROOT, SOURCES

from align.lexicon.dictionary import cache_dir, missing_indexes

LABEL = "align: building the dictionary index (first run only)"
DONE = re.compile(
    r"align: built the dictionary index in (\d+\.\d) s \(kept in (.+); later runs start at once\)"
)
PAIR = SOURCES / "openai-musk"


def _align(args: list[str], cache: Path, cwd: Path = ROOT) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "ALIGN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "align", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    return proc, time.perf_counter() - start


def _build_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "dictionary index" in line]


@pytest.mark.slow
def test_cold_first_run_of_check_shows_the_build(tmp_path: Path) -> None:
    usual = cache_dir()
    assert not missing_indexes()  # the suite's own cache, built before (or by) the tests
    proc, seconds = _align(["check"], tmp_path)  # every pair under sources/, as a user would
    assert proc.returncode == 1, proc.stderr  # the pairs have findings
    lines = _build_lines(proc.stderr)
    assert lines[:4] == [
        f"{LABEL}: 0% (JMdict glosses)",
        f"{LABEL}: 35% (JMdict reverse index)",
        f"{LABEL}: 45% (JMnedict names)",
        f"{LABEL}: 100% (done)",
    ], proc.stderr
    done = DONE.fullmatch(lines[4])
    assert done and len(lines) == 5, proc.stderr
    assert 1.0 < float(done.group(1)) < seconds and done.group(2) == str(tmp_path)
    print(f"cold first run of `align check` on sources/: {seconds:.1f} s (build {done.group(1)} s)")
    built = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("jmdict-index-"))
    assert len(built) == 1  # one SQLite file: glosses, vocabulary, reverse index, JMnedict names
    for name in built:
        assert (tmp_path / name).read_bytes() == (usual / name).read_bytes(), name
    # A second run has nothing to build and says nothing about it.
    again, _ = _align(["check"], tmp_path)
    assert again.returncode == 1 and "dictionary index" not in again.stderr


def _commands(work: Path) -> dict[str, list[str]]:
    corpus = work / "corpus" / "one"
    corpus.mkdir(parents=True)
    shutil.copy(PAIR / "ja.txt", corpus / "ja.txt")
    shutil.copy(PAIR / "en.txt", corpus / "en.txt")
    files = [str(PAIR / "ja.txt"), str(PAIR / "en.txt")]
    return {
        "beads": ["beads", *files],
        "export": ["export", *files, "--formats", "tmx", "-o", str(work / "out")],
        "report": ["report", *files, "-o", str(work / "page.html")],
        "fix": ["fix", *files, "-o", str(work / "fixed.txt")],
        "batch": ["batch", str(work / "corpus"), "-o", str(work / "batch"), "--workers", "1"],
    }


@pytest.mark.slow
@pytest.mark.parametrize("command", ["beads", "export", "report", "fix", "batch"])
def test_every_command_shows_the_build(tmp_path: Path, command: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**os.environ, "ALIGN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "align", *_commands(tmp_path)[command]]
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    try:
        first = ""
        deadline = time.monotonic() + 120
        while not first and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            if "dictionary index" in line:
                first = line.rstrip("\n")
    finally:
        proc.kill()
        proc.communicate()
    assert first == f"{LABEL}: 0% (JMdict glosses)"
    # Stopped mid-build: no index file is left half-written (the build writes a temporary file).
    assert not any(p.name.startswith("jmdict-index-") and p.suffix == ".sqlite" for p in cache.iterdir())
