"""The aligner on real text: invariants, accuracy floors against gold, and the CLI contract."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import load_script

from align.aligner import BEADS, AlignParams, align
from align.model import Alignment, Document
from align.pipeline import load_pair
from align.segment import segment_en, segment_ja, segment_presegmented

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SOURCES = ROOT / "sources"
ALLOWED = {f"{a}-{b}" for a, b in BEADS}

needs_corpora = pytest.mark.skipif(not (CORPORA / "score.py").is_file(), reason="../shared/corpora missing")


@lru_cache(maxsize=1)
def scorer() -> ModuleType:
    return load_script(CORPORA / "score.py", "corpora_score")


def corpus_doc(name: str) -> tuple[Document, Document]:
    en = segment_presegmented((CORPORA / f"{name}.en").read_text(encoding="utf-8"), "en")
    ja = segment_presegmented((CORPORA / f"{name}.ja").read_text(encoding="utf-8"), "ja")
    return en, ja


def assert_invariants(alignment: Alignment, n_en: int, n_ja: int) -> None:
    """Monotone, covering each sentence exactly once, in order; allowed bead kinds; scores in [0, 1]."""
    en_seen: list[int] = []
    ja_seen: list[int] = []
    for bead in alignment.beads:
        assert bead.kind in ALLOWED, bead
        assert bead.en or bead.ja
        assert 0.0 <= bead.score <= 1.0
        assert list(bead.en) == list(range(bead.en[0], bead.en[0] + len(bead.en))) if bead.en else True
        en_seen.extend(bead.en)
        ja_seen.extend(bead.ja)
    assert en_seen == list(range(n_en))
    assert ja_seen == list(range(n_ja))


def strict_f1(pairs: list[tuple[Alignment, Path]]) -> float:
    sc = scorer()
    res = sc.score(([(b.en, b.ja) for b in a.beads], sc.read_beads(str(gold))) for a, gold in pairs)
    return float(res["f1_strict"])


# --- invariants -------------------------------------------------------------------


@needs_corpora
@pytest.mark.parametrize("name", ["coursera_dev_01", "tanaka_02", "coursera_calculus_humangold"])
def test_invariants_on_corpus_documents(name: str) -> None:
    en, ja = corpus_doc(name)
    a = align(en, ja)
    assert_invariants(a, len(en), len(ja))
    assert a.signature.startswith("align:") and "len:gc-2pass" in a.signature
    assert "dict:jmdict-" in a.signature and "beads:1-1,1-2,2-1,2-2,1-3,3-1,1-0,0-1" in a.signature
    # The per-document facts are typed fields; the settings' signature carries none of them.
    assert 0.5 < a.ratio < 10 and a.band >= AlignParams().band
    assert "ratio" not in a.signature and "band" not in a.signature


@needs_corpora
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    en_keep=st.lists(st.booleans(), min_size=0, max_size=30),
    ja_keep=st.lists(st.booleans(), min_size=0, max_size=30),
    offset=st.integers(min_value=0, max_value=200),
)
def test_invariants_hold_for_arbitrary_subsets(en_keep: list[bool], ja_keep: list[bool], offset: int) -> None:
    """Random deletions on either side (omissions, additions, empty documents) never break a bead rule."""
    en_lines = (CORPORA / "tanaka_03.en").read_text(encoding="utf-8").splitlines()[offset : offset + 30]
    ja_lines = (CORPORA / "tanaka_03.ja").read_text(encoding="utf-8").splitlines()[offset : offset + 30]
    en_text = "\n".join(line for line, k in zip(en_lines, en_keep, strict=False) if k)
    ja_text = "\n".join(line for line, k in zip(ja_lines, ja_keep, strict=False) if k)
    en = segment_presegmented(en_text, "en") if en_text else Document("", "en", ())
    ja = segment_presegmented(ja_text, "ja") if ja_text else Document("", "ja", ())
    assert_invariants(align(en, ja), len(en), len(ja))


@needs_corpora
def test_truncated_translation_keeps_its_beads() -> None:
    """The MT stops half way: the band follows the lexical anchors, not the straight diagonal."""
    en, ja_full = corpus_doc("coursera_dev_01")
    gold = scorer().read_beads(str(CORPORA / "coursera_dev_01.gold"))
    cut = len(ja_full) // 2
    ja = segment_presegmented("\n".join(s.text for s in ja_full.segments[:cut]), "ja")
    # Gold for the truncated pair: beads that lose their Japanese become 1-0 beads.
    truncated = []
    for e, j in gold:
        kept = tuple(x for x in j if x < cut)
        if e and not kept:
            truncated.extend(((i,), ()) for i in e)
        elif e or kept:
            truncated.append((e, kept))
    a = align(en, ja)
    assert_invariants(a, len(en), len(ja))
    res = scorer().score([([(b.en, b.ja) for b in a.beads], truncated)])
    assert res["f1_strict"] >= 0.85  # 0.55 with a straight-diagonal band and the document ratio


@pytest.mark.parametrize(("n_en", "n_ja"), [(3, 500), (1, 300), (700, 1), (0, 5), (5, 0)])
def test_very_unequal_sides_still_cover_everything(n_en: int, n_ja: int) -> None:
    """A band centre that jumps many ja sentences per en row must still connect its rows."""
    en = segment_presegmented("\n".join(f"Sentence number {i} is here." for i in range(n_en)), "en")
    ja = segment_presegmented("\n".join(f"これは{i}番目の文です。" for i in range(n_ja)), "ja")
    en = en if n_en else Document("", "en", ())
    ja = ja if n_ja else Document("", "ja", ())
    assert_invariants(align(en, ja), n_en, n_ja)


@needs_corpora
def test_inserted_block_keeps_the_band_narrow() -> None:
    """Thousands of ja sentences inserted before the translations make the anchor centre jump by
    thousands of cells within a few rows. Only the rows at the jump may widen: a band made wide
    enough for the jump at every row was n x m cells (issue 7: no quadratic path in alignment)."""
    import numpy as np

    from align.aligner import AlignParams
    from align.aligner.band import Band, anchor_centre
    from align.aligner.features import build_features

    en_text = (CORPORA / "tanaka_01.en").read_text(encoding="utf-8")
    ja_text = (CORPORA / "tanaka_01.ja").read_text(encoding="utf-8")
    filler = [
        line
        for path in sorted(CORPORA.glob("coursera_*.ja"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    k = 5000
    en = segment_presegmented(en_text, "en")
    ja = segment_presegmented("\n".join((filler * (k // len(filler) + 1))[:k]) + "\n" + ja_text, "ja")
    n, m = len(en), len(ja)
    p = AlignParams()
    base = anchor_centre(build_features(en, ja, p.stem, p.max_keys), n, m)
    assert int(np.max(np.diff(base))) > 1000  # the case in point: a jump far wider than the band
    alignment = align(en, ja)
    assert_invariants(alignment, n, m)
    band = alignment.band
    assert band > 0 and "band" not in alignment.signature
    assert band <= 2 * p.max_band  # 1388 with a band made wide enough for the jump at every row
    # Cells: the uniform band, plus the jump itself on the few rows at it (at most m in all).
    assert int(Band.around(base, band).width.sum()) <= (n + 1) * (2 * band + 1) + m
    # And the block is recognised as an insertion: the translations align as they do without it.
    ref = align(en, segment_presegmented(ja_text, "ja"))
    want = {(b.en, tuple(j + k for j in b.ja)) for b in ref.beads}
    assert sum((b.en, b.ja) in want for b in alignment.beads) >= 0.9 * len(want)
    assert sum(1 for b in alignment.beads if not b.en and b.ja[0] < k) >= 0.99 * k


_JA_CHARS = st.sampled_from(
    list("あいうえおかきくアイウエオカキク日本語文章") + list("会社年月一二三。、「」・ー 0123４５$%")
)
_EN_CHARS = st.sampled_from(list("abcdefghij ABCDE .,!?0123$%'\""))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ja_lines=st.lists(st.one_of(st.text(_JA_CHARS, max_size=40), st.just("出典:ft.com")), max_size=12),
    en_lines=st.lists(st.text(_EN_CHARS, max_size=60), max_size=12),
)
def test_invariants_hold_for_arbitrary_text(ja_lines: list[str], en_lines: list[str]) -> None:
    ja = segment_ja("\n".join(ja_lines))
    en = segment_en("\n".join(en_lines))
    a = align(en, ja)
    assert_invariants(a, len(en), len(ja))
    for bead in a.beads:  # metadata lines are always alone
        assert not any(ja.segments[j].is_metadata for j in bead.ja) or (bead.ja and not bead.en)


def test_metadata_lines_become_insertion_beads() -> None:
    ja = segment_ja("出典:ft.com\n会社は新しいデータセンターを建設した。\n費用は100億ドルだった。\n")
    en = segment_en("The company built a new data centre.\nIt cost $10bn.\n")
    assert ja.segments[0].is_metadata
    a = align(en, ja)
    assert_invariants(a, len(en), len(ja))
    assert [(b.en, b.ja) for b in a.beads] == [((), (0,)), ((0,), (1,)), ((1,), (2,))]


def test_deterministic() -> None:
    ja = segment_ja("会社は新しいデータセンターを建設した。費用は100億ドルだった。それは大きい。")
    en = segment_en("The company built a new data centre. It cost $10bn. That is big.")
    assert align(en, ja) == align(en, ja)


# --- accuracy floors (targets of issue 3 minus a small margin) --------------------


@needs_corpora
@pytest.mark.parametrize(
    ("names", "floor"),
    [
        (["coursera_test_01", "coursera_test_02"], 0.94),
        (["tanaka_01"], 0.92),
        (["coursera_calculus_humangold"], 0.90),
    ],
)
def test_accuracy_floor_on_corpora(names: list[str], floor: float) -> None:
    pairs = []
    for name in names:
        en, ja = corpus_doc(name)
        pairs.append((align(en, ja), CORPORA / f"{name}.gold"))
    assert strict_f1(pairs) >= floor


@needs_corpora
def test_accuracy_floor_on_sources_pairs() -> None:
    pairs = []
    for d in sorted(p for p in SOURCES.iterdir() if (p / "gold.align").is_file()):
        ja, en = load_pair(d / "ja.txt", d / "en.txt")
        a = align(en, ja)
        assert_invariants(a, len(en), len(ja))
        pairs.append((a, d / "gold.align"))
    assert pairs
    assert strict_f1(pairs) >= 0.96


# --- CLI contract -----------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "align", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@needs_corpora
def test_beads_command_prints_vecalign_lines() -> None:
    proc = run_cli("beads", str(CORPORA / "tanaka_04.ja"), str(CORPORA / "tanaka_04.en"), "--presegmented")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and all(re.fullmatch(r"\[[\d,]*\]:\[[\d,]*\]\t[01]\.\d{4}", line) for line in lines)
    en_ids = [int(x) for line in lines for x in re.findall(r"\d+", line.split(":")[0])]
    assert en_ids == list(range(len((CORPORA / "tanaka_04.en").read_text(encoding="utf-8").splitlines())))


def _pair() -> Path:
    return SOURCES / "openai-musk"


def test_check_json_contract_in_either_file_order() -> None:
    d = _pair()
    outs = []
    for a, b in ((d / "ja.txt", d / "en.txt"), (d / "en.txt", d / "ja.txt")):
        proc = run_cli("check", str(a), str(b), "--format", "json")
        assert proc.returncode in (0, 1), proc.stderr
        outs.append(json.loads(proc.stdout))
    assert outs[0] == outs[1]
    doc = outs[0]
    assert {"version", "signature", "ja", "en", "alignment", "findings"} <= set(doc)
    assert doc["version"] == 1 and doc["signature"].startswith("align:")
    ja, en = doc["ja"]["sentences"], doc["en"]["sentences"]
    assert set(ja[0]) >= {"index", "text", "start", "end", "paragraph"}
    seen_en = [i for bead in doc["alignment"] for i in bead["en"]]
    seen_ja = [j for bead in doc["alignment"] for j in bead["ja"]]
    assert seen_en == list(range(len(en))) and seen_ja == list(range(len(ja)))
    assert all(0.0 <= bead["score"] <= 1.0 for bead in doc["alignment"])


def test_check_same_language_is_a_one_line_error() -> None:
    d = _pair()
    proc = run_cli("check", str(d / "ja.txt"), str(d / "ja.txt"), "--format", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "Japanese" in proc.stderr


@needs_corpora
def test_path_pair_scores_equal_the_band_scores() -> None:
    """The confidences look pair scores up along the path instead of keeping an (n, band) array:
    every lookup must equal the DP's band entry bit for bit, or scores (and exports) would drift."""
    import numpy as np

    from align.aligner import AlignParams
    from align.aligner.band import PAD, anchor_centre, pair_scores
    from align.aligner.features import build_features, pair_values

    en, ja = corpus_doc("coursera_test_01")
    n, m, w = len(en), len(ja), 40
    f = build_features(en, ja, AlignParams().stem, AlignParams().max_keys)
    base = anchor_centre(f, n, m)
    m_en, m_ja = pair_scores(f, base, w, 0, n, m)
    ii, kk = np.nonzero(m_en + m_ja)
    jx = base[ii] - w - PAD + kk
    assert len(ii) > 100 and (jx >= 0).all() and (jx < m).all()
    v_en, v_ja = pair_values(f, ii, jx)
    assert np.array_equal(v_en, m_en[ii, kk]) and np.array_equal(v_ja, m_ja[ii, kk])
    # And a band computed in pieces (as the DP does, block by block) equals the whole.
    half = n // 2
    top, _ = pair_scores(f, base, w, 0, half, m)
    bottom, _ = pair_scores(f, base, w, half, n, m)
    assert np.array_equal(np.vstack([top, bottom]), m_en)


