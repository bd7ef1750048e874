"""Accepting known findings, as linters do: ``--write-baseline FILE`` then ``--baseline FILE``.

A plain-text MT has no place for inline suppressions, so a baseline records a
content fingerprint per finding: the pair's name, the rule and the finding's own text
(its highlighted spans and expected form; the sentences themselves only for findings
that highlight nothing). Not paths, line numbers or whole sentences: a baseline
survives edits elsewhere in the file, fixes of other defects in the same sentence,
and a file given by another path spelling.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .files import read_text, write_text
from .model import Finding

if TYPE_CHECKING:
    from .model import CheckResult

VERSION = 2


def fingerprint(result: CheckResult, finding: Finding) -> str:
    spans = sorted(f"{s.side}:{s.text}" for s in finding.spans)
    own: list[str] = []
    if not spans:
        own = [f"ja:{result.ja.segments[j].text}" for j in finding.ja]
        own += [f"en:{result.en.segments[i].text}" for i in finding.en]
    key = "\x1f".join((result.name, finding.rule, *spans, *own, finding.expected or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def rows(result: CheckResult) -> list[dict[str, str]]:
    """The baseline rows of one result (a CLI streaming many results collects only these)."""
    return [
        {"pair": result.name, "rule": f.rule, "fingerprint": fingerprint(result, f), "message": f.message}
        for f in result.findings
    ]


def render(all_rows: Iterable[dict[str, str]]) -> str:
    ordered = sorted(all_rows, key=lambda d: (d["pair"], d["rule"], d["fingerprint"], d["message"]))
    return json.dumps({"version": VERSION, "findings": ordered}, ensure_ascii=False, indent=1) + "\n"


def write_baseline(path: str, all_rows: Iterable[dict[str, str]]) -> None:
    write_text(path, render(all_rows))


def load_baseline(path: str) -> Counter[tuple[str, str]]:
    """(pair, fingerprint) -> how many findings with it the baseline accepts."""
    if not Path(path).exists():
        raise ConfigError("no such baseline file (create it with --write-baseline)", path)
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not a baseline file (invalid JSON: {exc.msg})", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError("not a baseline file (no findings list)", path)
    if data.get("version") != VERSION:
        raise ConfigError(
            f"baseline format {data.get('version')!r} is not {VERSION}; re-create it with --write-baseline",
            path,
        )
    accepted: Counter[tuple[str, str]] = Counter()
    for row in data["findings"]:
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise ConfigError("not a baseline file (a finding has no fingerprint)", path)
        accepted[(str(row.get("pair", "")), row["fingerprint"])] += 1
    return accepted


def filter_result(result: CheckResult, accepted: Counter[tuple[str, str]]) -> CheckResult:
    """The result without the findings the baseline accepts (each entry accepts one finding)."""
    kept = []
    for f in result.findings:
        key = (result.name, fingerprint(result, f))
        if accepted[key] > 0:
            accepted[key] -= 1
        else:
            kept.append(f)
    return replace(result, findings=tuple(kept))
