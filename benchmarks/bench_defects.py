"""Recall and precision of ``align check`` against each pair's hand-made defects.json.

    python benchmarks/bench_defects.py [--json] [--gold] [sources/<pair> ...]

A defect is found when a finding has its category, covers its Japanese
sentence (an omission: points at it) and overlaps its evidence. Precision is
the share of findings outside ``style`` that match a defect; every unmatched
finding is listed so that a person can judge it. ``--gold`` runs the rules on
the gold alignment instead of the aligner's (to separate rule errors from
alignment errors).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.model import CATEGORIES, Alignment, Bead, Finding  # noqa: E402
from align.pipeline import CheckResult, check, load_pair  # noqa: E402


def read_gold(path: Path) -> Alignment:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\[([\d,\s]*)\]:\[([\d,\s]*)\]", line.strip())
        if m:
            en = tuple(int(x) for x in m.group(1).split(",") if x.strip())
            ja = tuple(int(x) for x in m.group(2).split(",") if x.strip())
            beads.append(Bead(en, ja, 1.0))
    return Alignment(tuple(beads), "gold")


def _evidence_overlaps(result: CheckResult, f: Finding, d: dict[str, Any]) -> bool:
    j = d["ja_sentence"]
    spans = [s for s in f.spans if s.side == "ja" and s.sentence == j]
    if not spans:
        return True  # the finding covers the sentence without marking text in it
    text = result.ja.segments[j].text
    evidence = d.get("evidence") or ""
    at = text.find(evidence) if evidence else -1
    for s in spans:
        if at >= 0 and s.start < at + len(evidence) and at < s.end:
            return True
        if at < 0 and (s.text in evidence or evidence in s.text):
            return True
    return False


def matches(result: CheckResult, f: Finding, d: dict[str, Any]) -> bool:
    if f.category != d["category"]:
        return False
    j = d["ja_sentence"]
    if j in f.ja:
        return _evidence_overlaps(result, f, d)
    # An omission has no Japanese: it points at the sentence after which the translation is missing.
    return not f.ja and f.anchor == j


def evaluate(pair: Path, gold: bool = False) -> dict[str, Any]:
    ja, en = load_pair(pair / "ja.txt", pair / "en.txt")
    alignment = read_gold(pair / "gold.align") if gold else None
    result = check(ja, en, pair.name, alignment=alignment)
    defects = json.loads((pair / "defects.json").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = defaultdict(list)
    real: list[bool] = []
    for f in result.findings:
        hits = [d["id"] for d in defects if matches(result, f, d)]
        for h in hits:
            found[h].append(f.rule)
        real.append(bool(hits))
    per_cat: dict[str, dict[str, int]] = {}
    for cat in CATEGORIES:
        ds = [d for d in defects if d["category"] == cat]
        fs = [(f, ok) for f, ok in zip(result.findings, real, strict=True) if f.category == cat]
        if ds or fs:
            per_cat[cat] = {
                "defects": len(ds),
                "found": sum(1 for d in ds if d["id"] in found),
                "important": sum(1 for d in ds if d.get("important")),
                "important_found": sum(1 for d in ds if d.get("important") and d["id"] in found),
                "findings": len(fs),
                "true_findings": sum(1 for _, ok in fs if ok),
            }
    checked = [(f, ok) for f, ok in zip(result.findings, real, strict=True) if f.category != "style"]
    return {
        "pair": pair.name,
        "alignment": "gold" if gold else str(result.signature).split("|")[0],
        "categories": per_cat,
        "precision_non_style": sum(ok for _, ok in checked) / len(checked) if checked else 1.0,
        "findings_non_style": len(checked),
        "missed": [
            {k: d[k] for k in ("id", "category", "ja_sentence", "evidence", "important")}
            for d in defects
            if d["id"] not in found
        ],
        "unmatched": [
            {"rule": f.rule, "category": f.category, "ja": list(f.ja), "en": list(f.en), "message": f.message}
            for f, ok in checked
            if not ok
        ],
    }


def _print(report: dict[str, Any]) -> None:
    print(f"== {report['pair']} (alignment: {report['alignment']})")
    print(f"{'category':<14}{'recall':>10}{'important':>12}{'precision':>12}")
    for cat, c in report["categories"].items():
        recall = f"{c['found']}/{c['defects']}" if c["defects"] else "-"
        imp = f"{c['important_found']}/{c['important']}" if c["important"] else "-"
        prec = f"{c['true_findings']}/{c['findings']}" if c["findings"] else "-"
        print(f"{cat:<14}{recall:>10}{imp:>12}{prec:>12}")
    cats = report["categories"].values()
    total = f"{sum(c['found'] for c in cats)}/{sum(c['defects'] for c in cats)}"
    imp = f"{sum(c['important_found'] for c in cats)}/{sum(c['important'] for c in cats)}"
    print(f"{'all':<14}{total:>10}{imp:>12}")
    n = report["findings_non_style"]
    print(f"precision outside style: {report['precision_non_style']:.1%} of {n} findings")
    for d in report["missed"]:
        flag = "IMPORTANT " if d["important"] else ""
        print(f"  missed {flag}{d['id']} {d['category']} ja {d['ja_sentence']}: {d['evidence']}")
    for u in report["unmatched"]:
        print(f"  unmatched {u['rule']} {u['category']} ja {u['ja']} en {u['en']}: {u['message'][:100]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs", nargs="*", help="pair folders (default: sources/*/ with defects.json)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--gold", action="store_true", help="use gold.align instead of the aligner")
    args = ap.parse_args(argv)
    pairs = [Path(p) for p in args.pairs] or sorted(
        p.parent for p in (ROOT / "sources").glob("*/defects.json") if (p.parent / "gold.align").exists()
    )
    reports = [evaluate(p, args.gold) for p in pairs]
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=1))
    else:
        for r in reports:
            _print(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