@needs_corpora
@pytest.mark.parametrize("name", ["coursera_test_01", "tanaka_02"])
def test_path_pair_values_equal_the_products_bit_for_bit(name: str) -> None:
    """The confidences match a path's pairs key by key (path_pair_values) instead of reading
    them out of a sparse product per block (pair_values): every value, zero or not, must be
    the product's to the bit, or confidences (and exports) would drift."""
    import numpy as np

    from align.aligner import AlignParams
    from align.aligner.band import PAD, anchor_centre, pair_scores
    from align.aligner.confidence import path_pair_values
    from align.aligner.features import build_features, pair_values

    en, ja = corpus_doc(name)
    n, m, w = len(en), len(ja), 40
    f = build_features(en, ja, AlignParams().stem, AlignParams().max_keys)
    base = anchor_centre(f, n, m)
    m_en, _ = pair_scores(f, base, w, 0, n, m)
    ii, kk = np.nonzero(np.ones_like(m_en))
    jx = base[ii] - w - PAD + kk
    inside = (jx >= 0) & (jx < m)
    ii, jx = ii[inside], jx[inside]
    # The band's pairs in row order, then in another order, then pairs across the document.
    rng = np.random.default_rng(3)
    shuffled = rng.permutation(len(ii))
    far = rng.integers(0, n, 500), rng.integers(0, m, 500)
    for rows, cols in ((ii, jx), (ii[shuffled], jx[shuffled]), far):
        fast, slow = path_pair_values(f, rows, cols), pair_values(f, rows, cols)
        assert np.array_equal(fast[0], slow[0]) and np.array_equal(fast[1], slow[1])
        assert fast[0].dtype == slow[0].dtype and (fast[0] > 0).sum() > 50


