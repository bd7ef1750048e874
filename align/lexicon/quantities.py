"""Quantities in English and Japanese sentences: value, kind, unit, scale and offsets.

``$1.5bn`` and ``15億ドル`` both become ``Quantity(1.5e9, "money", "USD")``; ``3.2 km`` and
``3.2キロ`` a ``measure``; ``three weeks`` and ``3週間`` a ``duration``; ``June 4`` and
``6月4日`` a ``date`` (None, 6, 4). Each quantity keeps its span in the sentence, so a rule
can point at it.

The tables below are numeral grammar, a small closed class: currency symbols and codes,
unit symbols and their Japanese names, Japanese counters (助数詞), month names, number
words. Kanji numerals take their values from ``kanjize``, and count only where UniDic tags
a numeral (数詞), so the 一 of 一方, 統一 or 一般 is never a number.

What is deliberately *not* a quantity: digits glued to letters (``H100``, ``5G``,
``COVID-19``), times of day, telephone numbers, and numbers inside URLs except a ``/v3/``
version or a ``:8080`` port. A number after a capitalised word (``Pixel 9``) is only a bare
``number``, never a count.

Values have their scale applied (``4億2000万`` -> 4.2e8). Dates carry ``date=(year, month,
day)`` with None for a part not written, and ``value`` YYYYMMDD with 0 for a missing part.
Ratios: ``percent`` for %, ``points`` for percentage points (basis points are 0.01 points).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..charclass import KANJI, KATAKANA, KATAKANA_LETTERS, is_kanji

__all__ = [
    "HALF_DAY",
    "IMPERIAL",
    "JA_COUNTERS",
    "KINDS",
    "MEASURE_UNITS",
    "Quantity",
    "duration_base",
    "en_quantities",
    "fold",
    "is_quantity_token",
    "ja_quantities",
    "currency_codes",
    "same_currency",
    "ja_currency_words",
    "kanjize_module",
    "kind_key",
    "letter_currencies",
    "loose_numbers",
    "measure_bases",
    "number_keys",
    "written_number",
    "written_values",
]


class _Lazy:
    """A pattern compiled when first used: the patterns of rarer forms (fractions, clock times,
    "out of") are compiled only by a text that reaches them (a check starts ~5 ms sooner)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)


KINDS = (
    "money",
    "percent",
    "points",
    "count",
    "measure",
    "duration",
    "date",
    "year",
    "ordinal",
    "version",
    "port",
    "time",
    "score",
    "number",
)


@dataclass(frozen=True)
class Quantity:
    #: With scale applied: "$1.5bn" -> 1.5e9, "4億2000万" -> 4.2e8; YYYYMMDD for dates.
    value: float
    #: One of KINDS.
    kind: str
    #: money: ISO currency; measure: symbol ("km", "MWh", "C"); duration: "s".."year"; else "".
    unit: str
    start: int
    end: int
    text: str
    #: The scale as written: "mn", "bn", "k", "million", "万", "億", "兆".
    scale: str = ""
    #: The Japanese counter (人, 台, 世帯) or the English noun after the number ("staff").
    counter: str = ""
    approx: bool = False
    date: tuple[int | None, int | None, int | None] | None = None
    version: str = ""


# --- shared -----------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212"), "-")


class _FoldTable(dict[int, str]):
    """Every BMP character whose NFKC form is one other character (ｋｍ, ％, ￥, ４), dashes as "-";
    any other character maps to itself. CJK ideographs, Hangul syllables and characters beyond
    the BMP are left as they are (NFKC keeps the first two).

    Filled per character on first sight: the whole table (36,000 normalisations) took 7-10 ms
    of every check, which meets a few hundred distinct characters.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = _DASHES.get(code, ch)
        if out == ch and (0x80 <= code < 0x3400 or 0xA000 <= code < 0xAC00 or 0xD800 <= code < 0x10000):
            n = unicodedata.normalize("NFKC", ch)
            if len(n) == 1:
                out = n
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """NFKC per character where it keeps one character (full-width digits, ％, ￥), dashes as "-".

    The result has the length of *text*, so offsets found in it are offsets into *text*.
    """
    return text if text.isascii() else text.translate(_FOLD)


def _dec(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _num(value: Decimal | float) -> float:
    return float(value)


_Date = tuple[int | None, int | None, int | None]


def _date_value(y: int | None, m: int | None, d: int | None) -> float:
    return float((y or 0) * 10000 + (m or 0) * 100 + (d or 0))


_CURRENCY_SIGN = {
    "US$": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "NT$": "TWD",
    "R$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₩": "KRW",
    "₹": "INR",
    "W": "KRW",
}
_CURRENCY_SIGN_RE = r"(?:US|U\.S\.|AU|CA|HK|NZ|NT|A|C|S|R)?\$|£|€|¥|₩|₹"
_ISO_CURRENCIES = "USD AUD CAD HKD NZD SGD TWD JPY EUR GBP CNY RMB KRW INR CHF".split()
_ISO_RE = "|".join(_ISO_CURRENCIES)

#: Unit symbols written in Latin letters, in either language: (pattern, kind, unit, factor).
#: Patterns that are one or two letters must be glued to the number (5t, 38C, 24h).
_LATIN_UNITS: tuple[tuple[str, str, str, float, bool], ...] = (
    (r"km²|km2|sq\.? ?km", "measure", "km2", 1, False),
    (r"m²|m2", "measure", "m2", 1, True),
    (r"km/h|kph", "measure", "km/h", 1, False),
    (r"mph", "measure", "mph", 1, False),
    (r"TWh", "measure", "TWh", 1, False),
    (r"GWh", "measure", "GWh", 1, False),
    (r"MWh", "measure", "MWh", 1, False),
    (r"kWh", "measure", "kWh", 1, False),
    (r"GW", "measure", "GW", 1, False),
    (r"MW", "measure", "MW", 1, False),
    (r"kW", "measure", "kW", 1, False),
    (r"km", "measure", "km", 1, False),
    (r"cm", "measure", "cm", 1, False),
    (r"mm", "measure", "mm", 1, False),
    (r"kg", "measure", "kg", 1, False),
    (r"ha", "measure", "ha", 1, True),
    (r"TB", "measure", "TB", 1, False),
    (r"GB", "measure", "GB", 1, False),
    (r"MB", "measure", "MB", 1, False),
    (r"KB|kB", "measure", "KB", 1, False),
    (r"GHz", "measure", "GHz", 1, False),
    (r"MHz", "measure", "MHz", 1, False),
    (r"kHz", "measure", "kHz", 1, False),
    (r"Hz", "measure", "Hz", 1, False),
    (r"ms", "duration", "ms", 1, True),
    (r"°C|℃|º ?C", "measure", "C", 1, False),
    (r"°F|℉|º ?F", "measure", "F", 1, False),
    (r"C", "measure", "C", 1, True),
    (r"F", "measure", "F", 1, True),
    (r"m", "measure", "m", 1, True),
    (r"g", "measure", "g", 1, True),
    (r"t", "measure", "t", 1, True),
    (r"W", "measure", "W", 1, True),
    (r"L", "measure", "L", 1, True),
    (r"h", "duration", "h", 1, True),
)


@lru_cache(maxsize=1)
def _latin_unit_res() -> tuple[tuple[re.Pattern[str], str, str, float], ...]:
    out = []
    for pat, kind, unit, factor, glued in _LATIN_UNITS:
        lead = "" if glued else " ?"
        out.append((re.compile(rf"{lead}(?:{pat})(?![A-Za-z0-9])"), kind, unit, factor))
    return tuple(out)


def _latin_unit(f: str, pos: int) -> tuple[int, str, str, float] | None:
    """A Latin unit symbol at *pos* (after a number): (end, kind, unit, factor)."""
    for rx, kind, unit, factor in _latin_unit_res():
        m = rx.match(f, pos)
        if m:
            return m.end(), kind, unit, factor
    return None


# Spans that hold digits but no quantity: telephone numbers, URLs, IP addresses.
# Shared by both languages: ASCII classes, since \w would take a kana for part of a word.
_PHONE_RE = re.compile(
    r"(?<![A-Za-z0-9_.])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[.-]\d{2,4}[.-]\d{3,4}(?!\.?[A-Za-z0-9_])"
)
_URL_RE = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"'、。「」（）()]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+"
)
_IP_RE = re.compile(r"(?<![A-Za-z0-9_.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?[A-Za-z0-9_])")
_VERSION_RES = (
    re.compile(r"(?<![A-Za-z0-9_.])[vV](?:er\.?\s?|ersion\s)?(?P<v>\d+(?:\.\d+){0,3})(?!\.?[A-Za-z0-9_])"),
    re.compile(
        r"(?:==|>=|<=|~=|@|\bversion\s|バージョン\s?|リリース\s?)v?(?P<v>\d+(?:\.\d+){0,3})(?![A-Za-z0-9_]|\.\d)"
    ),
    re.compile(r"バージョン\s?v?(?P<v>\d+(?:\.\d+){0,3})(?![A-Za-z0-9_]|\.\d)"),
    re.compile(r"(?<![A-Za-z0-9_.])(?P<v>\d+\.\d+\.\d+(?:\.\d+)?)(?!\.?[A-Za-z0-9_])"),
)
_PORT_RES = (
    re.compile(r"\bports?\s?(?:number\s?)?:?\s?(?P<p>\d{2,5})\b", re.IGNORECASE),
    re.compile(r"ポート(?:番号)?\s?[:：]?\s?(?P<p>\d{2,5})(?!\d)"),
    re.compile(r"(?<!\d)(?P<p>\d{2,5})番ポート"),
    re.compile(
        r"(?:\blocalhost|\b[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+|\])(?P<colon>:)(?P<p>\d{2,5})(?![\d.])"
    ),
)


def _specials(f: str, text: str) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """Versions and ports, and the spans of digits that are no quantity (times, phones, URLs).

    Each scan runs only when its literal trigger is in the text: most sentences have none.
    """
    found: list[Quantity] = []
    blocked: list[tuple[int, int]] = []
    low = f.lower()
    port_res = [
        rx
        for rx, hit in zip(_PORT_RES, ("port" in low, "ポート" in f, "ポート" in f, ":" in f), strict=True)
        if hit
    ]
    for rx in port_res:
        for m in rx.finditer(f):
            s, e = (m.start("colon"), m.end()) if "colon" in rx.groupindex else (m.start(), m.end())
            if _overlaps(s, e, [(q.start, q.end) for q in found]):
                continue
            found.append(Quantity(float(m.group("p")), "port", "", s, e, text[s:e]))
    version_hits = (
        "v" in low,
        any(t in low for t in ("=", "@", "version", "バージョン", "リリース")),
        "バージョン" in f,
        f.count(".") >= 2,
    )
    for rx, hit in zip(_VERSION_RES, version_hits, strict=True):
        if not hit:
            continue
        for m in rx.finditer(f):
            s, e = m.start(), m.end()
            if _overlaps(s, e, [(q.start, q.end) for q in found]) or _IP_RE.fullmatch(m.group("v")):
                continue
            v = m.group("v")
            if rx is _VERSION_RES[3] and _looks_like_date(v):
                continue
            parts = v.split(".")
            found.append(Quantity(float(".".join(parts[:2])), "version", "", s, e, text[s:e], version=v))
    blocking = (
        (_URL_RE, "://" in f or "www." in low or "@" in f),
        (_IP_RE, f.count(".") >= 3),
        (_PHONE_RE, "-" in f or "." in f),
    )
    for rx, hit in blocking:
        if hit:
            blocked.extend(m.span() for m in rx.finditer(f))
    return found, blocked


def _looks_like_date(v: str) -> bool:
    parts = v.split(".")
    return len(parts) == 3 and (len(parts[0]) == 4 or len(parts[2]) == 4)


def _overlaps(s: int, e: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


def _date_range(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity] | None:
    """Ranges of dates and years: June 4-5, 7〜9月期, 2017〜22年; None for another range."""
    if a.kind == "date" and b.kind == "date" and a.date and b.date and b.date[:2] == (None, None):
        y, mo, d = a.date[0], a.date[1], b.date[2]
        return a, replace(b, date=(y, mo, d), value=_date_value(y, mo, d))
    if a.kind == "number" and b.kind == "date" and b.date and a.value.is_integer():
        y, mo, d = b.date
        if mo and not d and 1 <= a.value <= 12:  # 7〜9月期: July to September
            month = int(a.value)
            a = replace(a, kind="date", date=(y, month, None), value=_date_value(y, month, None))
        return a, b
    if a.kind in ("number", "year") and 1000 <= a.value <= 2999 and b.kind == "duration" and b.unit == "year":
        if a.value.is_integer() and b.value < 100:  # 2017〜22年: 2017 to 2022
            y1 = int(a.value)
            y2 = y1 - y1 % 100 + int(b.value)
            a = replace(a, kind="year", date=(y1, None, None), value=float(y1))
            b = replace(b, kind="year", unit="", date=(y2, None, None), value=float(y2))
        return a, b
    return None


def _vague_pair(a: Quantity, b: Quantity) -> bool:
    return 2 <= a.value <= 9 and b.value == a.value + 1


def _amount_range(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity]:
    """3-4 days, $3-4bn, 3〜4億円: the first number takes the unit and scale of the second."""
    if b.kind not in ("date", "year", "version", "port", "number", "ordinal") or _vague_pair(a, b):
        # A range of amounts is an estimate ("2-3回" for "a couple of times"), and so are two
        # neighbouring small numbers (2-3の for "a few"); other bounds of bare numbers
        # ("between 0 and 1", 1から5) are exact.
        a, b = replace(a, approx=True), replace(b, approx=True)
    if b.kind == "count" and b.value <= 1:
        return a, b  # "ten to one" is odds, not a range
    value = a.value
    if b.scale and not a.scale and abs(b.value) >= abs(value) * _scale_factor(b.scale) / 1000:
        value *= _scale_factor(b.scale)
    if a.kind == "money" and b.kind == "number" and b.scale:
        return replace(a, value=value, scale=b.scale), replace(b, kind="money", unit=a.unit)
    if a.kind == "number" and b.kind not in ("number", "version", "port", "date", "year", "ordinal"):
        a = replace(a, value=value, kind=b.kind, unit=b.unit, counter=b.counter, scale=b.scale)
    return a, b


def _propagate_ranges(
    qs: list[Quantity], f: str, connector: re.Pattern[str], between: re.Pattern[str] | None = None
) -> list[Quantity]:
    """In a range ("3-4 days", "$3-4bn", "3〜4億円") the first number takes the unit of the second."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = f[a.end : b.start]
        if not connector.fullmatch(gap) and not (
            between and between.search(f[: a.start]) and re.fullmatch(r"\s?and\s?", gap)
        ):
            continue
        out[i], out[i + 1] = _date_range(a, b) or _amount_range(a, b)
    return out


