"""Dynamic programme: the cheapest monotone path of n:m beads through the band.

The cells are (i en, j ja sentences consumed). All bead costs of a block of rows are computed at
once with numpy; the only Python loop runs over rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .band import PAD, Band, runs
from .features import pair_rows
from .params import BEADS
from .problem import Problem, Step

#: BEADS index of the 0-1 bead (a Japanese sentence alone).
_INSERT = 7
#: The bead types that consume English sentences, in BEADS order (the row-to-row steps).
_WITH_EN = tuple(t for t, (a, _) in enumerate(BEADS) if a > 0)
_WITH_EN_CODES = np.array(_WITH_EN, dtype=np.uint8)
#: Back-pointer of a cell no path reaches.
_UNREACHED = 255
#: D of a row keeps this many inf cells in front: a predecessor cell is up to 3 columns left.
_PAD_L = 3
#: Rows per block of bead costs, and per sparse product inside a block.
_BLOCK_ROWS = 512
_PRODUCT_ROWS = 256
#: Scratch arrays per block (see _lexical_cost): the bead's matched weights, the member term.
_SCRATCH = 3


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


def run_dp(problem: Problem, band: Band) -> tuple[list[Step], bool]:
    """Best path as steps from the start, and whether it touched the band edge."""
    sums = _Sums.of(problem)
    table = _Table.empty(band)
    for r0, r1 in runs(band.width, 0, problem.n + 1, _BLOCK_ROWS):
        block = _Block.load(problem, band, sums, r0, r1)
        _relax(block, _block_costs(block), table)
    return _backtrace(table, band, problem.n, problem.m)


@dataclass(frozen=True, eq=False)
class _Sums:
    """Prefix sums over sentences, so that a bead's total is the difference of two entries."""

    en_len: np.ndarray
    ja_len: np.ndarray
    en_weight: np.ndarray
    ja_weight: np.ndarray
    en_meta: np.ndarray
    ja_meta: np.ndarray
    en_count: np.ndarray  # sentences (lines may hold several)
    ja_count: np.ndarray

    @classmethod
    def of(cls, problem: Problem) -> _Sums:
        f = problem.features
        return cls(
            en_count=np.concatenate([[0], np.cumsum(f.en_sentences[: problem.n])]),
            ja_count=np.concatenate([[0], np.cumsum(f.ja_sentences[: problem.m])]),
            en_len=np.concatenate([[0.0], np.cumsum(problem.en_len)]),
            ja_len=np.concatenate([[0.0], np.cumsum(problem.ja_len)]),
            en_weight=np.concatenate([[0.0], np.cumsum(f.wen[: problem.n])]),
            ja_weight=np.concatenate([[0.0], np.cumsum(f.wja[: problem.m])]),
            en_meta=np.concatenate([[0], np.cumsum(problem.en_meta)]),
            ja_meta=np.concatenate([[0], np.cumsum(problem.ja_meta)]),
        )


@dataclass(frozen=True, eq=False)
class _Table:
    """Back-pointers of every cell, and D of the last rows (a bead reaches at most 3 rows up)."""

    offset: np.ndarray  # first cell of each row in ptr (rows differ in width where the centre jumps)
    ptr: np.ndarray  # bead type of the best step into each cell
    recent: dict[int, np.ndarray]  # D of a recent row, with _PAD_L cells of inf in front

    @classmethod
    def empty(cls, band: Band) -> _Table:
        offset = np.concatenate([[0], np.cumsum(band.width)])
        return cls(offset, np.full(int(offset[-1]), _UNREACHED, dtype=np.uint8), {})


