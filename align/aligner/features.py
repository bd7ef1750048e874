"""Bead features: each sentence's bag of lexical keys, weighted by idf, as sparse matrices.

The keys are the lexicon's (align.lexicon.keys: gloss stems, number keys, names' sound keys),
computed once per document pair and read by the rules too. The pair weights (how much of a
sentence's weight the other side matches) are read from here by the band, the DP and the
confidences alike.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..charclass import KATAKANA
from ..lexicon.keys import PairKeys, key_weight, pair_keys
from ..lexicon.memo import IdentityMemo
from ..model import Document

#: Pseudo-weight of a sentence in the repeat share (see _ja_repeats).
_REPEAT_SMOOTH = 3.0

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")
_KATAKANA = re.compile(f"^[{KATAKANA}・]+$")
_KATAKANA_WORD = re.compile(f"^[{KATAKANA}]+$")
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞", "連体詞"})


@dataclass(frozen=True, eq=False)
class Features:
    """Sparse key matrices of one document pair (built once, read by the band, DP and confidences)."""

    en_w: Any  # csr (n x V): idf weight of each en key present
    en_bin: Any  # csr (n x V): 1 where present
    ja_bin: Any  # csr (m x V): union of the keys of a ja sentence's units
    tok: Any  # csr (units x V): the keys of each ja unit
    tok_w: Any  # csr (m x units): idf weight of each unit in its sentence
    tok_start: np.ndarray  # first unit of each ja sentence (m + 1)
    wen: np.ndarray  # total en weight per sentence
    wja: np.ndarray  # total ja weight per sentence
    #: Share of ja sentence j's weight repeated from sentence j-1, or of j-1's repeated in j (max).
    ja_repeat: np.ndarray
    #: The lexical keys these matrices were built from (also read by the rules).
    keys: PairKeys
    #: Sentences or quoted utterances in each segment (a line may hold several), per side.
    en_sentences: np.ndarray
    ja_sentences: np.ndarray
    #: Every pair's (matched en, matched ja) weight, for a document small enough to hold them all.
    dense: tuple[np.ndarray, np.ndarray] | None = None


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    return np.log1p(n / np.maximum(df, 1))


#: The features of the document pairs still alive: the aligner builds them, and the rules'
#: analyses (repeats) read the same ones.
_PAIRS: IdentityMemo[Features] = IdentityMemo()


def document_features(en: Document, ja: Document, stem: int, max_keys: int) -> Features:
    """The key matrices of a document pair, built once while both documents live."""
    return _PAIRS.get((en, ja), (stem, max_keys), lambda: build_features(en, ja, stem, max_keys))


def build_features(en: Document, ja: Document, stem: int, max_keys: int) -> Features:
    """The key matrices of a document pair; metadata lines get no keys."""
    vocab: dict[str, int] = {}
    n, m = len(en), len(ja)
    keys = pair_keys(en, ja, stem, max_keys)
    en_ptr, en_cols, en_data = _en_key_ids(keys, vocab)
    tok_counts, tok_cols, units = _ja_unit_ids(keys, vocab)
    v = max(len(vocab), 1)
    u_count = len(units.sent)
    en_scale = _compressed(en_data, en_cols, en_ptr, (n, v))
    en_bin = en_scale.copy()
    en_bin.data[:] = 1.0
    # Stored entries per key (all 1): a comparison matrix and its sum would copy the matrix.
    en_df = np.bincount(en_bin.indices, minlength=v)
    en_w = en_scale.multiply(_idf(en_df, max(n, 1)).astype(np.float32)[None, :]).tocsr()
    tok = _ones(tok_counts, tok_cols, (u_count, v))
    del en_ptr, en_cols, en_data, tok_counts, tok_cols
    sent = units.sent
    unit_w = _unit_weights(units.name, sent, units.names, m)
    # Sentence j's units are units.start[j]..units.start[j + 1]: the csr arrays are those.
    tok_w = _compressed(unit_w, np.arange(u_count), units.start, (m, u_count))
    ja_bin = (tok_w.astype(bool).astype(np.float32) @ tok).tocsr()
    ja_bin.data[:] = 1.0
    return Features(
        en_w=en_w,
        en_bin=en_bin,
        ja_bin=ja_bin,
        tok=tok,
        tok_w=tok_w,
        tok_start=units.start,
        wen=np.asarray(en_w.sum(axis=1)).ravel().astype(np.float64),
        wja=np.asarray(tok_w.sum(axis=1)).ravel().astype(np.float64),
        ja_repeat=_ja_repeats(tok, tok_w, ja_bin, sent, unit_w, m),
        keys=keys,
        en_sentences=_sentence_counts(en),
        ja_sentences=_sentence_counts(ja),
    )


def _sentence_counts(doc: Document) -> np.ndarray:
    from ..segment import sentence_count

    # Counted once per distinct text: a long document repeats its sentences.
    counts: dict[str, int] = {}
    out = []
    for seg in doc.segments:
        c = 0
        if not seg.is_metadata:
            c = counts.get(seg.text, -1)
            if c < 0:
                c = counts[seg.text] = max(1, sentence_count(seg.text, doc.lang))
        out.append(c)
    return np.array(out, dtype=np.int64)


# Typed arrays, not lists, for the (row, key id) triplets: a list holds a boxed int per entry
# (~36 bytes against 8), and at 100,000s of sentences these were most of the peak memory.


def _en_key_ids(keys: PairKeys, vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The csr arrays (indptr, key ids, weights) of the en sentences' distinct keys, each row's
    ids increasing; new keys join ``vocab``. The weight multiplies the key's idf
    (lexicon.keys.key_weight)."""
    cols = array("q")
    data = array("f")
    # A repeated text shares its row object: its ids and weights are read once, for its first
    # time (in sentence order: every id is the one a pass over all rows would give).
    distinct: dict[int, int] = {}
    key_at, row_of = [0], []
    for row in keys.en:
        d = distinct.get(id(row))
        if d is None:
            d = distinct[id(row)] = len(key_at) - 1
            ids = [vocab.setdefault(k, len(vocab)) for k in row]
            # A row's keys are distinct, so are their ids: sorted, as a csr matrix stores them.
            order = sorted(range(len(ids)), key=ids.__getitem__)
            cols.extend([ids[x] for x in order])
            data.extend([key_weight(row[x]) for x in order])
            key_at.append(len(cols))
        row_of.append(d)
    rows = np.array(row_of, dtype=np.int64)
    first = np.array(key_at, dtype=np.int64)
    n_keys = np.diff(first)[rows]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(n_keys, out=indptr[1:])
    at = _segments(first[rows], n_keys)
    return indptr, np.frombuffer(cols, np.int64)[at], np.frombuffer(data, np.float32)[at]