def test_path_centre_follows_where_the_path_enters_each_row() -> None:
    """The second search's centre: per en row, the ja cell where the path enters it; a row the
    path steps over (a 2-1 bead) keeps the row before's, and a run of 0-1 beads along a row is a
    jump to the next row."""
    from align.aligner.band import path_centre

    # (type, en, ja) at each bead's end: 0-1, 1-1, 2-1, 0-1, 0-1, 1-1 (BEADS indices 7, 0, 2, 7, 7, 0).
    path = [(7, 0, 1), (0, 1, 2), (2, 3, 3), (7, 3, 4), (7, 3, 5), (0, 4, 6)]
    assert path_centre(path, 4).tolist() == [0, 2, 2, 3, 6]
    assert path_centre([], 3).tolist() == [0, 0, 0, 0]


def test_band_along_a_path_holds_each_of_its_cells() -> None:
    """The second search's band: each row from where the path enters it to where it leaves it
    (a run of 0-1 beads along row 3, the last cell (4, 6)), with w cells either side, so that the
    DP can find the same path again."""
    from align.aligner.band import Band

    path = [(7, 0, 1), (0, 1, 2), (2, 3, 3), (7, 3, 4), (7, 3, 5), (0, 4, 6)]
    band = Band.along(path, 4, 2)
    assert band.lo.tolist() == [-2, 0, 0, 1, 4]
    # Row 3 is the widest (entered at 3, left at 5); the rows of a DP block share its width.
    assert band.width.tolist() == [7, 7, 7, 7, 7]
    assert all(band.in_band(i, j) for _, i, j in path)


