"""Sentence segmentation for Japanese and English, keeping character offsets.

Paragraphs are lines: every line break ends a paragraph (and so a sentence),
blank lines are skipped. Each non-space character of the input belongs to
exactly one segment, and ``text[seg.start:seg.end] == seg.text``.

Japanese is split by a single linear scan (no regex backtracking), English by a
linear scan over candidate terminals that consults pysbd's abbreviation tables;
see README "Segmentation" for why not pysbd's own engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .charclass import JAPANESE, KANA, is_hiragana
from .errors import LanguageError
from .model import Document, Lang, Segment, SegmentKind


class _Unfrozen:
    """Segment's slots without the frozen ``__setattr__``: :func:`_segment` builds one and makes it
    a Segment (the layouts are identical, which Python checks).

    A frozen dataclass sets each of its seven fields through ``object.__setattr__``: 2-3 us per
    segment, about a second for a 200k-sentence pair; set plainly they take a quarter of that.
    """

    __slots__ = Segment.__slots__

    def __init__(
        self, index: int, text: str, start: int, end: int, paragraph: int, lang: Lang, kind: SegmentKind
    ) -> None:
        self.index, self.text, self.start, self.end = index, text, start, end
        self.paragraph, self.lang, self.kind = paragraph, lang, kind


def _segment(
    index: int, text: str, start: int, end: int, paragraph: int, lang: Lang, kind: SegmentKind = "sentence"
) -> Segment:
    """``Segment(...)``, built the fast way (see _Unfrozen)."""
    seg: Any = _Unfrozen(index, text, start, end, paragraph, lang, kind)
    seg.__class__ = Segment
    return seg  # type: ignore[no-any-return]


# --- paragraphs -------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]+")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank line, trimmed of surrounding whitespace."""
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            yield s, e


# --- Japanese -----------------------------------------------------------------

_JA_TERMINALS = frozenset("。！？!?")
_JA_OPEN = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "〈": "〉",
    "《": "》",
    "\u201c": "\u201d",
}
_JA_CLOSE = {v: k for k, v in _JA_OPEN.items()}
# Characters that stay with the sentence they follow: closers and more terminals.
_JA_TRAILERS = frozenset("」』）)】〉》”’…‥") | _JA_TERMINALS
# A source or byline line such as 出典:example.com or 文＝山田太郎.
_METADATA = re.compile(
    r"^(?:出典|出所|ソース|引用元|原文|筆者|執筆|文|写真|翻訳|訳|Source|Sources|By|Photo)\s*[:：=＝]",
    re.IGNORECASE,
)


#: What the bracket matcher looks at: openers, closers and the ASCII double quote. The scans
#: below jump from one such character to the next in C instead of visiting every character in
#: Python (a 200k-sentence text is four million characters, a few hundred thousand of these).
_JA_BRACKET = re.compile("[" + re.escape("".join(_JA_OPEN) + "".join(_JA_CLOSE) + '"') + "]")
#: What the sentence scan looks at: the above and the terminals; every other character only
#: moves it on.
_JA_STOP = re.compile(
    "[" + re.escape("".join(_JA_OPEN) + "".join(_JA_CLOSE) + '"' + "".join(_JA_TERMINALS)) + "]"
)


