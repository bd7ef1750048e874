"""One name spelt two ways in the Japanese, and names cut short: found from the Japanese itself.

The renderings of :mod:`.renderings` tie a Japanese word to an English name by its sound; a
misspelt or cut-short name may no longer sound enough like the English, and a name the
English writes in lower case or as an adjective (london, Indian) has no English name to be
tied to. What still shows that two spellings are one name is the Japanese text:

- **variant kanji** (:func:`kanji_spellings`): a proper noun written elsewhere with another
  form of one of its characters (中国 / 中國, 渡辺 / 渡邊). The character variants are
  KANJIDIC2's (the cross-references between a character's old, new and variant forms);
  readings from UniDic and JMnedict must not tell the two spellings apart;
- **katakana spellings** (:func:`katakana_spellings`): a katakana word no dictionary knows,
  spelt almost as a name the text also uses (ニュートーン beside ニュートン: a length mark,
  a small kana, a ッ, a ジェ/ゼ);
- **names cut short** (:func:`katakana_truncations`): a katakana word that is the start of
  the usual rendering of a name of its bead's English (ペンバー for Pemberton, written
  ペンバートン elsewhere or so predicted by e2k), and renders nothing else of that English.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KANJI, KATAKANA
from ..model import Alignment, Document, Rendering, RenderingMethod
from .japanese import katakana_words, script_of

__all__ = [
    "MIN_SPELLING",
    "barrel_parts",
    "kanji_spellings",
    "katakana_spellings",
    "rest_translated",
]

#: Two katakana spellings are one name at this similarity (kana and romaji, see _similarity).
MIN_SPELLING = 0.75
#: A katakana word renders an English word of its bead at this similarity: then it is that
#: word's rendering, not another name cut short.
MIN_OWN = 0.75
#: A short katakana word is close to many words (ロンド ~ road 0.79): to count as another word's
#: rendering rather than a name cut short, it must render that word almost exactly.
MIN_WHOLE = 0.9
#: ...and one part of a double-barrelled name at this one (renderings.MIN_PART).
MIN_PART = 0.65
_KANJI_RUN = re.compile(f"[{KANJI}]+")
_KATAKANA_RUN = re.compile(f"[{KATAKANA}]+")
_SEPARATORS = re.compile("[・＝=]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CAPITAL_RUN = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


@dataclass(frozen=True)
class _Occurrence:
    ja: int
    start: int
    end: int
    form: str


def _bead_en(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    """Japanese sentence -> the English sentences of its bead."""
    return {j: b.en for b in alignment.beads for j in b.ja}


def _english_key(
    forms: Iterable[str],
    occurrences: Sequence[_Occurrence],
    found: Sequence[Rendering],
    en_text: Callable[[int], str],
) -> tuple[str, tuple[int, ...]] | None:
    """The English a group of spellings renders: the unit a spelling is already tied to, else
    the English word of a spelling's bead it renders best (india for インド), else None."""
    from ..lexicon.dictionary import gloss
    from ..lexicon.translit import katakana_similarity

    forms = set(forms)
    for r in found:
        if r.form in forms and r.kind == "name":
            return r.english, r.en
    best: tuple[float, str, tuple[int, ...]] | None = None
    for o in occurrences:
        for word in dict.fromkeys(_EN_WORD.findall(en_text(o.ja))):
            if script_of(o.form) == "katakana":
                score = katakana_similarity(o.form, word)
            else:
                score = 1.0 if word.lower() in gloss(o.form) else 0.0  # 中国 ~ China
            if score >= MIN_OWN and (best is None or score > best[0]):
                best = (score, word, ())
    return (best[1], best[2]) if best else None


def _renderings(
    groups: Sequence[list[_Occurrence]],
    found: Sequence[Rendering],
    ja: Document,
    en: Document,
    alignment: Alignment,
    method: RenderingMethod,
) -> list[Rendering]:
    """Renderings for every occurrence of each group of spellings of one name, tied to the
    English the group renders (or, with no English for it, to its most frequent spelling)."""
    bead_en = _bead_en(alignment)
    joined: dict[int, str] = {}

    def en_text(j: int) -> str:
        # The English of a sentence's bead when first asked: few sentences are, of many.
        if j not in joined:
            joined[j] = " ".join(en.segments[i].text for i in bead_en.get(j, ()))
        return joined[j]

    taken = {(r.ja, r.start, r.end) for r in found}
    out = []
    for occ in groups:
        forms = [o.form for o in occ]
        key = _english_key(forms, occ, found, en_text)
        english = key[0] if key else max(sorted(set(forms)), key=forms.count)
        for o in occ:
            if (o.ja, o.start, o.end) not in taken:
                out.append(Rendering(english, o.ja, o.start, o.end, o.form, method, bead_en.get(o.ja, ())))
    return out


