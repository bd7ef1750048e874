"""Sentence aligner (placeholder until the aligner issue lands: diagonal 1-1 beads)."""

from __future__ import annotations

from .model import Alignment, Bead, Document


def align(en: Document, ja: Document) -> Alignment:
    n, m = len(en), len(ja)
    beads: list[Bead] = []
    k = min(n, m)
    for i in range(k):
        beads.append(Bead((i,), (i,), 0.5))
    beads += [Bead((i,), (), 0.0) for i in range(k, n)]
    beads += [Bead((), (j,), 0.0) for j in range(k, m)]
    return Alignment(tuple(beads), "aligner:diagonal")