def _matched_openers(text: str, start: int, end: int) -> dict[int, int]:
    """Map each bracket opener in text[start:end] to its matching closer's position.

    Stack matching in one pass: an opener with no matching closer later in the
    paragraph (an MT defect such as 「 closed by ") does not suppress splitting.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    open_count: dict[str, int] = {}  # openers of each kind on the stack
    quotes: list[int] = []
    for m in _JA_BRACKET.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch == '"':
            quotes.append(i)
        elif ch in _JA_OPEN:
            stack.append(i)
            open_count[ch] = open_count.get(ch, 0) + 1
        elif open_count.get(_JA_CLOSE[ch], 0):
            # Pop back to the nearest opener of the right kind; skipped ones stay unmatched.
            # Only scanned when such an opener exists and every popped entry leaves the
            # stack for good, so the whole pass stays linear (no rescans per stray closer).
            while True:
                o = stack.pop()
                open_count[text[o]] -= 1
                if text[o] == _JA_CLOSE[ch]:
                    pairs[o] = i
                    break
    # MT often writes ASCII "..." for 「...」. The same character opens and closes, so
    # pair them in order, and only when the paragraph holds an even number of them: an
    # odd count means one is a stray closer (「... closed by ") and pairing would be a guess.
    if quotes and len(quotes) % 2 == 0:
        for o, c in zip(quotes[::2], quotes[1::2], strict=True):
            pairs[o] = c
    return pairs


def _is_continuation(ch: str) -> bool:
    """A character that continues the sentence after a closing quote: と, って, という, 、..."""
    # A parenthesis right after the quotation annotates it: 「…。」（ロイター）.
    return is_hiragana(ch) or ch in "、，,。．ー〜～（(" or ch in _JA_CLOSE or ch == '"'


def _ends_quoted_sentence(text: str, sent_start: int, closer: int, end: int) -> bool:
    """Whether the bracket closing at *closer* ends a sentence: 「…。」 followed by a new clause.

    The quotation must end with a terminal (。」) and what follows must not continue the
    sentence: hiragana (と述べた, という, の) or punctuation keep it in one sentence.
    """
    k = closer - 1
    while k > sent_start and text[k] in _JA_CLOSE:
        k -= 1
    if text[k] not in _JA_TERMINALS:
        return False
    n = closer + 1
    while n < end and text[n].isspace():
        n += 1
    return n < end and not _is_continuation(text[n])


def _ja_sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pairs = _matched_openers(text, start, end)
    sent_start = start
    inside_until = -1  # position of the closer of the outermost matched bracket we are in
    ascii_quotes = 0
    stop = _JA_STOP.search  # the next character that can change the state (see _JA_STOP)
    m = stop(text, start, end)
    while m is not None:
        i = m.start()
        ch = text[i]
        if i > inside_until and i in pairs:
            inside_until = pairs[i]
        if ch == '"':
            ascii_quotes += 1
        if i == inside_until and _ends_quoted_sentence(text, sent_start, i, end):
            # 「行こう。」彼は言った。 -> two sentences; 「ああ。」と答えた。 stays one.
            yield sent_start, i + 1
            sent_start = i + 1
        elif ch in _JA_TERMINALS and i > inside_until:
            j = _sentence_end(text, i + 1, end, pairs, ascii_quotes % 2 == 1)
            ascii_quotes += text.count('"', i + 1, j)
            yield sent_start, j
            sent_start = j
            m = stop(text, j, end)
            continue
        m = stop(text, i + 1, end)
    if sent_start < end:
        yield sent_start, end


def _sentence_end(text: str, j: int, end: int, pairs: dict[int, int], quote_open: bool) -> int:
    """Where the sentence whose terminal ends at *j* ends: after the closers and terminals that
    stay with it. *quote_open*: an odd number of ASCII double quotes came before."""
    while j < end:
        nxt = text[j]
        if nxt in _JA_TRAILERS and not (nxt in _JA_CLOSE and j in pairs):
            j += 1
        elif nxt == '"' and (quote_open or j + 1 >= end):
            # It closes a quote: an odd count so far, or it ends the paragraph
            # (the MT's 「… closed by ").
            quote_open = not quote_open
            j += 1
        elif nxt.isspace() and j + 1 < end and text[j + 1] in "」』）)”":
            j += 1
        else:
            break
    return j


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def segment_ja(text: str, path: str = "") -> Document:
    segs: list[Segment] = []
    for p, (ps, pe) in enumerate(paragraphs(text)):
        if _METADATA.match(text, ps, pe):
            segs.append(_segment(len(segs), text[ps:pe], ps, pe, p, "ja", "metadata"))
            continue
        stop = _JA_STOP.search(text, ps, pe)
        if stop is None or (stop.start() == pe - 1 and text[pe - 1] in _JA_TERMINALS):
            # No bracket, quote or terminal but (perhaps) the last character: the (trimmed)
            # paragraph is one sentence, as _ja_sentence_spans would find. Most paragraphs are.
            segs.append(_segment(len(segs), text[ps:pe], ps, pe, p, "ja"))
            continue
        for s, e in _ja_sentence_spans(text, ps, pe):
            s, e = _trimmed(text, s, e)
            if s < e:
                segs.append(_segment(len(segs), text[s:e], s, e, p, "ja"))
    return Document(text, "ja", tuple(segs), path)


# --- English ------------------------------------------------------------------

# A linear scan over candidate boundaries, using pysbd's maintained abbreviation
# tables. pysbd 0.3.4 itself costs ~0.4 ms per sentence (~83 s for 200k sentences,
# measured on ../shared/corpora) and misses "(a record.) Next", so we keep its data.
# No lookahead for the following space: on a run of terminals not followed by one
# ("....x", 10 MB of "!?"), the regex backtracked through the run from every start
# position (quadratic). Runs are matched whole and the space is checked in code.
_EN_CANDIDATE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*")
_EN_TOKEN_START = re.compile(r"[\"'\u201c\u2018(\[]+")
_EN_METADATA = re.compile(r"^(?:Source|Sources|By|Photo|Credit)\s*:", re.IGNORECASE)
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
#: Where _EN_CANDIDATE's match can be followed by a blank: the last terminal of a run, its closers
#: and the blank (a terminal followed by another terminal is no run's last).
_EN_SPLIT = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(all, prepositive, before-number) abbreviations, lower-case, without the final dot."""
    from pysbd.lang.english import English

    a = English.Abbreviation
    months = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    return (
        frozenset(a.ABBREVIATIONS) | months,
        frozenset(a.PREPOSITIVE_ABBREVIATIONS),
        frozenset(a.NUMBER_ABBREVIATIONS),
    )


