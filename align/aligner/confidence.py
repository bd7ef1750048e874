"""Bead confidences: how far the length and the lexical evidence agree with each bead of a path."""

from __future__ import annotations

import numpy as np

from ..model import Bead
from .band import PAD, Band
from .features import pair_values
from .params import BEADS
from .problem import Problem, Step


def bead_confidences(problem: Problem, path: list[Step], band: Band) -> list[Bead]:
    """Beads with a confidence in [0, 1]: the mean of length agreement and lexical agreement.

    Vectorised over the path: the pair scores of every (en, ja) pair inside a bead are computed
    at once (pairs inside the band only, as the DP saw them), then summed per bead with bincount.
    """
    f = problem.features
    types = np.array([t for t, _, _ in path], dtype=np.int64)
    ends_i = np.array([i for _, i, _ in path], dtype=np.int64)
    ends_j = np.array([j for _, _, j in path], dtype=np.int64)
    sizes = np.array(BEADS, dtype=np.int64)[types]
    a, b = sizes[:, 0], sizes[:, 1]
    pe = np.concatenate([[0.0], np.cumsum(problem.en_len)])
    pj = np.concatenate([[0.0], np.cumsum(problem.ja_len)])
    le = pe[ends_i] - pe[ends_i - a]
    lj = pj[ends_j] - pj[ends_j - b]
    p_len = np.exp(-problem.model.cost(le, lj))
    # All member pairs of all beads.
    bead_ids, pi, pjx = [], [], []
    for r in range(3):
        for s in range(3):
            sel = np.nonzero((a > r) & (b > s))[0]
            bead_ids.append(sel)
            pi.append(ends_i[sel] - 1 - r)
            pjx.append(ends_j[sel] - 1 - s)
    bid = np.concatenate(bead_ids)
    ii = np.concatenate(pi)
    jx = np.concatenate(pjx)
    kk = jx - band.lo[ii] + PAD
    good = (kk >= 0) & (kk < band.width[ii] + 2 * PAD)
    v_en, v_ja = pair_values(f, ii, jx)
    o_en = np.bincount(bid, weights=np.where(good, v_en, 0.0), minlength=len(path))
    o_ja = np.bincount(bid, weights=np.where(good, v_ja, 0.0), minlength=len(path))
    pwe = np.concatenate([[0.0], np.cumsum(f.wen)])
    pwj = np.concatenate([[0.0], np.cumsum(f.wja)])
    we = pwe[ends_i] - pwe[ends_i - a]
    wj = pwj[ends_j] - pwj[ends_j - b]
    sim = problem.similarity(np.minimum(o_en, we) + np.minimum(o_ja, wj), we + wj)
    score = 0.5 * np.minimum(1.0, 2.0 * p_len) + 0.5 * np.minimum(1.0, sim / 0.5)
    score = np.clip(score, 0.0, 1.0)
    # An inserted or omitted sentence is credible when it shares nothing with its neighbours.
    lone = np.nonzero((a == 0) | (b == 0))[0]
    score[lone] = indel_confidences(problem, lone.tolist(), path, band)
    beads = []
    for t, i, j, sc in zip(types.tolist(), ends_i.tolist(), ends_j.tolist(), score.tolist(), strict=True):
        ai, bj = BEADS[t]
        beads.append(Bead(tuple(range(i - ai, i)), tuple(range(j - bj, j)), round(float(sc), 4)))
    return beads


def _indel_pairs(x: int, path: list[Step], band: Band) -> tuple[int, list[tuple[int, int]]]:
    """The lone sentence's side (0 en, 1 ja) and its pairs with the neighbouring beads' other side
    that lie inside the band (the only ones the DP scored)."""
    t, i, j = path[x]
    near = [path[y] for y in (x - 1, x + 1) if 0 <= y < len(path)]
    if BEADS[t][0] == 1:  # 1-0: English sentence i-1 alone
        row = i - 1
        js = [jx for tt, _, jj in near for jx in range(jj - BEADS[tt][1], jj)]
        return 0, [(row, jx) for jx in js if band.in_band(row, jx)]
    col = j - 1  # 0-1: Japanese sentence j-1 alone
    rs = [ix for tt, ii, _ in near for ix in range(ii - BEADS[tt][0], ii)]
    return 1, [(ix, col) for ix in rs if band.in_band(ix, col)]


def indel_confidences(problem: Problem, xs: list[int], path: list[Step], band: Band) -> list[float]:
    """Per lone sentence (path index in ``xs``): 1 - (best lexical coverage by the neighbouring
    beads' other side) x 2.

    The pair scores of all lone sentences are computed in one batch.
    """
    f = problem.features
    cand = [_indel_pairs(x, path, band) for x in xs]
    flat = [q for _, qs in cand for q in qs]
    v_en, v_ja = pair_values(
        f, np.array([q[0] for q in flat], dtype=np.int64), np.array([q[1] for q in flat], dtype=np.int64)
    )
    values = dict(zip(flat, zip(v_en.tolist(), v_ja.tolist(), strict=True), strict=True))
    out: list[float] = []
    for side, qs in cand:
        _, i, j = path[xs[len(out)]]
        total = float(f.wen[i - 1]) if side == 0 else float(f.wja[j - 1])
        if total <= 0:
            out.append(0.5)
            continue
        best = 0.0
        for q in qs:
            best = max(best, values[q][side] / total)
        out.append(round(max(0.0, 1.0 - 2.0 * min(best, 0.5)), 4))
    return out
