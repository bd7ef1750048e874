"""Numbers of one bead paired across the languages: each English quantity with its rendering.

``match_quantities(en, ja)`` takes the quantities of a bead's English and Japanese (from
``align.lexicon.quantities``) and returns the pairs that agree and the mismatches. Precision
matters more than recall: a reported mismatch must be a defect on human translations too.

The pairing, step by step:

1. **Equal amounts.** Every (English, Japanese) pair whose amounts are equal and whose kinds
   agree is a candidate. Amounts compare after scale (``$1tn`` = ``1兆ドル``) and after
   conversion within one dimension (``2.5mn km`` = ``250万km``, ``six months`` = ``半年``,
   ``90 minutes`` = ``1時間半``; miles, feet and °F within 3 %, for translators who convert).
   Candidates rank: same kind and unit; then the same thing said another way (a generic
   dollar for A$, ``June 4`` for ``2025年6月4日``); then a bare number against anything of
   that value (a count, a year, an ordinal). Ties go to the pair whose positions in their
   sentences are closest. Candidates are taken greedily, each quantity once.
2. **Repeats.** A leftover equal to a quantity already paired on the other side is the same
   number said twice (Japanese often repeats a figure the English gives once): a match.
3. **Swaps.** Two pairs of the same kind whose values sit in each other's context: the words
   around each number (the English noun after it, the Japanese counter, the clause's verbs and
   nouns) are compared through JMdict glosses, with the words both contexts share removed.
   When only the crossed contexts are related, the two values are swapped ("opened 140 and
   closed 260" -> 260店を開設し、140店を閉鎖).
4. **Mismatches among the leftovers**, greedily by priority: the same amount in another
   currency ("currency"); the same value in another unit of the same dimension, or % against
   percentage points ("unit"); a date whose parts differ, month and day swapped included
   ("date"); the same kind and unit but off by a power of ten ("scale"); else the closest value
   of the same kind and unit ("value"). Counts pair only when their counters are related or
   when each is the only count left on its side; bare numbers never pair.
5. **What is left** is "missing" (English) or "extra" (Japanese), but only for kinds that a
   faithful translation neither drops nor adds: money, percentages, points, measures,
   durations, dates with a month, years (English only), versions, ports and counts with a
   counter written in digits (or in words from three up). Never a bare number, an ordinal,
   "one", "two", "a year" or "half", which translations legitimately rephrase.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.quantities import JA_COUNTERS, Quantity, fold, kanjize_module
from ..messages import Template
from ..model import NumberReason

__all__ = ["NumberMatch", "NumberMismatch", "describe", "match_quantities"]


@dataclass(frozen=True)
class NumberMatch:
    """An English quantity and its Japanese rendering."""

    en: Quantity
    ja: Quantity


@dataclass(frozen=True)
class NumberMismatch:
    en: Quantity | None
    ja: Quantity | None
    reason: NumberReason
    #: One line naming both sides (the English rendering of *message_id*).
    message: str
    #: The template in MESSAGES, and its arguments (see align.messages).
    message_id: str = ""
    arguments: tuple[tuple[str, str], ...] = ()


# --- units and amounts ------------------------------------------------------------------

#: Measure units: dimension and factor to the dimension's base unit. "kilo" (bare キロ) is
#: km or kg; "deg" (bare 度) is taken as °C.
_MEASURE: dict[str, tuple[str, float]] = {
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
#: Dimensions whose units a translation confuses: MW for MWh is the classic.
_FAMILY = {"power": "electric", "energy": "electric"}
#: Units that translators convert into (miles -> km): compared within 3 %.
_IMPERIAL = frozenset({"mile", "ft", "in", "yd", "acre", "lb", "mph", "F", "kn"})
_CLOCK = {"ms": 0.001, "s": 1, "min": 60, "h": 3600, "day": 86400, "week": 604800}
_CALENDAR = {"month": 1, "year": 12}
#: Currencies written as a bare "$" or ドル could be any dollar.
_DOLLARS = frozenset({"USD", "AUD", "CAD", "HKD", "NZD", "SGD", "TWD"})
_MONTH_NAMES = "January February March April May June July August September October November December".split()


def _close(a: float, b: float, rel: float = 1e-9) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def _measure_bases(q: Quantity) -> list[tuple[str, float]]:
    """(dimension, value in its base unit) readings of a measure; two for ambiguous キロ."""
    if q.unit == "kilo":
        return [("length", q.value * 1000), ("mass", q.value * 1000)]
    dim = _MEASURE.get(q.unit)
    if dim is None:
        return []
    if q.unit == "F":
        return [(dim[0], (q.value - 32) * 5 / 9)]
    return [(dim[0], q.value * dim[1])]


def _duration_base(q: Quantity) -> tuple[str, float] | None:
    if q.unit in _CLOCK:
        return "clock", q.value * _CLOCK[q.unit]
    if q.unit in _CALENDAR:
        return "calendar", q.value * _CALENDAR[q.unit]
    return None


def _generic_dollar(q: Quantity) -> bool:
    """A "$5", "5 dollars" or 5ドル: a dollar of unnamed country (A$ in an Australian article)."""
    if q.unit not in _DOLLARS:
        return False
    text = q.text
    if "$" in text:
        return not re.search(r"[A-Z]\$", text) and "U.S.$" not in text
    if "ドル" in text:
        return not re.search(r"[^\d,.万億兆千百十〇一二三四五六七八九\s]ドル", text)
    return bool(re.search(r"(?<![A-Za-z] )dollars?\b", text)) and not re.search(
        r"(?:US|U\.S\.|American|Australian|Canadian|Hong Kong|New Zealand|Singapore) dollar", text
    )


def _currency_ok(e: Quantity, j: Quantity) -> bool:
    if e.unit == j.unit:
        return True
    if e.unit in _DOLLARS and j.unit in _DOLLARS:
        return _generic_dollar(e) or _generic_dollar(j)
    return False


def _day_only(q: Quantity) -> bool:
    return q.kind == "date" and q.date is not None and q.date[0] is None and q.date[1] is None


def _dates_compatible(a: Quantity, b: Quantity) -> tuple[bool, bool]:
    """(compatible, identical): every date part written on both sides agrees, and one is shared."""
    da, db = a.date, b.date
    if da is None or db is None:
        return False, False
    shared = [(x, y) for x, y in zip(da, db, strict=True) if x is not None and y is not None]
    if not shared:
        return False, False
    ok = all(x == y for x, y in shared)
    return ok, ok and da == db


def _level(e: Quantity, j: Quantity) -> int | None:
    """How well two quantities agree: 0 same kind and unit, 1 the same said another way,
    2 a bare number or a looser kind of the same value; None when they differ."""
    ek, jk = e.kind, j.kind
    if ek == jk:
        if ek == "money":
            if not _close(e.value, j.value):
                return None
            return (0 if e.unit == j.unit else 1) if _currency_ok(e, j) else None
        if ek == "measure":
            return _measure_level(e, j)
        if ek == "duration":
            a, b = _duration_base(e), _duration_base(j)
            if a is None or b is None or a[0] != b[0] or not _close(a[1], b[1], 1e-6):
                return None
            return 0 if e.unit == j.unit else 1
        if ek in ("date", "year"):
            ok, same = _dates_compatible(e, j)
            return (0 if same else 1) if ok else None
        if ek == "version":
            return 0 if e.version == j.version else None
        return 0 if _close(e.value, j.value) else None
    kinds = {ek, jk}
    if kinds == {"date", "year"}:
        ok, _ = _dates_compatible(e, j)
        return 1 if ok else None
    if "version" in kinds:
        other = j if ek == "version" else e
        version = e if ek == "version" else j
        short = version.version.count(".") <= 1
        return 2 if other.kind == "number" and short and _close(e.value, j.value) else None
    if "number" in kinds:
        if _close(e.value, j.value) and not (kinds & {"date"} and not (_day_only(e) or _day_only(j))):
            return 2
        other = j if ek == "number" else e
        num = e if ek == "number" else j
        if other.kind == "percent" and _close(num.value * 100, other.value, 1e-3):
            return 2  # half = 50%
        return None
    if not _close(e.value, j.value):
        return None
    if kinds <= {"count", "ordinal"} or kinds == {"count", "year"} or kinds == {"count", "duration"}:
        return 2  # 45歳 for "45 years", 2度 for "twice"
    if kinds in ({"date", "duration"}, {"date", "ordinal"}, {"date", "count"}):
        date = e if ek == "date" else j
        return 2 if _day_only(date) else None
    if kinds == {"measure", "count"}:
        m = e if ek == "measure" else j
        return 2 if m.unit == "deg" else None  # 二度 / twice
    return None


def _measure_level(e: Quantity, j: Quantity) -> int | None:
    if e.unit == j.unit:
        return 0 if _close(e.value, j.value) else None
    for dim_e, base_e in _measure_bases(e):
        for dim_j, base_j in _measure_bases(j):
            if dim_e != dim_j:
                continue
            loose = e.unit in _IMPERIAL or j.unit in _IMPERIAL or "deg" in (e.unit, j.unit)
            if _close(base_e, base_j, 0.03 if loose and e.unit != j.unit else 1e-6):
                return 1
    return None


# --- contexts for swaps -------------------------------------------------------------------

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
_EN_STOP = re.compile(r"[,;:.!?()\"]|\b(?:and|or|but|while|whereas)\b", re.I)
_RANGE_GAP = re.compile(r"\s*(?:-|to|and|or|~)\s*", re.I)
_JA_STOP = frozenset("、。，,;；:：()（）「」『』")
#: Particles that close a noun phrase: 12人のエンジニアと40人の… keeps エンジニア with 12人.
_JA_STOP_PARTICLES = frozenset({"と", "や", "は", "が", "も", "及び", "および", "または", "か"})
_JA_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞"})


@lru_cache(maxsize=1024)
def _ja_tokens(text: str) -> tuple[tuple[int, int, str, str, str, str], ...]:
    """(start, end, surface, lemma, pos1, pos2) of each token."""
    from ..lexicon.tokens import tokenize

    return tuple((t.start, t.end, t.surface, t.lemma, t.pos1, t.pos2) for t in tokenize(text))


def _en_context(q: Quantity, text: str, spans: Sequence[tuple[int, int]]) -> set[str]:
    """The counted noun and the two words before an English number (its verb: "opening 140")."""
    from ..lexicon.dictionary import gloss_vocabulary

    words = {q.counter.lower()} if q.counter and q.counter.isascii() else set()
    if not text:
        return words
    left = text[max(0, q.start - 60) : q.start]
    for other in spans:
        if other[1] <= q.start:
            left = left[max(0, other[1] - (q.start - len(left))) :]
    left = _EN_STOP.split(left)[-1]
    content = gloss_vocabulary()
    words.update(w.lower() for w in _EN_WORD.findall(left)[-2:] if w.lower() in content)
    return words


def _ja_context(q: Quantity, text: str, spans: Sequence[tuple[int, int]]) -> set[str]:
    """Glosses of the counter, of a noun right before the number (エンジニア12人) and of the two
    content words after it (260店を出店し: the verb follows the number in Japanese)."""
    from ..lexicon.dictionary import gloss

    lemmas = {q.counter} if q.counter else set()
    if text:
        toks = _ja_tokens(text)
        inside = [i for i, t in enumerate(toks) if t[0] < q.end and q.start < t[1]]
        if inside:
            first, last = inside[0], inside[-1]
            if first > 0 and toks[first - 1][4] == "名詞" and toks[first - 1][1] == q.start:
                lemmas.add(toks[first - 1][3])
            i, taken = last + 1, 0
            while i < len(toks) and taken < 2:
                start, end, surface, lemma, pos1, pos2 = toks[i]
                if surface in _JA_STOP or any(s < end and start < e for s, e in spans):
                    break
                if pos1 == "助詞" and surface in _JA_STOP_PARTICLES:
                    break
                # する of 出店する glosses as "do", "cause", "become": no clue to the meaning.
                if pos1 in _JA_CONTENT and pos2 != "非自立可能":
                    lemmas.add(lemma)
                    taken += 1
                i += 1
    words: set[str] = set()
    for lemma in lemmas:
        words.update(gloss(lemma))
    return words


def _related(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 3


def _affinity(en_words: set[str], ja_words: set[str]) -> int:
    return sum(1 for w in en_words if any(_related(w, g) for g in ja_words))


def _family(m: NumberMatch) -> tuple[str, str]:
    """What a matched pair measures, from its more specific side: counts, money, % or a unit."""
    q = m.en if m.en.kind != "number" else m.ja
    if q.kind in ("count", "number"):
        return ("count", "")
    return (q.kind, q.unit if q.kind != "money" else "")


def _swappable(q: Quantity) -> bool:
    return _pairable(q) and q.counter not in ("times", "倍")


def _swaps(matches: list[NumberMatch], en_text: str, ja_text: str) -> list[tuple[NumberMatch, NumberMatch]]:
    """Pairs of matches whose values sit in each other's context (step 3 of the docstring)."""
    # A bare number on one side is fine ("closed 260" -> 260店), on both it is too weak a clue.
    cands = [
        m
        for m in matches
        if not {m.en.kind, m.ja.kind} & {"date", "year", "version", "port", "ordinal"}
        and (_swappable(m.en) or _swappable(m.ja))
    ]
    if len(cands) < 2:
        return []
    en_spans = [(m.en.start, m.en.end) for m in matches]
    ja_spans = [(m.ja.start, m.ja.end) for m in matches]
    ctx = {
        id(m): (
            _en_context(m.en, en_text, [s for s in en_spans if s != (m.en.start, m.en.end)]),
            _ja_context(m.ja, ja_text, [s for s in ja_spans if s != (m.ja.start, m.ja.end)]),
        )
        for m in cands
    }
    out: list[tuple[NumberMatch, NumberMatch]] = []
    used: set[int] = set()
    for i, a in enumerate(cands):
        for b in cands[i + 1 :]:
            if id(a) in used or id(b) in used or _family(a) != _family(b):
                continue
            if _close(a.en.value, b.en.value) or a.en.start == b.en.start or a.ja.start == b.ja.start:
                continue
            first, second = sorted((a.en, b.en), key=lambda q: q.start)
            if en_text and _RANGE_GAP.fullmatch(en_text[first.end : second.start]):
                continue  # "between 3 and 5", "$39 to $49": a range, not two facts
            ea, ja_a = ctx[id(a)]
            eb, ja_b = ctx[id(b)]
            ea, eb = ea - eb, eb - ea
            ja_a, ja_b = ja_a - ja_b, ja_b - ja_a
            # Both crossed contexts must be related, and neither straight one.
            straight = _affinity(ea, ja_a) + _affinity(eb, ja_b)
            if straight == 0 and _affinity(ea, ja_b) and _affinity(eb, ja_a):
                out.append((a, b))
                used.update((id(a), id(b)))
    return out


