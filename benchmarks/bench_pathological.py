"""Wall time and peak memory of the CLI on pathological inputs (issue 7).

    python benchmarks/bench_pathological.py [--sizes 20000,50000,200000] [--skip-check] [--mem-limit-gb 8]
    python benchmarks/bench_pathological.py --scale [N]

Inputs, built in a temporary folder:

* a single 10 MB line with no sentence punctuation, in English (words) and in
  Japanese (kana/kanji, no 。), segmented, then aligned/checked against a normal
  Japanese article;
* N sentences per side (default 200,000 and smaller sizes to show the growth):
  the Tanaka corpus from ../shared/corpora repeated, one sentence per line,
  segmented, aligned (``align beads``) and checked (``align check --format json -o``).

Every command runs in its own process (``python -m align ...``); peak RSS is that
process's ``ru_maxrss`` from ``os.wait4``. An address-space limit protects the
shared machine; a run that hits it or the timeout is reported as such.

``--scale`` runs issue 20's scale figure alone: ``align check --format json -o`` on N
sentences per side (default 200,000; target at most 60 s and 1.5 GB). Its input is not one
document repeated verbatim, which would give the aligner a periodic text: every corpus
document of ../shared/corpora is cut into its gold beads, and the beads are laid end to
end in document order, then again in an order shuffled with a fixed seed for each further
pass, until the English side has N sentences (each corpus sentence so occurs about 8-9
times, each time among other neighbours; the text is the same on every run).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
TEN_MB = 10 * 1024 * 1024


def run(args: list[str], cwd: Path, timeout: float, mem_limit: int) -> tuple[str, float, float, float]:
    """(status, wall seconds, CPU seconds, peak RSS MiB) of ``python -m align *args``.

    CPU time (user + system) is printed too: on a shared machine wall time includes waiting.
    """

    def limit() -> None:
        if mem_limit:
            resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "align", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            cpu = usage.ru_utime + usage.ru_stime
            return "timeout", time.perf_counter() - start, cpu, usage.ru_maxrss / 1024
        time.sleep(0.05)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
    state = f"exit {code}" if code in (0, 1) else f"exit {code}: {err.splitlines()[-1] if err else ''}"
    return state, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build_inputs(work: Path, sizes: list[int]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()
    line = " ".join(words[i % len(words)] for i in range(TEN_MB // 5))[:TEN_MB]
    files["line10mb_en"] = work / "line10mb_en.txt"
    files["line10mb_en"].write_text(line, encoding="utf-8")
    kana = "かきくけこさしすせそたちつてと日本語の文字列が続く"
    ja_line = (kana * (TEN_MB // 3 // len(kana) + 1))[: TEN_MB // 3]  # 3 bytes per char: 10 MB of UTF-8
    files["line10mb_ja"] = work / "line10mb_ja.txt"
    files["line10mb_ja"].write_text(ja_line, encoding="utf-8")
    files["article_ja"] = ROOT / "sources" / "serra-azul-kestrel" / "ja.txt"
    en_lines = (CORPORA / "tanaka_20k.en").read_text(encoding="utf-8").splitlines()
    ja_lines = (CORPORA / "tanaka_20k.ja").read_text(encoding="utf-8").splitlines()
    for n in sizes:
        for lang, lines in (("en", en_lines), ("ja", ja_lines)):
            reps = (lines * (n // len(lines) + 1))[:n]
            path = work / f"s{n}_{lang}.txt"
            path.write_text("\n".join(reps) + "\n", encoding="utf-8")
            files[f"s{n}_{lang}"] = path
    return files


def _gold_beads(name: str) -> list[tuple[list[str], list[str]]]:
    en = (CORPORA / f"{name}.en").read_text(encoding="utf-8").splitlines()
    ja = (CORPORA / f"{name}.ja").read_text(encoding="utf-8").splitlines()
    out = []
    for line in (CORPORA / f"{name}.gold").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")[:2]
        out.append(
            (
                [en[int(i)] for i in left.strip("[]").split(",") if i],
                [ja[int(i)] for i in right.strip("[]").split(",") if i],
            )
        )
    return out


def build_varied(work: Path, n: int, seed: int = 20) -> tuple[Path, Path, int, int]:
    """(ja file, en file, ja lines, en lines): the corpora's beads, shuffled anew in each pass."""
    beads = [b for gold in sorted(CORPORA.glob("*.gold")) for b in _gold_beads(gold.stem)]
    rng = random.Random(seed)
    en: list[str] = []
    ja: list[str] = []
    order = beads
    while len(en) < n:
        for e, j in order:
            if len(en) >= n:
                break
            en += e
            ja += j
        order = rng.sample(beads, len(beads))
    ja_path, en_path = work / f"varied{n}_ja.txt", work / f"varied{n}_en.txt"
    ja_path.write_text("\n".join(ja) + "\n", encoding="utf-8")
    en_path.write_text("\n".join(en) + "\n", encoding="utf-8")
    return ja_path, en_path, len(ja), len(en)


