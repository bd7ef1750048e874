"""The bundled article pairs: seed identity, gold alignments and defect lists match our segmentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from paths import SEED, SOURCES, pair_dirs

from align.model import CATEGORIES, Document
from align.segment import segment_en, segment_ja

PAIRS = pair_dirs()
_BEAD = re.compile(r"^\[([0-9, ]*)\]:\[([0-9, ]*)\]$")
_DEFECT_KEYS = {"id", "category", "ja_sentence", "ja_text", "evidence", "expected", "important", "note"}


def _indices(field: str) -> list[int]:
    return [int(x) for x in field.split(",") if x.strip()]


def read_gold(path: Path) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _BEAD.match(line.strip())
        assert m, f"bad bead line {line!r}"
        beads.append((_indices(m.group(1)), _indices(m.group(2))))
    return beads


def _docs(pair: Path) -> tuple[Document, Document]:
    ja = segment_ja((pair / "ja.txt").read_text(encoding="utf-8"))
    en = segment_en((pair / "en.txt").read_text(encoding="utf-8"))
    return ja, en


def test_two_pairs_exist() -> None:
    assert {p.name for p in PAIRS} >= {"openai-musk"}
    assert len(PAIRS) >= 2


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not beside this clone")
def test_seed_is_byte_identical() -> None:
    assert (SOURCES / "openai-musk" / "ja.txt").read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_gold_covers_both_segmentations(pair: Path) -> None:
    ja, en = _docs(pair)
    beads = read_gold(pair / "gold.align")
    left = [i for en_ids, _ in beads for i in en_ids]
    right = [j for _, ja_ids in beads for j in ja_ids]
    # English is left; every index exactly once and in order (which also makes it monotone).
    assert left == list(range(len(en.segments)))
    assert right == list(range(len(ja.segments)))
    assert all(en_ids or ja_ids for en_ids, ja_ids in beads)
    for en_ids, ja_ids in beads:
        assert en_ids == sorted(en_ids) and ja_ids == sorted(ja_ids)
        assert en_ids == list(range(en_ids[0], en_ids[0] + len(en_ids))) if en_ids else True
        assert ja_ids == list(range(ja_ids[0], ja_ids[0] + len(ja_ids))) if ja_ids else True


def _defects(pair: Path) -> list[dict[str, object]]:
    data = json.loads((pair / "defects.json").read_text(encoding="utf-8"))
    assert isinstance(data, list) and data
    return data


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_defects_match_segmentation(pair: Path) -> None:
    ja, _ = _docs(pair)
    defects = _defects(pair)
    ids = [d["id"] for d in defects]
    assert len(set(ids)) == len(ids)
    for d in defects:
        assert set(d) == _DEFECT_KEYS, d["id"]
        assert d["category"] in CATEGORIES, d
        idx = d["ja_sentence"]
        assert isinstance(idx, int) and 0 <= idx < len(ja.segments), d["id"]
        seg = ja.segments[idx]
        assert d["ja_text"] == seg.text, d["id"]
        assert isinstance(d["evidence"], str) and d["evidence"] and d["evidence"] in seg.text, d["id"]
        assert d["expected"] is None or isinstance(d["expected"], str)
        assert isinstance(d["important"], bool)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_unpaired_beads_are_explained_by_defects(pair: Path) -> None:
    """Japanese with no English is a duplicate or an addition; English with no Japanese an omission."""
    ja, _ = _docs(pair)
    beads = read_gold(pair / "gold.align")
    defects = _defects(pair)
    ja_only = {j for en_ids, ja_ids in beads if not en_ids for j in ja_ids if not ja.segments[j].is_metadata}
    explained = {d["ja_sentence"] for d in defects if d["category"] in ("duplicate", "alignment")}
    assert ja_only <= explained
    for d in defects:
        if d["category"] == "duplicate":
            assert d["ja_sentence"] in ja_only, d["id"]
    en_only = sum(1 for en_ids, ja_ids in beads if en_ids and not ja_ids)
    assert en_only == sum(1 for d in defects if d["category"] == "omission")


def test_seed_gold_and_defects() -> None:
    pair = SOURCES / "openai-musk"
    ja, en = _docs(pair)
    assert (len(ja.segments), len(en.segments)) == (50, 48)
    assert ja.segments[0].is_metadata and ja.segments[0].text == "出典:ft.com"
    beads = read_gold(pair / "gold.align")
    assert ([], [0]) in beads  # metadata line has no English
    defects = _defects(pair)
    dup = {d["ja_sentence"] for d in defects if d["category"] == "duplicate"}
    assert dup == {10, 24}
    assert ja.segments[10].text.startswith("Mus 氏")
    assert ja.segments[24].text == "これはトランプのAI政策に反映される。"
    evidence = {(d["category"], d["evidence"]) for d in defects}
    for item in [
        ("name-variant", "オルトマン"),
        ("name-variant", "リーハイガン"),
        ("name-variant", "ジャイアント"),
        ("truncated", "Mus 氏"),
        ("truncated", "がさらに複雑になっている。"),
        ("term-variant", "チャットGPT"),
    ]:
        assert item in evidence
    english = (pair / "en.txt").read_text(encoding="utf-8")
    for name in [
        "Sam Altman",
        "Elon Musk",
        "Chris Lehane",
        "Reid Hoffman",
        "Jensen Huang",
        "LinkedIn",
        "Colossus",
        "Memphis",
        "$1tn",
        "$1mn",
        "100,000",
    ]:
        assert name in english
    # One paragraph per line, no blank lines, and no straight duplicate sentence.
    texts = [s.text for s in en.segments]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.name != "openai-musk"], ids=lambda p: p.name)
def test_second_pair_carries_every_category(pair: Path) -> None:
    _, en = _docs(pair)
    assert len(en.segments) >= 25
    assert {d["category"] for d in _defects(pair)} == set(CATEGORIES)


def test_sources_readme_describes_every_pair() -> None:
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    for pair in PAIRS:
        assert pair.name in readme
