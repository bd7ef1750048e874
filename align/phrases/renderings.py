"""Where each English name or term is rendered in its bead's Japanese (the phrase layer's names).

Only the alignment can tell that two katakana spellings render the same English
name: within one bead, each katakana run (split at ・) is paired with the
English name it transliterates best (e2k, cutlet readings, JMnedict). A second
pass pairs what is left over: in a bead whose English has exactly one name
that found no rendering and whose Japanese has exactly one katakana word that
explains nothing (not a rendering of another name, not a JMdict translation of
an English word of the bead), the two belong together, however little they
sound alike. The rules (name-variant, term-variant) and the glossary stage both use
:func:`find_renderings` and :func:`group_forms`; multi-word names, titles and terms
come from :mod:`.terms`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KANJI, KATAKANA, KATAKANA_LETTERS, LATIN
from ..model import (
    Alignment,
    Bead,
    Document,
    GlossaryEntry,
    Rendering,
    RenderingMethod,
    Variant,
    VariantStatus,
)
from .japanese import katakana_runs, katakana_words, script_of
from .spellings import (
    barrel_parts,
    cut_of,
    cut_short,
    kanji_spellings,
    katakana_spellings,
    part_of,
    rest_translated,
)
from .terms import _sentence_index, term_renderings

__all__ = [
    "Rendering",
    "TermForms",
    "english_names",
    "find_renderings",
    "group_forms",
    "script_of",
    "usual_scripts",
]

MIN_TRANSLIT = 0.6
#: The same for a capitalised word seen only at sentence starts (may be an ordinary word).
MIN_WEAK = 0.85
#: A word left over in a bead renders a name left over in it when it sounds at least this much
#: like the name (the entity layer's bar for a left-over pair, so that the two layers agree on
#: what is a misspelt name and what is another name)...
MIN_LEFTOVER = 0.35
#: ...or is spelt at least this much like another rendering of the name in the text.
MIN_FORM = 0.65
#: The key under which _leftover_renderings keeps the associated (name, form) pairs.
_ASSOCIATED = "\x00associated"
#: A katakana word renders one part of a double-barrelled name (Smith of Smith-Jones) this well.
MIN_PART = 0.65

_EN_TOKEN = re.compile(r"[^\W_](?:[\w]|[-.](?=\w))*")
_POSSESSIVE = re.compile(r"['’]s?$")
_LATIN_IN_JA = re.compile(rf"[{LATIN}][0-9{LATIN}]*(?:[-.][0-9{LATIN}]+)*")
_KATAKANA_WORD = re.compile(f"[{KATAKANA}]+")
_HONORIFIC = ("氏", "さん", "様", "会長", "社長", "議員", "大統領", "首相", "判事", "教授", "博士")
_KANJI = re.compile(f"[{KANJI}]")
# The kanji, katakana or Latin run right before a model number (H100 -> エイチ100 or 型100).
_BEFORE_NUMBER = re.compile(f"[{KANJI}{KATAKANA}A-Za-z]{{1,12}}$")
#: A kanji name counts only when its reading spells the English name almost exactly.
MIN_READING = 0.85
_ORG_SUFFIX = ("社", "グループ")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_OPEN_QUOTES = "\"'“‘(["
_LATIN_FULL_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")
_EN_WORDS = re.compile(r"[A-Za-z]+")
_KATAKANA_RUN = re.compile(f"[{KATAKANA}]+")
# The ・-joined pieces of a katakana run (a run split at ＝ and =).
_DOT_JOINED = re.compile(r"[^＝=]+")
#: Name words found in the English: (start, end, word) per sentence.
_Names = dict[int, list[tuple[int, int, str]]]
#: A Japanese candidate word: (sentence, start, end, form).
_Word = tuple[int, int, int, str]


# --- English names ------------------------------------------------------------


@lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of an English sentence (cached: every name pass reads every sentence)."""
    out = []
    for m in _EN_TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group()) if m.group().endswith(("'s", "’s")) else m.group()
        word = word.rstrip(".-")
        start = m.start()
        if "-" in word and not any(c.isdigit() for c in word):
            # un-American, London-listed: the capitalised part is the name; but the lower-case
            # part of a romanised given name (Min-jun) is no English word and stays.
            parts = word.split("-")
            caps = [k for k, p in enumerate(parts) if p[:1].isupper()]
            lower = [p for p in parts if p and not p[:1].isupper()]
            if caps and len(caps) < len(parts) and all(_common_word(p) for p in lower):
                k = caps[0]
                start += sum(len(p) + 1 for p in parts[:k])
                word = parts[k]
        if word:
            out.append((start, start + len(word), word))
    return tuple(out)


def _is_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPEN_QUOTES + " ")
    return not before or before.endswith((".", "!", "?", ":"))


def english_names(en: Document, weak: bool = False) -> _Names:
    """Name-like words per English sentence: (start, end, word), possessives stripped.

    A word is a name when it has a capital or digit after its first letter (iPad,
    MP3), or is capitalised, never occurs in lower case in the text, and either
    stands where a sentence does not start or is no ordinary English word (an
    English dictionary does not know it). A sentence-initial ordinary word is a name
    if it is one elsewhere; with *weak*, the other sentence-initial ordinary words
    (never seen in lower case) are returned instead, as candidates that need a close
    transliteration to count.
    """
    return _names_both(en)[1 if weak else 0]


def _coded(word: str) -> bool:
    """A capital or digit after the first letter (iPad, MP3): a name whatever its place."""
    return any(c.isupper() or c.isdigit() for c in word[1:]) and any(c.isalpha() for c in word)


def _name_like(word: str, lower: set[str]) -> bool:
    """Capitalised (or coded) and never seen in lower case; the pronoun I and lower single
    letters are no names (single capitals such as X are)."""
    coded = _coded(word)
    if not (word[0].isupper() or coded) or word.lower() in lower and not coded:
        return False
    return not (len(word) == 1 and (not word.isupper() or word == "I"))