def _is_initial(text: str, token_start: int, nxt: int, end: int) -> bool:
    """Whether the capital letter + dot starting at token_start is a name initial.

    "J. K. Rowling", "George W. Bush" and "Rowling, J." are initials; "data from X. They"
    is a one-letter name ending a sentence: the word before it is not capitalised.
    """
    # The next word is itself an initial (J. K. Rowling).
    if nxt + 1 < end and text[nxt].isupper() and text[nxt + 1] == ".":
        return True
    before = text[max(0, token_start - 100) : token_start].rstrip()  # bounded: stays linear
    prev_start = max(before.rfind(" "), before.rfind("\n"), before.rfind("\r")) + 1
    prev = before[prev_start:].lstrip("\"'\u201c\u2018([")
    if not prev or before.endswith((".", "!", "?", ":", '"', "\u201c", "\u201d")):
        return True  # first word of a sentence or paragraph: "J. Smith said"
    return prev[0].isupper()


def _is_boundary(text: str, term_start: int, after: int, end: int) -> bool:
    """Decide whether the terminal run text[term_start:after] ends a sentence."""
    nxt = after
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    follower = text[nxt]
    if follower.islower() or follower in ",;:%":
        return False
    run = text[term_start:after]
    if run.rstrip("\"'\u201d\u2019)]") != ".":
        return True  # ! ? ... and multi-dot runs end sentences before a capital
    # The token before the terminal; bounded look-back keeps the scan linear on long runs
    # without spaces (no abbreviation is 40 characters long).
    ws = term_start
    while ws > max(0, term_start - 40) and not text[ws - 1].isspace():
        ws -= 1
    token = text[ws:term_start]
    m = _EN_TOKEN_START.match(token)
    if m:
        token = token[m.end() :]
    low = token.lower()
    every, prepositive, numeric = _abbreviations()
    if low in prepositive:
        return False
    if low in numeric and follower.isdigit():
        return False
    if len(token) == 1 and token.isupper():
        return not _is_initial(text, ws, nxt, end)
    if low in every or _INITIALISM.match(token):
        # Inc., U.S., a.m. may also end a sentence; only a capitalised word can start the next.
        return follower.isupper() and low not in {"e.g", "i.e", "vs", "cf", "etc"} | prepositive
    return True


