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
   dollar for A$, ``June 4`` for ``2025年6月4日``, "third-year" for 3年); then a bare number
   against anything of that value (a count, a year, an ordinal). Ties go to the pair whose
   positions in their sentences are closest. Candidates are taken greedily, each quantity once.
2. **Swaps.** Two pairs of the same kind whose values sit in each other's context: the words
   around each number (the English noun after it, the Japanese counter, the clause's verbs and
   nouns) are compared through JMdict glosses, with the words both contexts share removed.
   When only the crossed contexts are related, the two values are swapped ("opened 140 and
   closed 260" -> 260店を開設し、140店を閉鎖).
3. **Mismatches among the leftovers**, greedily by priority: the same amount in another
   currency ("currency"); the same value in another unit of the same dimension, or % against
   percentage points ("unit"); a date whose parts differ, month and day swapped included
   ("date"); the same kind and unit but off by a power of ten ("scale"); else the closest value
   of the same kind and unit ("value"). Counts pair only when their counters are related or
   when each is the only count left on its side.
4. **Repeats.** A leftover equal to a quantity already paired on the other side is the same
   number said twice (Japanese often repeats a figure the English gives once). This comes after
   the mismatches, so that "2-4 weeks ... 2 weeks" against ３～４週間…２週間 is a changed 3, not
   a repeated 2.
5. **Every value accounted for** (align.phrases.values): what is left, with the part of a
   date that only one side writes and the digits of codes and names (theta1, シータ1), is
   compared as two multisets of values. Equal values and repeats are accounted for; one value
   left on each side with the same shape is a changed number ("value"), a tie by position only
   unless they are the only values left; a value left alone is "missing" (English) or "extra"
   (Japanese) when a faithful translation keeps it: money, percentages, points, measures,
   durations, dates with a month, years (English only), versions, ports and counts with a
   counter written in digits (or in words from three up), and bare numbers written in digits.
   Never an ordinal, an estimate, a fraction, the digits of a code, a number in words or kanji
   ("one", "two", a year, half), which translations legitimately rephrase. In a bead of
   several sentences, a sentence none of whose values the other side renders is an omission or
   an addition, not a set of missing numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.quantities import (
    HALF_DAY,
    IMPERIAL,
    JA_COUNTERS,
    Quantity,
    duration_base,
    fold,
    kanjize_module,
    loose_numbers,
    measure_bases,
    same_currency,
    written_number,
)
from ..messages import Template
from ..model import NumberReason
from .values import Item, account, items_of, reportable

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
    #: False when the two sides are tied by their position in the bead only: no related words
    #: around them, and another quantity of their kind was left on a side.
    strong: bool = True


# --- units and amounts ------------------------------------------------------------------

#: Dimensions whose units a translation confuses: MW for MWh is the classic.
_FAMILY = {"power": "electric", "energy": "electric"}
#: Currencies written as a bare "$" or ドル could be any dollar.
_DOLLARS = frozenset({"USD", "AUD", "CAD", "HKD", "NZD", "SGD", "TWD"})
_MONTH_NAMES = "January February March April May June July August September October November December".split()


def _close(a: float, b: float, rel: float = 1e-9) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


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
    # Rs and ルピー may be any rupee: they agree with each of theirs.
    return same_currency(e.unit, j.unit)


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


def _money_level(e: Quantity, j: Quantity) -> int | None:
    if not _close(e.value, j.value) or not _currency_ok(e, j):
        return None
    return 0 if e.unit == j.unit else 1


def _duration_level(e: Quantity, j: Quantity) -> int | None:
    a, b = duration_base(e), duration_base(j)
    if a is None or b is None or a[0] != b[0] or not _close(a[1], b[1], 1e-6):
        return None
    return 0 if e.unit == j.unit else 1


def _date_level(e: Quantity, j: Quantity) -> int | None:
    ok, same = _dates_compatible(e, j)
    return (0 if same else 1) if ok else None


def _time_level(e: Quantity, j: Quantity) -> int | None:
    """11am = 午前11時 = 11時; 11 pm = 23時 = 午後11時 = 11時 (a 12-hour time matches either half)."""
    if _close(e.value, j.value):
        return 0
    if "12h" in (e.unit, j.unit) and _close(e.value % HALF_DAY, j.value % HALF_DAY):
        return 1
    return None


def _score_level(e: Quantity, j: Quantity) -> int | None:
    """24-0 = 24対0; a score told from the other side (0-24) is the same result."""
    if e.version == j.version:
        return 0
    return 1 if e.version.split("-")[::-1] == j.version.split("-") else None


_SAME_KIND_LEVEL = {
    "money": _money_level,
    "measure": lambda e, j: _measure_level(e, j),
    "duration": _duration_level,
    "date": _date_level,
    "year": _date_level,
    "version": lambda e, j: 0 if e.version == j.version else None,
    "time": _time_level,
    "score": _score_level,
}


def _bare_number_level(e: Quantity, j: Quantity) -> int | None:
    """A bare number against a quantity of another kind: the same value (not a date's parts),
    half = 50 %, "at 11" = 11時."""
    num, other = (e, j) if e.kind == "number" else (j, e)
    if _close(e.value, j.value) and not (other.kind == "date" and not _day_only(other)):
        return 2 if other.kind != "time" else None
    if other.kind == "percent" and _close(num.value * 100, other.value, 1e-3):
        return 2  # half = 50%
    if other.kind == "percent" and num.unit == "fraction" and abs(num.value * 100 - other.value) < 1:
        return 2  # a third = 33% (the percentage rounded)
    if other.kind == "time" and _close(num.value * 60 % HALF_DAY, other.value % HALF_DAY):
        return 2  # "at 11" = 11時
    return None


def _cross_kind_level(e: Quantity, j: Quantity) -> int | None:
    """Two quantities of different kinds that state one value (level 1 or 2), else None."""
    kinds = {e.kind, j.kind}
    if kinds == {"date", "year"}:
        return 1 if _dates_compatible(e, j)[0] else None
    if "version" in kinds:
        other, version = (j, e) if e.kind == "version" else (e, j)
        short = version.version.count(".") <= 1
        # Pixel 9 = ピクセル9, Zephyr 9 = ゼファー9台 (a model read as a count).
        return 2 if other.kind in ("number", "count") and short and _close(e.value, j.value) else None
    if "number" in kinds:
        return _bare_number_level(e, j)
    if not _close(e.value, j.value):
        return None
    if kinds <= {"count", "ordinal"} or kinds == {"count", "year"} or kinds == {"count", "duration"}:
        return 2  # 45歳 for "45 years", 2度 for "twice"
    if kinds == {"ordinal", "duration"}:
        o, d = (e, j) if e.kind == "ordinal" else (j, e)
        return 1 if o.counter == "year" and d.unit == "year" else None  # third-year = 3年 (生)
    if kinds in ({"date", "duration"}, {"date", "ordinal"}, {"date", "count"}):
        return 2 if _day_only(e if e.kind == "date" else j) else None
    if kinds == {"measure", "count"}:
        m = e if e.kind == "measure" else j
        return 2 if m.unit == "deg" else None  # 二度 / twice
    return None


def _level(e: Quantity, j: Quantity) -> int | None:
    """How well two quantities agree: 0 same kind and unit, 1 the same said another way,
    2 a bare number or a looser kind of the same value; None when they differ."""
    if e.kind != j.kind:
        return _cross_kind_level(e, j)
    same = _SAME_KIND_LEVEL.get(e.kind)
    if same is not None:
        return same(e, j)
    return 0 if _close(e.value, j.value) else None


def _measure_level(e: Quantity, j: Quantity) -> int | None:
    if e.unit == j.unit:
        return 0 if _close(e.value, j.value) else None
    for dim_e, base_e in measure_bases(e):
        for dim_j, base_j in measure_bases(j):
            if dim_e != dim_j:
                continue
            loose = e.unit in IMPERIAL or j.unit in IMPERIAL or "deg" in (e.unit, j.unit)
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
    if a == b or len(a) > 2 and a.rstrip("s") == b.rstrip("s"):
        return True  # vans / van
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


_Contexts = dict[int, tuple[set[str], set[str]]]


def _crossed(a: NumberMatch, b: NumberMatch, ctx: _Contexts, en_text: str) -> bool:
    """Whether two matches of one family have their values in each other's context."""
    if _family(a) != _family(b) or _close(a.en.value, b.en.value):
        return False
    if a.en.start == b.en.start or a.ja.start == b.ja.start:
        return False
    first, second = sorted((a.en, b.en), key=lambda q: q.start)
    if en_text and _RANGE_GAP.fullmatch(en_text[first.end : second.start]):
        return False  # "between 3 and 5", "$39 to $49": a range, not two facts
    ea, ja_a = ctx[id(a)]
    eb, ja_b = ctx[id(b)]
    ea, eb = ea - eb, eb - ea
    ja_a, ja_b = ja_a - ja_b, ja_b - ja_a
    # Both crossed contexts must be related, and neither straight one.
    straight = _affinity(ea, ja_a) + _affinity(eb, ja_b)
    return straight == 0 and bool(_affinity(ea, ja_b)) and bool(_affinity(eb, ja_a))


def _swaps(matches: list[NumberMatch], en_text: str, ja_text: str) -> list[tuple[NumberMatch, NumberMatch]]:
    """Pairs of matches whose values sit in each other's context (step 3 of the docstring)."""
    # A bare number on one side is fine ("closed 260" -> 260店), on both it is too weak a clue.
    cands = [
        m
        for m in matches
        if not {m.en.kind, m.ja.kind} & {"date", "year", "version", "port", "ordinal", "time", "score"}
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
            if id(a) not in used and id(b) not in used and _crossed(a, b, ctx, en_text):
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
    """Kinds whose leftovers can be paired as a wrong rendering of each other: not a bare
    number, unless it is a fraction or written with decimals (rose to 3.2)."""
    if q.kind == "number":
        return q.unit == "fraction" or "." in q.text and _has_digits(q)
    if q.kind == "ordinal":
        return _has_digits(q)
    if q.kind == "count":
        # "two cats" for 4匹 is a changed number; "one" and "a" are articles.
        return bool(q.counter) and (_has_digits(q) or abs(q.value) >= 2)
    return True


_UNIT_NOUN_ONLY = re.compile(r"(?:an?|the|this|that|next|last|past|\s)*(?:decade|century|fortnight)", re.I)
#: Kinds that a translation may well leave out or add: reported only as a changed pair.
_NEVER_MISSING = frozenset({"number", "ordinal", "score", "time"})


def _eligible_missing(e: Quantity) -> bool:
    # "the decade", "a century": a translation may well say 近年 or 今世紀 instead.
    if e.kind in _NEVER_MISSING or not _written_value_ok(e) or _UNIT_NOUN_ONLY.fullmatch(e.text):
        return False
    if e.kind == "measure":
        return e.unit not in ("deg", "magnitude")
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
    if j.kind in _NEVER_MISSING | {"year"} or not _written_value_ok(j) or j.approx:
        return False
    if _close(j.value, 1) and j.kind not in ("percent", "points"):
        return False
    if j.kind == "measure":
        return j.unit not in ("deg", "kilo", "magnitude")
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
    if e.kind in ("duration", "number"):
        return e.unit == j.unit
    if e.kind == "count":
        if _multiple(e) != _multiple(j):
            return False  # "doubled" (2倍) is no count of things
        return not (e.unit and j.unit) or e.unit == j.unit  # an age is not a decade of age
    return True


_Reason = tuple[int, float, NumberReason]


def _multiple(q: Quantity) -> bool:
    """2倍, "doubled", "twice": a multiple ("one billion times" counts occurrences, 回)."""
    return q.counter == "倍" or q.counter == "times" and not written_number(q.text)


def _unit_reason(e: Quantity, j: Quantity) -> _Reason | None:
    """The same value in another currency or unit: A$ for US$, MW for MWh, % for points."""
    ek, jk = e.kind, j.kind
    if not _close(e.value, j.value):
        return None
    if ek == jk == "money" and not _currency_ok(e, j):
        return 0, 0.0, "currency"
    if {ek, jk} == {"percent", "points"}:
        return 1, 0.0, "unit"
    if ek == jk == "measure" and e.unit != j.unit:
        de = {_FAMILY.get(d, d) for d, _ in measure_bases(e)}
        dj = {_FAMILY.get(d, d) for d, _ in measure_bases(j)}
        if de & dj:
            return 1, 0.0, "unit"
    if ek == jk == "duration" and e.unit != j.unit:
        return 1, 0.0, "unit"
    return None


def _date_reason(e: Quantity, j: Quantity) -> _Reason | None:
    """Dates and years whose written parts differ."""
    if e.date is None or j.date is None:
        return None
    shared = [(x, y) for x, y in zip(e.date, j.date, strict=True) if x and y]
    if not shared:
        return None
    # Prefer the date that agrees on more parts: 2030年2月期 for "February 2031", not 3月.
    differ = sum(x != y for x, y in shared)
    return 2, differ - 0.1 * (len(shared) - differ), "date"


def _value_reason(e: Quantity, j: Quantity) -> _Reason | None:
    """Same kind and unit, another value: a power of ten ("scale") or any other ("value")."""
    if e.kind in ("version", "score"):
        return (4, 0.0, "value") if _level(e, j) is None else None
    if e.kind == "time":
        return (4, abs(e.value - j.value) / HALF_DAY, "value") if _level(e, j) is None else None
    if _close(e.value, j.value):
        return None
    distance = abs(math.log10(abs(e.value) / abs(j.value))) if e.value and j.value else 99.0
    if _power_of_ten(j.value, e.value):
        return 3, distance, "scale"
    return 4, distance, "value"


def _mismatch_reason(e: Quantity, j: Quantity, loose_ok: bool) -> _Reason | None:
    """(priority, distance, reason) when *j* reads as a wrong rendering of *e*, else None.

    *loose_ok* says whether two counts or two bare numbers may pair at all (_loose_pair_ok).
    """
    if not (_pairable(e) and _pairable(j)):
        return None
    unit = _unit_reason(e, j)
    if unit is not None:
        return unit
    if e.kind in ("date", "year") and j.kind in ("date", "year"):
        return _date_reason(e, j)
    if e.kind != j.kind or e.kind in ("count", "number") and not loose_ok or not _same_unit(e, j):
        return None
    return _value_reason(e, j)


def _loose_pair_ok(e: Quantity, j: Quantity, left_en: list[Quantity], left_ja: list[Quantity]) -> bool:
    """Counts and bare numbers pair when each is the only one of its kind left on its side, when
    they share a unit (an age, a fraction), or (counts) when the counters are related."""
    if e.unit and e.unit == j.unit:
        return True
    if (
        sum(q.kind == e.kind and _pairable(q) for q in left_en) == 1
        and sum(q.kind == e.kind and _pairable(q) for q in left_ja) == 1
    ):
        return True
    if e.kind != "count":
        return False
    from ..lexicon.dictionary import gloss

    return bool(e.counter) and _affinity({e.counter.lower()}, set(gloss(j.counter))) > 0


def _mentioned(value: float, text: str, *, ja: bool) -> bool:
    """Whether a Japanese *text* writes *value* in kanji that the grammar leaves unread: 十分 may be
    ten minutes where UniDic reads "enough", so a missing number is reported only when truly
    absent. (Digits are all read: as quantities, or as the digits of codes.)"""
    if not ja or not text or not value.is_integer() or not 0 < value < 10**6:
        return False
    return bool(kanjize_module().number2kanji(int(value)) in text)


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
_UNITS_JA["magnitude"] = "マグニチュード"


def _describe_date(q: Quantity) -> str:
    assert q.date is not None
    y, m, d = q.date
    parts = []
    if m:
        parts.append(_MONTH_NAMES[m - 1] + (f" {d}" if d else ""))
    elif d:
        parts.append(f"day {d}")
    if y:
        parts.append(str(y))
    return ", ".join(parts) if m and d and y else " ".join(parts)


def _clock(q: Quantity) -> str:
    hours, minutes = divmod(int(q.value), 60)
    if q.unit == "12h":
        return f"{hours}:{minutes:02d} (a.m. or p.m.)"
    return f"{hours:02d}:{minutes:02d}"


def _describe_count(q: Quantity) -> str:
    if q.unit == "age":
        return f"aged {_amount(q.value)}"
    if q.unit == "decade":
        return f"in their {_amount(q.value)}s"
    return _amount(q.value)


_DESCRIBE_EN = {
    "money": lambda q: f"{q.unit or 'money'} {_amount(q.value)}",
    "percent": lambda q: f"{q.value:g}%",
    "points": lambda q: f"{q.value:g} percentage points",
    "version": lambda q: f"version {q.version}",
    "port": lambda q: f"port {q.value:g}",
    "ordinal": lambda q: f"#{q.value:g}",
    "time": _clock,
    "score": lambda q: q.version,
    "count": _describe_count,
}


def describe(q: Quantity, lang: str = "en") -> str:
    """The normalised reading of a quantity, for messages: "USD 265,000,000", "June 4", "3 week"."""
    if lang == "ja":
        return _describe_ja(q)
    if q.kind in ("measure", "duration"):
        unit = {"C": "°C", "F": "°F", "deg": "degrees", "kilo": "km or kg"}.get(q.unit, q.unit)
        return f"{_amount(q.value)} {unit}"
    if q.kind in ("date", "year") and q.date:
        return _describe_date(q)
    how = _DESCRIBE_EN.get(q.kind)
    return how(q) if how is not None else _amount(q.value)


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
    if q.kind == "time":
        hours, minutes = divmod(int(q.value), 60)
        return f"{hours}時{minutes:02d}分" + ("（午前または午後）" if q.unit == "12h" else "")
    if q.kind == "count" and q.unit in ("age", "decade"):
        return f"{_amount(q.value)}{'歳' if q.unit == 'age' else '代'}"
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

#: A changed pair tied by position only: the same message, saying so (AL401 reports it at a
#: lower severity).
_WEAK = "-weak"
MESSAGES.update(
    {
        key + _WEAK: Template(t.en + " (paired by position only)", t.ja + "（位置のみで対応付け）")
        for key, t in list(MESSAGES.items())
        if key not in ("swapped", "missing", "extra")
    }
)


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


def _mismatch(
    e: Quantity | None, j: Quantity | None, reason: NumberReason, *, weak: bool = False
) -> NumberMismatch:
    """A mismatch worded by its template (English in ``message``, id and arguments kept)."""
    if e is None and j is not None:
        key, args = "extra", _side("ja", j)
    elif j is None and e is not None:
        key, args = "missing", _side("en", e)
    else:
        assert e is not None and j is not None
        key, extra = _why(reason, e, j)
        key += _WEAK if weak else ""
        args = {**_side("ja", j), **_side("en", e), **extra}
    message = MESSAGES[key].render("en", args)
    return NumberMismatch(e, j, reason, message, key, tuple(args.items()), strong=not weak)


# --- the pairing ----------------------------------------------------------------------------


def _rel(i: int, n: int) -> float:
    return i / max(1, n - 1)


def _equal_pairs(en: list[Quantity], ja: list[Quantity]) -> tuple[list[NumberMatch], set[int], set[int]]:
    """Step 1: pairs of equal amounts, best level and nearest positions first. Returns (the
    matches, free English indices, free Japanese indices)."""
    matches: list[NumberMatch] = []
    free_en, free_ja = set(range(len(en))), set(range(len(ja)))
    for _, _, a, b in _equal_candidates(en, ja):
        if a in free_en and b in free_ja:
            matches.append(NumberMatch(en[a], ja[b]))
            free_en.discard(a)
            free_ja.discard(b)
    return matches, free_en, free_ja


def _equal_candidates(en: Sequence[Quantity], ja: Sequence[Quantity]) -> list[tuple[int, float, int, int]]:
    cands = []
    for a, e in enumerate(en):
        for b, j in enumerate(ja):
            lvl = _level(e, j)
            if lvl is not None:
                cands.append((lvl, abs(_rel(a, len(en)) - _rel(b, len(ja))), a, b))
    return sorted(cands)


def _repeats(
    en: list[Quantity], ja: list[Quantity], free_en: set[int], free_ja: set[int]
) -> list[NumberMatch]:
    """Step 4: a leftover equal to a quantity paired on the other side is the same figure said
    twice (Japanese often repeats what the English gives once). Runs after the changed pairs, so
    that "2-4 weeks ... 2 weeks" against ３～４週間…２週間 is a changed 3, not a repeated 2."""
    out = []
    for _, _, a, b in _equal_candidates(en, ja):
        if b in free_ja and a not in free_en or a in free_en and b not in free_ja:
            out.append(NumberMatch(en[a], ja[b]))
            free_en.discard(a)
            free_ja.discard(b)
    return out


def _family_of(q: Quantity) -> str:
    return "date" if q.kind in ("date", "year") else q.kind


@dataclass(frozen=True)
class _Texts:
    """The bead's two texts and the spans of all their quantities (for the words around one)."""

    en: str
    ja: str
    en_spans: tuple[tuple[int, int], ...]
    ja_spans: tuple[tuple[int, int], ...]
    #: (start, end) of each sentence of the bead, when it has several.
    en_sentences: tuple[tuple[int, int], ...] = ()
    ja_sentences: tuple[tuple[int, int], ...] = ()

    def tied(self, e: Quantity, j: Quantity) -> bool:
        """Whether the words around the two numbers are related (the counted noun, the verb)."""
        if not self.en or not self.ja:
            return False
        ec = _en_context(e, self.en, [s for s in self.en_spans if s != (e.start, e.end)])
        jc = _ja_context(j, self.ja, [s for s in self.ja_spans if s != (j.start, j.end)])
        return _affinity(ec, jc) > 0


def _tie(e: Quantity, j: Quantity, left_en: list[Quantity], left_ja: list[Quantity], texts: _Texts) -> int:
    """How the phrase layer ties two leftovers: 2 each is the only one of its kind left on its
    side, 1 the words around them are related, 0 by position only (a weak tie)."""
    fam = _family_of(e)
    if sum(_family_of(q) == fam for q in left_en) == 1 and sum(_family_of(q) == fam for q in left_ja) == 1:
        return 2
    return 1 if texts.tied(e, j) else 0


def _changed_pairs(left_en: list[Quantity], left_ja: list[Quantity], texts: _Texts) -> list[NumberMismatch]:
    """Step 4: leftovers paired as a wrong rendering of each other, best reason first, then the
    strongest tie (a value is compared with its own counterpart, not with any of its kind)."""
    pairs = []
    for a, e in enumerate(left_en):
        for b, j in enumerate(left_ja):
            r = _mismatch_reason(e, j, True)
            if r is None:
                continue
            tie = _tie(e, j, left_en, left_ja, texts)
            if e.kind in ("count", "number") and tie < 1 and not _loose_pair_ok(e, j, left_en, left_ja):
                continue  # two counts of unrelated things
            rel = abs(_rel(a, len(left_en)) - _rel(b, len(left_ja)))
            pairs.append((r[0], -min(tie, 1), r[1], rel, a, b, r[2], tie))
    pairs.sort()
    out: list[NumberMismatch] = []
    paired_en: set[int] = set()
    paired_ja: set[int] = set()
    for *_, a, b, reason, tie in pairs:
        if a in paired_en or b in paired_ja:
            continue
        paired_en.add(a)
        paired_ja.add(b)
        out.append(_mismatch(left_en[a], left_ja[b], reason, weak=tie == 0))
    return out


def _partial_dates(matches: Sequence[NumberMatch]) -> tuple[list[Item], list[Item]]:
    """Parts of a date that one side writes and its matched date does not: the year of "July
    1885" against 7月 (the Japanese wrote its year apart, as 1895（明治28）年)."""
    en_parts: list[Item] = []
    ja_parts: list[Item] = []
    for m in matches:
        if m.en.date is None or m.ja.date is None:
            continue
        e_items, j_items = items_of(m.en), items_of(m.ja)
        e_names = {i.part or "year" for i in e_items}
        j_names = {i.part or "year" for i in j_items}
        en_parts.extend(i for i in e_items if (i.part or "year") not in j_names)
        ja_parts.extend(i for i in j_items if (i.part or "year") not in e_names)
    return en_parts, ja_parts


def _alone_reported(item: Item, english: bool, other_text: str, own_text: str = "") -> bool:
    """Whether a value left alone is reported: a quantity of a kind a faithful translation keeps
    (_eligible_missing, _eligible_extra), or a loose value that values.reportable keeps; and
    the other side does not write it in a form the grammar leaves unread (kanji, 十分)."""
    q = item.q
    if q.kind in ("number",):
        keep = reportable(item)
    elif item.part == "year" and not english:
        keep = False  # a translation adds the year of a date for clarity (2025年6月4日 for June 4)
    else:
        keep = _eligible_missing(q) if english else _eligible_extra(q)
    if keep and not english and q.kind == "number" and _digit_in_word(q, own_text):
        return False
    return keep and not _mentioned(item.value, other_text, ja=english)


def _digit_in_word(q: Quantity, text: str) -> bool:
    """A digit written for a kanji numeral inside a word (2の次 for 二の次): in its kanji form,
    UniDic reads it as part of a longer word, not as a numeral (as the 一 of 一緒)."""
    digit = fold(q.text)
    if len(digit) != 1 or not "1" <= digit <= "9" or q.end > len(text):
        return False
    kanji = kanjize_module().number2kanji(int(digit))
    for start, end, _, _, _, pos2 in _ja_tokens(text[: q.start] + kanji + text[q.end :]):
        if start <= q.start < end:
            return pos2 != "数詞" and end - start > 1
    return False


def _values_step(
    en: list[Quantity],
    ja: list[Quantity],
    matches: Sequence[NumberMatch],
    rest: tuple[list[Quantity], list[Quantity]],
    texts: _Texts,
    repeats: Sequence[NumberMatch],
) -> list[NumberMismatch]:
    """Step 6: the leftovers as values (align.phrases.values): changed numbers, and values
    with no counterpart that a faithful translation keeps. A leftover that step 4 took for a
    repeat is one here too: it pairs only with a value that is not."""
    loose_en = loose_numbers(texts.en, en) if texts.en else []
    loose_ja = loose_numbers(texts.ja, ja) if texts.ja else []
    part_en, part_ja = _partial_dates(matches)
    en_items = [i for q in rest[0] for i in items_of(q)] + part_en + [Item(q, q.value) for q in loose_en]
    ja_items = [i for q in rest[1] for i in items_of(q)] + part_ja + [Item(q, q.value) for q in loose_ja]
    if not en_items and not ja_items:
        return []
    en_seen = [i.value for q in en + loose_en for i in items_of(q)]
    ja_seen = [i.value for q in ja + loose_ja for i in items_of(q)]
    repeated = {id(m.en) for m in repeats} | {id(m.ja) for m in repeats}
    acc = account(sorted(en_items, key=_at), sorted(ja_items, key=_at), en_seen, ja_seen, repeated)
    out = []
    used: set[int] = set()
    for e, j, strong in acc.pairs:
        if id(e.q) not in used and id(j.q) not in used:  # one finding per quantity (a date has parts)
            used.update((id(e.q), id(j.q)))
            out.append(_mismatch(e.q, j.q, "value", weak=not strong))
    out.extend(_alone(acc.alone_en, en + loose_en, texts, True, used))
    out.extend(_alone(acc.alone_ja, ja + loose_ja, texts, False, used))
    return out


def _alone(
    items: Sequence[Item], side: Sequence[Quantity], texts: _Texts, english: bool, used: set[int]
) -> list[NumberMismatch]:
    """Values with no counterpart that a faithful translation keeps, one finding per quantity.

    In a bead of several sentences, a sentence none of whose values the other side renders is
    missing (or added) as a whole: that is an omission (an addition), not a set of number
    defects on its neighbour, and its numbers are not reported one by one."""
    alone = {id(i.q) for i in items}
    sentences = texts.en_sentences if english else texts.ja_sentences
    out = []
    for item in items:
        q = item.q
        other, own = (texts.ja, texts.en) if english else (texts.en, texts.ja)
        if id(q) in used or not _alone_reported(item, english, other, own):
            continue
        if len(sentences) > 1 and _all_alone(q, sentences, side, alone):
            continue
        used.add(id(q))
        out.append(_mismatch(q, None, "missing") if english else _mismatch(None, q, "extra"))
    return out


def _all_alone(
    q: Quantity, sentences: Sequence[tuple[int, int]], side: Sequence[Quantity], alone: set[int]
) -> bool:
    """Whether every value of the sentence that holds *q* is left alone."""
    span = next(((s, e) for s, e in sentences if s <= q.start < e), None)
    if span is None:
        return False
    return all(id(o) in alone for o in side if span[0] <= o.start < span[1])


def _at(item: Item) -> tuple[int, int]:
    return item.q.start, item.q.end


def match_quantities(
    en: Sequence[Quantity],
    ja: Sequence[Quantity],
    *,
    en_text: str = "",
    ja_text: str = "",
    en_sentences: Sequence[tuple[int, int]] = (),
    ja_sentences: Sequence[tuple[int, int]] = (),
) -> tuple[list[NumberMatch], list[NumberMismatch]]:
    """Pair the quantities of one bead (see the module docstring for the algorithm).

    *en_text* and *ja_text*, when given, are the texts the offsets refer to (a bead's
    sentences joined); the words around each number then help to detect swapped values and
    to tie a changed number to its counterpart, and the digits of codes and names account for
    values (align.phrases.values). *en_sentences* and *ja_sentences* are the (start, end) of
    each sentence of a bead of several: a sentence none of whose values the other side renders
    is an omission or addition, not a set of missing numbers. Results are in English order
    (then Japanese order for extras).
    """
    en, ja = list(en), list(ja)
    matches, free_en, free_ja = _equal_pairs(en, ja)
    texts = _Texts(
        en_text,
        ja_text,
        tuple((q.start, q.end) for q in en),
        tuple((q.start, q.end) for q in ja),
        tuple(en_sentences),
        tuple(ja_sentences),
    )
    mismatches: list[NumberMismatch] = []
    for x, y in _swaps(matches, en_text, ja_text):
        args = {"ja": x.ja.text, "ja2": y.ja.text, "en": x.en.text, "en2": y.en.text}
        msg = MESSAGES["swapped"].render("en", args)
        mismatches.append(NumberMismatch(x.en, x.ja, "swapped", msg, "swapped", tuple(args.items())))
    changed = _changed_pairs([en[a] for a in sorted(free_en)], [ja[b] for b in sorted(free_ja)], texts)
    mismatches.extend(changed)
    paired = {id(m.en) for m in changed} | {id(m.ja) for m in changed}
    free_en = {a for a in free_en if id(en[a]) not in paired}
    free_ja = {b for b in free_ja if id(ja[b]) not in paired}
    rest = ([en[a] for a in sorted(free_en)], [ja[b] for b in sorted(free_ja)])
    repeats = _repeats(en, ja, free_en, free_ja)
    matches.extend(repeats)
    mismatches.extend(_values_step(en, ja, matches, rest, texts, repeats))
    matches.sort(key=lambda m: (m.en.start, m.ja.start))
    mismatches.sort(key=lambda m: (m.en is None, m.en.start if m.en else 0, m.ja.start if m.ja else 0))
    return matches, mismatches
