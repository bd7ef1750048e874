"""Accepting known findings, as linters do: ``--write-baseline FILE`` then ``--baseline FILE``.

A plain-text MT has no place for inline suppressions, so a baseline records a
fingerprint per finding: the rule, the pair and the Japanese text involved,
not sentence numbers, so that it survives edits elsewhere in the text.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .errors import ConfigError
from .files import read_text, write_text
from .model import Finding
from .pipeline import CheckResult

VERSION = 1


def fingerprint(result: CheckResult, finding: Finding) -> str:
    ja = "\n".join(result.ja.segments[j].text for j in finding.ja)
    spans = "\n".join(f"{s.side}:{s.text}" for s in finding.spans)
    en = "" if finding.ja else "\n".join(result.en.segments[i].text for i in finding.en)
    key = "\x1f".join((finding.rule, result.name, ja, spans, en, finding.expected or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def render(results: Sequence[CheckResult]) -> str:
    rows = [
        {"pair": r.name, "rule": f.rule, "fingerprint": fingerprint(r, f), "message": f.message}
        for r in results
        for f in r.findings
    ]
    rows.sort(key=lambda d: (d["pair"], d["rule"], d["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": rows}, ensure_ascii=False, indent=1) + "\n"


def write_baseline(path: str, results: Sequence[CheckResult]) -> None:
    write_text(path, render(results))


def load_baseline(path: str) -> Counter[tuple[str, str]]:
    """(pair, fingerprint) -> how many findings with it the baseline accepts."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not a baseline file (invalid JSON: {exc.msg})", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError("not a baseline file (no findings list)", path)
    accepted: Counter[tuple[str, str]] = Counter()
    for row in data["findings"]:
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise ConfigError("not a baseline file (a finding has no fingerprint)", path)
        accepted[(str(row.get("pair", "")), row["fingerprint"])] += 1
    return accepted


def apply_baseline(results: Sequence[CheckResult], path: str) -> list[CheckResult]:
    """The results without the findings the baseline accepts (each entry accepts one finding)."""
    if not Path(path).exists():
        raise ConfigError("no such baseline file (create it with --write-baseline)", path)
    accepted = load_baseline(path)
    out = []
    for r in results:
        kept = []
        for f in r.findings:
            key = (r.name, fingerprint(r, f))
            if accepted[key] > 0:
                accepted[key] -= 1
            else:
                kept.append(f)
        out.append(replace(r, findings=tuple(kept)))
    return out