# --- mismatches ---------------------------------------------------------------------------


def _has_digits(q: Quantity) -> bool:
    return any(ch.isdigit() for ch in q.text)


def _written_value_ok(q: Quantity) -> bool:
    """Digits, or words worth three or more (not "one", "two", "a year", "half")."""
    return _has_digits(q) or abs(q.value) >= 3


def _pairable(q: Quantity) -> bool:
    """Kinds whose leftovers can be paired as a wrong rendering of each other."""
    if q.kind == "number":
        return False
    if q.kind == "ordinal":
        return _has_digits(q)
    if q.kind == "count":
        return bool(q.counter) and _written_value_ok(q)
    return True


_UNIT_NOUN_ONLY = re.compile(r"(?:an?|the|this|that|next|last|past|\s)*(?:decade|century|fortnight)", re.I)


def _eligible_missing(e: Quantity) -> bool:
    # "the decade", "a century": a translation may well say 近年 or 今世紀 instead.
    if e.kind in ("number", "ordinal") or not _written_value_ok(e) or _UNIT_NOUN_ONLY.fullmatch(e.text):
        return False
    if e.kind == "measure":
        return e.unit != "deg"
    if e.kind == "date":
        return e.date is not None and e.date[1] is not None
    if e.kind == "count":
        # Counts in words ("seven every morning", "ten to one") are too often idioms or times.
        return bool(e.counter) and e.counter not in ("times", "years old") and e.value >= 2 and _has_digits(e)
    return True