@dataclass(frozen=True, eq=False)
class _Block:
    """Rows of one band width, the pair weights their beads read, and scratch arrays.

    The pair weights of the block's rows and the 3 above (the largest bead side) are held, each row
    on its own band ± PAD, flattened: only a block's worth is ever held, never an (n, band) array.

    Each member pair's weights are gathered once per block (6 gathers, not 15), and the lexical
    cost's accumulators are allocated once per block and zeroed per bead type. Allocated per call,
    these arrays were all freed together on return; glibc then gave the top of the heap back to
    the OS and faulted it in again on the next call (600k page faults and +20% time on 20k
    sentences).
    """

    problem: Problem
    band: Band
    sums: _Sums
    rows: np.ndarray  # en row i of the block's rows
    jj: np.ndarray  # ja cell j of each (row, k)
    first: int  # first row whose pair weights are held
    flat_en: np.ndarray  # matched en weight of the held pairs
    flat_ja: np.ndarray  # matched ja weight of the held pairs
    offset: np.ndarray  # start of each held row in flat_en / flat_ja
    scratch: tuple[np.ndarray, ...]  # _SCRATCH arrays of the block's (rows, width) shape
    pairs: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]  # pair_weights(r, s), once computed
    #: Member terms and their running sums (en_term, ja_term), once computed per block.
    terms: dict[tuple[str, int, int], np.ndarray]
    #: What the beads of one side's size share (en_side, ja_side, repeat_cost).
    sides: dict[tuple[str, int], tuple[np.ndarray, ...]]

    @classmethod
    def load(cls, problem: Problem, band: Band, sums: _Sums, r0: int, r1: int) -> _Block:
        kept: tuple[dict[Any, Any], ...] = ({}, {}, {})
        if problem.blocks is not None:
            held = slice(max(0, r0 - 3), r1 + 1)
            key = (problem.n, problem.m, r0, band.lo[held].tobytes() + band.width[held].tobytes())
            kept = problem.blocks.setdefault(key, kept)
        rows = np.arange(r0, r1, dtype=np.int64)
        k_idx = np.arange(int(band.width[r0]), dtype=np.int64)
        lo = max(0, r0 - 3)
        hi = min(problem.n, r1)
        parts_en: list[np.ndarray] = []
        parts_ja: list[np.ndarray] = []
        for q0, q1 in runs(band.width, lo, hi, _PRODUCT_ROWS):
            fw = int(band.width[q0]) + 2 * PAD
            e_q, j_q = pair_rows(problem.features, band.lo[q0:q1] - PAD, fw, q0, problem.m)
            parts_en.append(e_q.ravel())
            parts_ja.append(j_q.ravel())
        return cls(
            problem=problem,
            band=band,
            sums=sums,
            rows=rows,
            jj=band.lo[rows][:, None] + k_idx[None, :],
            first=lo,
            flat_en=np.concatenate(parts_en) if parts_en else np.zeros(1, dtype=np.float32),
            flat_ja=np.concatenate(parts_ja) if parts_ja else np.zeros(1, dtype=np.float32),
            offset=np.concatenate([[0], np.cumsum(band.width[lo:hi] + 2 * PAD)]),
            scratch=tuple(np.zeros((len(rows), len(k_idx))) for _ in range(_SCRATCH)),
            pairs=kept[0],
            terms=kept[1],
            sides=kept[2],
        )

    def zeros(self, k: int) -> np.ndarray:
        """Scratch array k (see _lexical_cost for which is which), zero-filled."""
        out = self.scratch[k]
        out.fill(0.0)
        return out

    def en_side(self, a: int) -> tuple[np.ndarray, ...]:
        """For beads with a English sentences ending at each row: first row, metadata lines,
        characters and sentences (per row, as columns)."""
        key = ("en", a)
        if key not in self.sides:
            sums, rows = self.sums, self.rows
            i0 = np.maximum(rows - a, 0)
            self.sides[key] = (
                i0,
                (sums.en_meta[rows] - sums.en_meta[i0])[:, None],
                (sums.en_len[rows] - sums.en_len[i0])[:, None],
                (sums.en_count[rows] - sums.en_count[i0])[:, None],
            )
        return self.sides[key]

    def ja_side(self, b: int) -> tuple[np.ndarray, ...]:
        """For beads with b Japanese sentences ending at each cell: first cell, metadata lines,
        characters and sentences."""
        key = ("ja", b)
        if key not in self.sides:
            sums, m = self.sums, self.problem.m
            jc = np.clip(self.jj, 0, m)
            j0 = np.clip(self.jj - b, 0, m)
            self.sides[key] = (
                j0,
                sums.ja_meta[jc] - sums.ja_meta[j0],
                sums.ja_len[jc] - sums.ja_len[j0],
                sums.ja_count[jc] - sums.ja_count[j0],
            )
        return self.sides[key]

    def repeat_cost(self, s: int) -> np.ndarray:
        """repeat_weight x how far Japanese sentence s back repeats the one before it (above half)."""
        key = ("repeat", s)
        if key not in self.sides:
            problem = self.problem
            rep = problem.features.ja_repeat[np.clip(self.jj - 1 - s, 0, max(problem.m - 1, 0))]
            self.sides[key] = (problem.params.repeat_weight * np.maximum(rep - 0.5, 0.0) / 0.5,)
        return self.sides[key][0]

    def en_term(self, r: int, b: int) -> np.ndarray:
        """1 - similarity of English member r (r-th sentence back) with b Japanese sentences."""
        if ("en", r, b) not in self.terms:
            problem = self.problem
            covered = self._sum("en", r, b)
            wr = problem.features.wen[np.maximum(self.rows - 1 - r, 0)][:, None]
            self.terms["en", r, b] = 1.0 - problem.similarity(np.minimum(covered, wr), wr)
        return self.terms["en", r, b]

    def ja_term(self, s: int, a: int) -> np.ndarray:
        """1 - similarity of Japanese member s (s-th sentence back) with a English sentences."""
        if ("ja", s, a) not in self.terms:
            problem = self.problem
            covered = self._sum("ja", s, a)
            ws = problem.features.wja[np.clip(self.jj - 1 - s, 0, max(problem.m - 1, 0))]
            self.terms["ja", s, a] = 1.0 - problem.similarity(np.minimum(covered, ws), ws)
        return self.terms["ja", s, a]

    def _sum(self, side: str, x: int, n: int) -> np.ndarray:
        """A member's matched weight over the first n sentences of the other side, summed in
        order (0 + w0 + w1 ...: the floats a running sum gives)."""
        key = ("sum-" + side, x, n)
        if key not in self.terms:
            before = self._sum(side, x, n - 1) if n > 1 else np.zeros_like(self.scratch[0])
            e, jv = self.pair_weights(x, n - 1) if side == "en" else self.pair_weights(n - 1, x)
            self.terms[key] = before + (e if side == "en" else jv)
        return self.terms[key]

    def pair_weights(self, r: int, s: int) -> tuple[np.ndarray, np.ndarray]:
        """Matched en and ja weight of the pair (i-1-r, j-1-s) for each cell (i, j); 0 off the band."""
        if (r, s) in self.pairs:
            return self.pairs[r, s]
        band = self.band
        src = np.maximum(self.rows - 1 - r, 0)
        fw_src = (band.width[src] + 2 * PAD)[:, None]
        # The pair sits at kk = (j-1-s) - band.lo[i-1-r] + PAD in its row.
        kk = self.jj - 1 - s - band.lo[src][:, None] + PAD
        good = (kk >= 0) & (kk < fw_src)
        last = max(len(self.flat_en) - 1, 0)
        at = np.clip(self.offset[np.maximum(src - self.first, 0)][:, None] + kk, 0, last)
        out = np.where(good, self.flat_en[at], 0.0), np.where(good, self.flat_ja[at], 0.0)
        self.pairs[r, s] = out
        return out