def _sentence_candidates(
    text: str, words: Sequence[tuple[int, int, str]], lower: set[str], seen_mid: set[str]
) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, doubtful) of a sentence's name-like *words*, doubtful for a sentence-initial
    ordinary word; the others go into *seen_mid* (names wherever they occur)."""
    row = []
    for s, e, w in words:
        if not _name_like(w, lower):
            continue
        # A sentence-initial word is a name by its place only when no English dictionary knows
        # it as an ordinary word (Brannick, London; not Show, Well).
        doubtful = _is_initial(text, s) and not _coded(w) and _common_word(w)
        if not doubtful:
            seen_mid.add(w)
        row.append((s, e, w, doubtful))
    return row


def _common_word(word: str) -> bool:
    from .entities import common_word

    return common_word(word)


def _names_both(en: Document) -> tuple[_Names, _Names]:
    """english_names(en) and english_names(en, weak=True), from one pass over the sentences."""
    # Each distinct sentence once: a long document repeats its sentences, and a bounded memo
    # of _tokens would evict each before the next pass over the document asked again.
    words = {text: _tokens(text) for text in dict.fromkeys(s.text for s in en.segments)}
    lower = {w for row in words.values() for _, _, w in row if w.islower()}
    seen_mid: set[str] = set()
    rows: dict[str, list[tuple[int, int, str, bool]]] = {}
    for seg in en.segments:
        # A repeated sentence's row is the same (and adds nothing more to seen_mid).
        if not seg.is_metadata and seg.text not in rows:
            rows[seg.text] = _sentence_candidates(seg.text, words[seg.text], lower, seen_mid)
    # Each distinct text's two rows once, shared by its sentences (read only).
    split = {
        text: (
            [(s, e, w) for s, e, w, initial in row if not initial or w in seen_mid],
            [(s, e, w) for s, e, w, initial in row if initial and w not in seen_mid],
        )
        for text, row in rows.items()
    }
    strong: _Names = {}
    weak: _Names = {}
    for seg in en.segments:
        if not seg.is_metadata:
            strong[seg.index], weak[seg.index] = split[seg.text]
    return strong, weak


# --- Japanese candidate words -----------------------------------------------------


def _ja_words(text: str) -> list[tuple[int, int, str]]:
    """Katakana words (full names split at ・ and ＝, Latin suffix kept: ウィジェットPro) and Latin words."""
    out = [(c.start, c.end, c.text) for c in katakana_words(text)]
    taken = [(s, e) for s, e, _ in out]
    for m in _LATIN_IN_JA.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            out.append((m.start(), m.end(), m.group()))
    out.extend(_kanji_names(text))
    return sorted(out)


def _kanji_names(text: str) -> list[tuple[int, int, str]]:
    """Proper nouns written in kanji (UniDic 固有名詞): names whose reading may spell an English name."""
    from ..lexicon.tokens import tokenize

    return [
        (t.start, t.end, t.surface)
        for t in tokenize(text)
        if t.pos2 == "固有名詞" and _KANJI.search(t.surface) and not _KATAKANA_WORD.search(t.surface)
    ]


def _person_suffix(text: str, end: int) -> bool:
    """An honorific or a person's title right after a name (スミス氏, 田中判事)."""
    return text.startswith(_HONORIFIC, end)


# A name is scored against the same words in bead after bead: each pair of strings once.
@lru_cache(maxsize=65536)
def _translit(form: str, english: str) -> float:
    """How well a Japanese word renders an English name (1.0 for a JMnedict reading).

    Latin matches with diacritics folded (Dvorak for Dvořák); katakana is compared with
    e2k's predicted katakana and the sound skeleton (align.lexicon.translit).
    """
    from ..lexicon.translit import katakana_similarity, reading_matches, sound_score

    script = script_of(form)
    if script == "latin":
        # The same letters, diacritics, case and inner hyphens aside (NodeKit for Node-Kit).
        return 1.0 if _letters(form) == _letters(english) else 0.0
    if script == "kanji":
        if not english[:1].isupper() or not english.isalpha():
            return 0.0
        score = reading_matches(form, english)
        return score if score >= MIN_READING else 0.0
    if len(english) == 1:
        return 0.0  # a single capital (X, B) is kept in Latin; katakana is never its rendering
    if script == "mixed":
        return _mixed_translit(form, english)
    # e2k's prediction knows usual spellings (ワーズワース ~ Wordsworth); the sound skeleton alone
    # still wins where a name is spelt as it sounds, not as it is written (リーズ ~ Leighs).
    score = max(katakana_similarity(form, english), sound_score(form, english) - 0.05)
    if _romanised(form, english):
        return 1.0  # the English is the katakana romanised (チョイ ~ Choi, ミンジュン ~ Min-jun)
    # A part of a double-barrelled name (スミス of Smith-Jones, written スミス＝ジョーンズ or alone).
    return max([score, *(katakana_similarity(form, p) for p in barrel_parts(english))])


def _romanised(form: str, english: str) -> bool:
    """The English spells the katakana's romaji (Hepburn or Kunrei, vowel length aside): a name
    romanised from Japanese, Korean or Chinese, which e2k reads as English and misses."""
    from ..lexicon.translit import name_key, romaji

    key = name_key(english)
    return len(key) >= 3 and name_key(romaji(form)) == key


def _letters(text: str) -> str:
    from ..lexicon.translit import fold

    return "".join(c for c in fold(text) if c.isalnum())


def _mixed_translit(form: str, english: str) -> float:
    """A katakana word with a Latin suffix (ウィジェットPro ~ WidgetPro)."""
    from ..lexicon.translit import katakana_similarity

    kana = _KATAKANA_WORD.match(form)
    if kana is None:
        return 0.0
    suffix = form[kana.end() :]
    if not english.lower().endswith(suffix.lower()) or len(english) <= len(suffix):
        return 0.0
    # The shared Latin suffix is strong evidence by itself.
    return 0.5 + 0.5 * katakana_similarity(kana.group(), english[: len(english) - len(suffix)])


def _english_words(text: str) -> set[str]:
    words = set()
    for _, _, w in _tokens(text):
        low = w.lower()
        words.add(low)
        words.update(low.split("-"))
        for suffix in ("es", "s", "ed", "ing"):
            if low.endswith(suffix) and len(low) > len(suffix) + 3:
                words.add(low[: -len(suffix)])
    return words


def _glossed(form: str, en_words: set[str]) -> bool:
    """True when JMdict translates *form*, or a word of it, by a word of the bead's English.

    データ ~ data; a compound such as テックコングロマリット is looked up word by word.
    """
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize

    # Only dictionary loanwords count as parts: an unknown name splits into noise (良い, ロン...).
    parts = {form} | {
        t.surface
        for t in tokenize(form)
        if len(t.surface) >= 3 and t.lemma == t.surface and t.surface != form
    }
    for part in parts:
        for g in gloss(part):
            if g in en_words or any(len(g) >= 5 and w.startswith(g[:5]) for w in en_words):
                return True
    return False


def _groups(text: str, names: list[tuple[int, int, str]]) -> list[tuple[str, ...]]:
    """Runs of two or more names separated by single spaces (Port Elmwood, Grand Vista)."""
    out: list[tuple[str, ...]] = []
    run: list[tuple[int, int, str]] = []
    for n in names:
        if run and text[run[-1][1] : n[0]] != " ":
            if len(run) > 1:
                out.append(tuple(w for _, _, w in run))
            run = []
        run.append(n)
    if len(run) > 1:
        out.append(tuple(w for _, _, w in run))
    return out


