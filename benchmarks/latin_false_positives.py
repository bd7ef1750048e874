"""Latin-token reports on human translations: nearly every one is a false positive.

    python benchmarks/latin_false_positives.py [-v]

Runs ``missing_latin`` on every gold 1-1 bead of the Coursera documents in
../shared/corpora and prints the reports per 1000 beads (and each report with -v).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.lexicon.latin import latin_tokens, missing_latin  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"


def one_to_one(stem: str) -> list[tuple[str, str]]:
    en = (CORPORA / f"{stem}.en").read_text(encoding="utf-8").splitlines()
    ja = (CORPORA / f"{stem}.ja").read_text(encoding="utf-8").splitlines()
    out = []
    for line in (CORPORA / f"{stem}.gold").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\[(\d+)\]:\[(\d+)\]$", line.strip())
        if m:
            out.append((en[int(m.group(1))], ja[int(m.group(2))]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    beads = reports = 0
    kinds: Counter[str] = Counter()
    for path in sorted(CORPORA.glob("coursera*.gold")):
        for en, ja in one_to_one(path.stem):
            beads += 1
            kinds.update(t.kind for t in latin_tokens(en))
            for tok, similar in missing_latin(en, ja):
                reports += 1
                if args.verbose:
                    print(f"{path.stem}: {tok.kind} {tok.text!r} -> {similar.text if similar else None!r}")
    print(f"{beads} beads, {reports} reports: {1000 * reports / beads:.1f} per 1000 beads")
    print("English tokens by kind:", dict(sorted(kinds.items())))


if __name__ == "__main__":
    main()
