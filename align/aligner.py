"""Sentence aligner: Gale–Church length model + lexical anchors, banded DP over n:m beads.

Evidence per bead (English left, Japanese right):

* length: Gale–Church, with the en/ja character ratio and the variance re-estimated from a
  first pass's 1-1 beads (the document ratio is only the starting point);
* anchors: a bag of "keys" per sentence, matched across the languages: English word stems
  against the stems of the JMdict glosses of Japanese content words (and UniDic's loanword
  origins), normalised numbers, Latin tokens (H100, GPT-4), and a sound skeleton shared by a
  capitalised English word and its katakana / proper-noun reading. Each side weighs its keys
  by inverse sentence frequency, so "the" or する count for little. Every member sentence of
  a bead must be covered on its own, and Japanese members that repeat each other cost extra.

Search is a dynamic programme over the cells (i en, j ja consumed) inside a band of half
width W around a centre line through lexical anchors, so time and memory are O((n+m)·W).
All bead costs of a block of rows are computed at once with numpy; the only Python loop runs
over rows. The band widens and the DP reruns if the best path touches its edge.
"""

from __future__ import annotations

import math
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .model import Alignment, Bead, Document

__all__ = ["AlignParams", "align", "signature"]

ALIGNER_VERSION = "0.1.0"

#: Bead types (en count, ja count); index = pointer code in the DP.
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1))
_ESTIMATE_ROWS = 2000
_REPEAT_SMOOTH = 3.0
_PAD = 3  # the largest bead side: cost gathers reach at most this far outside the band
#: Widening budget in DP cells (one back-pointer byte each): ~50 MB and ~20 s at most.
_WIDEN_CELLS = 50_000_000
#: Up to this many sentence pairs (an article), all pair scores are computed at once (2 x 1 MB).
_DENSE_CELLS = 250_000


@dataclass(frozen=True)
class AlignParams:
    """Model settings; defaults tuned on coursera_dev_* only (never on the test documents)."""

    #: -log prior of each bead type, in BEADS order (Gale–Church-like proportions).
    prior: tuple[float, ...] = (0.0, 3.0, 3.0, 7.0, 7.0, 7.0, 4.0, 4.0)
    #: weight of the lexical (1 - similarity) term, per sentence in the bead.
    lex_weight: float = 6.0
    #: pseudo-count pulling the similarity of sentences with little evidence to ``lex_prior``.
    lex_smooth: float = 1.0
    lex_prior: float = 0.3
    #: share of the per-sentence coverage term (vs the bead-level Dice) in the lexical cost.
    lex_member: float = 1.0
    #: Gale–Church variance per character before the document's own estimate replaces it.
    variance: float = 6.8
    #: weight of the length term against the lexical one (the Gaussian tail is too light).
    length_weight: float = 0.45
    #: Stem length: light suffix stripping, then prefix truncation (cheap and robust).
    stem: int = 5
    #: A Japanese word with more distinct gloss stems than this is too vague to count.
    max_keys: int = 40
    #: lexical cost of a 0-1 / 1-0 sentence, relative to an uncovered sentence inside a bead.
    indel_lex: float = 0.5
    #: cost of a bead whose Japanese sentences repeat each other (x the repeated share above half;
    #: adjacent sentences of one story share up to about half of their words anyway).
    repeat_weight: float = 3.0
    #: Minimum band half width; the band is max(this, sqrt(n+m)) and grows if touched.
    band: int = 40
    #: Cap on the sqrt(n+m) term: past ~20k sentences a side the anchors, not the length, bound
    #: how far the path strays from the centre (and a touched edge still widens the band), so
    #: time and memory stay linear in the document.
    max_band: int = 200
    #: Re-estimate the length ratio and variance from a first pass over a prefix.
    two_pass: bool = True


# --- features -------------------------------------------------------------------------

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fb]+$")
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞", "連体詞"})


@lru_cache(maxsize=500_000)
def _stem(word: str, size: int) -> str:
    """Light suffix stripping (works/worked/working -> work), then prefix truncation."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w[:size]


def _number_key(value: float) -> str:
    return f"#{value:.6g}"


@lru_cache(maxsize=200_000)
def _skeleton_key(latin: str) -> str:
    from .lexicon.names import phonetic_key

    key = re.sub(r"[aeiouh]", "", phonetic_key(latin, kana=False))
    return "~" + key if len(key) >= 3 else ""


@lru_cache(maxsize=200_000)
def _kana_skeleton_key(kana: str) -> str:
    from .lexicon.names import phonetic_key, romanize

    key = re.sub(r"[aeiouh]", "", phonetic_key(romanize(kana), kana=True))
    return "~" + key if len(key) >= 3 else ""


@lru_cache(maxsize=100_000)
def _gloss_keys(form: str, stem: int) -> tuple[str, ...]:
    """Stems of the JMdict gloss words of a form (cached: the same lemmas recur in every text)."""
    from .lexicon.dictionary import gloss_index

    vocab, index = gloss_index()
    return tuple(_stem(vocab[i], stem) for i in index.get(form, ()))


def _en_keys(text: str, stem: int) -> list[str]:
    from .lexicon.numbers import en_quantities

    keys = []
    for w in _EN_WORD.findall(text):
        keys.append(_stem(w, stem))
        if w[0].isupper() and len(w) >= 3:
            sk = _skeleton_key(w)
            if sk:
                keys.append(sk)
    keys.extend(_number_key(q.value) for q in en_quantities(text))
    return keys


def _ja_token_keys(text: str, stem: int, max_keys: int = 1000) -> list[tuple[str, list[str]]]:
    """(unit name for weighting, its keys) for every content token and quantity of a sentence."""
    from .lexicon.dictionary import gloss_index
    from .lexicon.names import romanize
    from .lexicon.numbers import ja_quantities
    from .lexicon.tokens import fast_tokens

    index = gloss_index()[1]
    units: list[tuple[str, list[str]]] = []
    for surface, lemma, pos1, pos2, reading, origin in fast_tokens(text):
        if surface.isascii():
            if _LATIN.fullmatch(surface) and not surface.isdigit():
                units.append((surface.lower(), [_stem(surface, stem)]))
            continue
        if pos1 not in _CONTENT_POS or pos2 in ("数詞", "非自立可能"):
            continue
        keys = list(_gloss_keys(lemma if lemma in index else surface, stem))
        if origin:
            keys.extend(_stem(w, stem) for w in _EN_WORD.findall(origin))
        if _KATAKANA.match(surface):
            sk = _kana_skeleton_key(surface)
            if sk:
                keys.append(sk)
        elif pos2 == "固有名詞" and reading:
            keys.append(_stem(romanize(reading), stem))
            sk = _kana_skeleton_key(reading)
            if sk:
                keys.append(sk)
        if 0 < len(keys) <= max_keys:  # more keys than that: a vague word (事, 物) that matches anything
            units.append((lemma, keys))
    for q in ja_quantities(text):
        key = _number_key(q.value)
        units.append((key, [key]))
    return units


@dataclass
class _Features:
    """Sparse key matrices of one document pair (built once, read by the band scorer)."""

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
    #: Every pair's (matched en, matched ja) weight, for a document small enough to hold them all.
    dense: tuple[np.ndarray, np.ndarray] | None = None


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    return np.log1p(n / np.maximum(df, 1))


def _features(en: Document, ja: Document, stem: int, max_keys: int) -> _Features:
    from scipy import sparse

    vocab: dict[str, int] = {}
    n, m = len(en), len(ja)
    # Typed arrays, not lists: a list holds a boxed int per entry (~36 bytes against 8), and at
    # 100,000s of sentences these triplets were most of the peak memory.
    en_rows = array("q")
    en_cols = array("q")
    for i, seg in enumerate(en.segments):
        if seg.is_metadata:
            continue
        for c in {vocab.setdefault(k, len(vocab)) for k in _en_keys(seg.text, stem)}:
            en_rows.append(i)
            en_cols.append(c)
    tok_rows = array("q")
    tok_cols = array("q")
    tok_sent = array("q")
    # ja unit weight (below): inverse frequency of its lemma over the ja sentences; lemmas get ids
    # in order of first appearance.
    name_ids: dict[str, int] = {}
    tok_name = array("q")
    tok_start = np.zeros(m + 1, dtype=np.int64)
    for j, seg in enumerate(ja.segments):
        tok_start[j] = len(tok_sent)
        if seg.is_metadata:
            continue
        for name, keys in _ja_token_keys(seg.text, stem, max_keys):
            u = len(tok_sent)
            tok_sent.append(j)
            tok_name.append(name_ids.setdefault(name, len(name_ids)))
            for c in {vocab.setdefault(k, len(vocab)) for k in keys}:
                tok_rows.append(u)
                tok_cols.append(c)
    tok_start[m] = len(tok_sent)
    v = max(len(vocab), 1)
    u_count = len(tok_sent)
    en_bin = sparse.csr_matrix(
        (
            np.ones(len(en_rows), dtype=np.float32),
            (np.frombuffer(en_rows, np.int64), np.frombuffer(en_cols, np.int64)),
        ),
        shape=(n, v),
        dtype=np.float32,
    )
    en_bin.sum_duplicates()
    en_df = np.asarray((en_bin > 0).sum(axis=0)).ravel()
    en_w = en_bin.multiply(_idf(en_df, max(n, 1)).astype(np.float32)[None, :]).tocsr()
    tok = sparse.csr_matrix(
        (
            np.ones(len(tok_rows), dtype=np.float32),
            (np.frombuffer(tok_rows, np.int64), np.frombuffer(tok_cols, np.int64)),
        ),
        shape=(u_count, v),
        dtype=np.float32,
    )
    del en_rows, en_cols, tok_rows, tok_cols
    unit_name = np.array(tok_name, dtype=np.int64)
    sent = np.array(tok_sent, dtype=np.int64)
    if u_count:
        pairs = np.unique(unit_name * (m + 1) + sent)
        name_df = np.bincount(pairs // (m + 1), minlength=len(name_ids))
        unit_w = _idf(name_df[unit_name], max(m, 1)).astype(np.float32)
    else:
        unit_w = np.zeros(0, dtype=np.float32)
    tok_w = sparse.csr_matrix((unit_w, (sent, np.arange(u_count))), shape=(m, u_count), dtype=np.float32)
    ja_bin = (tok_w.astype(bool).astype(np.float32) @ tok).tocsr()
    ja_bin.data[:] = 1.0
    return _Features(
        en_w=en_w,
        en_bin=en_bin,
        ja_bin=ja_bin,
        tok=tok,
        tok_w=tok_w,
        tok_start=tok_start,
        wen=np.asarray(en_w.sum(axis=1)).ravel().astype(np.float64),
        wja=np.asarray(tok_w.sum(axis=1)).ravel().astype(np.float64),
        ja_repeat=_ja_repeats(tok, tok_w, ja_bin, sent, unit_w, m),
    )


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
        other = sent + step
        idx = np.nonzero((other >= 0) & (other < m))[0]
        hit = np.zeros(len(sent), dtype=np.float64)
        if len(idx):
            hit[idx] = np.asarray(tok[idx].multiply(ja_bin[other[idx]]).sum(axis=1)).ravel() > 0
        covered = np.bincount(sent, weights=hit * unit_w, minlength=m)
        # A pseudo-weight keeps two short sentences that share a pronoun from looking repeated.
        return covered / (total + _REPEAT_SMOOTH)

    out[1:] = np.maximum(share_covered_by(-1)[1:], share_covered_by(+1)[:-1])
    return out


# --- band geometry --------------------------------------------------------------------


def _base(n: int, m: int) -> np.ndarray:
    """Diagonal ja position for each en row 0..n (the band centre)."""
    if n == 0:
        return np.zeros(1, dtype=np.int64)
    return (np.arange(n + 1, dtype=np.int64) * m) // n


def _anchor_centre(f: _Features, n: int, m: int, max_df: int = 3) -> np.ndarray:
    """Band centre through lexical anchors, for each en row 0..n (monotone, from (0,0) to (n,m)).

    An anchor is a mutual-best sentence pair on rare keys (in at most ``max_df`` sentences of
    each side: numbers, names, rare words); the longest increasing chain of anchors drops the
    accidental ones. Without this, a long omission (a truncated MT) would leave the true path
    outside a band drawn on the straight diagonal.
    """
    import bisect

    straight = _base(n, m)
    en_df = np.diff(f.en_bin[:n].tocsc().indptr)
    ja_df = np.diff(f.ja_bin[:m].tocsc().indptr)
    rare = ((en_df > 0) & (en_df <= max_df) & (ja_df > 0) & (ja_df <= max_df)).astype(np.float32)
    if n == 0 or m == 0 or not rare.any():
        return straight
    sim = (f.en_w[:n].multiply(rare[None, :]).tocsr() @ f.ja_bin[:m].T).tocsr()
    if sim.nnz == 0:
        return straight
    sim.eliminate_zeros()
    best_j = np.asarray(sim.argmax(axis=1)).ravel()
    best_v = np.asarray(sim.max(axis=1).todense()).ravel()
    best_i = np.asarray(sim.argmax(axis=0)).ravel()
    rows = np.nonzero((best_v >= 2.0) & (best_i[best_j] == np.arange(n)))[0]
    # Longest chain with strictly increasing j (patience sorting), rows already increasing.
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
    # Anchor (i, j) means the path passes near cell (i + 0.5, j + 0.5).
    xs = np.array([0.0] + [rows[k] + 0.5 for k in chain] + [float(n)])
    ys = np.array([0.0] + [best_j[rows[k]] + 0.5 for k in chain] + [float(m)])
    centre = np.floor(np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)).astype(np.int64)
    return np.maximum.accumulate(np.clip(centre, 0, m))


def _pair_block(f: _Features, r0: int, r1: int, c0: int, c1: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense matched en weight and matched ja weight of en rows r0..r1 x ja sentences c0..c1.

    A sparse product sums each entry over its own row's keys in stored order, so an entry does
    not depend on the window it was computed in (the band and the path lookups agree exactly).
    """
    if f.dense is not None:
        return f.dense[0][r0:r1, c0:c1], f.dense[1][r0:r1, c0:c1]
    # en side: weight of en keys of i found among the keys of ja sentence j.
    o_en = (f.en_w[r0:r1] @ f.ja_bin[c0:c1].T).toarray()
    # ja side: weight of ja units of j with at least one key in en sentence i.
    t0, t1 = int(f.tok_start[c0]), int(f.tok_start[c1])
    hit = (f.tok[t0:t1] @ f.en_bin[r0:r1].T).tocsr()
    hit.data[:] = 1.0
    o_ja = (f.tok_w[c0:c1, t0:t1] @ hit).toarray().T
    return o_en, o_ja