@dataclass
class _Bead:
    bead: Bead
    names: list[str]
    words: list[_Word]
    groups: list[tuple[str, ...]]
    #: How often the bead's English says each name and group.
    occurrences: Counter[str]

    @property
    def candidates(self) -> list[str]:
        """Its names, and its runs of consecutive names (Port Elmwood) for runs written without ・."""
        return self.names + [" ".join(g) for g in self.groups]


@dataclass
class _Leftover:
    """What the first pass left in a bead: names without a rendering, words that render nothing."""

    bead: _Bead
    names: list[str]
    free: list[_Word]


def find_renderings(ja: Document, en: Document, alignment: Alignment) -> tuple[Rendering, ...]:
    """Every Japanese occurrence of an English name or term, in document order."""
    # Sentence-initial capitalised words (weak): names only if a close transliteration shows it.
    names_by_sentence, weak_by_sentence = _names_both(en)
    weak = {w for row in weak_by_sentence.values() for _, _, w in row}
    beads = _name_beads(ja, en, alignment, names_by_sentence, weak_by_sentence)
    _prefetch(beads)
    out: list[Rendering] = []
    leftovers: list[_Leftover] = []
    for b in beads:
        found, left = _match_bead(b, ja, en, weak)
        out.extend(found)
        leftovers.append(left)
    out.extend(_leftover_renderings(leftovers, out, ja, en, alignment))
    out.extend(_latin_elsewhere(out, names_by_sentence, ja, alignment))
    out = _double_barrelled(out, ja)
    out.extend(_full_names(out, ja, en))
    out.extend(term_renderings(ja, en, alignment, out))
    out.extend(kanji_spellings(ja, en, alignment, out))
    out.extend(katakana_spellings(ja, en, alignment, out))
    out = cut_short(out, ja, en, alignment)
    out = [r for r in out if not _in_untranslated(r, ja)]
    return tuple(sorted(out, key=lambda r: (r.ja, r.start, r.english)))


def _name_beads(
    ja: Document, en: Document, alignment: Alignment, strong: _Names, weak: _Names
) -> list[_Bead]:
    """The beads with both English names (strong ones first) and Japanese candidate words."""
    beads: list[_Bead] = []
    # A sentence's candidate words once per distinct text (a long document repeats its sentences).
    ja_words: dict[str, list[tuple[int, int, str]]] = {}
    for bead in alignment.beads:
        if not bead.en or not bead.ja:
            continue
        names = sorted({w for i in bead.en for _, _, w in strong.get(i, [])})
        names += sorted({w for i in bead.en for _, _, w in weak.get(i, [])} - set(names))
        if not names:
            continue  # nothing to match: the Japanese words are not looked for
        rows = [row for i in bead.en for row in (strong.get(i, []), weak.get(i, []))]
        words = []
        for j in bead.ja:
            if not ja.segments[j].is_metadata:
                text = ja.segments[j].text
                if text not in ja_words:
                    ja_words[text] = _ja_words(text)
                words += [(j, s, e, f) for s, e, f in ja_words[text]]
        if words:
            groups = [g for i in bead.en for g in _groups(en.segments[i].text, strong.get(i, []))]
            # A double-barrelled name may take one word per part (スミス＝ジョーンズ).
            occurrences = Counter(w for row in rows for _, _, w in row for _ in barrel_parts(w) or [w])
            occurrences += Counter(" ".join(g) for g in groups)
            beads.append(_Bead(bead, names, words, sorted(set(groups)), occurrences))
    return beads


def _prefetch(beads: Sequence[_Bead]) -> None:
    """The names that meet a katakana word, predicted in one batch rather than one by one."""
    from ..lexicon.translit import prefetch

    prefetch({n for b in beads if any(_KATAKANA_WORD.search(w[3]) for w in b.words) for n in b.candidates})


def _common_words(b: _Bead, en: Document) -> set[str]:
    """Words of the bead's English other than its names: a katakana word they translate is no name."""
    own = {n.lower() for n in b.names}
    common = {
        w
        for w in _english_words(" ".join(en.segments[i].text for i in b.bead.en))
        if not any(n.startswith(w) or w.startswith(n) for n in own)
    }
    # A katakana word translating one part of a compound name (ノード for NodeRED) is no rendering.
    return common | {p.lower() for n in b.names for p in _CAMEL.findall(n) if len(p) < len(n)}


def _bracketed_gloss(b: _Bead, k: int, best: Sequence[tuple[float, str]], ja: Document) -> bool:
    """ウィジェット(Widget), Widget（ウィジェット）: word *k* glosses the word before it in brackets
    (the same name in another script), so it is no second rendering."""
    if k == 0:
        return False
    j, s, _, form = b.words[k]
    pj, _, pe, prev = b.words[k - 1]
    return (
        pj == j
        and best[k - 1][1] == best[k][1]
        and script_of(form) != script_of(prev)
        and ja.segments[j].text[pe:s] in ("(", "（")
    )


def _needed(name: str, weak: set[str], taken: set[str], score: float) -> float:
    """The score a word needs to render *name*."""
    if name in taken and score < 0.9:
        return 2.0  # a name inside a group rendered as one word is taken
    return MIN_WEAK if name in weak else MIN_TRANSLIT


def _accepted(score: float, needed: float, form: str) -> bool:
    return score >= needed and len(form) > 1 or score == 1.0


def _match_bead(b: _Bead, ja: Document, en: Document, weak: set[str]) -> tuple[list[Rendering], _Leftover]:
    """The bead's candidate words tied to the names they transliterate, one to one.

    Each word's evidence is its score against every name of the bead (sound, JMnedict, a
    reading); a word renders at most one name, and each occurrence of a name in the English is
    rendered by at most one word, the best total winning (a city's katakana next to a person's
    name goes to the city). A further word in the same form as a rendering of the name is a
    further mention (the Japanese repeats a name the English says once).
    """
    cands = b.candidates
    scores = [[_translit(form, n) for n in cands] for *_, form in b.words]
    edges, free = _edges(b, scores, ja, en, weak)
    chosen = _one_to_one(edges, len(b.words), [b.occurrences.get(n, 1) for n in cands])
    chosen.update(_further_mentions(b, edges, chosen))
    out: list[Rendering] = []
    for k, c in sorted(chosen.items()):
        j, s, e, form = b.words[k]
        method: RenderingMethod = "latin" if script_of(form) == "latin" else "translit"
        out.append(Rendering(cands[c], j, s, e, form, method, b.bead.en))
    matched = {w for r in out for w in r.english.split()}
    return out, _Leftover(b, [n for n in b.names if n not in matched], free)