#: Counters whose number a faithful translation may add: 2倍 for "doubled", 三つ for "a few",
#: 20代 for "in their twenties", 10歳 for "ten-year-old" said in words.
_LOOSE_COUNTERS = frozenset({"倍", "つ", "歳", "才", "代", "年代", "点"})


def _eligible_extra(j: Quantity) -> bool:
    # A "1" is often the English article: 1キログラム当たり for "per kilogram"; an estimate
    # (約, 二、三) is often the rendering of "a few" or "several".
    if j.kind in ("number", "ordinal", "year") or not _written_value_ok(j) or _close(j.value, 1) or j.approx:
        return False
    if j.kind == "measure":
        return j.unit not in ("deg", "kilo")
    if j.kind == "duration":
        return "半" not in j.text
    if j.kind == "date":
        return j.date is not None and j.date[1] is not None
    if j.kind == "count":
        # 2人 for "the pair", 2-3回 for "a couple of times": counts below three are phrasing.
        return j.counter in JA_COUNTERS and j.counter not in _LOOSE_COUNTERS and j.value >= 3 and not j.approx
    return True


def _power_of_ten(a: float, b: float) -> int:
    """k when a = b * 10**k for an integer k != 0 (within rounding), else 0."""
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return 0
    k = math.log10(abs(a) / abs(b))
    r = round(k)
    return r if r != 0 and abs(k - r) < 1e-6 else 0