def _en_sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sent_start = start
    for m in _EN_CANDIDATE.finditer(text, start, end):
        if m.end() < end and text[m.end()].isspace() and _is_boundary(text, m.start(), m.end(), end):
            yield sent_start, m.end()
            sent_start = m.end()
    if sent_start < end:
        yield sent_start, end


def segment_en(text: str, path: str = "") -> Document:
    segs: list[Segment] = []
    for p, (ps, pe) in enumerate(paragraphs(text)):
        if _EN_METADATA.match(text, ps, pe):
            segs.append(_segment(len(segs), text[ps:pe], ps, pe, p, "en", "metadata"))
            continue
        if _EN_SPLIT.search(text, ps, pe) is None:
            # No terminal run followed by a blank: the (trimmed) paragraph is one sentence, as
            # _en_sentence_spans would find. Most paragraphs are; one search instead of its scan.
            segs.append(_segment(len(segs), text[ps:pe], ps, pe, p, "en"))
            continue
        for s, e in _en_sentence_spans(text, ps, pe):
            s, e = _trimmed(text, s, e)
            if s < e:
                segs.append(_segment(len(segs), text[s:e], s, e, p, "en"))
    return Document(text, "en", tuple(segs), path)


def sentence_count(text: str, lang: Lang) -> int:
    """How many sentences *text* (one line of a presegmented file, say) holds, quotations
    included: a translator may merge short lines of dialogue, or a heading, into one line.

    Counted alike in both languages. English: the segmenter's sentences (it splits inside
    quotation marks too). Japanese: every terminal followed by more text, inside 「」 too
    (「警察です。ドアを開けて」 is two, as "Police. Open the door." is), and every quotation
    that ends without a terminal right before another (「はい」「いつ？」 is two).
    """
    t = text.strip()
    if not t:
        return 0
    if lang == "ja":
        return 1 + len(_JA_BREAK.findall(t)) + len(_JA_QUOTES_MEET.findall(t))
    if not _EN_MORE.search(t):
        return 1  # no terminal with text after it: the common case, without the scan
    return sum(1 for s, e in _en_sentence_spans(t, 0, len(t)) if t[s:e].strip())


#: A run of terminals followed (after blanks) by text that is no closer: a new sentence.
_JA_BREAK = re.compile("[。！？!?]+(?=\\s*[^。！？!?」』）)】〉》”’…‥\\s])")
#: A quotation closed right before the next one opens.
_JA_QUOTES_MEET = re.compile("[」』](?=\\s*[「『])")
_EN_MORE = re.compile(r"[.!?][\"'”’)]*\s+\S")


# --- presegmented -------------------------------------------------------------

_LINE_SPAN = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def segment_presegmented(text: str, lang: Lang, path: str = "") -> Document:
    """One segment per input line, taken as-is; index equals the 0-based line number."""
    segs: list[Segment] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE_SPAN.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        body_end = m.end()
        while body_end > m.start() and text[body_end - 1] in "\r\n":
            body_end -= 1
        s, e = _trimmed(text, m.start(), body_end)
        segs.append(_segment(len(segs), text[s:e], s, e, len(segs), lang, "sentence"))
        if m.end() == pos:
            break
        pos = m.end()
    return Document(text, lang, tuple(segs), path, presegmented=True)


# --- language detection ---------------------------------------------------------

_SAMPLE = 200_000
#: Below this share of kana/kanji among its letters, no file is taken for Japanese.
_MIN_JA_RATIO = 0.01