def _edges(
    b: _Bead, scores: list[list[float]], ja: Document, en: Document, weak: set[str]
) -> tuple[dict[tuple[int, int], float], list[_Word]]:
    """(word, candidate) -> score for the pairs with enough evidence, and the words with none
    (katakana, or kanji before an honorific) that may still be left-over renderings."""
    common = _common_words(b, en)
    cands = b.candidates
    best = [min(zip(row, cands, strict=True), key=lambda p: (-p[0], p[1])) for row in scores]
    # A name inside a group rendered as one word is taken: ペンキ near "Port Elmwood" is not Port.
    taken = {m for score, n in best if " " in n and score >= MIN_TRANSLIT for m in n.split()}
    edges: dict[tuple[int, int], float] = {}
    free: list[_Word] = []
    for k, (j, s, e, form) in enumerate(b.words):
        script = script_of(form)
        if _bracketed_gloss(b, k, best, ja) or script == "katakana" and _glossed(form, common):
            continue
        row = {
            c: score
            for c, (score, n) in enumerate(zip(scores[k], cands, strict=True))
            if _accepted(score, _needed(n, weak, taken, score), form)
        }
        edges.update(((k, c), score) for c, score in row.items())
        if not row and (script == "katakana" or script == "kanji" and _person_suffix(ja.segments[j].text, e)):
            free.append((j, s, e, form))
    return edges, free


def _further_mentions(
    b: _Bead, edges: dict[tuple[int, int], float], chosen: dict[int, int]
) -> dict[int, int]:
    """Words left out of the one-to-one choice written as a chosen rendering of the same name."""
    from ..lexicon.translit import normalize_kana

    forms = {(c, normalize_kana(b.words[k][3])) for k, c in chosen.items()}
    return {
        k: c for (k, c) in sorted(edges) if k not in chosen and (c, normalize_kana(b.words[k][3])) in forms
    }


def _one_to_one(edges: dict[tuple[int, int], float], n_words: int, slots: Sequence[int]) -> dict[int, int]:
    """Word -> candidate, by the best total score, each candidate taking at most its number of
    occurrences; then a word left over takes a candidate it shares a form with (see _match_bead)."""
    if not edges:
        return {}
    from .assignment import max_assignment

    columns = [c for c, n in enumerate(slots) for _ in range(n)]
    m = [[edges.get((k, c), 0.0) for c in columns] for k in range(n_words)]
    return {k: columns[col] for k, col in max_assignment(m) if m[k][col] > 0}


def _leftover_renderings(
    leftovers: Sequence[_Leftover],
    found: Sequence[Rendering],
    ja: Document,
    en: Document,
    alignment: Alignment,
) -> list[Rendering]:
    """Second pass: names the first left without a rendering, tied by reading, by model number,
    or to a word left over in their bead that still shows evidence of being their rendering."""
    established: dict[str, set[str]] = defaultdict(set)
    for r in found:
        established[r.english].add(r.form)
    rendered_forms = {r.form for r in found}
    # A word left over in two or more beads of a name (and used nowhere else, see
    # _used_elsewhere) is associated with it, as word aligners find translations: a romanised
    # Korean or Chinese name that e2k cannot read (チェ for Choi) is tied so.
    pairs = Counter((n, f) for left in leftovers for n in left.names for f in {w[3] for w in left.free})
    for (name, form), count in sorted(pairs.items()):
        if count >= 2:
            established[name].add(form)
            established[_ASSOCIATED].add(f"{name}\x1f{form}")
    out: list[Rendering] = []
    asked: dict[tuple[str, str], bool] = {}

    def used_elsewhere(form: str, name: str) -> bool:
        # The same pair is asked about in every bead that repeats it: once each.
        if (form, name) not in asked:
            asked[form, name] = _used_elsewhere(form, name, alignment, ja, en)
        return asked[form, name]

    for left in leftovers:
        out.extend(_leftover_bead(left, established, rendered_forms, ja, en, used_elsewhere))
    return out


def _leftover_bead(
    left: _Leftover,
    established: dict[str, set[str]],
    rendered_forms: set[str],
    ja: Document,
    en: Document,
    used_elsewhere: Callable[[str, str], bool],
) -> list[Rendering]:
    bead = left.bead.bead
    en_words = _english_words(" ".join(en.segments[i].text for i in bead.en))
    names = _leftover_names(left, established, ja)
    out = [r for n in names for r in _read_as(n, bead, ja)]
    names = [n for n in names if n not in {r.english for r in out}]
    free = [w for w in left.free if w[3] not in rendered_forms and not _glossed(w[3], en_words)]
    numbered = [r for n in names for r in _numbered_rendering(n, bead, ja, en)]
    if numbered:
        return out + numbered
    forms = sorted({w[3] for w in free})
    chosen = _one_to_one(
        _leftover_edges(forms, names, established, used_elsewhere), len(forms), [1] * len(names)
    )
    for k, c in sorted(chosen.items()):
        out.extend(
            Rendering(names[c], j, s, e, form, "alignment", bead.en)
            for j, s, e, form in free
            if form == forms[k]
        )
    return out


def _leftover_names(left: _Leftover, established: dict[str, set[str]], ja: Document) -> list[str]:
    """Left-over names rendered elsewhere (so transliterated names), not acronyms (which
    Japanese often writes in kanji: US -> 米国), and not translated in the bead (China -> 中国)."""
    ja_text = "".join(ja.segments[j].text for j in left.bead.bead.ja)
    return [
        n
        for n in left.names
        if n in established and not (n.isupper() and len(n) <= 3) and not _kanji_rendered(n, ja_text)
    ]


def _leftover_edges(
    forms: Sequence[str],
    names: Sequence[str],
    established: dict[str, set[str]],
    used_elsewhere: Callable[[str, str], bool],
) -> dict[tuple[int, int], float]:
    """(left-over form, left-over name) -> evidence, for the pairs that have some (see
    _leftover_evidence and _translated_name); a form also used where the English lacks the
    name is an ordinary word (*used_elsewhere*: see _used_elsewhere)."""
    associated = established.get(_ASSOCIATED, set())
    edges = {
        (k, c): score
        for k, form in enumerate(forms)
        for c, name in enumerate(names)
        if (score := _leftover_evidence(form, name, established[name], f"{name}\x1f{form}" in associated)) > 0
        and not used_elsewhere(form, name)
    }
    if (
        not edges
        and len(forms) == 1
        and len(names) == 1
        and _translated_name(forms[0], names[0])
        and not used_elsewhere(forms[0], names[0])
    ):
        edges[0, 0] = MIN_LEFTOVER
    return edges


def _leftover_evidence(form: str, name: str, known_forms: Iterable[str], associated: bool = False) -> float:
    """How well a word left over in a bead renders a name left over in it (0: not enough).

    A name's other renderings in the text are the best evidence: a word written almost as one
    of them (ブラニック ~ ブラーニック) is that name misspelt. Without one, the word must still
    sound somewhat like the name (MIN_LEFTOVER): a word that sounds nothing like it is another
    name in its place, which name-substituted reports.
    """
    from ..lexicon.translit import reading_matches

    similar = max((_form_similarity(form, k) for k in known_forms), default=0.0)
    if similar >= MIN_FORM:
        return similar
    if associated:
        return MIN_LEFTOVER
    # A kanji name is compared by its readings (松本 ~ Matsumura reads matsumoto: a misspelt name).
    score = reading_matches(form, name) if script_of(form) == "kanji" else _translit(form, name)
    return score if score >= MIN_LEFTOVER else 0.0


