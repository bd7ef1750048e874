"""Bead costs for a block of DP rows: every bead type ending at every cell of the block.

A block holds rows r0..r1 of one band width W; cell (i, k) is the end (i en, j = lo[i] + k ja
sentences consumed) of a bead. What a bead reads on the Japanese side lies up to 3 sentences
to the left of its end, so each row is also held *extended*: column c of an extended row is
ja position lo[i] - 3 + c. A bead's ja sentences, prefix sums and member terms are then slices
of extended rows, not gathers per bead type, and a Japanese member's term is computed once for
every bead that holds it (it only moves by a column).

Every cost is the same float expression, in the same order, as one bead at a time would give:
the path and the scores do not depend on how the work is shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .band import PAD, Band, runs
from .features import pair_rows
from .params import BEADS
from .problem import Problem

#: Columns an extended row holds in front of the band: a bead reaches 3 ja sentences back.
EXT = 3
#: Rows per sparse product when the pair weights are loaded, and rows loaded at once.
_PRODUCT_ROWS = 256
_CHUNK_ROWS = 512
#: A length-cost table (one entry per pair of en and ja lengths) is built when it has at most
#: this many entries and fewer than the bead costs it replaces.
_TABLE_ENTRIES = 1 << 20


@dataclass(frozen=True, eq=False)
class Sums:
    """Prefix sums over sentences, so that a bead's total is the difference of two entries."""

    en_len: np.ndarray  # characters (int64: lengths are whole numbers, so the sums are exact)
    ja_len: np.ndarray
    en_weight: np.ndarray
    ja_weight: np.ndarray
    en_meta: np.ndarray
    ja_meta: np.ndarray
    en_count: np.ndarray  # sentences (lines may hold several)
    ja_count: np.ndarray
    #: Lines that are neither metadata nor one sentence: where the count term can be nonzero.
    en_odd: np.ndarray
    ja_odd: np.ndarray

    @classmethod
    def of(cls, problem: Problem) -> Sums:
        f = problem.features
        n, m = problem.n, problem.m

        def cum(x: np.ndarray, dtype: Any) -> np.ndarray:
            return np.concatenate([np.zeros(1, dtype=dtype), np.cumsum(x, dtype=dtype)])

        en_count, ja_count = f.en_sentences[:n], f.ja_sentences[:m]
        return cls(
            en_len=cum(problem.en_len, np.int64),
            ja_len=cum(problem.ja_len, np.int64),
            en_weight=cum(f.wen[:n], np.float64),
            ja_weight=cum(f.wja[:m], np.float64),
            en_meta=cum(problem.en_meta, np.int64),
            ja_meta=cum(problem.ja_meta, np.int64),
            en_count=cum(en_count, np.int64),
            ja_count=cum(ja_count, np.int64),
            en_odd=cum((en_count != 1) & (problem.en_meta == 0), np.int64),
            ja_odd=cum((ja_count != 1) & (problem.ja_meta == 0), np.int64),
        )


class LengthCosts:
    """prior + length_weight x Gale–Church cost of each n:m bead type, for (en, ja) lengths.

    For a document whose beads are short, every value is tabulated once per length model (one
    table lookup per cell instead of a dozen array operations); the table holds the very values
    the formula gives, so the costs are the same either way.
    """

    def __init__(self, problem: Problem, sums: Sums, cells: int) -> None:
        p = problem.params
        self.problem = problem
        self.tables: dict[int, np.ndarray] = {}
        le_max = _window_max(sums.en_len, 3)
        lj_max = _window_max(sums.ja_len, 3)
        self.stride = lj_max + 1
        entries = (le_max + 1) * self.stride
        if entries > _TABLE_ENTRIES or entries * 4 > cells:
            return
        le = np.arange(le_max + 1, dtype=np.float64)[:, None]
        lj = np.arange(lj_max + 1, dtype=np.float64)[None, :]
        weighted = p.length_weight * problem.model.cost(np.broadcast_to(le, (le_max + 1, lj_max + 1)), lj)
        for t, (a, b) in enumerate(BEADS):
            if a and b:
                self.tables[t] = (p.prior[t] + weighted).ravel()

    def cost(self, t: int, le: np.ndarray, lj: np.ndarray) -> np.ndarray:
        """The cost of beads of type t with en lengths ``le`` (per row) and ja lengths ``lj``."""
        table = self.tables.get(t)
        if table is not None:
            return table.take(le[:, None] * self.stride + lj)
        p, model = self.problem.params, self.problem.model
        lef = le.astype(np.float64)[:, None]
        ljf = lj.astype(np.float64)
        return p.prior[t] + p.length_weight * model.cost(np.broadcast_to(lef, ljf.shape), ljf)