#: A compound duration: 1年6カ月, "1 hour and 40 minutes" (the larger unit, then the next one).
_COMPOUND = {("year", "month"): 12, ("h", "min"): 60, ("min", "s"): 60, ("week", "day"): 7, ("day", "h"): 24}
_EN_DURATION_GAP = re.compile(r",?\s(?:and\s)?")
_JA_DURATION_GAP = re.compile(r"")


def _merge_durations(qs: list[Quantity], f: str, text: str, gap: re.Pattern[str]) -> list[Quantity]:
    """One duration for 1年6カ月 (18 months) or "2 hours 30 minutes" (150 minutes)."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == q.kind == "duration"
            and (prev.unit, q.unit) in _COMPOUND
            and gap.fullmatch(f[prev.end : q.start])
            and prev.value.is_integer()
        ):
            value = prev.value * _COMPOUND[(prev.unit, q.unit)] + q.value
            approx = prev.approx or q.approx
            out[-1] = replace(q, value=value, start=prev.start, text=text[prev.start : q.end], approx=approx)
            continue
        out.append(q)
    return out


_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "万": 1e4,
    "億": 1e8,
    "兆": 1e12,
}


def _scale_factor(scale: str) -> float:
    return _SCALES.get(scale.lower(), 1.0)


# --- English ----------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_WORD_VALUE: dict[str, int] = {w: i for i, w in enumerate(_ONES)}
_EN_WORD_VALUE.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
_EN_BIG = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_NUMWORD = "|".join(sorted([*_EN_WORD_VALUE, *_EN_BIG, "dozen"], key=len, reverse=True))
_EN_WORDS_RE = (
    rf"(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    # "and" joins only after a scale word: "two hundred and fifty", not "seven and ten".
    rf"(?:{_EN_NUMWORD})(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion)|(?<=trillion))"
    rf"\s+and\s+|\s+|-)(?:{_EN_NUMWORD})\b)*"
)
_EN_DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_EN_DIGIT_CORE = re.compile(
    rf"(?P<cur>{_CURRENCY_SIGN_RE}|\bW(?=\d)|\b(?:{_ISO_RE})\s?(?=\d))?(?P<num>{_EN_DIGITS_RE})"
)
_EN_WORD_CORE = re.compile(rf"\b(?P<num>{_EN_WORDS_RE})\b", re.IGNORECASE)
_EN_NUMBER_WORDS = frozenset([*_EN_WORD_VALUE, *_EN_BIG, "dozen"])
_EN_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_DIGIT = re.compile(r"\d")
_EN_SCALE = re.compile(
    r"(?P<sp>[ -]?)(?P<scale>trillion|billion|million|thousand|hundred|trn|tn|bn|mln|mn|m|b|k)(?![A-Za-z])",
    re.IGNORECASE,
)
_METRE = r"met(?:re|er)s?"
#: English unit words after a number: (pattern, kind, unit, factor); tried in order.
_EN_UNIT_WORDS: tuple[tuple[str, str, str, float], ...] = (
    (r"percentage[ -]points?|pp\b|ppts?\b", "points", "", 1),
    (r"basis[ -]points?|bps?\b", "points", "", 0.01),
    (r"%|per ?cent\b", "percent", "", 1),
    (r"points?\b|pts?\b", "points", "", 1),
    (r"(?:US|U\.S\.|American) dollars?\b", "money", "USD", 1),
    (r"Australian dollars?\b", "money", "AUD", 1),
    (r"Canadian dollars?\b", "money", "CAD", 1),
    (r"Hong Kong dollars?\b", "money", "HKD", 1),
    (r"New Zealand dollars?\b", "money", "NZD", 1),
    (r"Singapore dollars?\b", "money", "SGD", 1),
    (r"dollars?\b", "money", "USD", 1),
    (r"yen\b", "money", "JPY", 1),
    (r"(?:South )?Korean won\b|won\b", "money", "KRW", 1),
    (r"yuan\b|renminbi\b|RMB\b", "money", "CNY", 1),
    (r"euros?\b", "money", "EUR", 1),
    (r"pounds? sterling\b|sterling\b|pounds?\b", "money", "GBP", 1),
    (r"rupees?\b", "money", "INR", 1),
    (r"(?:Swiss )?francs?\b", "money", "CHF", 1),
    (rf"(?:{_ISO_RE})\b", "money", "", 1),
    (r"square kilomet(?:re|er)s?\b", "measure", "km2", 1),
    (rf"square {_METRE}\b", "measure", "m2", 1),
    (r"kilomet(?:re|er)s? (?:per|an) hour\b", "measure", "km/h", 1),
    (r"miles (?:per|an) hour\b", "measure", "mph", 1),
    (r"kilomet(?:re|er)s?\b", "measure", "km", 1),
    (r"centimet(?:re|er)s?\b", "measure", "cm", 1),
    (r"millimet(?:re|er)s?\b", "measure", "mm", 1),
    (rf"{_METRE}\b", "measure", "m", 1),
    (r"kilo(?:gram)?s?\b|kilogrammes?\b", "measure", "kg", 1),
    (r"grams?\b|grammes?\b", "measure", "g", 1),
    (r"(?:metric )?tonnes?\b|(?:metric )?tons?\b", "measure", "t", 1),
    (r"terawatt[- ]hours?\b", "measure", "TWh", 1),
    (r"gigawatt[- ]hours?\b", "measure", "GWh", 1),
    (r"megawatt[- ]hours?\b", "measure", "MWh", 1),
    (r"kilowatt[- ]hours?\b", "measure", "kWh", 1),
    (r"gigawatts?\b", "measure", "GW", 1),
    (r"megawatts?\b", "measure", "MW", 1),
    (r"kilowatts?\b", "measure", "kW", 1),
    (r"watts?\b", "measure", "W", 1),
    (r"hectares?\b", "measure", "ha", 1),
    (r"acres?\b", "measure", "acre", 1),
    (r"miles?\b", "measure", "mile", 1),
    (r"feet\b|foot\b|ft\b", "measure", "ft", 1),
    (r"inch(?:es)?\b", "measure", "in", 1),
    (r"yards?\b", "measure", "yd", 1),
    (r"lit(?:re|er)s?\b", "measure", "L", 1),
    (r"(?:gigabytes?|terabytes?|megabytes?)\b", "measure", "", 1),
    (r"degrees? (?:Celsius|centigrade|C)\b", "measure", "C", 1),
    (r"degrees? (?:Fahrenheit|F)\b", "measure", "F", 1),
    (r"degrees?\b", "measure", "deg", 1),
    (r"knots?\b", "measure", "kn", 1),
    (r"milliseconds?\b", "duration", "ms", 1),
    (r"seconds?\b|secs?\b", "duration", "s", 1),
    (r"minutes?\b|mins?\b", "duration", "min", 1),
    (r"hours?\b|hrs?\b", "duration", "h", 1),
    (r"days?\b", "duration", "day", 1),
    (r"fortnights?\b", "duration", "week", 2),
    (r"weeks?\b", "duration", "week", 1),
    (r"months?\b", "duration", "month", 1),
    (r"years?\b|yrs?\b", "duration", "year", 1),
    (r"decades?\b", "duration", "year", 10),
    (r"centur(?:y|ies)\b", "duration", "year", 100),
    (r"times\b(?!\s\d)|-fold\b|fold\b", "count", "", 1),  # not the operator of "2 times 3"
)
_BYTES = {"giga": "GB", "tera": "TB", "mega": "MB"}


@lru_cache(maxsize=1)
def _en_unit_res() -> tuple[tuple[re.Pattern[str], str, str, float], ...]:
    return tuple(
        (re.compile(rf"[ -]?(?:{pat})", re.IGNORECASE if kind != "money" or not unit else 0), kind, unit, f)
        for pat, kind, unit, f in _EN_UNIT_WORDS
    )


_MONTHS = "january february march april may june july august september october november december".split()
# Lower-case month names count too where they are no other word (not may, march, august).
_MONTH_RE = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|january|february|april|june|july|september|october|november|december|may|march|august)(?![A-Za-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?=\s?\d))"
)
_DAY_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_DAY_ORDINALS.update({f"twenty-{w}": 20 + v for w, v in list(_DAY_ORDINALS.items())[:9]})
_DAY_ORDINALS.update({"thirtieth": 30, "thirty-first": 31})
_ORD_DAY = "|".join(sorted(_DAY_ORDINALS, key=len, reverse=True))
_EN_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})(?:\s(?:the\s)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,.]\d|\d)"
    rf"|(?P<d1w>{_ORD_DAY})\b))?(?:,?\s(?P<y1>\d{{4}})(?!\d))?"
    rf"|\b(?:the\s)?(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2w>{_ORD_DAY}))\s(?:of\s)?(?P<m2>{_MONTH_RE})"
    rf"(?:,?\s(?P<y2>\d{{4}})(?!\d))?"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"
    r"|\b(?P<y4>\d{4})/(?P<m4>\d{1,2})/(?P<d4>\d{1,2})\b"
)
_MAY_CONTEXT = _Lazy(
    r"\b(?:in|of|since|until|by|from|to|through|ending|last|next|early|late|mid|this|end)[\s-]+$", re.I
)
#: Before a lower-case may, march or august that is a month (in a text written in lower case).
_LOWER_MONTH_CONTEXT = _Lazy(r"\b(?:in|during|since|until|till|last|next|early|late|mid)[\s-]+$", re.I)
_EN_FISCAL = re.compile(
    r"\b(?:fiscal(?: year)?|financial year|FY)\s?'?(?P<y>\d{4}|\d{2})(?![\d,])(?:[/-]\d{2,4})?", re.I
)
_EN_DECADE = re.compile(r"\b(?P<y>1\d{2}0|20\d0)s\b")
_EN_QUARTER = re.compile(r"\b(?:Q(?P<q>[1-4])|(?P<w>first|second|third|fourth) quarter)\b")
_EN_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    )
}
_EN_ORDINAL = re.compile(
    r"(?<![\w.])(?P<d>\d+)(?:st|nd|rd|th)\b(?!-party)|\b(?P<w>"
    + "|".join(_EN_ORDINAL_WORDS)
    + r")\b(?![- ]party)",
    re.IGNORECASE,
)
#: Nouns that make the number after them a label ("Section 3", "Step 2", "No. 5").
_EN_LABEL = re.compile(
    r"\b(?:Sections?|Sec\.|§|Articles?|Art\.|Chapters?|Clauses?|Paragraphs?|Para\.|Rules?|Figures?|Fig\."
    r"|Tables?|Steps?|Parts?|Phases?|Stages?|Levels?|Rounds?|Grades?|Lessons?|Modules?|Weeks?|Units?"
    r"|Exercises?|Questions?|Problems?|Items?|Episodes?|Seasons?|Volumes?|Vol\.|No\.|Nos\.|[Nn]umber|Line"
    r"|Lines|Slides?|Pages?|pp?\.|Layer|Block|Floor|Gate|Platform|Route|Highway|Room|Apartment|Suite)"
    # The label may stand in quotes: the number "5".
    r"\s?[\"“'‘]?#?(?P<n>\d+(?:\.\d+)*[a-z]?)\b"
)
_EN_APPROX = re.compile(
    r"(?:\babout|\baround|\bapproximately|\broughly|\bnearly|\balmost|\bsome|\ban estimated|\bestimated"
    r"|\bcirca|\bc\.|~|\bclose to|\bmore or less|\bjust (?:over|under))\s*$",
    re.IGNORECASE,
)
_EN_NEGATIVE = re.compile(r"(?:\bminus|\bnegative)\s$|(?<![\w.,\d-])-$", re.IGNORECASE)
_EN_RANGE = re.compile(r"\s?(?:-|to|~)\s?")
_EN_BETWEEN = re.compile(r"\bbetween\s$", re.IGNORECASE)
_EN_MULTIPLE = _Lazy(
    r"\b(?P<w>twice|thrice|double[ds]?|tripled?|triples|quadrupled?|quadruples)\b", re.IGNORECASE
)
_EN_MULTIPLE_VALUE = {"twi": 2, "dou": 2, "thr": 3, "tri": 3, "qua": 4}
_EN_FRACTION = _Lazy(
    r"\b(?P<n>one|two|three|four|a|an)[ -](?P<d>half|halves|thirds?|quarters?|fourths?|fifths?|tenths?)\b"
    r"(?:\s(?=of\b))?|\b(?P<half>half)\b(?:\s(?P<hunit>an hour|a day|a year|a century|a decade|a month))?",
    re.IGNORECASE,
)
_EN_FRACTION_DENOM = {"hal": 2, "thi": 3, "qua": 4, "fou": 4, "fif": 5, "ten": 10}
_EN_A_UNIT = re.compile(
    r"\b(?P<a>an?|a couple of)\s(?P<u>hour|day|week|month|year|decade|fortnight|minute|second|centur)"
    r"(?:s|y|ies)?\b"
    # "the decade", "this century": nouns that are a number by themselves (この10年).
    r"|\b(?P<a2>the|this|that|the past|the next|the last)\s(?P<u2>decade|fortnight|centur)(?:y)?\b",
    re.IGNORECASE,
)
_EN_A_UNIT_VALUE = {
    "hour": (1, "h"),
    "day": (1, "day"),
    "week": (1, "week"),
    "fortnight": (2, "week"),
    "month": (1, "month"),
    "year": (1, "year"),
    "decade": (10, "year"),
    "centur": (100, "year"),
    "minute": (1, "min"),
    "second": (1, "s"),
}
_EN_HALF_UNIT = {"an hour": "h", "a day": "day", "a year": "year", "a month": "month"}
_EN_HALF_UNIT_FACTOR = {"a century": (50, "year"), "a decade": (5, "year")}
_EN_AGE = _Lazy(r"[ -]years?[ -]old\b|-year-olds?\b", re.IGNORECASE)
_EN_COUNTER = re.compile(r"\s(?P<w>[a-z][a-z-]*[a-z])\b")
_MONTH_WORDS = frozenset([*_MONTHS, *(m[:3] for m in _MONTHS), "sept"])
_FRACTION_WORDS = frozenset(
    "half halves third thirds quarter quarters fourth fourths fifth fifths tenth tenths".split()
)
_MULTIPLE_WORDS = frozenset(
    "twice thrice double doubled doubles triple tripled triples quadruple quadrupled quadruples".split()
)


@lru_cache(maxsize=1)
def _en_trigger_words() -> frozenset[str]:
    """Words that can start a quantity without a digit."""
    return (
        _EN_NUMBER_WORDS
        | _MONTH_WORDS
        | _FRACTION_WORDS
        | _MULTIPLE_WORDS
        | _EN_ORDINAL_WORDS.keys()
        | _EN_A_UNIT_VALUE.keys()
        | _DECADE_WORDS.keys()
        | {"century", "couple"}
    )


def _word_class(w: str) -> str:
    """ones (one-nine), teens (zero, ten-nineteen), tens (twenty-ninety), or a scale word."""
    v = _EN_WORD_VALUE.get(w)
    if v is None:
        return "scale"
    if 1 <= v <= 9:
        return "ones"
    return "tens" if v >= 20 else "teens"


#: Word classes that may not follow each other in one numeral: "seven ten", "one two", "twenty thirty".
_WORD_CLASH = {
    "ones": {"ones", "teens", "tens"},
    "teens": {"ones", "teens", "tens"},
    "tens": {"teens", "tens"},
}


def _word_value(words: str) -> int | None:
    """Value of an English number-word phrase: "two hundred and fifty thousand" -> 250000; None
    for a sequence that is no one numeral ("seven ten")."""
    total, current, seen = 0, 0, False
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w]
    if parts and (parts[0] in _EN_BIG or parts[0] == "dozen"):
        return None  # "300 or so million": the number is elsewhere, "a million" starts with "a"
    last = ""
    for w in parts:
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = 1 if current == 0 else current
            continue
        if w in _EN_WORD_VALUE:
            if _word_class(w) in _WORD_CLASH.get(last, ()):
                return None
            current += _EN_WORD_VALUE[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _EN_BIG:
            total += (current or 1) * _EN_BIG[w]
            current = 0
        else:
            return None
        last = _word_class(w) if w in _EN_WORD_VALUE else "scale"
        seen = True
    return total + current if seen else None


_EN_ONE_WORD = _Lazy(rf"\b(?P<num>{_EN_NUMWORD})\b", re.IGNORECASE)


def _content_words() -> Container[str]:
    """English words that JMdict glosses with (its data-driven function words excluded)."""
    from .dictionary import gloss_vocabulary

    return gloss_vocabulary()


#: Determiners, adverbs and prepositions that JMdict glosses with but that never name what is counted
#: ("seven every morning", "eight last night"): a closed grammatical class.
_EN_NOT_COUNTER = frozenset(
    "every each last next other others more less than same such only also very much many few former latter"
    " previous following per plus minus times during after before since until among between within without"
    " over under across through via into onto from against toward towards".split()
)
#: "at seven", "at around eight": a time of day when no unit follows.
_EN_AT = re.compile(r"\bat\s(?:around\s|about\s)?$", re.IGNORECASE)


def _en_counter(f: str, pos: int) -> str:
    """The noun right after a number ("500 staff" -> "staff"), when it is a content word."""
    m = _EN_COUNTER.match(f, pos)
    if not m:
        return ""
    w = m.group("w")
    if w in _EN_NOT_COUNTER or w in _EN_NUMBER_WORDS:
        return ""  # "seven ten", "the first two": another number, not a counted noun
    words = _content_words()
    singular = (w[:-3] + "y") if w.endswith("ies") else w[:-1] if w.endswith("s") else w
    return w if w in words or singular in words else ""


def _after_product_name(f: str, start: int) -> bool:
    """True after a name: a capitalised word that does not open the sentence ("Python 3.12",
    "Pixel 9"), or a word with a capital inside (iOS 17, NorvaleOS 3.2, GPT 5)."""
    m = re.search(r"(?<![\w.])([A-Za-z][A-Za-z0-9]*)\s$", f[:start])
    if m is None:
        return False
    word = m.group(1)
    if any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word):
        return True  # iOS, macOS, NorvaleOS (not "AND" or "THE" in capitals)
    return word[0].isupper() and bool(f[: m.start(1)].strip()) and word.lower() not in _MONTH_WORDS


@dataclass
class _Scan:
    """The quantities of one sentence found so far, and the spans they (or times, phones, URLs) take."""

    f: str
    text: str
    found: list[Quantity]
    taken: list[tuple[int, int]]
    #: Text around the sentence that may name a currency (the bead's other side).
    context: str = ""

    @classmethod
    def of(cls, f: str, text: str, digits: bool, context: str = "") -> _Scan:
        found, blocked = _specials(f, text) if digits else ([], [])
        return cls(f, text, found, [(q.start, q.end) for q in found] + blocked, context)

    def free(self, s: int, e: int) -> bool:
        return not _overlaps(s, e, self.taken)

    def add(self, q: Quantity) -> None:
        self.found.append(q)
        self.taken.append((q.start, q.end))

    def put(self, value: float, kind: str, s: int, e: int, **fields: Any) -> None:
        """Add the quantity text[s:e] when its span is free."""
        if self.free(s, e):
            self.add(Quantity(value, kind, fields.pop("unit", ""), s, e, self.text[s:e], **fields))

    def sorted(self) -> list[Quantity]:
        return sorted(self.found, key=lambda q: (q.start, q.end))


_EnStep = Callable[[_Scan, set[str], bool], None]


def _en_fiscal(scan: _Scan, words: set[str], digits: bool) -> None:
    """FY2024, fiscal 2025, financial year 24 (a year), and the 1990s (its first year)."""
    if not digits:
        return
    for m in _EN_FISCAL.finditer(scan.f):
        y = int(m.group("y"))
        y = y + 2000 if y < 100 else y
        scan.put(float(y), "year", *m.span(), date=(y, None, None))
    for m in _EN_DECADE.finditer(scan.f):
        y = int(m.group("y"))
        scan.put(float(y), "year", *m.span(), date=(y, None, None))


def _en_quarters(scan: _Scan, words: set[str], digits: bool) -> None:
    if not digits and "quarter" not in words:
        return
    for m in _EN_QUARTER.finditer(scan.f):
        n = int(m.group("q")) if m.group("q") else _EN_ORDINAL_WORDS[m.group("w").lower()]
        scan.put(float(n), "ordinal", *m.span(), counter="quarter")


def _en_labels(scan: _Scan, words: set[str], digits: bool) -> None:
    """Section 3, Step 2, No. 5: a label, read as an ordinal."""
    if not digits:
        return
    for m in _EN_LABEL.finditer(scan.f):
        label = re.match(r"\d+(?:\.\d+)?", m.group("n"))
        if label:
            scan.put(float(label.group(0)), "ordinal", *m.span("n"))


def _en_ordinals(scan: _Scan, words: set[str], digits: bool) -> None:
    if not digits and not words & _EN_ORDINAL_WORDS.keys():
        return
    for m in _EN_ORDINAL.finditer(scan.f):
        n = int(m.group("d")) if m.group("d") else _EN_ORDINAL_WORDS[m.group("w").lower()]
        # A school year: "third-year players" are 3年 (生) in Japanese.
        counter = "year" if scan.f.startswith("-year", m.end()) else _en_counter(scan.f, m.end())
        if n == 2 and m.group("w") and not counter and _EN_TIME_SECOND.search(scan.f[: m.start()]):
            continue  # "every second", "a split second": the unit of time ("a second supplier" counts)
        if m.group("d") and 1 <= n <= 31 and not counter and _EN_THE.search(scan.f[: m.start()]):
            # "on the 25th": a day of the month (the 25th anniversary is an ordinal).
            scan.put(_date_value(None, None, n), "date", *m.span(), date=(None, None, n))
        else:
            scan.put(float(n), "ordinal", *m.span(), counter=counter)


_EN_THE = re.compile(r"\bthe\s$", re.IGNORECASE)
_EN_TIME_SECOND = _Lazy(r"\b(?:every|each|per|a|one|split|that|this)\s$", re.IGNORECASE)


def _en_numbers(scan: _Scan, words: set[str], digits: bool) -> None:
    """Every other number, in digits or in words, with what follows it (_en_number)."""
    cores = [_EN_DIGIT_CORE] if digits else []
    if words & _EN_NUMBER_WORDS:
        cores.append(_EN_WORD_CORE)
    for rx in cores:
        for m in rx.finditer(scan.f):
            # Words that make no one numeral ("seven ten") are read one by one.
            split = rx is _EN_WORD_CORE and _word_value(m.group("num")) is None
            for one in _EN_ONE_WORD.finditer(scan.f, m.start(), m.end()) if split else (m,):
                q = _en_number(one, scan.f, scan.text)
                if q is not None and scan.free(q.start, q.end):
                    scan.add(q)


def en_quantities(text: str, context: str = "") -> list[Quantity]:
    """Quantities of an English sentence, in text order (see the module docstring).

    *context*, the text around it (the bead's Japanese), may name the currency of a one-letter
    symbol (N585 beside ナイラ).
    """
    f = fold(text)
    words = {w.lower() for w in _EN_WORD_TOKEN.findall(f)}
    digits = _DIGIT.search(f) is not None
    # Most sentences hold no number: skip the scans whose trigger is absent.
    if not digits and not words & _en_trigger_words():
        return []
    scan = _Scan.of(f, text, digits, context)
    for step in _EN_STEPS:
        step(scan, words, digits)
    found = _propagate_ranges(scan.sorted(), f, _EN_RANGE, _EN_BETWEEN)
    return _merge_durations(found, f, text, _EN_DURATION_GAP)


def _en_dates(scan: _Scan, words: set[str], digits: bool) -> None:
    if not digits and not words & _MONTH_WORDS:
        return
    for m in _EN_DATE.finditer(scan.f):
        if scan.free(*m.span()):
            date = _en_date(m, scan.f)
            if date is not None:
                scan.put(_date_value(*date), "date", *m.span(), date=date)


def _en_date(m: re.Match[str], f: str) -> _Date | None:
    """(year, month, day) of a match of _EN_DATE, None for the verb "may" or an impossible date."""
    ms = m.group("m1") or m.group("m2")
    if ms:
        name = ms.rstrip(".").lower()
        day_s, year_s = m.group("d1") or m.group("d2"), m.group("y1") or m.group("y2")
        day_w = m.group("d1w") or m.group("d2w")
        day_s = str(_DAY_ORDINALS[day_w.lower()]) if day_w else day_s
        if name == "may" and not (day_s or year_s or _MAY_CONTEXT.search(f[: m.start()])):
            return None  # the modal verb
        if ms in ("may", "march", "august") and not (
            day_s or year_s or _LOWER_MONTH_CONTEXT.search(f[: m.start()])
        ):
            return None  # lower case: the verbs, the adjective, unless a month's context says otherwise
        month = next(i for i, full in enumerate(_MONTHS) if full.startswith(name[:3])) + 1
    else:
        month = int(m.group("m3") or m.group("m4"))
        day_s, year_s = m.group("d3") or m.group("d4"), m.group("y3") or m.group("y4")
    day = int(day_s) if day_s else None
    year = int(year_s) if year_s else None
    if not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return year, month, day


def _en_fractions(scan: _Scan, words: set[str], digits: bool) -> None:
    """Fractions: two-thirds, a quarter of, half, half an hour."""
    if not words & _FRACTION_WORDS:
        return
    f = scan.f
    for m in _EN_FRACTION.finditer(f):
        s, e = m.span()
        if not scan.free(s, e):
            continue
        if m.group("half"):
            hunit = (m.group("hunit") or "").lower()
            if hunit in _EN_HALF_UNIT:
                scan.put(0.5, "duration", s, e, unit=_EN_HALF_UNIT[hunit])
            elif hunit in _EN_HALF_UNIT_FACTOR:
                v, u = _EN_HALF_UNIT_FACTOR[hunit]
                scan.put(float(v), "duration", s, e, unit=u)
            else:
                scan.put(0.5, "number", s, s + 4, unit="fraction")
            continue
        n_word = m.group("n").lower()
        num = 1 if n_word in ("a", "an", "one") else _EN_WORD_VALUE[n_word]
        den = _EN_FRACTION_DENOM[m.group("d").lower()[:3]]
        if n_word in ("a", "an") and not re.match(r"\s?of\b", f[e:]):
            continue  # "a third option" is an ordinal, "a third of" a fraction
        scan.put(num / den, "number", s, m.end("d"), unit="fraction")


def _en_multiples(scan: _Scan, words: set[str], digits: bool) -> None:
    """Twice, tripled, quadruple: a count of times."""
    if not words & _MULTIPLE_WORDS:
        return
    for m in _EN_MULTIPLE.finditer(scan.f):
        v = _EN_MULTIPLE_VALUE[m.group("w").lower()[:3]]
        scan.put(float(v), "count", *m.span(), counter="times")


def _en_a_units(scan: _Scan, words: set[str], digits: bool) -> None:
    """A year, a couple of days, the decade: durations said without a number."""
    if not words & {"a", "an", "the", "this", "that"}:
        return
    for m in _EN_A_UNIT.finditer(scan.f):
        v, u = _EN_A_UNIT_VALUE[(m.group("u") or m.group("u2")).lower()]
        couple = (m.group("a") or "").lower().startswith("a couple")
        scan.put(float(v * 2 if couple else v), "duration", *m.span(), unit=u, approx=couple)


def _en_value(num: str) -> tuple[Decimal, bool] | None:
    """The value of a digit or word numeral, and whether it was written in words."""
    if not num[0].isdigit() and num[0] != ".":
        value_i = _word_value(num)
        return None if value_i is None else (Decimal(value_i), True)
    d = _dec(num)
    return None if d is None else (d, False)


def _part_of_code(before: str) -> bool:
    """Digits that continue a code or name: H100, v2, #3, 1/2; COVID-19 and F-35 (not mid-2025)."""
    prev = before[-1]
    if prev.isalpha() or prev in "_.#/\\" or prev.isdigit():
        return True
    code = re.search(r"(?<![\w-])([A-Za-z][\w-]*)-$", before)
    return prev == "-" and code is not None and not code.group(1).islower()


def _en_currency(cur: str | None) -> str:
    if not cur:
        return ""
    if cur.strip() in _ISO_CURRENCIES:
        return "CNY" if cur.strip() == "RMB" else cur.strip()
    return _CURRENCY_SIGN.get(cur, "")


def _en_scale(f: str, pos: int, is_word: bool, currency: str) -> tuple[str, Decimal, int]:
    """A scale word after a number ("1.5bn", "two million"): (scale, factor, end) or ("", 1, pos)."""
    sm = _EN_SCALE.match(f, pos)
    if not sm:
        return "", Decimal(1), pos
    sc = sm.group("scale")
    low = sc.lower()
    glued = not sm.group("sp")
    ok = (
        low in ("million", "billion", "trillion", "thousand", "hundred", "mn", "bn", "tn", "trn", "mln")
        or (low == "k" and glued)
        or (low in ("m", "b") and glued and bool(currency))
    )
    if not ok or (is_word and low == "hundred"):
        return "", Decimal(1), pos
    return sc, Decimal(_SCALES[low] if low not in _EN_BIG else _EN_BIG[low]), sm.end()


def _en_after(f: str, pos: int, value: Decimal, num: str, scale: str) -> tuple[int, str, str, str, Decimal]:
    """The unit after a number without a currency: (end, kind, unit, counter, value)."""
    kind, unit, counter, end = "number", "", "", pos
    hit = _en_unit(f, pos, value, num, scale)
    if hit is not None:
        end, kind, unit, factor = hit
        value *= Decimal(str(factor))
        counter = "times" if kind == "count" else ""
    if kind == "duration" and unit == "year":
        age = _EN_AGE.match(f, pos)
        if age:
            kind, unit, counter, end = "count", "age", "years old", age.end()
    return end, kind, unit, counter, value


_EN_YEAR_AFTER = _Lazy(r"\b(?:in|by|since|until|till|from|before|after|around|circa|of)\s$", re.IGNORECASE)


def _en_bare(f: str, start: int, end: int, v: float, num: str, scale: str, is_word: bool) -> tuple[str, str]:
    """Kind and counter of a number with no unit: a year, a count of a noun, or a bare number."""
    plain = not scale and "," not in num and not is_word and "." not in num
    counter = _en_counter(f, end)
    # Edited English writes 2,000 staff with a comma: a bare 1900-2100 is a year ("2017 levels"),
    # and so is an older one after "in", "by" or "since" ("by 1600").
    if (
        plain
        and v.is_integer()
        and (1900 <= v <= 2100 or 1000 <= v < 1900 and _EN_YEAR_AFTER.search(f[:start]))
    ):
        return "year", ""
    if not is_word and _after_product_name(f, start):
        return "version", ""  # iOS 17, Python 3.12, Pixel 9: the version or model of a name
    if _EN_AT.search(f[:start]):
        return "number", ""  # "at seven": a time
    return ("count", counter) if counter else ("number", "")


def _en_number(m: re.Match[str], f: str, text: str) -> Quantity | None:
    """One number at a match of _EN_DIGIT_CORE or _EN_WORD_CORE, with its currency, scale, unit or counter."""
    num, cur = m.group("num"), m.groupdict().get("cur")
    start = m.start()
    parsed = _en_value(num)
    if parsed is None:
        return None
    value, is_word = parsed
    before = f[:start]
    if not cur and not is_word and before and _part_of_code(before):
        return None
    currency = _en_currency(cur)
    scale, factor, pos = _en_scale(f, m.end(), is_word, currency)
    value *= factor
    if currency == "KRW" and cur == "W" and not (scale or "," in num):
        return None  # "W3" is a model name, "W50bn" is won
    if currency:
        kind, unit, counter, end = "money", currency, "", pos
        um = _ISO_AFTER.match(f, pos)
        end = um.end() if um else pos
    else:
        end, kind, unit, counter, value = _en_after(f, pos, value, num, scale)
    if end < len(f) and (f[end].isalnum() or f[end] == "_") and not is_word:
        return None  # 5G, 3D, 4x4: glued to letters that are no unit
    neg = _EN_NEGATIVE.search(before)
    if neg and kind in ("number", "measure", "percent", "points", "money"):
        value = -value
        start = neg.start() if neg.group(0).startswith("-") else start
    v = _num(value)
    if kind == "number":
        if is_word and v <= 1:
            return None  # "one" and "zero" are pronouns far more often than amounts ("no one knew")
        kind, counter = _en_bare(f, start, end, v, num, scale, is_word)
    approx = bool(_EN_APPROX.search(f[: m.start()]))
    q = Quantity(v, kind, unit, start, end, text[start:end], scale=scale, counter=counter, approx=approx)
    if kind == "year":
        q = replace(q, date=(int(v), None, None))
    elif kind == "version":
        q = replace(q, version=num)
    return q


_ISO_AFTER = re.compile(r" ?(?:" + _ISO_RE + r")\b")


def _en_unit(f: str, pos: int, value: Decimal, num: str, scale: str) -> tuple[int, str, str, float] | None:
    for rx, kind, unit, factor in _en_unit_res():
        um = rx.match(f, pos)
        if not um:
            continue
        word = um.group(0).strip(" -").lower()
        if kind == "money" and not unit:
            unit = "CNY" if word == "rmb" else word.upper()
        small = not (scale or "," in num or value >= 100 and value % 1 == 0 and not 1900 <= value <= 2100)
        if unit == "KRW" and word == "won" and small:
            continue  # "who won": won is a currency after amounts, not after small numbers
        if unit == "GBP" and word.startswith("pound") and not scale and value < 1000:
            unit, kind = "lb", "measure"  # five pounds of flour
        if kind == "measure" and not unit:
            unit = _BYTES[word[:4]]
        if kind == "points" and word.startswith("point") and um.group(0)[:1] == "-":
            continue
        return um.end(), kind, unit, factor
    latin = _latin_unit(f, pos)
    if latin is not None:
        end, kind, unit, factor = latin
        if unit == "m" and scale:
            return None
        return end, kind, unit, factor
    return None


# --- Japanese ---------------------------------------------------------------------------

_JA_DIG = r"\d+(?:,\d{3})*(?:\.\d+)?"
_JA_KAN = r"[〇一二三四五六七八九十百千]+"
_JA_GROUP = rf"(?:{_JA_DIG}[千百]?|{_JA_KAN})"
_JA_CORE = re.compile(rf"(?:{_JA_GROUP}[万億兆])+(?:{_JA_GROUP})?|{_JA_GROUP}")
_JA_PARTS = re.compile(rf"(?P<g>{_JA_GROUP})?(?P<m>[万億兆])?")
_KANJI_DIGITS = frozenset("〇一二三四五六七八九十百千")

_JA_CURRENCY: tuple[tuple[str, str], ...] = (
    ("米ドル", "USD"),
    ("USドル", "USD"),
    ("豪ドル", "AUD"),
    ("オーストラリアドル", "AUD"),
    ("オーストラリア・ドル", "AUD"),
    ("カナダドル", "CAD"),
    ("カナダ・ドル", "CAD"),
    ("香港ドル", "HKD"),
    ("NZドル", "NZD"),
    ("ニュージーランドドル", "NZD"),
    ("シンガポールドル", "SGD"),
    ("台湾ドル", "TWD"),
    ("ドル", "USD"),
    ("円", "JPY"),
    ("ユーロ", "EUR"),
    ("英ポンド", "GBP"),
    ("ポンド", "GBP"),
    ("人民元", "CNY"),
    ("元", "CNY"),
    ("ウォン", "KRW"),
    ("ルピー", "INR"),
    ("スイスフラン", "CHF"),
    ("フラン", "CHF"),
    ("レアル", "BRL"),
)
#: Japanese unit words: (suffix, kind, unit, factor). Longest first where one is a prefix of another.
_JA_UNITS: tuple[tuple[str, str, str, float], ...] = (
    ("%ポイント", "points", "", 1),
    ("パーセントポイント", "points", "", 1),
    ("ベーシスポイント", "points", "", 0.01),
    ("ポイント", "points", "", 1),
    ("%", "percent", "", 1),
    ("パーセント", "percent", "", 1),
    ("平方キロメートル", "measure", "km2", 1),
    ("平方キロ", "measure", "km2", 1),
    ("平方メートル", "measure", "m2", 1),
    ("キロメートル", "measure", "km", 1),
    ("キロワット時", "measure", "kWh", 1),
    ("キロワットアワー", "measure", "kWh", 1),
    ("キロワット", "measure", "kW", 1),
    ("キログラム", "measure", "kg", 1),
    ("キロバイト", "measure", "KB", 1),
    ("キロ", "measure", "kilo", 1),
    ("メガワット時", "measure", "MWh", 1),
    ("メガワットアワー", "measure", "MWh", 1),
    ("メガワット", "measure", "MW", 1),
    ("メガバイト", "measure", "MB", 1),
    ("ギガワット時", "measure", "GWh", 1),
    ("ギガワットアワー", "measure", "GWh", 1),
    ("ギガワット", "measure", "GW", 1),
    ("ギガバイト", "measure", "GB", 1),
    ("テラワット時", "measure", "TWh", 1),
    ("テラバイト", "measure", "TB", 1),
    ("ワット", "measure", "W", 1),
    ("センチメートル", "measure", "cm", 1),
    ("センチ", "measure", "cm", 1),
    ("ミリメートル", "measure", "mm", 1),
    ("ミリ秒", "duration", "ms", 1),
    ("ミリ", "measure", "mm", 1),
    ("メートル", "measure", "m", 1),
    ("グラム", "measure", "g", 1),
    ("トン", "measure", "t", 1),
    ("ヘクタール", "measure", "ha", 1),
    ("エーカー", "measure", "acre", 1),
    ("マイル", "measure", "mile", 1),
    ("フィート", "measure", "ft", 1),
    ("インチ", "measure", "in", 1),
    ("ヤード", "measure", "yd", 1),
    ("リットル", "measure", "L", 1),
    ("ノット", "measure", "kn", 1),
    ("ギガヘルツ", "measure", "GHz", 1),
    ("メガヘルツ", "measure", "MHz", 1),
    ("ヘルツ", "measure", "Hz", 1),
    ("℃", "measure", "C", 1),
    ("℉", "measure", "F", 1),
    ("秒間", "duration", "s", 1),
    ("秒", "duration", "s", 1),
    ("分間", "duration", "min", 1),
    ("時間", "duration", "h", 1),
    ("日間", "duration", "day", 1),
    ("週間", "duration", "week", 1),
    ("カ月間", "duration", "month", 1),
    ("カ月", "duration", "month", 1),
    ("ヵ月間", "duration", "month", 1),
    ("ヵ月", "duration", "month", 1),
    ("ヶ月間", "duration", "month", 1),
    ("ヶ月", "duration", "month", 1),
    ("ケ月間", "duration", "month", 1),
    ("ケ月", "duration", "month", 1),
    ("か月間", "duration", "month", 1),
    ("か月", "duration", "month", 1),
    ("箇月", "duration", "month", 1),
    ("年間", "duration", "year", 1),
    ("世紀", "ordinal", "", 1),
)
#: Japanese counters (助数詞), a closed grammatical class; the matcher trusts these for counts
#: that must not appear from nowhere. Any other single kanji after a number is taken as a
#: counter too (see _JA_NOT_COUNTER for the kanji that are not).
JA_COUNTERS = frozenset(
    (
        "人 名 台 回 世帯 戸 店 店舗 社 件 基 機 隻 個 本 枚 頭 匹 羽 校 棟 軒 冊 点 杯 席 室 曲 品 種 種類 "
        "株 票 カ国 か国 ヶ国 ヵ国 カ所 か所 ヶ所 ヵ所 箇所 段階 団体 施設 銘柄 項目 拠点 路線 品目 年代 つ "
        "倍 歳 才 代"
    ).split()
)
#: Longest first, so that 店舗 wins over 店.
_JA_COUNTERS = sorted(JA_COUNTERS, key=len, reverse=True)
_JA_ORDINAL_SUFFIX = tuple("番目 回目 度目 人目 つ目 個目 件目 日目 年目 期目 代目 位 番 号".split())
#: Kanji after a number that qualify it rather than count something: 以上, 未満, 超, 余り, 前後...
_JA_NOT_COUNTER = frozenset("以未超余弱強前後程近等対及並又毎当約各同上下内中間半数分の")
#: The day after a month: 6月4日, or 6月4〜5日 whose 5日 follows.
_JA_DAY = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})(?:日(?!間|目)|(?=\s?[〜~-]\s?\d{1,2}日))")
_JA_VAGUE_AFTER = re.compile(r"[、,・]\s?[一二三四五六七八九\d]")
_JA_VAGUE_BEFORE = re.compile(r"[一二三四五六七八九\d][、,・]\s?$")
_JA_APPROX_BEFORE = re.compile(r"(?:約|およそ|凡そ|概ね|おおむね|ほぼ|推定|推計|大体|だいたい)\s?$")
_JA_APPROX_AFTER = re.compile(r"\s?(?:程度|前後|ほど|くらい|ぐらい|余り|あまり|余|弱|強|近く)")
_JA_NEGATIVE = re.compile(r"(?:マイナス|氷点下|零下|▲|(?<![A-Za-z0-9\-〜~])-)\s?$")
_JA_NUMERAL_CHAR = re.compile(r"[0-9〇一二三四五六七八九十百千半]")
_JA_RANGE = re.compile(r"\s?(?:〜|~|-|から|ないし|ー)\s?")
_JA_HALF = {"半年": (6, "month"), "半日": (0.5, "day"), "半世紀": (50, "year"), "四半世紀": (25, "year")}
_JA_HALF_RE = _Lazy(r"(?<!後|前|上|下)(?:四半世紀|半世紀|半年|半日)|半分|半数")


