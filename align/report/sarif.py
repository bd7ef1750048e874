"""SARIF 2.1.0 (OASIS) for code-scanning tools: one run per pair, rule metadata included.

File locations are relative URIs on the base ``%SRCROOT%`` (SARIF §3.4.4), which each run
defines in ``originalUriBaseIds`` (§3.14.14): the current directory, or the inputs' common
folder when they lie outside it. Only that one entry holds an absolute (file://) URI, so a
log moves with its sources and code-scanning services resolve paths against their checkout.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from io import StringIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from ..baseline import fingerprint
from ..model import CheckResult, Document, Finding, Fix, Severity
from ..versions import __version__

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"

#: A document (and the file name used when it has no path) -> its artifactLocation.
Artifact = Callable[[Document, str], dict[str, Any]]


def _base(r: CheckResult) -> Path:
    """The folder the run's URIs are relative to: the current one if it holds both files."""
    cwd = Path.cwd()
    files = [Path(os.path.abspath(d.path)) for d in (r.ja, r.en) if d.path]
    if all(p.is_relative_to(cwd) for p in files):
        return cwd
    return Path(os.path.commonpath([p.parent for p in files]))


def _artifacts(base: Path) -> Artifact:
    def artifact(doc: Document, fallback: str) -> dict[str, Any]:
        relative = Path(os.path.abspath(doc.path)).relative_to(base).as_posix() if doc.path else fallback
        return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}

    return artifact


def _base_uri(base: Path) -> str:
    uri = base.as_uri()
    return uri if uri.endswith("/") else uri + "/"  # §3.14.14: a base URI ends with a slash


def _rules() -> list[dict[str, Any]]:
    from ..rules import all_rules

    return [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary()},
            "fullDescription": {"text": r.doc()},
            "help": {"text": r.doc()},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            # §3.49.11: a result's message.id + arguments render these (English, as message.text).
            "messageStrings": {k: {"text": t.sarif()[0]} for k, t in r.messages.items()},
            "properties": {"category": r.category, "tags": [r.category]},
        }
        for r in all_rules()
    ]


def _message(f: Finding, known: bool) -> dict[str, Any]:
    """message.text, plus message.id and positional arguments (§3.11.7) when the rule is in the log."""
    from ..rules import template_of

    template = template_of(f) if known else None
    if template is None:
        return {"text": f.message}
    return {"text": f.message, "id": f.message_id, "arguments": template.sarif(dict(f.arguments))[1]}


def _region(doc_text: str, line_col: Any, start: int, end: int) -> dict[str, Any]:
    sl, sc = line_col(start)
    el, ec = line_col(max(start, end))
    region: dict[str, Any] = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}
    if end > start:
        region["snippet"] = {"text": doc_text[start:end]}
    return region


def _locations(r: CheckResult, f: Finding, art: Artifact) -> list[dict[str, Any]]:
    from .text import ja_offset

    locs = []
    for s in f.spans:
        doc = r.ja if s.side == "ja" else r.en
        if not 0 <= s.sentence < len(doc.segments):
            continue
        base = doc.segments[s.sentence].start
        locs.append(
            {
                "physicalLocation": {
                    "artifactLocation": art(doc, f"{r.name}.{s.side}.txt"),
                    "region": _region(doc.text, doc.line_col, base + s.start, base + s.end),
                }
            }
        )

    def where(doc: Document, start: int, end: int) -> dict[str, Any]:
        return {
            "physicalLocation": {
                "artifactLocation": art(doc, f"{r.name}.{doc.lang}.txt"),
                "region": _region(doc.text, doc.line_col, start, end),
            }
        }

    if not any(s.side == "ja" for s in f.spans):
        # As in the text report: the Japanese position first (for an omission, where the
        # translation is missing), then the English sentences concerned.
        off = ja_offset(r, f)
        locs.insert(0, where(r.ja, off, off if not f.ja else r.ja.segments[f.ja[-1]].end))
        if not f.ja and f.en:
            locs.append(where(r.en, r.en.segments[f.en[0]].start, r.en.segments[f.en[-1]].end))
    return locs


def _fix(r: CheckResult, fix: Fix, art: Artifact) -> dict[str, Any]:
    """A SARIF fix: one artifactChange on the Japanese file, one replacement per edit.

    Regions are lines and columns in code points (the run's columnKind), like the results'
    locations; an insertion is an empty region. Applicability goes in the property bag.
    """
    doc = r.ja
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": art(doc, f"{r.name}.ja.txt"),
                "replacements": [
                    {
                        "deletedRegion": _region(doc.text, doc.line_col, e.start, e.end),
                        "insertedContent": {"text": e.replacement},
                    }
                    for e in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability},
    }


def _result(r: CheckResult, f: Finding, index: dict[str, int], art: Artifact) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _LEVEL[f.severity],
        "message": _message(f, f.rule in index),
        "locations": _locations(r, f, art)[:1],
        "partialFingerprints": {"alignFinding/v1": fingerprint(r, f)},
        "properties": {
            "category": f.category,
            "name": f.name,
            "ja": list(f.ja),
            "en": list(f.en),
            "expected": f.expected,
        },
    }
    if f.fix is not None:
        out["fixes"] = [_fix(r, f.fix, art)]
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    related = _locations(r, f, art)[1:]
    if related:
        out["relatedLocations"] = [{"id": k, **loc} for k, loc in enumerate(related)]
    return out


def _run(r: CheckResult, rules: list[dict[str, Any]], index: dict[str, int]) -> dict[str, Any]:
    base = _base(r)
    art = _artifacts(base)
    return {
        "tool": {
            "driver": {
                "name": "align",
                "version": __version__,
                "informationUri": "https://pypi.org/project/jaen-align/",
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"align/{r.name}/"},
        "originalUriBaseIds": {SRCROOT: {"uri": _base_uri(base)}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(r, f, index, art) for f in r.findings],
        "properties": {"signature": str(r.signature)},
    }


class SarifWriter:
    """One SARIF log with one run per pair, streamed run by run."""

    def __init__(self, out: IO[str], count: int, options: object = None) -> None:
        from .json import JsonArrayWriter

        self.out = out
        self.rules = _rules()
        self.index = {rule["id"]: k for k, rule in enumerate(self.rules)}
        head = json.dumps({"$schema": SCHEMA, "version": "2.1.0"}, ensure_ascii=False, indent=1)[:-2]
        self.runs = JsonArrayWriter(out, count, head + ',\n "runs": [', "]", depth=2)

    def add(self, result: CheckResult) -> None:
        self.runs.add_item(_run(result, self.rules, self.index))

    def close(self) -> None:
        self.runs.close()
        self.out.write("\n}\n")


def render(results: Iterable[CheckResult]) -> str:
    buffer = StringIO()
    writer = SarifWriter(buffer, 0)
    for r in results:
        writer.add(r)
    writer.close()
    return buffer.getvalue()
