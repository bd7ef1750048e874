"""Latin tokens that a translation must carry over unchanged, as Xbench's URL and alphanumeric checks.

A URL, an e-mail address, a code identifier, a package pin, a version, a path or an
alphanumeric code (K240, ZR-7) has no translation: the Japanese writes it as the English
does. Names, acronyms and variables may be rendered (a name gets katakana, US may be 米国), so
they are classified (``acronym``, ``variable``, ``word``) and reported only when the Japanese
writes another Latin token, one typo away, in their place.

The scanner works on English and on Japanese text alike: a Latin run inside Japanese ends at
the first character that is neither ASCII nor a Latin letter, and full-width forms (ｖ３) are
read as their ASCII equivalents while offsets keep pointing into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KATAKANA, LATIN, LATIN_ACCENTED, LATIN_CAPITAL, to_half_width
from .quantities import is_quantity_token

__all__ = [
    "MUST_PASS",
    "LatinToken",
    "checked",
    "english_lemmas",
    "is_function_word",
    "is_known_name",
    "is_ordinary_english",
    "latin_tokens",
    "missing_latin",
    "word_classes",
]

#: Kinds that must appear unchanged in the translation.
MUST_PASS = frozenset({"url", "email", "identifier", "package", "version", "path", "alphanumeric"})


@dataclass(frozen=True)
class LatinToken:
    #: url | email | identifier | package | version | path | alphanumeric | acronym | variable | word
    kind: str
    text: str
    start: int
    end: int


# A chunk: printable ASCII without spaces, plus Latin letters with diacritics.
_CHUNK = re.compile(f"[!-~{LATIN_ACCENTED}]+")
_OPENERS = "\"'([{<`*“‘"
_CLOSERS = "\"'.,;:!?)]}>`*”’"
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}

_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.I)
_EMAIL = re.compile(f"[A-Za-z0-9{LATIN_ACCENTED}._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{{2,}}")
_PACKAGE = re.compile(
    r"[A-Za-z][A-Za-z0-9._-]*(?:===?|>=|<=|~=|!=|@)v?\d+(?:\.[A-Za-z0-9]+)*(?:[-+][A-Za-z0-9.]+)?"
)
_PATH = re.compile(r"(?:~|\.{1,2})?/[A-Za-z0-9._~{}%$@+-]+(?:/[A-Za-z0-9._~{}%$@+-]*)*|[A-Za-z]:\\[^\s]*")
_REL_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+/?")
# Every repeated group starts with a separator, so a failed match cannot backtrack exponentially.
_VERSION = re.compile(
    r"v\d+(?:\.\d+)*(?:[-+]?[A-Za-z][A-Za-z0-9.]*)?|\d+\.\d+\.\d+(?:\.\d+)*(?:[-+][A-Za-z0-9.]+)?", re.I
)
_SNAKE = re.compile(r"_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+_*|__[A-Za-z0-9]+__")
_CAMEL = re.compile(r"[a-z]{2}[a-z0-9]*(?:[A-Z][a-z0-9]*)+")
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(([^()]*)\)")
_FLAG = re.compile(r"--[A-Za-z][A-Za-z0-9-]*(?:=\S+)?")
_ALNUM = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_ACRONYM = re.compile(r"[A-Z]{2,}s?|(?:[A-Z]\.){2,}")
# One lower-case letter and a number: a variable or an index (a1, z3, x2), not a product code.
_VARIABLE = re.compile(r"[a-z]\d{1,3}")
_WORD = re.compile(f"[{LATIN_CAPITAL}][{LATIN}]*(?:['’-][{LATIN}]+)*")
_INNER = re.compile(f"[A-Za-z0-9{LATIN_ACCENTED}_.'’-]+")
#: A step of :func:`_classify` that does not apply to the chunk (None: it applies, no token).
_NEXT = ""


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop opening and closing punctuation around a chunk; a closing bracket stays when opened inside."""
    while start < end and text[start] in _OPENERS:
        start += 1
    while start < end and text[end - 1] in _CLOSERS:
        c = text[end - 1]
        if c in _PAIRS and text.count(_PAIRS[c], start, end) >= text.count(c, start, end):
            break
        end -= 1
    return start, end