_KATAKANA_CHARS = frozenset(chr(c) for c in range(0x30A1, 0x30FB))
_COUNTER_RUN = _Lazy(f"[{KANJI}{KATAKANA}]{{1,4}}")
_KATAKANA_COUNTER = _Lazy(f"[{KATAKANA_LETTERS}][{KATAKANA}]+")


@lru_cache(maxsize=1)
def kanjize_module() -> Any:
    """The kanjize package (kanji numeral values), imported on first use."""
    try:
        import kanjize
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ImportError("kanji numerals need: pip install kanjize") from exc
    return kanjize


def _ja_group_value(g: str) -> Decimal | None:
    if g[0] in _KANJI_DIGITS:
        try:
            return Decimal(int(kanjize_module().kanji2number(g)))
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    mult = 1
    if g[-1] in "千百":
        mult = 1000 if g[-1] == "千" else 100
        g = g[:-1]
    d = _dec(g)
    return None if d is None else d * mult


def _ja_value(core: str) -> tuple[Decimal, str] | None:
    """Value and largest multiplier of a numeral: 1兆4600億 -> (1.46e12, "兆")."""
    total = Decimal(0)
    scale = ""
    for m in _JA_PARTS.finditer(core):
        if not m.group(0):
            continue
        g, mul = m.group("g"), m.group("m")
        part = _ja_group_value(g) if g else Decimal(1)
        if part is None:
            return None
        if mul:
            total += part * Decimal(int(_SCALES[mul]))
            scale = scale or mul
        else:
            total += part
    return total, scale


