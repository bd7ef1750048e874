#!/usr/bin/env python3
"""Accuracy, speed and memory of the aligner; prints Markdown tables (a script, not a test).

    python3 benchmarks/bench_align.py            # everything (~2 min on 2 cores)
    python3 benchmarks/bench_align.py --no-speed # accuracy only
    python3 benchmarks/bench_align.py --seed-only # the seed check's time only (no ../shared needed)

Accuracy: strict / lax F1 from ../shared/corpora/score.py (micro-averaged per group) on every
corpus document and on sources/*/gold.align, next to NLTK's Gale–Church with the Japanese
lengths rescaled by the document's en/ja character ratio, computed in the same run
(``pip install '.[bench]'`` for nltk; it is skipped with a note when missing).
Speed: wall time and peak RSS of ``align beads --presegmented`` on prefixes of tanaka_20k
(5k, 10k, 20k lines), each in a fresh process, dictionary cache warm; and the wall time of
``align check --format json`` on the seed pair (sources/openai-musk): the median of
``--seed-runs`` (default 7) whole-process runs after one warm-up run (issue 20: at most 0.8 s).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

GROUPS = [
    ("coursera_test ×6", [f"coursera_test_0{i}" for i in range(1, 7)]),
    ("coursera_dev ×2 (tuning set)", ["coursera_dev_01", "coursera_dev_02"]),
    ("coursera_calculus_humangold", ["coursera_calculus_humangold"]),
    ("tanaka ×4", [f"tanaka_0{i}" for i in range(1, 5)]),
    ("tanaka_20k", ["tanaka_20k"]),
]
BASELINE = {  # from ../shared/corpora/README.md, strict F1
    "coursera_test ×6": (".858", ".900"),
    "coursera_dev ×2 (tuning set)": (".819", ".895"),
    "coursera_calculus_humangold": (".824", ".840"),
    "tanaka ×4": (".840", ".763"),
    "tanaka_20k": (".824", "infeasible"),
}


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpora_score", CORPORA / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def ours(en_text: str, ja_text: str) -> Beads:
    from align.aligner import align
    from align.segment import segment_presegmented

    en = segment_presegmented(en_text, "en")
    ja = segment_presegmented(ja_text, "ja")
    return [(b.en, b.ja) for b in align(en, ja).beads]


def nltk_gc(en_lines: list[str], ja_lines: list[str]) -> Beads | None:
    """NLTK Gale–Church on character lengths, ja lengths scaled by the document's ratio."""
    try:
        from nltk.translate.gale_church import align_blocks
    except ImportError:
        return None
    ratio = sum(map(len, en_lines)) / max(1, sum(map(len, ja_lines)))
    links = align_blocks([len(x) for x in en_lines], [max(1, round(len(x) * ratio)) for x in ja_lines])
    # Links -> beads: connected components; unlinked lines become 1-0 / 0-1 beads.
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("e", i))] = find(("j", j))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for i in range(len(en_lines)):
        groups.setdefault(find(("e", i)), ([], []))[0].append(i)
    for j in range(len(ja_lines)):
        groups.setdefault(find(("j", j)), ([], []))[1].append(j)
    beads = [(tuple(e), tuple(j)) for e, j in groups.values()]
    return sorted(beads, key=lambda b: (min(b[0], default=-1), min(b[1], default=-1)))


def fmt(res: dict[str, Any] | None) -> str:
    if res is None:
        return "–"
    return f"{res['f1_strict']:.3f} / {res['f1_lax']:.3f}"


def accuracy(with_gc: bool) -> tuple[list[str], dict[str, float]]:
    sc = scorer()
    rows = [
        "| documents | ours strict / lax F1 | NLTK GC rescaled (this run) | hunalign+JMdict (README) "
        "| NLTK GC rescaled (README) | align time |",
        "|---|---|---|---|---|---|",
    ]
    summary: dict[str, float] = {}
    for label, names in GROUPS:
        ours_pairs, gc_pairs = [], []
        t0 = time.perf_counter()
        for name in names:
            en_text = (CORPORA / f"{name}.en").read_text(encoding="utf-8")
            ja_text = (CORPORA / f"{name}.ja").read_text(encoding="utf-8")
            gold = sc.read_beads(str(CORPORA / f"{name}.gold"))
            ours_pairs.append((ours(en_text, ja_text), gold))
        took = time.perf_counter() - t0
        for name in names:
            en_lines = (CORPORA / f"{name}.en").read_text(encoding="utf-8").splitlines()
            ja_lines = (CORPORA / f"{name}.ja").read_text(encoding="utf-8").splitlines()
            if with_gc and len(en_lines) < 4000:  # NLTK refuses more (MAX_ALIGN_BLOCKS), and it is O(n·m)
                gc = nltk_gc(en_lines, ja_lines)
                if gc is not None:
                    gc_pairs.append((gc, sc.read_beads(str(CORPORA / f"{name}.gold"))))
        res = sc.score(ours_pairs)
        gc_res = sc.score(gc_pairs) if gc_pairs else None
        summary[label] = res["f1_strict"]
        hun, gcref = BASELINE[label]
        rows.append(f"| {label} | {fmt(res)} | {fmt(gc_res)} | {hun} | {gcref} | {took:.1f} s |")
    # The article pairs under sources/ (real MT with defects), through the normal segmenter.
    from align.aligner import align
    from align.pipeline import load_pair

    pairs = []
    for d in sorted(p for p in (ROOT / "sources").iterdir() if (p / "gold.align").is_file()):
        ja, en = load_pair(d / "ja.txt", d / "en.txt")
        test = [(b.en, b.ja) for b in align(en, ja).beads]
        gold = sc.read_beads(str(d / "gold.align"))
        one = sc.score([(test, gold)])
        rows.append(f"| sources/{d.name} | {fmt(one)} | – | – | – | |")
        pairs.append((test, gold))
    if pairs:
        res = sc.score(pairs)
        summary["sources"] = res["f1_strict"]
        rows.append(f"| sources, all pairs | {fmt(res)} | – | – | – | |")
    return rows, summary