def _same_unit(e: Quantity, j: Quantity) -> bool:
    if e.kind == "money":
        return _currency_ok(e, j)
    if e.kind == "measure":
        if e.unit == j.unit or {e.unit, j.unit} <= {"C", "deg"}:
            return True
        return "kilo" in (e.unit, j.unit) and bool({e.unit, j.unit} & {"km", "kg"})
    if e.kind == "duration":
        return e.unit == j.unit
    return True


def _mismatch_reason(e: Quantity, j: Quantity, count_ok: bool) -> tuple[int, float, NumberReason] | None:
    """(priority, distance, reason) when *j* reads as a wrong rendering of *e*, else None."""
    if not (_pairable(e) and _pairable(j)):
        return None
    ek, jk = e.kind, j.kind
    same_value = _close(e.value, j.value)
    if ek == jk == "money" and same_value and not _currency_ok(e, j):
        return 0, 0.0, "currency"
    if {ek, jk} == {"percent", "points"} and same_value:
        return 1, 0.0, "unit"
    if ek == jk == "measure" and same_value and e.unit != j.unit:
        de = {_FAMILY.get(d, d) for d, _ in _measure_bases(e)}
        dj = {_FAMILY.get(d, d) for d, _ in _measure_bases(j)}
        if de & dj:
            return 1, 0.0, "unit"
    if ek == jk == "duration" and same_value and e.unit != j.unit:
        return 1, 0.0, "unit"
    if ek in ("date", "year") and jk in ("date", "year"):
        if e.date is None or j.date is None:
            return None
        shared = [(x, y) for x, y in zip(e.date, j.date, strict=True) if x and y]
        if shared:
            # Prefer the date that agrees on more parts: 2030年2月期 for "February 2031", not 3月.
            differ = sum(x != y for x, y in shared)
            return 2, differ - 0.1 * (len(shared) - differ), "date"
        return None
    if ek != jk:
        return None
    if ek == "count" and not count_ok:
        return None
    if not _same_unit(e, j):
        return None
    if ek == "version":
        return (4, 0.0, "value") if e.version != j.version else None
    if same_value:
        return None
    distance = abs(math.log10(abs(e.value) / abs(j.value))) if e.value and j.value else 99.0
    if _power_of_ten(j.value, e.value):
        return 3, distance, "scale"
    return 4, distance, "value"