@dataclass(frozen=True, eq=False)
class _JaUnits:
    """The content tokens and quantities ("units") of the ja sentences."""

    sent: np.ndarray  # sentence of each unit
    name: np.ndarray  # lemma id of each unit (ids in order of first appearance)
    names: int  # number of distinct lemmas
    start: np.ndarray  # first unit of each ja sentence (m + 1)


def _ja_unit_ids(keys: PairKeys, vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, _JaUnits]:
    """Per ja unit the number of its distinct keys, their ids (each unit's in increasing order,
    as a csr matrix stores them), and the units; new keys join ``vocab``."""
    name_ids: dict[str, int] = {}
    # The same words recur: a unit's key ids are kept.
    ids_of: dict[tuple[str, ...], list[int]] = {}
    # A repeated text shares its row object: its names, counts and ids are read once, for its
    # first time (in sentence order, so every id is the one a pass over all rows would give),
    # and every sentence's are then gathered at once.
    distinct: dict[int, int] = {}
    names, counts, cols = array("q"), array("q"), array("q")
    unit_at, key_at, row_of = [0], [0], []
    for row in keys.ja:
        d = distinct.get(id(row))
        if d is None:
            d = distinct[id(row)] = len(unit_at) - 1
            for name, unit_keys in row:
                names.append(name_ids.setdefault(name, len(name_ids)))
                ids = ids_of.get(unit_keys)
                if ids is None:
                    ids = ids_of[unit_keys] = sorted({vocab.setdefault(k, len(vocab)) for k in unit_keys})
                counts.append(len(ids))
                cols.extend(ids)
            unit_at.append(len(names))
            key_at.append(len(cols))
        row_of.append(d)
    rows = np.array(row_of, dtype=np.int64)
    first_unit, first_key = np.array(unit_at, dtype=np.int64), np.array(key_at, dtype=np.int64)
    n_units = np.diff(first_unit)[rows]
    start = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(n_units, out=start[1:])
    at = _segments(first_unit[rows], n_units)
    unit_counts = np.frombuffer(counts, np.int64)[at]
    unit_names = np.frombuffer(names, np.int64)[at]
    del at
    unit_cols = np.frombuffer(cols, np.int64)[_segments(first_key[rows], np.diff(first_key)[rows])]
    sent = np.repeat(np.arange(len(rows), dtype=np.int64), n_units)
    return unit_counts, unit_cols, _JaUnits(sent, unit_names, len(name_ids), start)