def test_half_width_grows_with_the_longest_anchor_free_stretch() -> None:
    """Without anchors the band is sqrt(n + m) wide (capped); anchors every few sentences keep
    it at the minimum, and one long gap between them sets it."""
    import numpy as np

    from align.aligner import AlignParams
    from align.aligner.band import initial_half_width

    p = AlignParams()
    n = m = 20_000
    assert initial_half_width(p, n, m) == p.max_band
    dense = (np.arange(0.0, n + 1, 10.0), np.arange(0.0, m + 1, 10.0))
    assert initial_half_width(p, n, m, dense) == p.band
    gap = (np.array([0.0, 100.5, 12_100.5, float(n)]), np.array([0.0, 100.5, 12_100.5, float(m)]))
    assert initial_half_width(p, n, m, gap) == int(np.sqrt(2 * 12_000))


def test_band_within_keeps_the_cells_both_bands_hold() -> None:
    """The pinned search's band is cut to the search's own; a cut that leaves a row empty or
    breaks the reach from one row to the next is refused."""
    import numpy as np

    from align.aligner.band import Band

    centre = np.arange(6, dtype=np.int64)
    outer = Band.around(centre, 2)
    inner = Band.around(centre + 2, 1)
    cut = inner.within(outer)
    assert cut is not None
    # outer: rows from c - 2 to c + 3 (the next row's centre + 2); inner: c + 1 to c + 4.
    assert cut.lo.tolist() == [1, 2, 3, 4, 5, 6]
    assert (cut.lo + cut.width - 1).tolist() == [3, 4, 5, 6, 7, 7]
    assert Band.around(centre + 10, 1).within(outer) is None


