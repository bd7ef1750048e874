"""What a post-editing file (XLIFF, PO) shows: every English sentence, and the Japanese beside it.

Every English unit becomes an entry; an omitted one has an empty target for the post-editor
to fill. A Japanese sentence with no English (an addition, a duplicate) cannot be an entry of
its own: an empty source is valid XLIFF 1.2, but OmegaT, memoQ and Trados skip segments whose
source is empty, and in PO an empty ``msgid`` is the header's. So it joins the target of the
unit it follows in the text (the first unit, when it comes before every other), with a note
saying so: the post-editor sees it where it stands and can keep, fix or delete it, and
``align apply`` writes whatever the target then holds back over the same stretch of text.

Each entry records its :class:`~align.model.Place` in the input files as a short text
(:func:`place_text`), which ``align apply`` reads back (:func:`parse_place`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Finding, Place, Severity, Suggestion, Unit

__all__ = ["EditUnit", "added_note", "edit_units", "parse_place", "place_text"]


@dataclass(frozen=True)
class EditUnit:
    """One entry of a post-editing file: an English unit and the Japanese-only units it shows."""

    unit: Unit
    #: The units whose Japanese the target holds, in text order (the English unit among them).
    members: tuple[Unit, ...]
    #: Where the target sits in the Japanese file, and the source in the English one.
    place: Place | None

    @property
    def id(self) -> str:
        return self.unit.id

    @property
    def source(self) -> str:
        return self.unit.en

    @property
    def target(self) -> str:
        return "".join(m.ja for m in self.members)

    @property
    def added(self) -> tuple[Unit, ...]:
        return tuple(m for m in self.members if not m.en)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every member's findings, each once, worst first."""
        merged = dict.fromkeys(f for m in self.members for f in m.findings)
        return tuple(sorted(merged, key=lambda f: (-f.severity, f.rule)))

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    @property
    def suggestion(self) -> Suggestion | None:
        """The members' suggestions over the whole target (a member without one as it is)."""
        fixed = [m.suggestion for m in self.members if m.suggestion is not None]
        if not fixed:
            return None
        text = "".join(m.suggestion.text if m.suggestion else m.ja for m in self.members)
        fixes = tuple(dict.fromkeys(r for s in fixed for r in s.fixes))
        descriptions = tuple(dict.fromkeys(d for s in fixed for d in s.descriptions))
        return Suggestion(text, fixes, descriptions)

    @property
    def ja_sentences(self) -> tuple[int, ...]:
        return tuple(i for m in self.members for i in m.ja_sentences)


def added_note(unit: Unit) -> str:
    """The note of a Japanese-only unit shown in another unit's target."""
    return f"Japanese with no English counterpart, kept in this target: 「{unit.ja}」"


def _merged_place(members: Sequence[Unit]) -> Place | None:
    places = [m.place for m in members if m.place is not None]
    if not places:
        return None
    host = next(m.place for m in members if m.en and m.place is not None)
    spans = tuple(s for p in places for s in p.ja if s[0] != s[1])
    if not spans:
        return host
    return Place(spans, host.en)


def _groups(units: Iterable[Unit]) -> list[list[Unit]]:
    """Units grouped under the English unit whose target shows them, in text order."""
    groups: list[list[Unit]] = []
    current: list[Unit] | None = None  # the last group with Japanese: additions join it
    pending: list[Unit] = []  # additions before any English unit with Japanese
    for unit in units:
        if unit.en and unit.ja:
            current = [*pending, unit]
            pending = []
            groups.append(current)
        elif unit.en:
            groups.append([unit])
        elif current is not None:
            current.append(unit)
        else:
            pending.append(unit)
    if pending and groups:  # no English unit has Japanese: the additions go to the first one
        groups[0][:0] = pending
    return groups


def _moved_out(place: Place | None, ranges: list[tuple[int, int]]) -> Place | None:
    """An omitted unit's insertion point, moved past a target that now surrounds it."""
    if place is None or place.ja[0][0] != place.ja[0][1]:
        return place
    point = place.ja[0][0]
    for start, end in ranges:
        if start < point < end:
            return Place(((end, end),), place.en, place.paragraph)
    return place


def edit_units(units: Iterable[Unit]) -> list[EditUnit]:
    """The entries of a post-editing file: one per unit with English, in order."""
    groups = _groups(units)
    places = [_merged_place(g) for g in groups]
    ranges = [(p.ja[0][0], p.ja[-1][1]) for p in places if p is not None and p.ja[0][0] != p.ja[-1][1]]
    out = []
    for group, place in zip(groups, places, strict=True):
        host = next(u for u in group if u.en)
        out.append(EditUnit(host, tuple(group), _moved_out(place, ranges)))
    return out


_PLACE = re.compile(r"^ja=(?:@(\d+)(/p)?|(\d+-\d+(?:,\d+-\d+)*)) en=(\d+-\d+(?:,\d+-\d+)*)$")


def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (s.split("-") for s in text.split(",")))


def place_text(place: Place) -> str:
    """``ja=120-130,131-140 en=300-345``; an insertion point as ``ja=@120`` (``/p``: new paragraph)."""
    en = ",".join(f"{s}-{e}" for s, e in place.en)
    start, end = place.ja[0]
    if len(place.ja) == 1 and start == end:
        return f"ja=@{start}{'/p' if place.paragraph else ''} en={en}"
    return "ja=" + ",".join(f"{s}-{e}" for s, e in place.ja) + f" en={en}"


def parse_place(text: str) -> Place | None:
    """The place that :func:`place_text` wrote; None when *text* is not one."""
    m = _PLACE.match(text.strip())
    if m is None:
        return None
    point, paragraph, ja, en = m.groups()
    if point is not None:
        return Place(((int(point), int(point)),), _spans(en), bool(paragraph))
    return Place(_spans(ja), _spans(en))
