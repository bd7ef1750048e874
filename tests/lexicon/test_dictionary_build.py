"""The first run builds the dictionary index and says so, step by step, in every command.

A real build into an empty cache folder (about half a minute): the progress lines on stderr,
then the same index files, byte for byte, as the cache every other test uses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from paths import ROOT, SOURCES

from align.lexicon.dictionary import cache_dir, missing_indexes


def test_first_run_shows_the_index_build_and_writes_the_usual_files(tmp_path: Path) -> None:
    usual = cache_dir()
    assert not missing_indexes()  # the suite's own cache, built before (or by) the tests
    env = {**os.environ, "ALIGN_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    pair = SOURCES / "openai-musk"
    cmd = [sys.executable, "-m", "align", "beads", str(pair / "ja.txt"), str(pair / "en.txt")]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "dictionary index" in line]
    label = "align: building the dictionary index (first run only)"
    assert lines[0] == f"{label}: 0/3 steps (JMdict glosses)", proc.stderr
    assert lines[-1] == f"{label}: 3/3 steps (done)", proc.stderr
    assert any("(JMnedict names)" in line for line in lines)
    built = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("jmdict-index-"))
    assert len(built) == 1  # one SQLite file: glosses, vocabulary, reverse index, JMnedict names
    for name in built:
        assert (tmp_path / name).read_bytes() == (usual / name).read_bytes(), name
    # A second run has nothing to build and says nothing about it.
    again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "dictionary index" not in again.stderr
