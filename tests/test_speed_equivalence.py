"""The fast paths of issue 12 give exactly what the slow ones gave (property tests).

Each speed-up replaced a simple, slow formulation by a faster one; the simple one is kept here
as the reference: MeCab's text output for the aligner's tokens, sacrebleu for chrF, a
regular expression per name for the name searches, scipy's linear_sum_assignment for the phrase
layer's one-to-one choices (issue 20).
"""

from __future__ import annotations

import random
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import CORPORA, pair_dirs
from sacrebleu.metrics import CHRF
from scipy.optimize import linear_sum_assignment

from align.glossary import _EN_ORG, _name_group, _org_after
from align.lexicon.tokens import _text_output_fields, tokenize
from align.model import Document
from align.phrases.assignment import max_assignment
from align.phrases.renderings import _AloneCounts, _count_alone, _en_titles, _titled
from align.rules.restatement import _clean, chrf, repeat_score

# The bundled pairs always; 150 lines of a lecture transcript when ../shared is beside the clone.
_LECTURE = CORPORA / "coursera_test_01.ja"
JA_LINES = (_LECTURE.read_text("utf-8").splitlines()[:150] if _LECTURE.is_file() else []) + [
    line for d in pair_dirs() for line in (d / "ja.txt").read_text("utf-8").splitlines()
]
JA_CHARS = "アイウエオカキクケコガーヴァあいうえお漢字日本語ABCabc123"
JA_CHARS += " ,.\"'-・＝（）「」、。!?！？〜%％＄\u3000\t"
EN_WORDS = ["Mr", "Mr.", "Dr.", "Judge", "Mrs", "St.", "Sir", "the", "John", "Smith", "Smith-Jones", "Bank"]
EN_WORDS += ["Inc", "Corp.", "x", "Smith's", ",", "-", "O'Brien", "J.", "&", "Co", "said", "\n"]
NAMES = ["Smith", "John Smith", "Smith-Jones", "O'Brien", "J. Smith", "Co", "Bank", "x", "Smith's", "Jo"]


def _fields(text: str) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.surface, t.lemma, t.pos1, t.pos2, t.pron, t.origin) for t in tokenize(text)]


def test_tokens_read_the_same_fields_as_mecab_s_text_output() -> None:
    for line in JA_LINES:
        assert _fields(line) == _text_output_fields(line), line


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=JA_CHARS, max_size=40) | st.text(max_size=20))
def test_tokens_on_any_text(text: str) -> None:
    # MeCab cannot read a NUL or a lone surrogate: the tokens keep the text's character there.
    safe = re.sub("[\x00\ud800-\udfff]", "\ufffd", text)
    assert _fields(safe) == _text_output_fields(safe)
    assert all(text[t.start : t.end] == t.surface for t in tokenize(text))


def test_chrf_is_sacrebleu_s() -> None:
    reference = CHRF()
    rng = random.Random(12)
    for _ in range(300):
        a, b = rng.choice(JA_LINES), rng.choice(JA_LINES)
        b = b[: rng.randint(0, len(b))] if rng.random() < 0.3 else b
        for x, y in ((a, b), (a, a), (b, "")):
            assert chrf(x, y) == reference.sentence_score(x, [y]).score