def _segments(first: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The positions first[k] .. first[k] + length[k] - 1 of every k, in order."""
    ends = np.cumsum(length)
    return np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) + np.repeat(
        first - (ends - length), length
    )


def _unit_weights(unit_name: np.ndarray, sent: np.ndarray, names: int, m: int) -> np.ndarray:
    """Weight of a ja unit: the inverse frequency of its lemma over the ja sentences."""
    if not len(sent):
        return np.zeros(0, dtype=np.float32)
    # The distinct (lemma, sentence) codes, as np.unique gives them: numpy 2's unique imports
    # numpy.ma (15 ms of a check) to test for a masked array.
    codes = np.sort(unit_name * (m + 1) + sent)
    pairs = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    name_df = np.bincount(pairs // (m + 1), minlength=names)
    return _idf(name_df[unit_name], max(m, 1)).astype(np.float32)


def _ones(counts: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> Any:
    """A float32 csr matrix with a 1 at each of a row's ``counts`` columns ``cols`` (in
    increasing order within a row, without repeats)."""
    indptr = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return _compressed(np.ones(len(cols), dtype=np.float32), cols, indptr, shape)


def _compressed(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> Any:
    """A float32 csr matrix from arrays already in canonical form (each row's columns
    increasing, no repeats), with the index type scipy's conversion from (row, col) pairs
    gives: the same arrays, without that conversion's scatter and sort (0.6 s on 200k
    sentences' 8 million unit keys)."""
    from .sparse import sparse

    limit = max(len(indices), *shape)
    kind = np.int32 if limit <= np.iinfo(np.int32).max else np.int64
    mat = sparse().csr_matrix(
        (data.astype(np.float32, copy=False), indices.astype(kind), indptr.astype(kind)),
        shape=shape,
        copy=False,
    )
    mat.has_canonical_format = True
    return mat


def _ja_repeats(
    tok: Any, tok_w: Any, ja_bin: Any, sent: np.ndarray, unit_w: np.ndarray, m: int
) -> np.ndarray:
    """For each ja sentence j >= 1: how much of one of (j-1, j) the other repeats, in [0, 1].

    An MT that repeats a sentence (in full or shortened) produces a pair with a high value; the
    two halves of a genuinely split sentence say different things.
    """
    out = np.zeros(m, dtype=np.float64)
    if m < 2 or tok.shape[0] == 0:
        return out
    total = np.asarray(tok_w.sum(axis=1)).ravel()

    def share_covered_by(step: int) -> np.ndarray:
        """Per sentence j: weight share of j's units whose keys occur in sentence j + step."""
        hit = _units_in_neighbour(tok, ja_bin, sent, step).astype(np.float64)
        covered = np.bincount(sent, weights=hit * unit_w, minlength=m)
        # A pseudo-weight keeps two short sentences that share a pronoun from looking repeated.
        return covered / (total + _REPEAT_SMOOTH)

    out[1:] = np.maximum(share_covered_by(-1)[1:], share_covered_by(+1)[:-1])
    return out


#: Cells of the key table of _units_in_neighbour (one byte each).
_KEY_TABLE = 1 << 24


