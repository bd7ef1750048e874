"""align.model: the contracts between stages, with Literal vocabularies that the stages keep to."""

from __future__ import annotations

from typing import get_args

from paths import ROOT

from align import model
from align.pipeline import check, load_pair


def test_each_vocabulary_is_its_literal() -> None:
    """One list per vocabulary: the tuples are the Literal types' arguments, nothing typed twice."""
    assert model.CATEGORIES == get_args(model.Category)
    assert model.VARIANT_STATUSES == get_args(model.VariantStatus)
    assert model.GLOSSARY_KINDS == get_args(model.GlossaryKind)
    assert model.RENDERING_METHODS == get_args(model.RenderingMethod)
    assert model.NUMBER_REASONS == get_args(model.NumberReason)
    assert set(model.PHRASE_KINDS) == {*get_args(model.UnitKind), "number", "latin"}
    assert set(model.PHRASE_METHODS) == {
        *model.RENDERING_METHODS,
        "match",
        *model.NUMBER_REASONS,
        *get_args(model.LatinOutcome),
    }


def test_a_checked_pair_speaks_only_the_vocabularies() -> None:
    """Names, terms, numbers and Latin tokens of a real pair: every record's words are the model's."""
    ja, en = load_pair(
        ROOT / "tests" / "data" / "manual" / "ja.txt", ROOT / "tests" / "data" / "manual" / "en.txt"
    )
    result = check(ja, en)
    assert result.phrases and result.glossary is not None
    assert {p.kind for p in result.phrases} <= set(model.PHRASE_KINDS)
    assert {p.method for p in result.phrases} <= set(model.PHRASE_METHODS)
    assert {"number", "latin"} <= {p.kind for p in result.phrases}
    assert {f.category for f in result.findings} <= set(model.CATEGORIES)
    assert {s.kind for s in (*ja.segments, *en.segments)} <= set(get_args(model.SegmentKind))
    assert {e.kind for e in result.glossary} <= set(model.GLOSSARY_KINDS)
    assert {v.status for e in result.glossary for v in e.variants} <= set(model.VARIANT_STATUSES)


def test_check_result_is_the_models_and_the_pipelines() -> None:
    import align
    from align import pipeline

    assert pipeline.CheckResult is model.CheckResult is align.CheckResult