def _repeat_score_by_windows(candidate: str, neighbour: str) -> float:
    """repeat_score as its docstring says it: sacrebleu's chrF against each window of the
    neighbour, and chrF's n-gram precision against the whole of it, each counted afresh."""
    from collections import Counter

    cand, ref = _clean(candidate), _clean(neighbour)
    if not cand or not ref:
        return 0.0
    n = len(cand)
    if len(ref) <= n * 1.5:
        windows = [ref]
    else:
        width, step = int(n * 1.3) + 1, max(1, n // 6)
        windows = [ref[i : i + width] for i in range(0, len(ref) - n // 2, step)]
    windowed = max(CHRF().sentence_score(cand, [w]).score for w in windows)

    def grams(text: str, k: int) -> Counter[str]:  # the precision keeps whitespace
        return Counter(text[i : i + k] for i in range(len(text) - k + 1))

    scores = []
    for k in (2, 3, 4):
        c, r = grams(cand, k), grams(ref, k)
        if sum(c.values()):
            scores.append(sum(min(v, r[g]) for g, v in c.items()) / sum(c.values()))
    return max(windowed, 100 * sum(scores) / len(scores) if scores else 0.0)


def test_repeat_score_is_chrf_of_its_best_window() -> None:
    rng = random.Random(7)
    for _ in range(400):
        a, b = rng.choice(JA_LINES), rng.choice(JA_LINES)
        roll = rng.random()
        if roll < 0.3:  # a clause of a longer sentence
            b = rng.choice(JA_LINES) + a[: rng.randint(0, len(a))] + b
        elif roll < 0.45:  # a part of it, spaces inside
            a = b[rng.randint(0, len(b) // 2) :]
            b = b.replace("、", " ")
        elif roll < 0.55:
            a = "".join(rng.choice(JA_CHARS) for _ in range(rng.randint(0, 30)))
            b = "".join(rng.choice(JA_CHARS) for _ in range(rng.randint(0, 90)))
        assert repeat_score.__wrapped__(a, b) == _repeat_score_by_windows(a, b), (a, b)


def test_english_words_of_lines_are_the_text_s() -> None:
    from align.lexicon.translit import fold
    from align.rules.truncated import _EN_WORD, _english_words

    rng = random.Random(3)
    for _ in range(200):
        text = "".join(rng.choice([*EN_WORDS, " ", "\n", "-", "’", "Dvořák", "naïve"]) for _ in range(30))
        expected = set()
        for found in set(_EN_WORD.findall(text)):  # the whole text at once
            expected.add(fold(found))
            expected.update(re.split(r"['’-]", fold(found)))
        assert _english_words(text) == expected, text


def _titled_regex(english: str, text: str) -> bool:
    titles = "|".join(re.escape(t) for t in sorted(_en_titles()))
    return bool(re.search(rf"\b(?:{titles})\.? (?:[A-Z][\w-]* )*{re.escape(english)}\b", text))


def _name_group_regex(english: str, text: str) -> list[str]:
    best: list[str] = []
    for m in re.finditer(r"(?:[A-Z][\w&.-]*\s+)*" + re.escape(english) + r"(?:\s+[A-Z][\w&.-]*)*", text):
        words = [re.sub(r"['’]s$", "", w) for w in m.group().split()]
        if len(words) > len(best):
            best = words
    return best


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(EN_WORDS), max_size=12).map(" ".join),
    st.sampled_from(NAMES),
)
def test_name_searches_match_their_regular_expressions(text: str, english: str) -> None:
    assert _titled(english, text) == _titled_regex(english, text)
    expected = len(re.findall(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text))
    assert _count_alone(english, text) == expected
    assert _AloneCounts(text)[english] == expected  # one pass over the text's word runs
    assert _org_after(english, text) == bool(re.search(re.escape(english) + _EN_ORG.pattern, text))
    assert _name_group(english, Document(text, "en", ())) == _name_group_regex(english, text)


# Scores as the phrase layer gives them: many ties (0, 1, the thresholds), and any fraction.
_SCORES = st.sampled_from([0.0, 0.0, 0.35, 0.6, 0.7, 0.85, 1.0]) | st.floats(0.0, 1.0)


@settings(max_examples=600, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda cols: st.lists(st.lists(_SCORES, min_size=cols, max_size=cols), min_size=1, max_size=7)
    )
)
def test_max_assignment_is_scipy_s_choice_ties_included(weights: list[list[float]]) -> None:
    rows, cols = linear_sum_assignment(np.array(weights), maximize=True)
    assert max_assignment(weights) == list(zip(rows.tolist(), cols.tolist(), strict=True))


def test_in_lexicon_and_all_lemmas_are_lemminflect_s_lookups() -> None:
    from lemminflect import getAllLemmas

    from align.lexicon.latin import _lemma_lines, all_lemmas, in_lexicon

    lines = _lemma_lines()
    assert lines is not None
    rng = random.Random(20)
    words = [line.partition(",")[0].lower() for line in rng.sample(lines, 3000)]
    # The overrides' pronouns, words of the bundled pairs, and words in no dictionary.
    words += ["he", "whom", "yourselves", "brannick", "xqzt", "", "house", "book shelf"]
    words += [
        w.lower() for d in pair_dirs() for w in re.findall(r"[A-Za-z'-]+", (d / "en.txt").read_text("utf-8"))
    ]
    for w in words:
        assert in_lexicon(w) == bool(getAllLemmas(w)), w
        assert list(all_lemmas(w).items()) == list(getAllLemmas(w).items()), w


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="商務院委員会探査車ローバ", max_size=12), min_size=1, max_size=8),
    st.text(alphabet="商務院委員会探査車ローバ", max_size=4),
)
def test_bead_texts_count_what_a_scan_counts(texts: list[str], piece: str) -> None:
    from align.phrases.terms import _BeadTexts

    beads = _BeadTexts(texts)
    for p in (piece, *(t[1:4] for t in texts)):
        assert beads.containing(p) == sum(1 for t in texts if p in t)