def _is_alphanumeric(token: str) -> bool:
    """A code mixing letters and digits (K240, ZR-7, R480neo, 5G), not a number with a unit."""
    if not (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)):
        return False
    if token[0].isdigit():
        # 5G, 4K, 3D are codes; 10km, 3pm, 1990s, 2nd are numbers with a unit or suffix.
        letters = re.sub(r"[^A-Za-z]", "", token)
        digits = re.sub(r"\D", "", token)
        return letters.isupper() and len(letters) <= 2 and len(digits) <= 2 and "-" not in token
    head = re.match(r"[A-Za-z]+", token)
    # x2, h1: a variable or a multiplier, not a product code; v2 is a version.
    return not (head and len(head.group()) == 1 and head.group().islower())


def _classify_letters(tok: str) -> str | None:
    """A chunk of letters only: a plain word is no token; camel case, an acronym, a capitalised
    word, or a name with inner capitals (iPhone)."""
    if tok.islower() or not tok.isascii() and not tok[0].isupper():
        return None
    if _CAMEL.fullmatch(tok):
        return "identifier"
    if _ACRONYM.fullmatch(tok):
        return "acronym"
    return "word" if _WORD.fullmatch(tok) or tok.isascii() and tok[0].islower() else None


def _classify_address(tok: str) -> str | None:
    """URLs, e-mail addresses, package pins, paths, versions and command-line flags."""
    if _URL.fullmatch(tok):
        return "url"
    if _EMAIL.fullmatch(tok):
        return "email"
    if _PACKAGE.fullmatch(tok):
        return "package"
    if _PATH.fullmatch(tok):
        return "path" if re.search(r"[A-Za-z0-9]", tok) else None
    if _REL_PATH.fullmatch(tok) and (tok.endswith("/") or re.search(r"\.[A-Za-z0-9]{1,5}$", tok)):
        return "path"  # src/app/main.py, docs/: not and/or, km/h
    if _VERSION.fullmatch(tok):
        return "version"
    return "identifier" if _FLAG.fullmatch(tok) else _NEXT


def _classify_code(tok: str) -> str | None:
    """Calls, snake and camel case, and dotted names."""
    call = _CALL.fullmatch(tok)
    if call:
        name, args = call.groups()
        if len(name) >= 2 and (not args or _classify(name) == "identifier"):
            return "identifier"  # load_config(), print(); not f(x), sin(x)
        return None
    if _SNAKE.fullmatch(tok) or _CAMEL.fullmatch(tok):
        return "identifier"
    if not _DOTTED.fullmatch(tok):
        return _NEXT
    parts = tok.split(".")
    if all(len(p) == 1 for p in parts):
        return "acronym" if tok.isupper() else None  # U.S, e.g
    if any(p[:1].isupper() for p in parts[1:]) and parts[0].islower():
        return None  # "done.Next": two sentences run together, not a name
    return "identifier"


def _classify_plain(tok: str) -> str | None:
    """What is left: an alphanumeric code, a variable, an acronym, a capitalised word, or nothing."""
    if _ALNUM.fullmatch(tok) and _is_alphanumeric(tok):
        return "alphanumeric"
    if _VARIABLE.fullmatch(tok):
        return "variable"
    if _ACRONYM.fullmatch(tok):
        return "acronym"
    return "word" if _WORD.fullmatch(tok) else None


def _classify(tok: str) -> str | None:
    """The kind of one stripped chunk, or None when it is no token of interest."""
    if tok.isalpha():  # most chunks are plain words: settle them without the code patterns
        return _classify_letters(tok)
    for step in (_classify_address, _classify_code):
        kind = step(tok)
        if kind != _NEXT:
            return kind
    return _classify_plain(tok)