@dataclass(frozen=True, eq=False)
class _Ending:
    """Beads of one type ending at each cell (i, j) of a block: en i0..i and ja j0..jc."""

    t: int
    a: int
    b: int
    i0: np.ndarray  # per row
    jc: np.ndarray  # per cell
    j0: np.ndarray  # per cell


def _block_costs(block: _Block) -> list[np.ndarray]:
    """Cost of each bead type (in BEADS order) ending at each cell of the block; inf where it cannot."""
    m, p = block.problem.m, block.problem.params
    rows, jj = block.rows, block.jj
    inside = (jj >= 0) & (jj <= m)
    jc = np.clip(jj, 0, m)
    costs: list[np.ndarray] = []
    for t, (a, b) in enumerate(BEADS):
        ok = inside & (rows[:, None] >= a) & (jj >= b)
        i0, en_meta = block.en_side(a)[:2]
        j0, ja_meta = block.ja_side(b)[:2]
        end = _Ending(t, a, b, i0, jc, j0)
        n_meta = en_meta + ja_meta
        if (a, b) in ((1, 0), (0, 1)):
            # Metadata lines (出典:...) are free as 1-0 / 0-1 beads.
            c = np.where(n_meta > 0, 0.0, p.prior[t] + p.lex_weight * 0.5 * p.indel_lex)
        else:
            # ... and cannot be inside any other bead.
            c = np.where(n_meta > 0, np.inf, _bead_cost(block, end))
        costs.append(np.where(ok, c, np.inf))
    return costs


def _bead_cost(block: _Block, end: _Ending) -> np.ndarray:
    """Prior, length and lexical cost of an n:m bead, plus the cost of Japanese repeats inside it."""
    problem = block.problem
    p = problem.params
    _, _, le, ce = block.en_side(end.a)
    _, _, lj, cj = block.ja_side(end.b)
    c = p.prior[end.t] + p.length_weight * problem.model.cost(np.broadcast_to(le, lj.shape), lj)
    if p.count_weight:
        c = c + p.count_weight * (np.abs(ce - cj) - abs(end.a - end.b))
    c = c + p.lex_weight * _lexical_cost(block, end)
    for s in range(end.b - 1):
        # Two Japanese sentences of one bead that repeat each other: a duplicate, not a split.
        c = c + block.repeat_cost(s)
    return c


