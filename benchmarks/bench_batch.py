#!/usr/bin/env python3
"""Corpus mode at scale: throughput with 1 and 2 workers, memory, per-article time, rerun time.

    nice -n 10 python3 benchmarks/bench_batch.py              # everything (~10 min on 2 cores)
    python3 benchmarks/bench_batch.py --pairs 300 --skip-1    # a quick look
    python3 benchmarks/bench_batch.py --inprocess-only        # the per-article time only
    python3 benchmarks/bench_batch.py --sentences 50          # issue 20: pairs of 50 sentences each

The corpus: the Tanaka and Coursera documents of ../shared/corpora cut into article-sized
pieces of 20-60 sentences (``--sentences``; a piece ends at the first gold bead boundary past
the size drawn, so "50" gives 50-51) at gold bead boundaries (so each piece is a translated
article with its own alignment), plus sources/. There are about 23,500 corpus sentences, so the
documents are cut in several passes with different cut points (each pass in its own
folder, far apart in pair order, so a worker's text caches do not see a piece twice in a
row) until there are at least 2,000 pairs.

It prints, as Markdown:
- pairs/s of ``align batch`` with 1 and with 2 local workers (each run from an empty cache),
  and the speedup;
- peak RSS of each worker process (sampled from /proc every 0.2 s);
- in-process time per 50-sentence article: ``Checker.outcome`` (the worker's whole per-pair
  path: pipeline, check JSON, HTML report, corpus data) and ``Plan.check_pair`` alone, on
  pieces of exactly 50 English sentences never seen before by the process (warmed up on
  other pieces first), plus sources/openai-musk (50 Japanese sentences);
- the time of a rerun with nothing changed against the first run.
Benchmarks on a shared machine are noisy: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

DOCUMENTS = (
    [f"tanaka_0{i}" for i in range(1, 5)]
    + ["tanaka_20k"]
    + [f"coursera_test_0{i}" for i in range(1, 7)]
    + ["coursera_dev_01", "coursera_dev_02", "coursera_calculus_humangold"]
)


def _beads(gold: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in gold.read_text("utf-8").splitlines():
        left, right = line.split(":")
        en = [int(x) for x in left.strip("[]").split(",") if x]
        ja = [int(x) for x in right.strip("[]").split(",") if x]
        out.append((en, ja))
    return out


def pieces(name: str, rng: random.Random, low: int = 20, high: int = 60) -> list[tuple[list[str], list[str]]]:
    """One document cut at bead boundaries into pieces of *low*-*high* English sentences."""
    en = (CORPORA / f"{name}.en").read_text("utf-8").splitlines()
    ja = (CORPORA / f"{name}.ja").read_text("utf-8").splitlines()
    beads = _beads(CORPORA / f"{name}.gold")
    out: list[tuple[list[str], list[str]]] = []
    k = rng.randrange(0, 30)  # each pass starts elsewhere, so its cuts differ
    while k < len(beads):
        size = rng.randint(low, high)
        e: list[str] = []
        j: list[str] = []
        while k < len(beads) and len(e) < size:
            e += [en[i] for i in beads[k][0]]
            j += [ja[i] for i in beads[k][1]]
            k += 1
        if len(e) >= low and j:
            out.append((e, j))
    return out


def build_corpus(root: Path, minimum: int = 2000, seed: int = 12, size: tuple[int, int] = (20, 60)) -> int:
    """Write ``root/<pass>-<doc>-<n>/{ja,en}.txt`` pieces of *size* (least, most) English sentences
    plus sources/; returns the pair count."""
    rng = random.Random(seed)
    count = 0
    for src in sorted((ROOT / "sources").iterdir()):
        if (src / "ja.txt").is_file():
            shutil.copytree(src, root / f"src-{src.name}", ignore=shutil.ignore_patterns("gold*"))
            count += 1
    npass = 0
    while count < minimum:
        npass += 1
        for doc in DOCUMENTS:
            for n, (e, j) in enumerate(pieces(doc, rng, *size)):
                d = root / f"p{npass}-{doc}-{n:04d}"
                d.mkdir(parents=True)
                (d / "en.txt").write_text("\n".join(e) + "\n", "utf-8")
                (d / "ja.txt").write_text("\n".join(j) + "\n", "utf-8")
                count += 1
    return count


def fifty(n: int, seed: int = 99) -> list[tuple[str, str]]:
    """*n* (ja, en) texts of exactly 50 English sentences, from every corpus document."""
    rng = random.Random(seed)
    out = []
    for doc in DOCUMENTS:
        for e, j in pieces(doc, rng, 50, 50):
            if len(e) == 50:
                out.append(("\n".join(j) + "\n", "\n".join(e) + "\n"))
    rng.shuffle(out)
    return out[:n]


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def inprocess(n: int = 30) -> dict[str, float]:
    """Per-article times of the worker's path in this process (warm process, unseen articles)."""
    from align.batch.worker import Checker, Task
    from align.job import Job, Pair, Settings

    checker = Checker(Job((), Settings()).to_json())
    checker.warm_up()
    texts = fifty(n + 10)
    with tempfile.TemporaryDirectory() as tmp:
        pairs = []
        for k, (ja, en) in enumerate(texts):
            d = Path(tmp) / f"a{k:03d}"
            d.mkdir()
            (d / "ja.txt").write_text(ja, "utf-8")
            (d / "en.txt").write_text(en, "utf-8")
            pairs.append(Pair(d.name, str(d / "ja.txt"), str(d / "en.txt")))
        for p in pairs[:10]:  # warm-up on other articles
            checker.outcome(Task(p, "x"))
        whole, check = [], []
        for k, p in enumerate(pairs[10:]):
            # Alternate which is measured first, so neither profits from the other's caches.
            if k % 2:
                t = time.process_time()
                checker.outcome(Task(p, "x"))
                whole.append(time.process_time() - t)
            else:
                t = time.process_time()
                checker.plan.check_pair(p)
                check.append(time.process_time() - t)
        seed = ROOT / "sources" / "openai-musk"
        musk = Pair("openai-musk", str(seed / "ja.txt"), str(seed / "en.txt"))
        t = time.process_time()
        checker.outcome(Task(musk, "x"))
        musk_first = time.process_time() - t
        t = time.process_time()
        checker.plan.check_pair(musk)
        musk_again = time.process_time() - t
    return {
        "outcome_ms": 1000 * statistics.mean(whole),
        "outcome_median_ms": 1000 * statistics.median(whole),
        "check_ms": 1000 * statistics.mean(check),
        "check_median_ms": 1000 * statistics.median(check),
        "musk_first_ms": 1000 * musk_first,
        "musk_again_ms": 1000 * musk_again,
    }