def _possessive(text: str, start: int, end: int) -> int:
    m = re.search(r"['’]s?$", text[start:end])
    return start + m.start() if m and m.start() > 0 else end


@lru_cache(maxsize=8192)
def latin_tokens(text: str) -> list[LatinToken]:
    """Latin tokens of *text* in order, with offsets such that ``text[t.start:t.end] == t.text``.

    Plain lower-case words and numbers are not tokens (the numbers module reads numbers).
    """
    wide = to_half_width(text)
    out: list[LatinToken] = []
    for m in _CHUNK.finditer(wide):
        start, end = _strip(wide, m.start(), m.end())
        if start >= end:
            continue
        kind = _classify(wide[start:end])
        if kind in (None, "word", "acronym", "alphanumeric"):
            end = _possessive(wide, start, end)  # ZR-7's, K240s' : the possessive is English grammar
            kind = _classify(wide[start:end])
        if kind is None:
            if not wide[start:end].isalnum():  # "K240,K120", "(see": tokens may hide inside
                out.extend(_split(wide, text, start, end))
            continue
        out.append(LatinToken(kind, text[start:end], start, end))
    return out


def _split(wide: str, text: str, start: int, end: int) -> list[LatinToken]:
    """Tokens inside a chunk that is none as a whole ("K240,K120", "(see"): split at punctuation."""
    out = []
    for m in _INNER.finditer(wide[start:end]):
        s, e = _strip(wide, start + m.start(), start + m.end())
        if s < e and (s, e) != (start, end):
            e = _possessive(wide, s, e)
            kind = _classify(wide[s:e])
            if kind is not None:
                out.append(LatinToken(kind, text[s:e], s, e))
    return out


def _key(text: str) -> str:
    """Comparison key: NFKC (full width as half width) and diacritics and case folded."""
    from .translit import fold

    return fold(unicodedata.normalize("NFKC", text))


def _plain(token: LatinToken) -> str:
    """A plural is English grammar: K240s is K240, APIs is API."""
    if token.kind == "alphanumeric" and re.search(r"\ds$", token.text):
        return token.text[:-1]
    if token.kind == "acronym" and re.fullmatch(r"[A-Z]{2,}s", token.text):
        return token.text[:-1]
    return token.text


_KATAKANA_RUN = re.compile(f"[{KATAKANA}][{KATAKANA}・＝]*")
_WORDS_IDENTIFIER = re.compile(r"[A-Za-z]{2,}(?:[._][A-Za-z]{2,}){1,3}")


def _transliterated(token: LatinToken, ja_text: str) -> bool:
    """An identifier of words (Zentrix.com, Kestrel_Box) read out in katakana, every part of it:
    a katakana run of the Japanese renders "Zentrix dot com" (translit.katakana_similarity, the
    project's threshold), better than it renders the first part alone (ゼントリックス is the
    company, not its address); or a word with an index (theta1) as katakana and the same digits
    (シータ1)."""
    if token.kind == "alphanumeric":
        return _indexed_word_read_out(token.text, ja_text)
    if token.kind != "identifier" or not _WORDS_IDENTIFIER.fullmatch(token.text):
        return False
    from .translit import MIN_SIMILARITY, katakana_similarity

    parts = re.split(r"[._]", token.text)
    if _usual_katakana_present(token.text, ja_text):
        return True
    spoken = token.text.replace(".", " dot ").replace("_", " ")
    for m in _KATAKANA_RUN.finditer(ja_text):
        # The run may go on with a katakana noun (ゼントリックス・ドット・コム社): try each of its heads.
        for end in range(m.end(), m.start() + 1, -1):
            kana = ja_text[m.start() : end]
            whole = katakana_similarity(kana, spoken)
            if whole >= MIN_SIMILARITY and whole > katakana_similarity(kana, parts[0]):
                return True
    return False