# --- variant kanji ---------------------------------------------------------------------------


def _proper_kanji(text: str) -> list[str]:
    """UniDic's proper nouns of a sentence written in kanji only (two characters or more)."""
    from ..lexicon.tokens import tokenize

    return [
        t.surface
        for t in tokenize(text)
        if t.pos2 == "固有名詞" and len(t.surface) >= 2 and _KANJI_RUN.fullmatch(t.surface)
    ]


def _one_reading(a: str, b: str) -> bool:
    """Readings do not tell the two spellings apart: where UniDic knows both as one word each,
    each one's reading is a reading of the other (渡辺 / 渡邊); a spelling UniDic does not know
    as a word (中國, read character by character) has no reading of its own to compare."""
    from ..lexicon.translit import same_name_kanji

    if _one_word(a) and _one_word(b):
        return same_name_kanji(a, b)
    return True


@lru_cache(maxsize=16384)
def _one_word(form: str) -> bool:
    from ..lexicon.tokens import tokenize

    toks = tokenize(form)
    return len(toks) == 1 and toks[0].reading != form


def kanji_spellings(
    ja: Document, en: Document, alignment: Alignment, found: Sequence[Rendering]
) -> list[Rendering]:
    """Proper nouns written with variant kanji in another place of the text (中国 / 中國)."""
    from ..lexicon.dictionary import kanji_variants

    variants = kanji_variants()
    sentences = [(s.index, s.text) for s in ja.segments if not s.is_metadata]
    # Each distinct sentence once (a long document repeats its sentences).
    names = {f for text in dict.fromkeys(t for _, t in sentences) for f in _proper_kanji(text)}
    names = {f for f in names if any(ord(c) in variants for c in f)}
    if not names:
        return []
    translated = {text: text.translate(variants) for text in dict.fromkeys(t for _, t in sentences)}
    canonical = [translated[text] for _, text in sentences]
    keys = sorted({f.translate(variants) for f in names})
    rows = _rows_by_character(canonical, set("".join(keys)))
    groups = []
    for occ in _kanji_occurrences(keys, sentences, canonical, rows).values():
        forms = sorted({o.form for o in occ})
        if len(forms) >= 2 and all(_one_reading(forms[0], f) for f in forms[1:]):
            groups.append(occ)
    return _renderings(groups, found, ja, en, alignment, "spelling")


def _kanji_occurrences(
    keys: Sequence[str],
    sentences: Sequence[tuple[int, str]],
    canonical: Sequence[str],
    rows: dict[str, list[int]],
) -> dict[str, list[_Occurrence]]:
    """Where each key (a name with its variant kanji made canonical) occurs in the *canonical*
    texts of the *sentences*, written as the sentence writes it."""
    by_key: dict[str, list[_Occurrence]] = defaultdict(list)
    for key in keys:
        pattern = re.compile(re.escape(key))
        # Only the sentences holding the key's rarest character: scanning every sentence for
        # every name was quadratic in the length of the text.
        spans: dict[str, list[tuple[int, int]]] = {}  # each distinct sentence searched once
        for i in min((rows.get(c, []) for c in key), key=len) if key else range(len(sentences)):
            (j, text), canon = sentences[i], canonical[i]
            if canon not in spans:
                spans[canon] = [m.span() for m in pattern.finditer(canon)]
            if spans[canon]:
                by_key[key] += [_Occurrence(j, s, e, text[s:e]) for s, e in spans[canon]]
    return by_key


def _rows_by_character(texts: Sequence[str], wanted: set[str]) -> dict[str, list[int]]:
    """The indexes of the texts holding each of the *wanted* characters, in order."""
    rows: dict[str, list[int]] = defaultdict(list)
    held: dict[str, tuple[str, ...]] = {}  # each distinct text's characters once
    for i, text in enumerate(texts):
        chars = held.get(text)
        if chars is None:
            chars = held[text] = tuple(wanted.intersection(text))
        for c in chars:
            rows[c].append(i)
    return rows


