"""Band geometry: the centre line through lexical anchors, each row's band, and its widening.

The DP only visits the cells (i en, j ja consumed) inside a band of half width W around a centre
line, so time and memory are O((n+m)·W). The centre runs through lexical anchors, and the band
widens (and the DP reruns) when the best path touches its edge.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .features import Features, pair_rows
from .params import AlignParams

#: The largest bead side: cost gathers reach at most this far outside the band.
PAD = 3
#: Rows of one width in a band along a path (dp's block of rows).
_ALONG_ROWS = 64
#: Widening budget in DP cells (one back-pointer byte each): ~50 MB and ~20 s at most.
_WIDEN_CELLS = 50_000_000


def straight_centre(n: int, m: int) -> np.ndarray:
    """Diagonal ja position for each en row 0..n (the band centre without anchors)."""
    if n == 0:
        return np.zeros(1, dtype=np.int64)
    return (np.arange(n + 1, dtype=np.int64) * m) // n


def anchor_centre(f: Features, n: int, m: int, max_df: int = 3) -> np.ndarray:
    """Band centre through lexical anchors, for each en row 0..n (monotone, from (0,0) to (n,m)).

    An anchor is a mutual-best sentence pair on rare keys (in at most ``max_df`` sentences of
    each side: numbers, names, rare words); the longest increasing chain of anchors drops the
    accidental ones. Without this, a long omission (a truncated MT) would leave the true path
    outside a band drawn on the straight diagonal.
    """
    return centre_through(anchor_chain(f, n, m, max_df), n, m)


def centre_through(chain: tuple[np.ndarray, np.ndarray] | None, n: int, m: int) -> np.ndarray:
    """The band centre through an anchor chain (see anchor_chain), or the diagonal without one."""
    if chain is None:
        return straight_centre(n, m)
    xs, ys = chain
    centre = np.floor(np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)).astype(np.int64)
    return np.maximum.accumulate(np.clip(centre, 0, m))


def anchor_chain(f: Features, n: int, m: int, max_df: int = 3) -> tuple[np.ndarray, np.ndarray] | None:
    """The points (en, ja) the centre runs through, from (0, 0) to (n, m), an anchor (i, j) as
    (i + 0.5, j + 0.5); None without anchors (see anchor_centre)."""
    en_df = _column_counts(f.en_bin, n)
    ja_df = _column_counts(f.ja_bin, m)
    rare = ((en_df > 0) & (en_df <= max_df) & (ja_df > 0) & (ja_df <= max_df)).astype(np.float32)
    if n == 0 or m == 0 or not rare.any():
        return None
    en_rare = f.en_w[:n].multiply(rare[None, :]).tocsr()
    # The product would otherwise run over every key (the others stored as zeros): 0.7 s on 20k
    # sentences. Dropping 0.0 terms changes no sum, and argmax reads sorted indices either way.
    en_rare.eliminate_zeros()
    sim = (en_rare @ f.ja_bin[:m].T).tocsr()
    if sim.nnz == 0:
        return None
    sim.eliminate_zeros()
    best_j = np.asarray(sim.argmax(axis=1)).ravel()
    best_v = np.asarray(sim.max(axis=1).todense()).ravel()
    best_i = np.asarray(sim.argmax(axis=0)).ravel()
    rows = np.nonzero((best_v >= 2.0) & (best_i[best_j] == np.arange(n)))[0]
    chain = _longest_chain(rows, best_j)
    # Anchor (i, j) means the path passes near cell (i + 0.5, j + 0.5).
    xs = np.array([0.0] + [rows[k] + 0.5 for k in chain] + [float(n)])
    ys = np.array([0.0] + [best_j[rows[k]] + 0.5 for k in chain] + [float(m)])
    return xs, ys


#: A band pair is a pair anchor (see pair_chain) when it shares at least this share of the two
#: sentences' key weight (Problem.similarity): most of what both say.
_PAIR_ANCHOR = 0.6
#: Rows per step of pair_chain (one dense block of pair weights per step).
_PAIR_ROWS = 512


def pair_chain(
    f: Features, centre: np.ndarray, w: int, n: int, m: int, lex_smooth: float, lex_prior: float
) -> tuple[np.ndarray, np.ndarray] | None:
    """Anchors of a text without rare keys (repeated sentences): the points (en, ja), as
    anchor_chain gives them, of the sentence pairs within ``w`` of ``centre`` that share most of
    their weight (_PAIR_ANCHOR), each its row's best pair and its column's best row, in their
    longest increasing chain; None without any.

    Each pair's weights are the band's own (pair_rows), so this costs a pass of the sparse
    products over the band but none of the DP's bead costs.
    """
    width = 2 * w + 1
    best_j = np.zeros(n, dtype=np.int64)
    best_v = np.full(n, -1.0)
    kk = np.arange(width, dtype=np.int64)[None, :]
    for q0 in range(0, n, _PAIR_ROWS):
        q1 = min(n, q0 + _PAIR_ROWS)
        start = centre[q0:q1] - w
        m_en, m_ja = pair_rows(f, start, width, q0, m)
        cols = start[:, None] + kk
        inside = (cols >= 0) & (cols < m)
        total = f.wen[q0:q1, None] + f.wja[np.clip(cols, 0, m - 1)]
        sim = (m_en + m_ja + lex_smooth * lex_prior) / (total + lex_smooth)
        sim[~inside] = -1.0
        at = sim.argmax(axis=1)
        rows = np.arange(q1 - q0)
        best_j[q0:q1] = cols[rows, at]
        best_v[q0:q1] = sim[rows, at]
    rows = np.flatnonzero(best_v >= _PAIR_ANCHOR)
    # Mutual best: of the rows that pick one ja sentence, the strongest (the first on a tie).
    order = np.lexsort((-best_v[rows], best_j[rows]))
    picked = rows[order]
    first = np.concatenate([[True], best_j[picked][1:] != best_j[picked][:-1]]) if len(picked) else picked
    rows = np.sort(picked[first.astype(bool)])
    if not len(rows):
        return None
    chain = _longest_chain(rows, best_j)
    xs = np.array([0.0] + [rows[k] + 0.5 for k in chain] + [float(n)])
    ys = np.array([0.0] + [best_j[rows[k]] + 0.5 for k in chain] + [float(m)])
    return xs, ys


def path_centre(path: Sequence[tuple[int, int, int]], n: int) -> np.ndarray:
    """A band centre along a path of steps (bead type, en, ja consumed): per en row 0..n, the ja
    cell where the path enters the row (a row the path steps over keeps the row before's)."""
    centre = np.zeros(n + 1, dtype=np.int64)
    if path:
        steps = np.array(path, dtype=np.int64)
        # Steps are in path order, so the first step of a row is where the path enters it.
        rows, first = np.unique(steps[:, 1], return_index=True)
        centre[rows] = steps[first, 2]
        centre[0] = 0
    return np.maximum.accumulate(centre)


def _column_counts(mat: Any, rows: int) -> np.ndarray:
    """Stored entries per column in the first ``rows`` rows of a csr matrix (no CSC copy)."""
    return np.bincount(mat.indices[: mat.indptr[rows]], minlength=mat.shape[1])


def _longest_chain(rows: np.ndarray, best_j: np.ndarray) -> list[int]:
    """Indices into ``rows`` of the longest chain with strictly increasing j (patience sorting);
    ``rows`` are already increasing."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = np.full(len(rows), -1, dtype=np.int64)
    for k, r in enumerate(rows.tolist()):
        j = int(best_j[r])
        pos = bisect.bisect_left(tails, j)
        if pos > 0:
            prev[k] = tail_idx[pos - 1]
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
    chain: list[int] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(k)
        k = int(prev[k])
    chain.reverse()
    return chain


def initial_half_width(
    p: AlignParams, n: int, m: int, chain: tuple[np.ndarray, np.ndarray] | None = None
) -> int:
    """max(band, sqrt(span)), the sqrt term capped at max_band.

    The span is n + m sentences, or with the anchor ``chain`` the centre runs through, the most
    sentences (both sides) between two consecutive points of it: the length model's drift from
    the centre grows like the square root of the sentences read since the last fixed point, and
    an anchor is one. On 20k sentences with anchors every few sentences the path keeps within 8
    cells of the centre, in a band of half width 200 (the cap) that took most of the DP's time.
    A path that strays to the edge still widens the band (``Band.widened``).
    """
    span = n + m
    if chain is not None:
        xs, ys = chain
        span = min(span, math.ceil(float(np.max(np.diff(xs) + np.diff(ys)))))
    return max(p.band, min(p.max_band, int(math.sqrt(span))))


@dataclass(frozen=True, eq=False)
class Band:
    """The cells the DP visits: row i covers ja cells lo[i] .. lo[i] + width[i] - 1."""

    centre: np.ndarray  # ja cell per en row 0..n
    half_width: int
    lo: np.ndarray
    width: np.ndarray

    @classmethod
    def around(cls, centre: np.ndarray, w: int) -> Band:
        """centre ± w, except where the centre jumps.

        Consecutive rows' bands must overlap (a row reaches the next through its 0-1 chain). A row
        followed by a jump wider than the band reaches up to the next row's band instead: the ja
        sentences inserted there are a 0-1 chain along that one row, so only the rows at a jump
        are wide and the cells stay O(n·w + m), where a uniform band wide enough for the jump
        would be O(n·m).
        """
        lo = centre - w
        hi = centre + w
        jump = np.diff(centre)
        hi[:-1] = np.where((jump + 1) // 2 + 4 > w, centre[1:] + w, hi[:-1])
        return cls(centre, w, lo, hi - lo + 1)

    @classmethod
    def for_search(cls, centre: np.ndarray, w: int, max_band: int) -> Band:
        """The band a search starts with: at least w, wider where the centre jumps.

        Where the centre jumps (many more ja than en sentences, or an MT addition) the band
        widens, but uniformly only up to max_band: past that only the rows at a jump widen (see
        ``around``), or one block of thousands of inserted sentences would make every row half the
        document wide.
        """
        jump = int(np.max(np.diff(centre), initial=0))
        return cls.around(centre, max(w, min((jump + 1) // 2 + 4, max_band)))

    @classmethod
    def along(cls, path: Sequence[tuple[int, int, int]], n: int, w: int) -> Band:
        """Every cell of a path (steps: bead type, en, ja consumed) and w cells either side: row
        i from where the path enters it to where it leaves it (a run of 0-1 beads), ± w."""
        entry = path_centre(path, n)
        leave = np.zeros(n + 1, dtype=np.int64)
        if path:
            steps = np.array(path, dtype=np.int64)
            rows, last = np.unique(steps[::-1, 1], return_index=True)
            leave[rows] = steps[len(steps) - 1 - last, 2]
        leave = np.maximum(np.maximum.accumulate(leave), entry)
        lo = entry - w
        width = leave + w - lo + 1
        # One width per run of _ALONG_ROWS rows (the widest): the DP computes a block of rows of
        # one width at once, and a width per row would make a block of nearly every row.
        pad = (-len(width)) % _ALONG_ROWS
        widest = np.pad(width, (0, pad), mode="edge").reshape(-1, _ALONG_ROWS).max(axis=1)
        return cls(entry, w, lo, np.repeat(widest, _ALONG_ROWS)[: len(width)])

    def within(self, outer: Band) -> Band | None:
        """The cells of this band that ``outer`` holds too, or None when some row would hold
        none or would not reach the next (see ``around``)."""
        lo = np.maximum(self.lo, outer.lo)
        hi = np.minimum(self.lo + self.width, outer.lo + outer.width) - 1
        if np.any(hi < lo) or np.any(hi[:-1] < lo[1:] - 1):
            return None
        return Band(self.centre, self.half_width, lo, hi - lo + 1)

    def widened(self, n: int, m: int) -> Band | None:
        """The band twice as wide, or None when it may not grow.

        Each widening reruns the whole DP on twice the cells: allow it only within a fixed cell
        budget, so a path that strays from an anchorless centre (e.g. repeated text) cannot make
        the search quadratic; past the budget the path keeps to the band.
        """
        w = self.half_width
        if w >= n + m or (n + 1) * (4 * w + 1) > _WIDEN_CELLS:
            return None
        return Band.around(self.centre, 2 * w)

    def in_band(self, row: int, col: int) -> bool:
        """Whether pair (row, col) lies inside the band ± PAD (the pairs the DP scored)."""
        return 0 <= col - int(self.lo[row]) + PAD < int(self.width[row]) + 2 * PAD


def runs(wd: np.ndarray, r0: int, r1: int, size: int) -> list[tuple[int, int]]:
    """Rows r0..r1 cut into runs of equal band width, at most ``size`` rows each."""
    if r1 <= r0:
        return []
    cuts = [r0, *(np.flatnonzero(np.diff(wd[r0:r1])) + r0 + 1).tolist(), r1]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        out.extend((c, min(b, c + size)) for c in range(a, b, size))
    return out


def pair_scores(
    f: Features, base: np.ndarray, w: int, lo: int, hi: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Matched en weight and matched ja weight for sentence pairs (i, j) in the band, rows lo..hi.

    Entry [i - lo, kk] is the pair (i, base[i] - w - PAD + kk).
    """
    return pair_rows(f, base[lo:hi] - w - PAD, 2 * w + 1 + 2 * PAD, lo, m)