def _window_max(cum: np.ndarray, k: int) -> int:
    """The largest sum of up to k consecutive entries, from their prefix sums."""
    if len(cum) <= 1:
        return 0
    return int(max(int(np.max(cum[w:] - cum[:-w])) for w in range(1, min(k, len(cum) - 1) + 1)))


@dataclass(eq=False)
class Parts:
    """What the costs of a block read that the length model does not change (kept across passes).

    Per bead type (BEADS index): the count term (None where it is 0 everywhere), the lexical
    term (lex_weight x lexical cost), the repeat terms, the metadata mask (None: no metadata)
    and the en and ja lengths.
    """

    count: dict[int, np.ndarray | None] = field(default_factory=dict)
    lex: dict[int, np.ndarray] = field(default_factory=dict)
    repeat: dict[int, list[np.ndarray]] = field(default_factory=dict)
    meta: dict[int, np.ndarray | None] = field(default_factory=dict)
    le: dict[int, np.ndarray] = field(default_factory=dict)
    lj: dict[int, np.ndarray] = field(default_factory=dict)
    #: Rows at the edges of the matrix (some of their cells are no bead end), and per bead type
    #: the mask of their cells that are.
    edge: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    edge_ok: dict[int, np.ndarray] = field(default_factory=dict)


def block_costs(
    problem: Problem, band: Band, sums: Sums, length: LengthCosts, pairs: PairRows, r0: int, r1: int
) -> np.ndarray:
    """Cost of each bead type (BEADS order) ending at each cell of rows r0..r1: (rows, 8, W)."""
    parts = _parts(problem, band, sums, pairs, r0, r1)
    p = problem.params
    width = int(band.width[r0])
    out = np.empty((r1 - r0, len(BEADS), width))
    for t, (a, b) in enumerate(BEADS):
        c = out[:, t, :]
        if a and b:
            np.copyto(c, length.cost(t, parts.le[a], parts.lj[b]))
            count = parts.count[t]
            if count is not None:
                np.add(c, count, out=c)
            np.add(c, parts.lex[t], out=c)
            for rep in parts.repeat[t]:
                np.add(c, rep, out=c)
            fill = np.inf
        else:
            c.fill(p.prior[t] + p.lex_weight * 0.5 * p.indel_lex)
            fill = 0.0  # metadata lines are free as 1-0 / 0-1 beads
        meta = parts.meta[t]
        if meta is not None:
            np.copyto(c, fill, where=meta)
        if len(parts.edge):
            rows = c[parts.edge]
            rows[~parts.edge_ok[t]] = np.inf
            c[parts.edge] = rows
    return out


def _parts(problem: Problem, band: Band, sums: Sums, pairs: PairRows, r0: int, r1: int) -> Parts:
    """The model-independent parts of a block's costs, from the pass before when it saw them."""
    if problem.blocks is None:
        return _Block(problem, band, sums, pairs, r0, r1).parts()
    held = slice(max(0, r0 - 3), r1 + 1)
    key = (problem.n, problem.m, r0, band.lo[held].tobytes() + band.width[held].tobytes())
    kept = problem.blocks.get(key)
    if kept is None:
        kept = problem.blocks[key] = _Block(problem, band, sums, pairs, r0, r1).parts()
    return kept