@dataclass(frozen=True)
class _JaTokens:
    #: Offset -> surface of each UniDic numeral (数詞) token.
    numerals: dict[int, str]
    #: Offset -> surface of words that UniDic keeps whole with their counter (一人, 二人).
    whole: dict[int, str]
    #: Offset -> part of speech (pos1) of every token.
    pos1: dict[int, str]


@lru_cache(maxsize=256)
def _ja_tokens(text: str) -> _JaTokens:
    """The UniDic facts numbers need, tokenizing *text* once (only sentences with kanji numerals
    or a kanji after a number get here)."""
    from .tokens import tokenize

    numerals: dict[int, str] = {}
    whole: dict[int, str] = {}
    pos1s: dict[int, str] = {}
    for t in tokenize(text):
        pos1s[t.start] = t.pos1
        if t.pos2 == "数詞":
            numerals[t.start] = t.surface
        elif len(t.surface) == 2 and t.surface[0] in "一二" and t.surface[1] == "人":
            whole[t.start] = t.surface
    return _JaTokens(numerals, whole, pos1s)


_JaStep = Callable[[_Scan], None]


@lru_cache(maxsize=1)
def _era_first_years() -> dict[str, int]:
    """The Western year in which each Japanese era began (明治 1868, 令和 2019), from the era
    calendar of the japanera package (every era since 大化, the Northern and Southern Courts too),
    kept in the cache folder (importing japanera's calendar costs a check 20 ms)."""
    from ..versions import installed_version
    from .stored import stored

    years: dict[str, int] = stored("era-years", installed_version("japanera", "japanera"), _derive_era_years)
    return years