# --- katakana spellings ----------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    """How alike two katakana spellings are: in kana with length marks, small kana and ヴ rows
    set aside, or in sound (romaji: ゼーン ~ ジェーン)."""
    from rapidfuzz.fuzz import ratio

    from ..lexicon.translit import normalize_kana, romaji

    kana = ratio(normalize_kana(a, loose=True), normalize_kana(b, loose=True))
    return max(kana, ratio(romaji(a), romaji(b))) / 100


@lru_cache(maxsize=65536)
def _known_word(form: str) -> bool:
    """A katakana word a dictionary knows: a JMdict word or a UniDic proper noun."""
    from ..lexicon.dictionary import has_gloss

    return has_gloss(form) or _proper_katakana(form)


@lru_cache(maxsize=65536)
def _proper_katakana(form: str) -> bool:
    """UniDic reads the whole katakana word as one proper noun (ロンドン, ニュートン)."""
    from ..lexicon.tokens import tokenize

    toks = tokenize(form)
    return len(toks) == 1 and toks[0].pos2 == "固有名詞"


#: A sentence's katakana words: (start, end, form).
_Words = tuple[tuple[int, int, str], ...]


def _katakana_sentences(ja: Document) -> list[tuple[int, str, _Words]]:
    """(sentence, text, katakana words) of the sentences with katakana words, in order. Each
    distinct text's words once, one tuple shared by its sentences: a long document repeats them."""
    out = []
    of_text: dict[str, _Words] = {}
    for seg in ja.segments:
        if seg.is_metadata:
            continue
        words = of_text.get(seg.text)
        if words is None:
            words = of_text[seg.text] = tuple(
                (c.start, c.end, c.text)
                for c in katakana_words(seg.text)
                if script_of(c.text) == "katakana" and len(c.text) >= 2
            )
        if words:
            out.append((seg.index, seg.text, words))
    return out


def katakana_spellings(
    ja: Document, en: Document, alignment: Alignment, found: Sequence[Rendering]
) -> list[Rendering]:
    """Katakana words no dictionary knows, spelt almost as a name of the text (ニュートーン for
    ニュートン): the name's renderings and UniDic's katakana proper nouns are the names."""
    sentences = _katakana_sentences(ja)
    # Each distinct text's words once (one tuple per distinct text).
    forms = {form for words in {id(w): w for *_, w in sentences}.values() for *_, form in words}
    rendered = {r.form for r in found if r.kind == "name" and script_of(r.form) == "katakana"}
    names = sorted({f for f in forms if f in rendered or _proper_katakana(f)})
    unknown = sorted({f for f in forms if f not in rendered and not _known_word(f)})
    spelt = _spelt(unknown, names)
    # Only the occurrences of the spellings grouped are made (in document order, as before).
    occ = [
        _Occurrence(j, s, e, form)
        for j, _, words in sentences
        for s, e, form in words
        if form in spelt or form in spelt.values()
    ]
    groups: dict[str, list[_Occurrence]] = defaultdict(list)
    for o in occ:
        if o.form in spelt:
            groups[spelt[o.form]].append(o)
    for o in occ:
        if o.form in groups:
            groups[o.form].append(o)
    return _renderings([groups[k] for k in sorted(groups)], found, ja, en, alignment, "spelling")