def _count_pairs_ok(e: Quantity, j: Quantity, left_en: list[Quantity], left_ja: list[Quantity]) -> bool:
    """Counts pair when each is the only count left on its side or when the counters are related."""
    if (
        sum(q.kind == "count" and _pairable(q) for q in left_en) == 1
        and sum(q.kind == "count" and _pairable(q) for q in left_ja) == 1
    ):
        return True
    from ..lexicon.dictionary import gloss

    return bool(e.counter) and _affinity({e.counter.lower()}, set(gloss(j.counter))) > 0


def _written(q: Quantity) -> tuple[float, ...]:
    """The numbers a quantity writes: a date's parts (3〜5月期 for "three months to May"), else its value."""
    if q.date is not None:
        return tuple(float(p) for p in q.date if p is not None)
    return (q.value,)


def _mentioned(value: float, text: str, *, ja: bool) -> bool:
    """Whether *text* writes *value* somewhere, in digits or (Japanese) in kanji: 十分 may be ten
    minutes where UniDic reads "enough", so a missing number is reported only when truly absent."""
    if not text or not value.is_integer() or not 0 < value < 10**6:
        return False
    if str(int(value)) in text:
        return True
    if ja:
        return bool(kanjize_module().number2kanji(int(value)) in text)
    return False


