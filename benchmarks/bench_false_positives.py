"""How often rules fire on human translations, which have (almost) no defects.

    python benchmarks/bench_false_positives.py [--rules AL302,AL704] [--aligner] [--show N] [FILES...]

Runs the chosen rules over each presegmented Japanese corpus document (one sentence
per line, default: ../shared/corpora/coursera_test_0*.ja and tanaka_0*.ja) against its
English, with the gold alignment (``--aligner``: the aligner's), and prints each rule's
findings per 1000 Japanese sentences, then the first findings of each rule so that a
person can judge them. A rule that checks the Japanese alone should stay near zero here.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.model import Finding  # noqa: E402
from align.pipeline import check  # noqa: E402
from align.segment import segment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_defects import read_gold  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_RULES = "AL302,AL704,AL705"


def default_files() -> list[Path]:
    base = CORPORA if CORPORA.is_dir() else Path("/work/shared/corpora")
    return sorted([*base.glob("coursera_test_0*.ja"), *base.glob("tanaka_0*.ja")])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="Japanese corpus files (.ja next to .en, .gold)")
    ap.add_argument("--rules", default=DEFAULT_RULES, help=f"comma list (default {DEFAULT_RULES})")
    ap.add_argument("--aligner", action="store_true", help="align with the aligner, not the gold beads")
    ap.add_argument("--show", type=int, default=20, help="findings to print per rule")
    args = ap.parse_args(argv)
    rules = [r.strip() for r in args.rules.split(",") if r.strip()]
    files = args.files or default_files()
    sentences = 0
    fired: dict[str, list[tuple[str, str, Finding]]] = defaultdict(list)
    for path in files:
        ja = segment(path.read_text(encoding="utf-8"), "ja", str(path), presegmented=True)
        en = segment(path.with_suffix(".en").read_text(encoding="utf-8"), "en", "", presegmented=True)
        gold = path.with_suffix(".gold")
        alignment = None if args.aligner or not gold.exists() else read_gold(gold)
        result = check(ja, en, path.stem, select=rules, alignment=alignment)
        sentences += sum(1 for s in ja.segments if s.text)
        for f in result.findings:
            text = " / ".join(ja.segments[j].text for j in f.ja)
            fired[f.rule].append((path.stem, text, f))
    print(f"{sentences} Japanese sentences in {len(files)} files ({'aligner' if args.aligner else 'gold'})")
    for rule in rules:
        hits = fired.get(rule.upper(), [])
        print(f"{rule}: {len(hits)} findings, {1000 * len(hits) / max(sentences, 1):.2f} per 1000 sentences")
        for name, text, f in hits[: args.show]:
            print(f"  {name} ja {list(f.ja)}: {f.message[:90]} | {text[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
