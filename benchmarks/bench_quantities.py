#!/usr/bin/env python3
"""Speed and false-alarm rate of number extraction and pairing on human translations (a script).

    python3 benchmarks/bench_quantities.py              # the six coursera_test documents
    python3 benchmarks/bench_quantities.py --show 20    # and print 20 reported mismatches

Speed: ``en_quantities`` / ``ja_quantities`` over every sentence of the documents (tokenizer and
dictionary warm), as microseconds per sentence.
False alarms: ``match_quantities`` on every gold 1-1 bead. The translations are human, so nearly
every reported mismatch is a false positive; the figure is mismatches per 1000 beads.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

from align.lexicon.quantities import en_quantities, ja_quantities  # noqa: E402
from align.phrases.numbers import match_quantities  # noqa: E402


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", nargs="*", default=[f"coursera_test_0{i}" for i in range(1, 7)])
    ap.add_argument("--show", type=int, default=0, help="print this many mismatches")
    args = ap.parse_args()
    # Load the tagger and the dictionary outside the timing.
    ja_quantities("ウォームアップ、3人と二十人と一人。")
    en_quantities("warm up with 3 staff")
    en_sents: list[str] = []
    ja_sents: list[str] = []
    beads: list[tuple[str, str]] = []
    for doc in args.docs:
        en, ja = _lines(CORPORA / f"{doc}.en"), _lines(CORPORA / f"{doc}.ja")
        en_sents += [s for s in en if s.strip()]
        ja_sents += [s for s in ja if s.strip()]
        for row in _lines(CORPORA / f"{doc}.gold"):
            m = re.fullmatch(r"\[(\d+)\]:\[(\d+)\]", row.strip())
            if m:
                beads.append((en[int(m.group(1))], ja[int(m.group(2))]))
    t0 = time.perf_counter()
    for s in en_sents:
        en_quantities(s)
    t1 = time.perf_counter()
    for s in ja_sents:
        ja_quantities(s)
    t2 = time.perf_counter()
    reasons: Counter[str] = Counter()
    shown = 0
    n_matches = 0
    for en, ja in beads:
        matches, mismatches = match_quantities(en_quantities(en), ja_quantities(ja), en_text=en, ja_text=ja)
        n_matches += len(matches)
        for mm in mismatches:
            reasons[mm.reason] += 1
            if shown < args.show:
                shown += 1
                print(f"- {mm.reason}: {mm.message}\n  EN: {en}\n  JA: {ja}")
    t3 = time.perf_counter()
    total = sum(reasons.values())
    en_us, ja_us = 1e6 * (t1 - t0) / len(en_sents), 1e6 * (t2 - t1) / len(ja_sents)
    per_1000 = 1000 * total / len(beads)
    print(f"| documents | {len(args.docs)} |")
    print(f"| en_quantities | {en_us:.0f} µs/sentence ({len(en_sents)} sentences) |")
    print(f"| ja_quantities | {ja_us:.0f} µs/sentence ({len(ja_sents)} sentences) |")
    print(f"| extract + match per 1-1 bead | {1e6 * (t3 - t2) / len(beads):.0f} µs ({len(beads)} beads) |")
    print(f"| matched numbers | {n_matches} |")
    print(f"| mismatches | {total} = {per_1000:.1f} per 1000 beads {dict(sorted(reasons.items()))} |")


if __name__ == "__main__":
    main()
