"""Entity fidelity: every name of a bead's English has its counterpart in the bead's Japanese,
and every proper noun of the Japanese has one in the English.

The English names are capitalised words and phrases (:func:`english_entities`): mid-sentence
capitalised words, runs of them (Suwa Red Cross Hospital), acronyms, and a sentence-initial
word that no English dictionary knows (lemminflect's lexicon). The Japanese proper nouns are
UniDic's 固有名詞, a noun right before an honorific (氏, さん), katakana runs that are no
dictionary word, and Latin words (:func:`japanese_entities`).

A counterpart needs evidence, word by word (:func:`word_score`): the same Latin letters, a
katakana word close to e2k's prediction of the English word, a reading of a kanji span that
spells the word (UniDic, JMnedict), or a JMdict/JMnedict gloss that is the word. A multi-word
name counts as rendered when its name words are (its generic words, City or Hospital, only
count when it has no other). Inside a bead the names are tied to Japanese spans one to one,
by the best total (:mod:`.assignment`), so that one katakana word never
renders two English names.

What is left over is what the rules report (align.rules.names): an English name with no
counterpart while the Japanese has an unexplained proper noun (substituted), an English
name alone (missing, unless an anaphor such as 同氏 or 彼 refers to it) and a Japanese proper
noun alone (added).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KANJI, KATAKANA, LATIN
from ..model import Alignment, Document
from .japanese import KATAKANA_RUN as _KATAKANA_RUN

__all__ = [
    "EntityCheck",
    "EnEntity",
    "JaEntity",
    "MIN_KATAKANA",
    "MIN_READING",
    "check_entities",
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
_CAP_RUN = re.compile(
    r"[A-Z][\w'’.&-]*(?:(?:\s+(?:of|the|de|du|van|von|der|la|le|&)){0,2}\s+[A-Z][\w'’.&-]*)*"
)
_KATAKANA_WORD = re.compile(f"[{KATAKANA}]+")
_LATIN = re.compile(rf"[A-Za-z][0-9{LATIN}]*(?:[-.'’&][0-9{LATIN}]+)*")
_HAS_KANJI = re.compile(f"[{KANJI}]")
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

    @property
    def words(self) -> tuple[str, ...]:
        """Its words, a hyphenated name split into its parts (Asia-Pacific: Asia, Pacific)."""
        parts = (p for w in _WORD.findall(self.text) for p in w.split("-"))
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


def _is_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPEN + " ")
    return not before or before.endswith((".", "!", "?", ":", ";"))


def _name_word(word: str) -> bool:
    """A word that can be (part of) a name: a capital first, not a date, not an amount (W86bn,
    A$240mn) or a unit (MWh): a word with digits is a name only when short (J3, G7)."""
    if not word[:1].isupper() or word.lower() in _calendar_words():
        return False
    if any(c.isdigit() for c in word) and (len(word) > 3 or "." in word):
        return False
    if _is_unit(word):
        return False
    return len(word) > 1  # a single letter (I, C for Celsius, X) is no name to render


@lru_cache(maxsize=4096)
def _is_unit(word: str) -> bool:
    """A unit of measure (MWh, GHz, km), as the quantity grammar knows them."""
    from ..lexicon.quantities import en_quantities

    return any(q.unit and q.text.endswith(word) for q in en_quantities(f"5 {word}"))


def _sentence_entities(sentence: int, text: str) -> list[EnEntity]:
    out: list[EnEntity] = []
    for m in _CAP_RUN.finditer(text):
        words = [(w.start() + m.start(), w.group()) for w in _WORD.finditer(m.group())]
        # A possessive ('s) is no part of the name.
        words = [(s, re.sub(r"['’]s$", "", w)) for s, w in words]
        # IT-related, London-based: the capitalised part is the name.
        words = [
            (s, w.split("-")[0]) if "-" in w and not w.split("-")[-1][:1].isupper() else (s, w)
            for s, w in words
        ]
        # An abbreviation before a number (No. 4, Vol. 2) is no name.
        words = [(s, w) for s, w in words if not re.match(r"\.\s*\d", text[s + len(w) : s + len(w) + 3])]
        # A sentence-initial ordinary word ("Pitcher", "However") is no name.
        while words and _is_initial(text, words[0][0]) and common_word(words[0][1]):
            words = words[1:]
        while words and (words[0][1].lower() in _PARTICLES or not _name_word(words[0][1])):
            words = words[1:]
        while words and (words[-1][1].lower() in _PARTICLES or not _name_word(words[-1][1])):
            words = words[:-1]
        if not words:
            continue
        start, end = words[0][0], words[-1][0] + len(words[-1][1])
        name = text[start:end]
        kind = "acronym" if name.isupper() and " " not in name and len(name) >= 2 else "name"
        out.append(EnEntity(sentence, start, end, name, kind))
    return out


def english_entities(en: Document) -> dict[int, list[EnEntity]]:
    """The names of every English sentence (see the module's docstring)."""
    return {seg.index: _sentence_entities(seg.index, seg.text) for seg in en.segments if not seg.is_metadata}


# --- Japanese --------------------------------------------------------------------------


def _script(form: str) -> str:
    if _LATIN.fullmatch(form):
        return "latin"
    if _KATAKANA_RUN.fullmatch(form):
        return "katakana"
    return "kanji"


@lru_cache(maxsize=65536)
def _known_katakana(word: str) -> bool:
    """A katakana word JMdict knows as an ordinary word (ソーシャル, キャンペーン)."""
    from ..lexicon.dictionary import has_gloss

    return has_gloss(word)


def _katakana_entities(sentence: int, text: str, tokens: Sequence[object]) -> list[JaEntity]:
    out = []
    proper = [(t.start, t.end) for t in tokens if t.pos2 == "固有名詞"]  # type: ignore[attr-defined]
    for m in _KATAKANA_RUN.finditer(text):
        run = m.group()
        if len(run.replace("ー", "")) < 2:
            continue
        words = [w for w in re.split("[・＝=]", run) if w]
        is_proper = any(m.start() <= s and e <= m.end() for s, e in proper)
        unknown = any(not _known_katakana(w) and not _compound_of_known(w) for w in words)
        if is_proper or unknown:
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
    out = []
    toks = list(tokens)
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
        out.append(JaEntity(sentence, m.start(), m.end(), w, "latin"))
    return out


def japanese_entities(sentence: int, text: str) -> list[JaEntity]:
    """The proper nouns of one Japanese sentence (see the module's docstring)."""
    from ..lexicon.tokens import tokenize

    tokens = tokenize(text)
    out = _katakana_entities(sentence, text, tokens) + _latin_entities(sentence, text)
    taken = [(e.start, e.end) for e in out]
    for e in _kanji_entities(sentence, text, tokens):
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
    from ..lexicon.tokens import tokenize

    out: list[_Piece] = []
    norm = unicodedata.normalize("NFKC", text)
    if len(norm) == len(text):
        out += [_Piece(sentence, m.start(), m.end(), m.group(), "latin", "") for m in _LATIN.finditer(norm)]
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
    from ..lexicon.dictionary import gloss, gloss_phrases

    phrases = gloss_phrases(form)
    single = gloss(form)
    # A hyphenated gloss (japan-australia for 日豪) names each of its parts.
    single = single | {p for g in single if "-" in g for p in g.split("-") if p}
    return single, tuple(dict.fromkeys(p.lower() for p in phrases)) + tuple(
        p for p in phrases if p.isupper() and len(p) >= 2
    )


def _plain(word: str) -> str:
    """Lower case without dots (U.S. -> us)."""
    return word.lower().replace(".", "")


def _close_word(a: str, b: str) -> bool:
    """One word in two grammatical forms: Ghanaian ~ ghana, British ~ britain, strategic ~ strategy."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a[:3] != b[:3]:
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
    if w in single or w in phrases or any(_close_word(w, g) for g in single if len(g) >= 4):
        return True
    # An acronym and the longer acronym JMdict gives (US ~ USA).
    return words[0].replace(".", "").isupper() and any(
        g.startswith(words[0].replace(".", "")) and len(g) == len(w) + 1 for g in phrases if g.isupper()
    )


@lru_cache(maxsize=65536)
def _latin_names(form: str) -> tuple[str, ...]:
    from ..lexicon.dictionary import names_lookup

    return names_lookup(form)


def word_score(word: str, piece: _Piece) -> float:
    """How well one Japanese piece renders one English word (or name), in [0, 1]."""
    from ..lexicon.translit import fold, katakana_similarity, reading_matches

    if piece.script == "latin":
        return 1.0 if fold(piece.form).replace(".", "") == fold(word).replace(".", "") else 0.0
    words = word.split()
    if _gloss_score(words, piece.form):
        return 1.0
    if any(_name_key_equal(x, word) for x in _latin_names(piece.form)):
        return 1.0
    if piece.script == "katakana":
        return katakana_similarity(piece.form, word)
    if not word[:1].isupper() or not any(c.isalpha() for c in word):
        return 0.0
    if _cheap_reading(piece.reading, word) < 0.6:
        return 0.0
    return reading_matches(piece.form, word)


def _name_key_equal(latin: str, word: str) -> bool:
    """A romanised name and an English word that spell one name, or its adjective (Spain ~ Spanish)."""
    from ..lexicon.translit import name_key

    a, b = name_key(latin), name_key(word)
    return bool(a) and (a == b or _close_word(a, b) and len(a) >= 4)


@lru_cache(maxsize=65536)
def _cheap_reading(reading: str, word: str) -> float:
    """A quick look at UniDic's reading alone, before the full (JMnedict) comparison."""
    from rapidfuzz.fuzz import partial_ratio

    from ..lexicon.translit import name_key, romaji

    a, b = name_key(romaji(reading)), name_key(word)
    return partial_ratio(a, b) / 100 if a and b else 0.0


def _needed(piece: _Piece) -> float:
    return MIN_KATAKANA if piece.script == "katakana" else MIN_READING


def _read_in_sentence(word: str, sentence: int, text: str) -> _Piece | None:
    """A run of up to four tokens of any kind whose readings spell *word* (名残る ~ Nanokoru)."""
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
            if ratio(key, target) >= 100 * MIN_READING:
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


def _phrase_words(entity: EnEntity, piece: _Piece) -> set[str]:
    """Words of the name that a gloss phrase of the piece translates together: a phrase of the
    name ("Department of Defense" in "US Department of Defense") or its initials (United States
    ~ us)."""
    if piece.script == "latin":
        return set()
    single, phrases = _glosses(piece.form)
    words = _WORD.findall(entity.text)
    found: set[str] = set()
    for a in range(len(words)):
        for b in range(a + 2, len(words) + 1):
            span = words[a:b]
            phrase = " ".join(_plain(w) for w in span)
            initials = "".join(w[0].lower() for w in span if w.lower() not in _PARTICLES)
            # Initials against an acronym JMdict writes in capitals (US, UK).
            if phrase in phrases or (len(initials) >= 2 and initials.upper() in phrases):
                found.update(span)
    return found


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
    out: dict[int, float] = {}
    for k, piece in enumerate(pieces):
        if len(entity.words) > 1 and word_score(whole, piece) >= _needed(piece):
            out[k] = 1.0
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


def _anaphor(tokens: Sequence[object]) -> bool:
    """A pronoun (彼, 彼女) or a 同-/両- word standing for a name (同氏, 同社, 同市, 両氏)."""
    for t in tokens:
        surface = t.surface  # type: ignore[attr-defined]
        if t.pos1 == "代名詞" and surface not in ("これ", "それ", "あれ", "ここ", "そこ"):  # type: ignore[attr-defined]
            return True
        if surface[:1] in ("同", "両") and len(surface) == 2 and _HAS_KANJI.fullmatch(surface[1]):
            return True
    return False


#: A Japanese proper noun is accounted for by an English word this close (no competition here:
#: the question is only whether the English has it at all).
MIN_COUNTERPART = 0.6


def _explained_ja(entity: JaEntity, en_text: str, candidates: Sequence[str]) -> bool:
    """Whether the bead's English accounts for a Japanese proper noun."""
    from ..lexicon.translit import fold

    if entity.script == "latin":
        latin = fold(unicodedata.normalize("NFKC", entity.text))
        named = any(fold(c) == latin for c in candidates)
        return named or latin in fold(en_text) or _initials_of(latin, en_text)
    forms = [entity.text]
    if entity.script == "katakana":
        forms += [w for w in re.split("[・＝=]", entity.text) if w and w != entity.text]
    for form in forms:
        piece = _Piece(entity.sentence, entity.start, entity.end, form, entity.script, entity.reading)
        needed = MIN_COUNTERPART if entity.script == "katakana" else MIN_READING
        if any(word_score(w, piece) >= needed for w in candidates):
            return True
    return False


def _initials_of(acronym: str, en_text: str) -> bool:
    """An acronym spelling the initials of English words (CEO ~ chief executive [officer],
    PB ~ private-brand): at least two of its letters, from its start."""
    words = [p for w in _WORD.findall(en_text) for p in w.split("-") if p and p.lower() not in _PARTICLES]
    initials = "".join(w[0].lower() for w in words)
    letters = acronym.lower()
    return len(letters) >= 2 and any(
        initials.startswith(letters[:n], k) for k in range(len(initials)) for n in (len(letters), 2) if n >= 2
    )


def _counterparts(en_text: str, entities: Sequence[EnEntity]) -> list[str]:
    """English words and names a Japanese proper noun may render: every word, every name whole."""
    words = [p for w in _WORD.findall(en_text) for p in w.split("-") if p]
    return words + [" ".join(e.words) for e in entities if len(e.words) > 1]


#: A left-over pair sounds alike enough to be one name at this score.
MIN_LEFTOVER = 0.35


def _leftover_score(e: EnEntity, n: JaEntity) -> float:
    """How well a proper noun left over in a bead renders a name left over in it: sound, a
    truncation of it (Ram 氏 for Raman), or an acronym's expansion (グリニッジ標準時 for GMT)."""
    from ..lexicon.translit import fold, is_latin_prefix

    piece = _Piece(n.sentence, n.start, n.end, n.text, n.script, n.reading)
    if n.script == "latin":
        return 1.0 if any(is_latin_prefix(n.text, w) for w in e.words) else 0.0
    if e.kind == "acronym":
        return 1.0 if _initial(n) == fold(e.text)[:1] else 0.0
    score = max(word_score(w, piece) for w in [*e.words, " ".join(e.words)])
    if n.script == "katakana":
        score = max(score, *(_prefix_score(n.text, w) for w in e.words))
    return score


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
    """A Latin gloss in brackets after its Japanese (最高経営責任者（CEO）), or a suffix glued to a
    Japanese name (桜HD): no name of its own."""
    before = text[n.start - 1 : n.start]
    if before and (_HAS_KANJI.match(before) or _KATAKANA_WORD.match(before)):
        return True
    return before in ("(", "（") and text[n.end : n.end + 1] in (")", "）")


def _bead(
    k: int,
    en_ids: Sequence[int],
    ja_ids: Sequence[int],
    en: Document,
    ja: Document,
    names: dict[int, list[EnEntity]],
) -> EntityCheck | None:
    from ..lexicon.tokens import tokenize

    entities = [e for i in en_ids for e in names.get(i, [])]
    ja_names = [
        e
        for j in ja_ids
        for e in japanese_entities(j, ja.segments[j].text)
        if not (e.script == "latin" and _in_brackets(e, ja.segments[j].text))
    ]
    if not entities and not ja_names:
        return None
    pieces = [p for j in ja_ids for p in _pieces(j, ja.segments[j].text)]
    ties, missing, used = _tie_names(entities, pieces, ja, ja_ids)
    spare = [n for n in ja_names if not any(_overlaps((n.sentence, n.start, n.end), u) for u in used)]
    missing, spare = _tie_leftovers(missing, spare, ties)
    en_text = " ".join(en.segments[i].text for i in en_ids)
    candidates = _counterparts(en_text, entities)
    added = [n for n in spare if not _explained_ja(n, en_text, candidates)]
    tokens = [t for j in ja_ids for t in tokenize(ja.segments[j].text)]
    referred: list[EnEntity] = []
    if missing and not added and _anaphor(tokens):
        referred, missing = missing, []
    return EntityCheck(k, tuple(ties), tuple(missing), tuple(added), tuple(referred))


def _tie_names(
    entities: Sequence[EnEntity], pieces: Sequence[_Piece], ja: Document, ja_ids: Sequence[int]
) -> tuple[list[Tie], list[EnEntity], list[tuple[int, int, int]]]:
    """The one-to-one ties of a bead's names to its pieces; the names left without one, and
    every piece a tie used (a name's other words too: 諏訪 + 病院)."""
    rows = [_evidence(e, pieces) for e in entities]
    choice = _assign(rows, len(pieces))
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
            found, score = _read_anywhere(e, ja, ja_ids), MIN_READING
        if found is None:
            missing.append(e)
            continue
        ties.append(Tie(e, found.sentence, found.start, found.end, found.form, score))
        used.append(_key(found))
    return ties, missing, used


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


def _read_anywhere(e: EnEntity, ja: Document, ja_ids: Sequence[int]) -> _Piece | None:
    """A name spelt by the readings of any tokens of the bead (a name written in kana or verbs)."""
    proper = [w for w in e.words if not common_word(w)]
    if not proper:
        return None
    for j in ja_ids:
        found = _read_in_sentence(max(proper, key=len), j, ja.segments[j].text)
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
    names = english_entities(en)
    checks = []
    for k, bead in enumerate(alignment.beads):
        en_ids = [i for i in bead.en if not en.segments[i].is_metadata]
        ja_ids = [j for j in bead.ja if not ja.segments[j].is_metadata]
        if not en_ids or not ja_ids:
            continue
        check = _bead(k, en_ids, ja_ids, en, ja, names)
        if check is not None:
            checks.append(check)
    checks = _across_neighbours(_repeated_pairs(checks))
    tied_in: dict[str, set[int]] = {}
    for n, c in enumerate(checks):
        for t in c.ties:
            tied_in.setdefault(t.en.text, set()).add(n)
    return tuple(_in_context(n, checks, tied_in, ja) for n in range(len(checks)))


def _in_context(
    n: int, checks: Sequence[EntityCheck], tied_in: dict[str, set[int]], ja: Document
) -> EntityCheck:
    """Bead *n*'s check with what its neighbours and the rest of the text explain set aside."""
    from dataclasses import replace

    c = checks[n]
    near = [t for d in checks[max(0, n - _NEAR) : n + _NEAR + 1] if d is not c for t in d.ties]
    before = {t.en.text for d in checks[max(0, n - _NEAR) : n] for t in d.ties}
    # Names the text renders in another bead: leaving one unsaid here is Japanese style.
    elsewhere = {e.text for e in c.missing if tied_in.get(e.text, set()) - {n}}
    forms = {t.form for t in near}
    c = _parts_of_full_names(c, near, ja)
    names_near = _counterparts("", [t.en for t in near]) + [t.en.text for t in near]
    added = tuple(a for a in c.added if a.text not in forms and not _explained_ja(a, "", names_near))
    # A known name left unsaid is style; with another name in its place it is a substitution.
    known = [] if added else [e for e in c.missing if e.text in before or e.text in elsewhere]
    if known or len(added) != len(c.added):
        missing = tuple(e for e in c.missing if e not in known)
        c = replace(c, missing=missing, added=added, referred=c.referred + tuple(known))
    return c


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
    """A name missing from one bead and a Japanese name added in the next (or the one before)
    that sound alike: the alignment put a sentence boundary between them, nothing is lost."""
    from dataclasses import replace

    out = list(checks)
    for n in range(len(out) - 1):
        a, b = out[n], out[n + 1]
        if b.bead != a.bead + 1:
            continue
        for left, right in ((a, b), (b, a)):
            for e in left.missing:
                match = next((x for x in right.added if _leftover_score(e, x) >= MIN_LEFTOVER), None)
                if match is None:
                    continue
                tie = Tie(e, match.sentence, match.start, match.end, match.text, MIN_LEFTOVER)
                new_left = replace(
                    left, ties=left.ties + (tie,), missing=tuple(x for x in left.missing if x is not e)
                )
                new_right = replace(right, added=tuple(x for x in right.added if x is not match))
                a, b = (new_left, new_right) if left is a else (new_right, new_left)
                out[n], out[n + 1] = a, b
                break
    return out


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


#: How many beads around one count as its context (a name just introduced, a name about to be).
_NEAR = 3