def _lexical_cost(block: _Block, end: _Ending) -> np.ndarray:
    """(1 - similarity) of the bead as a whole, blended with that of each member sentence."""
    p = block.problem.params
    # Every member sentence must be covered on its own: an MT addition glued into a 1-2 bead
    # leaves one Japanese sentence unmatched even when the pair sum looks fine. A member's term
    # depends only on its place and the other side's size, so the bead types share them.
    member = block.zeros(2)
    for r in range(end.a):
        member += block.en_term(r, end.b)
    for s in range(end.b):
        member += block.ja_term(s, end.a)
    if p.lex_member == 1.0:
        return p.lex_member * 0.5 * member  # the bead-level term has no weight: not computed
    return (1.0 - p.lex_member) * _dice(block, end) + p.lex_member * 0.5 * member


def _dice(block: _Block, end: _Ending) -> np.ndarray:
    """(1 - similarity) of the bead as a whole, times half its sentence count."""
    problem, sums, rows = block.problem, block.sums, block.rows
    o_en, o_ja = block.zeros(0), block.zeros(1)
    for r in range(end.a):
        for s in range(end.b):
            e, jv = block.pair_weights(r, s)
            o_en += e
            o_ja += jv
    we = (sums.en_weight[rows] - sums.en_weight[end.i0])[:, None]
    wj = sums.ja_weight[end.jc] - sums.ja_weight[end.j0]
    sim = problem.similarity(np.minimum(o_en, we) + np.minimum(o_ja, wj), we + wj)
    return (1.0 - sim) * (end.a + end.b) / 2.0


def _relax(block: _Block, costs: list[np.ndarray], table: _Table) -> None:
    """D and the back-pointers of the block's rows, top to bottom."""
    band = block.band
    r0 = int(block.rows[0])
    width = block.jj.shape[1]
    # 0-1 beads chain along a row: D[k] = min(x[k], D[k-1] + c01[k]) = S[k] + prefix-min(x - S).
    c01 = np.where(np.isfinite(costs[_INSERT]), costs[_INSERT], 0.0)
    c01[:, 0] = 0.0
    s_block = np.cumsum(c01, axis=1)
    for i in block.rows.tolist():
        x, best_t = _from_rows_above(i, costs, i - r0, band, table)
        srow = s_block[i - r0]
        y = x - srow
        cm = np.minimum.accumulate(y)
        best_t[(cm < y) & np.isfinite(cm)] = _INSERT
        table.ptr[table.offset[i] : table.offset[i] + width] = best_t
        d = np.full(width + _PAD_L, np.inf)
        d[_PAD_L:] = cm + srow
        table.recent[i] = d
        table.recent.pop(i - 4, None)


def _from_rows_above(
    i: int, costs: list[np.ndarray], ri: int, band: Band, table: _Table
) -> tuple[np.ndarray, np.ndarray]:
    """Best cost into each cell of row i by a bead with English in it, and that bead's type."""
    width = int(band.width[i])
    if i == 0:
        x = np.full(width, np.inf)
        best_t = np.full(width, _UNREACHED, dtype=np.uint8)
        x[-int(band.lo[0])] = 0.0
        return x, best_t
    cand = np.full((len(_WITH_EN), width), np.inf)
    for q, t in enumerate(_WITH_EN):
        a, b = BEADS[t]
        if i - a < 0:
            continue
        # Predecessor (i-a, j-b) sits at k' = k + shift in its row (band starts never decrease,
        # so the shift is >= -3, covered by the inf in front).
        start = _PAD_L + int(band.lo[i] - band.lo[i - a]) - b
        prev = table.recent[i - a][start : start + width]
        if len(prev) < width:
            prev = np.concatenate([prev, np.full(width - len(prev), np.inf)])
        np.add(prev, costs[t][ri], out=cand[q])
    # The first bead type with the lowest cost wins, as a strict "<" over the types in order
    # would decide; a cell no type reaches keeps no pointer.
    pick = cand.argmin(axis=0)
    x = cand[pick, np.arange(width)]
    best_t = _WITH_EN_CODES[pick]
    best_t[x == np.inf] = _UNREACHED
    return x, best_t


def _backtrace(table: _Table, band: Band, n: int, m: int) -> tuple[list[Step], bool]:
    """The path from (0, 0) to (n, m), and whether it came within 2 cells of the band edge."""
    path: list[Step] = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        k = j - int(band.lo[i])
        width = int(band.width[i])
        if not 0 <= k < width:
            raise RuntimeError("alignment path left the band")  # pragma: no cover - guarded by widening
        if (k <= 1 or k >= width - 2) and 0 < i < n:
            touched = True
        t = int(table.ptr[table.offset[i] + k])
        if t == _UNREACHED:
            raise RuntimeError("no alignment path inside the band")  # pragma: no cover
        a, b = BEADS[t]
        path.append((t, i, j))
        i, j = i - a, j - b
    path.reverse()
    return path, touched