class _Block:
    """Rows r0..r1 of one band width: their geometry and the pair weights their beads read."""

    def __init__(self, problem: Problem, band: Band, sums: Sums, pairs: PairRows, r0: int, r1: int) -> None:
        self.problem, self.band, self.sums, self.pairs = problem, band, sums, pairs
        self.rows = np.arange(r0, r1, dtype=np.int64)
        self.lo = band.lo[r0:r1]
        self.width = w = int(band.width[r0])
        m = problem.m
        cols = self.lo[:, None] - EXT + np.arange(w + EXT, dtype=np.int64)[None, :]
        #: Extended rows' ja positions, clipped for prefix sums (0..m) and for sentences (0..m-1).
        self.at_cum = np.clip(cols, 0, m)
        self.at_one = np.clip(cols[:, : w + EXT - 1], 0, max(m - 1, 0))
        self.jj = cols[:, EXT:]
        # Columns the block reads at all: where its counts and metadata are looked at.
        self.c0 = int(np.clip(self.lo[0] - EXT, 0, m))
        self.c1 = int(np.clip(self.lo[-1] + w, 0, m))
        self.e0 = max(0, r0 - 3)

    # --- the sides -------------------------------------------------------------------------

    def en_side(self, cum: np.ndarray, a: int) -> np.ndarray:
        """Per row: the sum over the bead's a English sentences (ending at the row)."""
        return cum[self.rows] - cum[np.maximum(self.rows - a, 0)]

    def ja_side(self, ext: np.ndarray, b: int) -> np.ndarray:
        """Per cell: the sum over the bead's b Japanese sentences, from an extended prefix sum."""
        w = self.width
        return ext[:, EXT:] - ext[:, EXT - b : EXT - b + w]

    def any_in(self, cum_en: np.ndarray, cum_ja: np.ndarray) -> bool:
        """Whether a flag (prefix sums per side) is set on a line the block reads."""
        r1 = int(self.rows[-1])
        return bool(cum_en[r1] - cum_en[self.e0] or cum_ja[self.c1] - cum_ja[self.c0])

    # --- the parts ---------------------------------------------------------------------------

    def parts(self) -> Parts:
        sums = self.sums
        parts = Parts()
        ja_len = sums.ja_len.take(self.at_cum)
        for a in (1, 2, 3):
            parts.le[a] = self.en_side(sums.en_len, a)
        for b in (1, 2, 3):
            parts.lj[b] = self.ja_side(ja_len, b)
        self._counts(parts)
        self._meta(parts)
        self._edges(parts)
        repeat = self._repeat()
        lex = _Lexical(self)
        for t, (a, b) in enumerate(BEADS):
            if a and b:
                parts.lex[t] = lex.cost(a, b)
                parts.repeat[t] = (
                    [repeat[:, 2 - s : 2 - s + self.width] for s in range(b - 1)] if len(repeat) else []
                )
        return parts

    def _counts(self, parts: Parts) -> None:
        """The count term per n:m type: count_weight x (|en sentences - ja sentences| - |a - b|)."""
        p, sums = self.problem.params, self.sums
        odd = p.count_weight and self.any_in(sums.en_odd, sums.ja_odd)
        ja_count = sums.ja_count.take(self.at_cum) if odd else None
        for t, (a, b) in enumerate(BEADS):
            if not (a and b):
                continue
            if ja_count is None:
                # One sentence per line: the term is 0 on every bead (a cost of 0.0 added).
                parts.count[t] = None
                continue
            ce = self.en_side(sums.en_count, a)[:, None]
            cj = self.ja_side(ja_count, b)
            parts.count[t] = p.count_weight * (np.abs(ce - cj) - abs(a - b))

    def _meta(self, parts: Parts) -> None:
        """Per type: the cells whose bead holds a metadata line (None: the block reads none)."""
        sums = self.sums
        if not self.any_in(sums.en_meta, sums.ja_meta):
            parts.meta = dict.fromkeys(range(len(BEADS)))
            return
        ja_meta = sums.ja_meta.take(self.at_cum)
        for t, (a, b) in enumerate(BEADS):
            en = self.en_side(sums.en_meta, a)[:, None] if a else 0
            ja = self.ja_side(ja_meta, b) if b else 0
            parts.meta[t] = np.broadcast_to((en + ja) > 0, self.jj.shape)

    def _edges(self, parts: Parts) -> None:
        """The rows with cells that end no bead of some type: off the matrix or before its start."""
        m, w = self.problem.m, self.width
        sel = np.flatnonzero((self.rows < 3) | (self.lo < 3) | (self.lo + w - 1 > m))
        parts.edge = sel
        if not len(sel):
            return
        jj, rows = self.jj[sel], self.rows[sel][:, None]
        inside = (jj >= 0) & (jj <= m)
        for t, (a, b) in enumerate(BEADS):
            parts.edge_ok[t] = inside & (rows >= a) & (jj >= b)

    def _repeat(self) -> np.ndarray:
        """repeat_weight x how far each ja sentence repeats the one before (above half), extended;
        empty when no sentence the block reads does."""
        p, f = self.problem.params, self.problem.features
        if self.problem.m == 0 or not np.any(f.ja_repeat[self.c0 : max(self.c1, self.c0 + 1)] > 0.5):
            return np.zeros((0, 0))
        rep = f.ja_repeat[: self.problem.m].take(self.at_one)
        return p.repeat_weight * np.maximum(rep - 0.5, 0.0) / 0.5

    # --- pair weights ------------------------------------------------------------------------

    def pair_weights(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Matched en and ja weight of the pairs (i-1-r, lo[i] - 3 + c), r = 0, 1, 2, per row i
        of the block and extended column c; 0 off the band ± PAD of row i-1-r (the DP only scores
        the pairs inside it)."""
        held = self.pairs.hold(self.e0, min(self.problem.n, int(self.rows[-1]) + 1))
        band = self.band
        zero = len(held.flat_en) - 1
        ncol = self.width + EXT - 1
        c = np.arange(ncol, dtype=np.int64)[None, :]
        out_en, out_ja = [], []
        for r in range(3):
            src = np.maximum(self.rows - 1 - r, 0)
            at_row = src - held.first
            # Extended column c of row i is column kk of row src's held band ± PAD.
            shift = self.lo - EXT - band.lo[src] + PAD
            at = (held.offset[at_row] + shift)[:, None] + c
            over = shift + ncol > held.widths[at_row]
            if over.any():
                bad = np.flatnonzero(over)
                sub = at[bad]
                sub[shift[bad, None] + c >= held.widths[at_row[bad], None]] = zero
                at[bad] = sub
            out_en.append(held.flat_en.take(at))
            out_ja.append(held.flat_ja.take(at))
        return out_en, out_ja


class PairRows:
    """Matched en and ja weight of the pairs of each band row ± PAD, flat, for a chunk of rows.

    The sparse products run on _CHUNK_ROWS rows at a time (their overhead is per call), while
    the costs run on blocks small enough to stay in the CPU cache; a block reads the chunk that
    holds its rows.
    """

    def __init__(self, problem: Problem, band: Band) -> None:
        self.problem, self.band = problem, band
        self.first = self.last = 0
        #: The held rows' pairs, then one 0 that every pair off the held band points at.
        self.flat_en = self.flat_ja = np.zeros(1)
        self.offset = np.zeros(1, dtype=np.int64)  # start of each held row in the flat arrays
        self.widths = np.zeros(0, dtype=np.int64)  # band width + 2 PAD of each held row

    def hold(self, first: int, last: int) -> PairRows:
        """Hold (at least) the rows first..last."""
        if self.first <= first and last <= self.last:
            return self
        problem, band = self.problem, self.band
        last = max(last, min(problem.n, first + _CHUNK_ROWS))
        widths = band.width[first:last] + 2 * PAD
        widest = int(widths.max(initial=0))
        parts_en: list[np.ndarray] = []
        parts_ja: list[np.ndarray] = []
        if widest * len(widths) <= 2 * int(widths.sum()):
            # Rows of a few widths (a band along a path changes width every 64 rows): one product
            # for the chunk at its widest, each row cut to its own width, instead of a product
            # per run of rows, whose scipy overhead was most of the pair weights' time. An entry
            # does not depend on the window it is computed in (see pair_block).
            e_q, j_q = pair_rows(problem.features, band.lo[first:last] - PAD, widest, first, problem.m)
            keep = np.arange(widest)[None, :] < widths[:, None]
            parts_en.append(e_q[keep])
            parts_ja.append(j_q[keep])
        else:
            for q0, q1 in runs(band.width, first, last, _PRODUCT_ROWS):
                fw = int(band.width[q0]) + 2 * PAD
                e_q, j_q = pair_rows(problem.features, band.lo[q0:q1] - PAD, fw, q0, problem.m)
                parts_en.append(e_q.ravel())
                parts_ja.append(j_q.ravel())
        zero = [np.zeros(1, dtype=np.float32)]
        self.flat_en = np.concatenate(parts_en + zero).astype(np.float64)
        self.flat_ja = np.concatenate(parts_ja + zero).astype(np.float64)
        self.widths = widths
        self.offset = np.concatenate([[0], np.cumsum(self.widths)])
        self.first, self.last = first, last
        return self


class _Lexical:
    """The lexical cost of each n:m bead type over a block (lex_weight x (1 - similarity) terms).

    Every member sentence must be covered on its own: an MT addition glued into a 1-2 bead leaves
    one Japanese sentence unmatched even when the pair sum looks fine. A member's term depends
    only on its place and the other side's size, so the bead types share them.
    """

    def __init__(self, block: _Block) -> None:
        self.block = block
        self.p = block.problem.params
        self.pw_en, self.pw_ja = block.pair_weights()
        self.en_terms: dict[tuple[int, int], np.ndarray] = {}
        self.ja_terms: dict[int, np.ndarray] = {}
        #: The prior's pseudo-weight of matched keys (Problem.similarity).
        self.prior_mass = self.p.lex_smooth * self.p.lex_prior

    def _similarity_term(self, covered: np.ndarray, total: np.ndarray) -> np.ndarray:
        """1 - similarity, as Problem.similarity computes it, of a member covered this much."""
        p = self.p
        out = np.minimum(covered, total)
        out += self.prior_mass
        out /= total + p.lex_smooth
        np.subtract(1.0, out, out=out)
        return out

    def en_term(self, r: int, b: int) -> np.ndarray:
        """1 - similarity of English member r (r-th sentence back) with b Japanese sentences."""
        if (r, b) not in self.en_terms:
            blk, w = self.block, self.block.width
            pw = self.pw_en[r]
            # Summed in order: sentence j-1, then j-2, j-3 (0 + w0 + w1 ... as a running sum).
            covered = pw[:, 2 : 2 + w]
            for s in range(1, b):
                covered = covered + pw[:, 2 - s : 2 - s + w]
            wr = blk.problem.features.wen[np.maximum(blk.rows - 1 - r, 0)][:, None]
            self.en_terms[r, b] = self._similarity_term(covered, wr)
        return self.en_terms[r, b]

    def ja_term(self, s: int, a: int) -> np.ndarray:
        """1 - similarity of Japanese member s (s-th sentence back) with a English sentences."""
        if a not in self.ja_terms:
            blk = self.block
            covered = self.pw_ja[0]
            for r in range(1, a):
                covered = covered + self.pw_ja[r]
            ws = blk.problem.features.wja[: blk.problem.m].take(blk.at_one)
            self.ja_terms[a] = self._similarity_term(covered, ws)
        w = self.block.width
        return self.ja_terms[a][:, 2 - s : 2 - s + w]

    def cost(self, a: int, b: int) -> np.ndarray:
        """lex_weight x the lexical cost of an a:b bead ending at each cell."""
        p = self.p
        member = self.en_term(0, b).copy()
        for r in range(1, a):
            member += self.en_term(r, b)
        for s in range(b):
            member += self.ja_term(s, a)
        if p.lex_member == 1.0:
            # 0.5 x member is exact, so lex_weight x (0.5 x member) is (lex_weight x 0.5) x member.
            member *= p.lex_weight * 0.5
            return member
        lexical = (1.0 - p.lex_member) * self._dice(a, b) + p.lex_member * 0.5 * member
        return p.lex_weight * lexical

    def _dice(self, a: int, b: int) -> np.ndarray:
        """(1 - similarity) of the bead as a whole, times half its sentence count."""
        blk, w = self.block, self.block.width
        sums, problem = blk.sums, blk.problem
        o_en = np.zeros(blk.jj.shape)
        o_ja = np.zeros(blk.jj.shape)
        for r in range(a):
            for s in range(b):
                o_en += self.pw_en[r][:, 2 - s : 2 - s + w]
                o_ja += self.pw_ja[r][:, 2 - s : 2 - s + w]
        we = blk.en_side(sums.en_weight, a)[:, None]
        wj = blk.ja_side(sums.ja_weight.take(blk.at_cum), b)
        sim = problem.similarity(np.minimum(o_en, we) + np.minimum(o_ja, wj), we + wj)
        return (1.0 - sim) * (a + b) / 2.0
