"""Small builders for report tests: a CheckResult from literal sentences."""

from __future__ import annotations

from align.model import Alignment, Bead, Document, Finding, Segment, Severity, Span
from align.pipeline import CheckResult


def doc(sentences: list[str], lang: str) -> Document:
    segs, pos, text = [], 0, ""
    for i, s in enumerate(sentences):
        segs.append(Segment(i, s, pos, pos + len(s), i, lang))  # type: ignore[arg-type]
        text += s + "\n"
        pos += len(s) + 1
    return Document(text, lang, tuple(segs), path="")  # type: ignore[arg-type]


def literal_result(
    en: list[str], ja: list[str], findings: tuple[Finding, ...] = (), name: str = "t"
) -> CheckResult:
    """1-1 beads for the common prefix, then the leftovers unaligned."""
    k = min(len(en), len(ja))
    beads = [Bead((i,), (i,), 0.9) for i in range(k)]
    beads += [Bead((i,), (), 0.0) for i in range(k, len(en))]
    beads += [Bead((), (j,), 0.0) for j in range(k, len(ja))]
    return CheckResult(
        name, doc(ja, "ja"), doc(en, "en"), Alignment(tuple(beads), "test"), findings, "sig:test", ()
    )


def finding(side: str, sentence: int, text: str, start: int, category: str = "name-variant") -> Finding:
    return Finding(
        rule="AL999",
        name=category,
        category=category,
        severity=Severity.ERROR,
        message=f"bad {text}",
        ja=(sentence,) if side == "ja" else (),
        en=(sentence,) if side == "en" else (),
        spans=(Span(side, sentence, start, start + len(text), text),),  # type: ignore[arg-type]
    )


SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=2">'
