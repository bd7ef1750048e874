"""Sentence aligner: Gale–Church length model + lexical anchors, banded DP over n:m beads.

Evidence per bead (English left, Japanese right):

* length (``length``): Gale–Church, with the en/ja character ratio and the variance re-estimated
  from a first pass's 1-1 beads (the document ratio is only the starting point);
* anchors (``features``): a bag of idf-weighted "keys" per sentence, matched across the
  languages. Every member sentence of a bead must be covered on its own, and Japanese members
  that repeat each other cost extra.

Search (``dp``) is a dynamic programme inside a band around a centre line through lexical
anchors (``band``); ``confidence`` then scores each bead of the best path. The stages share one
``Problem``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..lexicon.memo import collector_paused
from ..model import Alignment, Bead, Document
from .band import Band, anchor_centre, anchor_chain, centre_through, initial_half_width
from .confidence import bead_confidences
from .copies import misplaced_copies
from .dp import run_dp, search, search_pinned
from .features import pair_block
from .length import LengthModel, document_ratio, estimate_model
from .near import refined_around, research_around
from .params import BEADS, AlignParams, signature
from .problem import Problem, Step, sentence_facts
from .refine import Memo, refine

__all__ = ["BEADS", "AlignParams", "align", "signature"]

#: The first pass estimates the length model on this many rows: 2,000 sentences pin it down as
#: well as 20,000.
_ESTIMATE_ROWS = 2000
#: Up to this many sentence pairs (an article), all pair scores are computed at once (2 x 1 MB).
_DENSE_CELLS = 250_000


def align(en: Document, ja: Document, params: AlignParams | None = None) -> Alignment:
    """Monotone n:m alignment of an English and a Japanese document, English left.

    Every sentence of both sides is in exactly one bead, in document order; each bead has a
    confidence in [0, 1]. Metadata lines (``出典:...``) become 1-0 / 0-1 beads.
    """
    from ..lexicon.dictionary import signature as dict_signature

    p = params or AlignParams()
    n, m = len(en), len(ja)
    if n == 0 or m == 0:
        en_len, ja_len, en_meta, ja_meta = sentence_facts(en, ja)
        ratio = document_ratio(en_len[en_meta == 0], ja_len[ja_meta == 0])
        beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return Alignment(tuple(beads), signature(p, dict_signature()), ratio=ratio, band=0)
    with collector_paused():
        return _aligned(en, ja, p)


def _aligned(en: Document, ja: Document, p: AlignParams) -> Alignment:
    """The alignment of two non-empty documents."""
    from ..lexicon.dictionary import signature as dict_signature

    n, m = len(en), len(ja)
    problem = Problem.build(en, ja, p)
    if n * m <= _DENSE_CELLS:
        # Every entry is summed over its own row's keys in stored order, whatever the window
        # (see pair_block): one product for all pairs gives the windows' values exactly, without
        # a sparse product per block and per pass.
        f = problem.features
        problem = replace(problem, features=replace(f, dense=pair_block(f, 0, n, 0, m)), blocks={})
    chain = anchor_chain(problem.features, n, m)
    centre = centre_through(chain, n, m)
    if p.two_pass:
        problem = replace(problem, model=_first_pass_model(problem, centre))
    width = initial_half_width(p, n, m, chain)
    # The refine after held-out copies asks mostly what the first one did.
    memo = Memo()
    raw, path, band = _search(problem, centre, width, (en, ja), memo)
    copies = misplaced_copies(ja, problem.features.keys.en, problem.ja_meta, path)
    if copies:
        # A verbatim copy translates nothing: search again with it held out, as a metadata
        # line is (a 0-1 bead at no cost), so that it no longer shifts its neighbours.
        meta = problem.ja_meta.copy()
        meta[copies] = 1
        problem = replace(problem, ja_meta=meta, blocks=None if problem.blocks is None else {})
        near = _search_near(problem, (raw, path), copies, (en, ja), memo) if width > p.band else None
        path, band = near if near is not None else _search(problem, centre, width, (en, ja), memo)[1:]
    beads = bead_confidences(problem, path, band)
    ratio, w = problem.model.ratio, band.half_width
    return Alignment(tuple(beads), signature(p, dict_signature()), ratio=ratio, band=w)


def _search(
    problem: Problem, centre: np.ndarray, width: int, docs: tuple[Document, Document], memo: Memo
) -> tuple[list[Step], list[Step], Band]:
    """The DP's path, and that path repaired where a sentence fits a neighbouring bead better
    (see refine)."""
    pinned = search_pinned(problem, centre, width) if width > 2 * problem.params.band else None
    raw, band = pinned if pinned is not None else search(problem, centre, width)
    path = _refined(problem, raw, docs, memo) if problem.params.refine else raw
    return raw, path, band


def _search_near(
    problem: Problem,
    paths: tuple[list[Step], list[Step]],
    held: list[int],
    docs: tuple[Document, Document],
    memo: Memo,
) -> tuple[list[Step], Band] | None:
    """The search of a long document again after a change that moves its path only locally
    (the Japanese sentences ``held`` out; ``paths``: the DP's path before and that path
    refined): in the narrowest band along the refined path, which the anchors' band is far
    wider than (its centre can be 170 cells off the path on 200k sentences with few rare
    words). Only windows around the held-out sentences are searched again (see near), or the
    whole band where they do not settle. None when the new path comes near that band's edge:
    then the caller searches as the first time."""
    raw, path = paths
    band = Band.along(path, problem.n, problem.params.band)
    found = research_around(problem, raw, band, held)
    if found is None:
        found, touched = run_dp(problem, band)
        if touched:
            return None
    if problem.params.refine:
        # The refine of the stretches that changed alone, spliced into the refined path (see
        # near.refined_around), or of the whole path where that does not settle.
        local = refined_around(
            (raw, path, found), held, lambda beads: _refine_beads(problem, beads, docs, memo)
        )
        found = local if local is not None else _refined(problem, found, docs, memo)
    return found, band


def _refined(problem: Problem, path: list[Step], docs: tuple[Document, Document], memo: Memo) -> list[Step]:
    """The path after the local repair of misfit windows (see refine) of the documents ``docs``
    (English, Japanese); ``memo`` carries what the next refine may reuse."""
    beads = [(tuple(range(i - BEADS[t][0], i)), tuple(range(j - BEADS[t][1], j))) for t, i, j in path]
    fixed = _refine_beads(problem, beads, docs, memo)
    out: list[Step] = []
    i = j = 0
    for en, ja in fixed:
        a, b = len(en), len(ja)
        i, j = i + a, j + b
        out.append((_TYPE[a, b], i, j))
    return out


def _refine_beads(
    problem: Problem,
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]],
    docs: tuple[Document, Document],
    memo: Memo,
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """refine of ``beads`` (a path, or stretches of one laid end to end) with the problem's facts."""
    lengths = (problem.en_len, problem.ja_len, problem.model)
    return refine(beads, problem.features, problem.en_meta, problem.ja_meta, lengths, docs, memo)


#: BEADS index of each (en, ja) count (BEADS.index, a scan per bead).
_TYPE = {ab: t for t, ab in enumerate(BEADS)}


def _first_pass_model(problem: Problem, centre: np.ndarray) -> LengthModel:
    """The length model re-estimated from the 1-1 beads of an alignment of a prefix (``centre``:
    the band centre of the whole document, which is the prefix's when the prefix is all of it)."""
    n, m = problem.n, problem.m
    pn = min(n, _ESTIMATE_ROWS)
    pm = m if pn == n else min(m, max(1, round(pn * m / n)))
    width = initial_half_width(problem.params, pn, pm)
    if (pn, pm) != (n, m):
        centre = anchor_centre(problem.features, pn, pm)
    path, _ = search(problem.prefix(pn, pm), centre, width)
    est = estimate_model(path, problem.en_len, problem.ja_len, problem.model.ratio, problem.params.variance)
    return est if est is not None else problem.model