# align ends its own process (os._exit after the atexit handlers): the figures are written by
# an atexit handler, the last code that runs.
_RUNNER = """
import atexit, resource, runpy, sys, time
t = time.perf_counter()
atexit.register(lambda: sys.stderr.write("\\nBENCH %.3f %d\\n" % (time.perf_counter() - t,
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
sys.argv = ["align"] + sys.argv[1:]
runpy.run_module("align", run_name="__main__")
"""


def run_measured(args: list[str], stdout_path: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds incl. interpreter start, in-process seconds, peak RSS in KiB) of one fresh run."""
    out = open(stdout_path, "w", encoding="utf-8") if stdout_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER, *args], cwd=ROOT, stdout=out, stderr=subprocess.PIPE, text=True
        )
        wall = time.perf_counter() - t0
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
    line = [x for x in proc.stderr.splitlines() if x.startswith("BENCH ")][-1]
    _, inner, rss = line.split()
    return wall, float(inner), int(rss)


def speed(seed_runs: int) -> list[str]:
    from align.lexicon.dictionary import build_indexes

    build_indexes()  # build the on-disk index (if missing) before timing anything
    sc = scorer()
    en_all = (CORPORA / "tanaka_20k.en").read_text(encoding="utf-8").splitlines(keepends=True)
    ja_all = (CORPORA / "tanaka_20k.ja").read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [
        "| tanaka_20k prefix (en × ja lines) | wall time | peak RSS | time per 1k en lines | strict F1 |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for k in (5000, 10000, None):
            ne = len(en_all) if k is None else k
            nj = len(ja_all) if k is None else round(k * len(ja_all) / len(en_all))
            en_p, ja_p, out_p = Path(tmp, "p.en"), Path(tmp, "p.ja"), Path(tmp, "out.beads")
            en_p.write_text("".join(en_all[:ne]), encoding="utf-8")
            ja_p.write_text("".join(ja_all[:nj]), encoding="utf-8")
            wall, _, rss = run_measured(["beads", str(ja_p), str(en_p), "--presegmented"], out_p)
            f1 = "–"
            if k is None:
                test = [_parse(line) for line in out_p.read_text(encoding="utf-8").splitlines()]
                gold = sc.read_beads(str(CORPORA / "tanaka_20k.gold"))
                f1 = f"{sc.score([(test, gold)])['f1_strict']:.3f}"
            rows.append(
                f"| {ne:,} × {nj:,} | {wall:.1f} s | {rss / 1024 / 1024:.2f} GB | "
                f"{wall / ne * 1000:.2f} s | {f1} |"
            )
    return rows + ["", seed_check(seed_runs)]


def seed_check(runs: int) -> str:
    """Whole-process wall time of ``align check --format json`` on the seed pair, warm caches
    (issue 20's target: a median of at most 0.8 s over 7 runs)."""
    seed = ROOT / "sources" / "openai-musk"
    args = ["check", str(seed / "ja.txt"), str(seed / "en.txt"), "--format", "json"]
    # Warm caches include the byte code an installed package has: with PYTHONDONTWRITEBYTECODE set
    # (or a read-only checkout) every run would compile all of align's modules again (0.2 s).
    import compileall

    compileall.compile_dir(str(ROOT / "align"), quiet=1)
    run_measured(args)  # warm every cache the rules use, too
    measured = [run_measured(args) for _ in range(runs)]
    walls = sorted(m[0] for m in measured)
    inner = statistics.median(m[1] for m in measured)
    rss = max(m[2] for m in measured) / 1024
    return (
        f"`align check --format json` on sources/openai-musk, warm cache: "
        f"median {statistics.median(walls):.2f} s wall (min {walls[0]:.2f} s, max {walls[-1]:.2f} s, "
        f"{runs} runs; target ≤ 0.8 s), "
        f"median {inner:.2f} s after the interpreter started, peak RSS {rss:.0f} MiB"
    )


def _parse(line: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    left, right = line.split("\t")[0].split(":")
    return (
        tuple(int(x) for x in left.strip("[]").split(",") if x),
        tuple(int(x) for x in right.strip("[]").split(",") if x),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-speed", action="store_true", help="accuracy only")
    ap.add_argument("--no-gc", action="store_true", help="skip the NLTK Gale–Church baseline")
    ap.add_argument("--json", action="store_true", help="also print the strict F1 summary as JSON")
    ap.add_argument("--seed-only", action="store_true", help="only the seed pair's check time")
    ap.add_argument("--seed-runs", type=int, default=7, help="timed runs of the seed check (default 7)")
    a = ap.parse_args()
    if a.seed_only:
        print(f"# bench_align --seed-only ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
        print(seed_check(max(1, a.seed_runs)))
        return
    from align.aligner import AlignParams

    print(f"# bench_align ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    print(f"# {AlignParams()}")
    print()
    rows, summary = accuracy(not a.no_gc)
    print("\n".join(rows))
    if not a.no_speed:
        print()
        print("\n".join(speed(max(1, a.seed_runs))))
    if a.json:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