# --- messages -------------------------------------------------------------------------


def _amount(v: float) -> str:
    if v.is_integer() and abs(v) >= 10000:
        return f"{v:,.0f}"
    return f"{v:g}"


#: Units as a Japanese message names them.
_UNITS_JA = {
    "C": "°C",
    "F": "°F",
    "deg": "度",
    "kilo": "km または kg",
    "ms": "ミリ秒",
    "s": "秒",
    "min": "分",
}
_UNITS_JA.update({"h": "時間", "day": "日", "week": "週間", "month": "か月", "year": "年"})


def describe(q: Quantity, lang: str = "en") -> str:
    """The normalised reading of a quantity, for messages: "USD 265,000,000", "June 4", "3 week"."""
    if lang == "ja":
        return _describe_ja(q)
    if q.kind == "money":
        return f"{q.unit} {_amount(q.value)}"
    if q.kind == "percent":
        return f"{q.value:g}%"
    if q.kind == "points":
        return f"{q.value:g} percentage points"
    if q.kind in ("measure", "duration"):
        unit = {"C": "°C", "F": "°F", "deg": "degrees", "kilo": "km or kg"}.get(q.unit, q.unit)
        return f"{_amount(q.value)} {unit}"
    if q.kind in ("date", "year") and q.date:
        y, m, d = q.date
        parts = []
        if m:
            parts.append(_MONTH_NAMES[m - 1] + (f" {d}" if d else ""))
        elif d:
            parts.append(f"day {d}")
        if y:
            parts.append(str(y))
        return ", ".join(parts) if m and d and y else " ".join(parts)
    if q.kind == "version":
        return f"version {q.version}"
    if q.kind == "port":
        return f"port {q.value:g}"
    if q.kind == "ordinal":
        return f"#{q.value:g}"
    return _amount(q.value)