def scale(n: int, timeout: float, mem_limit: int) -> None:
    with tempfile.TemporaryDirectory(prefix="align-scale-") as tmp:
        work = Path(tmp)
        ja, en, nj, ne = build_varied(work, n)
        print(f"# scale: {ne:,} English x {nj:,} Japanese lines; load average {os.getloadavg()[0]:.1f}")
        args = ["check", "--ja", str(ja), "--en", str(en), "--format", "json", "-o", "o.json"]
        status, wall, cpu, rss = run(args, work, timeout, mem_limit)
        print(f"{'command':<42} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13}  status")
        print(f"{f'check {ne:,} x {nj:,} (json -o)':<42} {wall:>8.2f} {cpu:>8.2f} {rss:>13.0f}  {status}")
        print("target: wall ≤ 60 s, peak RSS ≤ 1.5 GB (1,536 MiB)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,50000,200000", help="sentences per side (comma list)")
    ap.add_argument("--skip-check", action="store_true", help="segment and beads only")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per command")
    ap.add_argument("--mem-limit-gb", type=float, default=8.0, help="address-space cap per command (0: none)")
    ap.add_argument(
        "--scale",
        type=int,
        nargs="?",
        const=200_000,
        default=None,
        metavar="N",
        help="only check N sentences per side of the varied corpus (default N: 200,000)",
    )
    opts = ap.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",") if s.strip()]
    mem_limit = int(opts.mem_limit_gb * 1024**3)
    if not (CORPORA / "tanaka_20k.gold").is_file():
        print(
            f"bench_pathological: {CORPORA}: no corpora (../shared must sit beside the clone)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    if opts.scale is not None:
        scale(opts.scale, opts.timeout, mem_limit)
        return
    with tempfile.TemporaryDirectory(prefix="align-bench-") as tmp:
        work = Path(tmp)
        f = build_inputs(work, sizes)
        jobs: list[tuple[str, list[str]]] = [
            ("segment 10 MB line, en", ["segment", str(f["line10mb_en"])]),
            ("segment 10 MB line, ja", ["segment", str(f["line10mb_ja"])]),
            ("beads article ja x 10 MB en line", ["beads", str(f["article_ja"]), str(f["line10mb_en"])]),
        ]
        if not opts.skip_check:
            jobs.append(
                (
                    "check article ja x 10 MB en line",
                    [
                        "check",
                        str(f["article_ja"]),
                        str(f["line10mb_en"]),
                        "--format",
                        "json",
                        "-o",
                        "o.json",
                    ],
                )
            )
        for n in sizes:
            ja, en = str(f[f"s{n}_ja"]), str(f[f"s{n}_en"])
            jobs.append((f"segment {n:,} sentences, en", ["segment", en]))
            jobs.append((f"segment {n:,} sentences, ja", ["segment", ja]))
            jobs.append((f"beads {n:,} x {n:,}", ["beads", ja, en]))
            if not opts.skip_check:
                jobs.append(
                    (f"check {n:,} x {n:,} (json -o)", ["check", ja, en, "--format", "json", "-o", "o.json"])
                )
        print(f"{'command':<42} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13}  status", flush=True)
        for label, args in jobs:
            status, wall, cpu, rss = run(args, work, opts.timeout, mem_limit)
            print(f"{label:<42} {wall:>8.2f} {cpu:>8.2f} {rss:>13.0f}  {status}", flush=True)


if __name__ == "__main__":
    main()
