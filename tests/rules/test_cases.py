"""Every rule against its case file tests/rules/cases/<CODE>.json (pass and fail examples).

A case gives Japanese and English text, optionally the beads (vecalign format,
English left; without them the real aligner runs), a user glossary and rule
options, and what the rule must report: ``"findings": N`` and, for failing
cases, the text of each finding's first span (``"spans"``), its
``"expected"`` value and its ``"severities"``. ``"applicability"`` lists each finding's fix ("safe",
"unsafe" or null for none) and ``"fixed"`` is the Japanese once every fix is
applied (as ``align fix --unsafe-fixes`` would, in one round). Everything else
is real: segmenter, fugashi, JMdict.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from align.model import Alignment, Bead, GlossaryEntry, Variant
from align.rules import Context, all_rules, get_rule
from align.segment import segment

CASES = Path(__file__).parent / "cases"


def _beads(spec: str) -> Alignment:
    """Beads in vecalign notation, each with an optional confidence: "[0]:[0]@0.15 [1]:[1,2]"."""
    beads = []
    for m in re.finditer(r"\[([\d,]*)\]:\[([\d,]*)\](?:@([0-9.]+))?", spec):
        en = tuple(int(x) for x in m.group(1).split(",") if x)
        ja = tuple(int(x) for x in m.group(2).split(",") if x)
        beads.append(Bead(en, ja, float(m.group(3)) if m.group(3) else 1.0))
    return Alignment(tuple(beads), "case")


def _glossary(rows: list[dict[str, Any]]) -> tuple[GlossaryEntry, ...]:
    return tuple(
        GlossaryEntry(
            r["english"],
            r.get("kind", "person"),
            tuple(Variant(v["form"], 0, v["status"]) for v in r["variants"]),
        )
        for r in rows
    )


def _all_cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return out


def run_case(code: str, case: dict[str, Any]) -> list[Any]:
    from align.aligner import align

    ja = segment(case["ja"], "ja", "ja.txt")
    en = segment(case["en"], "en", "en.txt")
    alignment = _beads(case["beads"]) if "beads" in case else align(en, ja)
    options = {code: case.get("options", {})}
    ctx = Context(ja, en, alignment, _glossary(case.get("glossary", [])), options)
    rule = get_rule(code)(case.get("options", {}))
    return list(rule.check(ctx))


@pytest.mark.parametrize(("code", "case"), _all_cases())
def test_case(code: str, case: dict[str, Any]) -> None:
    findings = run_case(code, case)
    messages = [f.message for f in findings]
    assert len(findings) == case["findings"], messages
    if "spans" in case:
        assert [f.spans[0].text if f.spans else None for f in findings] == case["spans"], messages
    if "expected" in case:
        assert [f.expected for f in findings] == case["expected"], messages
    if "severities" in case:
        assert [str(f.severity) for f in findings] == case["severities"], messages
    if "ja_sentences" in case:
        assert [list(f.ja) for f in findings] == case["ja_sentences"], messages
    for f in findings:
        assert f.rule == code
        _assert_message(f)
    if "applicability" in case:
        assert [f.fix.applicability if f.fix else None for f in findings] == case["applicability"], messages
    if "fixed" in case:
        from align.fix import apply_edits, choose

        edits = [e for f in choose(findings, unsafe=True) for e in f.fix.edits]  # type: ignore[union-attr]
        assert apply_edits(segment(case["ja"], "ja").text, edits) == case["fixed"], messages


def _assert_message(f: Any) -> None:
    """The finding names one of its rule's templates; both languages render with its arguments."""
    template = get_rule(f.rule).messages[f.message_id]
    args = dict(f.arguments)
    assert set(template.names()) <= set(args), (f.message_id, args)
    assert template.render("en", args) == f.message
    assert template.render("ja", args) != f.message


def test_fixed_cases_are_clean_after_the_fix() -> None:
    """A case's "fixed" text is what the rule wants: checked again, nothing is left to fix."""
    checked = 0
    for param in _all_cases():
        code, case = param.values
        if "fixed" not in case:
            continue
        fixed = {**case, "ja": case["fixed"]}
        if len(segment(case["fixed"], "ja").segments) != len(segment(case["ja"], "ja").segments):
            fixed.pop("beads", None)  # a sentence went: the given beads no longer fit, align again
        again = run_case(code, fixed)
        assert [f.message for f in again if f.fix is not None] == [], (code, case["name"])
        checked += 1
    assert checked >= 10


def test_every_rule_has_passing_and_failing_cases() -> None:
    counts: dict[str, set[bool]] = {}
    for path in CASES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == data["rule"]
        counts[data["rule"]] = {c["findings"] > 0 for c in data["cases"]}
    for rule in all_rules():
        assert counts.get(rule.code) == {True, False}, f"{rule.code} needs pass and fail cases"


def test_rule_metadata_is_complete() -> None:
    from align.model import CATEGORIES

    codes = [r.code for r in all_rules()]
    names = [r.name for r in all_rules()]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for r in all_rules():
        assert re.fullmatch(r"AL\d{3}", r.code)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", r.name)
        assert r.category in CATEGORIES
        doc = r.doc()
        assert "Anti-pattern::" in doc and "Better::" in doc, r.code


def test_the_rule_reference_lists_every_rule() -> None:
    """The docs' rule index is generated from the registry (docs/gen_rules.py), so it cannot go stale."""
    from paths import ROOT, load_script

    module = load_script(ROOT / "docs" / "gen_rules.py", "gen_rules")
    index = module.index_page(module.rules())
    for r in all_rules():
        row = f"| [`{r.code}`]({r.code}.md) | `{r.name}` | {r.category} | {r.severity} | {r.summary()} |"
        assert row in index, f"the rule index lacks {r.code}"
