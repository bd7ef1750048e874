"""``align batch --scheduler`` on a real cluster: a ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1 (free ports), as an existing cluster on other machines would be."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import ROOT, Run, align_batch, env, make_corpus, rows, without_timing

# The dask command of this interpreter's environment first: a venv's bin is often not on PATH.
_HERE = Path(sys.executable).parent / "dask"
DASK = str(_HERE) if _HERE.is_file() else shutil.which("dask")
if DASK is None:
    pytest.skip(f"no dask command beside {sys.executable} or on PATH", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A scheduler and *n* single-threaded workers, each in its own process group."""

    def __init__(self, tmp: Path, n: int = 2) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        port = self.address.rsplit(":", 1)[1]
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = tmp
        scheduler = [DASK or "dask", "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"]
        self._start("scheduler", scheduler)
        for k in range(n):
            args = [DASK or "dask", "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1"]
            self._start(f"w{k}", [*args, "--nworkers", "1", "--no-dashboard", "--name", f"w{k}"])
        self.wait_for_workers(n)

    def _start(self, name: str, cmd: list[str]) -> None:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        # The workers import this checkout's align (env() puts it first on PYTHONPATH).
        self.procs[name] = subprocess.Popen(
            cmd, cwd=self.logs, env=env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_for_workers(self, n: int, timeout: float = 120) -> None:
        from distributed import Client

        deadline = time.monotonic() + timeout
        with Client(self.address, timeout="60s") as client:
            while len(client.scheduler_info()["workers"]) < n:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{n} workers did not join {self.address}")
                time.sleep(0.2)

    def kill_worker_process(self, name: str) -> int:
        """SIGKILL the worker process under *name*'s nanny (as the OOM killer would); its pid."""
        nanny = Path(f"/proc/{self.procs[name].pid}/task")
        children = [int(c) for task in nanny.iterdir() for c in (task / "children").read_text().split()]
        # The worker process, not multiprocessing's resource tracker.
        workers = [c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == 1, children
        os.kill(workers[0], signal.SIGKILL)
        return workers[0]

    def close(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    c = Cluster(tmp_path)
    try:
        yield c
    finally:
        c.close()


def test_a_scheduler_run_gives_the_local_run_s_results(
    local_run: Run, cluster: Cluster, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = align_batch(str(local_run.corpus), "-o", str(out), "--scheduler", cluster.address)
    assert proc.returncode == local_run.code == 2, proc.stderr
    assert without_timing(rows(out)) == without_timing(rows(local_run.out))
    for name in ("corpus.tmx", "corpus.tbx", "corpus-findings.json", "dashboard.html"):
        assert (out / name).read_bytes() == (local_run.out / name).read_bytes(), name


def test_a_worker_killed_mid_run_is_replaced_and_every_pair_is_checked(
    cluster: Cluster, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus", pieces_count=10, bad=False)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "align", "batch", str(corpus), "-o", str(out)]
    cmd += ["--scheduler", cluster.address]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env(), stderr=subprocess.PIPE, text=True)
    results = out / "results.jsonl"
    total = len(list(corpus.iterdir()))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if results.is_file() and len(results.read_text("utf-8").splitlines()) >= 1:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before a worker could be killed"
    killed = cluster.kill_worker_process("w0")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    got = rows(out)
    assert sorted(r["name"] for r in got) == sorted(d.name for d in corpus.iterdir())
    assert all(r["status"] == "ok" for r in got) and len(got) == total
    # The nanny started a new worker process, which got the plugin (and the job's plan) again.
    cluster.wait_for_workers(2)
    log = (tmp_path / "w0.log").read_text("utf-8", errors="replace")
    assert str(killed) in log and "Restarting worker" in log, log[-2000:]