def _units_in_neighbour(tok: Any, ja_bin: Any, sent: np.ndarray, step: int) -> np.ndarray:
    """Per ja unit of sentence j: whether one of its keys is a key of sentence j + step (False
    where there is none).

    Read from a table (sentences x keys) of a run of sentences at a time, set and cleared
    entry by entry: the products of the units' rows with their neighbours' rows (each
    sentence's row copied once per unit) took a fifth of the features' time at 200k sentences.
    """
    m, v = ja_bin.shape
    units = tok.shape[0]
    hit = np.zeros(units, dtype=bool)
    if m == 0 or units == 0:
        return hit
    run = min(m, max(1, _KEY_TABLE // max(v, 1) - 2))
    table = np.zeros((run + 2, v), dtype=bool)
    unit_start = np.concatenate([[0], np.flatnonzero(np.diff(sent)) + 1, [units]])
    first_unit = np.full(m + 1, units, dtype=np.int64)
    first_unit[sent[unit_start[:-1]]] = unit_start[:-1]
    # A sentence without units starts where the next one does.
    first_unit = np.minimum.accumulate(first_unit[::-1])[::-1]
    for s0 in range(0, m, run):
        s1 = min(m, s0 + run)
        a, b = max(0, s0 + step), min(m, s1 + step)
        u0, u1 = int(first_unit[s0]), int(first_unit[s1])
        if b <= a or u1 <= u0:
            continue
        # The keys of the neighbours a..b, as rows of the table.
        e0, e1 = int(ja_bin.indptr[a]), int(ja_bin.indptr[b])
        rows = np.repeat(np.arange(b - a), np.diff(ja_bin.indptr[a : b + 1]))
        keys = ja_bin.indices[e0:e1]
        table[rows, keys] = True
        # Each key of each unit of sentences s0..s1, looked up in its neighbour's row.
        t0, t1 = int(tok.indptr[u0]), int(tok.indptr[u1])
        unit = np.repeat(np.arange(u0, u1), np.diff(tok.indptr[u0 : u1 + 1]))
        other = sent[unit] + step - a
        ok = (other >= 0) & (other < b - a)
        found = np.zeros(t1 - t0, dtype=bool)
        found[ok] = table[other[ok], tok.indices[t0:t1][ok]]
        hit[u0:u1] = np.bincount(unit[found] - u0, minlength=u1 - u0) > 0
        table[rows, keys] = False
    return hit


def pair_block(f: Features, r0: int, r1: int, c0: int, c1: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense matched en weight and matched ja weight of en rows r0..r1 x ja sentences c0..c1.

    A sparse product sums each entry over its own row's keys in stored order, so an entry does
    not depend on the window it was computed in (the band and the path lookups agree exactly).
    """
    if f.dense is not None:
        return f.dense[0][r0:r1, c0:c1], f.dense[1][r0:r1, c0:c1]
    tools = _sparsetools()
    if tools is None:  # pragma: no cover - scipy without its compiled sparse routines' module
        return _pair_block_scipy(f, r0, r1, c0, c1)
    rows, cols = r1 - r0, c1 - c0
    # en side: weight of en keys of i found among the keys of ja sentence j.
    ja_keys = _transposed(tools, _window(f.ja_bin, c0, c1), f.ja_bin.shape[1])
    o_en = _dense(tools, _product(tools, _window(f.en_w, r0, r1), ja_keys, rows, cols), rows, cols)
    # ja side: weight of ja units of j with at least one key in en sentence i.
    t0, t1 = int(f.tok_start[c0]), int(f.tok_start[c1])
    en_keys = _transposed(tools, _window(f.en_bin, r0, r1), f.en_bin.shape[1])
    hit = _product(tools, _window(f.tok, t0, t1), en_keys, t1 - t0, rows)
    hit[2][:] = 1.0
    # Sentences c0..c1 hold exactly the units t0..t1 (a sentence's units are consecutive).
    o_ja = _dense(tools, _product(tools, _window(f.tok_w, c0, c1, t0), hit, cols, rows), cols, rows).T
    return o_en, o_ja


#: A csr matrix as (indptr, indices, data), the layout scipy's compiled routines take.
_Csr = tuple[np.ndarray, np.ndarray, np.ndarray]


@lru_cache(maxsize=1)
def _sparsetools() -> Any:
    """scipy.sparse's compiled routines (csr_matmat, csr_tocsc, csr_todense), or None.

    The products of a band's blocks are small and many: scipy's matrix objects checked their
    index types and formats on every call, about half the time of pair_block at 200k sentences.
    Called directly, the same routines run on the same arrays, so every entry is the same.
    """
    from .sparse import sparse

    sparse()
    try:
        from scipy.sparse import _sparsetools as tools
    except ImportError:  # pragma: no cover
        return None
    if not all(hasattr(tools, name) for name in ("csr_matmat", "csr_tocsc", "csr_todense")):
        return None  # pragma: no cover
    return tools


def _window(mat: Any, a: int, b: int, shift: int = 0) -> _Csr:
    """Rows a..b of a csr matrix, column indices less ``shift`` (no copy without a shift)."""
    ptr = mat.indptr[a : b + 1]
    s, e = int(ptr[0]), int(ptr[-1])
    indices = mat.indices[s:e] - shift if shift else mat.indices[s:e]
    return ptr - ptr.dtype.type(s), indices, mat.data[s:e]


def _transposed(tools: Any, m: _Csr, cols: int) -> _Csr:
    """The transpose of a csr window of ``cols`` columns, as csr (what scipy's product converts
    the transposed right-hand side to: csr_tocsc, the same arrays)."""
    ptr, indices, data = m
    rows = len(ptr) - 1
    t_ptr = np.empty(cols + 1, dtype=ptr.dtype)
    t_idx = np.empty(len(indices), dtype=ptr.dtype)
    t_data = np.empty(len(data), dtype=data.dtype)
    tools.csr_tocsc(rows, cols, ptr, indices.astype(ptr.dtype, copy=False), data, t_ptr, t_idx, t_data)
    return t_ptr, t_idx, t_data


def _product(tools: Any, a: _Csr, b: _Csr, rows: int, cols: int) -> _Csr:
    """a @ b (rows x cols) by scipy's csr_matmat: each entry summed over a's row in stored
    order. The product is read densely, so it has room for every cell and no counting pass."""
    dtype = np.result_type(a[0].dtype, b[0].dtype)
    if rows * cols >= np.iinfo(dtype).max:  # pragma: no cover - blocks are far smaller
        dtype = np.dtype(np.int64)
    ptr = np.empty(rows + 1, dtype=dtype)
    idx = np.empty(rows * cols, dtype=dtype)
    data = np.empty(rows * cols, dtype=np.result_type(a[2].dtype, b[2].dtype))
    tools.csr_matmat(
        rows,
        cols,
        a[0].astype(dtype, copy=False),
        a[1].astype(dtype, copy=False),
        a[2],
        b[0].astype(dtype, copy=False),
        b[1].astype(dtype, copy=False),
        b[2].astype(data.dtype, copy=False),
        ptr,
        idx,
        data,
    )
    nnz = int(ptr[-1])
    return ptr, idx[:nnz], data[:nnz]


def _dense(tools: Any, m: _Csr, rows: int, cols: int) -> np.ndarray:
    """A csr matrix as a dense array (scipy's toarray: csr_todense into zeros)."""
    out = np.zeros((rows, cols), dtype=m[2].dtype)
    tools.csr_todense(rows, cols, m[0], m[1], m[2], out)
    return out


def _pair_block_scipy(f: Features, r0: int, r1: int, c0: int, c1: int) -> tuple[np.ndarray, np.ndarray]:
    """pair_block through scipy's matrix objects (the same products): the fallback, and the
    reference test_speed_equivalence compares pair_block with."""
    o_en = (_rows(f.en_w, r0, r1) @ _rows(f.ja_bin, c0, c1).T).toarray()
    t0, t1 = int(f.tok_start[c0]), int(f.tok_start[c1])
    hit = (_rows(f.tok, t0, t1) @ _rows(f.en_bin, r0, r1).T).tocsr()
    hit.data[:] = 1.0
    o_ja = (_rows(f.tok_w, c0, c1, t0, t1 - t0) @ hit).toarray().T
    return o_en, o_ja


def _rows(mat: Any, a: int, b: int, shift: int = 0, cols: int = -1) -> Any:
    """Rows a..b of a csr matrix, on its own arrays (no copy), with the column indices less
    ``shift`` and ``cols`` columns (default: all). Equal to ``mat[a:b]`` entry for entry and in
    stored order, without scipy's indexing, which took half the time of the small products of
    a band's blocks."""
    from .sparse import sparse

    ptr = mat.indptr[a : b + 1]
    s, e = int(ptr[0]), int(ptr[-1])
    indices = mat.indices[s:e] - shift if shift else mat.indices[s:e]
    shape = (b - a, mat.shape[1] if cols < 0 else cols)
    return sparse().csr_matrix((mat.data[s:e], indices, ptr - s), shape=shape, copy=False)


#: Rows per product of pair_rows. A block's product covers the columns its rows' windows span,
#: so on a band along the diagonal it wastes as many as it has rows: at 128 rows, with the
#: products called directly (pair_block), a band of 87 cells took 0.72 the time of 256 rows.
_PAIR_ROWS = 128


def pair_rows(f: Features, start: np.ndarray, width: int, lo: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Matched en and ja weight of the pairs (i, start[i - lo] + kk), kk < width, rows from lo.

    ``start`` must be non-decreasing. Computed in row blocks from sparse products restricted to
    each block's column window: linear in the rows for a fixed width.
    """
    rows = len(start)
    m_en = np.zeros((rows, width), dtype=np.float32)
    m_ja = np.zeros((rows, width), dtype=np.float32)
    block = _PAIR_ROWS
    kk = np.arange(width, dtype=np.int64)
    for q0 in range(0, rows, block):
        q1 = min(rows, q0 + block)
        c0 = max(0, int(start[q0]))
        c1 = min(m, int(start[q1 - 1]) + width)
        if c1 <= c0:
            continue
        o_en, o_ja = pair_block(f, lo + q0, lo + q1, c0, c1)
        first = start[q0:q1] - c0
        if first[0] >= 0 and first[-1] + width <= c1 - c0:
            # Every row's window lies inside the block's columns: one gather of each row's
            # slice (a window view), without the index array, the clip and the mask.
            at = (np.arange(q1 - q0), first)
            m_en[q0:q1] = np.lib.stride_tricks.sliding_window_view(o_en, width, axis=1)[at]
            m_ja[q0:q1] = np.lib.stride_tricks.sliding_window_view(o_ja, width, axis=1)[at]
            continue
        cols = start[q0:q1, None] + kk[None, :] - c0
        ok = (cols >= 0) & (cols < c1 - c0)
        cols = np.clip(cols, 0, c1 - c0 - 1)
        m_en[q0:q1] = np.where(ok, np.take_along_axis(o_en, cols, axis=1), 0.0)
        m_ja[q0:q1] = np.where(ok, np.take_along_axis(o_ja, cols, axis=1), 0.0)
    return m_en, m_ja


def pair_values(f: Features, ii: np.ndarray, jx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Matched en and ja weight of arbitrary pairs (ii[k], jx[k]), equal to the band's entries.

    Only the pairs a path needs are computed, in blocks of _VALUE_ROWS rows (of 64 where a block
    would span more than _VALUE_CELLS pairs: a path that jumps), so no (n, band) array is kept.
    """
    out_en = np.zeros(len(ii), dtype=np.float32)
    out_ja = np.zeros(len(ii), dtype=np.float32)
    if len(ii) == 0:
        return out_en, out_ja
    order = np.argsort(ii, kind="stable")
    for sel in _row_blocks(order, ii[order] // _VALUE_ROWS):
        rs, cs = ii[sel], jx[sel]
        r0, r1, c0, c1 = int(rs.min()), int(rs.max()) + 1, int(cs.min()), int(cs.max()) + 1
        if (r1 - r0) * (c1 - c0) > _VALUE_CELLS:
            for part in _row_blocks(sel, rs // 64):
                _values_into(f, ii[part], jx[part], part, out_en, out_ja)
            continue
        _values_into(f, rs, cs, sel, out_en, out_ja)
    return out_en, out_ja


#: Rows per block of pair_values: one sparse product per block, whose overhead per call was
#: most of the time at 64 rows (a path's pairs at 200k sentences: 2.2 s, against 1.2 s at 256).
_VALUE_ROWS = 256
_VALUE_CELLS = _VALUE_ROWS * 1024


def _row_blocks(order: np.ndarray, block: np.ndarray) -> list[np.ndarray]:
    """``order`` cut where ``block`` (non-decreasing, one per entry) changes."""
    return np.split(order, np.flatnonzero(np.diff(block)) + 1)


def _values_into(
    f: Features, rs: np.ndarray, cs: np.ndarray, sel: np.ndarray, out_en: np.ndarray, out_ja: np.ndarray
) -> None:
    """pair_values of the pairs (rs[k], cs[k]) into entries ``sel`` of the outputs, from one block
    (an entry does not depend on the block it is computed in: see pair_block)."""
    r0, r1, c0, c1 = int(rs.min()), int(rs.max()) + 1, int(cs.min()), int(cs.max()) + 1
    o_en, o_ja = pair_block(f, r0, r1, c0, c1)
    out_en[sel] = o_en[rs - r0, cs - c0]
    out_ja[sel] = o_ja[rs - r0, cs - c0]