def _usual_katakana_present(identifier: str, ja_text: str) -> bool:
    """Every word of the identifier in the katakana JMdict gives for it, in order, joined
    directly or by ・ (Rook_Box as ルーク・ボックス when JMdict spells both words): the
    spelling dictionaries know beats a similarity score for short words (pi as パイ)."""
    from itertools import product

    from .dictionary import usual_katakana

    words = re.split(r"(\.)|_", identifier)
    spellings = []
    for w in (w for w in words if w):
        kana = usual_katakana("dot") if w == "." else usual_katakana(w.lower()) or usual_katakana(w)
        if not kana:
            return False
        spellings.append(kana[:3])
    return any(sep.join(combo) in ja_text for combo in product(*spellings) for sep in ("", "・"))


_INDEXED_WORD = re.compile(r"([a-z]{2,})(\d{1,3})")


def _indexed_word_read_out(token: str, ja_text: str) -> bool:
    """theta1 as シータ1: an English word (a Greek letter, a variable's name) in katakana, then
    the same index. A product code (ZR240) is no English word and stays as it is."""
    m = _INDEXED_WORD.fullmatch(token)
    if m is None or not word_classes(m.group(1)):
        return False
    from .translit import MIN_SIMILARITY, katakana_similarity

    word, index = m.groups()
    return any(
        katakana_similarity(k.group(1), word) >= MIN_SIMILARITY
        for k in re.finditer(f"([{KATAKANA}]+)\\s?{index}(?!\\d)", ja_text)
    )


#: Kinds a translation may render in Japanese script (US as 米国, a variable read out), so they are
#: reported only when the Japanese writes another, nearly identical Latin token in their place.
_SOFT_KINDS = frozenset({"acronym", "variable"})


def checked(token: LatinToken) -> bool:
    """Whether :func:`missing_latin` looks for this English token in the Japanese."""
    return token.kind in MUST_PASS or _soft(token)


def _soft(token: LatinToken) -> bool:
    """An acronym, a variable (a1), or a name with inner capitals (MetroLink, iPhone)."""
    if token.kind in _SOFT_KINDS:
        return True
    return token.kind == "word" and any(c.isupper() for c in token.text[1:])


def _near(a: str, b: str) -> bool:
    """Two comparison keys one typo apart (a letter or digit changed, added, dropped, or two
    neighbours swapped); two typos in a long token."""
    from rapidfuzz.distance import OSA

    if re.sub(r"[\s._-]", "", a) == re.sub(r"[\s._-]", "", b):
        return False  # Node-RED / NodeRED: a separator is spelling, not another token
    return min(len(a), len(b)) >= 2 and OSA.distance(a, b) <= (1 if len(a) < 7 else 2)


def _most_similar(token: LatinToken, spare: list[LatinToken]) -> LatinToken | None:
    """The Japanese token most like a missing one (``pkg==1.4.2`` -> ``pkg==1.4.1``), if any is."""
    from rapidfuzz.fuzz import partial_ratio, ratio

    best: LatinToken | None = None
    best_score = 50.0
    a = _key(_plain(token))
    for cand in spare:
        b = _key(_plain(cand))
        # partial_ratio: a part kept and changed (quillfold==1.4.2 -> 1.4.1), a little less sure.
        score = max(ratio(a, b), partial_ratio(a, b) - 10) + (5 if cand.kind == token.kind else 0)
        if score > best_score:
            best, best_score = cand, score
    return best


def _changed_copy(
    token: LatinToken, extra: list[LatinToken], whole: bool, accounted: frozenset[str] | set[str]
) -> LatinToken | None:
    """The extra Japanese token one typo away that stands for *token*, if any: beside the right
    token (*whole*), only one of its length; never one of the keys *accounted* for."""
    key = _key(_plain(token))
    for c in extra:
        ckey = _key(_plain(c))
        if _near(key, ckey) and ckey not in accounted and (not whole or _copy_changed(token, c)):
            return c
    return None


