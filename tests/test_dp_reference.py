"""The banded DP (aligner/dp.py, aligner/costs.py) finds what a plain DP finds, one cell at a time.

The fast DP computes every bead cost of a block of rows at once, in numpy, and keeps the parts
that the length model does not change across its two passes. The plain one below writes each
bead's cost as the formula reads, in the same order of float operations, and relaxes each cell
in Python: both must give the same path and the same final cost on real text, with its
metadata lines, multi-sentence lines and repeated sentences, inside narrow and wide bands.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from paths import pair_dirs

from align.aligner import dp
from align.aligner.band import PAD, Band, straight_centre
from align.aligner.features import pair_block
from align.aligner.length import LengthModel
from align.aligner.params import BEADS, AlignParams
from align.aligner.problem import Problem
from align.segment import segment_en, segment_ja

_INSERT = BEADS.index((0, 1))


def _bead_cost(pb: Problem, band: Band, t: int, i: int, j: int) -> float:
    """Cost of a bead of type t ending at cell (i, j), as the aligner's docstrings define it."""
    p, f = pb.params, pb.features
    a, b = BEADS[t]
    if i < a or j < b or j > pb.m:
        return math.inf
    metadata = sum(pb.en_meta[i - a : i]) + sum(pb.ja_meta[j - b : j])
    if not (a and b):
        return 0.0 if metadata else p.prior[t] + p.lex_weight * 0.5 * p.indel_lex
    if metadata:
        return math.inf
    o_en, o_ja = pair_block(f, 0, pb.n, 0, pb.m)

    def pair(ii: int, jj: int) -> tuple[float, float]:
        # The DP scores only the pairs inside the band ± PAD.
        if not band.in_band(ii, jj):
            return 0.0, 0.0
        return float(o_en[ii, jj]), float(o_ja[ii, jj])

    def term(covered: float, total: float) -> float:
        return 1.0 - (min(covered, total) + p.lex_smooth * p.lex_prior) / (total + p.lex_smooth)

    le, lj = float(sum(pb.en_len[i - a : i])), float(sum(pb.ja_len[j - b : j]))
    c = float(p.prior[t] + p.length_weight * pb.model.cost(np.array([le]), np.array([lj]))[0])
    ce, cj = int(sum(f.en_sentences[i - a : i])), int(sum(f.ja_sentences[j - b : j]))
    c = c + p.count_weight * (abs(ce - cj) - abs(a - b))
    member = 0.0
    for r in range(a):
        covered = 0.0
        for s in range(b):
            covered += pair(i - 1 - r, j - 1 - s)[0]
        member += term(covered, float(f.wen[i - 1 - r]))
    for s in range(b):
        covered = 0.0
        for r in range(a):
            covered += pair(i - 1 - r, j - 1 - s)[1]
        member += term(covered, float(f.wja[j - 1 - s]))
    c = c + p.lex_weight * (0.5 * member)
    for s in range(b - 1):
        c = c + p.repeat_weight * max(float(f.ja_repeat[j - 1 - s]) - 0.5, 0.0) / 0.5
    return c


def plain_dp(pb: Problem, band: Band) -> tuple[list[tuple[int, int, int]], float]:
    """The best path (bead type, i, j per step) and its cost, one cell at a time."""
    d: dict[tuple[int, int], float] = {}
    ptr: dict[tuple[int, int], int] = {}
    for i in range(pb.n + 1):
        lo, width = int(band.lo[i]), int(band.width[i])
        x, best = [], []
        for j in range(lo, lo + width):
            if i == 0:
                x.append(0.0 if j == 0 else math.inf)
                best.append(-1)
                continue
            # The first bead type with English in it and the lowest cost wins.
            cand = [
                d.get((i - a, j - b), math.inf) + _bead_cost(pb, band, t, i, j)
                for t, (a, b) in enumerate(BEADS[:_INSERT])
            ]
            k = min(range(len(cand)), key=cand.__getitem__)
            x.append(cand[k])
            best.append(k)
        # 0-1 beads chain along the row: D = S + prefix-min(x - S), as the DP computes it.
        c01 = [_bead_cost(pb, band, _INSERT, i, j) for j in range(lo, lo + width)]
        s_row = np.cumsum([0.0] + [c if math.isfinite(c) else 0.0 for c in c01[1:]])
        y = np.array(x) - s_row
        cm = np.minimum.accumulate(y)
        for k, j in enumerate(range(lo, lo + width)):
            d[i, j] = float(cm[k] + s_row[k])
            ptr[i, j] = _INSERT if cm[k] < y[k] else best[k]
    path, i, j = [], pb.n, pb.m
    while i > 0 or j > 0:
        t = ptr[i, j]
        path.append((t, i, j))
        i, j = i - BEADS[t][0], j - BEADS[t][1]
    return path[::-1], d[pb.n, pb.m]


def _problem(start: int, n: int, m: int) -> Problem:
    """A window of a bundled pair (metadata lines and all), with a dense pair block."""
    d = pair_dirs()[0]
    en_all = segment_en((d / "en.txt").read_text(encoding="utf-8"))
    ja_all = segment_ja((d / "ja.txt").read_text(encoding="utf-8"))
    en = segment_en("\n".join(s.text for s in en_all.segments[start : start + n]))
    ja = segment_ja("\n".join(s.text for s in ja_all.segments[start : start + m]))
    pb = Problem.build(en, ja, AlignParams())
    f = pb.features
    dense = pair_block(f, 0, pb.n, 0, pb.m)
    return replace(pb, features=replace(f, dense=dense), model=LengthModel(pb.model.ratio, 5.0))


@pytest.mark.parametrize(
    ("start", "n", "m", "w"), [(0, 12, 14, 2), (0, 14, 11, 40), (5, 10, 13, 3), (9, 13, 13, 1)]
)
def test_banded_dp_equals_the_plain_dp(start: int, n: int, m: int, w: int) -> None:
    pb = _problem(start, n, m)
    band = Band.for_search(straight_centre(pb.n, pb.m), w, pb.params.max_band)
    fast, _ = dp.run_dp(pb, band)
    plain, cost = plain_dp(pb, band)
    assert math.isfinite(cost)
    assert fast == plain
    assert PAD == 3  # the plain pair lookup reads band ± PAD, as the DP's gathers do


@pytest.mark.parametrize(("start", "n", "m", "w"), [(0, 12, 14, 2), (5, 10, 13, 40)])
def test_block_costs_equal_the_plain_costs(start: int, n: int, m: int, w: int) -> None:
    """Every bead cost of every cell, to the last bit (the path test alone would miss a small
    error that changes no decision on these windows)."""
    from align.aligner.band import runs
    from align.aligner.costs import LengthCosts, PairRows, Sums, block_costs

    pb = _problem(start, n, m)
    band = Band.for_search(straight_centre(pb.n, pb.m), w, pb.params.max_band)
    sums = Sums.of(pb)
    length = LengthCosts(pb, sums, int(band.width.sum()) * _INSERT)
    pairs = PairRows(pb, band)
    for r0, r1 in runs(band.width, 0, pb.n + 1, 4):
        got = block_costs(pb, band, sums, length, pairs, r0, r1)
        for i in range(r0, r1):
            lo = int(band.lo[i])
            want = [
                [_bead_cost(pb, band, t, i, lo + k) for k in range(int(band.width[i]))]
                for t in range(len(BEADS))
            ]
            assert got[i - r0].tolist() == want, (i, lo)
