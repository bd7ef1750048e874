"""Dynamic programme: the cheapest monotone path of n:m beads through the band.

The cells are (i en, j ja sentences consumed). All bead costs of a block of rows are computed at
once with numpy (``costs``); the only Python loop runs over rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .band import Band, centre_through, initial_half_width, pair_chain, runs
from .costs import LengthCosts, PairRows, Sums, block_costs
from .params import BEADS
from .problem import Problem, Step

#: BEADS index of the 0-1 bead (a Japanese sentence alone).
_INSERT = 7
#: The bead types that consume English sentences, in BEADS order (the row-to-row steps).
_WITH_EN = tuple(t for t, (a, _) in enumerate(BEADS) if a > 0)
# The row-to-row steps come first in BEADS: a block's costs hold them as one (types, cells)
# array per row, and the position of the cheapest is its bead type.
assert _WITH_EN == tuple(range(len(_WITH_EN))) and _INSERT == len(_WITH_EN)
#: Back-pointer of a cell no path reaches.
_UNREACHED = 255
#: D of a row keeps this many inf cells in front: a predecessor cell is up to 3 columns left.
_PAD_L = 3
#: Rows per block of bead costs: a block's arrays stay in the CPU cache (512 rows took 1.7x
#: the time of 64 on 20k sentences, in a band of 400 cells). A narrow band's blocks have up to
#: _BLOCK_ROWS_MAX rows, about _BLOCK_CELLS cells: their numpy calls' overhead is per block
#: (128 rows of 81 cells took 0.93 the time of 64 on 200k sentences).
_BLOCK_ROWS = 64
_BLOCK_ROWS_MAX = 128
_BLOCK_CELLS = 12288


def search(problem: Problem, centre: np.ndarray, w: int) -> tuple[list[Step], Band]:
    """Best path in a band of half width at least w around ``centre``, and the band it ended in.

    The band widens and the DP reruns while the best path touches the band's edge.
    """
    band = Band.for_search(centre, w, problem.params.max_band)
    while True:
        path, touched = run_dp(problem, band)
        wider = band.widened(problem.n, problem.m) if touched else None
        if wider is None:
            return path, band
        band = wider


def search_pinned(problem: Problem, centre: np.ndarray, w: int) -> tuple[list[Step], Band] | None:
    """search's path and band, from a DP in a narrower band where pair anchors pin the path.

    A long text without rare keys (sentences that recur) has no anchors, and its band is the
    widest (max_band) around the diagonal, which the path strays far from. The band's pairs
    that share most of their weight (band.pair_chain) pin a centre the path keeps close to:
    the DP runs in the band around it that the search's band holds too, of the half width the
    chain's longest stretch gives (initial_half_width). A path that comes near that band's edge
    may be cut off by it: None, and the caller searches as before. The band returned is the
    search's (the confidences read the pairs it scored).
    """
    p, n, m = problem.params, problem.n, problem.m
    wide = Band.for_search(centre, w, p.max_band)
    chain = pair_chain(problem.features, centre, wide.half_width, n, m, p.lex_smooth, p.lex_prior)
    if chain is None:
        return None
    narrow_w = initial_half_width(p, n, m, chain)
    if 2 * narrow_w > wide.half_width:
        return None
    narrow = Band.around(centre_through(chain, n, m), narrow_w).within(wide)
    if narrow is None:
        return None
    path, touched = run_dp(problem, narrow)
    return None if touched else (path, wide)


def run_dp(problem: Problem, band: Band) -> tuple[list[Step], bool]:
    """Best path as steps from the start, and whether it touched the band edge."""
    sums = Sums.of(problem)
    length = LengthCosts(problem, sums, int(band.width.sum()) * len(_WITH_EN))
    pairs = PairRows(problem, band)
    table = _Table.empty(band)
    size = min(_BLOCK_ROWS_MAX, max(_BLOCK_ROWS, _BLOCK_CELLS // max(int(band.width.max()), 1)))
    for r0, r1 in runs(band.width, 0, problem.n + 1, size):
        _relax(block_costs(problem, band, sums, length, pairs, r0, r1), band, r0, table)
    if not np.isfinite(table.final(band, problem.n, problem.m)):
        raise RuntimeError("no alignment path inside the band")  # pragma: no cover
    return _backtrace(table, band, problem.n, problem.m)


@dataclass(frozen=True, eq=False)
class _Table:
    """Back-pointers of every cell, and D of the last 4 rows (a bead reaches at most 3 rows up).

    D of row i lives in slot i % 4 of ``recent``: _PAD_L cells of inf, the row, then inf to the
    end, at least as many cells as the widest row, so that a predecessor beyond a row's band
    reads inf (a cell no path reaches) without a bounds check.
    """

    offset: np.ndarray  # first cell of each row in ptr (rows differ in width where the centre jumps)
    ptr: np.ndarray  # bead type of the best step into each cell
    recent: np.ndarray  # (4, slot): D of the last rows
    widths: list[int]  # the width of the row each slot holds

    @classmethod
    def empty(cls, band: Band) -> _Table:
        offset = np.concatenate([[0], np.cumsum(band.width)])
        slot = _PAD_L + 2 * int(band.width.max())
        ptr = np.full(int(offset[-1]), _UNREACHED, dtype=np.uint8)
        return cls(offset, ptr, np.full((4, slot), np.inf), [0, 0, 0, 0])

    def final(self, band: Band, n: int, m: int) -> float:
        """D of the last cell (n, m)."""
        return float(self.recent[n % 4, _PAD_L + m - int(band.lo[n])])

    def gather_at(self, band: Band, r0: int, r1: int) -> np.ndarray:
        """Per row of r0..r1 and bead type with English (_WITH_EN order), where in ``recent``
        (flat) the predecessors of the row's cells start; a row before the first points at inf."""
        rows = np.arange(r0, r1, dtype=np.int64)[:, None]
        a = _WITH_EN_A[None, :]
        b = _WITH_EN_B[None, :]
        w = int(band.width[r0])
        slot = self.recent.shape[1]
        src = np.maximum(rows - a, 0)
        # Predecessor (i-a, j-b) sits at k' = k + shift in its row (band starts never decrease,
        # so the shift is >= -3, covered by the inf in front).
        start = np.minimum(_PAD_L + band.lo[rows] - band.lo[src] - b, slot - w)
        start = np.where(rows >= a, start, slot - w)
        return (src % 4) * slot + start


