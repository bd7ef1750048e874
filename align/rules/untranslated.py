"""English left in the Japanese where a translation was expected."""

from __future__ import annotations

import itertools
import keyword
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..charclass import KATAKANA, LATIN, LATIN_CAPITAL, WIDE
from ..lexicon.dictionary import latin_in_headwords
from ..lexicon.latin import english_lemmas, is_function_word, is_known_name, latin_tokens, word_classes
from ..messages import Template
from ..model import Finding, Segment, Severity
from ..phrases.renderings import script_of
from .base import Context, Rule
from .options import RuleOptions, bounded

# Latin words joined by spaces, with digits and simple punctuation inside the run.
_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ ,]+[A-Za-z0-9][A-Za-z0-9'’\-]*)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_WIDE_FROM = WIDE[0]  # the first character of the class "\u3000-\U0010ffff"
_KATAKANA_AFTER = re.compile(f"\\s*[{KATAKANA}]")
_HONORIFIC = re.compile(r"\s*(?:氏|さん|様)")
_NAME_WORD = re.compile(f"[{LATIN}]+(?:['’-][{LATIN}]+)*")
# A capitalised name of one or more words before an honorific (Dvořák 氏, Jane Doe さん).
_NAME_PART = f"[{LATIN_CAPITAL}][{LATIN}]+"
_LATIN_NAME = re.compile(f"{_NAME_PART}(?: {_NAME_PART})*(?=\\s*(?:氏|さん|様))")
# After a word: a name's honorific or a company suffix (Acme社), or a citation of the word as a word
# (orchardという語, "orchard" と呼ばれる, orchardとは): the word is named, not left untranslated.
_NAMED_AFTER = re.compile(r"\s*(?:氏|さん|様|社|という|といった|と呼|とは|って|の意|と言)")
# A bracket right after the word: its translation beside it (precision（精度）) when JMdict says so.
_BRACKET_AFTER = re.compile(r"\s*[(（]([^()（）]{1,20})[)）]")
_QUOTED = {"「": "」", "『": "』", "(": ")", "（": "）", '"': '"', "“": "”", "'": "'", "‘": "’", "【": "】"}
# A capitalised English word that starts a sentence or follows an opening quote or a colon.
_EN_CAPITALISED = re.compile(r"(?<![A-Za-z0-9'’\-])[A-Z][a-z]+(?:['’-][A-Za-z]+)*")
_EN_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘(\[—–-])[\s\"“‘(\[]*$")
_LATIN_WORD_IN_JA = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?:['’-][A-Za-z]+)*(?![A-Za-z])")


def _plain(word: str) -> bool:
    """A lower-case word of the lexicon, not a brand, a code or a variable (iPad, MP3, xi)."""
    if not (word.isalpha() and word.islower() and len(word) >= 2):
        return False
    return bool(word_classes(word)) or is_function_word(word)


def _code_like(text: str, start: int, end: int) -> bool:
    """True when the run is part of code or a path: find.packages("x"), a_b, x/y."""
    s, e = start, end
    # A wide character is one from U+3000 up (charclass.WIDE): compared, not matched by a regex
    # whose class of a million characters took 3 ms to compile at every start.
    while s > 0 and not text[s - 1].isspace() and text[s - 1] < _WIDE_FROM:
        s -= 1
    while e < len(text) and not text[e].isspace() and text[e] < _WIDE_FROM:
        e += 1
    return any(c in '._()"=/\\<>{}[]#$@' for c in text[s:e].strip(".,"))


def _run_words(run: str) -> int:
    """Ordinary words of a run: lower-case ones, and once more a function word opening it."""
    words = _WORD.findall(run)
    count = sum(1 for w in words if _plain(w))
    first = words[0] if words else ""
    # "the Crown", "In addition": an English phrase. Capitalised, the stop word must also be a
    # word the lexicon knows as no noun (the stop list holds a few brands: Microsoft).
    if len(words) > 1 and is_function_word(first):
        if first.islower() or word_classes(first) and not word_classes(first) & {"NOUN", "PROPN", "X"}:
            count += 1
    return count


def _quoted(text: str, start: int, end: int) -> bool:
    """The word alone between quotation marks or brackets: a word cited, or the original beside a
    translation (良（good）)."""
    return start > 0 and end < len(text) and _QUOTED.get(text[start - 1]) == text[end]


def _capitalised_inside(text: str) -> set[str]:
    """English words (lower case) that *text* capitalises inside a sentence: names, brands and titles,
    kept in Latin by the Japanese too (Slack, Word), unlike a capital that only starts a sentence."""
    return {
        m.group().lower()
        for m in _EN_CAPITALISED.finditer(text)
        if not _EN_SENTENCE_START.search(text, 0, m.start())
    }


def _names_in_english(ctx: Context) -> frozenset[str]:
    # Each distinct text once (a long document repeats its sentences).
    return frozenset(w for text in {seg.text for seg in ctx.en.segments} for w in _capitalised_inside(text))


def _english_name(ctx: Context, j: int, low: str) -> bool:
    """Whether the English writes the word as a name: the aligned English decides when it has the
    word (in lower case there, it is a plain word), else the whole English document does."""
    bead = ctx.bead(ctx.bead_of_ja[j]) if j in ctx.bead_of_ja else None
    english = " ".join(ctx.en.segments[i].text for i in bead.en) if bead else ""
    if re.search(rf"(?<![A-Za-z]){re.escape(low)}(?![A-Za-z])", english):
        return False
    if low in _capitalised_inside(english):
        return True
    return low in ctx.memo("AL601-en-names", lambda: _names_in_english(ctx))


#: Latin token kinds that make a sentence technical: its lone English words are code values
#: or keywords there (trueに設定, whileループ).
_CODE_KINDS = frozenset({"url", "email", "identifier", "package", "path", "version"})


def _technical(text: str) -> bool:
    return any(t.kind in _CODE_KINDS for t in latin_tokens(text))


def _translated_elsewhere(ctx: Context, word: str) -> bool:
    """The Japanese renders the word in Japanese script somewhere (結果 for result): it is not a
    term the document keeps in Latin throughout."""
    forms = english_lemmas(word)
    translated = ctx.memo(
        "AL601-translated",
        lambda: {r.english.lower() for r in ctx.renderings if script_of(r.form) != "latin"},
    )
    return bool(forms & translated)


def _glossed(word: str, text: str, end: int) -> bool:
    """The word followed by its translation in brackets: precision（精度）, volume(量)."""
    m = _BRACKET_AFTER.match(text, end)
    if not m:
        return False
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize

    inner = m.group(1).strip()
    senses = set(gloss(inner)).union(*(gloss(t.lemma) for t in tokenize(inner)))
    return bool(english_lemmas(word) & senses)


def _latin_in_japanese(ctx: Context) -> Counter[str]:
    """How many Japanese sentences write each Latin word (lower case)."""
    # Each distinct text's words once, counted as often as the text occurs (a long document
    # repeats its sentences).
    occurs = Counter(seg.text for seg in ctx.ja.segments)
    counts: Counter[str] = Counter()
    for text, n in occurs.items():
        for word in {m.group().lower() for m in _LATIN_WORD_IN_JA.finditer(text)}:
            counts[word] += n
    return counts


@dataclass(frozen=True)
class UntranslatedOptions(RuleOptions):
    #: The fewest plain English words in a Latin run for it to count as untranslated.
    min_words: int = bounded(2, 1)
    #: The shortest single word reported (two letters are mostly units and abbreviations).
    min_chars: int = bounded(3, 1)
    #: A word the Japanese writes in Latin in this many sentences is kept in Latin on purpose.
    max_sentences: int = bounded(2, 1)


class Untranslated(Rule):
    """A run of English words left in the Japanese that is not a name, brand or code.

    English left where a translation was expected: a run with at least ``min_words`` lower-case
    English words, or a single ordinary English word. A single word is ordinary when a real
    lexicon lists it (lemminflect's English lexicon with its inflections, else JMdict's English
    glosses): in lower case, or capitalised when it is a verb, adjective or adverb (Restored)
    that names no component (Submit ボタン) and is no name JMnedict lists. Not reported, because
    the Latin is meant there:

    - names, brands, acronyms, units, identifiers and code (Acme, iPad, MP3, km, find.packages),
      and a lone word in a sentence with code in it (config.verboseをtrueに設定);
    - a word that JMdict writes inside Japanese headwords (it is Japanese usage to write it in
      Latin, as in a ｗｅｂ compound);
    - a word the English itself capitalises inside a sentence (a product or a title);
    - a word the Japanese writes in Latin in ``max_sentences`` sentences or more and never in
      Japanese script (a term the document keeps in Latin throughout, as technical writing does);
    - a word cited as a word, or given beside its translation (orchardという語, 果樹園（orchard）);
    - words shorter than ``min_chars`` letters (two letters are mostly units and abbreviations).

    Anti-pattern::

        この取引は、expected to close next yearとされている。
        嵐の後、orchardが浸水した。

    Better::

        この取引は、来年完了する見込みだ。
        嵐の後、果樹園が浸水した。
    """

    code = "AL601"
    name = "untranslated"
    category = "untranslated"
    severity = Severity.WARNING
    Options = UntranslatedOptions
    options: UntranslatedOptions
    messages = {
        "untranslated": Template(
            "English left untranslated: {text!r}", "英語が訳されずに残っています: 「{text}」"
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # A term kept in Latin where the article otherwise renders it is a term variant (the
        # phrase layer pairs it with its other forms), not untranslated text.
        terms = {(r.ja, r.start, r.end) for r in ctx.renderings if r.kind != "name"}
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            for m in _RUN.finditer(seg.text):
                if (seg.index, m.start(), m.end()) in terms or _code_like(seg.text, m.start(), m.end()):
                    continue
                if _cited(ctx, seg, m):
                    continue
                if _run_words(m.group()) >= self.options.min_words or self._single_word(ctx, seg, m):
                    yield self.finding(
                        self.say("untranslated", text=m.group()),
                        ja=[seg.index],
                        en=ctx.bead(ctx.bead_of_ja[seg.index]).en if seg.index in ctx.bead_of_ja else (),
                        spans=[ctx.ja_span(seg, m.start(), m.end())],
                    )

    def _single_word(self, ctx: Context, seg: Segment, m: re.Match[str]) -> bool:
        """Whether the run is one ordinary English word, left untranslated (see the class doc).

        The tests run from the cheapest: most lone Latin words in Japanese are names."""
        word, text = m.group(), seg.text
        if len(word) < self.options.min_chars or not _ordinary_shape(word) or _keyword(word):
            return False
        if word.lower() in _cited_forms(text):
            return False
        if _NAMED_AFTER.match(text, m.end()) or _quoted(text, m.start(), m.end()):
            return False
        if not word.islower() and (
            _KATAKANA_AFTER.match(text, m.end()) or _english_name(ctx, seg.index, word.lower())
        ):
            return False  # a component (Submit ボタン) or a name of the English
        if not _ordinary_word(word) or _glossed(word, text, m.end()) or _technical(text):
            return False
        return not self._kept_in_latin(ctx, seg, word)

    def _kept_in_latin(self, ctx: Context, seg: Segment, word: str) -> bool:
        """The document keeps the word in Latin on purpose: in ``max_sentences`` Japanese
        sentences and never in Japanese script, or as a name of the English."""
        low = word.lower()
        in_latin = ctx.memo("AL601-latin-in-ja", lambda: _latin_in_japanese(ctx))
        if in_latin[low] >= self.options.max_sentences and not _translated_elsewhere(ctx, word):
            return True
        return _english_name(ctx, seg.index, low)


def _keyword(word: str) -> bool:
    """A function word that is a keyword of code (Python's own list): whileループ, ifの中 name a
    construct of a program, which Japanese writes in Latin."""
    return keyword.iskeyword(word) and is_function_word(word)


#: The shortest prefix two Latin words of a sentence share for them to be forms cited side by side.
_FORM_PREFIX = 5


def _cited_forms(text: str) -> frozenset[str]:
    """Latin words (lower case) of *text* that share their first letters with another Latin word
    of it: forms of a word cited side by side (discount, discounts; universeとuniversity), as a
    text about words does; a translation that left English behind does not write two forms of
    one stem."""
    words = sorted({w.lower() for w in _LATIN_WORD_IN_JA.findall(text) if len(w) >= _FORM_PREFIX})
    cited: set[str] = set()
    for a, b in itertools.pairwise(words):  # in sorted order, words of one stem are neighbours
        if a[:_FORM_PREFIX] == b[:_FORM_PREFIX]:
            cited.update((a, b))
    return frozenset(cited)


def _cited(ctx: Context, seg: Segment, m: re.Match[str]) -> bool:
    """The run is cited, not left untranslated: forms of one stem listed side by side, or the
    whole of a quotation that the English quotes too (a query, a title: 「red running shoes」)."""
    words = [w.lower() for w in _WORD.findall(m.group())]
    forms = _cited_forms(seg.text)
    if any(w in forms for w in words) and all(w in forms or is_function_word(w) for w in words):
        return True
    if not _quoted(seg.text, m.start(), m.end()) or seg.index not in ctx.bead_of_ja:
        return False
    english = " ".join(ctx.en.segments[i].text for i in ctx.bead(ctx.bead_of_ja[seg.index]).en)
    return bool(re.search(f"[\"“‘'「]{re.escape(m.group())}[\"”’'」]", english, re.I))


def _ordinary_shape(word: str) -> bool:
    """Letters in lower case, or capitalised: not an acronym, nor a name with inner capitals
    (QDX, MetroLink)."""
    low = word.lower()
    return bool(_WORD.fullmatch(word)) and (word == low or word[0].isupper() and word[1:] == low[1:])


def _ordinary_word(word: str) -> bool:
    """A word of the English lexicon that Japanese does not write in Latin itself and that is
    no name: lower case, or capitalised and no noun (Restored)."""
    classes = word_classes(word)
    if not classes or not (word.islower() or _capitalised_ordinary(word, classes)):
        return False
    if word.lower() in latin_in_headwords():
        return False  # JMdict writes it in Latin inside Japanese headwords (ｗｅｂ)
    return word.islower() or not is_known_name(word)


def _capitalised_ordinary(word: str, classes: frozenset[str]) -> bool:
    """A capitalised word that is no name: a verb, adjective or adverb (Built, Famous).

    A capitalised noun may be a name (Apple, Prince) and is left alone."""
    return word[0].isupper() and not classes & {"NOUN", "PROPN", "X"}


class LatinPersonName(Rule):
    """A person's name left in Latin script while the text writes other people in katakana.

    Only names followed by an honorific (氏, さん) count, and only when at least
    one other person is written in katakana with an honorific.

    Anti-pattern::

        スミス氏は…。John Doe氏は…と述べた。

    Better::

        スミス氏は…。ジョン・ドウ氏は…と述べた。
    """

    code = "AL602"
    name = "latin-person-name"
    category = "untranslated"
    severity = Severity.INFO
    messages = {
        "latin-name": Template(
            "{name!r} is in Latin script, while {count} other names are in katakana",
            "「{name}」はラテン文字のままですが、ほかの{count}人の名前はカタカナです",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        # The form decides, not the method: a name kept in Latin is also a "rendering" of itself.
        kana_people = {
            r.form
            for r in ctx.renderings
            if script_of(r.form) != "latin" and _HONORIFIC.match(ctx.ja.segments[r.ja].text, r.end)
        }
        if not kana_people:
            return
        en_words = set(_NAME_WORD.findall(ctx.en.text))
        for seg in ctx.ja.segments:
            for m in _LATIN_NAME.finditer(seg.text):
                if not all(w in en_words for w in m.group().split()):
                    continue  # a fragment (truncated-name) or not from the English
                yield self.finding(
                    self.say("latin-name", name=m.group(), count=len(kana_people)),
                    ja=[seg.index],
                    spans=[ctx.ja_span(seg, m.start(), m.end())],
                    expected=m.group(),
                )


RULES: tuple[type[Rule], ...] = (Untranslated, LatinPersonName)
