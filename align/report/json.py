"""The JSON contract of ``align check --format json`` (schema: align/schema/check.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Document, Finding
from ..pipeline import CheckResult

VERSION = 1


def _doc(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                **({"kind": s.kind} if s.kind != "sentence" else {}),
            }
            for s in doc.segments
        ],
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": str(f.severity),
        "message": f.message,
        "ja": list(f.ja),
        "en": list(f.en),
        "spans": [
            {"side": s.side, "sentence": s.sentence, "start": s.start, "end": s.end, "text": s.text}
            for s in f.spans
        ],
        "expected": f.expected,
    }


def result_dict(r: CheckResult) -> dict[str, Any]:
    return {
        "version": VERSION,
        "signature": r.signature,
        "ja": _doc(r.ja),
        "en": _doc(r.en),
        "alignment": [
            {"en": list(b.en), "ja": list(b.ja), "score": round(b.score, 4)} for b in r.alignment.beads
        ],
        "findings": [finding_dict(f) for f in r.findings],
    }


def render(results: list[CheckResult]) -> str:
    """One JSON object for one pair; a JSON array when several pairs were checked."""
    if len(results) == 1:
        payload: Any = result_dict(results[0])
    else:
        payload = [result_dict(r) for r in results]
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