def _pair_scores(
    f: _Features, base: np.ndarray, w: int, lo: int, hi: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Matched en weight and matched ja weight for sentence pairs (i, j) in the band, rows lo..hi.

    Entry [i - lo, kk] is the pair (i, base[i] - w - _PAD + kk).
    """
    return _pair_rows(f, base[lo:hi] - w - _PAD, 2 * w + 1 + 2 * _PAD, lo, m)


def _pair_rows(f: _Features, start: np.ndarray, width: int, lo: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Matched en and ja weight of the pairs (i, start[i - lo] + kk), kk < width, rows from lo.

    ``start`` must be non-decreasing. Computed in row blocks from sparse products restricted to
    each block's column window: linear in the rows for a fixed width.
    """
    rows = len(start)
    m_en = np.zeros((rows, width), dtype=np.float32)
    m_ja = np.zeros((rows, width), dtype=np.float32)
    block = 256
    kk = np.arange(width, dtype=np.int64)
    for q0 in range(0, rows, block):
        q1 = min(rows, q0 + block)
        c0 = max(0, int(start[q0]))
        c1 = min(m, int(start[q1 - 1]) + width)
        if c1 <= c0:
            continue
        o_en, o_ja = _pair_block(f, lo + q0, lo + q1, c0, c1)
        cols = start[q0:q1, None] + kk[None, :] - c0
        ok = (cols >= 0) & (cols < c1 - c0)
        cols = np.clip(cols, 0, c1 - c0 - 1)
        m_en[q0:q1] = np.where(ok, np.take_along_axis(o_en, cols, axis=1), 0.0)
        m_ja[q0:q1] = np.where(ok, np.take_along_axis(o_ja, cols, axis=1), 0.0)
    return m_en, m_ja


def _runs(wd: np.ndarray, r0: int, r1: int, size: int) -> list[tuple[int, int]]:
    """Rows r0..r1 cut into runs of equal band width, at most ``size`` rows each."""
    if r1 <= r0:
        return []
    cuts = [r0, *(np.flatnonzero(np.diff(wd[r0:r1])) + r0 + 1).tolist(), r1]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        out.extend((c, min(b, c + size)) for c in range(a, b, size))
    return out


def _band(base: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray]:
    """First ja cell and width of each row's band: base ± w, except where the centre jumps.

    Consecutive rows' bands must overlap (a row reaches the next through its 0-1 chain). A row
    followed by a jump wider than the band reaches up to the next row's band instead: the ja
    sentences inserted there are a 0-1 chain along that one row, so only the rows at a jump are
    wide and the cells stay O(n·w + m), where a uniform band wide enough for the jump would be
    O(n·m).
    """
    lo = base - w
    hi = base + w
    jump = np.diff(base)
    hi[:-1] = np.where((jump + 1) // 2 + 4 > w, base[1:] + w, hi[:-1])
    return lo, hi - lo + 1


def _pair_values(f: _Features, ii: np.ndarray, jx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Matched en and ja weight of arbitrary pairs (ii[k], jx[k]), equal to the band's entries.

    Only the pairs a path needs are computed, in blocks of 64 rows, so no (n, band) array is kept.
    """
    out_en = np.zeros(len(ii), dtype=np.float32)
    out_ja = np.zeros(len(ii), dtype=np.float32)
    if len(ii) == 0:
        return out_en, out_ja
    order = np.argsort(ii, kind="stable")
    blocks = ii[order] // 64
    cuts = np.flatnonzero(np.diff(blocks)) + 1
    for sel in np.split(order, cuts):
        rs, cs = ii[sel], jx[sel]
        r0, r1, c0, c1 = int(rs.min()), int(rs.max()) + 1, int(cs.min()), int(cs.max()) + 1
        o_en, o_ja = _pair_block(f, r0, r1, c0, c1)
        out_en[sel] = o_en[rs - r0, cs - c0]
        out_ja[sel] = o_ja[rs - r0, cs - c0]
    return out_en, out_ja


# --- dynamic programme ----------------------------------------------------------------


@dataclass
class _Model:
    ratio: float
    variance: float


@lru_cache(maxsize=1)
def _tail_cost_table() -> np.ndarray:
    """-log P(|Z| >= d) for d = 0, 0.01, ... 60: a lookup is ~10x faster than evaluating per cell."""
    out = np.empty(6001)
    for k in range(6001):
        x = k / 100.0 / math.sqrt(2.0)
        # erfc underflows past x ~ 26; its asymptote -x^2 - log(x sqrt(pi)) is exact enough there.
        out[k] = -math.log(math.erfc(x)) if x < 20.0 else x * x + math.log(x * math.sqrt(math.pi))
    return out


def _length_cost(le: np.ndarray, lj: np.ndarray, model: _Model) -> np.ndarray:
    mean = (le + model.ratio * lj) / 2.0
    delta = np.abs(le - model.ratio * lj) / np.sqrt(model.variance * np.maximum(mean, 1.0))
    table = _tail_cost_table()
    idx = np.minimum((delta * 100.0).astype(np.int64), len(table) - 1)
    return table[idx]


def _run_dp(
    en_len: np.ndarray,
    ja_len: np.ndarray,
    en_meta: np.ndarray,
    ja_meta: np.ndarray,
    f: _Features,
    model: _Model,
    p: AlignParams,
    w: int,
    base: np.ndarray,
    lex_cache: dict[tuple[int, int, int, int], tuple[np.ndarray, list[np.ndarray]]] | None = None,
) -> tuple[list[tuple[int, int, int]], bool]:
    """Best path as (type, i_end, j_end) from the start, and whether it touched the band edge.
    A prefix of the documents may be given; ``base`` is the band centre per en row.

    *lex_cache* keeps the lexical and repeat terms of the bead costs, which do not depend on the
    length model: a second pass over the same rows, centre and width reuses them (the sums are
    then done in the same order, so the costs are the same floats)."""
    n, m = len(en_len), len(ja_len)
    band_lo, band_wd = _band(base, w)
    pe = np.concatenate([[0.0], np.cumsum(en_len)])
    pj = np.concatenate([[0.0], np.cumsum(ja_len)])
    pwe = np.concatenate([[0.0], np.cumsum(f.wen[:n])])
    pwj = np.concatenate([[0.0], np.cumsum(f.wja[:m])])
    pme = np.concatenate([[0], np.cumsum(en_meta)])
    pmj = np.concatenate([[0], np.cumsum(ja_meta)])
    # Back-pointers of all rows in one flat array (rows differ in width where the centre jumps).
    p_off = np.concatenate([[0], np.cumsum(band_wd)])
    ptr = np.full(int(p_off[-1]), 255, dtype=np.uint8)
    inf = np.inf
    # D of a recent row, with 3 cells of inf in front (a predecessor cell is up to 3 columns left).
    rows_d: dict[int, np.ndarray] = {}
    starts: list[int] = band_lo.tolist()  # Python ints: the row loop indexes them ~7 times a row
    pad_l = 3
    indel = (6, 7)
    for r0, r1 in _runs(band_wd, 0, n + 1, 512):
        width = int(band_wd[r0])
        rows = np.arange(r0, r1, dtype=np.int64)
        k_idx = np.arange(width, dtype=np.int64)
        # Pair scores of this block's rows and the 3 above (the largest bead side), each row on its
        # own band ± _PAD, flattened: only a block's worth is ever held, never an (n, band) array.
        lo = max(0, r0 - 3)
        hi = min(n, r1)
        cached = lex_cache is not None and (w, r0, r1, 0) in lex_cache
        if not cached:
            parts_en: list[np.ndarray] = []
            parts_ja: list[np.ndarray] = []
            for q0, q1 in _runs(band_wd, lo, hi, 256):
                fw = int(band_wd[q0]) + 2 * _PAD
                e_q, j_q = _pair_rows(f, band_lo[q0:q1] - _PAD, fw, q0, m)
                parts_en.append(e_q.ravel())
                parts_ja.append(j_q.ravel())
            flat_en = np.concatenate(parts_en) if parts_en else np.zeros(1, dtype=np.float32)
            flat_ja = np.concatenate(parts_ja) if parts_ja else np.zeros(1, dtype=np.float32)
            f_off = np.concatenate([[0], np.cumsum(band_wd[lo:hi] + 2 * _PAD)])
            last = max(len(flat_en) - 1, 0)
        jj = band_lo[rows][:, None] + k_idx[None, :]  # ja cells of each (row, k)
        inside = (jj >= 0) & (jj <= m)
        costs: list[np.ndarray] = []
        for t, (a, b) in enumerate(BEADS):
            ok = inside & (rows[:, None] >= a) & (jj >= b)
            i0 = np.maximum(rows - a, 0)
            jc = np.clip(jj, 0, m)
            j0 = np.clip(jj - b, 0, m)
            n_meta = (pme[rows] - pme[i0])[:, None] + (pmj[jc] - pmj[j0])
            if (a, b) in ((1, 0), (0, 1)):
                # Metadata lines (出典:...) are free as 1-0 / 0-1 beads.
                c = np.where(n_meta > 0, 0.0, p.prior[t] + p.lex_weight * 0.5 * p.indel_lex)
            else:
                le = (pe[rows] - pe[i0])[:, None]
                lj = pj[jc] - pj[j0]
                c = p.prior[t] + p.length_weight * _length_cost(np.broadcast_to(le, lj.shape), lj, model)
                if cached:
                    assert lex_cache is not None
                    lex_term, rep_terms = lex_cache[(w, r0, r1, t)]
                    c = c + lex_term
                    for rep_term in rep_terms:
                        c = c + rep_term
                    costs.append(np.where(ok, np.where(n_meta > 0, inf, c), inf))
                    continue
                o_en = np.zeros(jj.shape, dtype=np.float64)
                o_ja = np.zeros(jj.shape, dtype=np.float64)
                per_en = [np.zeros(jj.shape, dtype=np.float64) for _ in range(a)]
                per_ja = [np.zeros(jj.shape, dtype=np.float64) for _ in range(b)]
                for r in range(a):
                    src = np.maximum(rows - 1 - r, 0)
                    fw_src = (band_wd[src] + 2 * _PAD)[:, None]
                    for s in range(b):
                        # pair (i-1-r, j-1-s) sits at kk = (j-1-s) - band_lo[i-1-r] + _PAD in its row
                        kk = jj - 1 - s - band_lo[src][:, None] + _PAD
                        good = (kk >= 0) & (kk < fw_src)
                        at = np.clip(f_off[np.maximum(src - lo, 0)][:, None] + kk, 0, last)
                        e = np.where(good, flat_en[at], 0.0)
                        jv = np.where(good, flat_ja[at], 0.0)
                        per_en[r] += e
                        per_ja[s] += jv
                        o_en += e
                        o_ja += jv
                we = (pwe[rows] - pwe[i0])[:, None]
                wj = pwj[jc] - pwj[j0]
                matched = np.minimum(o_en, we) + np.minimum(o_ja, wj)
                sim = (matched + p.lex_smooth * p.lex_prior) / (we + wj + p.lex_smooth)
                dice = (1.0 - sim) * (a + b) / 2.0
                # Every member sentence must be covered on its own: an MT addition glued into a
                # 1-2 bead leaves one Japanese sentence unmatched even when the pair sum looks fine.
                member = np.zeros(jj.shape, dtype=np.float64)
                for r in range(a):
                    wr = f.wen[np.maximum(rows - 1 - r, 0)][:, None]
                    member += 1.0 - (np.minimum(per_en[r], wr) + p.lex_smooth * p.lex_prior) / (
                        wr + p.lex_smooth
                    )
                for s in range(b):
                    ws = f.wja[np.clip(jj - 1 - s, 0, max(m - 1, 0))]
                    member += 1.0 - (np.minimum(per_ja[s], ws) + p.lex_smooth * p.lex_prior) / (
                        ws + p.lex_smooth
                    )
                lex = (1.0 - p.lex_member) * dice + p.lex_member * 0.5 * member
                lex_term = p.lex_weight * lex
                c = c + lex_term
                rep_terms = []
                for s in range(b - 1):
                    # Two Japanese sentences of one bead that repeat each other: a duplicate, not a split.
                    rep = f.ja_repeat[np.clip(jj - 1 - s, 0, max(m - 1, 0))]
                    rep_terms.append(p.repeat_weight * np.maximum(rep - 0.5, 0.0) / 0.5)
                    c = c + rep_terms[-1]
                if lex_cache is not None:
                    lex_cache[(w, r0, r1, t)] = (lex_term, rep_terms)
                c = np.where(n_meta > 0, inf, c)
            costs.append(np.where(ok, c, inf))
        # 0-1 beads chain along a row: D[k] = min(x[k], D[k-1] + c01[k]) = S[k] + prefix-min(x - S).
        c01 = np.where(np.isfinite(costs[indel[1]]), costs[indel[1]], 0.0)
        c01[:, 0] = 0.0
        s_block = np.cumsum(c01, axis=1)
        steps = [(t, a, b, costs[t]) for t, (a, b) in enumerate(BEADS) if a > 0]
        codes = np.array([t for t, *_ in steps], dtype=np.uint8)
        cand = np.empty((len(steps), width))
        columns = np.arange(width)
        for i in range(r0, r1):
            ri = i - r0
            if i == 0:
                x = np.full(width, inf)
                best_t = np.full(width, 255, dtype=np.uint8)
                x[-int(band_lo[0])] = 0.0
            else:
                for q, (_t, a, b, cost) in enumerate(steps):
                    if i - a < 0:
                        cand[q] = inf
                        continue
                    # Predecessor (i-a, j-b) sits at k' = k + shift in its row (band starts never
                    # decrease, so the shift is >= -3, covered by the inf in front).
                    start = pad_l + starts[i] - starts[i - a] - b
                    prev = rows_d[i - a][start : start + width]
                    if len(prev) < width:
                        prev = np.concatenate([prev, np.full(width - len(prev), inf)])
                    np.add(prev, cost[ri], out=cand[q])
                # The first bead type with the lowest cost wins, as a strict "<" over the types in
                # order would decide; a cell no type reaches keeps no pointer.
                pick = cand.argmin(axis=0)
                x = cand[pick, columns]
                best_t = codes[pick]
                best_t[x == inf] = 255  # costs are never NaN or -inf
            srow = s_block[ri]
            y = x - srow
            cm = np.minimum.accumulate(y)
            best_t[(cm < y) & np.isfinite(cm)] = indel[1]
            ptr[p_off[i] : p_off[i] + width] = best_t
            # inf behind the row too, so that a predecessor slice is never short (no copy).
            d = np.full(2 * width + pad_l, inf)
            d[pad_l : pad_l + width] = cm + srow
            rows_d[i] = d
            rows_d.pop(i - 4, None)
    # Backtrace from (n, m).
    path: list[tuple[int, int, int]] = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        k = j - int(band_lo[i])
        width = int(band_wd[i])
        if not 0 <= k < width:
            raise RuntimeError("alignment path left the band")  # pragma: no cover - guarded by widening
        if (k <= 1 or k >= width - 2) and 0 < i < n:
            touched = True
        t = int(ptr[p_off[i] + k])
        if t == 255:
            raise RuntimeError("no alignment path inside the band")  # pragma: no cover
        a, b = BEADS[t]
        path.append((t, i, j))
        i, j = i - a, j - b
    path.reverse()
    return path, touched


def _lengths(doc: Document) -> np.ndarray:
    """Characters per sentence; Japanese spaces are line-break artefacts, English ones are letters."""
    if doc.lang == "ja":
        return np.array([len("".join(s.text.split())) for s in doc.segments], dtype=np.float64)
    return np.array([len(" ".join(s.text.split())) for s in doc.segments], dtype=np.float64)


def signature(p: AlignParams, model_ratio: float, w: int, dict_sig: str) -> str:
    beads = ",".join(f"{a}-{b}" for a, b in BEADS)
    return (
        f"align:{ALIGNER_VERSION}|len:gc-ratio={model_ratio:.2f}"
        f"{'-2pass' if p.two_pass else ''}|lex:w={p.lex_weight:g},stem={p.stem}"
        f"|dict:{dict_sig}|tok:unidic-lite|band:{w}|beads:{beads}"
    )


def align(en: Document, ja: Document, params: AlignParams | None = None) -> Alignment:
    """Monotone n:m alignment of an English and a Japanese document, English left.

    Every sentence of both sides is in exactly one bead, in document order; each bead has a
    confidence in [0, 1]. Metadata lines (``出典:...``) become 1-0 / 0-1 beads.
    """
    from .lexicon.dictionary import signature as dict_signature

    p = params or AlignParams()
    n, m = len(en), len(ja)
    en_len, ja_len = _lengths(en), _lengths(ja)
    en_meta = np.array([s.is_metadata for s in en.segments], dtype=np.int64)
    ja_meta = np.array([s.is_metadata for s in ja.segments], dtype=np.int64)
    total_en = float(en_len[en_meta == 0].sum())
    total_ja = float(ja_len[ja_meta == 0].sum())
    ratio = total_en / total_ja if total_en > 0 and total_ja > 0 else 2.1
    w = max(p.band, min(p.max_band, int(math.sqrt(n + m))))
    if n == 0 or m == 0:
        beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return Alignment(tuple(beads), signature(p, ratio, 0, dict_signature()))
    f = _features(en, ja, p.stem, p.max_keys)
    if n * m <= _DENSE_CELLS:
        # Every entry is summed over its own row's keys in stored order, whatever the window
        # (see _pair_block): one product for all pairs gives the windows' values exactly,
        # without a sparse product per block and per pass.
        f.dense = _pair_block(f, 0, n, 0, m)
    model = _Model(ratio, p.variance)
    base: np.ndarray | None = None
    # When the first pass covers the whole document (an article), the second has the same centre
    # and band: it reuses the centre and the bead costs' lexical terms (only the length model changed).
    lex_cache: dict[tuple[int, int, int, int], tuple[np.ndarray, list[np.ndarray]]] | None = None
    if p.two_pass:
        # Estimate the model on a prefix: 2,000 sentences pin it down as well as 20,000.
        pn = min(n, _ESTIMATE_ROWS)
        pm = m if pn == n else min(m, max(1, round(pn * m / n)))
        pw = max(p.band, min(p.max_band, int(math.sqrt(pn + pm))))
        pbase = _anchor_centre(f, pn, pm)
        if pn == n and pm == m:
            base, lex_cache = pbase, {}
        first = _search(
            en_len[:pn], ja_len[:pm], en_meta[:pn], ja_meta[:pm], f, model, p, pw, pbase, lex_cache
        )
        est = _estimate_model(first[0], en_len, ja_len, ratio, p.variance)
        if est is not None:
            model = est
    if base is None:
        base = _anchor_centre(f, n, m)
    path, w = _search(en_len, ja_len, en_meta, ja_meta, f, model, p, w, base, lex_cache)
    beads = _to_beads(path, en_len, ja_len, f, model, p, w, base)
    return Alignment(tuple(beads), signature(p, model.ratio, w, dict_signature()))


def _search(
    en_len: np.ndarray,
    ja_len: np.ndarray,
    en_meta: np.ndarray,
    ja_meta: np.ndarray,
    f: _Features,
    model: _Model,
    p: AlignParams,
    w: int,
    base: np.ndarray,
    lex_cache: dict[tuple[int, int, int, int], tuple[np.ndarray, list[np.ndarray]]] | None = None,
) -> tuple[list[tuple[int, int, int]], int]:
    n, m = len(en_len), len(ja_len)
    # Consecutive rows' bands must overlap (a row reaches the next through its 0-1 chain): where
    # the centre jumps (many more ja than en sentences, or an MT addition), widen the band, but
    # uniformly only up to max_band: past that only the rows at a jump widen (see _band), or one
    # block of thousands of inserted sentences would make every row half the document wide.
    w = max(w, min((int(np.max(np.diff(base), initial=0)) + 1) // 2 + 4, p.max_band))
    while True:
        path, touched = _run_dp(en_len, ja_len, en_meta, ja_meta, f, model, p, w, base, lex_cache)
        # Each widening reruns the whole DP on twice the cells: allow it only within a fixed cell
        # budget, so a path that strays from an anchorless centre (e.g. repeated text) cannot make
        # the search quadratic; past the budget the path keeps to the band.
        if not touched or w >= n + m or (n + 1) * (4 * w + 1) > _WIDEN_CELLS:
            return path, w
        w *= 2


def _estimate_model(
    path: list[tuple[int, int, int]], en_len: np.ndarray, ja_len: np.ndarray, ratio: float, prior: float
) -> _Model | None:
    """Length ratio and Gale–Church variance per character from this document's own 1-1 beads.

    The ratio of the whole document is wrong when a side is truncated or padded, so the first
    pass's 1-1 beads (middle 90% by ratio) give it. The variance is shrunk towards the published
    Gale–Church value with the weight of 50 beads: a short article keeps a sane model and a long
    one speaks for itself.
    """
    le = np.array([en_len[i - 1] for t, i, j in path if t == 0])
    lj = np.array([ja_len[j - 1] for t, i, j in path if t == 0])
    keep = (le > 0) & (lj > 0)
    le, lj = le[keep], lj[keep]
    if len(le) == 0:
        return None
    if len(le) >= 20:
        r = le / lj
        lo, hi = np.quantile(r, [0.05, 0.95])
        mid = (r >= lo) & (r <= hi)
        ratio = float(le[mid].sum() / lj[mid].sum())
    mean = np.maximum((le + ratio * lj) / 2.0, 1.0)
    z2 = np.sort((le - ratio * lj) ** 2 / mean)
    # Drop the worst 2% (pass-1 errors, and 1-1 beads that hide an omission).
    z2 = z2[: max(1, int(0.98 * len(z2)))]
    pseudo = 50.0
    return _Model(ratio, float(max((pseudo * prior + z2.sum()) / (pseudo + len(z2)), 0.5)))


def _to_beads(
    path: list[tuple[int, int, int]],
    en_len: np.ndarray,
    ja_len: np.ndarray,
    f: _Features,
    model: _Model,
    p: AlignParams,
    w: int,
    base: np.ndarray,
) -> list[Bead]:
    """Beads with a confidence in [0, 1]: the mean of length agreement and lexical agreement.

    Vectorised over the path: the pair scores of every (en, ja) pair inside a bead are computed
    at once (pairs inside the band only, as the DP saw them), then summed per bead with bincount.
    """
    types = np.array([t for t, _, _ in path], dtype=np.int64)
    ends_i = np.array([i for _, i, _ in path], dtype=np.int64)
    ends_j = np.array([j for _, _, j in path], dtype=np.int64)
    sizes = np.array(BEADS, dtype=np.int64)[types]
    a, b = sizes[:, 0], sizes[:, 1]
    pe = np.concatenate([[0.0], np.cumsum(en_len)])
    pj = np.concatenate([[0.0], np.cumsum(ja_len)])
    le = pe[ends_i] - pe[ends_i - a]
    lj = pj[ends_j] - pj[ends_j - b]
    p_len = np.exp(-_length_cost(le, lj, model))
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
    band_lo, band_wd = _band(base, w)
    kk = jx - band_lo[ii] + _PAD
    good = (kk >= 0) & (kk < band_wd[ii] + 2 * _PAD)
    v_en, v_ja = _pair_values(f, ii, jx)
    o_en = np.bincount(bid, weights=np.where(good, v_en, 0.0), minlength=len(path))
    o_ja = np.bincount(bid, weights=np.where(good, v_ja, 0.0), minlength=len(path))
    pwe = np.concatenate([[0.0], np.cumsum(f.wen)])
    pwj = np.concatenate([[0.0], np.cumsum(f.wja)])
    we = pwe[ends_i] - pwe[ends_i - a]
    wj = pwj[ends_j] - pwj[ends_j - b]
    matched = np.minimum(o_en, we) + np.minimum(o_ja, wj)
    sim = (matched + p.lex_smooth * p.lex_prior) / (we + wj + p.lex_smooth)
    score = 0.5 * np.minimum(1.0, 2.0 * p_len) + 0.5 * np.minimum(1.0, sim / 0.5)
    score = np.clip(score, 0.0, 1.0)
    # An inserted or omitted sentence is credible when it shares nothing with its neighbours.
    lone = np.nonzero((a == 0) | (b == 0))[0]
    score[lone] = _indel_confidences(lone.tolist(), path, base, w, f)
    beads = []
    for t, i, j, sc in zip(types.tolist(), ends_i.tolist(), ends_j.tolist(), score.tolist(), strict=True):
        ai, bj = BEADS[t]
        beads.append(Bead(tuple(range(i - ai, i)), tuple(range(j - bj, j)), round(float(sc), 4)))
    return beads


def _indel_pairs(
    x: int, path: list[tuple[int, int, int]], band_lo: np.ndarray, band_wd: np.ndarray
) -> tuple[int, list[tuple[int, int]]]:
    """The lone sentence's side (0 en, 1 ja) and its pairs with the neighbouring beads' other side
    that lie inside the band (the only ones the DP scored)."""
    t, i, j = path[x]
    near = [path[y] for y in (x - 1, x + 1) if 0 <= y < len(path)]

    def in_band(row: int, col: int) -> bool:
        return 0 <= col - int(band_lo[row]) + _PAD < int(band_wd[row]) + 2 * _PAD

    if BEADS[t][0] == 1:  # 1-0: English sentence i-1 alone
        row = i - 1
        js = [jx for tt, _, jj in near for jx in range(jj - BEADS[tt][1], jj)]
        return 0, [(row, jx) for jx in js if in_band(row, jx)]
    col = j - 1  # 0-1: Japanese sentence j-1 alone
    rs = [ix for tt, ii, _ in near for ix in range(ii - BEADS[tt][0], ii)]
    return 1, [(ix, col) for ix in rs if in_band(ix, col)]


def _indel_confidences(
    xs: list[int], path: list[tuple[int, int, int]], base: np.ndarray, w: int, f: _Features
) -> list[float]:
    """Per lone sentence: 1 - (best lexical coverage by the neighbouring beads' other side) x 2.

    The pair scores of all lone sentences are computed in one batch.
    """
    band_lo, band_wd = _band(base, w)
    cand = [_indel_pairs(x, path, band_lo, band_wd) for x in xs]
    flat = [q for _, qs in cand for q in qs]
    v_en, v_ja = _pair_values(
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
