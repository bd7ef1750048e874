"""The fidelity benchmarks of issue 18: benchmarks/demetr.py and benchmarks/perturb.py.

The quick tests check that the document builders are deterministic and plant exactly the
errors they report (which lines differ, and how); the slow ones run each benchmark in
``--quick`` mode and check that it prints its tables.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from collections import Counter

import pytest
from paths import CORPORA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import demetr  # noqa: E402
import perturb  # noqa: E402

_LATIN = re.compile(r"[A-Za-z]{2,}")
needs_corpora = pytest.mark.skipif(
    not all((CORPORA / f"{n}.gold").is_file() for n in perturb.CORPUS_NAMES),
    reason="../shared/corpora is not beside this clone",
)


@pytest.fixture(scope="module")
def demetr_docs() -> list:
    return demetr.build_documents(seed=1)


def test_demetr_documents_are_deterministic(demetr_docs: list) -> None:
    assert demetr.build_documents(seed=1) == demetr_docs
    other = demetr.build_documents(seed=2)
    assert [d.ja for d, _ in other] != [d.ja for d, _ in demetr_docs]
    # The same material whatever the seed: every usable item carries its class once.
    assert Counter(p.cls for d, _ in other for p in d.planted) == Counter(
        p.cls for d, _ in demetr_docs for p in d.planted
    )


def test_demetr_uses_every_usable_item_once(demetr_docs: list) -> None:
    planted = Counter(p.cls for d, _ in demetr_docs for p in d.planted)
    # DEMETR's own pert_check counts for its Japanese items, and 100 items for line errors.
    assert planted["number"] == 53 and planted["name-replaced"] == 60 and planted["name-added"] == 60
    assert planted["omitted-line"] == planted["inserted-line"] == planted["duplicated-line"] == 100
    subs = Counter(p.sub for d, _ in demetr_docs for p in d.planted if p.cls == "untranslated")
    assert subs["1 word"] > 50 and subs["2+ words"] > 10
    assert planted["name-missing"] >= 10
    for doc, _ in demetr_docs:
        origins = [p.origin for p in doc.planted]
        assert len(origins) == len(set(origins))


def _changed(a: tuple[str, ...], b: tuple[str, ...]) -> set[int]:
    assert len(a) == len(b)
    return {k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y}


def _without(lines: tuple[str, ...], drop: set[int]) -> tuple[str, ...]:
    return tuple(line for k, line in enumerate(lines) if k not in drop)


def test_demetr_plants_exactly_the_planned_errors(demetr_docs: list) -> None:
    items = demetr.load_items()
    for doc, clean in demetr_docs:
        cls = doc.planted[0].cls
        assert {p.cls for p in doc.planted} == {cls}
        assert 1 <= len(doc.planted) <= demetr.ERRORS_PER_DOC and len(clean.en) == demetr.DOC_LINES
        ids = {int(o.split()[1]) for o in clean.origin}
        en_lines = sorted(p.en for p in doc.planted if p.en is not None)
        assert all(
            b - a >= demetr.GAP for a, b in zip(en_lines, en_lines[1:], strict=False)
        )  # never adjacent
        if cls in ("number", "name-replaced", "name-added"):
            # The Japanese stays; the English of exactly the planted lines is DEMETR's perturbation.
            assert doc.ja == clean.ja
            assert _changed(doc.en, clean.en) == {p.en for p in doc.planted}
            for p in doc.planted:
                assert doc.en[p.en] == items[int(p.origin.split()[1])].pert[cls]
        elif cls in ("untranslated", "name-missing"):
            assert doc.en == clean.en
            assert _changed(doc.ja, clean.ja) == {p.ja[0] for p in doc.planted}
            for p in doc.planted:
                new, old = doc.ja[p.ja[0]], clean.ja[p.ja[0]]
                ops = {op for op, *_ in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()}
                if cls == "untranslated":
                    # A Japanese span became English words.
                    assert _LATIN.findall(new) != _LATIN.findall(old) and "replace" in ops
                else:
                    # Only deletions: the name is gone, nothing else changed.
                    assert ops <= {"equal", "delete"} and len(new) < len(old)
        elif cls == "omitted-line":
            assert doc.en == clean.en
            assert doc.ja == _without(clean.ja, {p.en for p in doc.planted})
        elif cls == "inserted-line":
            assert doc.en == clean.en
            added = {p.ja[0] for p in doc.planted}
            assert _without(doc.ja, added) == clean.ja
            # The inserted Japanese is an item that is not in the document.
            assert all(int(p.origin.split()[1]) not in ids for p in doc.planted)
            assert all(doc.ja[j] == items[int(p.origin.split()[1])].src for p in doc.planted for j in p.ja)
        else:
            assert cls == "duplicated-line" and doc.en == clean.en
            copies = {p.ja[0] for p in doc.planted}
            assert _without(doc.ja, copies) == clean.ja
            for p in doc.planted:
                copy, original = p.ja
                assert doc.ja[copy] == doc.ja[original] and copy - original in (1, 2)


def test_demetr_named_entities_come_from_the_data() -> None:
    english, japanese = demetr.named_entities()
    items = demetr.load_items().values()
    assert len(english) > 50 and japanese
    texts = " ".join(f"{i.src} {i.mt} {' '.join(i.pert.values())}" for i in items)
    assert all(e in texts for e in english) and all(j in texts for j in japanese)


@needs_corpora
def test_perturb_documents_are_deterministic_and_planted_as_reported() -> None:
    docs, clean = perturb.build_documents(CORPORA, seed=3, max_docs=8)
    again, _ = perturb.build_documents(CORPORA, seed=3, max_docs=8)
    assert docs == again and len(docs) >= 8 and clean
    bases = {c.name: c for c in clean}
    for doc in docs:
        base = bases.get(doc.control)
        if base is None:
            continue
        lines = [j for p in doc.planted for j in p.ja]
        assert len(lines) == len(set(lines))
        # Line errors change the line count; each in-sentence error changes its own line only.
        extra = {p.ja[0] for p in doc.planted if p.cls in ("inserted-line", "duplicated-line")}
        kept = _without(doc.ja, extra)
        dropped = sum(1 for p in doc.planted if p.cls == "omitted-line")
        assert len(kept) == len(base.ja) - dropped
        if not dropped:
            edited = {
                p.ja[0] for p in doc.planted if p.ja and p.cls not in ("inserted-line", "duplicated-line")
            }
            shift = {j: j - sum(1 for e in extra if e < j) for j in edited}
            assert _changed(kept, base.ja) == set(shift.values())


@pytest.mark.parametrize("script", ["demetr.py", "perturb.py"])
def test_benchmark_prints_its_tables(script: str) -> None:
    if script == "perturb.py" and not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside this clone")
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick", "--examples", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    ).stdout
    module = demetr if script == "demetr.py" else perturb
    assert "typed recall" in out and "target" in out
    for kind in module.CLASSES.values():
        assert re.search(rf"^{re.escape(kind.label)} +\d+/\d+ ", out, re.M), kind.label
    assert re.search(r"^precision .*: \d+/\d+ = [01]\.\d{3}", out, re.M)
    assert re.search(r"^false non-style findings per (clean document|100 sentences): \d", out, re.M)
