"""Entity fidelity: every name of a bead's English has its counterpart in the bead's Japanese,
and every proper noun of the Japanese has one in the English.

The English names are capitalised words and phrases (:func:`english_entities`): runs of
capitalised words (Orlen Red Cross Hospital; split at "of" where both sides name something),
acronyms, words with inner capitals (iTunes); a sentence-initial word only if no English
dictionary knows it or the text capitalises it inside a sentence elsewhere; never a function
word (It, I'm). In a text that writes names in lower case, a word the dictionaries give as a
name is one too. The Japanese proper nouns (:func:`japanese_entities`) are UniDic's 固有名詞, a
noun before an honorific (氏, さん), katakana words JMdict gives as names or does not know
(not those it knows as ordinary words only), kanji names only the dictionaries give (JMdict
glosses in capitals, JMnedict) and Latin words.

A counterpart needs evidence, word by word (:func:`word_score`): the same Latin letters (case,
hyphens and spaces aside; an acronym and its expansion), a katakana word close to e2k's
prediction of the English word, a reading of a kanji span that spells it (UniDic, JMnedict),
or a JMdict/JMnedict gloss that is the word or its demonym (フランス for French). A name of
ordinary words only (Ministry of Foreign Affairs) is translated: a compound holding glosses or
characteristic kanji of two of its words at least renders it. A multi-word name counts as
rendered when its name words are. Inside a bead the names are tied to Japanese spans one to
one, by the best total (:mod:`.assignment`).

What is left over is what the rules report (align.rules.names): an English name with no
counterpart while the Japanese has an unexplained proper noun or, failing one, an unexplained
word that may stand in its place (substituted), an English name alone (missing, unless an
anaphor beyond the English's own refers to it) and a Japanese proper noun alone (added). The
thresholds (MIN_LEFTOVER, MIN_KNOWN, MIN_SIGNATURE, MIN_MEANING) say in their
comments how they were calibrated.
"""

from __future__ import annotations

import bisect
import calendar
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..charclass import HIRAGANA, KANJI, KATAKANA, LATIN
from ..lexicon.memo import per_document
from ..lexicon.translit import katakana_similarity, reading_matches
from ..model import Alignment, Document
from .japanese import KATAKANA_RUN as _KATAKANA_RUN

if TYPE_CHECKING:
    from ..lexicon.tokens import Token

__all__ = [
    "EntityCheck",
    "EnEntity",
    "JaEntity",
    "MIN_KATAKANA",
    "MIN_READING",
    "capitalised_inside",
    "check_entities",
    "common_word",
    "sentence_initial",
    "english_entities",
    "japanese_entities",
    "word_score",
]

#: A katakana word renders an English word when at least this close to e2k's prediction.
#: Calibrated on DEMETR's clean Japanese items and the corpora's human translations: at 0.6
#: a name is tied to an unrelated katakana word of its sentence (a magazine to its city, 0.63).
MIN_KATAKANA = 0.7
#: A kanji or kana span renders a romanised name when a reading spells it this well.
MIN_READING = 0.85
#: Share of a name's words (by length) that must be accounted for.
MIN_COVERED = 0.4

_WORD = re.compile(r"[^\W_](?:[\w]|['’.&-](?=\w))*")
#: One capitalised word (iTunes and eBay too): a period only inside it or after a dotted
#: abbreviation (U.S., Mt.), so that "Velo-RED. This" ends at the sentence.
_CAP_WORD = (
    r"(?<![\w'’.-])(?:[A-Z](?:\.[A-Z])+\.|[A-Z][a-z]{1,2}\.(?=\s[A-Z])"
    r"|(?:[a-z](?=[A-Z]))?[A-Z](?:[\w&-]|['’.](?=\w))*)"
)
_CAP_RUN = re.compile(rf"{_CAP_WORD}(?:(?:\s+(?:of|the|de|du|van|von|der|la|le|&)){{0,2}}\s+{_CAP_WORD})*")
_KATAKANA_WORD = re.compile(f"[{KATAKANA}]+")
_LATIN = re.compile(rf"[A-Za-z][0-9{LATIN}]*(?:[-.'’&][0-9{LATIN}]+)*")
_HAS_KANJI = re.compile(f"[{KANJI}]")
_HIRAGANA_ONLY = re.compile(f"[{HIRAGANA}ー]+")
#: Honorifics and titles after a person's name: the noun before them is a name.
_PERSON_SUFFIXES = frozenset({"氏", "さん", "様", "君", "ちゃん"})
_OPEN = "\"'“‘([「『"


@dataclass(frozen=True)
class EnEntity:
    """A name of one English sentence: offsets into the sentence, its words, its kind."""

    sentence: int
    start: int
    end: int
    text: str
    #: "name" or "acronym".
    kind: str = "name"
    #: The words that follow it in its sentence (a few), for an acronym of the name and
    #: them (IoT for "Internet of things").
    after: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """Its words, a hyphenated name split into its parts (Asia-Pacific: Asia, Pacific)."""
        return _name_words(self.text)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """EnEntity.words of a name, once per name (each bead's context asks for its neighbours')."""
    parts = (p for w in _WORD.findall(name) for p in w.split("-"))
    return tuple(p for p in parts if p and p.lower() not in _PARTICLES)


@dataclass(frozen=True)
class JaEntity:
    """A proper noun of one Japanese sentence: offsets into the sentence and its text."""

    sentence: int
    start: int
    end: int
    text: str
    #: "kanji", "katakana" or "latin".
    script: str
    #: Its reading in katakana ("" for Latin).
    reading: str = ""


@dataclass(frozen=True)
class Tie:
    """An English name and the Japanese span that renders it, with the evidence's score."""

    en: EnEntity
    sentence: int
    start: int
    end: int
    form: str
    score: float


@dataclass(frozen=True)
class EntityCheck:
    """The names of one bead: tied, missing on the Japanese side, or added by it."""

    bead: int
    ties: tuple[Tie, ...]
    #: English names with no counterpart (and no anaphor for them).
    missing: tuple[EnEntity, ...]
    #: Japanese proper nouns with no counterpart in the English.
    added: tuple[JaEntity, ...]
    #: English names with no counterpart that an anaphor (同氏, 彼) may stand for.
    referred: tuple[EnEntity, ...] = ()
    #: Japanese words no English word explains that may stand in a missing name's place: a
    #: katakana word JMdict knows as an ordinary one (パセリ, parsley, for a town called Parseli), a
    #: kanji name of the dictionaries. Never reported alone (ordinary words are translated
    #: freely), only paired with a missing name, after the proper nouns of *added*.
    standins: tuple[JaEntity, ...] = ()
    #: A Japanese sentence of the bead opens with a particle (は、いくつかの…): its first words
    #: are gone, so a name opening the English is lost, not a known topic left unsaid.
    cut: bool = False
    #: A Japanese sentence of the bead has a hole where a noun was (_noun_lost: 高度な扱います):
    #: a missing name is lost there, not left unsaid.
    hole: bool = False


_PARTICLES = frozenset(
    "of the a an and & de du des da di del della la le van von der den y al bin ibn".split()
)


# --- English ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    """Month and weekday names (and their abbreviations): dates, which numbers render."""
    names = [*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr]
    return frozenset(n.lower() for n in names if n)


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """True when an English dictionary knows *word* as an ordinary word (lemminflect's lexicon)."""
    from ..lexicon.latin import in_lexicon

    if len(word) >= 2 and word.isupper():
        return False  # an acronym (US, IT) is a name, whatever lower-case word it spells
    low = word.lower()
    return in_lexicon(low) or low in _stop_words()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from .english import stop_words

    return stop_words()


@lru_cache(maxsize=65536)
def _function_word(word: str) -> bool:
    """A stop word that no JMdict gloss uses as a content word (it, in, that, I'm): the stop
    list alone also holds nouns (states, group, bill) that name things."""
    from ..lexicon.dictionary import gloss_vocabulary

    low = word.lower().replace("’", "'")
    return low in _stop_words() and low not in gloss_vocabulary()


def sentence_initial(text: str, start: int) -> bool:
    """The word at *start* begins a sentence: the text's start, after a full stop, or the first
    word of a quotation ("Oh, I'll get the slides later")."""
    if text[:start].rstrip(" ").endswith(tuple(_OPEN)):
        return True
    before = text[:start].rstrip(_OPEN + " ")
    return not before or before.endswith((".", "!", "?", ":", ";"))


def _inflected_verb(word: str) -> bool:
    """An inflected verb, adjective or adverb with no noun reading (Indicates, Involves,
    Getting): capitalised by a slip, it names nothing."""
    from ..lexicon.latin import all_lemmas

    lemmas = all_lemmas(word.lower())
    return (
        bool(lemmas)
        and not {"NOUN", "PROPN"} & set(lemmas)
        and word.lower() not in {lemma for forms in lemmas.values() for lemma in forms}
    )


def _name_word(word: str) -> bool:
    """A word that can be (part of) a name: a capital first, not a date, not an amount (W86bn,
    A$240mn) or a unit (MWh): a word with digits is a name only when short (J3, G7)."""
    capital = word[:1].isupper() or (word[:1].islower() and word[1:2].isupper())
    if not capital or word.lower() in _calendar_words():
        return False
    stem = re.split("['’]", word)[0]
    if stem == "I" or _function_word(word) or _function_word(stem):
        return False  # It, In, That, I'm, It's: function words, capitalised or not
    if any(c.isdigit() for c in word) and (len(word) > 3 or "." in word):
        return False
    if _is_unit(word):
        return False
    # A single letter (I, C for Celsius, X), or its plural (Ns), is no name to render.
    return len(word) > 1 and not re.fullmatch("[A-Z]s", word)


@lru_cache(maxsize=4096)
def _is_unit(word: str) -> bool:
    """A unit of measure (MWh, GHz, km), as the quantity grammar knows them."""
    from ..lexicon.quantities import en_quantities

    return any(q.unit and q.text.endswith(word) for q in en_quantities(f"5 {word}"))


def _letter_of_name(text: str, words: list[tuple[int, str]]) -> bool:
    """A capital letter inside a sentence that heads a name (R Markdown, C Sharp): part of it,
    so that the name differs from its last word (Markdown and R Markdown are two names). Not
    the article A or I, nor a letter that opens its sentence."""
    start, word = words[0]
    return (
        len(words) > 1
        and re.fullmatch("[B-HJ-Z]", word) is not None
        and _name_word(words[1][1])
        and not sentence_initial(text, start)
    )


def _run_words(text: str, m: re.Match[str]) -> list[tuple[int, str]]:
    """The words of one capitalised run, as (offset in the sentence, word)."""
    words = [(w.start() + m.start(), w.group()) for w in _WORD.finditer(m.group())]
    # A possessive ('s) is no part of the name.
    words = [(s, re.sub(r"['’]s$", "", w)) for s, w in words]
    # IT-related, London-based: the capitalised part is the name.
    words = [
        (s, w.split("-")[0]) if "-" in w and not w.split("-")[-1][:1].isupper() else (s, w) for s, w in words
    ]
    # An abbreviation before a number (No. 4, Vol. 2) is no name.
    return [(s, w) for s, w in words if not re.match(r"\.\s*\d", text[s + len(w) : s + len(w) + 3])]