def _spelt(unknown: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """Each unknown form spelt almost as one of the *names* -> that name (the closest)."""
    from ..lexicon.translit import normalize_kana

    spelt: dict[str, str] = {}
    for form in unknown:
        close = [
            (_similarity(form, name), name)
            for name in names
            if normalize_kana(name) != normalize_kana(form)
            and not _prefix_of(form, name)
            and name not in form
        ]
        score, name = max(close, default=(0.0, ""))
        if score >= MIN_SPELLING:
            spelt[form] = name
    return spelt


def _prefix_of(short: str, full: str) -> bool:
    from ..lexicon.translit import normalize_kana

    s, f = normalize_kana(short, loose=True), normalize_kana(full, loose=True)
    return len(s) < len(f) and f.startswith(s)


# --- names cut short -------------------------------------------------------------------------


def _full_forms(word: str, known: dict[str, set[str]]) -> set[str]:
    """The katakana a word of the English is written in: its renderings in the text, JMnedict's
    spellings of the name (Mary: メアリー, メアリ...), and e2k's prediction (for a lower-case word
    only when UniDic knows the prediction as a proper noun: london -> ロンドン, but no ordinary
    word cut short)."""
    from ..lexicon.dictionary import name_spellings
    from ..lexicon.translit import predicted_katakana

    forms = {f for f in known.get(word, ()) if script_of(f) == "katakana"}
    forms |= {f for w in dict.fromkeys((word, word.capitalize())) for f in name_spellings(w)}
    guess = predicted_katakana(word)
    if guess and (word[:1].isupper() or _proper_katakana(guess)):
        forms.add(guess)
    return {f for f in forms if script_of(f) == "katakana"}


@lru_cache(maxsize=16384)
def _complete_forms(word: str) -> frozenset[str]:
    """Forms that render *word* whole: JMnedict's spellings of the name (ピゲ for Piguet, where e2k
    writes ピゲット), e2k's katakana of the word and, for a plural, of its singular (ニュートン for
    Newtons: katakana does not mark number)."""
    from ..lexicon.dictionary import name_spellings
    from ..lexicon.translit import normalize_kana, predicted_katakana

    words = [word] + ([word[:-1]] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else [])
    forms = [predicted_katakana(w) for w in words]
    forms += [f for w in words for f in name_spellings(w) + name_spellings(w.capitalize())]
    return frozenset(normalize_kana(f, loose=True) for f in forms)


def part_of(short: str, full: str, context: Sequence[str] = ()) -> bool:
    """*short* is the first word(s) of *full*, the rest rendering a word of the English *context*
    (ハンドル of ハンドルレスポンス beside "response")."""
    from ..lexicon.translit import is_katakana_prefix

    return is_katakana_prefix(short, full) and _word_boundary(short, full, tuple(w.lower() for w in context))


def cut_of(short: str, full: str, context: Sequence[str] = ()) -> bool:
    """*short* is *full* cut after two morae or more, with at least one mora missing, and not at
    a word boundary of *full* whose rest renders a word of the English *context* (クリスマス of
    クリスマスシーズン beside "Christmas season" is a word of its own; フェイス of フェイスブック
    beside "Facebook" is a cut, whatever UniDic makes of ブック)."""
    from ..lexicon.translit import is_katakana_prefix

    return (
        is_katakana_prefix(short, full)
        and _morae(short) >= 2
        and not _word_boundary(short, full, tuple(w.lower() for w in context))
    )


@lru_cache(maxsize=16384)
def _word_boundary(short: str, full: str, context: tuple[str, ...]) -> bool:
    """UniDic splits *full* right after *short*, and what follows renders a word of *context*."""
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import katakana_similarity

    # Separators aside (ハンドル・レスポンス is a prefix of ハンドルレスポンスメソッド).
    short, full = _SEPARATORS.sub("", short), _SEPARATORS.sub("", full)
    if len(short) not in {t.end for t in tokenize(full)}:
        return False
    rest = full[len(short) :]
    return any(w in gloss(rest) or katakana_similarity(rest, w) >= MIN_OWN for w in context)


def _morae(kana: str) -> int:
    return sum(1 for c in kana if c not in "ァィゥェォャュョヮー")


def _is_cut(form: str, word: str, full: Callable[[str], set[str]], context: Sequence[str] = ()) -> bool:
    """*form* is how *word* is written (in the text, or by e2k: *full* gives them), cut short."""
    from ..lexicon.translit import is_katakana_prefix

    if len(word) < 3:
        return False
    # Most words have no full form that *form* starts: the cheap prefix test first, then the
    # dictionary look-ups of _no_cut (a long document asks about ~100k pairs).
    fulls = [f for f in full(word) if f != form and is_katakana_prefix(form, f)]
    if not fulls or _no_cut(form, word):
        return False
    return any(cut_of(form, f, context) for f in fulls)


#: Keyed by the two strings: a long document asks about the same word and form again and again.
@lru_cache(maxsize=1 << 16)
def _no_cut(form: str, word: str) -> bool:
    """*form* is a whole way of writing *word*, or of its stem, or of its first words."""
    from ..lexicon.translit import normalize_kana

    if normalize_kana(form, loose=True) in _complete_forms(word) or _stem_of(form, word):
        return True
    if _spelt_as(form, word):
        return True  # a Japanese name written as it is romanised (ヨツカド ~ Yotsukado)
    # The first words of a name of several (データサイエンス of Data Science X).
    return _renders_words(form, word)


def _spelt_as(form: str, word: str) -> bool:
    """The romaji of *form* spells *word* (vowel length and Hepburn/Kunrei aside), but for the
    letters katakana writes with no mora of their own: the g of a final -ng (ペン for Peng) and
    a silent h. Any other final consonant is a mora in katakana (ル of Mitchell): missing, a cut."""
    from ..lexicon.translit import name_key, romaji

    key, roman = name_key(word), name_key(romaji(form))
    return bool(key) and bool(roman) and key.startswith(roman) and key[len(roman) :] in ("", "g", "h", "gh")


def _renders_words(form: str, name: str) -> bool:
    """*form* renders whole words at the start or end of the multi-word *name*."""
    from ..lexicon.translit import katakana_similarity

    words = name.split()
    parts = [" ".join(words[:k]) for k in range(1, len(words))] + [
        " ".join(words[k:]) for k in range(1, len(words))
    ]
    return any(katakana_similarity(form, p) >= MIN_WHOLE for p in parts)


def _stem_of(form: str, word: str) -> bool:
    """*form* is a whole word of JMdict's translation of *word* (アメリカ of アメリカ人 for
    "American"): it renders the word's stem, not the word cut short."""
    return form in _gloss_katakana(word.lower())


@lru_cache(maxsize=16384)
def _gloss_katakana(word: str) -> frozenset[str]:
    """The katakana runs of JMdict's forms glossed by *word* (a common word has hundreds)."""
    from ..lexicon.dictionary import reverse_gloss

    return frozenset(k for f in reverse_gloss(word) for k in _KATAKANA_RUN.findall(f))


def cut_short(
    found: Sequence[Rendering], ja: Document, en: Document, alignment: Alignment
) -> list[Rendering]:
    """The renderings with names cut short marked as such (method "prefix"), and the katakana
    words that are the start of how a name of their bead's English is written added.

    A rendering tied to a name by its sound may be the name cut short (フロリ for Florida: e2k
    writes フロリダ); a cut may also sound too little like the name to have been tied (ロンド for
    london). Either way the word must render nothing else of its English (アリ beside "ant"), be
    no word of its own at the start of a longer one (クリスマス of クリスマスシーズン), and stand
    alone (not joined by ・ to another part of a full name).
    """
    from dataclasses import replace

    known: dict[str, set[str]] = defaultdict(set)
    for r in found:
        if r.method != "prefix":
            known[r.english].add(r.form)
    bead_en = _bead_en(alignment)
    memo: dict[str, set[str]] = {}

    def full(word: str) -> set[str]:
        # Asked for every katakana word of a bead and every word of its English: once a word.
        if word not in memo:
            memo[word] = _full_forms(word, known)
        return memo[word]

    out = []
    for r in found:
        if (
            r.kind == "name"
            and r.method in ("translit", "alignment")
            and script_of(r.form) == "katakana"
            and _is_cut(r.form, r.english, full, words := _bead_words(en, bead_en.get(r.ja, ())))
            and not _renders_other(r.form, r.english, words)
        ):
            r = replace(r, method="prefix")
        out.append(r)
    return out + _untied_cuts(out, full, ja, en, bead_en)


def _bead_words(en: Document, ids: Sequence[int]) -> list[str]:
    """The words of a bead's English, and its runs of capitalised words (Silicon Valley: a name
    written as one katakana word may be cut in the second word)."""
    text = " ".join(en.segments[i].text for i in ids)
    return list(dict.fromkeys([*_EN_WORD.findall(text), *_CAPITAL_RUN.findall(text)]))


def _renders_other(form: str, word: str, words: Sequence[str]) -> bool:
    """*form* renders another word of the English whole (by sound or by JMdict: アリ ~ ant)."""
    from ..lexicon.translit import katakana_similarity

    return any(katakana_similarity(form, w) >= MIN_WHOLE or _glossed(form, w) for w in words if w != word)


def _glossed(form: str, word: str) -> bool:
    """JMdict translates *form* by *word* (アリ ~ ant)."""
    from ..lexicon.dictionary import gloss

    return word.lower() in gloss(form)


def _untied_cuts(
    found: Sequence[Rendering],
    full: Callable[[str], set[str]],
    ja: Document,
    en: Document,
    bead_en: dict[int, tuple[int, ...]],
) -> list[Rendering]:
    """Katakana words tied to nothing that are a name of their bead's English cut short."""
    rendered = {(r.ja, r.start, r.end) for r in found}
    by_bead: dict[tuple[int, ...], set[str]] = defaultdict(set)
    for r in found:
        by_bead[bead_en.get(r.ja, ())].add(r.english)
    out = []
    # A word's answer depends on its sentence, its place there and its bead's English only: a
    # long document repeats its sentences, and each such case is judged once (when first asked).
    seen: dict[tuple[str, tuple[str, ...]], dict[int, str | None]] = {}
    unrendered: dict[tuple[int, ...], tuple[str, ...]] = {}  # a bead's English words, once a bead
    bead_words: dict[tuple[str, ...], list[str]] = {}  # ...worked out once per distinct English
    for j, text, forms in _katakana_sentences(ja):
        ids = bead_en.get(j, ())
        words = unrendered.get(ids)
        if words is None:
            english = tuple(en.segments[i].text for i in ids)
            if english not in bead_words:
                bead_words[english] = _bead_words(en, ids)
            words = unrendered[ids] = tuple(w for w in bead_words[english] if w not in by_bead[ids])
        judged = seen.setdefault((text, words), {})
        for n, (start, end, form) in enumerate(forms):
            if (j, start, end) in rendered:
                continue
            if n not in judged:
                judged[n] = _cut_name(_Occurrence(j, start, end, form), words, full, text)
            cut = judged[n]
            if cut:
                out.append(Rendering(cut, j, start, end, form, "prefix", ids))
    return out


def _joined(text: str, o: _Occurrence) -> bool:
    """A word joined to another by ・ or ＝: a part of a name written whole (ブラニック＝ホルスト)."""
    return text[o.start - 1 : o.start] in ("・", "＝", "=") or text[o.end : o.end + 1] in ("・", "＝", "=")


def barrel_parts(english: str) -> list[str]:
    """The parts of a double-barrelled name (Smith-Jones: Smith, Jones), or none."""
    parts = [p for p in english.split("-") if p]
    # Each part a name of its own: capitalised, two letters at least (D-Day, X-Ray are no surnames).
    named = all(p[:1].isupper() and sum(c.isalpha() for c in p) >= 2 for p in parts)
    return parts if len(parts) > 1 and " " not in english and named else []


def rest_translated(form: str, english: str, text: str) -> bool:
    """The parts of the double-barrelled name that the katakana *form* does not render are all
    translated in the sentence *text* (a word JMdict glosses by the part: 太平洋 ~ Pacific):
    アジア太平洋 renders Asia-Pacific whole, in two scripts."""
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import katakana_similarity

    rest = [p.lower() for p in barrel_parts(english) if katakana_similarity(form, p) < MIN_PART]
    if not rest:
        return False
    toks = tokenize(text)
    # Words and runs of up to three tokens (太平 + 洋 is 太平洋, "Pacific Ocean").
    pieces = {t.lemma for t in toks} | {
        text[a.start : b.end] for n, a in enumerate(toks) for b in toks[n : n + 3]
    }
    words = {g for piece in pieces for g in gloss(piece)}
    return all(p in words for p in rest)


def _cut_name(o: _Occurrence, words: Sequence[str], full: Callable[[str], set[str]], text: str) -> str | None:
    """The English word among *words* (not rendered in the bead) that the word *o* renders cut
    short, or None."""
    from ..lexicon.translit import katakana_similarity

    form = o.form
    for word in words:
        parts = barrel_parts(word)
        # A hyphenated name is one name: one of its parts alone is that name cut short (unless
        # joined to the others, ブラニック＝ホルスト, or beside their translation).
        if any(katakana_similarity(form, p) >= MIN_PART for p in parts):
            whole = _joined(text, o) or rest_translated(form, word, text) or _renders_other(form, word, words)
            return None if whole else word
    cut = [w for w in words if _is_cut(form, w, full, words)]
    if not cut or any(_renders_other(form, w, words) for w in cut):
        return None  # it renders another word of its English whole (アリ beside "ant")
    return cut[0]