def _derive_era_years() -> dict[str, int]:
    import japanera

    years: dict[str, int] = {}
    for data in (japanera.ERA_DATA_GENERAL, japanera.ERA_DATA_DAIKAKUJI, japanera.ERA_DATA_JIMYOUIN):
        for era in data:
            if era.kanji != "不明":
                years.setdefault(era.kanji, era.since.year)
    return years


@lru_cache(maxsize=1)
def _era_re() -> re.Pattern[str]:
    """An era year before 年, with the Western year the text may give beside it in brackets:
    令和5年, 平成元年, 1895（明治28）年, 明治28（1895）年."""
    eras = "|".join(sorted(_era_first_years(), key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<y>\d{{4}})\s?[（(]\s?)?(?P<era>{eras})\s?(?P<n>元|\d{{1,2}}|[一二三四五六七八九十]+)\s?"
        rf"(?:[)）]\s?|[（(]\s?(?P<y2>\d{{4}})\s?[)）]\s?)?(?=年)"
    )


def _ja_eras(scan: _Scan) -> None:
    """令和5年, 平成元年, 1895（明治28）年7月: an era year, as a Western year (with the month and
    day that follow). Where the text writes the Western year beside it, that is the year."""
    if "年" not in scan.f:
        return
    for m in _era_re().finditer(scan.f):
        written = m.group("y") or m.group("y2")
        n = m.group("n")
        nv = 1 if n == "元" else int(n) if n.isdigit() else _ja_group_value(n)
        if nv is None or not nv:
            continue
        y = int(written) if written else _era_first_years()[m.group("era")] + int(nv) - 1
        kind, _, date, end = _ja_year(scan.f, Decimal(y), m.end())
        if kind not in ("year", "date") or date is None:
            kind, date, end = "year", (y, None, None), m.end() + 1
        scan.put(_date_value(*date) if kind == "date" else float(y), kind, m.start(), end, date=date)


_JA_LABEL = _Lazy(r"(?:背番号|番号|ナンバー|No\.)\s?[「『\"“]?(?P<n>\d+)(?![\d.])")


def _ja_labels(scan: _Scan) -> None:
    """背番号23, 番号5: a number that labels something, read as an ordinal (Number 23)."""
    if "番号" in scan.f or "ナンバー" in scan.f or "No." in scan.f:
        for m in _JA_LABEL.finditer(scan.f):
            scan.put(float(m.group("n")), "ordinal", *m.span("n"))


def _ja_halves(scan: _Scan) -> None:
    """半年, 半世紀 (durations), 半分, 半数 (one half)."""
    if "半" not in scan.f:
        return
    for m in _JA_HALF_RE.finditer(scan.f):
        w = m.group(0)
        if w in _JA_HALF:
            v, u = _JA_HALF[w]
            scan.put(float(v), "duration", *m.span(), unit=u)
        else:
            scan.put(0.5, "number", *m.span(), unit="fraction")


def _ja_kanji_word(scan: _Scan, s: int) -> bool:
    """Whether the kanji numeral at *s* is part of a word (統一, 一般), not a numeral (数詞).

    一人 and 二人 are words of their own to UniDic: they are added here as counts of people.
    """
    tokens = _ja_tokens(scan.text)
    if s in tokens.numerals:
        return False
    if s in tokens.whole:
        people = _ja_group_value(tokens.whole[s][0])
        if people is not None:
            scan.put(float(people), "count", s, s + 2, counter="人")
    return True


def _ja_numbers(scan: _Scan) -> None:
    """Every other number, in digits or kanji, with what surrounds it (_ja_number)."""
    for m in _JA_CORE.finditer(scan.f):
        s = m.start()
        if not scan.free(s, m.end()):
            continue
        core = m.group(0)
        if core[0] in _KANJI_DIGITS and _ja_kanji_word(scan, s):
            continue
        q = _ja_number(scan.f, scan.text, s, m.end(), core)
        if q is not None and scan.free(q.start, q.end):
            scan.add(q)


def ja_quantities(text: str) -> list[Quantity]:
    """Quantities of a Japanese sentence, in text order (see the module docstring)."""
    f = fold(text)
    if not _JA_NUMERAL_CHAR.search(f):
        return []
    scan = _Scan.of(f, text, _DIGIT.search(f) is not None)
    for step in _JA_STEPS:
        step(scan)
    return _merge_durations(_propagate_ranges(scan.sorted(), f, _JA_RANGE), f, text, _JA_DURATION_GAP)


def _ja_year(f: str, value: Decimal, e: int) -> tuple[str, str, _Date | None, int]:
    """After a number followed by 年: a year, a date, a fiscal year, a decade or a number of years."""
    rest = f[e:]
    integral = value == value.to_integral()
    plausible = integral and 1000 <= value <= 2999
    if rest.startswith("年代"):
        return ("year", "", (int(value), None, None), e + 2) if plausible else ("count", "", None, e + 2)
    if rest.startswith(("年間", "年前", "年後", "年ぶり", "年以上", "年以内", "年余")) or not plausible:
        if rest.startswith("年目") or rest.startswith("年生"):
            return "ordinal", "", None, e + 2
        end = e + (2 if rest.startswith("年間") else 1)
        return "duration", "year", None, end
    y = int(value)
    end = e + 1
    if f.startswith("度", end):
        return "year", "", (y, None, None), end + 1
    mm = re.match(r"(\d{1,2})月(?!間)", f[end:])
    if mm and 1 <= int(mm.group(1)) <= 12:
        month = int(mm.group(1))
        end += mm.end()
        dm = re.match(r"(\d{1,2})(?:日(?!間|目)|(?=\s?[〜~-]\s?\d{1,2}日))", f[end:])
        if dm and 1 <= int(dm.group(1)) <= 31:
            end += dm.end()
            return "date", "", (y, month, int(dm.group(1))), end
        if f.startswith("期", end):
            end += 1
        return "date", "", (y, month, None), end
    return "year", "", (y, None, None), end


def _ja_rejected(f: str, s: int, e: int, core: str) -> bool:
    """Digits that are no amount: 007, H100 or COVID-19 pieces, 十分 (enough), 数十万 (vague)."""
    before = f[:s]
    prev = before[-1:] or " "
    if core[0].isdigit():
        if re.match(r"0\d", core):
            return True  # ０００ after a 、 used as a thousands separator, 007: no amount
        if prev.isascii() and (prev.isalnum() or prev in "_./#\\"):
            return True  # H100, v2, 1.2.3 pieces
        if prev == "-" and re.search(r"[A-Za-z][A-Za-z0-9]*-$", before):
            return True  # COVID-19
    if core == "十" and f.startswith("分", e):
        return True  # 十分 is "enough" far more often than ten minutes, and UniDic tags it either way
    return f[e : e + 1] == "数" or before.endswith("数") or before.endswith("何")  # 十数人, 数十万


@dataclass
class _JaReading:
    """What a Japanese number turns out to be, filled in step by step by _ja_number."""

    value: Decimal
    start: int
    end: int
    kind: str = "number"
    unit: str = ""
    counter: str = ""
    date: _Date | None = None
    currency: str = ""
    approx: bool = False
    version: str = ""


