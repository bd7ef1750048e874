"""The report's view model, without HTML: rows, numbering, highlights, counts, verdict, glossary."""

from __future__ import annotations

from collections import Counter

import pytest
from report_helpers import finding, literal_result

from align.model import Finding, Severity, Span
from align.pipeline import CheckResult
from align.report.view import SEVERITIES, ReportView, build, verdict


@pytest.fixture(scope="module", params=["handmade", "seed"])
def case(request: pytest.FixtureRequest) -> tuple[CheckResult, ReportView]:
    """Both the hand-made result and the real pipeline's, with their view models."""
    result: CheckResult = request.getfixturevalue(f"{request.param}_result")
    return result, build(result)


def test_one_row_per_bead_holding_its_sentences(case: tuple[CheckResult, ReportView]) -> None:
    result, view = case
    beads = result.alignment.beads
    assert len(view.rows) == len(beads) > 0
    for i, (row, bead) in enumerate(zip(view.rows, beads, strict=True)):
        assert row.index == i and row.bead == bead and row.kind == bead.kind
        assert tuple(s.index for s in row.en) == bead.en and tuple(s.index for s in row.ja) == bead.ja
        # The pieces of a sentence are the sentence: nothing lost or repeated by the highlights.
        segs = {"en": result.en.segments, "ja": result.ja.segments}
        for s in row.en + row.ja:
            assert "".join(p.text for p in s.pieces) == segs[s.side][s.index].text
    assert view.en_count == len(result.en.segments) and view.ja_count == len(result.ja.segments)


def test_findings_numbered_in_reading_order(case: tuple[CheckResult, ReportView]) -> None:
    result, view = case
    assert [f.number for f in view.findings] == list(range(1, len(result.findings) + 1))
    assert len({f.fid for f in view.findings}) == len(view.findings)
    assert Counter(f.rule for f in view.findings) == Counter(f.rule for f in result.findings)
    first_rows = [f.rows[0] for f in view.findings if f.rows]
    assert first_rows == sorted(first_rows)
    # Each row lists the findings that touch it; those listed in full earlier are only referenced.
    for row in view.rows:
        assert {f.fid for f in row.findings} == {f.fid for f in view.findings if row.index in f.rows}
        assert row.secondary == {f.fid for f in row.findings if f.rows[0] != row.index}
        assert row.categories.split() == sorted({f.category for f in row.findings})


def test_every_span_is_covered_by_its_pieces(case: tuple[CheckResult, ReportView]) -> None:
    result, view = case
    sentences = {(s.side, s.index): s for r in view.rows for s in r.en + r.ja}
    covered = 0
    for f in result.findings:
        fids = {v.fid for v in view.findings if (v.rule, v.message) == (f.rule, f.message)}
        for sp in f.spans:
            s = sentences.get((sp.side, sp.sentence))
            if s is None or not sp.text or sp.text not in "".join(p.text for p in s.pieces):
                continue  # a span the report cannot place is shown in the findings list only
            assert sp.text in "".join(p.text for p in s.pieces if fids & set(p.fids))
            covered += 1
    assert covered > 0
    numbers = {v.number: v.fid for v in view.findings}
    for s in sentences.values():
        for p in s.pieces:
            assert all(numbers[n] in p.fids for n in p.refs)
            assert (p.severity == "") == (not p.fids)


def test_counts_and_verdict_follow_the_findings(case: tuple[CheckResult, ReportView]) -> None:
    result, view = case
    by_cat = Counter(f.category for f in result.findings)
    assert {c.category: c.counts.total for c in view.categories} == dict(by_cat)
    by_sev = Counter(str(f.severity) for f in result.findings)
    assert {s: getattr(view.totals, s) for s in SEVERITIES} == {s: by_sev.get(s, 0) for s in SEVERITIES}
    assert view.totals.total == len(result.findings)
    assert [r.total for r in view.chart.rows] == [c.counts.total for c in view.categories]
    dup = by_cat.get("duplicate", 0)
    if dup > 1:
        assert f"{dup} sentences duplicated" in view.verdict
    assert (
        view.verdict
        == verdict([(f.category, f.severity, f.expected, f.rule) for f in view.findings], "en")
        != verdict([], "en")
    )
    cov = view.coverage
    one_sided = sum(1 for b in result.alignment.beads if not (b.en and b.ja))
    assert cov.one + cov.nm + one_sided == len(view.rows)
    assert cov.unaligned == cov.en_only + cov.ja_only <= one_sided


def test_glossary_view(case: tuple[CheckResult, ReportView]) -> None:
    result, view = case
    assert len(view.glossary) == len(result.glossary) > 0
    flags = [g.inconsistent for g in view.glossary]
    assert flags == sorted(flags, reverse=True) and any(flags)
    for g in view.glossary:
        assert g.inconsistent == (len(g.variants) > 1)
        for v in g.variants:
            for s, r in zip(v.sentences, v.rows, strict=True):
                assert s in view.rows[r].bead.ja


def test_labels_follow_the_ui_language(handmade_result: CheckResult) -> None:
    en, ja = build(handmade_result), build(handmade_result, "ja")
    assert en.lang == "en" and ja.lang == "ja"
    assert [c.category for c in en.categories] == [c.category for c in ja.categories]
    assert [c.label for c in en.categories] != [c.label for c in ja.categories]
    assert [r.bead for r in en.rows] == [r.bead for r in ja.rows]
    with pytest.raises(ValueError):
        build(handmade_result, "de")


