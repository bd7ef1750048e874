"""Quantities in Japanese and English text, normalised so the two sides compare equal.

``1兆ドル`` and ``$1tn`` both become ``Quantity(1e12, "currency:USD")``; ``2015年`` and
``2015`` both become a ``year``; ``11月`` and ``November`` a ``month``. The tables here are
numeral grammar (digits, multipliers, month names, currency symbols), not a word list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..charclass import is_kanji, is_katakana

__all__ = ["Quantity", "en_quantities", "ja_quantities", "same_quantity"]


@dataclass(frozen=True)
class Quantity:
    value: float
    #: "currency:USD", "percent", "year", "month", "day", "count" or "" (bare number).
    unit: str
    start: int
    end: int
    text: str


# --- shared -----------------------------------------------------------------

_CURRENCY_SYMBOL = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "￥": "JPY"}
_MONTHS = "january february march april may june july august september october november december".split()
#: Units that are plain counts of something; they compare equal to each other and to bare numbers.
_COUNTISH = frozenset({"", "count"})


def _to_float(digits: str) -> float | None:
    cleaned = unicodedata.normalize("NFKC", digits).replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """True when two quantities (any language) denote the same amount of the same kind of thing."""
    if abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value), abs(b.value)):
        return False
    if a.unit == b.unit:
        return True
    # A bare number matches any counted thing; "day"/"year" numbers without context often are bare.
    loose = _COUNTISH | {"day"}
    return (
        a.unit in loose
        and b.unit in loose
        or (a.unit in _COUNTISH or b.unit in _COUNTISH)
        and ("year" in (a.unit, b.unit) or "month" in (a.unit, b.unit))
    )


# --- Japanese ------------------------------------------------------------------

_KANJI_DIGIT = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
_KANJI_LARGE = {"万": 1e4, "億": 1e8, "兆": 1e12}
_JA_CURRENCY = {"ドル": "USD", "円": "JPY", "ポンド": "GBP", "ユーロ": "EUR", "元": "CNY", "ウォン": "KRW"}
_JA_NUM = r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?"
_JA_KANJI_NUM = r"[〇零一二三四五六七八九十百千]+"
_JA_PART = rf"(?:{_JA_NUM}|{_JA_KANJI_NUM})"
_JA_QUANTITY = re.compile(
    rf"(?P<prefix>[$＄£€¥￥])?(?P<num>{_JA_PART}(?:[万億兆]{_JA_PART}?)*)"
    r"(?P<unit>ドル|円|ポンド|ユーロ|元|ウォン|%|％|パーセント|年|[ヶかカケ]月|か月|月|日|[^\s\d０-９、。]?)"
)
#: A kanji numeral counts only when a counter or multiplier follows: 一つ, 十人, 三億 — not 統一.
_KANJI_NEEDS_UNIT = re.compile(_JA_KANJI_NUM + "$")


def _kanji_small(s: str) -> float | None:
    """Value of a kanji numeral below 10,000 (千二百三十四), or of a positional run (二〇一五)."""
    if all(ch in _KANJI_DIGIT for ch in s):
        return float("".join(str(_KANJI_DIGIT[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in _KANJI_DIGIT:
            digit = _KANJI_DIGIT[ch]
        elif ch in _KANJI_SMALL:
            total += (1 if digit is None else digit) * _KANJI_SMALL[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _ja_part(s: str) -> float | None:
    if not s:
        return None
    if s[0] in _KANJI_DIGIT or s[0] in _KANJI_SMALL:
        return _kanji_small(s)
    return _to_float(s)


def _ja_value(num: str) -> float | None:
    """Combine parts and multipliers: 4億2000万 = 4e8 + 2000e4."""
    total = 0.0
    for m in re.finditer(rf"({_JA_PART})?([万億兆])?", num):
        if not m.group(0):
            continue
        part = _ja_part(m.group(1)) if m.group(1) else 1.0
        if part is None:
            return None
        total += part * (_KANJI_LARGE[m.group(2)] if m.group(2) else 1.0)
    return total


def _is_counter(unit_text: str) -> bool:
    """A counter or unit word after a number: kanji (人, 台), katakana (ドル) or つ — not の or が."""
    ch = unit_text[:1]
    return bool(ch) and (is_kanji(ch) or is_katakana(ch) or ch == "つ")


def _numeral_starts(text: str) -> dict[int, str]:
    """Offsets where UniDic starts a numeral token (数詞), with its surface.

    This keeps 二十 in 二十歳 and drops 十分 (enough), 一番 (most), 七夕 or 百貨店. Words that
    UniDic keeps whole (一人, 二人) are lost too: a price worth paying for no false numbers.
    """
    from .tokens import tokenize

    return {t.start: t.surface for t in tokenize(text) if t.pos2 == "数詞"}


def ja_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    numerals: dict[int, str] | None = None
    for m in _JA_QUANTITY.finditer(text):
        num, unit_text = m.group("num"), m.group("unit")
        kanji_only = bool(_KANJI_NEEDS_UNIT.match(num))
        if kanji_only:
            prev = text[m.start() - 1] if m.start() > 0 else ""
            # 統一, 一般, 一方: a kanji numeral glued to preceding kanji is part of a word.
            if prev and is_kanji(prev) or num == "一" and not _is_counter(unit_text):
                continue
            if numerals is None:
                numerals = _numeral_starts(text)
            if m.start() not in numerals:
                continue
        value = _ja_value(num)
        if value is None:
            continue
        end = m.end()
        unit = ""
        prefix = m.group("prefix")
        if prefix:
            unit = "currency:" + _CURRENCY_SYMBOL[unicodedata.normalize("NFKC", prefix)]
        if unit_text in _JA_CURRENCY:
            unit = "currency:" + _JA_CURRENCY[unit_text]
        elif unit_text in ("%", "％", "パーセント"):
            unit = "percent"
        elif unit_text == "年":
            unit = "year" if value.is_integer() and 1000 <= value <= 2999 else "count"
        elif unit_text == "月":
            unit = "month" if value.is_integer() and 1 <= value <= 12 else "count"
        elif unit_text == "日":
            unit = "day" if value.is_integer() and 1 <= value <= 31 else "count"
        elif _is_counter(unit_text) or unit_text.endswith("月"):
            unit = "count"  # 5社, 三つ, 3か月 (a duration, not a month name)
        else:
            end = m.end("num")
        out.append(Quantity(value, unit, m.start(), end, text[m.start() : end]))
    return out


# --- English -------------------------------------------------------------------

_EN_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_EN_WORDS.update(
    {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
)
_EN_MAGNITUDE = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_EN_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "yen": "JPY",
    "pound": "GBP",
    "pounds": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yuan": "CNY",
    "won": "KRW",
}
_EN_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+|" + "|".join(
    sorted(_EN_WORDS, key=len, reverse=True)
)
_EN_QUANTITY = re.compile(
    r"(?<![\w.])(?P<prefix>US\$|\$|£|€|¥)?\s?(?P<num>" + _EN_NUMBER + r")"
    r"(?:[\s-]?(?P<mag>trillion|billion|million|thousand|hundred|trn|tn|bn|mn|[mbk])(?![a-z]))?"
    r"(?P<unit>\s?%|\s(?:per\s?cent|percent)\b|\s(?:dollars?|yen|pounds?|euros?|yuan)\b)?",
    re.IGNORECASE,
)
_EN_MONTH = re.compile(
    r"\b(?:"
    + "|".join(m.capitalize() for m in _MONTHS)
    + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
)
_MONTH_CONTEXT = r"\b(?:in|of|since|until|by|from|last|next|early|late|mid)\s+$"


def en_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _EN_QUANTITY.finditer(text):
        num = m.group("num")
        low = num.lower()
        word = low in _EN_WORDS
        value = float(_EN_WORDS[low]) if word else _to_float(num)
        if value is None:
            continue
        prefix, mag, unit_text = m.group("prefix"), m.group("mag"), m.group("unit")
        after = m.end("mag") if mag else m.end("num")
        if after < len(text) and (text[after].isalnum() or text[after] == "_"):
            continue  # glued to letters: 3rd, 5G, A4x
        if mag:
            mag_low = mag.lower()
            # A bare "m"/"b"/"k" is a multiplier only after a currency sign ($1m), not 5m (metres).
            if len(mag_low) == 1 and not prefix:
                continue
            else:
                value *= _EN_MAGNITUDE[mag_low]
        unit = ""
        if prefix:
            unit = "currency:" + _CURRENCY_SYMBOL[prefix]
        if unit_text:
            u = unit_text.strip().lower()
            if u == "%" or "cent" in u:
                unit = "percent"
            else:
                unit = "currency:" + _EN_CURRENCY_WORD[u]
        if word and num[0].isupper() is False and not unit and not mag and value in (0.0, 1.0):
            # "one" and "zero" are pronouns/articles far more often than amounts.
            continue
        plain = not unit and not word and not mag and "," not in num
        if plain and value.is_integer() and 1000 <= value <= 2999:
            unit = "year"
        if word and not unit:
            unit = "count"
        end = m.end("unit") if unit_text else (m.end("mag") if mag else m.end("num"))
        start = m.start("prefix") if prefix else m.start("num")
        out.append(Quantity(value, unit, start, end, text[start:end]))
    for m in _EN_MONTH.finditer(text):
        name = m.group(0).rstrip(".").lower()
        if name == "may" and not (
            re.search(r"\d", text[max(0, m.start() - 6) : m.end() + 6])
            or re.search(_MONTH_CONTEXT, text[: m.start()], re.I)
        ):
            continue  # the modal verb "May I" is capitalised too
        idx = next(i for i, full in enumerate(_MONTHS) if full.startswith(name))
        out.append(Quantity(float(idx + 1), "month", m.start(), m.end(), m.group(0)))
    out.sort(key=lambda q: q.start)
    return out