_JA_LETTER = re.compile(f"[{JAPANESE}]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_KANA = re.compile(f"[{KANA}]")


@lru_cache(maxsize=8)
def _letters(text: str, sample: int = _SAMPLE) -> tuple[int, int]:
    """(kana/kanji, Latin letters) in (a prefix of) *text*.

    Counted by the regex engine (Japanese letters of :mod:`align.charclass`, ASCII letters), and kept
    for the last few texts: detecting a pair's languages asks for each text's counts twice.
    """
    head = text[:sample]
    return len(_JA_LETTER.findall(head)), len(_LATIN_LETTER.findall(head))


def japanese_ratio(text: str, sample: int = _SAMPLE) -> float:
    """Share of kana/kanji among the letters of (a prefix of) *text*."""
    ja, latin = _letters(text, sample)
    return ja / (ja + latin) if ja + latin else 0.0


def _japanese_line_share(text: str, sample: int = _SAMPLE) -> float:
    """Share of the lines with letters that hold kana: Japanese prose between code or markup."""
    with_letters = with_kana = 0
    for line in text[:sample].splitlines():
        if not any(ch.isalpha() for ch in line):
            continue
        with_letters += 1
        with_kana += _KANA.search(line) is not None
    return with_kana / with_letters if with_letters else 0.0


def detect_language(text: str) -> Lang | None:
    """'ja' if kana/kanji dominate the letters or the lines, 'en' if Latin letters do, None for neither.

    A manual that is mostly code has few kana among its letters, but Japanese prose on many lines.
    """
    if japanese_ratio(text) >= 0.2 or _japanese_line_share(text) >= 0.2:
        return "ja"
    return "en" if any(ch.isalpha() for ch in text[:_SAMPLE]) else None


def check_roles(ja: tuple[str, str], en: tuple[str, str]) -> None:
    """Two (path, text) inputs given as Japanese and English (--ja/--en): stop when the script
    clearly says otherwise, since swapped files give nothing but nonsense findings.

    Only what detection is sure of vetoes the flags: the "English" file far more Japanese than
    the "Japanese" one (the margin :func:`order_pair` decides by), a "Japanese" file with no
    kana or kanji, or two Japanese files. When detection cannot tell (a code-heavy manual,
    which is what --ja/--en are for), the given roles stand. Raises LanguageError.
    """
    (ja_path, ja_text), (en_path, en_text) = ja, en
    ra, rb = japanese_ratio(ja_text), japanese_ratio(en_text)
    force = "; give --force-roles to keep the roles as given"
    if rb > max(5 * ra, _MIN_JA_RATIO):
        raise LanguageError(
            f"given as Japanese (--ja) but written in English, while {en_path} (--en) is Japanese: "
            f"swap the two files{force}",
            ja_path,
        )
    if ra < _MIN_JA_RATIO:
        raise LanguageError(f"given as Japanese (--ja) but holds no Japanese text{force}", ja_path)
    if detect_language(en_text) == "ja" and detect_language(ja_text) == "ja":
        raise LanguageError(f"given as English (--en) but written in Japanese{force}", en_path)


def segment(text: str, lang: Lang, path: str = "", presegmented: bool = False) -> Document:
    if presegmented:
        return segment_presegmented(text, lang, path)
    return segment_ja(text, path) if lang == "ja" else segment_en(text, path)


def order_pair(a: tuple[str, str], b: tuple[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """Given two (path, text) inputs in any order, return (ja, en).

    The two files are compared, not judged one by one: the one with the larger share of
    kana/kanji among its letters is the Japanese one, even when most of it is code or
    markup (a software manual), provided the other is clearly less Japanese. Raises
    LanguageError when they are not one Japanese and one English text.
    """
    for path, text in (a, b):
        if not any(ch.isalpha() for ch in text[:_SAMPLE]):
            raise LanguageError("no Japanese or English text found", path)
    if detect_language(a[1]) == detect_language(b[1]) == "ja":
        raise LanguageError(
            "both inputs are Japanese; need one Japanese and one English file", f"{a[0]}, {b[0]}"
        )
    ra, rb = japanese_ratio(a[1]), japanese_ratio(b[1])
    # The Japanese file has far more kana/kanji per letter than the English one: an English
    # text quoting a few Japanese words stays below a fifth of a code-heavy Japanese manual.
    if ra > max(5 * rb, _MIN_JA_RATIO):
        return a, b
    if rb > max(5 * ra, _MIN_JA_RATIO):
        return b, a
    if max(ra, rb) < _MIN_JA_RATIO:
        raise LanguageError(
            "both inputs are English; need one Japanese and one English file", f"{a[0]}, {b[0]}"
        )
    raise LanguageError(
        f"cannot tell which input is Japanese ({ra:.0%} and {rb:.0%} kana/kanji); use --ja FILE --en FILE",
        f"{a[0]}, {b[0]}",
    )