def _ja_ordinal(r: _JaReading, rest: str) -> None:
    """第3, 第3四半期: an ordinal with the counter that follows, when it is one."""
    r.kind, r.start = "ordinal", r.start - 1
    cm = _COUNTER_RUN.match(rest)
    counter = cm.group(0) if cm else ""
    r.counter = counter
    r.end += len(counter) if counter in _JA_COUNTERS or len(counter) == 1 else 0


def _ja_fraction(f: str, text: str, r: _JaReading) -> Quantity | None:
    """3分の1: the denominator comes first."""
    den_m = _JA_CORE.match(f, r.end + 2)
    den = _ja_value(den_m.group(0)) if den_m else None
    if den_m is None or den is None or r.value == 0:
        return None
    v = _num(den[0] / r.value)
    end = den_m.end()
    return Quantity(v, "number", "fraction", r.start, end, text[r.start : end], approx=r.approx)


def _ja_month(f: str, r: _JaReading) -> None:
    """6月, 6月4日, 7月期: a month with its day, when one follows."""
    r.kind, r.date, r.end = "date", (None, int(r.value), None), r.end + 1
    dm = _JA_DAY.match(f, r.end)
    if dm:
        day = _ja_group_value(dm.group(1))
        if day is not None and 1 <= day <= 31:
            r.date, r.end = (None, int(r.value), int(day)), dm.end()
    elif f.startswith("期", r.end):
        r.end += 1


def _ja_day(r: _JaReading, kanji_only: bool) -> None:
    """4日: a day of the month, or a number of days (二十日 is read as days too)."""
    if r.value == r.value.to_integral() and 1 <= r.value <= 31 and not kanji_only:
        r.kind, r.date = "date", (None, None, int(r.value))
    else:
        r.kind, r.unit = "duration", "day"
    r.end += 1


#: Counters whose counts compare across the languages as one kind: ages, decades of age.
_JA_COUNT_UNITS = {"歳": "age", "才": "age", "代": "decade"}
_JA_AFTER_LATIN_NAME = _Lazy(r"(?<![A-Za-z0-9_.-])[A-Za-z][A-Za-z0-9]*\s$")


def _ja_counted(f: str, text: str, r: _JaReading, kanji_only: bool, before: str) -> bool:
    """A unit, counter or currency after the number (_ja_suffix); False when it is no quantity."""
    rest = f[r.end :]
    e = r.end
    hit = _ja_suffix(f, text, e, kanji_only, before)
    if hit is None:
        if r.currency:
            r.kind, r.unit = "money", r.currency
        elif rest[:1].isascii() and rest[:1].isalpha():
            return False  # 5G, 3D
        elif kanji_only:
            return False  # a kanji numeral counts only with a counter or unit: 一つ, 三人
        elif _JA_AFTER_LATIN_NAME.search(before):
            r.kind, r.version = "version", f[r.start : r.end]  # iOS 17, Python 3.12
        return True
    r.end, r.kind, r.unit, r.counter, factor = hit
    r.unit = r.unit or _JA_COUNT_UNITS.get(r.counter, "")
    if r.unit == "decade" and not (r.value % 10 == 0 and 10 <= r.value <= 120):
        r.unit = ""  # 40代 is an age; 5代 is a fifth generation
    if r.kind == "money" and r.currency and r.unit != r.currency:
        r.unit = r.currency
    r.value *= Decimal(str(factor))
    if r.currency and r.kind != "money":
        r.kind, r.unit, r.counter, r.end = "money", r.currency, "", e
    return True


def _month_number(value: Decimal) -> bool:
    return value == value.to_integral() and 1 <= value <= 12


def _ja_read_after(f: str, text: str, r: _JaReading, kanji_only: bool, before: str) -> Quantity | None | bool:
    """Read what follows the number into *r*: True when done, False when no quantity, or a
    finished Quantity (a fraction)."""
    rest = f[r.end :]
    if before.endswith("第"):
        _ja_ordinal(r, rest)
        return not r.counter.startswith("者")  # 第三者 is "a third party", not a third of anything
    elif rest.startswith("分の"):
        return _ja_fraction(f, text, r) or False
    elif re.match(r"時(?!間|点|代|期|刻|速)", rest) or re.search(r"午[前後]\s?$", before):
        return False  # time of day
    elif rest.startswith("年") and not r.currency:
        r.kind, r.unit, r.date, r.end = _ja_year(f, r.value, r.end)
        return r.kind != ""
    elif (
        re.match(r"月(?!間)", rest)
        and r.value == r.value.to_integral()
        and 1 <= r.value <= 12
        and not r.currency
    ):
        _ja_month(f, r)
    elif re.match(r"日(?!間|目)", rest) and not r.currency:
        _ja_day(r, kanji_only)
    else:
        return _ja_counted(f, text, r, kanji_only, before)
    return True


def _ja_finish(f: str, text: str, r: _JaReading, before: str, scale: str) -> Quantity:
    """Sign, estimates and a trailing 半 (1年半), then the Quantity."""
    neg = _JA_NEGATIVE.search(before)
    if neg and r.kind in ("number", "measure", "percent", "points", "money"):
        r.value = -r.value
        r.start = min(r.start, neg.start())
    if neg and neg.group(0).startswith(("氷点下", "零下")) and r.kind == "measure" and r.unit == "deg":
        r.unit = "C"
    if _JA_APPROX_AFTER.match(f, r.end):
        r.approx = True
    if r.kind == "duration" and f.startswith("半", r.end):
        r.value += Decimal("0.5")  # 1年半, 2時間半
        r.end += 1
    v = _date_value(*r.date) if r.kind == "date" and r.date is not None else _num(r.value)
    s, e = r.start, r.end
    return Quantity(
        v,
        r.kind,
        r.unit,
        s,
        e,
        text[s:e],
        scale=scale,
        counter=r.counter,
        approx=r.approx,
        date=r.date,
        version=r.version,
    )


def _ja_number(f: str, text: str, s: int, e: int, core: str) -> Quantity | None:
    """One Japanese number at f[s:e] with what surrounds it: sign, currency, unit, counter, date."""
    if _ja_rejected(f, s, e, core):
        return None
    parsed = _ja_value(core.replace(",", ""))
    if parsed is None:
        return None
    value, scale = parsed
    before = f[:s]
    # 二、三週間 is "a few weeks": both numbers are estimates.
    vague = _JA_VAGUE_AFTER.match(f, e) or _JA_VAGUE_BEFORE.search(before)
    approx = bool(_JA_APPROX_BEFORE.search(before)) or bool(vague and len(core) == 1)
    # Currency sign before the number: A$2億, ¥3000.
    sign = re.search(rf"(?:{_CURRENCY_SIGN_RE})\s?$", before)
    currency = _CURRENCY_SIGN.get(sign.group(0).strip(), "") if sign else ""
    r = _JaReading(value, sign.start() if sign else s, e, currency=currency, approx=approx)
    done = _ja_read_after(f, text, r, core[0] in _KANJI_DIGITS, before)
    if done is False:
        return None
    if isinstance(done, Quantity):
        return done
    return _ja_finish(f, text, r, before, scale)


_Suffix = tuple[int, str, str, str, float]


def _ordinal_me(rest: str) -> bool:
    """*rest* starts with 目 after a kanji or つ (三回目, 一つ目): tested by character, not by a
    regex whose kanji class took 1.6 ms to compile at every start."""
    return rest[1:2] == "目" and (rest[0] == "つ" or is_kanji(rest[0]))


def _ja_word_suffix(rest: str, e: int, kanji_only: bool, before: str) -> _Suffix | None:
    """Currencies, ordinal suffixes (番目, 位), 割, 倍, 度, 分, 週 after a number."""
    for word, code in _JA_CURRENCY:
        if rest.startswith(word):
            return e + len(word), "money", code, "", 1
    cm = _ja_currency_word_re().match(rest) if rest[:1] in _KATAKANA_CHARS else None
    if cm:
        return e + cm.end(), "money", _money_unit(ja_currency_words()[cm.group(0)], cm.group(0)), "", 1
    for word in _JA_ORDINAL_SUFFIX:
        if rest.startswith(word):
            return e + len(word), "ordinal", "", word, 1
    if _ordinal_me(rest) and rest[0] not in _JA_NOT_COUNTER:
        return e + 2, "ordinal", "", rest[:2], 1  # 2枚目, 3社目: the second sheet, the third company
    if rest.startswith("割"):
        return e + 1, "percent", "", "", 10  # 3割 = 30%
    if rest.startswith("倍"):
        return e + 1, "count", "", "倍", 1
    if rest.startswith("度") and not kanji_only:
        unit = "C" if re.search(r"(?:摂氏|気温|最高|最低)\s?(?:マイナス)?\s?$", before) else "deg"
        unit = "F" if before.endswith("華氏") else unit
        return e + 1, "measure", unit, "", 1
    if re.match(r"分(?!の)", rest):
        return e + (2 if rest.startswith("分間") else 1), "duration", "min", "", 1
    if rest.startswith("週"):
        return e + (2 if rest.startswith("週間") else 1), "duration", "week", "", 1
    return None


def _ja_unit_suffix(f: str, e: int, before: str) -> _Suffix | None:
    """A unit word (キロメートル, ポイント, カ月) or a Latin unit symbol (km, MWh) after a number."""
    rest = f[e:]
    for word, kind, unit, factor in _JA_UNITS:
        if rest.startswith(word):
            if unit == "kilo" and before.endswith("時速"):
                unit = "km/h"
            return e + len(word), kind, unit, "", factor
    latin = _latin_unit(f, e)
    if latin is not None:
        end, kind, unit, factor = latin
        return end, kind, unit, "", factor
    return None


def _ja_counter_suffix(text: str, rest: str, e: int) -> _Suffix | None:
    """A counter (助数詞) after a number: a known one, any kanji noun, or a katakana word."""
    for word in _JA_COUNTERS:
        if rest.startswith(word):
            return e + len(word), "count", "", word, 1
    ch = rest[:1]
    if ch and is_kanji(ch) and ch not in _JA_NOT_COUNTER:
        # Any other kanji is a counter when UniDic reads it as a noun or suffix: 5社, 3校 —
        # not the verb of 1掛ける or 2乗じる.
        if _ja_tokens(text).pos1.get(e, "名詞") in ("名詞", "接尾辞"):
            return e + 1, "count", "", ch, 1
    kata = _KATAKANA_COUNTER.match(rest)
    if kata:
        return kata.end() + e, "count", "", kata.group(0), 1
    return None


def _ja_suffix(f: str, text: str, e: int, kanji_only: bool, before: str) -> _Suffix | None:
    """What follows a Japanese number: (end, kind, unit, counter, factor), or None for a bare number."""
    rest = f[e:]
    return (
        _ja_word_suffix(rest, e, kanji_only, before)
        or _ja_unit_suffix(f, e, before)
        or _ja_counter_suffix(text, rest, e)
    )


# --- forms read the same way in both languages ------------------------------------------

#: Times of day: 11:00, 11am, 11.30 p.m., 11 o'clock (in either language's text).
_CLOCK_RE = re.compile(
    r"(?<![\d.:])(?P<h>\d{1,2})(?::(?P<m>\d{2}))(?::\d{2})?(?:\s?(?P<ap>[ap]\.m\.|[ap]m\b))?(?![\d.:]?\d)"
    r"|(?<![\d.:])(?P<h2>\d{1,2})(?:\.(?P<m2>\d{2}))?\s?(?P<ap2>[ap]\.m\.|[ap]m\b)"
    r"|(?<![\d.:])(?P<h3>\d{1,2})\s?o'clock\b",
    re.IGNORECASE,
)
_JA_CLOCK_RE = _Lazy(
    r"(?P<ap>午前|午後)?\s?(?P<h>\d{1,2}|[〇一二三四五六七八九十]{1,3})時"
    r"(?:(?P<m>\d{1,2})分|(?P<half>半))?(?!間|点|代|期|刻|速|台)"
)
#: A 12-hour clock time whose half of the day is not written ("11:00", 11時): unit "12h".
HALF_DAY = 720


def _clock_quantity(scan: _Scan, s: int, e: int, hour: int, minute: int, pm: bool | None) -> None:
    """A time of day in minutes after midnight; unit "12h" when a.m. or p.m. is not known."""
    if not (0 <= hour <= 24 and 0 <= minute < 60) or pm is not None and not 1 <= hour <= 12:
        return
    unit = ""
    if pm is not None:
        hour = hour % 12 + (12 if pm else 0)
    elif 1 <= hour <= 12:
        unit = "12h"
    scan.put(float(hour * 60 + minute), "time", s, e, unit=unit)


def _times(scan: _Scan) -> None:
    """Times of day written with a colon, a.m./p.m. or o'clock, in either language."""
    f = scan.f
    if ":" not in f and "m" not in f.lower() and "o'clock" not in f.lower():
        return
    for m in _CLOCK_RE.finditer(f):
        h = m.group("h") or m.group("h2") or m.group("h3")
        minute = m.group("m") or m.group("m2") or "0"
        ap = (m.group("ap") or m.group("ap2") or "").lower()
        _clock_quantity(scan, *m.span(), int(h), int(minute), ap.startswith("p") if ap else None)


def _ja_times(scan: _Scan) -> None:
    """午前11時, 11時半, 23時15分: times of day."""
    if "時" not in scan.f:
        return
    for m in _JA_CLOCK_RE.finditer(scan.f):
        h = m.group("h")
        hour = int(h) if h.isdigit() else _ja_group_value(h)
        if hour is None or h[0] in _KANJI_DIGITS and not m.group("ap"):
            continue  # 一時 is "for a while" far more often than one o'clock
        minute = 30 if m.group("half") else int(m.group("m") or 0)
        ap = m.group("ap")
        _clock_quantity(scan, *m.span(), int(hour), minute, None if not ap else ap == "午後")