@needs_corpora
def test_pinned_search_finds_the_search_path_on_recurring_text() -> None:
    """Sentences that recur have no rare keys, so no anchors: the search's band is sqrt(n + m)
    wide around the diagonal. The pinned search (pair anchors, a narrow band) must find the
    same path, in a DP over fewer cells, and hand back the search's band."""

    import numpy as np

    from align.aligner.band import Band
    from align.aligner.dp import search, search_pinned

    # The document's gold beads, laid end to end 30 times in a new order each time.
    en, ja = _gold_beads_shuffled(30, 7)
    p = AlignParams()
    problem, centre, width = _first_pass_problem(en, ja, p)
    assert width > 2 * p.band
    pinned = search_pinned(problem, centre, width)
    assert pinned is not None
    path, band = search(problem, centre, width)
    assert pinned[0] == path
    assert np.array_equal(pinned[1].lo, band.lo) and np.array_equal(pinned[1].width, band.width)
    assert isinstance(pinned[1], Band)


@needs_corpora
def test_search_around_held_out_sentences_finds_the_whole_band_path() -> None:
    """With some Japanese sentences held out (as misplaced verbatim copies are, a 0-1 bead at no
    cost), the windows around them searched again (near) give the path of the DP over the whole
    band along the path before: a change there, the path before elsewhere."""
    from dataclasses import replace

    from align.aligner import _refine_beads, _refined, _search
    from align.aligner.band import Band
    from align.aligner.dp import run_dp
    from align.aligner.near import refined_around, research_around
    from align.aligner.refine import Memo

    # The gold beads laid end to end 4 times in a new order each time: without rare keys the
    # text has no anchors, and its band is the wide one of a long text (the near search's case).
    en, ja = _gold_beads_shuffled(4, 11)
    p = AlignParams()
    problem, centre, width = _first_pass_problem(en, ja, p)
    n, m = problem.n, problem.m
    assert width > p.band
    memo = Memo()
    raw, path, _ = _search(problem, centre, width, (en, ja), memo)
    # Two sentences side by side, one at the start, the rest alone.
    held = [0, 100, 101, 350, 610, m - 1]
    meta = problem.ja_meta.copy()
    meta[held] = 1
    problem = replace(problem, ja_meta=meta)
    band = Band.along(path, n, p.band)
    local = research_around(problem, raw, band, held)
    whole, touched = run_dp(problem, band)
    assert not touched
    assert local == whole
    assert local != raw
    changed = {j for _, _, j in set(local) ^ set(raw)}
    assert all(min(abs(j - h) for h in held) <= 20 for j in changed)
    # A band too narrow for the path: the caller searches the whole band (or widens).
    assert research_around(problem, raw, Band.along(path, n, 1), held) is None
    # The refine of the stretches that changed, spliced into the first refine's path, is the
    # refine of the whole new path (a fresh memo for it: a memo only saves work).
    local_refined = refined_around(
        (raw, path, local), held, lambda beads: _refine_beads(problem, beads, (en, ja), memo)
    )
    assert local_refined is not None
    assert local_refined == _refined(problem, local, (en, ja), Memo())
    assert local_refined != path


