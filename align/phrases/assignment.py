"""The best one-to-one choice in a small matrix of evidence (names x Japanese words of one bead).

The phrase layer ties names to words one to one by the best total score. Its matrices are
small (a bead's names by its words), and importing scipy.optimize for them would cost a check
more than all of them take to solve, so this is the shortest augmenting path method (Crouse,
"On implementing 2D rectangular assignment algorithms", IEEE TAES 52(4), 2016) in plain
Python. It follows the same conventions as scipy's ``linear_sum_assignment``, which the
phrase layer used before, so that among tied optima it makes the same choice: a wide matrix
is solved row by row, a tall one transposed; the columns still to visit start from the last;
of two columns at the lowest cost the unassigned one wins.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["max_assignment"]

_INF = float("inf")


def max_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs of a one-to-one choice with the largest total weight, by row.

    Every row is matched when there are no more rows than columns, else every column; as
    ``scipy.optimize.linear_sum_assignment(weights, maximize=True)`` gives them.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    if n_cols < n_rows:
        cost = [[-weights[i][j] for i in range(n_rows)] for j in range(n_cols)]
        col_of_row = _solve(cost)
        return sorted((i, j) for j, i in enumerate(col_of_row))
    return list(enumerate(_solve([[-w for w in row] for row in weights])))


def _solve(cost: list[list[float]]) -> list[int]:
    """The column of each row at the least total cost (no more rows than columns)."""
    n_rows, n_cols = len(cost), len(cost[0])
    u = [0.0] * n_rows
    v = [0.0] * n_cols
    path = [-1] * n_cols
    col4row = [-1] * n_rows
    row4col = [-1] * n_cols
    for current in range(n_rows):
        sink, min_val, costs, seen_rows, seen_cols = _augmenting_path(cost, u, v, path, row4col, current)
        # The dual variables, then the matching along the path.
        u[current] += min_val
        for i in seen_rows:
            if i != current:
                u[i] += min_val - costs[col4row[i]]
        for j in seen_cols:
            v[j] -= min_val - costs[j]
        j = sink
        while True:
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == current:
                break
    return col4row


def _augmenting_path(
    cost: list[list[float]],
    u: list[float],
    v: list[float],
    path: list[int],
    row4col: list[int],
    i: int,
) -> tuple[int, float, list[float], list[int], list[int]]:
    """The shortest path from row *i* to a free column: (that column, its reduced cost, the
    shortest cost of every column, the rows and the columns it visited)."""
    n_cols = len(v)
    costs = [_INF] * n_cols
    remaining = list(range(n_cols - 1, -1, -1))
    seen_rows: list[int] = []
    seen_cols: list[int] = []
    min_val = 0.0
    sink = -1
    while sink == -1:
        seen_rows.append(i)
        row, ui = cost[i], u[i]
        index, lowest = -1, _INF
        for it, j in enumerate(remaining):
            r = min_val + row[j] - ui - v[j]
            if r < costs[j]:
                path[j] = i
                costs[j] = r
            c = costs[j]
            if c < lowest or (c == lowest and row4col[j] == -1):
                lowest, index = c, it
        min_val = lowest
        j = remaining[index]
        if row4col[j] == -1:
            sink = j
        else:
            i = row4col[j]
        seen_cols.append(j)
        remaining[index] = remaining[-1]
        remaining.pop()
    return sink, min_val, costs, seen_rows, seen_cols