def _copy_changed(token: LatinToken, cand: LatinToken) -> bool:
    """Beside the right token, a changed copy has its length (TLC ... TLQ, a2 ... a3: AI beside xAI
    is another token)."""
    return len(_plain(cand)) == len(_plain(token))


def _extra(en_tokens: list[LatinToken], ja_tokens: list[LatinToken]) -> list[LatinToken]:
    """Japanese tokens the English has fewer of (a2 twice where the English has a1 and a2)."""
    left = Counter(_key(_plain(t)) for t in en_tokens)
    out = []
    for t in ja_tokens:
        key = _key(_plain(t))
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(t)
    return out


def _present(token: LatinToken, ja_text: str, ja_key: str) -> bool:
    """Whether the Japanese has the token: anywhere in it for a code (pkg==1.4.2, K240), as a
    whole token for a soft one (MQ is not in MQTT), or an identifier read out in katakana."""
    plain = _plain(token)
    if token.kind in MUST_PASS:
        return plain in ja_text or _key(plain) in ja_key or _transliterated(token, ja_text)
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(_key(plain))}(?![A-Za-z0-9])", ja_key) is not None


def missing_latin(en_text: str, ja_text: str) -> list[tuple[LatinToken, LatinToken | None]]:
    """English tokens that did not pass unchanged, each with the Japanese Latin token in its
    place (``pkg==1.4.2`` -> ``pkg==1.4.1``), or None when there is none.

    A code (a URL, an identifier, a version, an alphanumeric...) must be in the Japanese: its
    text, or its NFKC and diacritic-folded key. An amount with a letter currency symbol is money,
    not a code (N585 where the pair says naira: the quantity grammar's is_quantity_token).
    Katakana renderings are not accepted (K240 stays K240), except for an identifier of words
    read out in full: Zentrix.com as ゼントリックス・ドット・コム, or each of its words in the
    katakana JMdict gives for it (Vitamin_Pi as ビタミン・パイ). The most similar Japanese
    token is named. An acronym, a variable or a name with inner capitals may be rendered in
    Japanese script, so it is reported only when the Japanese writes a Latin token one typo away
    in its place (EDA -> EAD, a1 -> a2, MetroLink -> MetroLnik). A Japanese Latin token of the
    same length one typo away from an English token, more often than the English has it, is
    that token changed, even where the Japanese has the right one elsewhere too, unless it is
    another token of the English and the Japanese has every copy of the first (a0, a1, a2 with
    a1 written once more).
    """
    ja_key = _key(ja_text)
    en_tokens, ja_tokens = latin_tokens(en_text), latin_tokens(ja_text)
    en_keys = {_key(_plain(t)) for t in en_tokens}
    # A Japanese token that is itself an English token is accounted for: never a replacement.
    spare = [t for t in ja_tokens if t.kind != "word" and _key(_plain(t)) not in en_keys]
    extra = [t for t in _extra(en_tokens, ja_tokens) if checked(t)]
    en_counts = Counter(_key(_plain(t)) for t in en_tokens)
    ja_counts = Counter(_key(_plain(t)) for t in ja_tokens)
    found: dict[str, tuple[LatinToken, LatinToken | None]] = {}
    for tok in en_tokens:
        plain = _plain(tok)
        if not checked(tok) or plain in found:
            continue
        # Beside the right token, only a token of its length is a changed copy (TLC, TLQ): AI
        # beside xAI is another token.
        key, whole = _key(plain), _present(tok, ja_text, ja_key)
        # With every copy of the token present, an English token written once more (a1 beside
        # a0, a2: an index the speaker skipped) is no changed copy of it.
        all_there = whole and ja_counts[key] >= en_counts[key]
        typo = _changed_copy(tok, extra, whole, en_keys if all_there else frozenset())
        if typo is not None:
            found[plain] = (tok, typo)
            extra.remove(typo)
        elif tok.kind in MUST_PASS and not whole:
            if tok.kind == "alphanumeric" and is_quantity_token(plain, f"{en_text} {ja_text}"):
                continue  # an amount with a letter symbol (N585 with naira or ナイラ beside it)
            found[plain] = (tok, _most_similar(tok, spare))
    return list(found.values())


