"""The search again around sentences held out after a first search (misplaced verbatim copies).

A held-out sentence changes the cost of the beads that hold it, nothing else: away from it the
path of a search with it held out is the path before. So only a window of the path around each
held-out sentence is searched again, from a point of the path before to a point after, in the
band of the full search (the same cells and pair weights), and spliced in. A window's new path
must leave the old one and join it again well inside the window (_AGREE steps from either end);
else the window widens, and past _MAX_MARGIN the caller searches the whole band as before.

On 200k sentences a side with 343 held-out copies, the changes lay within 5 sentences of a copy,
and the windows cost a fifth of a search along the whole path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from .band import Band
from .dp import run_dp
from .problem import Problem, Step
from .sparse import sparse

#: Japanese sentences on either side of a held-out one that its window first holds.
_MARGIN = 16
#: The widest margin tried before the whole band is searched.
_MAX_MARGIN = 256
#: Steps of the old path that a window's new path must keep at either end (not at the document's
#: own ends, which every path shares).
_AGREE = 4


def research_around(
    problem: Problem, path: Sequence[Step], band: Band, held: Sequence[int]
) -> list[Step] | None:
    """``path`` (steps of the search before, which ``problem`` now holds the Japanese sentences
    ``held`` out of) with the windows around them searched again in ``band``; None when a window
    does not settle by _MAX_MARGIN or the path comes near the band's edge (run_dp's test)."""
    if _touches(path, band, problem.n):
        return None  # a window's ends must be cells of the band
    points_j = np.array([0] + [j for _, _, j in path], dtype=np.int64)
    windows = _windows(points_j, held)
    out: list[Step] = []
    done = 0  # steps of ``path`` taken into ``out``
    while windows:
        first, last = windows.pop(0)
        found = _settled(problem, path, band, points_j, (max(first, done), last), done)
        if found is None:
            return None
        first, last, steps = found
        # A window that widened takes in the windows it now reaches.
        while windows and windows[0][0] < last:
            last = max(last, windows.pop(0)[1])
            found = _settled(problem, path, band, points_j, (first, last), done)
            if found is None:
                return None
            first, last, steps = found
        out.extend(path[done:first])
        out.extend(steps)
        done = last
    out.extend(path[done:])
    return None if _touches(out, band, problem.n) else out


def _windows(points_j: np.ndarray, held: Sequence[int]) -> list[tuple[int, int]]:
    """Windows (first step, end step of the path) from _MARGIN Japanese sentences before each
    held-out one to as many after it, merged where they overlap."""
    out: list[tuple[int, int]] = []
    for c in sorted(held):
        first, last = _span(points_j, c - _MARGIN, c + 1 + _MARGIN)
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _span(points_j: np.ndarray, lo: int, hi: int) -> tuple[int, int]:
    """The steps from the last point of the path at or before Japanese position ``lo`` to the
    first point at or after ``hi`` (point p is where step p - 1 ends; point 0 is the start)."""
    first = max(0, int(np.searchsorted(points_j, lo, side="right")) - 1)
    last = min(len(points_j) - 1, int(np.searchsorted(points_j, hi, side="left")))
    return first, max(last, first + 1)


def _settled(
    problem: Problem,
    path: Sequence[Step],
    band: Band,
    points_j: np.ndarray,
    window: tuple[int, int],
    floor: int,
) -> tuple[int, int, list[Step]] | None:
    """The new steps of a window (steps first..last of ``path``) as (first, last, steps),
    widened on the side where the new path does not keep the old one's _AGREE steps at the
    window's end; None past _MAX_MARGIN, or when the window would have to reach back before
    step ``floor`` (the end of the window spliced in before)."""
    first, last = window
    end = len(path)
    margin = _MARGIN
    while True:
        steps = _window_path(problem, path, band, first, last)
        old = list(path[first:last])
        head = first == 0 or steps[:_AGREE] == old[:_AGREE]
        tail = last == end or steps[-_AGREE:] == old[-_AGREE:]
        if head and tail:
            return first, last, steps
        margin *= 2
        if margin > _MAX_MARGIN or (not head and first <= floor):
            return None
        if not head:
            first = max(floor, _span(points_j, int(points_j[first]) - margin, 0)[0])
        if not tail:
            last = _span(points_j, 0, int(points_j[last]) + margin)[1]


def _window_path(problem: Problem, path: Sequence[Step], band: Band, first: int, last: int) -> list[Step]:
    """The best path from the point before step ``first`` to the end of step ``last - 1`` of
    ``path``, in ``band``, as steps in the document's numbering."""
    i0, j0 = (0, 0) if first == 0 else path[first - 1][1:]
    i1, j1 = path[last - 1][1:]
    sub = _window_problem(problem, i0, i1, j0, j1)
    rows = slice(i0, i1 + 1)
    sub_band = Band(band.centre[rows] - j0, band.half_width, band.lo[rows] - j0, band.width[rows])
    steps, _ = run_dp(sub, sub_band)
    return [(t, i + i0, j + j0) for t, i, j in steps]


def _window_problem(problem: Problem, i0: int, i1: int, j0: int, j1: int) -> Problem:
    """The problem of English sentences i0..i1 and Japanese sentences j0..j1 alone (every pair
    weight the same as the whole problem's: see features.pair_block)."""
    f = problem.features
    t0, t1 = int(f.tok_start[j0]), int(f.tok_start[j1])
    dense = None if f.dense is None else (f.dense[0][i0:i1, j0:j1], f.dense[1][i0:i1, j0:j1])
    window = replace(
        f,
        en_w=_rows(f.en_w, i0, i1),
        en_bin=_rows(f.en_bin, i0, i1),
        ja_bin=_rows(f.ja_bin, j0, j1),
        tok=_rows(f.tok, t0, t1),
        tok_w=_rows(f.tok_w, j0, j1, t0, t1 - t0),
        tok_start=f.tok_start[j0 : j1 + 1] - t0,
        wen=f.wen[i0:i1],
        wja=f.wja[j0:j1],
        ja_repeat=f.ja_repeat[j0:j1],
        en_sentences=f.en_sentences[i0:i1],
        ja_sentences=f.ja_sentences[j0:j1],
        dense=dense,
    )
    return replace(
        problem,
        features=window,
        en_len=problem.en_len[i0:i1],
        ja_len=problem.ja_len[j0:j1],
        en_meta=problem.en_meta[i0:i1],
        ja_meta=problem.ja_meta[j0:j1],
        blocks=None,
    )


def _rows(mat: Any, a: int, b: int, shift: int = 0, cols: int = -1) -> Any:
    """Rows a..b of a csr matrix on its own arrays, column indices less ``shift``, ``cols``
    columns (default: all): the same entries in the same stored order."""
    ptr = mat.indptr[a : b + 1]
    s, e = int(ptr[0]), int(ptr[-1])
    indices = mat.indices[s:e] - shift if shift else mat.indices[s:e]
    shape = (b - a, mat.shape[1] if cols < 0 else cols)
    return sparse().csr_matrix((mat.data[s:e], indices, ptr - s), shape=shape, copy=False)


def _touches(path: Sequence[Step], band: Band, n: int) -> bool:
    """Whether the path comes within 2 cells of the band's edge (as run_dp's backtrace tests)."""
    steps = np.array(path, dtype=np.int64).reshape(-1, 3)
    i, j = steps[:, 1], steps[:, 2]
    k = j - band.lo[i]
    width = band.width[i]
    inner = (i > 0) & (i < n)
    return bool(np.any((k < 0) | (k >= width)) or np.any(inner & ((k <= 1) | (k >= width - 2))))
