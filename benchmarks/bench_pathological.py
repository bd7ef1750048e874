"""Wall time and peak memory of the CLI on pathological inputs (issue 7).

    python benchmarks/bench_pathological.py [--sizes 20000,50000,200000] [--skip-check] [--mem-limit-gb 8]

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
"""

from __future__ import annotations

import argparse
import os
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,50000,200000", help="sentences per side (comma list)")
    ap.add_argument("--skip-check", action="store_true", help="segment and beads only")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per command")
    ap.add_argument("--mem-limit-gb", type=float, default=8.0, help="address-space cap per command (0: none)")
    opts = ap.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",") if s.strip()]
    mem_limit = int(opts.mem_limit_gb * 1024**3)
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
