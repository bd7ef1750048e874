"""Bead confidences: how far the length and the lexical evidence agree with each bead of a path."""

from __future__ import annotations

import numpy as np

from ..model import Bead
from .band import PAD, Band
from .features import Features, pair_values
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
    v_en, v_ja = path_pair_values(f, ii, jx)
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
    v_en, v_ja = path_pair_values(
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


#: Pairs per chunk of path_pair_values, and the most cells its map of pairs x keys may hold
#: (one bool each).
_CHUNK_PAIRS = 4096
_MAP_CELLS = 1 << 23


def path_pair_values(f: Features, ii: np.ndarray, jx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pair_values of the pairs (ii[k], jx[k]) of a path, to the bit, without a product per block.

    pair_values computes a dense block of pairs around the path for every 256 rows (a sparse
    product each, most of the confidences' time on 200k sentences) and reads the path's few
    pairs out of it. Here the path's pairs alone are matched, key by key, through a map of
    each chunk's pairs x keys, and each pair's weights are added in the order, and in the
    float32 arithmetic, of the product's own sum (scipy's csr_matmat): the English keys in
    their row's stored order, the Japanese units in theirs. A document small enough to hold
    every pair (features.dense), or whose matrices are not laid out as this reads them, is
    left to pair_values.
    """
    if f.dense is not None or len(ii) == 0 or not _sorted_alike(f):
        return pair_values(f, ii, jx)
    keys = f.en_w.shape[1]
    chunk = max(16, min(_CHUNK_PAIRS, _MAP_CELLS // max(keys, 1)))
    en_vals, ja_vals = [], []
    seen = np.zeros(chunk * keys, dtype=bool)
    for q0 in range(0, len(ii), chunk):
        v_en, v_ja = _matched(f, ii[q0 : q0 + chunk], jx[q0 : q0 + chunk], seen)
        en_vals.append(v_en)
        ja_vals.append(v_ja)
    en_count = np.diff(f.en_w.indptr)[ii]
    ja_count = np.diff(f.tok_w.indptr)[jx]
    return _ordered_sums(np.concatenate(en_vals), en_count), _ordered_sums(np.concatenate(ja_vals), ja_count)


def _sorted_alike(f: Features) -> bool:
    """Whether en_w and en_bin store the same keys in the same order (one row layout serves
    both) and each Japanese sentence's units are its own row of tok_w, in order."""
    return bool(
        np.array_equal(f.en_w.indptr, f.en_bin.indptr)
        and np.array_equal(f.en_w.indices, f.en_bin.indices)
        and np.array_equal(f.tok_w.indptr, f.tok_start)
        and np.array_equal(f.tok_w.indices, np.arange(f.tok_w.nnz))
    )


def _entries(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The stored entries of ``rows`` (their positions, in row order) and the row of each, as
    0.. in ``rows``."""
    start, count = indptr[rows], indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), count)
    first = np.cumsum(count) - count
    return np.repeat(start - first, count) + np.arange(int(count.sum()), dtype=np.int64), owner


def _matched(f: Features, ii: np.ndarray, jx: np.ndarray, seen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per English key of each pair's sentence, its weight where the pair's Japanese holds the
    key (else 0); per unit of each pair's Japanese, its weight where a key of the unit is in the
    English (else 0). ``seen`` (pairs x keys, flat) is all False, and is left so."""
    keys = f.en_w.shape[1]
    at_en, pair_en = _entries(f.en_w.indptr, ii)
    en_cells = pair_en * keys + f.en_w.indices[at_en]
    at_unit, pair_unit = _entries(f.tok_w.indptr, jx)
    unit_w = f.tok_w.data[at_unit]
    at_key, of_unit = _entries(f.tok.indptr, f.tok_w.indices[at_unit])
    ja_cells = pair_unit[of_unit] * keys + f.tok.indices[at_key]
    seen[en_cells] = True
    found = seen[ja_cells]  # a key of the unit is in the pair's English
    seen[en_cells] = False
    hit = np.zeros(len(unit_w), dtype=bool)
    hit[of_unit[found]] = True
    # The English keys the Japanese holds: the found keys of its units of nonzero weight (ja_bin
    # holds those alone, see build_features).
    shared = ja_cells[found & (unit_w[of_unit] != 0)]
    seen[shared] = True
    v_en = np.where(seen[en_cells], f.en_w.data[at_en], np.float32(0.0)).astype(np.float32)
    seen[shared] = False
    return v_en, np.where(hit, unit_w, np.float32(0.0)).astype(np.float32)


def _ordered_sums(values: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Per row (``count`` consecutive entries of ``values`` each), the float32 sum of its
    entries one after the other, from 0 (a sparse product's sum; numpy's own sums pair terms up)."""
    out = np.zeros(len(count), dtype=np.float32)
    first = np.cumsum(count) - count
    order = np.argsort(-count, kind="stable")  # the rows with a p-th entry come first
    first, count = first[order], count[order]
    total = np.zeros(len(count), dtype=np.float32)
    for p in range(int(count.max(initial=0))):
        live = int(np.searchsorted(-count, -p, side="left"))  # rows with more than p entries
        total[:live] += values[first[:live] + p]
    out[order] = total
    return out