_KANA = "ヴォルテラブランニックー・"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(_KANA + "社はがを。", min_size=1, max_size=12), st.booleans()),
        min_size=1,
        max_size=6,
    ),
    st.text(_KANA, max_size=5),
)
def test_used_elsewhere_is_the_bead_by_bead_scan(lines: list[tuple[str, bool]], form: str) -> None:
    """The occurrences of a form found in the joined text decide as reading every bead does."""
    from align.aligner import align
    from align.phrases.renderings import _used_elsewhere, _used_elsewhere_scan
    from align.segment import segment

    ja = segment("\n".join(text for text, _ in lines), "ja", presegmented=True)
    en = segment(
        "\n".join("Brannick spoke." if named else "He spoke." for _, named in lines), "en", presegmented=True
    )
    alignment = align(en, ja)
    assert _used_elsewhere(form, "Brannick", alignment, ja, en) == _used_elsewhere_scan(
        form, "Brannick", alignment, ja, en
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 400), min_size=1, max_size=300),
    st.lists(st.integers(1, 400), min_size=1, max_size=300),
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4),
)
def test_length_quantiles_are_numpys(en: list[int], ja: list[int], qs: list[float]) -> None:
    """The length model's quantiles are np.quantile's floats, bit for bit (ratios of lengths)."""
    from align.aligner.length import quantiles

    n = min(len(en), len(ja))
    ratios = np.array(en[:n], dtype=np.float64) / np.array(ja[:n], dtype=np.float64)
    got = quantiles(ratios, (0.05, 0.95, *qs))
    assert got == [float(v) for v in np.quantile(ratios, [0.05, 0.95, *qs])]


def _one_by_one(self, unit):  # type: ignore[no-untyped-def]
    """_Occurrences.representatives with every occurrence a group of its own: the rendering of
    each occurrence by itself, as term_renderings did before it rendered each case once."""
    reps = []
    for case in unit.cases:
        for kid, pos in case.sources:
            reps += [self._rep(case, [(kid, pos, (k,))]) for k in self.kinds[kid].beads]
    reps.sort(key=lambda rep: rep.order)
    return reps


def test_terms_rendered_per_case_are_rendered_per_occurrence(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each bundled pair three times over, its sentences shuffled in the last copy (so that a
    sentence repeats among other neighbours, and names take spans in some of its copies only)."""
    from align.aligner import align
    from align.phrases import terms
    from align.phrases.renderings import find_renderings
    from align.segment import segment

    for d in pair_dirs():
        ja_lines = (d / "ja.txt").read_text("utf-8").splitlines()
        en_lines = (d / "en.txt").read_text("utf-8").splitlines()
        order = list(range(min(len(ja_lines), len(en_lines))))
        random.Random(3).shuffle(order)
        ja = segment("\n".join(ja_lines * 2 + [ja_lines[k] for k in order]), "ja", presegmented=True)
        en = segment("\n".join(en_lines * 2 + [en_lines[k] for k in order]), "en", presegmented=True)
        alignment = align(en, ja)
        grouped = find_renderings(ja, en, alignment)
        with monkeypatch.context() as m:
            m.setattr(terms._Occurrences, "representatives", _one_by_one)
            assert find_renderings(ja, en, alignment) == grouped, d.name
        assert any(r.method == "consensus" for r in grouped), d.name  # term_renderings found some


def test_pair_block_through_scipys_routines_equals_its_matrix_objects() -> None:
    """pair_block calls scipy's compiled sparse routines directly (a private module, whose
    signatures a scipy release may change): every window's pair weights must equal those of
    scipy's public matrix products, bit for bit, on the bundled pairs."""
    from align.aligner.features import _pair_block_scipy, _sparsetools, pair_block
    from align.aligner.params import AlignParams
    from align.aligner.problem import Problem
    from align.pipeline import load_pair

    assert _sparsetools() is not None, "scipy.sparse._sparsetools is gone: pair_block falls back"
    rng = random.Random(3)
    for d in pair_dirs():
        ja, en = load_pair(d / "ja.txt", d / "en.txt")
        f = Problem.build(en, ja, AlignParams()).features
        assert f.dense is None
        n, m = len(en), len(ja)
        windows = [(0, n, 0, m)] + [
            (r0, rng.randint(r0 + 1, n), c0, rng.randint(c0 + 1, m))
            for r0, c0 in ((rng.randrange(n), rng.randrange(m)) for _ in range(20))
        ]
        for r0, r1, c0, c1 in windows:
            fast, slow = pair_block(f, r0, r1, c0, c1), _pair_block_scipy(f, r0, r1, c0, c1)
            for a, b in zip(fast, slow, strict=True):
                assert a.dtype == b.dtype and a.shape == b.shape
                assert np.array_equal(a, b), (d.name, r0, r1, c0, c1)