#: JMdict gloss words shorter than this are often unit symbols or abbreviations (km, kg, hz).
_MIN_GLOSS_WORD = 4


@lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    """The universal parts of speech ("NOUN", "VERB", "ADJ"...) of an ordinary English word, as
    lemminflect's lexicon lists it with its inflections (ferries, harboured, geese), else "X" for a
    word only JMdict's English glosses have (blog, selfie); empty for anything else: a name, a unit,
    an acronym, a code, a function word (the, of: see :func:`is_function_word`).

    A hyphenated word is ordinary when every part is; it takes the classes of its last part.
    """
    low = word.lower()
    if not low.isascii() or not low.replace("-", "").replace("'", "").isalpha():
        return frozenset()
    if "-" in low.strip("-"):
        parts = [word_classes(p) for p in low.split("-")]
        return parts[-1] if all(parts) else frozenset()
    found = _lemmas(low)
    if found:
        return frozenset(found)
    from .dictionary import gloss_vocabulary

    return frozenset({"X"}) if len(low) >= _MIN_GLOSS_WORD and low in gloss_vocabulary() else frozenset()


def is_function_word(word: str) -> bool:
    """An English stop word (stop-words package): the, of, in, this. The list also holds a few
    brands and abbreviations (microsoft, html), so callers use it only beside other evidence."""
    return word.lower() in _stop_words()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(w for w in get_stop_words("en") if w.isalpha())


@lru_cache(maxsize=65536)
def english_lemmas(word: str) -> frozenset[str]:
    """The word in lower case and its dictionary forms (ferries -> ferry, harboured -> harbour)."""
    low = word.lower()
    return frozenset({low, *(lemma for lemmas in _lemmas(low).values() for lemma in lemmas)})


@lru_cache(maxsize=1)
def _lemma_lines() -> list[str] | None:
    """lemminflect's lemma table ("word,category,lemma/lemma" lines, sorted by word), or None when
    this lemminflect has none where 0.2 keeps it. Looked up by bisection: lemminflect itself
    builds a dict of its 80,000 lines on first use, which costs more than a whole check (1.3 s)."""
    import gzip
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("lemminflect")
    places = spec.submodule_search_locations if spec else None
    path = Path(places[0]) / "resources" / "lemma_lu.csv.gz" if places else None
    if path is None or not path.is_file():  # pragma: no cover - another lemminflect layout
        return None
    return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()


def in_lexicon(low: str) -> bool:
    """True when lemminflect's ``getAllLemmas(low)`` finds the lower-case word (its lemma table or
    its overrides: he, whom), read from the same files without building lemminflect's dict."""
    table = _lemma_table()
    if table is None:  # pragma: no cover - another lemminflect layout
        from lemminflect import getAllLemmas

        return bool(getAllLemmas(low))
    return low in table


@lru_cache(maxsize=65536)
def all_lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas(low)`` for a lower-case word: universal part of speech ->
    dictionary forms, its overrides (pronouns) applied, forms in lower case as it gives them."""
    table = _lemma_table()
    if table is None:  # pragma: no cover - another lemminflect layout
        from lemminflect import getAllLemmas

        return dict(getAllLemmas(low))
    return table.lemmas(low)


def _line_word(line: str) -> str:
    """The word a lemma-table line is about, as lemminflect's reader splits it."""
    return line.strip().partition(",")[0]