class _Sampler:
    """Peak memory of the worker processes of a running batch (children of its LocalCluster):
    the peak RSS (VmHWM) and the peak private memory (RssAnon, sampled every 0.2 s). The RSS also
    counts the pages of MeCab's dictionary files mapped from disk (~260 MB once every word has
    been seen), which are shared by all the workers of a machine and can be dropped at any time."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.anon = pid, {}, {}  # type: tuple[int, dict[int, int], dict[int, int]]
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _children(self, pid: int) -> list[int]:
        out = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                out += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            todo, seen = [self.pid], []
            while todo:
                p = todo.pop()
                seen.append(p)
                todo += self._children(p)
            for p in seen[1:]:
                try:
                    status = Path(f"/proc/{p}/status").read_text()
                    cmd = Path(f"/proc/{p}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"spawn_main" not in cmd:
                    continue
                kb = {
                    k: v.split()[0]
                    for k, _, v in (line.partition(":") for line in status.splitlines())
                    if v.strip()
                }
                self.peak[p] = max(self.peak.get(p, 0), int(kb["VmHWM"]))
                self.anon[p] = max(self.anon.get(p, 0), int(kb["RssAnon"]))
            time.sleep(0.2)

    def stop(self) -> dict[int, tuple[int, int]]:
        """pid -> (peak RSS, peak private memory) in kB."""
        self._stop.set()
        self.thread.join()
        return {p: (self.peak[p], self.anon.get(p, 0)) for p in self.peak}


def batch(
    root: Path, out: Path, workers: int, *, sample: bool = False
) -> tuple[float, dict[int, tuple[int, int]]]:
    cmd = [sys.executable, "-m", "align", "batch", str(root), "-o", str(out), "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = _Sampler(proc.pid) if sample else None
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop() if sampler else {}
    if proc.returncode not in (0, 2):
        raise SystemExit(f"align batch failed ({proc.returncode}): {err[-2000:]}")
    return seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=2000, help="at least this many pairs (default 2000)")
    ap.add_argument("--skip-1", action="store_true", help="skip the 1-worker run")
    ap.add_argument("--inprocess-only", action="store_true")
    ap.add_argument(
        "--sentences",
        default="20-60",
        help="English sentences per corpus pair, LOW-HIGH or N (issue 20's throughput target: 50)",
    )
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus and outputs here and keep them")
    args = ap.parse_args()

    print(f"load average before: {load()}; {os.cpu_count()} cores\n")
    ip = inprocess()
    print("| in-process, per 50-sentence article (unseen, warm process) | mean | median |")
    print("|---|---|---|")
    print(
        f"| worker path (`Checker.outcome`: check + JSON + report + corpus data) | "
        f"{ip['outcome_ms']:.0f} ms | {ip['outcome_median_ms']:.0f} ms |"
    )
    print(f"| pipeline only (`Plan.check_pair`) | {ip['check_ms']:.0f} ms | {ip['check_median_ms']:.0f} ms |")
    print(
        f"| sources/openai-musk, worker path, first time / pipeline again | "
        f"{ip['musk_first_ms']:.0f} ms | {ip['musk_again_ms']:.0f} ms |"
    )
    print(f"\nload average: {load()}\n")
    if args.inprocess_only:
        return

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        root = tmp / "corpus"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        low, _, high = args.sentences.partition("-")
        n = build_corpus(root, args.pairs, size=(int(low), int(high or low)))
        sentences = sum(
            len((d / "en.txt").read_text("utf-8").splitlines()) for d in root.iterdir() if d.is_dir()
        )
        print(f"corpus: {n} pairs, {sentences} English lines ({sentences / n:.0f} per pair)\n")
        rows = []
        runs = [1, 2] if not args.skip_1 else [2]
        first2 = 0.0
        peaks: dict[int, dict[int, tuple[int, int]]] = {}
        for w in runs:
            out = tmp / f"out-{w}"
            if out.exists():
                shutil.rmtree(out)
            seconds, peak = batch(root, out, w, sample=True)
            peaks[w] = peak
            rows.append((w, seconds, n / seconds, load()))
            if w == 2:
                first2 = seconds
        rerun, _ = batch(root, tmp / "out-2", 2)
        print("| workers | wall time | pairs/s | peak private memory per worker | peak RSS | load after |")
        print("|---|---|---|---|---|---|")
        for w, seconds, rate, ld in rows:
            top = sorted(peaks[w].values())[-w:]
            anon = ", ".join(f"{a / 1024:.0f} MB" for _, a in top) or "?"
            rss = ", ".join(f"{r / 1024:.0f} MB" for r, _ in top) or "?"
            print(f"| {w} | {seconds:.1f} s | {rate:.2f} | {anon} | {rss} | {ld} |")
        if len(rows) == 2:
            print(f"\nspeedup 2 vs 1 worker: {rows[1][2] / rows[0][2]:.2f}x")
        share = 100 * rerun / first2
        print(f"rerun, nothing changed (2 workers): {rerun:.1f} s = {share:.1f}% of the first run")
        print(f"\nload average after: {load()}")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
