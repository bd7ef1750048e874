"""``align batch`` stopped by Ctrl-C at any moment, and Dask's start-up kept quiet.

Ctrl-C in a terminal signals the whole process group: the client and every worker process it
spawned. Whatever the moment (the cluster starting, workers importing, pairs running), the
run must end with one line, exit 130, whole lines in results.jsonl and no worker left behind.
These tests need no ``../shared``: the corpus is the bundled pairs, copied.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_helpers import ROOT, align_batch, env

# A sizeable corpus, so that the moments below come before the run ends.
COPIES = 12
PROGRESS = re.compile(r"align: batch: \d+/\d+ pairs, .*")


def _corpus(root: Path, copies: int = COPIES) -> Path:
    for k in range(copies):
        for d in sorted((ROOT / "sources").iterdir()):
            if (d / "ja.txt").is_file():
                shutil.copytree(d, root / f"{d.name}-{k:02d}", ignore=shutil.ignore_patterns("gold*"))
    return root


def _descendants(pid: int) -> set[int]:
    """Every live process below *pid* (Linux /proc: the workers and multiprocessing's tracker)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                kids = {int(x) for x in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += sorted(kids - found)
            found |= kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _lines(out: Path) -> list[str]:
    path = out / "results.jsonl"
    return path.read_text("utf-8").splitlines() if path.is_file() else []


# When to press Ctrl-C, observed from outside as a user would see the run progress.
Moment = Callable[[subprocess.Popen[str], Path, set[int]], bool]
MOMENTS: dict[str, Moment] = {
    # The cluster has begun starting (multiprocessing's tracker is the first child).
    "cluster starting": lambda proc, out, kids: len(kids) >= 1,
    # Worker processes spawned: importing Dask, loading the checker, no pair done yet.
    "workers starting": lambda proc, out, kids: len(kids) >= 3 and not _lines(out),
    # Pairs coming back from the workers.
    "pairs running": lambda proc, out, kids: len(_lines(out)) >= 2,
}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to watch the workers")
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_ctrl_c_prints_one_line_exits_130_and_leaves_whole_lines(tmp_path: Path, moment: str) -> None:
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    cmd = [sys.executable, "-m", "align", "batch", str(corpus), "-o", str(out), "--workers", "2"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env(), stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    seen: set[int] = set()
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        kids = _descendants(proc.pid)
        seen |= kids
        if MOMENTS[moment](proc, out, kids):
            break
        time.sleep(0.02)
    assert proc.poll() is None, f"the run ended before the moment {moment!r}: make the corpus bigger"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, err
    # The progress lines the run printed before (a plain line every 5 s without a terminal), then
    # the one line of the interruption: no traceback, no warning, nothing from Dask.
    said = [line for line in err.splitlines() if not PROGRESS.fullmatch(line)]
    assert said == ["align: interrupted"] and err.endswith("\n"), err
    for line in _lines(out):
        row = json.loads(line)
        assert row["status"] == "ok" and row["check"]["findings"], row["name"]
    # The client closed the cluster: no worker (or tracker) outlives it for long.
    seen |= _descendants(proc.pid)
    wait = time.monotonic() + 30
    while time.monotonic() < wait and any(_alive(p) for p in seen):
        time.sleep(0.2)
    assert not [p for p in seen if _alive(p)]


def _busy_port() -> tuple[socket.socket, int]:
    """A port something else listens on, like another cluster's dashboard."""
    sock = socket.socket()
    sock.bind(("", 0))
    sock.listen()
    return sock, sock.getsockname()[1]


def test_a_taken_dashboard_port_is_one_line_of_ours(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "corpus", copies=1), tmp_path / "out"
    holder = socket.socket()
    try:  # Dask's default dashboard port, taken (when it is not already)
        holder.bind(("", 8787))
        holder.listen()
    except OSError:
        pass
    sock, port = _busy_port()
    with holder, sock:
        quiet = align_batch(str(corpus), "-o", str(out), "--workers", "1")
        chosen = align_batch(
            str(corpus), "-o", str(out), "--workers", "1", "--force", "--dashboard-port", str(port)
        )
    assert quiet.returncode == 0 and chosen.returncode == 0, quiet.stderr + chosen.stderr
    for proc in (quiet, chosen):
        assert "Warning" not in proc.stderr and "8787" not in proc.stderr, proc.stderr
        assert all(line.startswith("align: ") for line in proc.stderr.splitlines()), proc.stderr
    notes = [line for line in chosen.stderr.splitlines() if "dashboard at" in line]
    assert len(notes) == 1, chosen.stderr
    assert f"(port {port} is in use)" in notes[0] and "http://127.0.0.1:" in notes[0]
    assert f":{port}/" not in notes[0]


def test_dashboard_port_is_for_a_local_cluster(tmp_path: Path) -> None:
    proc = align_batch(
        str(ROOT / "sources"),
        "-o",
        str(tmp_path / "o"),
        "--scheduler",
        "tcp://127.0.0.1:1",
        "--dashboard-port",
        "8790",
    )
    assert proc.returncode == 2
    assert (
        proc.stderr.startswith("align: --dashboard-port is for a local cluster")
        and proc.stderr.count("\n") == 1
    )