def _describe_ja(q: Quantity) -> str:
    if q.kind == "points":
        return f"{q.value:g}ポイント"
    if q.kind in ("measure", "duration"):
        return f"{_amount(q.value)} {_UNITS_JA.get(q.unit, q.unit)}"
    if q.kind in ("date", "year") and q.date:
        y, m, d = q.date
        return "".join(f"{n}{unit}" for n, unit in ((y, "年"), (m, "月"), (d, "日")) if n)
    if q.kind == "version":
        return f"バージョン {q.version}"
    if q.kind == "port":
        return f"ポート {q.value:g}"
    return describe(q)


_MISMATCH_EN = "{ja} ({ja_reading}) does not match the English {en} ({en_reading}): "
_MISMATCH_JA = "{ja}（{ja_reading_ja}）が英語の {en}（{en_reading_ja}）と一致しません: "

#: The messages of the number rules (AL401, AL402): the phrase layer words its mismatches
#: with them, the rules declare them. Readings come in each language (``*_ja``).
MESSAGES: dict[str, Template] = {
    "value": Template(_MISMATCH_EN + "the value differs", _MISMATCH_JA + "数値が違います"),
    "unit": Template(_MISMATCH_EN + "the unit differs", _MISMATCH_JA + "単位が違います"),
    "currency": Template(_MISMATCH_EN + "the currency differs", _MISMATCH_JA + "通貨が違います"),
    "date": Template(_MISMATCH_EN + "the date differs", _MISMATCH_JA + "日付が違います"),
    "date-swapped": Template(
        _MISMATCH_EN + "month and day are swapped", _MISMATCH_JA + "月と日が入れ替わっています"
    ),
    "scale-large": Template(
        _MISMATCH_EN + "it is {factor} times too large", _MISMATCH_JA + "{factor}倍大きすぎます"
    ),
    "scale-small": Template(
        _MISMATCH_EN + "it is {factor} times too small", _MISMATCH_JA + "{factor}分の1に小さすぎます"
    ),
    "swapped": Template(
        "{ja} and {ja2} are swapped: where the English has {en2}, the Japanese has {ja}, and where the"
        " English has {en}, {ja2}",
        "{ja} と {ja2} が入れ替わっています: 英語の {en2} の箇所に {ja}、{en} の箇所に {ja2} があります",
    ),
    "missing": Template(
        "the English {en} ({en_reading}) has no counterpart in the Japanese",
        "英語の {en}（{en_reading_ja}）に当たる数値が日本語にありません",
    ),
    "extra": Template(
        "{ja} ({ja_reading}) has no counterpart in the English",
        "{ja}（{ja_reading_ja}）に当たる数値が英語にありません",
    ),
}


def _why(reason: str, e: Quantity, j: Quantity) -> tuple[str, dict[str, str]]:
    """The message id for a mismatch of two quantities, and its extra arguments."""
    if reason in ("currency", "unit"):
        return reason, {}
    if reason == "scale":
        k = _power_of_ten(j.value, e.value)
        return ("scale-large" if k > 0 else "scale-small"), {"factor": f"{10 ** abs(k):,}"}
    if reason == "date":
        if e.date and j.date and e.date[1] and e.date[2] and (e.date[1], e.date[2]) == (j.date[2], j.date[1]):
            return "date-swapped", {}
        return "date", {}
    return "value", {}


def _side(name: str, q: Quantity) -> dict[str, str]:
    return {name: q.text, f"{name}_reading": describe(q), f"{name}_reading_ja": describe(q, "ja")}


def _mismatch(e: Quantity | None, j: Quantity | None, reason: NumberReason) -> NumberMismatch:
    """A mismatch worded by its template (English in ``message``, id and arguments kept)."""
    if e is None and j is not None:
        key, args = "extra", _side("ja", j)
    elif j is None and e is not None:
        key, args = "missing", _side("en", e)
    else:
        assert e is not None and j is not None
        key, extra = _why(reason, e, j)
        args = {**_side("ja", j), **_side("en", e), **extra}
    return NumberMismatch(e, j, reason, MESSAGES[key].render("en", args), key, tuple(args.items()))


