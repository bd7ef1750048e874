"""What ``align fix`` does to each pair: fixable findings per rule, then fix, re-check, fix again.

    python benchmarks/bench_fixes.py [--json] [DIR ...]

DIR holds ja.txt and en.txt (default: every sources/<pair> and, when present,
../shared/devset/<pair>). Each pair is copied to a temporary folder; the script counts the
findings with a safe fix, with an unsafe one and with none, per rule; then, for the safe
and for the --unsafe-fixes run: the findings fixed (all rounds), the rounds, how many of
the originally fixable findings the re-check still reports (by baseline fingerprint), the
findings that are new after the fix (by rule), and whether a second run changes anything.
Only counts and rule codes are printed, never the articles' text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.baseline import fingerprint  # noqa: E402
from align.fix import fix_job  # noqa: E402
from align.job import Job, Pair  # noqa: E402
from align.pipeline import CheckResult, run  # noqa: E402


def _check(ja: Path, en: Path, name: str) -> CheckResult:
    return next(run(Job((Pair(name, str(ja), str(en)),))))


def _fix_round_trip(ja: Path, en: Path, name: str, unsafe: bool) -> dict[str, Any]:
    job = Job((Pair(name, str(ja), str(en)),))
    before = _check(ja, en, name)
    outcome = next(fix_job(job, unsafe=unsafe))
    ja.write_bytes(outcome.after)
    after = _check(ja, en, name)
    fixable = [f for f in before.findings if f.fix is not None and (f.fix.safe or unsafe)]
    wanted = Counter(fingerprint(before, f) for f in fixable)
    seen = Counter(fingerprint(after, f) for f in after.findings)
    again = next(fix_job(job, unsafe=unsafe))
    new = Counter(f.rule for f in after.findings) - Counter(f.rule for f in before.findings)
    return {
        "fixed": len(outcome.applied),
        "rounds": outcome.rounds,
        "still_reported": sum((wanted & seen).values()),
        "fixable_left": len(outcome.remaining),
        "new_findings": dict(sorted(new.items())),
        "second_run_changes": again.changed,
        "findings_before": len(before.findings),
        "findings_after": len(after.findings),
    }


def measure(pair_dir: Path) -> dict[str, Any]:
    name = pair_dir.name
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / name
        work.mkdir()
        for f in ("ja.txt", "en.txt"):
            shutil.copyfile(pair_dir / f, work / f)
        result = _check(work / "ja.txt", work / "en.txt", name)
        per_rule: dict[str, Counter[str]] = {}
        for f in result.findings:
            kind = "none" if f.fix is None else f.fix.applicability
            per_rule.setdefault(f.rule, Counter())[kind] += 1
        safe = _fix_round_trip(work / "ja.txt", work / "en.txt", name, unsafe=False)
        shutil.copyfile(pair_dir / "ja.txt", work / "ja.txt")
        unsafe = _fix_round_trip(work / "ja.txt", work / "en.txt", name, unsafe=True)
    return {
        "pair": name,
        "findings": len(result.findings),
        "safe": sum(c["safe"] for c in per_rule.values()),
        "unsafe": sum(c["unsafe"] for c in per_rule.values()),
        "per_rule": {rule: dict(c) for rule, c in sorted(per_rule.items())},
        "fix": safe,
        "fix_unsafe": unsafe,
    }


def _pairs(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    dirs = sorted(d for d in (ROOT / "sources").iterdir() if (d / "ja.txt").is_file())
    devset = ROOT.parent / "shared" / "devset"
    if not devset.is_dir():
        devset = Path("/work/shared/devset")
    if devset.is_dir():
        dirs += sorted(d for d in devset.iterdir() if (d / "ja.txt").is_file())
    return dirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("dirs", nargs="*")
    ns = parser.parse_args()
    rows = [measure(d) for d in _pairs(ns.dirs)]
    if ns.json:
        print(json.dumps(rows, indent=1))
        return
    print("| pair | findings | safe fix | unsafe fix | per rule (safe/unsafe) |")
    print("|---|---|---|---|---|")
    for r in rows:
        rules = ", ".join(
            f"{rule} {c.get('safe', 0)}/{c.get('unsafe', 0)}"
            for rule, c in r["per_rule"].items()
            if c.get("safe") or c.get("unsafe")
        )
        print(f"| {r['pair']} | {r['findings']} | {r['safe']} | {r['unsafe']} | {rules} |")
    print()
    print("| pair | run | fixed (rounds) | still reported | fixable left | new findings | 2nd run no-op |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        for label, key in (("safe", "fix"), ("--unsafe-fixes", "fix_unsafe")):
            x = r[key]
            new = ", ".join(f"{k} +{v}" for k, v in x["new_findings"].items()) or "none"
            print(
                f"| {r['pair']} | {label} | {x['fixed']} ({x['rounds']}) | {x['still_reported']} | "
                f"{x['fixable_left']} | {new} | {'yes' if not x['second_run_changes'] else 'NO'} |"
            )


if __name__ == "__main__":
    main()