def test_low_confidence_threshold(handmade_result: CheckResult) -> None:
    two_sided = sum(1 for b in handmade_result.alignment.beads if b.en and b.ja)
    assert build(handmade_result, low_confidence=1.01).coverage.low == two_sided
    assert build(handmade_result, low_confidence=0.0).coverage.low == 0


def test_verdict_phrases() -> None:
    assert verdict([], "en") == "No defects found."
    found = [("name-variant", "error", "A"), ("name-variant", "error", "A"), ("name-variant", "error", "B")]
    found += [("duplicate", "error", ""), ("truncated", "warning", "")]
    assert (
        verdict(found, "en") == "2 names spelled inconsistently; 1 sentence duplicated; 1 sentence truncated."
    )
    assert "重複した文1件" in verdict(found, "ja")


def test_a_changed_url_or_code_is_not_counted_as_a_changed_number() -> None:
    """AL403 (a URL, address or code that did not pass unchanged) has its own phrase."""
    from align.pipeline import check
    from align.segment import segment

    en = segment(
        "Brannick opened the plant on Monday.\n"
        "The manual is at https://docs.example.org/setup and questions go to help@example.org.\n"
        "The plant cost $300mn.\n",
        "en",
        "en.txt",
    )
    ja = segment(
        "ブラニック氏は月曜日に工場を開いた。\n"
        "マニュアルはhttps://docs.example.com/setupにあり、質問はhelp@example.comへ。\n"
        "工場の費用は4億ドルだった。\n",
        "ja",
        "ja.txt",
    )
    result = check(ja, en)
    rules = Counter(f.rule for f in result.findings)
    assert rules["AL403"] == 2 and rules["AL401"] == 1, rules
    assert build(result).verdict == "2 URLs, identifiers or codes changed; 1 number changed."
    assert build(result, "ja").verdict == "URL・識別子・コードの相違2件、数値の相違1件。"
    one = [("number", "error", "", "AL403")]
    assert verdict(one, "en") == "1 URL, identifier or code changed."


#: A made-up name rendered コリル twice and コーリル once (the variant cases below).
KORILL_EN = ("Vesna Korill arrived.", "Korill waved.", "Korill sat.")
KORILL_JA = ("ヴェスナ・コリルが来た。", "コリルが手を振った。", "コーリルが座った。")


def test_preferred_form_is_context_not_the_defect() -> None:
    en, ja = list(KORILL_EN), list(KORILL_JA)
    variant = Finding(
        rule="AL999",
        name="name-variant",
        category="name-variant",
        severity=Severity.ERROR,
        message="'Korill' is rendered 2 ways",
        ja=(0, 2),
        spans=(Span("ja", 0, 5, 8, "コリル"), Span("ja", 2, 0, 4, "コーリル")),
        expected="Korill",
        preferred="コリル",
    )
    other = finding("ja", 1, "手", 4, category="style")
    view = build(literal_result(en, ja, (variant, other)))
    f = next(f for f in view.findings if f.rule == "AL999" and f.category == "name-variant")
    assert f.rows == (2, 0)  # the defect's row first, the preferred form's after
    pref = [p for p in view.rows[0].ja[0].pieces if p.fids]
    bad = [p for p in view.rows[2].ja[0].pieces if p.fids]
    assert [(p.text, p.severity, p.refs) for p in pref] == [("コリル", "pref", ())]
    assert [(p.text, p.severity, p.refs) for p in bad] == [("コーリル", "error", (f.number,))]
    assert view.rows[0].secondary == {f.fid} and not view.rows[2].secondary


def test_a_fix_is_shown_before_and_after_in_context() -> None:
    from align.model import Edit, Fix

    en, ja = list(KORILL_EN), list(KORILL_JA)
    start = len(ja[0]) + 1 + len(ja[1]) + 1  # document offset of the third sentence
    fix = Fix((Edit(start, start + 4, "コリル"),), "safe", "replace コーリル with コリル (1 place)")
    variant = Finding(
        rule="AL999",
        name="name-variant",
        category="name-variant",
        severity=Severity.ERROR,
        message="'Korill' is rendered 2 ways",
        ja=(2,),
        spans=(Span("ja", 2, 0, 4, "コーリル"),),
        expected="Korill",
        preferred="コリル",
        fix=fix,
    )
    for lang, label in (("en", "safe: align fix applies it"), ("ja", "安全: align fix で適用")):
        f = next(v for v in build(literal_result(en, ja, (variant,)), lang).findings if v.rule == "AL999")
        assert f.fix is not None
        assert (f.fix.applicability, f.fix.label, f.fix.description) == ("safe", label, fix.description)
        # Context stops at the line: nothing of the sentence before leaks in.
        assert [(c.left, c.old, c.new, c.right, c.count) for c in f.fix.changes] == [
            ("", "コーリル", "コリル", "が座った。", 1)
        ]
    without = build(literal_result(en, ja, (finding("ja", 1, "手", 4),)))
    assert all(v.fix is None for v in without.findings)