def _translated_name(form: str, name: str) -> bool:
    """A name that is also an English word (Colossus, Sunrise), rendered by a dictionary word
    that translates nothing else of the bead: the one name and the one such word left over in a
    bead are the name translated (written by its sound elsewhere). A name that is no English
    word (Brannick) cannot be translated: another word in its place is another name."""
    from ..lexicon.dictionary import has_gloss

    return has_gloss(form) and _common_word(name)


def _form_similarity(a: str, b: str) -> float:
    """How alike two katakana spellings are, in kana (length marks, small kana and ヴ rows aside)
    and in sound (their romaji: ゼーン ~ ジェーン)."""
    from rapidfuzz.fuzz import ratio

    from ..lexicon.translit import normalize_kana, romaji

    if script_of(a) != "katakana" or script_of(b) != "katakana":
        return 0.0
    kana = ratio(normalize_kana(a, loose=True), normalize_kana(b, loose=True))
    return max(kana, ratio(romaji(a), romaji(b))) / 100


def _in_untranslated(r: Rendering, ja: Document) -> bool:
    """A Latin name inside a clause left in English is that English, not a rendering; so is a
    term copied as ordinary lower-case English words (machine learning): the untranslated rule
    reports it."""
    from ..lexicon.latin import is_ordinary_english
    from .japanese import untranslated_runs

    if script_of(r.form) != "latin":
        return False
    if is_ordinary_english(r.form):
        return True
    return any(
        c.start <= r.start and r.end <= c.end and c.text != r.form
        for c in untranslated_runs(ja.segments[r.ja].text)
    )


def _read_as(name: str, bead: Bead, ja: Document) -> list[Rendering]:
    """A name written with an ordinary kanji word that reads as the name (燕 for a company called
    Tsubame): UniDic's reading of each kanji noun, romanised, against the name; only for names
    left without a rendering, so that the check stays cheap.
    """
    from rapidfuzz.fuzz import ratio

    from ..lexicon.tokens import document_tokens
    from ..lexicon.translit import fold, reading_matches, romaji

    if not name.isalpha() or not name[:1].isupper() or len(name) < 3:
        return []
    target = fold(name)
    out = []
    for j in bead.ja:
        for t in document_tokens(ja)[j]:
            if t.pos1 != "名詞" or not _KANJI.search(t.surface) or _KATAKANA_WORD.search(t.surface):
                continue
            if ratio(romaji(t.reading), target) < 80 or reading_matches(t.surface, name) < MIN_READING:
                continue
            out.append(Rendering(name, j, t.start, t.end, t.surface, "reading", bead.en))
    return out


def _latin_elsewhere(
    found: Sequence[Rendering],
    names_by_sentence: dict[int, list[tuple[int, int, str]]],
    ja: Document,
    alignment: Alignment,
) -> list[Rendering]:
    """A name left in Latin where the bead's English does not name it ("the brand").

    The word is still that name's rendering when the article renders the name elsewhere:
    otherwise the variant (katakana in one place, Latin in another) goes unseen.
    """
    from ..lexicon.translit import fold

    names = {fold(w): w for row in names_by_sentence.values() for _, _, w in row if len(w) >= 3}
    known = {r.english for r in found}
    taken = {(r.ja, r.start) for r in found}
    out = []
    for bead in alignment.beads:
        for j in bead.ja:
            seg = ja.segments[j]
            if seg.is_metadata:
                continue
            for m in _LATIN_IN_JA.finditer(seg.text):
                name = names.get(fold(m.group()))
                if (
                    name not in known
                    or (j, m.start()) in taken
                    or _bracket_gloss(seg.text, m.start(), m.end())
                ):
                    continue
                out.append(Rendering(name, j, m.start(), m.end(), m.group(), "latin", bead.en))
    return out


def _bracket_gloss(text: str, start: int, end: int) -> bool:
    """The original in brackets next to its rendering: ブリンデル（Brindel） or Brindel（ブリンデル）."""
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    if before in ("(", "（") and after in (")", "）") and start >= 2:
        return bool(
            _KATAKANA_WORD.search(text[start - 2 : start - 1]) or _KANJI.search(text[start - 2 : start - 1])
        )
    return after in ("(", "（") and bool(_KATAKANA_WORD.match(text, end + 1) or _KANJI.match(text, end + 1))


def _double_barrelled(found: list[Rendering], ja: Document) -> list[Rendering]:
    """A double-barrelled name written whole (スミス＝ジョーンズ for Smith-Jones): the run's pieces,
    each tied to the name, are one rendering of it, not two renderings of one part each."""
    pieces: dict[tuple[int, str], list[Rendering]] = defaultdict(list)
    for r in found:
        if "-" in r.english and script_of(r.form) == "katakana":
            pieces[r.ja, r.english].append(r)
    merged: set[Rendering] = set()
    out: list[Rendering] = []
    for (j, english), rs in sorted(pieces.items()):
        if len(rs) < 2:
            # One part transliterated beside the others translated (アジア太平洋 for Asia-Pacific)
            # renders the whole name in two scripts: no part alone, so no cut.
            merged.update(r for r in rs if rest_translated(r.form, r.english, ja.segments[r.ja].text))
            continue
        for c in katakana_runs(ja.segments[j].text):
            inside = sorted((r for r in rs if c.start <= r.start and r.end <= c.end), key=lambda r: r.start)
            if len(inside) >= 2 and len(inside) == len(re.split("[・＝=]", c.text)):
                merged.update(inside)
                out.append(Rendering(english, j, c.start, c.end, c.text, inside[0].method, inside[0].en))
    return [r for r in found if r not in merged] + out


def _full_names(found: Sequence[Rendering], ja: Document, en: Document) -> list[Rendering]:
    """ジョン・スミス for "John Smith": a ・-joined run whose parts render consecutive English names."""
    by_sentence: dict[int, list[Rendering]] = defaultdict(list)
    for r in found:
        by_sentence[r.ja].append(r)
    out = []
    for j, rs in by_sentence.items():
        text = ja.segments[j].text
        # ・-joined katakana runs, and Latin names kept as written with their spaces (a full
        # name left in Latin script inside the Japanese).
        runs = [
            (c.start + m.start(), c.start + m.end(), m.group())
            for c in katakana_runs(text)
            for m in _DOT_JOINED.finditer(c.text)
            if "・" in m.group()
        ]
        runs += [(m.start(), m.end(), m.group()) for m in _LATIN_FULL_NAME.finditer(text)]
        for s, e, run in runs:
            parts = sorted((r for r in rs if s <= r.start and r.end <= e), key=lambda r: r.start)
            if len(parts) != len(re.split("[・＝ ]", run)):
                continue
            english = " ".join(r.english for r in parts)
            en_text = " ".join(en.segments[i].text for i in parts[0].en)
            if english in en_text:
                method: RenderingMethod = (
                    "alignment" if any(r.method == "alignment" for r in parts) else "translit"
                )
                out.append(Rendering(english, j, s, e, run, method, parts[0].en))
    return out


