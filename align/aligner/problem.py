"""The alignment problem one search solves: a document pair's sentence facts, features and model.

The band, the DP and the confidences all read one ``Problem`` instead of a long parameter list,
and share its one similarity formula.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..model import Document
from .features import Features, document_features
from .length import LengthModel, document_ratio, sentence_lengths
from .params import AlignParams

#: One step of a path: (bead type, en sentences consumed, ja sentences consumed) at the bead's end.
Step = tuple[int, int, int]


@dataclass(frozen=True, eq=False)
class Problem:
    """Per-sentence lengths and metadata flags, the key features, the settings and the length model.

    The first pass aligns a prefix: its arrays are cut to the prefix, its features stay whole
    (they are only ever indexed by sentences inside the prefix).
    """

    params: AlignParams
    features: Features
    en_len: np.ndarray  # characters per en sentence
    ja_len: np.ndarray
    en_meta: np.ndarray  # 1 for a metadata line (出典:...), else 0
    ja_meta: np.ndarray
    model: LengthModel
    #: What a DP block computes that the length model does not change (lexical and repeat terms,
    #: lengths, masks), kept across the two passes of a document small enough to hold it:
    #: (n, m, first row, band starts) -> the block's costs.Parts (not imported here: costs
    #: imports this module). None: nothing is kept.
    blocks: dict[tuple[int, int, int, bytes], Any] | None = None

    @classmethod
    def build(cls, en: Document, ja: Document, params: AlignParams) -> Problem:
        """The problem of a whole document pair, with the length model the document totals give."""
        en_len, ja_len, en_meta, ja_meta = sentence_facts(en, ja)
        return cls(
            params=params,
            features=document_features(en, ja, params.stem, params.max_keys),
            en_len=en_len,
            ja_len=ja_len,
            en_meta=en_meta,
            ja_meta=ja_meta,
            model=LengthModel(document_ratio(en_len[en_meta == 0], ja_len[ja_meta == 0]), params.variance),
        )

    @property
    def n(self) -> int:
        return len(self.en_len)

    @property
    def m(self) -> int:
        return len(self.ja_len)

    def prefix(self, n: int, m: int) -> Problem:
        """The first n en and m ja sentences."""
        return replace(
            self,
            en_len=self.en_len[:n],
            ja_len=self.ja_len[:m],
            en_meta=self.en_meta[:n],
            ja_meta=self.ja_meta[:m],
        )

    def similarity(self, matched: np.ndarray, total: np.ndarray) -> np.ndarray:
        """Share of key weight matched, pulled towards ``lex_prior`` when there is little weight."""
        p = self.params
        return (matched + p.lex_smooth * p.lex_prior) / (total + p.lex_smooth)


def sentence_facts(en: Document, ja: Document) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lengths (en, ja) and metadata flags (en, ja) of every sentence."""
    en_meta = np.array([s.is_metadata for s in en.segments], dtype=np.int64)
    ja_meta = np.array([s.is_metadata for s in ja.segments], dtype=np.int64)
    return sentence_lengths(en), sentence_lengths(ja), en_meta, ja_meta
