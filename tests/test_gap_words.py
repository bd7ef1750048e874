"""A gap the DP put on the wrong neighbour moves to the sentence whose words are missing (issue 18).

When one line's translation is dropped, the DP may pair the dropped line with its neighbour's
translation and leave the neighbour out. The repair pass moves the gap when the translation
says more of the other sentence's words, read as a translator would look them up: the
glosses of its JMdict compounds and set phrases too (教科書 "textbook", which UniDic cuts into
教科 + 書), numbers, and the word stems cut the same way on both sides. Invented sentences,
the real tokenizer and dictionary.
"""

from __future__ import annotations

import pytest
from repair_helpers import EN, JA, Beads, repair_keys, repaired

from align.aligner.refine import _said, _shifted_gaps
from align.lexicon.compounds import span_keys
from align.lexicon.keys import STEM
from align.lexicon.tokens import tokenize

#: The second line's translation says "textbook" only through a compound of two tokens.
TEXTBOOK_EN = [EN[0], "I forgot my textbook.", "He laughed.", EN[3]]
TEXTBOOK_JA = [JA[0], "教科書を忘れた。", JA[3]]
#: The same, with a library (図書 + 館).
LIBRARY_EN = [EN[0], "Where is the library?", "I was very tired.", EN[3]]
LIBRARY_JA = [JA[0], "図書館はどこですか。", JA[3]]
#: The third line's translation says its numbers: the fourth line is the dropped one.
NUMBERS_EN = [EN[0], "We walked for a while.", "The bus leaves at 8:15 from gate 12.", "It was cold.", EN[3]]
NUMBERS_JA = [JA[0], "しばらく歩いた。", "バスは１２番乗り場から８時１５分に出る。", JA[3]]


def test_a_compound_cut_into_two_tokens_gives_its_gloss() -> None:
    keys = span_keys(tokenize("教科書を忘れた。"), STEM)
    assert "textb" in keys
    # A particle starting a span (には "indeed", "regarding") is grammar, not an entry said.
    assert "indee" not in span_keys(tokenize("町には図書館がある。"), STEM)
    assert "libra" in span_keys(tokenize("町には図書館がある。"), STEM)


def test_the_compound_says_the_english_word() -> None:
    k = repair_keys(TEXTBOOK_EN, TEXTBOOK_JA)
    assert _said(k, 1, 1) > 0.3
    assert _said(k, 2, 1) == 0.0


@pytest.mark.parametrize(
    ("en", "ja", "dropped"),
    [(TEXTBOOK_EN, TEXTBOOK_JA, 2), (LIBRARY_EN, LIBRARY_JA, 2), (NUMBERS_EN, NUMBERS_JA, 3)],
    ids=["textbook", "library", "numbers"],
)
def test_the_gap_moves_to_the_sentence_whose_words_the_translation_lacks(
    en: list[str], ja: list[str], dropped: int
) -> None:
    said = dropped - 1  # the sentence before it, which the translation renders
    right: Beads = [((i,), (i,) if i < dropped else (i - 1,)) for i in range(len(en))]
    right[dropped] = ((dropped,), ())
    # The DP left out the sentence the translation renders, and paired the dropped one with it.
    wrong = list(right)
    wrong[said], wrong[dropped] = ((said,), ()), ((dropped,), (said,))
    assert repaired(en, ja, wrong, lengths=True) == right


@pytest.mark.parametrize(("en", "ja"), [(TEXTBOOK_EN, TEXTBOOK_JA), (LIBRARY_EN, LIBRARY_JA)])
def test_a_gap_beside_the_sentence_it_belongs_to_stays(en: list[str], ja: list[str]) -> None:
    right: Beads = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    assert repaired(en, ja, right, lengths=True) == right


#: The Japanese joins two sentences in one line (a 2-1 bead); the line before them is dropped.
CHAIN_EN = [EN[0], "We crossed the river by boat.", "Is the museum open today?", EN[4], EN[3]]
CHAIN_JA = [JA[0], "博物館は今日開いていますか。" + JA[4], JA[3]]


def test_a_gap_moves_across_a_bead_of_two_english_sentences() -> None:
    k = repair_keys(CHAIN_EN, CHAIN_JA, lengths=True)
    # The DP gave the dropped line to the 2-1 bead and left out the last sentence it renders.
    dp: Beads = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,))]
    assert _shifted_gaps(k, dp) == [((0,), (0,)), ((1,), ()), ((2, 3), (1,)), ((4,), (2,))]


def test_a_bead_of_two_sentences_its_japanese_renders_keeps_them() -> None:
    k = repair_keys(CHAIN_EN, CHAIN_JA, lengths=True)
    right: Beads = [((0,), (0,)), ((1,), ()), ((2, 3), (1,)), ((4,), (2,))]
    assert _shifted_gaps(k, right) == right
