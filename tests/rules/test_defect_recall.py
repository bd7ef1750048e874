"""Regression pin for benchmarks/bench_defects.py: no rule change may silently lose a defect.

Runs the real pipeline (segmenter, aligner, rules) on every sources/<pair>/ with a
defects.json and compares with the figures measured when the rules were written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from paths import load_script

ROOT = Path(__file__).resolve().parents[2]

#: Defects found per category (measured with the aligner): a floor, not an exact count.
PINNED: dict[str, dict[str, int]] = {
    "openai-musk": {
        "name-variant": 5,
        "truncated": 2,
        "duplicate": 2,
        "quote": 10,
        "term-variant": 5,
        "untranslated": 1,
        "style": 8,
    },
    "serra-azul-kestrel": {
        "name-variant": 2,
        "truncated": 2,
        "duplicate": 1,
        "omission": 1,
        "quote": 4,
        "term-variant": 2,
        "number": 3,
        "untranslated": 1,
        "style": 6,
        "alignment": 1,
    },
}
MIN_PRECISION = 0.9


def _bench() -> Any:
    return load_script(ROOT / "benchmarks" / "bench_defects.py", "bench_defects")


@pytest.fixture(scope="module")
def reports() -> dict[str, dict[str, Any]]:
    bench = _bench()
    return {name: bench.evaluate(ROOT / "sources" / name) for name in PINNED}


@pytest.mark.parametrize("pair", sorted(PINNED))
def test_every_important_defect_is_found(reports: dict[str, dict[str, Any]], pair: str) -> None:
    missed = [d for d in reports[pair]["missed"] if d["important"]]
    assert not missed, missed


@pytest.mark.parametrize("pair", sorted(PINNED))
def test_recall_per_category_does_not_drop(reports: dict[str, dict[str, Any]], pair: str) -> None:
    cats = reports[pair]["categories"]
    for cat, floor in PINNED[pair].items():
        assert cats[cat]["found"] >= floor, (cat, cats[cat], reports[pair]["missed"])


@pytest.mark.parametrize("pair", sorted(PINNED))
def test_precision_outside_style(reports: dict[str, dict[str, Any]], pair: str) -> None:
    r = reports[pair]
    assert r["precision_non_style"] >= MIN_PRECISION, r["unmatched"]