#: Scores and tallies: "won 24-0", 24対0; "42 out of 50", 50点中42点 (part first).
_SCORE_CONTEXT = re.compile(
    r"\b(?:won|wins?|winning|beat|beats|beaten|lost|lose|loses|losing|defeat(?:ed|s)?|victory|draw|drew"
    r"|tied?|scored?|scores|lead|led|trail(?:ed|s)?|vote[ds]?|voting|margin|final|match|game)\b",
    re.IGNORECASE,
)
_EN_SCORE = re.compile(
    r"(?<![\w.,$-])(?P<a>\d{1,3})(?:\s?-\s?|\s(?P<to>to)\s)(?P<b>\d{1,3})(?![\w%]|[.,]\d|\s?-\s?\d)"
)
_OUT_OF_NUM = rf"\d+(?:\.\d+)?|(?:{_EN_NUMWORD})(?:-(?:{_EN_NUMWORD}))?"
#: "42 out of 50", "eight out of 10", "one out of five": the part first.
_EN_OUT_OF = _Lazy(rf"(?<![\w.,])(?P<a>{_OUT_OF_NUM})\sout\sof\s(?P<b>{_OUT_OF_NUM})\b", re.IGNORECASE)
_JA_SCORE = re.compile(r"(?<![\d.])(?P<a>\d{1,3})\s?(?:対|-)\s?(?P<b>\d{1,3})(?![\d.%])")
_JA_SCORE_CONTEXT = re.compile(r"勝|敗|引き分け|スコア|得点|票|試合|対戦|下し|破")
_JA_OUT_OF = re.compile(
    r"(?<![\d.])(?P<b>\d+(?:\.\d+)?)(?P<c>[点人問票回件個本社校名つ]?)(?:中|のうち)\s?(?P<a>\d+(?:\.\d+)?)(?P=c)"
)


def _pair_quantity(scan: _Scan, s: int, e: int, a: str, b: str) -> None:
    va, vb = (float(x) if x[0].isdigit() else _word_value(x) for x in (a, b))
    if va is not None and vb is not None:
        scan.put(float(va), "score", s, e, version=f"{float(va):g}-{float(vb):g}")


def _en_scores(scan: _Scan, words: set[str], digits: bool) -> None:
    """24-0 after "won" or "beat" (or any 24-0 that falls: no range runs down), and 42 out of 50."""
    if not digits and "out" not in words:
        return
    f = scan.f
    context = _SCORE_CONTEXT.search(f) is not None
    for m in _EN_SCORE.finditer(f) if "-" in f or "to" in words else ():
        # "21 to 20" is a score only where the sentence talks of one ("2 to 4 weeks" is a range).
        if context or int(m.group("a")) > int(m.group("b")) and not m.group("to"):
            _pair_quantity(scan, *m.span(), m.group("a"), m.group("b"))
    for m in _EN_OUT_OF.finditer(f) if "out" in words else ():
        _pair_quantity(scan, *m.span(), m.group("a"), m.group("b"))


def _ja_scores(scan: _Scan) -> None:
    """24対0, 3-1で勝利, 50点中42点, 10人のうち9人."""
    f = scan.f
    if "対" in f or "-" in f:
        context = _JA_SCORE_CONTEXT.search(f) is not None
        for m in _JA_SCORE.finditer(f):
            if "対" in m.group(0) or context or int(m.group("a")) > int(m.group("b")):
                _pair_quantity(scan, *m.span(), m.group("a"), m.group("b"))
    if "中" in f or "のうち" in f:
        for m in _JA_OUT_OF.finditer(f):
            _pair_quantity(scan, *m.span(), m.group("a"), m.group("b"))


_EN_MAGNITUDE = re.compile(
    r"\bmagnitude[\s-]?(?:of\s)?(?P<n>\d+(?:\.\d+)?)|(?<![\w.])(?P<n2>\d+(?:\.\d+)?)[\s-]magnitude\b"
    r"|\bM(?P<n3>\d\.\d)\b",
    re.IGNORECASE,
)
_JA_MAGNITUDE = re.compile(r"マグニチュード\s?(?P<n>\d+(?:\.\d+)?)|(?<![A-Za-z])M(?P<n2>\d\.\d)(?![\d.])")


#: A fraction written with a slash: 1/2, 4/4 (a time signature), 3/4 (not a date yyyy/m/d).
_SLASH_FRACTION = _Lazy(r"(?<![A-Za-z0-9_./:-])(?P<a>\d{1,4})/(?P<b>\d{1,4})(?![A-Za-z0-9_/]|[.,]\d)")


def _slash_fractions(scan: _Scan) -> None:
    """1/2, 4/4: a fraction, in either language (both numbers are written values)."""
    if "/" not in scan.f:
        return
    for m in _SLASH_FRACTION.finditer(scan.f):
        b = int(m.group("b"))
        if b:
            scan.put(int(m.group("a")) / b, "number", *m.span(), unit="fraction")


_JA_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<y>\d{4})([/.-])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d.])")


def _ja_numeric_dates(scan: _Scan) -> None:
    """2024/5/3, 2024-05-03, 2024.5.3: a date written in digits alone."""
    if not ("/" in scan.f or "-" in scan.f or "." in scan.f):
        return
    for m in _JA_NUMERIC_DATE.finditer(scan.f):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            scan.put(_date_value(y, mo, d), "date", *m.span(), date=(y, mo, d))


#: Numbers that mark a list item or a reference: "1. ", "(2) ", 3）at the start, [4] anywhere.
_MARKER = re.compile(
    r"^\s*(?:[(（]\s?(?P<a>\d{1,2})\s?[)）]|(?P<b>\d{1,2})[.．)）](?=\s|$|[^\d.,]))|\[(?P<c>\d{1,3})\]"
)
_CIRCLED = re.compile("[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")


def _markers(scan: _Scan) -> None:
    """List item and reference markers (1. , (2), ③, [4]): labels, read as ordinals."""
    for m in _MARKER.finditer(scan.f) if "[" in scan.f or scan.f.lstrip()[:1] in "(（0123456789" else ():
        g = next(x for x in ("a", "b", "c") if m.group(x))
        scan.put(float(m.group(g)), "ordinal", *m.span(g))
    for m in _CIRCLED.finditer(scan.text):
        scan.put(float(unicodedata.normalize("NFKC", m.group(0))), "ordinal", *m.span())


def _en_markers(scan: _Scan, words: set[str], digits: bool) -> None:
    if digits:
        _markers(scan)


def _en_slash_fractions(scan: _Scan, words: set[str], digits: bool) -> None:
    if digits:
        _slash_fractions(scan)


def _en_magnitudes(scan: _Scan, words: set[str], digits: bool) -> None:
    """Earthquake magnitudes: magnitude 7.5, a 7.5-magnitude quake, M7.5."""
    if not digits or "magnitude" not in words and "M" not in scan.f:
        return
    for m in _EN_MAGNITUDE.finditer(scan.f):
        n = m.group("n") or m.group("n2") or m.group("n3")
        scan.put(float(n), "measure", *m.span(), unit="magnitude")


def _ja_magnitudes(scan: _Scan) -> None:
    if "マグニチュード" not in scan.f and "M" not in scan.f:
        return
    for m in _JA_MAGNITUDE.finditer(scan.f):
        scan.put(float(m.group("n") or m.group("n2")), "measure", *m.span(), unit="magnitude")


#: Ages: "Brell (27)", "aged 27"; （27）after a Japanese name. Counts with unit "age".
_EN_AGE_FORMS = re.compile(
    r"(?<=[A-Za-z]) \((?P<n>\d{1,3})\)|\baged\s(?P<n2>\d{1,3})\b"
    # "Toshimi Arden, 85, was found": a name, then the age between commas.
    r"|(?<=[A-Z][a-z][a-z]), (?P<n3>\d{1,3}),|(?<=[a-z][a-z][a-z]), (?P<n4>\d{1,3}),"
)
_JA_AGE_FORMS = re.compile(rf"(?<=[{KANJI}{KATAKANA}ぁ-んA-Za-z])[（(](?P<n>\d{{1,3}})[)）]")
#: Decades of age: "in their 40s", "her forties" (unit "decade"); 40代 in Japanese.
_EN_AGE_DECADE = re.compile(
    r"\b(?:their|his|her|my|your|our|its)\s(?:early\s|mid-?\s?|late\s)?"
    r"(?:(?P<n>[1-9]0)'?s\b|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
    re.IGNORECASE,
)
_DECADE_WORDS = {
    w + "ies": 10 * (i + 2) for i, w in enumerate("twent thirt fort fift sixt sevent eight ninet".split())
}


def _after_name(f: str, pos: int) -> bool:
    """Whether the word before ", 85," is capitalised (a name), not the end of a clause."""
    m = re.search(r"([A-Za-z]+), $", f[:pos])
    return m is not None and m.group(1)[0].isupper()


def _en_ages(scan: _Scan, words: set[str], digits: bool) -> None:
    """Ages in brackets or after "aged", and decades of age ("in their 40s")."""
    f = scan.f
    if digits and ("(" in f or "," in f or "aged" in words):
        for m in _EN_AGE_FORMS.finditer(f):
            if m.group("n4") and not _after_name(f, m.start("n4")):
                continue
            n = int(m.group("n") or m.group("n2") or m.group("n3") or m.group("n4"))
            if 1 <= n <= 120:
                group = next((g for g in ("n3", "n4", "n") if m.group(g)), "")
                span = m.span(group) if group else m.span()
                scan.put(float(n), "count", *span, unit="age", counter="years old")
    if words & {"their", "his", "her", "my", "your", "our", "its"}:
        for m in _EN_AGE_DECADE.finditer(f):
            n = int(m.group("n")) if m.group("n") else _DECADE_WORDS[m.group("w").lower()]
            span = m.span("n") if m.group("n") else m.span("w")
            scan.put(float(n), "count", span[0], m.end(), unit="decade", counter="s")


def _ja_ages(scan: _Scan) -> None:
    """（27）right after a name: an age."""
    if "（" not in scan.f and "(" not in scan.f:
        return
    for m in _JA_AGE_FORMS.finditer(scan.f):
        n = int(m.group("n"))
        if 1 <= n <= 120:
            scan.put(float(n), "count", *m.span(), unit="age", counter="歳")


# --- currencies written with letters (CLDR) ------------------------------------------------


@lru_cache(maxsize=1)
def letter_currencies() -> dict[str, tuple[str, ...]]:
    """Letter symbols of currencies as English text writes them, with the ISO codes each may mean:
    RM (MYR), Ksh (KES), R (ZAR or INR), N (NGN).

    From CLDR (Babel): the symbols of the English locales that are letters (RM, Rs, Rp, R, P), and
    for a currency whose symbol is a sign named after its unit (₦ NAIRA SIGN, ₱ PESO SIGN), the
    unit's initial, which plain text writes instead of the sign. Reading every English locale
    takes longer than a check of an article, so the table is kept in the cache folder.
    """
    from ..versions import installed_version
    from .stored import stored

    table = stored(
        "letter-currencies",
        installed_version("babel", "babel"),
        _derive_letter_currencies,
        (_letter_forms, _ISO_CURRENCIES),
    )
    return {s: tuple(codes) for s, codes in table.items()}


def _derive_letter_currencies() -> dict[str, list[str]]:
    from babel import Locale, localedata

    names = Locale.parse("en").currencies
    symbols: dict[str, set[str]] = {}
    for loc in localedata.locale_identifiers():
        if loc == "en" or loc.startswith("en_"):
            for code, sym in Locale.parse(loc).currency_symbols.items():
                if code == "XXX":
                    continue  # "no currency"
                for letters in _letter_forms(code, sym, names.get(code, "")):
                    symbols.setdefault(letters, set()).add(code)
    return {s: sorted(codes) for s, codes in sorted(symbols.items())}


@lru_cache(maxsize=1)
def ja_currency_words() -> dict[str, tuple[str, ...]]:
    """Japanese currency unit words from CLDR's Japanese currency names (ナイジェリア ナイラ ->
    ナイラ), with the ISO codes each may mean; words of three kana or more, so that no short word
    (ドン, ソル) is read as money."""
    from babel import Locale

    words: dict[str, set[str]] = {}
    for code, name in Locale.parse("ja").currencies.items():
        word = name.split()[-1]
        if len(word) >= 3 and re.fullmatch(f"[{KATAKANA}]+", word):
            words.setdefault(word, set()).add(code)
    return {w: tuple(sorted(codes)) for w, codes in sorted(words.items())}


def currency_codes(unit: str) -> tuple[str, ...]:
    """The ISO codes a money unit may mean: itself for a code, several for Rs or ルピー."""
    if re.fullmatch("[A-Z]{3}", unit):
        return (unit,)
    return letter_currencies().get(unit) or ja_currency_words().get(unit) or (unit,)


def same_currency(a: str, b: str) -> bool:
    """Whether two money units can name one currency: equal codes, or a symbol or word that may
    mean several (Rs, ルピー) against one of them or another of the same unit (any rupee)."""
    ca, cb = currency_codes(a), currency_codes(b)
    if set(ca) & set(cb):
        return True
    if len(ca) == 1 and len(cb) == 1:
        return False
    from babel import Locale

    names = Locale.parse("en").currencies
    words_a = {names.get(c, c).split()[-1].lower() for c in ca}
    return bool(words_a & {names.get(c, c).split()[-1].lower() for c in cb})


