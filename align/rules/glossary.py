"""The user's glossary (``--glossary``, TSV, CSV or TBX) enforced on the Japanese.

An entry applies to names and to common and multi-word terms alike: its English is found
in the English of each bead (whole words, any case for a lower-case entry, plural -s and a
hyphen for a blank allowed), its forms in the bead's Japanese.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from ..messages import Template
from ..model import Finding, GlossaryEntry, Severity
from .base import Context, Rule
from .fixes import name_fix


@lru_cache(maxsize=4096)
def english_pattern(english: str) -> re.Pattern[str] | None:
    """Where an entry's English occurs in English text: "board of directors" also matches
    "Boards of Directors" and "board-of-directors"; "Smith" matches "Smith's" but not "smith".
    """
    words = re.findall(r"[^\W_]+(?:['’.][^\W_]+)*", english)
    if not words:
        return None
    body = r"(?:[\s\-]+)".join(re.escape(w) + r"(?:e?s)?" for w in words)
    flags = re.IGNORECASE if english == english.lower() else 0
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", flags)


def _approved(entry: GlossaryEntry) -> list[str]:
    return [v.form for v in entry.variants if v.status != "deprecated" and v.form]


def glossary_notes(entries: Sequence[GlossaryEntry], found: Iterable[str]) -> list[str]:
    """Why each entry could not be applied in a run; *found*: entries whose English occurred."""
    seen = set(found)
    notes = []
    for entry in sorted(entries, key=lambda e: e.english):
        if not any(v.form for v in entry.variants):
            why = "no Japanese form"
        elif english_pattern(entry.english) is None:
            why = "no English words to look for"
        elif _approved(entry) and entry.english not in seen:
            why = "its English never occurs in the English text"
        else:
            continue
        notes.append(f"entry {entry.english!r}: {why}")
    return notes


def entries_found(entries: Sequence[GlossaryEntry], english: str) -> set[str]:
    """The entries whose English occurs in *english*."""
    out = set()
    for entry in entries:
        pattern = english_pattern(entry.english)
        if pattern is not None and pattern.search(english):
            out.add(entry.english)
    return out


def _inside_any(text: str, start: int, end: int, forms: Iterable[str]) -> bool:
    """Whether text[start:end] lies within an occurrence of one of *forms* (スミ inside スミス)."""
    for form in forms:
        at = text.find(form, max(0, end - len(form)))
        while 0 <= at <= start:
            if end <= at + len(form):
                return True
            at = text.find(form, at + 1)
    return False


class GlossaryDeprecated(Rule):
    """A rendering the glossary marks as deprecated, or a name rendered other than the glossary prefers.

    Runs only with ``--glossary FILE`` (or ``glossary = "FILE"`` in the config). A
    deprecated form is reported wherever it occurs; an entry with no preferred form
    is a "DO NOT USE" term.

    Anti-pattern::

        glossary: Smith -> スミス (preferred), スミット (deprecated)
        JA: スミット氏は述べた。

    Better::

        JA: スミス氏は述べた。

    Fix (safe): the glossary's preferred form replaces the deviant one.
    """

    code = "AL203"
    name = "glossary-deprecated"
    category = "term-variant"
    severity = Severity.ERROR
    messages = {
        "deprecated": Template(
            "{form} is deprecated for {english!r} in the glossary; use {preferred}",
            "{form} は用語集で「{english}」の非推奨の訳です。{preferred} を使ってください",
        ),
        "deprecated-no-preferred": Template(
            "{form} is deprecated for {english!r} in the glossary; do not use it",
            "{form} は用語集で「{english}」の非推奨の訳です。使わないでください",
        ),
        "not-preferred": Template(
            "{form} renders {english!r}, but the glossary prefers {preferred}",
            "{form} は「{english}」の訳ですが、用語集の推奨訳は {preferred} です",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.user_glossary:
            return
        seen: set[tuple[int, int]] = set()
        for entry in ctx.user_glossary:
            preferred = entry.preferred.form if entry.preferred else None
            said = "deprecated" if preferred else "deprecated-no-preferred"
            allowed = set(_approved(entry))
            for v in entry.variants:
                if v.status != "deprecated" or not v.form:
                    continue
                for seg in ctx.ja.segments:
                    start = seg.text.find(v.form)
                    while start >= 0:
                        seen.add((seg.index, start))
                        end = start + len(v.form)
                        fix, what = None, f"replace {v.form} with {preferred}"
                        if preferred is not None and not _inside_any(seg.text, start, end, allowed):
                            fix = name_fix(ctx, seg, start, end, preferred, True, what)
                        yield self.finding(
                            self.say(said, form=v.form, english=entry.english, preferred=preferred),
                            ja=[seg.index],
                            spans=[ctx.ja_span(seg, start, end)],
                            expected=preferred,
                            fix=fix,
                        )
                        start = seg.text.find(v.form, start + 1)
            if not allowed:
                continue
            for r in ctx.renderings:
                if r.english.lower() != entry.english.lower() or r.form in allowed or (r.ja, r.start) in seen:
                    continue
                if any(r.form in a or a in r.form for a in allowed):
                    continue  # part of an approved full name
                seg = ctx.ja.segments[r.ja]
                what = f"replace {r.form} with {preferred}"
                yield self.finding(
                    self.say("not-preferred", form=r.form, english=entry.english, preferred=preferred),
                    ja=[r.ja],
                    en=r.en,
                    spans=[ctx.ja_span(seg, r.start, r.end)],
                    expected=preferred,
                    fix=name_fix(ctx, seg, r.start, r.end, preferred, True, what) if preferred else None,
                )


class GlossaryTermMissing(Rule):
    """An English glossary term whose aligned Japanese has none of the glossary's approved forms.

    Runs only with ``--glossary FILE``. The English of a bead holds the entry
    (a name, a common or a multi-word term), but its Japanese holds neither the
    preferred nor an admitted form: the term was translated some other way. A
    bead that holds a deprecated form, or a rendering already reported by
    AL203, is left to AL203.

    Anti-pattern::

        glossary: supply chain -> サプライチェーン (preferred)
        EN: The supply chain is stable.
        JA: 供給網は安定している。

    Better::

        JA: サプライチェーンは安定している。
    """

    code = "AL204"
    name = "glossary-term-missing"
    category = "term-variant"
    severity = Severity.WARNING
    messages = {
        "missing": Template(
            "{term!r} is not rendered as the glossary's {preferred}",
            "「{term}」が用語集の訳 {preferred} で訳されていません",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        entries = [(e, _approved(e)) for e in ctx.user_glossary]
        entries = [(e, allowed) for e, allowed in entries if allowed and english_pattern(e.english)]
        if not entries:
            return
        for bead in ctx.alignment.beads:
            if not bead.en or not bead.ja:
                continue
            english, japanese = ctx.en_text(bead), ctx.ja_text(bead)
            for entry, allowed in entries:
                pattern = english_pattern(entry.english)
                m = pattern.search(english) if pattern else None
                if m is None or any(form in japanese for form in allowed):
                    continue
                deprecated = [v.form for v in entry.variants if v.status == "deprecated" and v.form]
                if any(form in japanese for form in deprecated) or self._rendered(ctx, entry, bead.ja):
                    continue  # AL203 reports the wrong form itself
                preferred = entry.preferred.form if entry.preferred else allowed[0]
                yield self.finding(
                    self.say("missing", term=m.group(), preferred=preferred),
                    ja=bead.ja,
                    en=bead.en,
                    expected=preferred,
                )

    @staticmethod
    def _rendered(ctx: Context, entry: GlossaryEntry, ja: Sequence[int]) -> bool:
        """Whether the phrase layer found a rendering of the entry in these sentences."""
        return any(r.english.lower() == entry.english.lower() and r.ja in ja for r in ctx.renderings)


RULES: tuple[type[Rule], ...] = (GlossaryDeprecated, GlossaryTermMissing)