def _used_elsewhere(form: str, name: str, alignment: Alignment, ja: Document, en: Document) -> bool:
    """True when *form* also occurs where the English lacks *name*: then it is an ordinary word.

    Only the places where *form* occurs are looked at (found in the whole Japanese text at once):
    reading every bead for each form was quadratic in the length of the text."""
    from bisect import bisect_right

    pattern = re.compile(rf"(?<![{KATAKANA_LETTERS}・ー]){re.escape(form)}(?![{KATAKANA_LETTERS}・ー])")
    text, starts, beads_of = _sentence_index(alignment, ja)
    at = text.find(form) if form else -1
    while at >= 0:
        # The sentences are joined by line breaks, which are no katakana: a match in the joined
        # text is one in its sentence.
        if pattern.match(text, at):
            for k in beads_of.get(bisect_right(starts, at) - 1, ()):
                if not any(name in en.segments[i].text for i in alignment.beads[k].en):
                    return True
        at = text.find(form, at + 1)
    return not form and _used_elsewhere_scan(form, name, alignment, ja, en)


def _used_elsewhere_scan(form: str, name: str, alignment: Alignment, ja: Document, en: Document) -> bool:
    """_used_elsewhere bead by bead (for an empty form, which matches everywhere)."""
    pattern = re.compile(rf"(?<![{KATAKANA_LETTERS}・ー]){re.escape(form)}(?![{KATAKANA_LETTERS}・ー])")
    for bead in alignment.beads:
        if any(name in en.segments[i].text for i in bead.en):
            continue
        if any(pattern.search(ja.segments[j].text) for j in bead.ja):
            return True
    return False


def _numbered_rendering(name: str, bead: Bead, ja: Document, en: Document) -> list[Rendering]:
    """A product name followed by a model number (Widget 65) and rendered as whatever precedes 65.

    The number survives translation, so the word just before it in the Japanese
    renders the name even when it is translated rather than transliterated.
    """
    out = []
    for i in bead.en:
        m = re.search(re.escape(name) + r"[ -]?(\d+)\b", en.segments[i].text)
        if not m:
            continue
        for j in bead.ja:
            text = ja.segments[j].text
            for k in re.finditer(r"(?<!\d)" + m.group(1) + r"(?!\d)", text):
                run = _BEFORE_NUMBER.search(text[: k.start()])
                if run:
                    out.append(Rendering(name, j, run.start(), run.end(), run.group(), "alignment", bead.en))
    return out


def _kanji_rendered(name: str, ja_text: str) -> bool:
    """True when a JMdict word glossed by *name* occurs in the Japanese (China -> 中国)."""
    from ..lexicon.dictionary import reverse_gloss

    return any(form in ja_text for form in reverse_gloss(name.lower()))


@dataclass(frozen=True)
class TermForms:
    """One English name or term with every Japanese form it takes in the text."""

    english: str
    #: Its renderings in document order.
    renderings: tuple[Rendering, ...]
    #: The distinct forms, preferred first, each with its count and sentences (cut-short forms
    #: are not among them: they are no way of writing the name).
    variants: tuple[Variant, ...]
    #: Renderings that are the preferred form cut short (ペンバー for ペンバートン).
    truncated: tuple[Rendering, ...] = ()
    #: True when the text treats the name as a person's (an honorific, or Mr/Dr/Judge before it).
    person: bool = False
    #: The usual spelling of a well-known name (JMdict's) when the text writes it in one katakana
    #: form that no dictionary knows and that differs from it in length marks, small kana or ッ
    #: only (アメーリカ for アメリカ); "" otherwise. People's names vary too much for this.
    usual: str = ""

    @property
    def preferred(self) -> Variant:
        return next((v for v in self.variants if v.status == "preferred"), self.variants[0])


#: English titles before a person's name; the prepositive abbreviations come from pysbd's
#: maintained tables (Mr, Dr, Prof...), the rest are titles written out in full.
_EN_TITLES_FULL = ("Lord", "Lady", "Sir", "Dame", "Justice", "Judge", "Mister", "Madam")


@lru_cache(maxsize=1)
def _en_titles() -> frozenset[str]:
    try:
        from pysbd.lang.english import English

        abbreviations = {
            a.strip(".").capitalize()
            for a in English.Abbreviation.PREPOSITIVE_ABBREVIATIONS
            if a not in ("v", "vs", "fig")  # citation marks, not titles
        }
    except (ImportError, AttributeError):  # pragma: no cover - pysbd is a hard dependency
        abbreviations = set()
    return frozenset(abbreviations | set(_EN_TITLES_FULL))


@lru_cache(maxsize=1)
def _title_starts() -> re.Pattern[str]:
    """Where a title followed by a space (Mr, Dr. , Judge ) starts."""
    titles = "|".join(re.escape(t) for t in sorted(_en_titles()))
    return re.compile(rf"\b(?=(?:{titles})\.? )")


_CAP_WORD_SPACE = re.compile(r"[A-Z][\w-]* ")


def _is_word_char(text: str, k: int) -> bool:
    """Whether text[k] is a regex word character (\\w: alphanumeric or _); False out of range."""
    return 0 <= k < len(text) and (text[k].isalnum() or text[k] == "_")


@lru_cache(maxsize=8)
def _after_titles(text: str) -> tuple[int, ...]:
    """Where a name may start right after a title, its optional dot and a space (once per text)."""
    by_first: dict[str, list[str]] = {}
    for title in sorted(_en_titles()):
        by_first.setdefault(title[:1], []).append(title)
    out = []
    for m in _title_starts().finditer(text):
        s = m.start()
        for title in by_first.get(text[s], ()):
            if text.startswith(title, s):
                e = s + len(title)
                q = e + 1 if text[e : e + 1] == " " else e + 2 if text[e : e + 2] == ". " else -1
                if q >= 0:
                    out.append(q)
    return tuple(out)


