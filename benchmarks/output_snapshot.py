"""Fingerprint every user-visible output, to show that a refactor changed none of them.

    python benchmarks/output_snapshot.py write SNAPSHOT.json   # before the change
    python benchmarks/output_snapshot.py compare SNAPSHOT.json # after: lists every difference

For each pair under ``sources/`` and each document of ``../shared/corpora`` (one sentence per
line, so ``--presegmented``; tanaka_20k is left out for time) it runs the CLI, as a user would:
``check --format json``, ``export --formats tmx,tbx,tsv,csv,po`` and ``report``, and records the
SHA-256 of each output. The run's signature is replaced by a placeholder first: a refactor may
change how settings are named, but nothing else. ``SOURCE_DATE_EPOCH`` is fixed so that the
report's date does not depend on file times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"


def _pairs(include_corpora: bool) -> list[tuple[str, str, str, bool]]:
    """(name, ja, en, presegmented) with paths relative to the checkout, which the outputs
    record: a worktree elsewhere must give the same bytes."""
    out = [
        (d.name, f"sources/{d.name}/ja.txt", f"sources/{d.name}/en.txt", False)
        for d in sorted((ROOT / "sources").iterdir())
        if (d / "ja.txt").is_file()
    ]
    if include_corpora and CORPORA.is_dir():
        for en in sorted(CORPORA.glob("*.en")):
            if en.stem == "tanaka_20k":
                continue
            out.append((en.stem, f"../shared/corpora/{en.stem}.ja", f"../shared/corpora/{en.stem}.en", True))
    return out


def _run(args: list[str]) -> str:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    cmd = [sys.executable, "-m", "align", *args]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    if p.returncode not in (0, 1):
        raise SystemExit(f"align {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


def _scrub(text: str, signature: str) -> str:
    text = text.replace(signature, "<SIGNATURE>") if signature else text
    # The HTML report escapes the signature ('|' stays, but '&', '<', '>' would not).
    return re.sub(r"align:[0-9][^\s\"<]*\|[^\s\"<]*", "<SIGNATURE>", text)


def snapshot(include_corpora: bool = True) -> dict[str, str]:
    digests: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, ja, en, pre in _pairs(include_corpora):
            flags = ["--presegmented"] if pre else []
            raw = _run(["check", "--format", "json", "--exit-zero", *flags, ja, en])
            data = json.loads(raw)
            signature = data.get("signature", "")
            data["signature"] = "<SIGNATURE>"
            digests[f"{name}/check.json"] = hashlib.sha256(
                json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
            ).hexdigest()
            out = Path(tmp) / name
            _run(["export", *flags, ja, en, "-o", str(out), "--name", name])
            _run(["report", *flags, ja, en, "-o", str(out / "report.html")])
            for f in sorted(out.iterdir()):
                text = f.read_text(encoding="utf-8")
                digests[f"{name}/{f.name}"] = hashlib.sha256(_scrub(text, signature).encode()).hexdigest()
            print(f"{name}: {sum(1 for k in digests if k.startswith(name + '/'))} outputs", file=sys.stderr)
    return digests


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["write", "compare"])
    ap.add_argument("path")
    ap.add_argument("--sources-only", action="store_true", help="Skip ../shared/corpora (faster).")
    a = ap.parse_args()
    now = snapshot(not a.sources_only)
    if a.mode == "write":
        Path(a.path).write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(now)} output fingerprints to {a.path}")
        return 0
    before = json.loads(Path(a.path).read_text(encoding="utf-8"))
    if a.sources_only:
        before = {k: v for k, v in before.items() if k.split("/")[0] in {n for n, *_ in _pairs(False)}}
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for k in changed:
        state = "missing now" if k not in now else "new" if k not in before else "differs"
        print(f"{state}: {k}")
    print(f"{len(now)} outputs compared, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