_WITH_EN_A = np.array([BEADS[t][0] for t in _WITH_EN], dtype=np.int64)
_WITH_EN_B = np.array([BEADS[t][1] for t in _WITH_EN], dtype=np.int64)


def _relax(costs: np.ndarray, band: Band, r0: int, table: _Table) -> None:
    """D and the back-pointers of the rows r0.. of a block (costs: rows x bead types x cells)."""
    rows, _, width = costs.shape
    # 0-1 beads chain along a row: D[k] = min(x[k], D[k-1] + c01[k]) = S[k] + prefix-min(x - S).
    c01 = costs[:, _INSERT, :]
    c01 = np.where(np.isfinite(c01), c01, 0.0)
    c01[:, 0] = 0.0
    s_block = np.cumsum(c01, axis=1)
    flat = table.recent.reshape(-1)
    at = table.gather_at(band, r0, r0 + rows)[:, :, None] + np.arange(width, dtype=np.int64)[None, None, :]
    # Each row's candidates (the step from each predecessor) are kept for the block: the
    # back-pointers are read from them after the loop, for all rows at once (see _pointers).
    cand = costs[:, : len(_WITH_EN), :].copy()
    inserted = np.empty((rows, width), dtype=bool)
    # Python ints, views and buffers made once per block: the loop below runs once per row, and
    # its numpy calls' overhead, not their arithmetic, was most of a narrow band's DP.
    recent, widths = table.recent, table.widths
    end = _PAD_L + width
    d_rows = [recent[slot, _PAD_L:end] for slot in range(4)]
    x = np.empty(width)
    cm = np.empty(width)
    minimum, accumulate, subtract, less, add = (
        np.minimum.reduce,
        np.minimum.accumulate,
        np.subtract,
        np.less,
        np.add,
    )
    for ri, (c, a, srow, ins) in enumerate(zip(cand, at, s_block, inserted, strict=True)):
        i = r0 + ri
        if i == 0:
            x.fill(np.inf)
            x[-int(band.lo[0])] = 0.0
        else:
            add(c, flat.take(a), out=c)
            minimum(c, axis=0, out=x)
        subtract(x, srow, out=x)
        accumulate(x, out=cm)
        less(cm, x, out=ins)
        slot = i % 4
        add(cm, srow, out=d_rows[slot])
        if widths[slot] > width:
            recent[slot, end : _PAD_L + widths[slot]] = np.inf
        widths[slot] = width
    _pointers(cand, inserted, r0, table)


def _pointers(cand: np.ndarray, inserted: np.ndarray, r0: int, table: _Table) -> None:
    """The back-pointers of a block's rows: the first bead type with the lowest cost wins (as a
    strict "<" over the types in order would decide), and a 0-1 bead where the chain along the
    row was cheaper. Row 0 has no step from a row above (unreached but for its 0-1 chain)."""
    rows, types, width = cand.shape
    # argmin over the types axis: numpy's argmin along a strided axis runs a call per cell (0.3 s
    # of the DP on 20k sentences); a running minimum over the types in order, replaced only
    # where a later type is strictly lower, picks the same first lowest type.
    ptr = np.zeros((rows, width), dtype=np.uint8)
    best = cand[:, 0, :].copy()
    lower = np.empty((rows, width), dtype=bool)
    for t in range(1, types):
        np.less(cand[:, t, :], best, out=lower)
        np.putmask(ptr, lower, t)
        np.minimum(best, cand[:, t, :], out=best)
    if r0 == 0:
        ptr[0] = _UNREACHED
    np.putmask(ptr, inserted, _INSERT)
    off = int(table.offset[r0])
    table.ptr[off : off + rows * width] = ptr.reshape(-1)


def _backtrace(table: _Table, band: Band, n: int, m: int) -> tuple[list[Step], bool]:
    """The path from (0, 0) to (n, m), and whether it came within 2 cells of the band edge."""
    path: list[Step] = []
    i, j = n, m
    touched = False
    # Python ints for the row geometry: one numpy scalar read per step, not four.
    lo, widths, offset, ptr = band.lo.tolist(), band.width.tolist(), table.offset.tolist(), table.ptr
    while i > 0 or j > 0:
        k = j - lo[i]
        width = widths[i]
        if not 0 <= k < width:
            raise RuntimeError("alignment path left the band")  # pragma: no cover - guarded by widening
        if (k <= 1 or k >= width - 2) and 0 < i < n:
            touched = True
        t = int(ptr[offset[i] + k])
        if t == _UNREACHED:
            raise RuntimeError("no alignment path inside the band")  # pragma: no cover
        a, b = BEADS[t]
        path.append((t, i, j))
        i, j = i - a, j - b
    path.reverse()
    return path, touched
