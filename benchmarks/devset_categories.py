"""Devset recall and precision per pair and per defect category (the closing-note table).

    python benchmarks/devset_categories.py [ALIGN_CMD]      # default: python3 -m align

``../shared/devset/evaluate.py all`` prints the totals per pair; this script runs the same
``align check --format json`` on each pair's ``.txt`` files and splits the same matching rule
(a finding of the defect's category, or an alternative category, whose sentence or span holds
the evidence) by category. Recall counts clear (``must``) defects; precision counts non-style
findings that match some defect of their own category, as evaluate.py does.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"


def _texts(finding: dict, side: str, table: dict[int, str]) -> list[str]:
    out = [table.get(i, "") for i in finding.get(side) or []]
    for sp in finding.get("spans") or []:
        if sp.get("side") == side:
            out += [table.get(sp.get("sentence"), ""), sp.get("text") or ""]
    return out


Counts = tuple[Counter[str], Counter[str], Counter[str], Counter[str], list[str]]


def _matches(key: str, evidence: str, texts: list[str]) -> bool:
    return any(key in t or (t and t in evidence and len(t) >= 2) for t in texts)


def score(pair: Path, cmd: list[str]) -> Counts:
    proc = subprocess.run(
        [*cmd, "check", "--format", "json", "--exit-zero", str(pair / "ja.txt"), str(pair / "en.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(proc.stdout)
    tables = {
        "ja": {s["index"]: s["text"] for s in out["ja"]["sentences"]},
        "en": {s["index"]: s["text"] for s in out["en"]["sentences"]},
    }
    findings = out["findings"]
    gold = json.loads((pair / "defects.json").read_text("utf-8"))
    must, found, flagged, right = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
    misses = []
    for g in gold:
        side = "en" if "en_line" in g and "ja_line" not in g else "ja"
        key = g["evidence"] if side == "ja" else g["evidence"][:20]
        cats = {g["category"], *g.get("alt_categories", [])}
        hit = any(
            f["category"] in cats and _matches(key, g["evidence"], _texts(f, side, tables[side]))
            for f in findings
        )
        if g.get("must"):
            must[g["category"]] += 1
            found[g["category"]] += hit
            if not hit:
                misses.append(
                    f"{pair.name} {g['category']} line {g.get('ja_line', g.get('en_line'))}: "
                    f"{g['evidence'][:40]}"
                )
    for f in findings:
        if f["category"] == "style":
            continue
        flagged[f["category"]] += 1
        for g in gold:
            if f["category"] not in {g["category"], *g.get("alt_categories", [])}:
                continue
            side = "en" if "en_line" in g and "ja_line" not in g else "ja"
            key = g["evidence"] if side == "ja" else g["evidence"][:20]
            texts = _texts(f, side, tables[side])
            if _matches(key, g["evidence"], texts) or any(g["evidence"][:10] in t for t in texts):
                right[f["category"]] += 1
                break
    return must, found, flagged, right, misses


def main() -> None:
    if not DEVSET.is_dir():
        sys.exit(f"{DEVSET} is not beside this clone")
    cmd = shlex.split(sys.argv[1]) if len(sys.argv) > 1 else [sys.executable, "-m", "align"]
    pairs = sorted(d for d in DEVSET.iterdir() if (d / "defects.json").is_file())
    totals: list[Counter[str]] = [Counter(), Counter(), Counter(), Counter()]
    all_misses: list[str] = []
    print("| pair | category | clear defects found | precision (non-style findings) |")
    print("|---|---|---|---|")
    for pair in pairs:
        must, found, flagged, right, misses = score(pair, cmd)
        all_misses += misses
        for total, part in zip(totals, (must, found, flagged, right), strict=True):
            total.update(part)
        for cat in sorted(set(must) | set(flagged)):
            rec = f"{found[cat]}/{must[cat]}" if must[cat] else "–"
            prec = f"{right[cat]}/{flagged[cat]}" if flagged[cat] else "–"
            print(f"| {pair.name} | {cat} | {rec} | {prec} |")
    must, found, flagged, right = totals
    print()
    print("| category (all pairs) | clear defects found | precision (non-style findings) |")
    print("|---|---|---|")
    for cat in sorted(set(must) | set(flagged)):
        rec = f"{found[cat]}/{must[cat]}" if must[cat] else "–"
        prec = f"{right[cat]}/{flagged[cat]}" if flagged[cat] else "–"
        print(f"| {cat} | {rec} | {prec} |")
    print(
        f"| **all** | **{sum(found.values())}/{sum(must.values())}** | "
        f"**{sum(right.values())}/{sum(flagged.values())}** |"
    )
    print()
    for miss in all_misses:
        print("missed:", miss)


if __name__ == "__main__":
    main()