# --- the pairing ----------------------------------------------------------------------------


def _rel(i: int, n: int) -> float:
    return i / max(1, n - 1)


def match_quantities(
    en: Sequence[Quantity], ja: Sequence[Quantity], *, en_text: str = "", ja_text: str = ""
) -> tuple[list[NumberMatch], list[NumberMismatch]]:
    """Pair the quantities of one bead (see the module docstring for the algorithm).

    *en_text* and *ja_text*, when given, are the texts the offsets refer to (a bead's
    sentences joined); the words around each number then help to detect swapped values.
    Results are in English order (then Japanese order for extras).
    """
    en, ja = list(en), list(ja)
    matches: list[NumberMatch] = []
    free_en, free_ja = set(range(len(en))), set(range(len(ja)))
    cands = []
    for a, e in enumerate(en):
        for b, j in enumerate(ja):
            lvl = _level(e, j)
            if lvl is not None:
                cands.append((lvl, abs(_rel(a, len(en)) - _rel(b, len(ja))), a, b))
    cands.sort()
    for _, _, a, b in cands:
        if a in free_en and b in free_ja:
            matches.append(NumberMatch(en[a], ja[b]))
            free_en.discard(a)
            free_ja.discard(b)
    primary = list(matches)
    # Repeats: the same figure said twice on one side.
    for _, _, a, b in cands:
        if b in free_ja and a not in free_en or a in free_en and b not in free_ja:
            matches.append(NumberMatch(en[a], ja[b]))
            free_en.discard(a)
            free_ja.discard(b)
    mismatches: list[NumberMismatch] = []
    for x, y in _swaps(primary, en_text, ja_text):
        args = {"ja": x.ja.text, "ja2": y.ja.text, "en": x.en.text, "en2": y.en.text}
        msg = MESSAGES["swapped"].render("en", args)
        mismatches.append(NumberMismatch(x.en, x.ja, "swapped", msg, "swapped", tuple(args.items())))
    left_en = [en[a] for a in sorted(free_en)]
    left_ja = [ja[b] for b in sorted(free_ja)]
    pairs = []
    for a, e in enumerate(left_en):
        for b, j in enumerate(left_ja):
            count_ok = e.kind != "count" or _count_pairs_ok(e, j, left_en, left_ja)
            r = _mismatch_reason(e, j, count_ok)
            if r is not None:
                pairs.append((r[0], r[1], abs(_rel(a, len(left_en)) - _rel(b, len(left_ja))), a, b, r[2]))
    pairs.sort()
    paired_en: set[int] = set()
    paired_ja: set[int] = set()
    for _, _, _, a, b, reason in pairs:
        if a in paired_en or b in paired_ja:
            continue
        paired_en.add(a)
        paired_ja.add(b)
        e, j = left_en[a], left_ja[b]
        mismatches.append(_mismatch(e, j, reason))
    ja_values = [v for q in ja for v in _written(q)]
    en_values = [v for q in en for v in _written(q)]
    for a, e in enumerate(left_en):
        if (
            a in paired_en
            or not _eligible_missing(e)
            or any(_close(v, w) for v in _written(e) for w in ja_values)
        ):
            continue
        if not _mentioned(e.value, fold(ja_text), ja=True):
            mismatches.append(_mismatch(e, None, "missing"))
    for b, j in enumerate(left_ja):
        if (
            b not in paired_ja
            and _eligible_extra(j)
            and not any(_close(v, w) for v in _written(j) for w in en_values)
        ):
            if not _mentioned(j.value, en_text, ja=False):
                mismatches.append(_mismatch(None, j, "extra"))

    matches.sort(key=lambda m: (m.en.start, m.ja.start))
    mismatches.sort(key=lambda m: (m.en is None, m.en.start if m.en else 0, m.ja.start if m.ja else 0))
    return matches, mismatches
