"""Aligner settings: the bead types, the tunable parameters and the signature that names them."""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.keys import MAX_KEYS, STEM
from ..versions import __version__

#: The alignment signature names align's version (align.versions), the one place it is written.
ALIGNER_VERSION = __version__

#: Bead types (en count, ja count); index = pointer code in the DP.
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1))


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
    stem: int = STEM
    #: A Japanese word with more distinct gloss stems than this is too vague to count.
    max_keys: int = MAX_KEYS
    #: lexical cost of a 0-1 / 1-0 sentence, relative to an uncovered sentence inside a bead.
    indel_lex: float = 0.5
    #: cost of a bead whose Japanese sentences repeat each other (x the repeated share above half;
    #: adjacent sentences of one story share up to about half of their words anyway).
    repeat_weight: float = 3.0
    #: cost per sentence by which a bead's sentence counts differ beyond its shape: lines may
    #: hold several sentences (merged lines of dialogue), so a 2-1 bead of lines can be 2-2 in
    #: sentences (cheaper) and a 1-1 bead 1-2 (dearer).
    count_weight: float = 1.0
    #: Minimum band half width; the band is max(this, sqrt(n+m)) and grows if touched.
    band: int = 40
    #: Cap on the sqrt(n+m) term: past ~20k sentences a side the anchors, not the length, bound
    #: how far the path strays from the centre (and a touched edge still widens the band), so
    #: time and memory stay linear in the document.
    max_band: int = 200
    #: Re-estimate the length ratio and variance from a first pass over a prefix.
    two_pass: bool = True
    #: Repair windows where a sentence is better explained by a neighbouring bead (refine.py).
    refine: bool = True


def signature(p: AlignParams, dict_sig: str) -> str:
    """The aligner's settings only; the per-document ratio and band are Alignment fields."""
    beads = ",".join(f"{a}-{b}" for a, b in BEADS)
    return (
        f"align:{ALIGNER_VERSION}|len:gc{'-2pass' if p.two_pass else ''}|lex:w={p.lex_weight:g},stem={p.stem}"
        f"|dict:{dict_sig}|tok:unidic-lite|beads:{beads}"
    )