def _titled(english: str, text: str) -> bool:
    """``re.search(rf"\\b(?:TITLES)\\.? (?:[A-Z][\\w-]* )*{re.escape(english)}\\b", text)``, without
    compiling a pattern of 38 titles for every name (and flushing re's cache of other patterns).

    Every position where such a match could put the name is walked: after a title, its
    optional dot and a space, then after each capitalised word and its space.
    """
    if english not in text:
        return False
    reach = _title_reach(text)
    for q in reach.get(english[0], ()) if english else [q for qs in reach.values() for q in qs]:
        r = q + len(english)
        if text.startswith(english, q) and _is_word_char(text, r - 1) != _is_word_char(text, r):
            return True
    return False


@lru_cache(maxsize=8)
def _title_reach(text: str) -> dict[str, tuple[int, ...]]:
    """Every position _titled's walk reaches, by the character there (once per text: the walk
    does not depend on the name, and a long text has thousands of titles and names)."""
    out: dict[str, list[int]] = {}
    seen: set[int] = set()
    for start in _after_titles(text):
        q = start
        while q >= 0 and q not in seen:  # from a position seen, the walk goes where it went
            seen.add(q)
            out.setdefault(text[q : q + 1], []).append(q)
            w = _CAP_WORD_SPACE.match(text, q)
            q = w.end() if w else -1
    return {c: tuple(v) for c, v in out.items()}


def _is_person(english: str, rs: Sequence[Rendering], ja: Document | None, en: Document) -> bool:
    if ja is not None and any(_person_suffix(ja.segments[r.ja].text, r.end) for r in rs):
        return True
    return _titled(english, en.text)


def _cut_short(form: str, others: Iterable[str], context: Sequence[str]) -> bool:
    """Another form of the unit is *form* continued (ペンバー of ペンバートン; but ハンドル of
    ハンドルレスポンス for "handle response" is a word of its own, see spellings.cut_of)."""
    return script_of(form) == "katakana" and any(
        cut_of(form, o, context) for o in others if o != form and script_of(o) == "katakana"
    )


def _one_part_only(form: str, english: str) -> bool:
    """A double-barrelled name (Smith-Jones) rendered by one of its parts: a name cut short.

    The name is one name, and its parts are no names of their own: one part alone is never a
    variant of the whole, and it is a cut when it renders that part clearly better than the whole.
    """
    from ..lexicon.translit import katakana_similarity

    parts = barrel_parts(english)
    if not parts or script_of(form) != "katakana" or any(c in form for c in "・＝="):
        return False
    best_part = max(katakana_similarity(form, p) for p in parts)
    return best_part >= MIN_PART and best_part > katakana_similarity(form, english) + 0.1


def group_forms(
    renderings: Sequence[Rendering],
    en: Document,
    user_terms: Iterable[GlossaryEntry] = (),
    ja: Document | None = None,
) -> tuple[TermForms, ...]:
    """Renderings grouped per English unit, with the preferred form decided.

    The preferred form is the most frequent (ties: the first seen), unless the user's
    glossary prefers another; the other forms are deprecated. A form that is another form
    cut short, or a rendering found as the start of the name's usual form, is kept apart as
    truncated (a name only ever cut short gets e2k's form as its preferred one, count 0). A
    given name that the English only uses inside a full name is folded into the full name's
    group.
    """
    approved = {e.english.lower(): e for e in user_terms}
    by_name: dict[str, list[Rendering]] = defaultdict(list)
    keys = {r.english for r in renderings}
    for r in renderings:
        by_name[_singular(r.english, keys)].append(r)
    for english in _parts_of_full_names(by_name, en):
        del by_name[english]
    return tuple(
        _term_forms(english, by_name[english], approved.get(english.lower()), en, ja)
        for english in sorted(by_name, key=lambda n: (by_name[n][0].ja, by_name[n][0].start, n))
    )


def _singular(english: str, keys: set[str]) -> str:
    """A one-word name in the plural (Newtons) is the name (Newton) when the text has that too:
    katakana does not mark number, so both are written alike."""
    if " " not in english and len(english) > 3 and english.endswith("s") and english[:-1] in keys:
        return english[:-1]
    return english


def _term_forms(
    english: str, rs: list[Rendering], user: GlossaryEntry | None, en: Document, ja: Document | None
) -> TermForms:
    """One unit's renderings as a TermForms: its forms counted, cut-short forms set apart."""
    short, parts = _short_forms(english, rs, en)
    kept = [r for r in rs if r.form not in short | parts and r.method != "prefix"]
    if english.isupper() and " " not in english and any(r.method == "bracket" for r in kept):
        # An acronym kept as itself beside its translated name (宇宙機構（JSA）, later JSA)
        # is the usual way to write it: only the translated names can disagree.
        translated = [r for r in kept if r.form != english]
        kept = translated or kept
    preferred = user.preferred.form if user and user.preferred else None
    truncated = tuple(r for r in rs if r.form in short or r.method == "prefix")
    variants = (
        _variants(kept, preferred) if kept else (Variant(_expected_form(english, truncated), 0, "preferred"),)
    )
    usual = _usual_spelling(english, variants) if len(variants) == 1 else ""
    return TermForms(english, tuple(rs), variants, truncated, _is_person(english, rs, ja, en), usual)


def _usual_spelling(english: str, variants: Sequence[Variant]) -> str:
    """JMdict's spelling of a well-known name written in one unknown katakana form that differs
    from it only in length marks, small kana or ッ (see TermForms.usual), or "". A full name is
    compared part by part with the English words."""
    form = variants[0].form
    if not variants[0].count or script_of(form) != "katakana":
        return ""
    parts, words = re.split("[・＝]", form), english.split()
    if len(parts) != len(words):
        return _usual_word(english, form)
    usual = [_usual_word(w, p) for w, p in zip(words, parts, strict=True)]
    if not any(usual):
        return ""
    return "・".join(u or p for u, p in zip(usual, parts, strict=True))


@lru_cache(maxsize=4096)
def _usual_word(english: str, form: str) -> str:
    """The usual katakana of one English name when *form* is a misspelling of it, else ""."""
    from ..lexicon.dictionary import has_gloss, names_lookup, reverse_gloss, usual_katakana
    from ..lexicon.translit import fold, normalize_kana

    # A form a dictionary knows (as a word, or as this very name) is a spelling of its own;
    # JMnedict knowing it as another name (イーンド: Yeend) says nothing about this one.
    if has_gloss(form) or any(fold(x) == fold(english) for x in names_lookup(form)):
        return ""
    key = normalize_kana(form, loose=True)
    usual = [u for w in dict.fromkeys((english, english.capitalize())) for u in usual_katakana(w)]
    # A derived word's stem as JMdict translates it (アメリカ of アメリカ人 for American).
    usual += [u for f in reverse_gloss(english.lower()) for u in _KATAKANA_RUN.findall(f)]
    # Spelt with ヴ where the dictionary has ブ, or with other separators, is the same spelling.
    strict = normalize_kana(form)
    return next(
        (u for u in usual if normalize_kana(u) != strict and normalize_kana(u, loose=True) == key), ""
    )


