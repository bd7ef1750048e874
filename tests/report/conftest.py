"""Fixtures for the HTML report tests.

``handmade_result`` is a realistic CheckResult built without the aligner and rules:
the seed pair segmented for real, the gold beads of sources/openai-musk/gold.align,
findings made from its defects.json and a small glossary. It lets the report be
tested independently of the other stages; ``seed_result`` is the real pipeline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from align.model import Alignment, Bead, Finding, GlossaryEntry, Span, Variant
from align.pipeline import CheckResult, check, load_pair

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sources" / "openai-musk"
ARTIFACTS = ROOT / "test-artifacts"


def _rule_of(category: str):  # type: ignore[no-untyped-def]
    """The first rule of a category in the registry: its real code and default severity."""
    from align.rules import all_rules

    return next(r for r in all_rules() if r.category == category)


def read_gold(path: Path) -> tuple[Bead, ...]:
    beads = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = re.fullmatch(r"\[([\d,]*)\]:\[([\d,]*)\]", line.strip())
        if not m:
            continue
        en = tuple(int(x) for x in m.group(1).split(",") if x)
        ja = tuple(int(x) for x in m.group(2).split(",") if x)
        # A made-up but plausible confidence: n:m beads are less certain.
        score = 0.0 if not (en and ja) else (0.92 if len(en) == len(ja) == 1 else 0.41)
        beads.append(Bead(en, ja, score))
    return tuple(beads)


def handmade(extra_findings: tuple[Finding, ...] = ()) -> CheckResult:
    ja, en = load_pair(SEED / "ja.txt", SEED / "en.txt")
    beads = read_gold(SEED / "gold.align")
    findings = []
    for d in json.loads((SEED / "defects.json").read_text(encoding="utf-8")):
        s = d["ja_sentence"]
        text = ja.segments[s].text
        at = text.find(d["evidence"])
        spans = (Span("ja", s, at, at + len(d["evidence"]), d["evidence"]),) if at >= 0 else ()
        cat = d["category"]
        findings.append(
            Finding(
                rule=_rule_of(cat).code,
                name=_rule_of(cat).name,
                category=cat,
                severity=_rule_of(cat).severity,
                message=f"{cat}: {d['evidence']}"
                + (f" should render {d['expected']}" if d.get("expected") else ""),
                ja=(s,),
                spans=spans,
                expected=d.get("expected"),
            )
        )
    glossary = (
        GlossaryEntry(
            "Altman",
            "person",
            (
                Variant("アルトマン", 6, "preferred", (1, 8, 9, 15, 23, 46)),
                Variant("オルトマン", 1, "deprecated", (5,)),
            ),
        ),
        GlossaryEntry(
            "Lehane",
            "person",
            (
                Variant("レーン", 1, "preferred", (11,)),
                Variant("リーン", 1, "deprecated", (14,)),
                Variant("リーハイガン", 1, "deprecated", (16,)),
            ),
        ),
        GlossaryEntry(
            "Colossus",
            "product",
            (Variant("コロッサス", 1, "preferred", (40,)), Variant("ジャイアント", 1, "deprecated", (46,))),
        ),
    )
    return CheckResult(
        "openai-musk",
        ja,
        en,
        Alignment(beads, "gold"),
        tuple(findings) + extra_findings,
        "handmade|align:gold|rules:defects.json",
        glossary,
    )


@pytest.fixture(scope="session")
def handmade_result() -> CheckResult:
    return handmade()


@pytest.fixture(scope="session")
def seed_result() -> CheckResult:
    ja, en = load_pair(SEED / "ja.txt", SEED / "en.txt")
    return check(ja, en, "openai-musk")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