class _LemmaTable:
    """lemminflect's lemma table ("word,category,forms" lines, sorted by word) and overrides file,
    read as its codecs read them. A word's lines are found by bisection on their words: splitting
    all 80,000 lines into a list or set of words cost a one-article check 0.05 s."""

    def __init__(self, lines: list[str], overrides: str) -> None:
        self.lines = lines
        self.overrides: dict[str, dict[str, tuple[str, ...]]] = {}
        for row in overrides.splitlines():
            row = row.strip()
            if row and not row.startswith("#"):
                word, upos, form = row.split(",")
                self.overrides.setdefault(word, {})[upos] = (form,)

    def _first(self, low: str) -> int:
        """The index of the word's first line (where it would be when it has none)."""
        from bisect import bisect_left

        return bisect_left(self.lines, low, key=_line_word)

    def __contains__(self, low: str) -> bool:
        i = self._first(low)
        return (i < len(self.lines) and _line_word(self.lines[i]) == low) or low in self.overrides

    def lemmas(self, low: str) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        i = self._first(low)
        while i < len(self.lines) and _line_word(self.lines[i]) == low:
            _, category, forms = self.lines[i].strip().split(",")
            out["AUX" if category.upper() == "MODAL" else category.upper()] = tuple(forms.split("/"))
            i += 1
        out.update(self.overrides.get(low, {}))
        return {upos: tuple(f.lower() for f in forms) for upos, forms in out.items()}


def _words_sorted() -> bool:
    """Whether the lemma table's lines are in the order of their words (bisection needs it)."""
    from itertools import pairwise

    lines = _lemma_lines() or []
    return all(a <= b for a, b in pairwise(map(_line_word, lines)))


@lru_cache(maxsize=1)
def _lemma_table() -> _LemmaTable | None:
    from importlib.util import find_spec
    from pathlib import Path

    from ..versions import installed_version
    from .stored import stored

    lines = _lemma_lines()
    spec = find_spec("lemminflect")
    places = spec.submodule_search_locations if spec else None
    overrides = Path(places[0]) / "resources" / "lemma_overrides.csv" if places else None
    if lines is None or overrides is None or not overrides.is_file():  # pragma: no cover
        return None
    # Another lemminflect whose table is not in word order is read by lemminflect itself. The
    # check reads every line, so its answer is kept in the cache folder.
    version = installed_version("lemminflect", "lemminflect")
    if not stored("lemma-order", version, _words_sorted, (_line_word,)):
        return None  # pragma: no cover - another lemminflect
    return _LemmaTable(lines, overrides.read_text(encoding="utf-8"))


@lru_cache(maxsize=65536)
def _lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """Universal part of speech -> dictionary forms of a lower-case English word, as lemminflect
    lists them (its lexicon, no guess for unknown words)."""
    from bisect import bisect_left

    lines = _lemma_lines()
    if lines is None:  # pragma: no cover - another lemminflect layout
        from lemminflect import getAllLemmas

        return dict(getAllLemmas(low))
    key = low + ","
    out: dict[str, tuple[str, ...]] = {}
    i = bisect_left(lines, key)
    while i < len(lines) and lines[i].startswith(key):
        _, category, forms = lines[i].split(",")
        out["AUX" if category == "modal" else category.upper()] = tuple(forms.split("/"))
        i += 1
    return out


@lru_cache(maxsize=4096)
def is_known_name(word: str) -> bool:
    """JMnedict lists *word* as the Latin form of a name: e2k's katakana for it is a name entry
    whose transliteration is the word."""
    from .dictionary import names_lookup
    from .translit import fold, predicted_katakana

    key = fold(word)
    return any(fold(name) == key for name in names_lookup(predicted_katakana(word)))


_LOWER_WORDS = re.compile(r"[a-z]+(?:['’-][a-z]+)*(?: [a-z]+(?:['’-][a-z]+)*)*")


def is_ordinary_english(text: str) -> bool:
    """Lower-case words of the English lexicon (lemminflect's; function words count too), one of
    them of three letters or more: machine learning, result. Not a foreign term that only JMdict's
    glosses know (a dish name kept in French), not a brand (iPad)."""
    if not _LOWER_WORDS.fullmatch(text):
        return False
    english = [w for w in text.split(" ") if word_classes(w) - {"X"}]
    rest = [w for w in text.split(" ") if w not in english]
    return all(is_function_word(w) for w in rest) and any(len(w) >= 3 for w in english)