def _short_forms(english: str, rs: Sequence[Rendering], en: Document) -> tuple[set[str], set[str]]:
    """(forms that are another form cut short, forms that render a part of a multi-word unit).

    A longer form may hold a word of the English around the unit (ハンドルレスポンスメソッド
    beside "method"), so a shorter form that stops at such a word is no cut; and a form that is
    a whole word of a longer form of a multi-word unit (ハンドル of ハンドルレスポンス for "handle
    response") renders a part of it: a short form, neither a variant nor a cut.
    """
    forms = list(dict.fromkeys(r.form for r in rs if r.method != "prefix"))
    bead_text = " ".join(en.segments[i].text for i in sorted({i for r in rs for i in r.en}))
    context = list(dict.fromkeys(_EN_WORDS.findall(f"{english} {bead_text}")))
    short = {f for f in forms if _cut_short(f, forms, context) or _one_part_only(f, english)}
    parts = {f for f in forms if " " in english and any(part_of(f, o, context) for o in forms if o != f)}
    return short, parts


def _expected_form(english: str, cut: Sequence[Rendering]) -> str:
    """How a name the text only writes cut short is written whole: the first of JMnedict's
    spellings and e2k's katakana that the cut forms begin (メアリー for メア, not マリー); for a
    double-barrelled name each part as the text renders it, else as e2k predicts (joined by ＝)."""
    from ..lexicon.dictionary import name_spellings
    from ..lexicon.translit import is_katakana_prefix, katakana_similarity, predicted_katakana

    parts = barrel_parts(english)
    if not parts:
        # The singular first: katakana does not mark number (ニュートン for Newtons).
        words = [english[:-1], english] if english.endswith("s") and not english.endswith("ss") else [english]
        guesses = [g for w in words for g in (*name_spellings(w), predicted_katakana(w))]
        whole = [g for g in guesses if any(is_katakana_prefix(r.form, g) for r in cut)]
        return (whole or guesses)[0]
    out = []
    for p in parts:
        shown = [r.form for r in cut if katakana_similarity(r.form, p) >= MIN_PART]
        out.append(shown[0] if shown else predicted_katakana(p))
    return "＝".join(out)


def _variants(kept: Sequence[Rendering], preferred: str | None) -> tuple[Variant, ...]:
    """The distinct forms, preferred first: the most frequent (ties: the first seen) unless given.

    Kanji spellings of one reading (渡辺, 渡邊) are two forms: a name is written one way.
    """
    same = _one_spelling([r.form for r in kept], terms=all(r.kind == "term" for r in kept))
    counts = Counter(same[r.form] for r in kept)
    first = {f: min(k for k, r in enumerate(kept) if same[r.form] == f) for f in counts}
    order = sorted(counts, key=lambda f: (-counts[f], first[f]))
    chosen = order[0] if preferred is None else preferred
    variants = []
    for f in sorted(counts, key=lambda f: (f != chosen, -counts[f], first[f])):
        status: VariantStatus = "preferred" if f == chosen else "deprecated"
        sentences = tuple(sorted({r.ja for r in kept if same[r.form] == f}))
        variants.append(Variant(f, counts[f], status, sentences))
    return tuple(variants)


def _one_spelling(forms: Sequence[str], terms: bool = False) -> dict[str, str]:
    """Each form -> the first seen of the forms it is one spelling with: Latin forms that differ
    in case only (JSON, json) are one form; a choice of case is no variant of a name. For a
    lower-case term, a compound holding another form is that form with a qualifier
    (ソーシャルメディア・チャネル holds ソーシャルメディア): the same rendering."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for f in forms:
        key = f.casefold() if script_of(f) == "latin" else f
        out[f] = seen.setdefault(key, f)
    if terms:
        distinct = sorted(set(out.values()), key=len)
        for f, g in out.items():
            inner = [h for h in distinct if h != g and len(h) >= 2 and h in g]
            if inner:
                out[f] = inner[0]
    return out


def usual_scripts(entry: TermForms) -> bool:
    """The forms are the name in Latin and its usual katakana only (Twitter, ツイッター): a
    katakana form a dictionary gives for the Latin one (JMdict's gloss, JMnedict's
    transliteration or spelling). Writing a well-known name either way is a choice of script,
    not a variant; an unknown name's katakana (a coined transliteration) is no such choice."""
    from ..lexicon.dictionary import gloss, name_spellings, names_lookup
    from ..lexicon.translit import fold

    latin = [v.form for v in entry.variants if script_of(v.form) == "latin"]
    kana = [v.form for v in entry.variants if script_of(v.form) == "katakana"]
    if not latin or not kana or len(latin) + len(kana) < len(entry.variants):
        return False
    keys = {fold(x) for x in latin}
    return all(
        keys & {fold(g) for g in (*gloss(k), *names_lookup(k))} or any(k in name_spellings(x) for x in latin)
        for k in kana
    )


def _count_alone(word: str, text: str) -> int:
    """``len(re.findall(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])", text))``, without a pattern per word."""

    def joins(k: int) -> bool:
        return _is_word_char(text, k) or (0 <= k < len(text) and text[k] == "-")

    count, pos = 0, 0
    while (p := text.find(word, pos)) >= 0:
        if not joins(p - 1) and not joins(p + len(word)):
            count += 1
            pos = p + len(word)  # findall goes on after a match, past its text
        else:
            pos = p + 1
    return count


class _AloneCounts(dict[str, int]):
    """_count_alone(word, text) per word, each asked once: a long text has thousands of names,
    and scanning it for each was quadratic. A word of word characters and hyphens only is
    counted alone where it is a whole run of them, so one pass over the runs counts them all."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self._runs: Counter[str] | None = None

    def __missing__(self, word: str) -> int:
        if _RUN_OF_WORD.fullmatch(word):
            if self._runs is None:
                self._runs = Counter(_RUN_OF_WORD.findall(self.text))
            n = self._runs[word]
        else:
            n = _count_alone(word, self.text)
        self[word] = n
        return n


#: A run of regex word characters and hyphens (what _count_alone's boundaries join).
_RUN_OF_WORD = re.compile(r"[\w-]+")


def _parts_of_full_names(by_name: dict[str, list[Rendering]], en: Document) -> list[str]:
    """Single words (a given name) that the English only uses inside a full name with its own entry.

    Such an entry repeats part of the full name's entry and only adds noise to a CAT glossary.
    """
    full = [n for n in by_name if " " in n]
    out = []
    counts = _AloneCounts(en.text)
    for word in by_name:
        if " " in word or not any(word in f.split() for f in full):
            continue
        if any(r.method == "prefix" for r in by_name[word]):
            continue  # a part of a full name cut short is reported on its own
        alone = counts[word]
        inside = sum(counts[f] for f in full if word in f.split())
        if alone <= inside:
            out.append(word)
    return out
