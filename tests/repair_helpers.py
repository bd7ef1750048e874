"""The repair pass run on beads a test writes (as a DP might have made them), with the real
tokenizer and dictionary features of the two sides: shared by the alignment-defect tests."""

from __future__ import annotations

import numpy as np

from align.aligner.features import build_features
from align.aligner.length import LengthModel, document_ratio, sentence_lengths
from align.aligner.params import AlignParams
from align.aligner.refine import _Keys, refine
from align.model import Document
from align.segment import segment

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]

#: Six invented everyday pairs, one sentence per line, that the repair tests build their texts
#: from (each test file may put its own sentence in the third place).
EN = [
    "The ferry leaves the harbour at seven.",
    "Where do we buy the museum tickets?",
    "She painted the fence in the garden.",
    "My cousin collects old stamps.",
    "The baker opens his shop before dawn.",
    "We crossed the river by boat.",
]
JA = [
    "フェリーは七時に港を出る。",
    "博物館の切符はどこで買うのですか。",
    "彼女は庭の柵にペンキを塗った。",
    "いとこは古い切手を集めている。",
    "パン屋は夜明け前に店を開ける。",
    "私たちは船で川を渡った。",
]


def repaired(en: list[str], ja: list[str], beads: Beads, lengths: bool = False) -> Beads:
    """The repair pass on ``beads`` of the two sides, with the documents (as the aligner runs
    it); with ``lengths``, the length model of repair_keys."""
    e = segment("\n".join(en) + "\n", "en", "en.txt", presegmented=True)
    j = segment("\n".join(ja) + "\n", "ja", "ja.txt", presegmented=True)
    model = _length_model(e, j) if lengths else None
    return refine(beads, build_features(e, j, 5, 40), np.zeros(len(en)), np.zeros(len(ja)), model, (e, j))


def _length_model(e: Document, j: Document) -> tuple[np.ndarray, np.ndarray, LengthModel]:
    """Sentence lengths and the length model of the documents' ratio, the aligner's variance."""
    en_len, ja_len = sentence_lengths(e), sentence_lengths(j)
    return en_len, ja_len, LengthModel(document_ratio(en_len, ja_len), AlignParams().variance)


def repair_keys(en: list[str], ja: list[str], lengths: bool = False) -> _Keys:
    """The repair pass's view of two sides (no metadata) and their documents, for testing its steps; with
    ``lengths``, the length model of the documents' ratio and the aligner's default variance."""
    e = segment("\n".join(en) + "\n", "en", "en.txt", presegmented=True)
    j = segment("\n".join(ja) + "\n", "ja", "ja.txt", presegmented=True)
    f = build_features(e, j, 5, 40)
    return _Keys(
        f.keys,
        lengths=_length_model(e, j) if lengths else None,
        en_meta=np.zeros(len(en)),
        ja_meta=np.zeros(len(ja)),
        en_sentences=f.en_sentences,
        ja_sentences=f.ja_sentences,
        docs=(e, j),
    )
