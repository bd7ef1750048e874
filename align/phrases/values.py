"""Every number of a bead accounted for, value by value: the last step of align.phrases.numbers.

The typed steps of ``match_quantities`` pair quantities by kind and unit and report what a
faithful translation keeps (money, percentages, measures, dates). What they leave is compared
here as two multisets of values: bare numbers ("between 0 and 1" -> 0と1の間), ordinals,
counts of a thing no counter names (60 columns -> 60の列), a year that one side writes in a
date the other splits, and the digits of codes and names (theta1 -> シータ1).

1. **Equal values** pair one to one, whatever their kinds, nearest positions first.
2. **Repeats.** A value that the other side writes anywhere (a figure said twice, a value
   inside a code) is accounted for.
3. **Changed numbers.** What is left pairs one English value with one Japanese value of the
   same shape (digits before and after the point) and a compatible kind: a bare number,
   ordinal or count against anything but a time, version or port. A repeat pairs only
   with a value that is not one. The tie is strong when the two are the only values left on
   their sides; otherwise it is a tie by position, which the finding says (at a lower severity).
4. **Alone.** A value left with no counterpart is missing from (or added to) the translation,
   unless it is of a benign class, one that translations legitimately leave out or add
   (:func:`reportable`; align.phrases.numbers adds the rules of the typed kinds, and spares
   a digit written for the kanji numeral of a word, 2の次, and the values of a whole sentence
   that the other side does not render, an omission rather than missing numbers):

   - digits of a code or a name (theta1, COVID-19: ``loose_numbers``);
   - a number in words or kanji ("two", 一つ): translations rephrase them (both, 両方);
   - an estimate (about 100, 約100, 二、三, a range of amounts, 2-3の for "a few");
   - an ordinal, a label or a list marker (Chapter 4, 第4章, 1. , [3]);
   - a time of day, a score, a version or port (rephrased: noon, a win, the latest release);
   - a fraction (3分の1 is often "33%").
"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from ..lexicon.quantities import Quantity, fold

__all__ = ["LOOSE_KINDS", "Accounting", "Item", "account", "items_of", "reportable", "shape"]

#: Kinds that state a value a bare number may be a changed form of ("60 columns" -> 54の列).
LOOSE_KINDS = frozenset({"number", "ordinal", "count"})
#: Kinds whose value is not a plain number (minutes after midnight, a release).
_NOT_PLAIN = frozenset({"time", "version", "port"})
#: Kinds never reported alone: translations rephrase a time (noon), a score (a win), a release.
_NEVER_ALONE = _NOT_PLAIN | {"score"}
_DATE_PARTS = ("year", "month", "day")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Item:
    """One value a bead's side writes: a quantity's value, or one part of a date."""

    q: Quantity
    value: float
    #: "year", "month" or "day" for a part of a date, else "".
    part: str = ""

    @property
    def code(self) -> bool:
        return self.q.unit == "code"

    @property
    def family(self) -> str:
        if self.part:
            return self.part
        if self.q.kind == "year":
            return "year"
        return "loose" if self.q.kind in LOOSE_KINDS else self.q.kind


@dataclass(frozen=True)
class Accounting:
    #: (English item, Japanese item, strong tie) of every changed number.
    pairs: tuple[tuple[Item, Item, bool], ...]
    #: Values left with no counterpart (the caller decides which a faithful translation keeps).
    alone_en: tuple[Item, ...]
    alone_ja: tuple[Item, ...]


def items_of(q: Quantity) -> list[Item]:
    """The values a quantity writes: each written part of a date, both numbers of a score
    (70対30) or of a fraction written in digits (296分の64), else its value."""
    if q.date is not None and q.kind == "date":
        return [Item(q, float(p), name) for p, name in zip(q.date, _DATE_PARTS, strict=True) if p is not None]
    if q.kind == "score":
        return [Item(q, float(v)) for v in q.version.split("-") if v]
    if q.unit == "fraction":
        parts = _DIGITS.findall(fold(q.text))
        if len(parts) == 2:
            return [Item(q, float(v)) for v in parts]
    return [Item(q, q.value)]


def shape(v: float) -> tuple[int, int]:
    """Digits before and after the point: 60 and 54 share one, 0.5 and 6.5 another."""
    whole, _, frac = f"{abs(v):.6f}".rstrip("0").rstrip(".").partition(".")
    return len(whole), len(frac)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _rel(i: int, n: int) -> float:
    return i / max(1, n - 1)


def _equal(en: Sequence[Item], ja: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """Step 1: equal values pair one to one, nearest relative positions first; the rest."""
    cands = sorted(
        (abs(_rel(a, len(en)) - _rel(b, len(ja))), a, b)
        for a, e in enumerate(en)
        for b, j in enumerate(ja)
        if _close(e.value, j.value)
    )
    used_en: set[int] = set()
    used_ja: set[int] = set()
    for _, a, b in cands:
        if a not in used_en and b not in used_ja:
            used_en.add(a)
            used_ja.add(b)
    left_en = [e for a, e in enumerate(en) if a not in used_en]
    return left_en, [j for b, j in enumerate(ja) if b not in used_ja]


def _compatible(e: Item, j: Item, only: bool) -> bool:
    """Two leftovers that may be one number changed: the same shape, and kinds that agree or a
    loose side (a bare number, ordinal, count or code) against a plain value."""
    if shape(e.value) != shape(j.value) or e.q.kind in _NOT_PLAIN or j.q.kind in _NOT_PLAIN:
        return False
    if not (_in_digits(e) or _in_digits(j)):
        return False  # "two" against 一つ: words and kanji are rephrased too freely
    if e.code and not _in_digits(e) or j.code and not _in_digits(j):
        return False  # "once" and "one" only account for a value
    fe, fj = e.family, j.family
    loose = {"loose", "code"}
    if fe == fj or fe in loose and fj in loose:
        return True
    # A bare number against a typed value ("60 columns" -> 54の列, 1885 -> １８９５（明治２８）年):
    # both in digits, or one when they are the only values left ("second-year" -> ３年).
    digits = _in_digits(e) and _in_digits(j) or only
    return (fe in loose or fj in loose) and digits and not {fe, fj} & {"month", "day"}


def account(
    en: Sequence[Item],
    ja: Sequence[Item],
    en_seen: Sequence[float],
    ja_seen: Sequence[float],
    repeated: Container[int] = (),
) -> Accounting:
    """Steps 1-4 of the module docstring. *en_seen* and *ja_seen* are every value each side
    writes (the paired quantities' too): a leftover written there is a repeat, and so is one
    whose quantity's id is in *repeated* (a repeat of another form: $5mn, 500万ドル)."""
    left_en, left_ja = _equal(en, ja)
    rep_en = [id(e.q) in repeated or any(_close(e.value, v) for v in ja_seen) for e in left_en]
    rep_ja = [id(j.q) in repeated or any(_close(j.value, v) for v in en_seen) for j in left_ja]
    pairs = _changed(left_en, left_ja, rep_en, rep_ja)
    paired = {id(e) for e, _, _ in pairs} | {id(j) for _, j, _ in pairs}
    alone_en = tuple(e for e, rep in zip(left_en, rep_en, strict=True) if id(e) not in paired and not rep)
    alone_ja = tuple(j for j, rep in zip(left_ja, rep_ja, strict=True) if id(j) not in paired and not rep)
    return Accounting(tuple(pairs), alone_en, alone_ja)


def _changed(
    left_en: list[Item], left_ja: list[Item], rep_en: list[bool], rep_ja: list[bool]
) -> list[tuple[Item, Item, bool]]:
    """Step 3: leftovers paired as changed numbers, non-repeats, codes last, then nearest first."""
    only = len(left_en) == 1 and len(left_ja) == 1
    cands = []
    for a, e in enumerate(left_en):
        for b, j in enumerate(left_ja):
            if _compatible(e, j, only) and _repeat_ok(e, j, rep_en[a], rep_ja[b]):
                rel = abs(_rel(a, len(left_en)) - _rel(b, len(left_ja)))
                cands.append((rep_en[a] + rep_ja[b], e.code + j.code, rel, a, b))
    cands.sort()
    pairs: list[tuple[Item, Item, bool]] = []
    paired_en: set[int] = set()
    paired_ja: set[int] = set()
    for *_, a, b in cands:
        e, j = left_en[a], left_ja[b]
        if a in paired_en or b in paired_ja or not (only or _in_digits(e) and _in_digits(j)):
            continue  # a tie by position holds only between digits (4 and 一小節 are no pair)
        paired_en.add(a)
        paired_ja.add(b)
        pairs.append((e, j, only and not (e.code or j.code)))
    return pairs


def _repeat_ok(e: Item, j: Item, rep_e: bool, rep_j: bool) -> bool:
    """A repeat pairs only with a value that is none, written in digits (一小節 is no changed 4)."""
    if rep_e and rep_j:
        return False
    return _in_digits(j) if rep_e else _in_digits(e) if rep_j else True


def _in_digits(item: Item) -> bool:
    return any(ch.isdigit() for ch in item.q.text)


def reportable(item: Item) -> bool:
    """A value left alone that a faithful translation keeps (step 4 of the module docstring)."""
    q = item.q
    if item.code or q.approx or q.kind in _NEVER_ALONE or q.unit == "fraction":
        return False  # a fraction is often a percentage on the other side (3分の1, 33%)
    return _in_digits(item)  # not words and kanji: "two", 一つ, a week