def _gold_beads_shuffled(times: int, seed: int) -> tuple[Document, Document]:
    """tanaka_01's gold beads laid end to end *times* times, in a new order each time."""
    import random

    en_lines = (CORPORA / "tanaka_01.en").read_text(encoding="utf-8").splitlines()
    ja_lines = (CORPORA / "tanaka_01.ja").read_text(encoding="utf-8").splitlines()
    beads = []
    for line in (CORPORA / "tanaka_01.gold").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")[:2]
        beads.append(
            (
                [int(i) for i in left.strip("[]").split(",") if i],
                [int(j) for j in right.strip("[]").split(",") if j],
            )
        )
    rng = random.Random(seed)
    order = [b for _ in range(times) for b in rng.sample(beads, len(beads))]
    en = segment_presegmented("\n".join(en_lines[i] for e, _ in order for i in e), "en")
    ja = segment_presegmented("\n".join(ja_lines[j] for _, js in order for j in js), "ja")
    return en, ja


def _first_pass_problem(en: Document, ja: Document, p: AlignParams) -> tuple[Any, Any, int]:
    """The aligner's problem after its first pass (the length model re-estimated), the centre
    line through its anchors and the band's half width, as _aligned makes them."""
    from dataclasses import replace

    from align.aligner import _first_pass_model
    from align.aligner.band import anchor_chain, centre_through, initial_half_width
    from align.aligner.problem import Problem

    problem = Problem.build(en, ja, p)
    n, m = problem.n, problem.m
    chain = anchor_chain(problem.features, n, m)
    centre = centre_through(chain, n, m)
    problem = replace(problem, model=_first_pass_model(problem, centre))
    return problem, centre, initial_half_width(p, n, m, chain)