def _split_of(words: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A run split at "of" where both sides name something: after a name word (Brannick Holt
    of Veltham), or between two parts that each hold a name word (Orlen School of the
    University of Veltham: a school and a university). Board of Trade and Bank of Japan stay
    one name: an ordinary noun heads them."""
    runs: list[list[tuple[int, str]]] = [[]]
    for k, (s, w) in enumerate(words):
        if w == "of" and k > 0 and (not common_word(words[k - 1][1]) or _named_both_sides(words, k)):
            runs.append([])
            continue
        runs[-1].append((s, w))
    return [r for r in runs if r]


def _named_both_sides(words: list[tuple[int, str]], k: int) -> bool:
    """The words before the "of" at *k* (back to the previous "of") and after it each hold a
    word no English dictionary knows."""
    left = [w for _, w in words[:k]]
    right = [w for _, w in words[k + 1 :]]
    left = left[len(left) - left[::-1].index("of") :] if "of" in left else left

    def named(part: list[str]) -> bool:
        return any(w[:1].isupper() and not common_word(w) for w in part)

    return named(left) and named(right)


def _trim(
    text: str, words: list[tuple[int, str]], names: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    """Particles, dates, units and a sentence-initial ordinary word off both ends of a run.
    *names*: words the text capitalises inside sentences, names at a sentence's start too."""
    # A sentence-initial ordinary word ("Pitcher", "However") is no name.
    while (
        words
        and sentence_initial(text, words[0][0])
        and common_word(words[0][1])
        and words[0][1] not in names
        and not name_noun(words[0][1])
    ):
        words = words[1:]
    while (
        words
        and (words[0][1].lower() in _PARTICLES or not _name_word(words[0][1]))
        and not _letter_of_name(text, words)
    ):
        words = words[1:]
    while words and (words[-1][1].lower() in _PARTICLES or not _name_word(words[-1][1])):
        words = words[:-1]
    if len(words) == 1 and _inflected_verb(words[0][1]):
        return []
    return words


def _sentence_entities(
    sentence: int,
    text: str,
    names: frozenset[str] = frozenset(),
    lower: bool = False,
    plain: frozenset[str] = frozenset(),
) -> list[EnEntity]:
    """The names of one sentence; *names* as for _trim, *plain* the words the text writes in
    lower case (a sentence-initial one is a word too)."""
    out: list[EnEntity] = []
    for m in _CAP_RUN.finditer(text):
        for run in _split_of(_run_words(text, m)):
            if (
                run
                and sentence_initial(text, run[0][0])
                and run[0][1].lower() in plain
                and not (lower and name_noun(run[0][1]))
            ):
                run = run[1:]
            words = _trim(text, run, names)
            if not words:
                weak = _weak_initial(sentence, text, run)
                out.extend([weak] if weak else [])
                continue
            start, end = words[0][0], words[-1][0] + len(words[-1][1])
            name = text[start:end]
            kind = "acronym" if name.isupper() and " " not in name and len(name) >= 2 else "name"
            out.append(EnEntity(sentence, start, end, name, kind, text[end : end + _AFTER]))
    # Outside a text that writes its names in lower case, such a word is a weak name: one
    # name of a sentence written in lower case (he went to veltham) counts where the Japanese
    # has another name in its place, which the text's other names cannot tell.
    found = _lower_names(sentence, text, out, "name" if lower else "weak")
    return sorted(out + found, key=lambda e: e.start)


#: How much of the text after a name EnEntity.after keeps (three or four words).
_AFTER = 30


def _lower_names(sentence: int, text: str, found: Sequence[EnEntity], kind: str = "name") -> list[EnEntity]:
    """Names written in lower case (_lower_name), adjacent ones as one (beurre blanc)."""
    taken = [(e.start, e.end) for e in found]
    lower = [
        (m.start(), m.end())
        for m in _LOWER_WORD.finditer(text)
        if _lower_name(m.group())
        and not any(a <= m.start() < b for a, b in taken)
        and not _in_idiom(m.group(), text.lower())
    ]
    # Adjacent ones are one name (beurre blanc).
    runs: list[list[int]] = []
    for a, b in lower:
        if runs and text[runs[-1][1] : a] == " ":
            runs[-1][1] = b
        else:
            runs.append([a, b])
    return [EnEntity(sentence, a, b, text[a:b], kind) for a, b in runs]


@lru_cache(maxsize=65536)
def _lower_name(word: str) -> bool:
    """A lower-case word no English dictionary knows that JMnedict gives as a name of a kind
    (a person, a place, a company), under its usual katakana (e2k) or a spelling JMnedict gives
    for it (tony: トニー, a given name; boston: ボストン, a place). Some texts write names in
    lower case; jargon and slips (wanna, dataset) are no such names."""
    from ..lexicon.dictionary import name_types
    from ..lexicon.latin import in_lexicon
    from ..lexicon.translit import predicted_katakana

    if in_lexicon(word.lower()) or word in _stop_words():
        return False
    # A name of a kind (a person, a place, a company): JMnedict leaves the slang and jargon
    # it merely transliterates (gotta, prima facie) unclassified. Calibrated on the lectures
    # of benchmarks/perturb.py with no capital inside a sentence: with any JMnedict or JMdict
    # name, their slang was reported as missing names.
    return any(set(name_types(k)) - {"unclass"} for k in (predicted_katakana(word), *_name_katakana(word)))


def _in_idiom(word: str, text: str) -> bool:
    """The word stands in a lower-case phrase that JMdict glosses with it (beck in "at her beck
    and call"): a word of an idiom, not a name."""
    return any(p.search(text) for p in _idiom_patterns(word))


@lru_cache(maxsize=4096)
def _idiom_patterns(word: str) -> tuple[re.Pattern[str], ...]:
    """_idioms of a word as whole-word patterns, compiled once (re's own cache is smaller than
    a long text's words)."""
    return tuple(re.compile(rf"(?<![\w'’]){re.escape(p)}(?![\w'’])") for p in _idioms(word))


@lru_cache(maxsize=16384)
def _idioms(word: str) -> tuple[str, ...]:
    """The runs of words around *word* in JMdict's lower-case gloss phrases that hold it and
    another content word ("beck and call", "at one's beck and call"...)."""
    from ..lexicon.dictionary import gloss_phrases, reverse_gloss

    out = set()
    for form in reverse_gloss(word):
        for phrase in gloss_phrases(form):
            words = phrase.split()
            if phrase != phrase.lower() or word not in words:
                continue
            k = words.index(word)
            runs = [words[a:b] for a in range(k + 1) for b in range(k + 2, len(words) + 1)]
            # A run with another content word ("beck and call", not "of paris").
            out |= {" ".join(r) for r in runs if any(w != word and not _function_word(w) for w in r)}
    return tuple(sorted(out))


@lru_cache(maxsize=16384)
def _name_katakana(word: str) -> tuple[str, ...]:
    """The katakana spellings JMnedict and JMdict give for a name written *word* (jane: ジェーン,
    ジェイン...; boston: ボストン), three kana at least."""
    from ..lexicon.dictionary import name_spellings, usual_katakana

    name = word.capitalize()
    spellings = (*name_spellings(name), *usual_katakana(name))
    return tuple(k for k in dict.fromkeys(spellings) if len(k) >= 3 and _KATAKANA_RUN.fullmatch(k))


def _weak_initial(sentence: int, text: str, run: list[tuple[int, str]]) -> EnEntity | None:
    """A capitalised ordinary noun alone at a sentence's start in the possessive, with no
    article ("Marrow's car was found"): a common noun there would take one, so it may be a
    name; only the Japanese can tell. It counts only where the Japanese has a name nothing
    else explains (kind "weak")."""
    if len(run) != 1:
        return None
    start, word = run[0]
    possessive = re.match(r"['’]s\b", text[start + len(word) :])
    if not sentence_initial(text, start) or not _name_word(word) or not common_word(word):
        return None
    if word.lower() in _stop_words():
        return None  # Let's, What's, Here's: a contraction, not a possessive noun
    if not possessive:
        # A noun that opens its sentence (Android provides...) may be a name the text
        # capitalises nowhere else: it counts only against a Latin name (kind "initial").
        return EnEntity(sentence, start, start + len(word), word, "initial") if _is_noun(word) else None
    return EnEntity(sentence, start, start + len(word), word, "weak")


@lru_cache(maxsize=16384)
def name_noun(word: str) -> bool:
    """A capitalised word that English dictionaries know as an ordinary noun but that opens its
    sentence bare is a given name when it is only a singular noun (no verb to begin an
    imperative, no adjective), UniDic gives its usual katakana as a proper noun, and no JMdict
    word is glossed by it alone: Tom (トム), not Mark, Bill or Rice (マーク, ビル, ライス: UniDic's
    common nouns), nor Dad or Taro (お父さん, 里芋: JMdict translates them). A bare singular noun
    at a sentence's start would take an article as an ordinary word; a text that writes names
    in lower case capitalises them only there."""
    from ..lexicon.dictionary import jmdict_phrases, reverse_gloss
    from ..lexicon.latin import all_lemmas
    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import predicted_katakana

    low = word.lower()
    if not word[:1].isupper() or low in _stop_words() or not _name_word(word):
        return False
    lemmas = all_lemmas(low)
    if not lemmas or set(lemmas) - {"NOUN", "PROPN"} or low not in {f for fs in lemmas.values() for f in fs}:
        return False
    tokens = tokenize(predicted_katakana(low))
    if len(tokens) != 1 or tokens[0].pos2 != "固有名詞":
        return False
    return not any(low in (p.lower() for p in jmdict_phrases(f)) for f in reverse_gloss(low))


@lru_cache(maxsize=16384)
def _is_noun(word: str) -> bool:
    from ..lexicon.latin import all_lemmas

    return "NOUN" in all_lemmas(word.lower())


def english_entities(en: Document, ja: Document | None = None) -> dict[int, list[EnEntity]]:
    """The names of every English sentence (see the module's docstring); with the Japanese
    *ja*, names written in lower case too where the text capitalises nothing inside its
    sentences (it writes its names in lower case: _lower_name tells them from its slang)."""
    segments = [seg for seg in en.segments if not seg.is_metadata]
    texts = list(dict.fromkeys(seg.text for seg in segments))  # each distinct text once
    names = capitalised_inside(texts)
    lower = ja is not None and not names
    # A word the text also writes in lower case is a word, not a name: capitalised in a
    # title ("If You're So Smart") or at a sentence's start (slang no dictionary knows: Cuz).
    plain = frozenset(m.group() for text in texts for m in _LOWER_WORD2.finditer(text))
    names = frozenset(w for w in names if w.lower() not in plain)
    # Each distinct text once (a long document repeats its sentences); a repeat gets the first
    # one's names with its own sentence index.
    first: dict[str, list[EnEntity]] = {}
    out: dict[int, list[EnEntity]] = {}
    for seg in segments:
        done = first.get(seg.text)
        if done is None:
            out[seg.index] = first[seg.text] = _sentence_entities(seg.index, seg.text, names, lower, plain)
        else:
            out[seg.index] = [EnEntity(seg.index, e.start, e.end, e.text, e.kind, e.after) for e in done]
    return out


#: A lower-case word of two letters or more (so, cuz), for the words a text writes in lower case.
_LOWER_WORD2 = re.compile(r"(?<![\w'’.-])[a-z]{2,}(?![\w'’-])")


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")


def capitalised_inside(texts: Iterable[str]) -> frozenset[str]:
    """Words a text capitalises inside its sentences (Android in "the Android client"): names
    wherever they stand, at a sentence's start too."""
    out = set()
    for text in dict.fromkeys(texts):  # each distinct text once: a long text repeats sentences
        for m in _WORD.finditer(text):
            w = m.group()
            if w[:1].isupper() and not w.isupper() and not sentence_initial(text, m.start()):
                out.add(w)
    # Function words capitalised in a title ("If You're So Smart") and I've, I'd name nothing.
    return frozenset(w for w in out if not _function_word(w) and re.split("['’]", w)[0] != "I")


# --- Japanese --------------------------------------------------------------------------


def _script(form: str) -> str:
    if _LATIN.fullmatch(form):
        return "latin"
    if _KATAKANA_RUN.fullmatch(form):
        return "katakana"
    return "kanji"


@lru_cache(maxsize=65536)
def _kana_sense(word: str) -> str:
    """What JMdict knows a katakana word as: "name" (its glosses are capitalised: Facebook,
    London), "common" (melon, system), "both" (apple and Apple) or "unknown" (not in it)."""
    from ..lexicon.dictionary import jmdict_phrases

    phrases = jmdict_phrases(word)
    if not phrases:
        return "unknown"
    proper = [p[:1].isupper() for p in phrases]
    return "both" if any(proper) and not all(proper) else "name" if all(proper) else "common"


def _known_katakana(word: str) -> bool:
    """A katakana word JMdict knows (ソーシャル, キャンペーン)."""
    return _kana_sense(word) != "unknown"


def _katakana_words(run: str) -> list[tuple[int, int, str]]:
    """The words of a katakana run, split at ・ and ＝: (start, end, word) in the run."""
    return [(m.start(), m.end(), m.group()) for m in _KATAKANA_WORD.finditer(run)]


def _proper_kana(word: str, is_proper: bool, whole: bool = False) -> bool:
    """A katakana word that names something: JMdict gives it as a name only; or it gives it as
    a name too and UniDic reads it as one here (Apple, not apple); or no dictionary knows it
    as an ordinary word, or JMnedict gives it whole. A word JMdict knows only as an ordinary
    one is a name only where UniDic reads the whole word as one proper noun (*whole*: カール
    as Karl, not curl), not where it guesses one inside it (サトウキビ: サトウ + キビ)."""
    sense = _kana_sense(word)
    if sense == "name":
        return True
    if sense == "both":
        return is_proper
    if sense == "common":
        return whole
    # A compound of ordinary words that JMnedict gives as a name is one (a valley, a street).
    return is_proper or not _compound_of_known(word) or _jmnedict_name(word)


@lru_cache(maxsize=16384)
def _jmnedict_name(word: str) -> bool:
    from ..lexicon.dictionary import name_types

    return bool(name_types(word))


def _katakana_entities(sentence: int, text: str, tokens: Sequence[object]) -> list[JaEntity]:
    out = []
    proper = [(t.start, t.end) for t in tokens if t.pos2 == "固有名詞"]  # type: ignore[attr-defined]
    for m in _KATAKANA_RUN.finditer(text):
        run = m.group()
        if len(run.replace("ー", "")) < 2:
            continue
        words = _katakana_words(run)
        names = [
            _proper_kana(
                w,
                any(m.start() + a <= s and e <= m.start() + b for s, e in proper),
                (m.start() + a, m.start() + b) in proper,
            )
            for a, b, w in words
        ]
        if any(names):
            out.append(JaEntity(sentence, m.start(), m.end(), run, "katakana", run))
    return out


@lru_cache(maxsize=65536)
def _compound_of_known(word: str) -> bool:
    """A katakana compound of dictionary words (ソーシャルメディア): UniDic splits it into known
    common nouns, each at least two kana long."""
    from ..lexicon.tokens import tokenize

    toks = tokenize(word)
    return len(toks) > 1 and all(
        t.pos2 != "固有名詞" and len(t.surface) >= 2 and _known_katakana(t.surface) for t in toks
    )


def _kanji_entities(sentence: int, text: str, tokens: Sequence[object]) -> list[JaEntity]:
    """UniDic proper nouns in kanji or kana (with the nouns that continue them: 浅野川), and the
    noun before an honorific (石束氏)."""
    out: list[JaEntity] = []
    toks = list(tokens)
    # Only a proper noun or a noun before an honorific starts one (most sentences have neither).
    if not any(t.pos2 == "固有名詞" or t.surface in _PERSON_SUFFIXES for t in toks):  # type: ignore[attr-defined]
        return out
    k = 0
    while k < len(toks):
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        before_honorific = (
            nxt is not None
            and nxt.surface in _PERSON_SUFFIXES  # type: ignore[attr-defined]
            and t.pos1 == "名詞"  # type: ignore[attr-defined]
            and _HAS_KANJI.search(t.surface)  # type: ignore[attr-defined]
        )
        era = nxt is not None and (nxt.pos2 == "数詞" or nxt.surface == "元年")  # type: ignore[attr-defined]
        # Katakana and Latin words have their own passes (a Latin word UniDic does not know is
        # tagged a proper noun: an English word left untranslated is no name).
        own_pass = _KATAKANA_WORD.fullmatch(t.surface) or _LATIN.fullmatch(t.surface)  # type: ignore[attr-defined]
        if not (t.pos2 == "固有名詞" or before_honorific) or own_pass or era:  # type: ignore[attr-defined]
            k += 1
            continue
        j = k
        # A proper noun written in two tokens (石 + 束 before 氏, 習近 + 平).
        while j + 1 < len(toks) and toks[j + 1].start == toks[j].end and _joins(toks[j + 1]):  # type: ignore[attr-defined]
            j += 1
        start, end = toks[k].start, toks[j].end  # type: ignore[attr-defined]
        form = text[start:end]
        if _HAS_KANJI.search(form) and len(form) >= 2 or len(form) >= 3:
            reading = "".join(x.reading for x in toks[k : j + 1])  # type: ignore[attr-defined]
            out.append(JaEntity(sentence, start, end, form, "kanji", reading))
        k = j + 1
    return out


def _joins(t: object) -> bool:
    """A token that continues a proper noun: another proper noun written in kanji."""
    return t.pos2 == "固有名詞" and bool(_HAS_KANJI.search(t.surface))  # type: ignore[attr-defined]


def _latin_entities(sentence: int, text: str) -> list[JaEntity]:
    norm = unicodedata.normalize("NFKC", text)
    if len(norm) != len(text):
        norm = text  # offsets must stay; full-width letters are rare enough to skip then
    out = []
    for m in _LATIN.finditer(norm):
        w = m.group()
        if len(w) < 2 or not any(c.isupper() for c in w):
            continue  # units (km, kg) and lower-case words are not names
        if _common_acronym(w):
            continue  # PC, TV, URL: ordinary words of the dictionary, as loanwords are
        out.append(JaEntity(sentence, m.start(), m.end(), w, "latin"))
    return out


@lru_cache(maxsize=16384)
def _common_acronym(word: str) -> bool:
    """An acronym that JMdict spells out in lower case only (PC, personal computer; TV,
    television), not as a name (NASA, National Aeronautics and Space Administration)."""
    from ..lexicon.dictionary import jmdict_phrases

    if not word.isupper() or not word.isalpha():
        return False
    expansions = [p for p in jmdict_phrases(word.translate(_FULL_WIDTH)) if not p.isupper()]
    return bool(expansions) and all(p[:1].islower() for p in expansions)


def japanese_entities(sentence: int, text: str) -> list[JaEntity]:
    """The proper nouns of one Japanese sentence (see the module's docstring)."""
    # The constructor, not dataclasses.replace: this runs for every sentence of every bead.
    return [JaEntity(sentence, e.start, e.end, e.text, e.script, e.reading) for e in _text_entities(text)]


@per_document
@lru_cache(maxsize=1 << 16)
def _text_entities(text: str) -> tuple[JaEntity, ...]:
    """japanese_entities of a text, once per distinct text (a sentence is seen by every bead
    the aligner tries it in, and articles repeat sentences); the sentence index is put back."""
    return tuple(_japanese_entities(0, text))


def _japanese_entities(sentence: int, text: str) -> list[JaEntity]:
    from ..lexicon.tokens import tokenize

    tokens = tokenize(text)
    out = _katakana_entities(sentence, text, tokens) + _latin_entities(sentence, text)
    taken = [(e.start, e.end) for e in out]
    for e in _kanji_entities(sentence, text, tokens):
        if not any(s < e.end and e.start < t for s, t in taken):
            out.append(e)
            taken.append((e.start, e.end))
    # Kanji names no tokenizer knows as one, which the dictionaries give (see _dictionary_names).
    for e in _dictionary_names(sentence, text):
        if not any(s < e.end and e.start < t for s, t in taken):
            out.append(e)
    return sorted(out, key=lambda e: e.start)


# --- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """A span of the bead's Japanese that may render an English word."""

    sentence: int
    start: int
    end: int
    form: str
    script: str
    reading: str


def _pieces(sentence: int, text: str) -> list[_Piece]:
    """Latin words, katakana runs with their words, and noun tokens with their bigrams."""
    return [replace(p, sentence=sentence) for p in _text_pieces(text)]


@per_document
@lru_cache(maxsize=1 << 16)
def _text_pieces(text: str) -> tuple[_Piece, ...]:
    """_pieces of a text, once per distinct text (see _text_entities)."""
    return tuple(_make_pieces(0, text))


def _latin_pieces(sentence: int, norm: str) -> list[_Piece]:
    """Latin words, a capital letter heading a name taken in (R Markdown: another name than
    Markdown, as _letter_of_name has it in the English)."""
    words = list(_LATIN.finditer(norm))
    out: list[_Piece] = []
    k = 0
    while k < len(words):
        m = words[k]
        start, end = m.start(), m.end()
        nxt = words[k + 1] if k + 1 < len(words) else None
        if (
            nxt is not None
            and re.fullmatch("[B-HJ-Z]", m.group())
            and norm[end : nxt.start()] == " "
            and nxt.group()[:1].isupper()
        ):
            end = nxt.end()
            k += 1
        out.append(_Piece(sentence, start, end, norm[start:end], "latin", ""))
        k += 1
    return out


def _make_pieces(sentence: int, text: str) -> list[_Piece]:
    from ..lexicon.tokens import tokenize

    out: list[_Piece] = []
    norm = unicodedata.normalize("NFKC", text)
    if len(norm) == len(text):
        out += _latin_pieces(sentence, norm)
    tokens = tokenize(text)
    for m in _KATAKANA_RUN.finditer(text):
        out.append(_Piece(sentence, m.start(), m.end(), m.group(), "katakana", m.group()))
        # Its words: split at ・, and where UniDic splits a compound (ナゴヤ + ドーム).
        inner = {(w.start(), w.end()) for w in _KATAKANA_WORD.finditer(m.group())}
        inner |= {
            (t.start - m.start(), t.end - m.start())
            for t in tokens
            if m.start() <= t.start and t.end <= m.end()
        }
        for a, b in sorted(inner):
            # UniDic's pieces of an unknown name are noise (ヴァイヤン -> ヴァイ + ヤン): 3 kana at least.
            if (a, b) != (0, len(m.group())) and b - a >= 3:
                out.append(
                    _Piece(sentence, m.start() + a, m.start() + b, m.group()[a:b], "katakana", m.group()[a:b])
                )
    from .japanese import compounds

    for c in compounds(text):
        if _HAS_KANJI.search(c.text) and not c.text.isascii():
            out.append(_Piece(sentence, c.start, c.end, c.text, "kanji", ""))
    toks = [t for t in tokens if t.pos1 in ("名詞", "接頭辞", "接尾辞", "形状詞") and t.pos2 != "数詞"]
    for k, t in enumerate(toks):
        if _KATAKANA_WORD.fullmatch(t.surface) or t.surface.isascii():
            continue
        out.append(_Piece(sentence, t.start, t.end, t.surface, "kanji", t.reading))
        if k + 1 < len(toks) and toks[k + 1].start == t.end and not toks[k + 1].surface.isascii():
            u = toks[k + 1]
            out.append(
                _Piece(sentence, t.start, u.end, text[t.start : u.end], "kanji", t.reading + u.reading)
            )
    return out


@lru_cache(maxsize=65536)
def _glosses(form: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """JMdict's gloss words of a form, and its whole gloss phrases (JMnedict's too)."""
    from ..lexicon.dictionary import gloss_phrases

    phrases = gloss_phrases(form)
    single = _gloss_words(form)
    return single, tuple(dict.fromkeys(p.lower() for p in phrases)) + tuple(
        p for p in phrases if p.isupper() and len(p) >= 2
    )


@lru_cache(maxsize=65536)
def _gloss_words(form: str) -> frozenset[str]:
    """_glosses(form)[0] alone, without the phrase queries (the demonym test asks it of two
    forms per word that are seldom words: フランス人, フランス語)."""
    from ..lexicon.dictionary import gloss

    single = gloss(form)
    # A hyphenated gloss (japan-australia for 日豪) names each of its parts.
    return single | {p for g in single if "-" in g for p in g.split("-") if p}


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> frozenset[str]:
    """The lemmas lemminflect's table gives a word (nouns, verbs, adjectives), lower case; none
    for a word of three letters or less (its lemmas are too many to tell anything)."""
    from ..lexicon.latin import all_lemmas

    if len(word) <= 3:
        return frozenset()
    return frozenset(x.lower() for forms in all_lemmas(word.lower()).values() for x in forms)


@lru_cache(maxsize=65536)
def _gloss_lemmas(form: str) -> frozenset[str]:
    """The lemmas of a form's one-word JMdict glosses (rating: rating, rate)."""
    return frozenset(x for g in _gloss_words(form) for x in _lemmas(g))


def _plain(word: str) -> str:
    """Lower case without dots (U.S. -> us)."""
    return word.lower().replace(".", "")


def _close_word(a: str, b: str) -> bool:
    """One word in two grammatical forms: Ghanaian ~ ghana, British ~ britain, strategic ~ strategy."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    # Derived forms keep the stem: all but the last two letters of the shorter word (Spain ~
    # Spanish, Norway ~ Norwegian), three for long words JMdict glosses with (Britain ~
    # British, not service ~ series);
    # two names that merely start alike do not (Morikawa ~ Moriyama).
    shortest = min(len(a), len(b))
    shared = len(os.path.commonprefix([a, b]))
    if shared < max(3, shortest - 3):
        return False  # too short a stem even for two dictionary words: no look-up needed
    if shared < max(3, shortest - 2):
        from ..lexicon.dictionary import gloss_vocabulary

        if not (shortest >= 7 and a in gloss_vocabulary() and b in gloss_vocabulary()):
            return False
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) >= 65


def _gloss_score(words: Sequence[str], form: str) -> bool:
    """JMdict (or JMnedict) translates *form* by these English words: a whole gloss phrase for
    several words (united states of america), a gloss word for one."""
    single, phrases = _glosses(form)
    plain = [_plain(w) for w in words]
    if len(plain) > 1:
        joined = " ".join(plain)
        return any(p == joined or p.startswith(joined + " ") for p in phrases)
    w = plain[0]
    if w in single or w in phrases:
        return True
    # A derived form (strategic ~ strategy) of a gloss of a content word: a kana-only word
    # (こと, a thing, a state) glosses too much for a form merely close to one to count.
    if not _HIRAGANA_ONLY.fullmatch(form) and any(_close_word(w, g) for g in _stems(form).get(w[:3], ())):
        return True
    # One word in another inflection (analyses ~ analysis; rates ~ rating, both of "rate").
    # (A word without lemmas skips the form's, which take a look-up per gloss word.)
    if (lemmas := _lemmas(w)) and lemmas & _gloss_lemmas(form):
        return True
    if _demonym(w, form):
        return True
    # An acronym and the longer acronym JMdict gives (US ~ USA).
    return words[0].replace(".", "").isupper() and any(
        g.startswith(words[0].replace(".", "")) and len(g) == len(w) + 1 for g in phrases if g.isupper()
    )


@lru_cache(maxsize=65536)
def _stems(form: str) -> dict[str, tuple[str, ...]]:
    """The gloss words of four letters or more of a form by their first three: a word that is
    not one of them (_close_word) shares its first three letters (looking at them all was the
    phrase layer's most frequent call)."""
    out: dict[str, list[str]] = {}
    for g in _glosses(form)[0]:
        if len(g) >= 4:
            out.setdefault(g[:3], []).append(g)
    return {k: tuple(v) for k, v in out.items()}


def _demonym(word: str, form: str) -> bool:
    """An English word for the people or the language of a place (French ~ フランス): JMdict
    glosses the place with 人 (person) or 語 (language) after it with the word."""
    if len(word) < 4 or not _HAS_KANJI.search(form) and not _KATAKANA_WORD.fullmatch(form):
        return False
    return any(word in _gloss_words(form + suffix) for suffix in ("人", "語"))


@lru_cache(maxsize=65536)
def _latin_names(form: str) -> tuple[str, ...]:
    from ..lexicon.dictionary import names_lookup

    return names_lookup(form)


def word_score(word: str, piece: _Piece) -> float:
    """How well one Japanese piece renders one English word (or name), in [0, 1]."""
    return _word_score(word, piece.form, piece.script, piece.reading)


# A name is compared with the same pieces in bead after bead, and in both directions: the
# score depends only on the strings, so each distinct comparison is made once per process.
@lru_cache(maxsize=65536)
def _word_score(word: str, form: str, script: str, reading: str) -> float:
    if script == "latin":
        return 1.0 if _squash(form) == _squash(word) or _acronym_of(form, word) else 0.0
    words = word.split()
    if _gloss_score(words, form):
        return 1.0
    if _spells_latin_name(word, form):
        return 1.0
    if script == "katakana":
        return katakana_similarity(form, word)
    if not word[:1].isupper() or not any(c.isalpha() for c in word):
        return 0.0
    if _cheap_reading(reading, word) < 0.6:
        return 0.0
    return reading_matches(form, word)


def _spells_latin_name(word: str, form: str) -> bool:
    """One of JMnedict's Latin names of *form* and the English word spell one name, or its
    adjective (Spain ~ Spanish). A kanji form has dozens of names: their keys are looked up,
    not compared one by one."""
    b = _name_key(word)
    keys, by_stem = _latin_keys(form)
    if b in keys:
        return True
    # _close_word of two different keys needs their first three letters in common.
    return any(_close_word(a, b) for a in by_stem.get(b[:3], ()))


@lru_cache(maxsize=65536)
def _latin_keys(form: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The name keys of a form's JMnedict Latin names (empty ones left out), and those of four
    letters or more by their first three."""
    keys = {k for x in _latin_names(form) if (k := _name_key(x))}
    by_stem: dict[str, list[str]] = {}
    for k in sorted(keys):
        if len(k) >= 4:
            by_stem.setdefault(k[:3], []).append(k)
    return frozenset(keys), {s: tuple(v) for s, v in by_stem.items()}


@lru_cache(maxsize=65536)
def _name_key(roman: str) -> str:
    from ..lexicon.translit import name_key

    return name_key(roman)


@lru_cache(maxsize=65536)
def _cheap_reading(reading: str, word: str) -> float:
    """A quick look at UniDic's reading alone, before the full (JMnedict) comparison."""
    from rapidfuzz.fuzz import partial_ratio

    from ..lexicon.translit import name_key, romaji

    a, b = name_key(romaji(reading)), name_key(word)
    return partial_ratio(a, b) / 100 if a and b else 0.0


def _needed(piece: _Piece) -> float:
    return MIN_KATAKANA if piece.script == "katakana" else MIN_READING


def _read_in_sentence(
    word: str, sentence: int, text: str, taken: Sequence[tuple[int, int, int]] = ()
) -> _Piece | None:
    """A run of up to four tokens of any kind whose readings spell *word* (名残る ~ Nanokoru),
    outside the spans *taken* by other names' ties."""
    from rapidfuzz.fuzz import ratio

    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import name_key, romaji

    target = name_key(word)
    if len(target) < 4:
        return None
    toks = tokenize(text)
    keys = [name_key(romaji(t.reading)) for t in toks]
    content = [
        t.pos1 not in ("助詞", "助動詞", "補助記号", "空白") and bool(keys[n]) for n, t in enumerate(toks)
    ]
    for a in range(len(toks)):
        if not content[a]:
            continue
        for b in range(a, min(a + 4, len(toks))):
            if not content[b]:
                break
            key = "".join(keys[a : b + 1])
            if len(key) > len(target) + 2:
                break
            span = (sentence, toks[a].start, toks[b].end)
            if ratio(key, target) >= 100 * MIN_READING and not any(_overlaps(span, t) for t in taken):
                form = text[toks[a].start : toks[b].end]
                return _Piece(sentence, toks[a].start, toks[b].end, form, "kanji", "")
    return None


# --- one bead ---------------------------------------------------------------------------


def _weights(entity: EnEntity) -> dict[str, float]:
    """Each word's weight: its length; generic words (City) count only in a name of generic words."""
    words = entity.words
    proper = [w for w in words if not common_word(w)]
    return {w: float(len(w)) for w in (proper or words)}


def _min_covered(entity: EnEntity) -> float:
    """A name of ordinary words only (United States, Red Cross) needs all of them: one generic
    word (States ~ 州) says nothing about which name it is."""
    return MIN_COVERED if any(not common_word(w) for w in entity.words) else 0.99


def _phrase_words(entity: EnEntity, piece: _Piece) -> frozenset[str]:
    """Words of the name that a gloss phrase of the piece translates together: a phrase of the
    name ("Department of Defense" in "US Department of Defense") or its initials (United States
    ~ us)."""
    if piece.script == "latin":
        return frozenset()
    return _phrase_words_of(entity.text, piece.form)


@lru_cache(maxsize=65536)
def _phrase_words_of(name: str, form: str) -> frozenset[str]:
    """_phrase_words by strings: a name is compared with the same pieces in bead after bead."""
    words = _WORD.findall(name)
    if len(words) < 2:
        return frozenset()  # no phrase of two words or more
    single, phrases = _glosses(form)
    found: set[str] = set()
    for a in range(len(words)):
        for b in range(a + 2, len(words) + 1):
            span = words[a:b]
            phrase = " ".join(_plain(w) for w in span)
            initials = "".join(w[0].lower() for w in span if w.lower() not in _PARTICLES)
            # Initials against an acronym JMdict writes in capitals (US, UK).
            if phrase in phrases or (len(initials) >= 2 and initials.upper() in phrases):
                found.update(span)
    return frozenset(found)


def _expands(acronym: str, piece: _Piece) -> bool:
    """A compound whose words' glosses begin with the acronym's letters, in order (北方海洋科学庁
    ~ NOSA: north, ocean, science, agency)."""
    from ..lexicon.tokens import tokenize

    letters = [c.lower() for c in acronym if c.isalpha()]
    toks = tokenize(piece.form)
    if piece.script != "kanji" or len(letters) < 2 or len(toks) != len(letters):
        return False
    return all(
        any(g.startswith(c) for g in _glosses(t.surface)[0]) for c, t in zip(letters, toks, strict=True)
    )


def _spelt_out(acronym: str, piece: _Piece) -> bool:
    """An acronym whose letters are the initials of a gloss phrase of the piece (UK ~ 英国:
    united kingdom)."""
    if piece.script == "latin":
        return False
    letters = "".join(c.lower() for c in acronym if c.isalpha())
    for phrase in _glosses(piece.form)[1]:
        words = [w for w in phrase.split() if w not in _PARTICLES]
        if len(words) >= 2 and "".join(w[0] for w in words) == letters:
            return True
    return False


#: A kanji is characteristic of an English word when at least this share of the JMdict forms
#: glossed with the word hold it (外 of "foreign": 62%; 部 of "ministry": 23%).
MIN_SIGNATURE = 0.2
#: A descriptive name (ordinary words only) is translated by a compound holding a gloss or a
#: characteristic kanji of at least this share of its words, two at least (外交部 for Ministry
#: of Foreign Affairs: ministry 部, foreign 外, affairs -).
MIN_MEANING = 0.5


_MEANING_TIE = 0.995


def _descriptive(entity: EnEntity) -> bool:
    """A name of two ordinary words or more (Ministry of Foreign Affairs, Supreme Court):
    Japanese translates it, so only its words' meanings can tie it."""
    return len(entity.words) >= 2 and all(_english_word(w) for w in entity.words)


@lru_cache(maxsize=16384)
def _english_word(word: str) -> bool:
    """An ordinary English word, also one JMdict glosses with or a derived adjective of one
    (associational ~ association): a word a name is not made of (Kennesaw)."""
    from ..lexicon.dictionary import gloss_vocabulary

    low = word.lower()
    return common_word(word) or low in gloss_vocabulary() or _base(word) != low


def _base(word: str) -> str:
    """The noun JMdict glosses with of a derived adjective (associational -> association), or
    the word itself (lower case)."""
    from ..lexicon.dictionary import gloss_vocabulary

    low = word.lower()
    if (
        len(low) >= 8
        and low.endswith("al")
        and low not in gloss_vocabulary()
        and low[:-2] in gloss_vocabulary()
    ):
        return low[:-2]
    return low


@lru_cache(maxsize=16384)
def _signature(word: str) -> frozenset[str]:
    """The kanji characteristic of an English word: those in MIN_SIGNATURE of the JMdict
    forms glossed with it (two forms at least)."""
    from collections import Counter

    from ..lexicon.dictionary import reverse_gloss

    forms = reverse_gloss(word.lower())
    if len(forms) < 2:
        return frozenset()
    counts = Counter(ch for f in forms for ch in set(f) if _HAS_KANJI.match(ch))
    return frozenset(ch for ch, n in counts.items() if n >= MIN_SIGNATURE * len(forms))


def _meaning_kanji(word: str) -> frozenset[str]:
    """The characteristic kanji of a word, of its lemmas (analyses ~ analysis) and of the noun a
    derived adjective comes from (associational ~ association)."""
    out = _signature(word) | _signature(_base(word))
    for lemma in sorted(_lemmas(word)):
        out |= _signature(lemma)
    return out


def _translated(words: Sequence[str], piece: _Piece) -> float:
    """The share of *words* a kanji piece translates: a gloss of it, or a characteristic kanji."""
    if piece.script != "kanji":
        return 0.0
    done = 0
    left = set(piece.form)
    for w in words:
        if _gloss_score([w], piece.form):
            done += 1
        elif hit := sorted(_meaning_kanji(w) & left):
            done += 1
            left.discard(hit[0])  # each kanji translates one word (国 is not "united" and "states")
    # Two words at least: one kanji in common (国 of "states" in 入国者) is chance.
    return done / len(words) if done >= 2 else 0.0


def _evidence(entity: EnEntity, pieces: Sequence[_Piece]) -> dict[int, float]:
    """Piece index -> share of the name's weight it accounts for (a whole piece may render it all)."""
    if entity.kind == "acronym":
        return {
            k: 1.0
            for k, p in enumerate(pieces)
            if word_score(entity.text, p) >= _needed(p)
            or _expands(entity.text, p)
            or _spelt_out(entity.text, p)
        }
    weights = _weights(entity)
    total = sum(weights.values()) or 1.0
    whole = " ".join(entity.words)
    descriptive = _descriptive(entity)
    out: dict[int, float] = {}
    for k, piece in enumerate(pieces):
        if len(entity.words) > 1 and word_score(whole, piece) >= _needed(piece):
            out[k] = 1.0
            continue
        if piece.script == "latin" and _acronym_from(piece.form, entity):
            out[k] = 1.0
            continue
        if descriptive and _translated(entity.words, piece) >= MIN_MEANING:
            out[k] = _MEANING_TIE  # below a gloss or a reading of the whole, which win ties
            continue
        together = _phrase_words(entity, piece)
        got = sum(
            w for word, w in weights.items() if word in together or word_score(word, piece) >= _needed(piece)
        )
        if got:
            out[k] = got / total
    return out


def _assign(rows: list[dict[int, float]], n_cols: int) -> list[int | None]:
    """The best one-to-one choice of one piece per name (None: no piece), by total evidence."""
    if not rows or not n_cols:
        return [None] * len(rows)
    from .assignment import max_assignment

    m = [[row.get(k, 0.0) for k in range(n_cols)] for row in rows]
    out: list[int | None] = [None] * len(rows)
    for i, k in max_assignment(m):
        if m[i][k] > 0:
            out[i] = k
    return out


def _overlaps(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _anaphor(tokens: Sequence[object], en_text: str = "") -> bool:
    """A personal pronoun (彼, 彼女, 彼ら) or a 同-/両- word standing for a name (同氏, 同社,
    同市, 両氏), as JMdict glosses them: "he", "she", "they"; "the said ...", "the same ...",
    "both ..." (同僚, coworker, or 同意, agreement, refer to nobody). It counts only beyond the
    English's own: 彼 for "he" or for a relative "who", 同社 for "the company" stand for no
    dropped name."""
    from ..lexicon.dictionary import gloss, gloss_phrases

    words = [w.lower() for w in _WORD.findall(en_text)]
    english = sum(1 for w in words if w in _PERSONAL_PRONOUNS | _POSSESSIVES)
    # A relative "who" refers to a person too: "X, who founded it" becomes Xは…。彼は….
    english += sum(1 for w in words[1:] if re.split("['’]", w)[0] in _RELATIVES)
    described = {w for prev, w in zip(words, words[1:], strict=False) if prev in ("the", "this", "that")}
    japanese = 0
    for t in tokens:
        surface = t.surface  # type: ignore[attr-defined]
        if t.pos1 == "代名詞" and _PERSONAL_PRONOUNS & set(gloss_phrases(surface)):  # type: ignore[attr-defined]
            japanese += 1
        elif surface[:1] in ("同", "両") and len(surface) == 2 and _HAS_KANJI.fullmatch(surface[1]):
            first = next(iter(gloss_phrases(surface)), "").split()
            if len(first) >= 2 and (
                first[0] in ("same", "both") or first[:2] in (["the", "said"], ["the", "same"])
            ):
                # The English's "the company" for 同社: what 社 means, after a determiner.
                if not described & gloss(surface[1]):
                    japanese += 1
    return japanese > english


#: Possessive pronouns of the third person, which Japanese renders with 彼の, 彼女の, 彼らの.
_POSSESSIVES = frozenset({"his", "hers", "their", "theirs"})


#: Relative pronouns of a person (not at the start of a sentence, where "who" asks).
_RELATIVES = frozenset({"who", "whom", "whose"})


#: Third-person pronouns of English, the glosses that mark a Japanese pronoun as one.
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})


#: A Japanese proper noun is accounted for by an English word this close (no competition here:
#: the question is only whether the English has it at all).
MIN_COUNTERPART = 0.6


def _explained_ja(entity: JaEntity, en_text: str, candidates: Sequence[str], text: str = "") -> bool:
    """Whether the bead's English accounts for a Japanese proper noun: the whole of it, most of
    a katakana name's words (a full name for a surname), or the compound it starts (フランス語
    for French) when *text*, its sentence, is given."""
    from ..lexicon.translit import fold

    if entity.script == "latin":
        latin = fold(unicodedata.normalize("NFKC", entity.text))
        named = any(_squash(c) == _squash(latin) for c in candidates)
        spelt = _squash(latin) in _squashed_ngrams(en_text)
        return (
            named
            or spelt
            or _latin_in_words(entity.text, en_text)
            or _initials_of(entity.text, en_text)
            or _acronym_glossed(entity.text, en_text)
        )
    if _form_explained(entity, entity.text, candidates):
        return True
    if entity.script == "kanji" and _words_translated(entity.text, candidates):
        return True
    if entity.script == "katakana":
        parts = _kana_parts(entity.text)
        done = sum(len(w) for w in parts if _form_explained(entity, w, candidates))
        if len(parts) > 1 and done * 2 >= sum(len(w) for w in parts):
            return True
    if text and entity.script == "katakana" and _latin_compound(entity, text, en_text):
        return True
    return bool(text) and _compound_explained(entity, text, candidates)


def _latin_compound(entity: JaEntity, text: str, en_text: str) -> bool:
    """A katakana word glued to the Latin word before it, the two an English word together
    (webサイト, website: "web" and a gloss of サイト)."""
    before = re.search(r"[A-Za-z]+$", text[: entity.start])
    if before is None:
        return False
    grams = _squashed_ngrams(en_text)
    return any(_squash(before.group() + g) in grams for g in _glosses(entity.text)[1])


def _latin_in_words(latin: str, en_text: str) -> bool:
    """A Latin word of the Japanese that begins a word of the English (Python in
    Python-specific, ETF in ETFs, MW in 200MW), case aside; a short acronym only in capitals
    (IT is not "it")."""
    from ..lexicon.translit import fold

    token = fold(unicodedata.normalize("NFKC", latin))
    short_caps = latin.isupper() and len(latin) <= 3
    text = en_text if short_caps else fold(en_text)
    target = latin if short_caps else token
    # After a digit too (200MW).
    return re.search(rf"(?<![^\W\d_]){re.escape(target)}", text) is not None


def _acronym_glossed(latin: str, en_text: str) -> bool:
    """A Latin acronym whose JMdict sense the English says by its head word (PC, personal
    computer, for "your computer"; TV for "television"): JMdict writes acronyms in full-width
    letters."""
    if not _acronym_letters(latin):
        return False
    wide = unicodedata.normalize("NFKC", latin).translate(_FULL_WIDTH)
    words = {w.lower() for w in _WORD.findall(en_text)}
    heads = {p.split()[-1].lower() for p in _glosses(wide)[1] if p and not p.isupper()}
    return bool(heads & words)


#: ASCII letters and digits to their full-width forms (JMdict's headwords: ＰＣ).
_FULL_WIDTH = str.maketrans(
    {c: chr(ord(c) + 0xFEE0) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}
)


def _words_translated(form: str, candidates: Sequence[str]) -> bool:
    """A kanji name of two words or more, each of which JMdict translates by a word of the
    English (米政府, U.S. government, for "US ... administration")."""
    from ..lexicon.tokens import tokenize

    toks = [t.surface for t in tokenize(form)]
    words = [w for w in candidates if " " not in w]
    return len(toks) >= 2 and all(any(_gloss_score([w], t) for w in words) for t in toks)


def _form_explained(entity: JaEntity, form: str, candidates: Sequence[str]) -> bool:
    piece = _Piece(entity.sentence, entity.start, entity.end, form, entity.script, entity.reading)
    if entity.script != "katakana":
        return any(word_score(w, piece) >= MIN_READING for w in candidates)
    # An ordinary lower-case word needs the evidence of a tie: its loanword is spelt as
    # predicted, and a name merely sounds like some word of a long sentence (オースティン ~
    # often, 0.66).
    named = _named_katakana(form)
    return any(
        word_score(w, piece) >= (MIN_KATAKANA if _ordinary(w) else MIN_COUNTERPART)
        and not (named and _ordinary(w) and not _whole_gloss(w, form, piece))
        for w in candidates
    )


@lru_cache(maxsize=16384)
def _named_katakana(form: str) -> bool:
    """JMdict glosses the katakana word as a name (フロリダ, Florida; フェイスブック, Facebook)."""
    from ..lexicon.dictionary import jmdict_phrases

    return any(p[:1].isupper() for p in jmdict_phrases(form))


def _whole_gloss(word: str, form: str, piece: _Piece) -> bool:
    """An ordinary word renders a katakana name only as one of its whole glosses or by sound:
    a word of another sense's phrase (フロリダ, slang for "got to go, taking a bath", for
    "took") is chance."""
    from ..lexicon.translit import katakana_similarity

    phrases = _glosses(form)[1]
    low = word.lower()
    whole = low in phrases or bool(_lemmas(low) & set(phrases))
    return whole or katakana_similarity(piece.form, word) >= MIN_KATAKANA


def _ordinary(words: str) -> bool:
    """Lower-case words an English dictionary knows (cross validation set)."""
    return all(w.islower() and common_word(w) for w in words.split())


@lru_cache(maxsize=16384)
def _kana_parts(run: str) -> tuple[str, ...]:
    """The words of a katakana name: split at ・ and ＝, and where UniDic splits a compound of
    dictionary words (データ + システム)."""
    from ..lexicon.tokens import tokenize

    out: list[str] = []
    for w in re.split("[・＝=]", run):
        toks = [t.surface for t in tokenize(w)] if w else []
        # UniDic's pieces of a word no dictionary knows are noise (ペンウィック -> ペン + ウィック):
        # only a compound of known words is split, and not a word JMdict knows whole (フェイスブック,
        # Facebook, is no face and no book).
        split = (
            len(toks) > 1 and all(len(t) >= 2 and _known_katakana(t) for t in toks) and not _known_katakana(w)
        )
        out += toks if split else [w] if w else []
    return tuple(out)


def _compound_explained(entity: JaEntity, text: str, candidates: Sequence[str]) -> bool:
    """The name with the kanji that follow it in its compound is a dictionary word the English
    has (フランス語, French; 日本人, Japanese)."""
    from ..lexicon.tokens import tokenize

    rest = [t for t in tokenize(text[entity.end :])[:2] if _HAS_KANJI.search(t.surface)]
    forms = [text[entity.start : entity.end + sum(len(t.surface) for t in rest[:n])] for n in (1, 2)]
    for form in dict.fromkeys(f for f in forms if len(f) > len(entity.text)):
        if any(_gloss_score([w], form) for w in candidates if " " not in w):
            return True
    return False


@lru_cache(maxsize=65536)
def _squash(text: str) -> str:
    """Folded letters and digits only: Velo-RED, VeloRED and "Velo RED" are one spelling."""
    from ..lexicon.translit import fold

    return re.sub(r"[\W_]", "", fold(unicodedata.normalize("NFKC", text)))


#: Digits that stand for a word in acronyms (P2P, B4B): peer to peer, business for business.
_ACRONYM_DIGITS = str.maketrans({"2": "t", "4": "f"})


def _acronym_letters(token: str) -> str:
    """The letters an acronym spells (IoT -> iot, M2M -> mtm), or "" for a word that is none:
    two capitals at least, at most eight characters."""
    caps = sum(c.isupper() for c in token)
    if caps < 2 or len(token) > 8 or not token.isalnum():
        return ""
    return token.lower().translate(_ACRONYM_DIGITS)


def _initials(words: Sequence[str]) -> tuple[str, str]:
    """The initials of words, with their particles (internet of things: iot) and without (it)."""
    parts = [p for w in words for p in w.split("-") if p]
    return "".join(p[0].lower() for p in parts), "".join(
        p[0].lower() for p in parts if p.lower() not in _PARTICLES and p.lower() not in ("to", "for")
    )


def _acronym_of(token: str, name: str) -> bool:
    """A Latin acronym of the Japanese that spells a multi-word English name (IoT ~ Internet of
    Things), or a part of it where the English name lost a sentence-initial word (RFID ~
    [Radio] Frequency Identification)."""
    letters = _acronym_letters(token)
    words = _WORD.findall(name)
    if not letters or len(words) < 2:
        return False
    return any(len(i) >= 2 and (i == letters or i in letters) for i in _initials(words))


def _acronym_from(token: str, entity: EnEntity) -> bool:
    """A Latin acronym whose letters are the initials of the name and the words after it, all
    of them (IoT for "Internet of Things", and for "Internet of things" where only the first
    word is capitalised)."""
    letters = _acronym_letters(token)
    words = _WORD.findall(f"{entity.text} {entity.after}")
    if not letters or len(words) < 2:
        return False
    return any(letters in _initials(words[:n]) for n in range(2, min(len(words), len(letters) + 2) + 1))


def _initials_of(acronym: str, en_text: str) -> bool:
    """An acronym spelling the initials of English words (CEO ~ chief executive [officer],
    PB ~ private-brand, IoT ~ internet of things, P2P ~ peer to peer): all its letters but one
    at least, from its start (a real acronym only: two capitals at least)."""
    letters = _acronym_letters(acronym)
    words = _WORD.findall(en_text)
    # All its letters but one at least (two of three): any two letters of a long sentence's
    # initials meet by chance.
    least = max(2, len(letters) - 1)
    return len(letters) >= 2 and any(
        initials.startswith(letters[:n], k)
        for initials in _initials(words)
        for k in range(len(initials))
        for n in (len(letters), least)
    )


def _squashed_ngrams(en_text: str) -> set[str]:
    """Every run of one to three English words, squashed (map reduce -> mapreduce)."""
    words = [_squash(w) for w in _WORD.findall(en_text)]
    return {"".join(words[k : k + n]) for n in (1, 2, 3) for k in range(len(words) - n + 1)}


def _counterparts(en_text: str, entities: Sequence[EnEntity]) -> list[str]:
    """English words and names a Japanese proper noun may render: every word but function
    words (a katakana word is no rendering of "it"), every name whole."""
    parts = [p for w in _WORD.findall(en_text) for p in w.split("-") if p]
    content = [not _function_word(p) for p in parts]
    words = [p for p, c in zip(parts, content, strict=True) if c]
    # Runs of two or three content words, for a compound of loanwords (クロスバリデーションセット,
    # cross validation set).
    runs = [
        " ".join(parts[k : k + n])
        for n in (2, 3)
        for k in range(len(parts) - n + 1)
        if all(content[k : k + n])
    ]
    return words + runs + [" ".join(e.words) for e in entities if len(e.words) > 1]


#: A left-over pair sounds alike enough to be one name at this score (an unusual
#: transliteration: ブレヴァン for Brevin). Calibrated on the benchmarks as a whole, sound
#: scored on the name's own words and katakana that names something else set aside
#: (_names_another): on the devset, every other document of benchmarks/perturb.py and
#: DEMETR's odd items, true pairs score 0.398 and up (one lower one, 0.30, is tied as a pair
#: left over in two beads), names put in another's place 0.296 at most.
MIN_LEFTOVER = 0.35


def _leftover_score(e: EnEntity, n: JaEntity) -> float:
    """How well a proper noun left over in a bead renders a name left over in it: sound, a
    truncation of it (Ram 氏 for Raman), or an acronym's expansion (グリニッジ標準時 for GMT)."""
    from ..lexicon.translit import fold, is_latin_prefix

    piece = _Piece(n.sentence, n.start, n.end, n.text, n.script, n.reading)
    if n.script == "latin":
        same = _squash(n.text) == _squash(e.text)  # HttpGetTask for HTTPGetTask
        return 1.0 if same or any(is_latin_prefix(n.text, w) for w in e.words) else 0.0
    if e.kind == "acronym":
        return 1.0 if _initial(n) == fold(e.text)[:1] else 0.0
    if _gloss_score(list(e.words), n.text) or any(_gloss_score([w], n.text) for w in e.words):
        return 1.0
    # Sound only for the name's own words or the whole name: an ordinary word of it (Islands,
    # Service) sounds like some katakana by chance (East African Islands ~ フランス, 0.58).
    proper = [w for w in e.words if not common_word(w)]
    if not proper or (n.script == "katakana" and _names_another(n.text, proper)):
        return 0.0
    score = max(word_score(w, piece) for w in [*proper, " ".join(proper), " ".join(e.words)])
    if n.script == "katakana":
        score = max(score, *(_prefix_score(n.text, w) for w in proper))
    return score


def _names_another(kana: str, words: Sequence[str], proper: bool = False) -> bool:
    """A katakana word the dictionaries gloss, with nothing like the English words (アメリカ,
    America, for Carlin; ウィーン, Vienna, for Wiebke): another name or word, however alike it
    sounds. Unknown katakana (an unusual transliteration) and a gloss spelt nearly like the
    word (ブラニク, Branik, for Brannick) are not. *proper*: glosses that are names only
    (capitalised), for a word that may be a loanword the English says otherwise."""
    from rapidfuzz.fuzz import ratio

    from ..lexicon.translit import name_key

    if proper:
        from ..lexicon.dictionary import gloss_phrases

        glosses = [g.lower() for g in gloss_phrases(kana) if g[:1].isupper()]
    else:
        glosses = [g for g in _glosses(kana)[1] if g[:1].isalpha()]
    if not glosses:
        return False
    keys = [name_key(w) for w in words]
    return not any(ratio(name_key(g), k) >= 100 * MIN_GLOSS_SPELLING for g in glosses for k in keys if k)


#: A dictionary gloss spells an English name when this close to it (Branik ~ Brannick, Velten ~
#: Veltham): another spelling of one name, not another name.
MIN_GLOSS_SPELLING = 0.7


def _prefix_score(kana: str, word: str) -> float:
    """1 when the katakana is the start of the word's predicted katakana (a cut-short name)."""
    from ..lexicon.translit import normalize_kana, predicted_katakana

    short, full = normalize_kana(kana, loose=True), normalize_kana(predicted_katakana(word), loose=True)
    return 1.0 if len(short) >= 2 and len(full) > len(short) and full.startswith(short) else 0.0


def _tie_leftovers(
    missing: list[EnEntity], spare: list[JaEntity], ties: list[Tie]
) -> tuple[list[EnEntity], list[JaEntity]]:
    """Names and proper nouns left over in one bead that still sound alike are one name (an
    unusual transliteration: ブルクトゥー for Brucktoo), tied one to one by the best total."""
    rows = [
        {k: v for k, n in enumerate(spare) if (v := _leftover_score(e, n)) >= MIN_LEFTOVER} for e in missing
    ]
    choice = _assign(rows, len(spare))
    taken = set()
    left = []
    for e, row, c in zip(missing, rows, choice, strict=True):
        if c is None:
            left.append(e)
            continue
        n = spare[c]
        taken.add(c)
        ties.append(Tie(e, n.sentence, n.start, n.end, n.text, row[c]))
    return left, [n for k, n in enumerate(spare) if k not in taken]


def _initial(n: JaEntity) -> str:
    """The first letter of a Japanese name's romanisation (グリニッジ -> g), for acronyms."""
    from ..lexicon.translit import romaji

    latin = _latin_names(n.text)
    return (latin[0] if latin else romaji(n.reading or n.text))[:1].lower()


def _in_brackets(n: JaEntity, text: str) -> bool:
    """A Latin gloss in brackets after its Japanese (最高経営責任者（CEO）), or an acronym glued to
    a Japanese name as its suffix (桜HD): no name of its own. A word in lower case after its
    capital (ネットワーキングGoogle) is a name, glued or not."""
    before = text[n.start - 1 : n.start]
    if before and (_HAS_KANJI.match(before) or _KATAKANA_WORD.match(before)):
        return n.text.upper() == n.text
    return before in ("(", "（") and text[n.end : n.end + 1] in (")", "）")


def _bead(
    k: int,
    en_ids: Sequence[int],
    ja_ids: Sequence[int],
    en: Document,
    ja: Document,
    names: dict[int, list[EnEntity]],
) -> EntityCheck | None:
    entities = [e for i in en_ids for e in names.get(i, [])]
    ja_names = [
        e
        for j in ja_ids
        for e in japanese_entities(j, ja.segments[j].text)
        if not (e.script == "latin" and _in_brackets(e, ja.segments[j].text))
    ]
    if not entities and not ja_names:
        return None  # (settling the names below only drops some: most beads have none)
    cut = _cut_start(ja, ja_ids)
    texts = [ja.segments[j].text for j in ja_ids]
    entities = _settle_initials(entities, en, texts, cut or _has_latin(ja_names))
    if not entities and not ja_names:
        return None
    pieces = [p for j in ja_ids for p in _pieces(j, ja.segments[j].text)]
    ties, missing, used = _tie_names(entities, pieces, ja, ja_ids)
    spare = [n for n in ja_names if not any(_overlaps((n.sentence, n.start, n.end), u) for u in used)]
    missing, spare = _tie_leftovers(missing, spare, ties)
    en_text = " ".join(en.segments[i].text for i in en_ids)
    candidates = _counterparts(en_text, entities)
    added = [n for n in spare if not _explained_ja(n, en_text, candidates, ja.segments[n.sentence].text)]
    missing = _keep_weak(missing, added, cut)
    standins: list[JaEntity] = []
    if len(missing) > len(added):
        taken = used + [(n.sentence, n.start, n.end) for n in ja_names] + _compounds_of(ja, ja_ids, used)
        standins = _standins(ja, ja_ids, taken, en_text, candidates)
        # An unusual transliteration that happens to spell an ordinary word (ミルク, milk,
        # for Milke) is the name's rendering, not a stand-in.
        missing, standins = _tie_leftovers(missing, standins, ties)
    referred, missing = _referred(missing, added, standins, ja, ja_ids, en_text)
    hole = bool(missing) and _noun_lost(ja, ja_ids)
    return EntityCheck(
        k, tuple(ties), tuple(missing), tuple(added), tuple(referred), tuple(standins), cut, hole
    )


def _prefetch(texts: Iterable[str]) -> None:
    """The dictionary rows that word_score reads of these sentences' pieces (glosses, gloss
    phrases, demonyms, JMnedict's Latin names), a few queries for all rather than some per form."""
    from ..lexicon.dictionary import prefetch_index

    forms = {p.form for text in texts for p in _text_pieces(text) if p.script != "latin"}
    prefetch_index(
        glossed=[f + suffix for f in forms for suffix in ("", "人", "語")], named=forms, phrased=forms
    )


def _has_latin(names: Sequence[JaEntity]) -> bool:
    return any(n.script == "latin" for n in names)


def _settle_initials(
    entities: list[EnEntity], en: Document, texts: Sequence[str], keep: bool
) -> list[EnEntity]:
    """The bead's names with its sentence-initial nouns (kind "initial") settled: a name where
    the Japanese copies the words after it in Latin (_copied_after); else they count only
    against a Latin name or a Japanese sentence whose start is gone (*keep*, see _keep_weak)."""
    entities = [
        replace(e, kind="name") if e.kind == "initial" and _copied_after(e, en, texts) else e
        for e in entities
    ]
    return entities if keep else [e for e in entities if e.kind != "initial"]


def _copied_after(e: EnEntity, en: Document, texts: Sequence[str]) -> bool:
    """A capitalised word opening a sentence or a quotation ("Android phone 1080p camera")
    whose next words the Japanese copies in Latin: the copy is of the English words, so the
    first one belongs in it too (a name a Japanese sentence drops keeps the rest in Latin)."""
    rest = re.match(
        r"\s+([A-Za-z0-9][\w.'-]*(?:\s+[A-Za-z0-9][\w.'-]*)+)", en.segments[e.sentence].text[e.end :]
    )
    if rest is None:
        return False
    copied = " ".join(rest.group(1).split()[:2])
    return any(copied in t for t in texts)


def _cut_start(ja: Document, ja_ids: Sequence[int]) -> bool:
    """A Japanese sentence of the bead opens with a case or binding particle (は、いくつかの…,
    を見てください): no sentence does, its first words were lost (AL302 reports the cut)."""
    from ..lexicon.tokens import document_tokens

    tokens = document_tokens(ja)
    for j in ja_ids:
        first = next((t for t in tokens[j] if t.pos1 not in ("補助記号", "空白")), None)
        if first is not None and first.pos1 == "助詞" and first.pos2 in ("格助詞", "係助詞"):
            return True
    return False


def _noun_lost(ja: Document, ja_ids: Sequence[int]) -> bool:
    """A Japanese sentence of the bead has an adjectival noun in its attributive form right
    before a verb (高度な扱います): that form modifies a noun, and the noun is gone."""
    from ..lexicon.tokens import document_tokens

    tokens = document_tokens(ja)
    for j in ja_ids:
        toks = tokens[j]
        for a, b, c in zip(toks, toks[1:], toks[2:], strict=False):
            if a.pos1 == "形状詞" and b.surface == "な" and b.pos1 == "助動詞" and c.pos1 == "動詞":
                return True
    return False


def _keep_weak(missing: list[EnEntity], added: Sequence[JaEntity], cut: bool = False) -> list[EnEntity]:
    """A weak name (a possessive ordinary noun at a sentence's start, a name written in lower
    case in a text that capitalises its names) counts only where it pairs with a Japanese name
    nothing explains, a noun opening its sentence only with a Latin one or where the Japanese
    sentence lost its start (*cut*); the other names pair first."""
    strong = [e for e in missing if e.kind not in ("weak", "initial")]
    if cut:
        strong += [e for e in missing if e.kind == "initial"]
        missing = [e for e in missing if e.kind != "initial"]
    weak = [e for e in missing if e.kind == "weak"][: max(0, len(added) - len(strong))]
    # A noun opening its sentence, where the Japanese has a Latin name in its place (the
    # translation swapped one product for another): Japanese keeps such names in Latin, an
    # ordinary word left unsaid has no Latin stand-in.
    latin = sum(1 for n in added if n.script == "latin")
    room = min(latin, len(added) - len(strong) - len(weak))
    return strong + weak + [e for e in missing if e.kind == "initial"][: max(0, room)]


def _referred(
    missing: list[EnEntity],
    added: Sequence[JaEntity],
    standins: Sequence[JaEntity],
    ja: Document,
    ja_ids: Sequence[int],
    en_text: str,
) -> tuple[list[EnEntity], list[EnEntity]]:
    """(referred, missing): names the Japanese renders by what they stand for (a capital as
    its government), and all of them where an anaphor (同氏, 彼) and nothing else is in the
    bead's Japanese."""
    from ..lexicon.tokens import document_tokens

    if not missing:
        return [], missing
    tokens = [t for j in ja_ids for t in document_tokens(ja)[j]]
    referred = [e for e in missing if _by_meaning(e, tokens)]
    missing = [e for e in missing if e not in referred]
    if missing and not added and not standins and _anaphor(tokens, en_text):
        referred, missing = referred + missing, []
    return referred, missing


#: What a country or its capital stands for (its government, its territory): JMdict glosses
#: of the words Japanese renders it by (政府, 当局, 国内: "in Japan" as "domestic").
_METONYMS = frozenset({"government", "administration", "authorities", "domestic"})


def _by_meaning(e: EnEntity, tokens: Sequence[object]) -> bool:
    """A one-word place name that JMdict translates (a country, a capital) rendered by what it
    stands for: a capital as its country's 政府, "in Japan" as 国内."""
    from ..lexicon.dictionary import gloss_vocabulary, jmdict_phrases

    if len(e.words) != 1 or e.words[0].lower() not in gloss_vocabulary():
        return False
    # The word's first senses only: 国 is "country" first, "government" only later.
    return any(_METONYMS & set(jmdict_phrases(t.surface)[:2]) for t in tokens)  # type: ignore[attr-defined]


def _compounds_of(
    ja: Document, ja_ids: Sequence[int], used: Sequence[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """The noun compounds a tie renders part of (ヴェルサム川大橋 when ヴェルサム renders Veltham): the
    rest of such a compound belongs to that name, it stands in for no other."""
    from .japanese import compounds

    out = []
    for j in ja_ids:
        for c in compounds(ja.segments[j].text):
            if any(_overlaps((j, c.start, c.end), u) for u in used):
                out.append((j, c.start, c.end))
    return out


def _standins(
    ja: Document,
    ja_ids: Sequence[int],
    taken: Sequence[tuple[int, int, int]],
    en_text: str,
    candidates: Sequence[str],
) -> list[JaEntity]:
    """Japanese words that may stand in a missing name's place (see EntityCheck.standins),
    left of what a tie or a proper noun took, that no English word explains."""
    out = []
    for j in ja_ids:
        text = ja.segments[j].text
        for n in _katakana_standins(j, text) + _dictionary_names(j, text):
            if any(_overlaps((n.sentence, n.start, n.end), t) for t in taken):
                continue
            if not _explained_ja(n, en_text, candidates, text) and not _compound_head(n.text, en_text):
                out.append(n)
    return sorted(out, key=lambda n: (n.sentence, n.start))


def _compound_head(form: str, en_text: str) -> bool:
    """An English closed compound ends with a gloss of the word (website for サイト, site;
    database for ベース): the English says it, inside a longer word."""
    glosses = [g for g in _glosses(form)[0] if len(g) >= 4 and g.isalpha()]
    words = {w.lower() for w in _WORD.findall(en_text)}
    return any(
        w.endswith(g) and len(w) - len(g) >= 3 and common_word(w[: -len(g)]) for w in words for g in glosses
    )


def _katakana_standins(sentence: int, text: str) -> list[JaEntity]:
    """Katakana runs of ordinary words (two kana at least, not a long-vowel mark alone)."""
    return [
        JaEntity(sentence, m.start(), m.end(), m.group(), "katakana", m.group())
        for m in _KATAKANA_RUN.finditer(text)
        if len(m.group().replace("ー", "")) >= 2
    ]


def _dictionary_names(sentence: int, text: str) -> list[JaEntity]:
    """Kanji spans inside noun compounds that the dictionaries give as names: JMdict glosses
    them in capitals only (権利章典, Bill of Rights), or only JMnedict knows them
    (軽井沢, a place). The longest such span per position."""
    from ..lexicon.tokens import tokenize
    from .japanese import compounds

    out: list[JaEntity] = []
    tokens = tokenize(text)
    # The tokens are in order and do not overlap: a compound's are a run of them.
    starts = [t.start for t in tokens]
    for c in compounds(text):
        k0 = k1 = bisect.bisect_left(starts, c.start)
        while k1 < len(tokens) and tokens[k1].end <= c.end:
            k1 += 1
        if k1 == k0:
            continue
        toks = tokens[k0:k1]
        k2 = bisect.bisect_left(starts, c.end, k1)
        around = (tokens[k0 - 1] if k0 else None, tokens[k2] if k2 < len(tokens) else None)
        _compound_names(sentence, text, toks, around, out)
    return out


def _compound_names(
    sentence: int,
    text: str,
    toks: Sequence[Token],
    around: tuple[Token | None, Token | None],
    out: list[JaEntity],
) -> None:
    """_dictionary_names of one compound's tokens *toks* (*around*: the tokens before and after
    it) added to *out*, none overlapping a name found before (in *out*)."""
    from ..lexicon.dictionary import jmdict_phrases

    # A name is kanji tokens (米ドル is a currency) with no numeral before them (日後 of 3日後,
    # 円増 of 4円増 are counters) or after them (an era before its year, 明治28年 is a date):
    # the spans inside runs of tokens that start with a kanji.
    kanji = [_HAS_KANJI.fullmatch(t.surface[:1]) is not None for t in toks]
    for a in range(len(toks)):
        before = toks[a - 1] if a else around[0]
        if not kanji[a] or before is not None and before.pos2 == "数詞":
            continue
        run = a + 1
        while run < len(toks) and kanji[run]:
            run += 1
        start = toks[a].start
        for b in range(run, a, -1):
            end = toks[b - 1].end
            if (
                end - start < 2
                or out
                and any(x.start <= start < x.end or start <= x.start < end for x in out)
            ):
                continue
            after = toks[b] if b < len(toks) else around[1]
            if after is not None and after.pos2 == "数詞":
                continue
            form = text[start:end]  # (a kanji first)
            if (jmdict_phrases(form) or _plain_nouns(toks[a:b])) and _dictionary_name(form):
                reading = "".join(t.reading for t in toks[a:b])
                out.append(JaEntity(sentence, start, end, form, "kanji", reading))


def _plain_nouns(toks: Sequence[object]) -> bool:
    """Two nouns or more that UniDic knows only apart (湯 + 涌): a span only JMnedict gives
    must be that, not one ordinary word of UniDic's that JMnedict also lists as a surname,
    nor a word with a suffix (家達, 名字 + 達)."""
    return len(toks) >= 2 and all(t.pos1 == "名詞" for t in toks)  # type: ignore[attr-defined]


@lru_cache(maxsize=65536)
def _dictionary_name(form: str) -> bool:
    """A form the dictionaries give only as a name (see _dictionary_names)."""
    from ..lexicon.dictionary import jmdict_phrases, name_types

    phrases = jmdict_phrases(form)
    if phrases:
        return all(p[:1].isupper() for p in phrases)
    return bool(name_types(form))


def _tie_names(
    entities: Sequence[EnEntity], pieces: Sequence[_Piece], ja: Document, ja_ids: Sequence[int]
) -> tuple[list[Tie], list[EnEntity], list[tuple[int, int, int]]]:
    """The one-to-one ties of a bead's names to its pieces; the names left without one, and
    every piece a tie used (a name's other words too: 諏訪 + 病院)."""
    rows = [_evidence(e, pieces) for e in entities]
    choice = _one_span_per_mention(entities, rows, _assign(rows, len(pieces)), pieces)
    ties: list[Tie] = []
    missing: list[EnEntity] = []
    used: list[tuple[int, int, int]] = []
    chosen = {c for c in choice if c is not None}
    for e, row, c in zip(entities, rows, choice, strict=True):
        found: _Piece | None = None
        score = 0.0
        if c is not None:
            others = [
                kk for kk in row if kk not in chosen and not _overlaps(_key(pieces[kk]), _key(pieces[c]))
            ]
            if row[c] + sum(row[kk] for kk in others) + 1e-9 >= _min_covered(e):
                found, score = pieces[c], row[c]
                used.extend(_key(p) for p in _near_words(e, found, pieces, chosen))
        if found is None:
            found, score = _shared_gloss(e, pieces, chosen), 1.0
        if found is None:
            taken = used + [_key(pieces[x]) for x in chosen]
            found, score = _read_anywhere(e, ja, ja_ids, taken), MIN_READING
        if found is None:
            missing.append(e)
            continue
        ties.append(Tie(e, found.sentence, found.start, found.end, found.form, score))
        used.append(_key(found))
    return ties, missing, used


def _one_span_per_mention(
    entities: Sequence[EnEntity],
    rows: list[dict[int, float]],
    choice: list[int | None],
    pieces: Sequence[_Piece],
) -> list[int | None]:
    """Two mentions of one name tied to overlapping pieces (シリコンバレー and its バレー) are one
    rendering: it renders the better tied mention, the other has none of its own."""
    out = list(choice)
    for a in range(len(entities)):
        for b in range(a + 1, len(entities)):
            ca, cb = out[a], out[b]
            if ca is None or cb is None or entities[a].text != entities[b].text:
                continue
            if _overlaps(_key(pieces[ca]), _key(pieces[cb])):
                out[b if rows[b][cb] <= rows[a][ca] else a] = None
    return out


def _shared_gloss(e: EnEntity, pieces: Sequence[_Piece], chosen: set[int]) -> _Piece | None:
    """A piece another name took that translates this one too (日豪 for Japanese and
    Australian): one span may stand for two names when a dictionary says so, never by sound."""
    for k in sorted(chosen):
        p = pieces[k]
        if p.script != "latin" and len(e.words) == 1 and _gloss_score(e.words, p.form):
            return p
    return None


def _near_words(e: EnEntity, primary: _Piece, pieces: Sequence[_Piece], chosen: set[int]) -> list[_Piece]:
    """Pieces next to a name's rendering that render its other words, generic ones included
    (太平洋 for the Pacific of Asia-Pacific): they belong to the rendering, not to another name."""
    out = []
    for k, p in enumerate(pieces):
        if k in chosen or p.sentence != primary.sentence:
            continue
        if p.start > primary.end + 1 or primary.start > p.end + 1:
            continue  # only what touches the rendering (太平洋 right after アジア)
        if any(word_score(w, p) >= _needed(p) for w in e.words):
            out.append(p)
    return out


def _read_anywhere(
    e: EnEntity, ja: Document, ja_ids: Sequence[int], taken: Sequence[tuple[int, int, int]]
) -> _Piece | None:
    """A name spelt by the readings of any tokens of the bead (a name written in kana or verbs)
    that no other name's tie took (one rendering renders one name)."""
    proper = [w for w in e.words if not common_word(w)]
    if not proper:
        return None
    for j in ja_ids:
        found = _read_in_sentence(max(proper, key=len), j, ja.segments[j].text, taken)
        if found is not None:
            return found
    return None


def _key(p: _Piece) -> tuple[int, int, int]:
    return (p.sentence, p.start, p.end)


def check_entities(ja: Document, en: Document, alignment: Alignment) -> tuple[EntityCheck, ...]:
    """Every bead's names, tied across the languages or left over.

    Across the beads, two things are no defect: a name the text already rendered and that a
    later bead leaves unsaid (Japanese drops a known subject), and a Japanese name that renders
    an English name of another bead (the translation names what the English calls "the probe").
    """
    from . import _texts_key

    names = english_entities(en, ja)
    checks = []
    # A bead's check reads only its own sentences' texts: a bead whose texts came before (a
    # long document repeats its beads) gets that one's check, moved to its own sentences.
    done: dict[tuple[object, object], tuple[EntityCheck | None, list[int], list[int]]] = {}
    for k, en_ids, ja_ids in _named_beads(alignment, en, ja, names):
        seen = done.get(texts := _texts_key(en, ja, en_ids, ja_ids))
        if seen is None:
            check = _bead(k, en_ids, ja_ids, en, ja, names)
            done[texts] = (check, en_ids, ja_ids)
        else:
            first, first_en, first_ja = seen
            if first is not None:
                en_map = dict(zip(first_en, en_ids, strict=True))
                first = _moved(first, k, en_map, dict(zip(first_ja, ja_ids, strict=True)))
            check = first
        if check is not None:
            checks.append(check)
    checks = _across_neighbours(_repeated_pairs(checks))
    checks = _latin_next_door(checks, alignment, en)
    tied_in: dict[str, set[int]] = {}
    for n, c in enumerate(checks):
        for t in c.ties:
            tied_in.setdefault(t.en.text, set()).add(n)
    people = _people(checks, ja)
    return tuple(_in_context(n, checks, tied_in, people, ja, en) for n in range(len(checks)))


def _people(checks: Sequence[EntityCheck], ja: Document) -> frozenset[str]:
    """English names the Japanese writes with an honorific after them somewhere (ブラニック氏):
    people, whom Japanese leaves unsaid once they are known."""
    out = set()
    for c in checks:
        for t in c.ties:
            text = ja.segments[t.sentence].text
            if any(text.startswith(h, t.end) for h in _PERSON_SUFFIXES):
                out.add(t.en.text)
    return frozenset(out)


#: Beads whose pieces' dictionary rows are fetched together (_prefetch).
_PREFETCH_BEADS = 256


def _named_beads(
    alignment: Alignment, en: Document, ja: Document, names: dict[int, list[EnEntity]]
) -> Iterator[tuple[int, list[int], list[int]]]:
    """(bead, English ids, Japanese ids) of the beads with sentences on both sides; the
    dictionary rows of the Japanese of the next ones with English names fetched ahead."""
    from . import _content_beads

    beads = _content_beads(ja, en, alignment)
    fetched: set[str] = set()  # each text's rows once (a long document repeats its sentences)
    for start in range(0, len(beads), _PREFETCH_BEADS):
        window = beads[start : start + _PREFETCH_BEADS]
        named = [ja_ids for _, en_ids, ja_ids in window if any(names.get(i) for i in en_ids)]
        texts = {ja.segments[j].text for ja_ids in named for j in ja_ids} - fetched
        fetched |= texts
        _prefetch(texts)
        yield from window


def _moved(c: EntityCheck, bead: int, en_map: dict[int, int], ja_map: dict[int, int]) -> EntityCheck:
    """Bead *c*'s check for bead *bead*, whose sentences (by *en_map*, *ja_map*) hold the same texts."""

    # The constructors, not dataclasses.replace: a long document moves a check per repeated bead.
    def en_e(e: EnEntity) -> EnEntity:
        return EnEntity(en_map[e.sentence], e.start, e.end, e.text, e.kind, e.after)

    def ja_e(e: JaEntity) -> JaEntity:
        return JaEntity(ja_map[e.sentence], e.start, e.end, e.text, e.script, e.reading)

    return EntityCheck(
        bead,
        tuple([Tie(en_e(t.en), ja_map[t.sentence], t.start, t.end, t.form, t.score) for t in c.ties]),
        tuple(map(en_e, c.missing)),
        tuple(map(ja_e, c.added)),
        tuple(map(en_e, c.referred)),
        tuple(map(ja_e, c.standins)),
        c.cut,
        c.hole,
    )


def _in_context(
    n: int,
    checks: Sequence[EntityCheck],
    tied_in: dict[str, set[int]],
    people: frozenset[str],
    ja: Document,
    en: Document,
) -> EntityCheck:
    """Bead *n*'s check with what its neighbours and the rest of the text explain set aside."""
    from dataclasses import replace

    c = checks[n]
    if not c.missing and not c.added:
        return c  # every name tied: nothing for the neighbours to explain (most beads)
    near = [t for d in checks[max(0, n - _NEAR) : n + _NEAR + 1] if d is not c for t in d.ties]
    if c.missing and c.added:
        c = _parts_of_full_names(c, near, ja)
    # A Japanese name that renders a name of a neighbour is no addition (the Japanese names
    # what the English calls "the probe"), unless an English name of this bead is missing:
    # then it stands in that name's place.
    added = c.added
    if not c.missing and c.added:
        forms = {t.form for t in near}
        names_near = [w for t in near for w in (*t.en.words, t.en.text, " ".join(t.en.words))]
        added = tuple(a for a in c.added if a.text not in forms and not _renders_near(a, names_near))
    # A known name left unsaid is style (one just said, or the text's subject); with another
    # name in its place it is a substitution.
    known: list[EnEntity] = []
    if not added and c.missing:
        before = {t.en.text for d in checks[max(0, n - _NEAR) : n] for t in d.ties}
        known = _known_unsaid(n, c, before, tied_in, people, en)
    if known or len(added) != len(c.added):
        missing = tuple(e for e in c.missing if e not in known)
        c = replace(c, missing=missing, added=added, referred=c.referred + tuple(known))
    return c


def _known_unsaid(
    n: int,
    c: EntityCheck,
    before: set[str],
    tied_in: dict[str, set[int]],
    people: frozenset[str],
    en: Document,
) -> list[EnEntity]:
    """Bead *n*'s missing names that Japanese may leave unsaid: a name the English says twice
    and the Japanese once, and a known name (rendered in the beads just before, or in MIN_KNOWN
    other beads) where it opens its clause. A known name that opens its English sentence as
    its subject is left unsaid only if it is a person's (*people*): Japanese drops a known
    speaker (…と述べた) but restates a product or a company at the head of a new sentence."""
    # (Asked of this bead's missing names only: every name of the text, per bead, was quadratic.)
    if c.hole:
        return []  # the Japanese shows where the name was lost
    elsewhere = {e.text for e in c.missing if len(tied_in.get(e.text, set()) - {n}) >= MIN_KNOWN}
    here = {t.en.text for t in c.ties}
    return [
        e
        for e in c.missing
        if e.text in here
        or (e.text in before or e.text in elsewhere)
        and _subject(e, en)
        and not (_opens(e, en) and (c.cut or e.text not in people and not _possessive(e)))
    ]


def _possessive(e: EnEntity) -> bool:
    """The name is a possessive (Brannick's menu), which Japanese leaves unsaid as その."""
    return re.match(r"['’]s?\b", e.after) is not None


def _opens(e: EnEntity, en: Document) -> bool:
    """The name opens its English sentence (only function words before it)."""
    text = en.segments[e.sentence].text
    return all(w.lower() in _stop_words() for w in _WORD.findall(text[: e.start]))


def _subject(e: EnEntity, en: Document) -> bool:
    """The name opens its clause or is a possessive, where Japanese leaves a known topic unsaid
    (Brannick said..., So Brannick has..., where Brannick runs..., Brannick's menu): only
    function words before it in its clause, and it is not the first of two names joined by
    "and" (Brannick and Veltham met...), whose other half the Japanese says."""
    if _possessive(e):
        return True
    text = en.segments[e.sentence].text
    clause = re.split(r"[,;:()\[\]—–]", text[: e.start])[-1]
    words = _WORD.findall(clause)
    if not all(w.lower() in _stop_words() for w in words):
        return False
    # After a verb (you already have Brannick installed), the name is its object: no topic
    # that Japanese leaves unsaid.
    if any(_verb_only(w) for w in words):
        return False
    return re.match(r"\s*(?:and|or|&)\s", e.after) is None


@lru_cache(maxsize=4096)
def _verb_only(word: str) -> bool:
    """A word that is a verb (or an auxiliary) and nothing else to lemminflect: have, is, did;
    not can, will or like."""
    from ..lexicon.latin import all_lemmas

    pos = set(all_lemmas(word.lower()))
    return bool(pos) and pos <= {"VERB", "AUX"}


def _renders_near(a: JaEntity, names: Sequence[str]) -> bool:
    """A Japanese name renders a name of the beads around, with the evidence a tie needs (a
    transliteration at MIN_KATAKANA, not the looser MIN_COUNTERPART: a short name such as
    ダン sounds like some word of any neighbourhood)."""
    if a.script == "latin":
        return _explained_ja(a, "", names)
    piece = _Piece(a.sentence, a.start, a.end, a.text, a.script, a.reading)
    # Not a word the dictionaries gloss as another name (インド, India, for Windows).
    return any(word_score(w, piece) >= _needed(piece) for w in names) and not _names_another(
        a.text, names, proper=True
    )


def _parts_of_full_names(c: EntityCheck, near: Sequence[Tie], ja: Document) -> EntityCheck:
    """A surname alone and its part of a full name tied nearby (Vogel and フォーゲル, after
    Marta Vogel ~ マルタ・フォーゲル) are one name."""
    from dataclasses import replace

    parts = set()
    for t in near:
        text = ja.segments[t.sentence].text
        run = next(
            (m.group() for m in _KATAKANA_RUN.finditer(text) if m.start() <= t.start < m.end()), t.form
        )
        parts |= {(w, p) for w in t.en.words for p in re.split("[・＝=]", run) if p}
    pairs = [(e, n) for e in c.missing for n in c.added if (e.text, n.text) in parts]
    if not pairs:
        return c
    e, n = pairs[0]
    return replace(
        c,
        ties=c.ties + (Tie(e, n.sentence, n.start, n.end, n.text, MIN_LEFTOVER),),
        missing=tuple(x for x in c.missing if x is not e),
        added=tuple(x for x in c.added if x is not n),
    )


def _across_neighbours(checks: list[EntityCheck]) -> list[EntityCheck]:
    """Names missing from one bead and Japanese names added in the next (or the one before)
    that sound alike: the alignment put a sentence boundary between them, nothing is lost."""
    out = list(checks)
    for n in range(len(out) - 1):
        if out[n + 1].bead != out[n].bead + 1:
            continue
        out[n], out[n + 1] = _move_across(out[n], out[n + 1])
        out[n + 1], out[n] = _move_across(out[n + 1], out[n])
    return out


def _latin_next_door(checks: list[EntityCheck], alignment: Alignment, en: Document) -> list[EntityCheck]:
    """A Latin word of the Japanese that the English of the bead before or after has (a term
    the speaker says once, in a sentence the alignment put next door): copied letters are
    evidence enough, nothing was added."""
    from dataclasses import replace

    out = []
    for c in checks:
        latin = [a for a in c.added if a.script == "latin"]
        if latin:
            beads = alignment.beads[max(0, c.bead - 1) : c.bead + 2]
            text = " ".join(en.segments[i].text for b in beads for i in b.en)
            near = [a for a in latin if _latin_in_words(a.text, text)]
            c = replace(c, added=tuple(a for a in c.added if a not in near)) if near else c
        out.append(c)
    return out


def _move_across(left: EntityCheck, right: EntityCheck) -> tuple[EntityCheck, EntityCheck]:
    """_across_neighbours one way: every name missing from *left* that a name added in *right*
    renders is tied to it there."""
    from dataclasses import replace

    for e in left.missing:
        match = next((x for x in right.added if _leftover_score(e, x) >= MIN_LEFTOVER), None)
        if match is None:
            continue
        tie = Tie(e, match.sentence, match.start, match.end, match.text, MIN_LEFTOVER)
        left = replace(left, ties=left.ties + (tie,), missing=tuple(x for x in left.missing if x is not e))
        right = replace(right, added=tuple(x for x in right.added if x is not match))
    return left, right


def _repeated_pairs(checks: list[EntityCheck]) -> list[EntityCheck]:
    """A name and a Japanese name left over together in two beads or more are one name: the
    alignment ties them where sound cannot (a German or Polish name spelt as it sounds there)."""
    from collections import Counter
    from dataclasses import replace

    counts = Counter((e.text, n.text) for c in checks for e, n in zip(c.missing, c.added, strict=False))
    out = []
    for c in checks:
        pairs = [(e, n) for e, n in zip(c.missing, c.added, strict=False) if counts[(e.text, n.text)] >= 2]
        if pairs:
            ties = c.ties + tuple(Tie(e, n.sentence, n.start, n.end, n.text, MIN_LEFTOVER) for e, n in pairs)
            gone_e = {id(e) for e, _ in pairs}
            gone_n = {id(n) for _, n in pairs}
            c = replace(
                c,
                ties=ties,
                missing=tuple(e for e in c.missing if id(e) not in gone_e),
                added=tuple(n for n in c.added if id(n) not in gone_n),
            )
        out.append(c)
    return out


#: A name the text renders in at least this many other beads is its subject, which Japanese
#: may leave unsaid. Calibrated on the benchmarks as a whole: at 1 (any other mention), names
#: deleted from the clean translations of benchmarks/perturb.py went unreported where the
#: lecture names them once more; at 2 the devset's companies and restaurants left unsaid stay
#: quiet and those deletions are found (name removed 47/83 -> 53/83 on every other document).
MIN_KNOWN = 2
#: How many beads around one count as its context (a name just introduced, a name about to be).
_NEAR = 3


# --- a word the English lost -------------------------------------------------------------

#: Where a deleted word leaves English ungrammatical: the sentence opens with punctuation
#: (", as expected, is closed"), "according to" meets punctuation ("according to, the plan
#: failed"), "by" a bracket ("run by (ABC)"), "of" spaced off the final stop ("the head of ."; a
#: stranded "of" ends a relative clause without a space: "spoken of."), an opening phrase
#: followed by a passive verb with no subject ("In 1990, was founded").
_GAP = re.compile(
    r"^\s*[,.;:)]"
    r"|\b[Aa]ccording to\s*[,.;:!?(]"
    r"|\bby\s*\("
    r"|\bof \.$"
    r"|^[A-Z][^,]{0,40},\s+(?:was|were)\s+\w+ed\b"
)


@per_document
@lru_cache(maxsize=1 << 16)
def english_gap(text: str) -> str | None:
    """Where the English sentence lost a word (see _GAP), as the words around the place; None
    where nothing shows. Not a preposition before a comma or a stop: phrasal verbs and
    relative clauses end so (come on, let me in, the one she spoke of.), and speech pauses
    after one (a bunch of, the curve); only "according to" says nothing before one."""
    m = _GAP.search(text)
    if m is not None:
        return text[max(0, m.start() - 15) : m.end() + 10].strip()
    # "of" before a bare participle and a preposition ("the builders of gazed at it").
    for m in _BEFORE_VERB.finditer(text):
        if _verb_only(m.group(2)):
            return text[max(0, m.start() - 15) : m.end() + 10].strip()
    return None


_BEFORE_VERB = re.compile(r"(?<!kind )(?<!sort )\b(of)\s+([a-z]+ed)\s+(at|by|to|in|on|with|for|from)\b")


def unexplained_compound(text: str, english: str) -> tuple[int, int] | None:
    """The longest noun compound of a Japanese sentence (kanji or katakana, two characters at
    least) none of whose words the English accounts for: no JMdict or JMnedict gloss of a word
    (or its lemma) is a word of it, no katakana word sounds like one (MIN_GAP_SOUND)."""
    from .japanese import compounds

    words = _english_words(english)
    best: tuple[int, int] | None = None
    for c in compounds(text):
        if len(c.text) < 2 or not (_HAS_KANJI.search(c.text) or _KATAKANA_WORD.search(c.text)):
            continue
        if _LATIN.search(c.text) or _compound_said(c.text, words):
            continue
        if best is None or c.end - c.start > best[1] - best[0]:
            best = (c.start, c.end)
    return best


#: The Japanese of "according to X": an attribution names its source.
_SOURCE = re.compile("によると|によれば|によりますと")


def unexplained_source(text: str, english: str) -> tuple[int, int] | None:
    """The katakana source of an attribution (Xによると, "according to X") that no word of the
    English accounts for (no gloss, and no word sounds like it as closely as a tie of names
    needs, MIN_KATAKANA: a name said in full in the sentence sounds like its rendering, and
    the looser MIN_GAP_SOUND lets a short name match any word): a source the translation
    added. Only katakana: a kanji source is often said another way (新聞, "the paper"), and
    ことによると is "perhaps"."""
    ends = {m.start() for m in _SOURCE.finditer(text)}
    if not ends:
        return None
    from .japanese import compounds

    words = _english_words(english)
    for c in compounds(text):
        if c.end not in ends or not _KATAKANA_WORD.fullmatch(c.text):
            continue
        if not _compound_said(c.text, words, MIN_KATAKANA):
            return (c.start, c.end)
    return None


#: A katakana word sounds like an English word at this score: the loose end of e2k's
#: agreement, well under MIN_KATAKANA (a tie needs that), so that a loanword spelt freely
#: counts as said.
MIN_GAP_SOUND = 0.5


def _compound_said(form: str, words: frozenset[str], sound: float = MIN_GAP_SOUND) -> bool:
    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import katakana_similarity

    long = [w for w in words if len(w) >= 4]
    for t in tokenize(form):
        if _gloss_forms(t.surface) & words or _gloss_forms(t.lemma) & words:
            return True
        if _KATAKANA_WORD.fullmatch(t.surface) and any(
            katakana_similarity(t.surface, w) >= sound for w in long
        ):
            return True
        if t.pos2 == "固有名詞" and any(_cheap_reading(t.reading, w) >= MIN_READING for w in long):
            return True
    return False


@lru_cache(maxsize=65536)
def _gloss_forms(form: str) -> frozenset[str]:
    """Every English word JMdict or JMnedict translates *form* by: its gloss words, their lemmas
    and the content words of its gloss phrases ("art museum": art, museum; not "of")."""
    single, phrases = _glosses(form)
    words = {w for p in phrases for w in p.split() if not _function_word(w)}
    return frozenset(single | _gloss_lemmas(form) | words)


def _english_words(english: str) -> frozenset[str]:
    """The lower-case words of an English text, their parts at hyphens, and their lemmas."""
    parts = {p.lower() for w in _WORD.findall(english) for p in (w, *w.split("-")) if p}
    return frozenset(parts | {x for p in parts for x in _lemmas(p)})