def _money_unit(codes: tuple[str, ...], written: str) -> str:
    """The unit of an amount: its ISO code when the symbol or word names one currency."""
    return codes[0] if len(codes) == 1 else written


@lru_cache(maxsize=1)
def _ja_currency_word_re() -> re.Pattern[str]:
    known = {word for word, _ in _JA_CURRENCY}
    words = sorted((w for w in ja_currency_words() if w not in known), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _letter_forms(code: str, sym: str, name: str) -> list[str]:
    if re.fullmatch(r"[A-Z][A-Za-z]{0,3}\.?", sym) and sym != code and sym.rstrip(".") not in _ISO_CURRENCIES:
        return [sym.rstrip(".")]
    if len(sym) == 1 and unicodedata.category(sym) == "Sc" and name:
        sign = unicodedata.name(sym, "").split()
        unit = name.split()[-1].upper()
        if len(sign) >= 2 and sign[-1] == "SIGN" and sign[-2] == unit and unit[0] != "D":
            return [unit[0]]  # ₦ NAIRA SIGN -> N (not D for ₫: "D" is too often a grade or a model)
    return []


@lru_cache(maxsize=1)
def _letter_currency_re() -> re.Pattern[str]:
    """A letter currency symbol before an amount: RM50, Rs 500, R1.2bn, N585."""
    syms = sorted(letter_currencies(), key=len, reverse=True)
    return re.compile(rf"(?<![A-Za-z0-9_$.-])(?P<sym>{'|'.join(map(re.escape, syms))})\.?\s?(?=\d)")


@lru_cache(maxsize=1)
def _currency_names() -> dict[str, tuple[str, str]]:
    """The unit word of a letter-symbol currency's CLDR name in English and in Japanese: (naira, ナイラ)."""
    from babel import Locale

    en, ja = Locale.parse("en").currencies, Locale.parse("ja").currencies
    return {
        code: (en.get(code, " ").split()[-1].lower(), ja.get(code, " ").split()[-1])
        for codes in letter_currencies().values()
        for code in codes
    }


def _letter_money_ok(sym: str, amount: str, after: str, sentence: str) -> bool:
    """A one-letter symbol (R, N, P) is money only with a scale, cents or thousands, or when the
    sentence names the currency ("N585, or about $1, in naira"): N95 masks and R2 are not money."""
    if len(sym) > 1:
        return True
    if "," in amount or re.search(r"\.\d{2}$", amount) or _EN_SCALE.match(after):
        return True
    for code in letter_currencies()[sym]:
        en_unit, ja_unit = _currency_names().get(code, ("", ""))
        if en_unit and re.search(rf"\b{re.escape(en_unit)}s?\b", sentence, re.IGNORECASE):
            return True
        if ja_unit and ja_unit in sentence:
            return True
    return False


def _letter_money(scan: _Scan, words: set[str], digits: bool) -> None:
    """Amounts after a letter currency symbol (letter_currencies), with their scale."""
    if not digits:
        return
    f = scan.f
    for m in _letter_currency_re().finditer(f):
        num = _EN_DIGITS_START.match(f, m.end())
        if num is None:
            continue
        sym = m.group("sym")
        code = _money_unit(letter_currencies()[sym], sym)
        scale, factor, end = _en_scale(f, num.end(), False, code)
        if end < len(f) and (f[end].isalnum() or f[end] == "_"):
            continue  # N95s, R2D2
        if not _letter_money_ok(sym, num.group(0), f[num.end() :], f + " " + scan.context):
            continue
        value = _dec(num.group(0))
        if value is not None:
            scan.put(_num(value * factor), "money", m.start(), end, unit=code, scale=scale)


_EN_DIGITS_START = _Lazy(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def is_quantity_token(token: str, context: str = "") -> bool:
    """Whether a Latin token is an amount or a quantity this grammar reads (RM50, Rs500, $5bn,
    38C, 5km), so that it is not taken for an identifier.

    A one-letter currency symbol (N585, R250) is money with a scale, cents or thousands, or when
    *context* names its currency: pass the token's sentence, or the bead's two sides (naira, ナイラ).
    """
    found = en_quantities(token + " " + context if context else token)
    return any(q.start == 0 and q.end >= len(token.rstrip(".,;:")) for q in found)


#: "zero" and "one", which the English grammar leaves unread (no one, one of them).
_LOOSE_WORDS = re.compile(
    r"\b(?:zero|one|once|twos|threes|fours|fives|sixes|sevens|eights|nines|tens|twenties|thirties"
    r"|forties|fifties|sixties|seventies|eighties|nineties)\b",
    re.IGNORECASE,
)
#: Plural numerals ("in threes", "twenties" for $20 notes) and "once", as values.
_LOOSE_WORD_VALUE = {
    **{w + "s": v for w, v in _EN_WORD_VALUE.items() if 2 <= v <= 10 and not w.endswith(("x", "y"))},
    "sixes": 6,
    "once": 1,
    **{w[:-1] + "ies": v for w, v in _EN_WORD_VALUE.items() if v >= 20},
}
_LOOSE_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\d.])\.\d+")


def loose_numbers(text: str, found: Sequence[Quantity]) -> list[Quantity]:
    """The digit runs of *text* that none of its quantities *found* covers: digits inside a code
    or a name (theta1, H100, COVID-19, シータ1), after a slash (4/4), with a leading zero (007);
    and in English the words en_quantities leaves unread: "zero", "one", "once", plural numerals
    ("in threes", "twenties" for $20 notes).

    Each is a bare ``number`` with unit "code": it accounts for a value that the other language
    writes (align.phrases.values), and is never reported on its own. Digits of URLs, e-mail
    addresses, IP addresses and telephone numbers are none.
    """
    f = fold(text)
    taken = [(q.start, q.end) for q in found]
    for rx in (_URL_RE, _IP_RE, _PHONE_RE):
        taken.extend(m.span() for m in rx.finditer(f))
    out = []
    for m in _LOOSE_WORDS.finditer(f):
        if not _overlaps(*m.span(), taken):
            word = m.group(0)
            value = float(_LOOSE_WORD_VALUE.get(word.lower(), _EN_WORD_VALUE.get(word.lower(), 0)))
            out.append(Quantity(value, "number", "code", *m.span(), word))
    for m in _LOOSE_DIGITS.finditer(f):
        s, e = m.span()
        amount = _dec(m.group(0))
        if amount is not None and not _overlaps(s, e, taken):
            out.append(Quantity(_num(amount), "number", "code", s, e, text[s:e]))
    return out


def _en_times(scan: _Scan, words: set[str], digits: bool) -> None:
    if digits:
        _times(scan)


#: The scans of an English sentence, most specific first: a span taken is not read again.
_EN_STEPS: tuple[_EnStep, ...] = (
    _en_times,
    _en_dates,
    _en_scores,
    _en_magnitudes,
    _en_markers,
    _en_slash_fractions,
    _en_ages,
    _letter_money,
    _en_fiscal,
    _en_quarters,
    _en_labels,
    _en_fractions,  # "a third of" before the ordinal "third"
    _en_ordinals,
    _en_multiples,
    _en_a_units,
    _en_numbers,
)


#: The scans of a Japanese sentence, most specific first: a span taken is not read again.
_JA_STEPS: tuple[_JaStep, ...] = (
    _times,
    _ja_times,
    _ja_eras,
    _ja_numeric_dates,
    _ja_scores,
    _ja_magnitudes,
    _markers,
    _slash_fractions,
    _ja_ages,
    _ja_labels,
    _ja_halves,
    _ja_numbers,
)


# --- dimensions, and the keys the aligner matches ---------------------------------------

#: Measure units: dimension and factor to the dimension's base unit. "kilo" (bare キロ) is
#: km or kg; "deg" (bare 度) is taken as °C.
MEASURE_UNITS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000),
    "m": ("length", 1),
    "cm": ("length", 0.01),
    "mm": ("length", 0.001),
    "mile": ("length", 1609.344),
    "ft": ("length", 0.3048),
    "in": ("length", 0.0254),
    "yd": ("length", 0.9144),
    "km2": ("area", 1e6),
    "m2": ("area", 1),
    "ha": ("area", 1e4),
    "acre": ("area", 4046.8564),
    "kg": ("mass", 1000),
    "g": ("mass", 1),
    "t": ("mass", 1e6),
    "lb": ("mass", 453.59237),
    "W": ("power", 1),
    "kW": ("power", 1e3),
    "MW": ("power", 1e6),
    "GW": ("power", 1e9),
    "kWh": ("energy", 1e3),
    "MWh": ("energy", 1e6),
    "GWh": ("energy", 1e9),
    "TWh": ("energy", 1e12),
    "KB": ("data", 1e3),
    "MB": ("data", 1e6),
    "GB": ("data", 1e9),
    "TB": ("data", 1e12),
    "Hz": ("frequency", 1),
    "kHz": ("frequency", 1e3),
    "MHz": ("frequency", 1e6),
    "GHz": ("frequency", 1e9),
    "km/h": ("speed", 1),
    "mph": ("speed", 1.609344),
    "kn": ("speed", 1.852),
    "L": ("volume", 1),
    "C": ("temperature", 1),
    "F": ("temperature", 1),
    "deg": ("temperature", 1),
}
#: Units that translators convert into (miles -> km): compared within 3 %.
IMPERIAL = frozenset({"mile", "ft", "in", "yd", "acre", "lb", "mph", "F", "kn"})
_CLOCK = {"ms": 0.001, "s": 1, "min": 60, "h": 3600, "day": 86400, "week": 604800}
_CALENDAR = {"month": 1, "year": 12}


def measure_bases(q: Quantity) -> list[tuple[str, float]]:
    """(dimension, value in its base unit) readings of a measure; two for ambiguous キロ."""
    if q.unit == "kilo":
        return [("length", q.value * 1000), ("mass", q.value * 1000)]
    dim = MEASURE_UNITS.get(q.unit)
    if dim is None:
        return []
    if q.unit == "F":
        return [(dim[0], (q.value - 32) * 5 / 9)]
    return [(dim[0], q.value * dim[1])]


def duration_base(q: Quantity) -> tuple[str, float] | None:
    """("clock", seconds) or ("calendar", months) of a duration, None for another kind."""
    if q.unit in _CLOCK:
        return "clock", q.value * _CLOCK[q.unit]
    if q.unit in _CALENDAR:
        return "calendar", q.value * _CALENDAR[q.unit]
    return None


def written_values(q: Quantity) -> tuple[float, ...]:
    """The numbers a quantity writes: a date's parts (3〜5月期 for "three months to May"), else its value."""
    if q.date is not None:
        return tuple(float(p) for p in q.date if p is not None)
    return (q.value,)


_WRITTEN_NUMBER = re.compile(
    rf"[0-9０-９〇一二三四五六七八九十百千万億兆]|\b(?:{_EN_NUMWORD})\b", re.IGNORECASE
)


def written_number(text: str) -> bool:
    """Whether a quantity's text writes its number (digits, kanji numerals, number words), not
    only implies it ("a week", "doubled", 半年)."""
    return _WRITTEN_NUMBER.search(text) is not None


_written_number = written_number


def _key(value: float) -> str:
    return f"#{value:.6g}"


def number_keys(q: Quantity) -> tuple[tuple[str, ...], ...]:
    """The aligner's evidence for a quantity: groups of keys, one group per fact it states.

    A group holds the readings of one fact: its value as written (scale applied: $1.5bn and
    15億ドル are both 1.5e9) and, for a measure or a duration in another unit, its value in the
    dimension's base unit (90 minutes and 1時間半 share 5400 s). A date states one fact per
    part written (2025年6月 and "June 2025"). The rules pair the same quantities
    (align.phrases.numbers), so two numbers they call equal share a key here (but for miles
    or °F converted within 3 %). A time of day keys its place on a 12-hour clock.

    A value only implied by a word ("a week", "first", "doubled", 半年) gives no key: the other
    language seldom writes it as a number (初めて, 倍増). A month name writes its number.
    """
    if q.date is not None:
        return tuple((_key(v),) for v in written_values(q))
    if not _written_number(q.text):
        return ()
    if q.kind == "time":
        return ((_key(q.value % HALF_DAY),),)  # 11 pm = 23時 = 11時: one key on a 12-hour clock
    keys = [_key(q.value)]
    bases = [b for _, b in measure_bases(q)] if q.kind == "measure" else []
    if q.kind == "duration":
        base = duration_base(q)
        bases = [base[1]] if base is not None else []
    keys.extend(k for k in map(_key, bases) if k not in keys)
    return (tuple(keys),)


_KIND_FAMILY = {"points": "percent", "year": "date", "port": "version"}


def kind_key(q: Quantity) -> str:
    """The aligner's key for the kind of a quantity, whatever its value: "#~money", "#~date",
    "#~measure:length". A number changed in translation still agrees on its kind, so its bead
    keeps part of its evidence (issue: a defect is partial evidence for its bead). A bare
    number, or a value only implied by a word, has none."""
    if q.kind == "number" or q.date is None and not _written_number(q.text):
        return ""
    family = _KIND_FAMILY.get(q.kind, q.kind)
    if q.kind == "measure":
        dims = sorted({d for d, _ in measure_bases(q)})
        family += ":" + (dims[0] if dims else q.unit)
    elif q.kind == "count" and q.unit:
        family += ":" + q.unit
    return "#~" + family
