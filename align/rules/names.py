"""One English name or term rendered several ways in the Japanese (found through the alignment)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from ..phrases.renderings import TermForms, script_of
from .base import Context, Rule


def describe(entry: TermForms) -> str:
    forms = ", ".join(f"{v.form} ×{v.count} ({', '.join(map(str, v.sentences))})" for v in entry.variants)
    preferred = entry.preferred.form
    return f"{entry.english!r} is rendered {len(entry.variants)} ways: {forms}; preferred: {preferred}"


class _VariantRule(Rule):
    #: True for the rule that takes entries whose forms are all katakana.
    katakana_only = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.term_forms:
            if len(entry.variants) < 2:
                continue
            all_kana = all(script_of(v.form) == "katakana" for v in entry.variants)
            if all_kana != self.katakana_only:
                continue
            preferred = entry.preferred.form
            # Deviant forms first, so that the reported position is a deviant one.
            occurrences = sorted(entry.renderings, key=lambda r: (r.form == preferred, r.ja, r.start))
            spans = [ctx.ja_span(ctx.ja.segments[r.ja], r.start, r.end) for r in occurrences]
            yield self.finding(
                describe(entry),
                ja=[r.ja for r in occurrences],
                en=[i for r in occurrences for i in r.en],
                spans=spans,
                expected=entry.english,
                preferred=preferred,
                variants=entry.variants,
            )


class NameVariant(_VariantRule):
    """One English name transliterated several ways in katakana.

    Found through the alignment, not by string similarity: each English name
    is paired with the katakana words of its aligned sentences, so that even a
    rendering that sounds nothing like the others is tied to its name. The
    preferred form is the most frequent one (ties: the first seen) unless the
    glossary (``--glossary``) says otherwise.

    Anti-pattern::

        EN: Smith said ... Smith added ...
        JA: スミス氏は…と述べた。…スミット氏は…と付け加えた。

    Better::

        JA: スミス氏は…と述べた。…スミス氏は…と付け加えた。
    """

    code = "AL201"
    name = "name-variant"
    category = "name-variant"
    severity = Severity.ERROR
    katakana_only = True


class TermVariant(_VariantRule):
    """One English name or term written in different scripts or translated differently.

    Latin in one place and katakana in another (Acme / アクメ, WidgetPro /
    ウィジェットPro), or a transliteration in one place and a translation in
    another (サンライズ / 日の出 for Sunrise).

    Anti-pattern::

        JA: Acme社は…。アクメ社の株価は…。

    Better::

        JA: Acme社は…。Acme社の株価は…。
    """

    code = "AL202"
    name = "term-variant"
    category = "term-variant"
    severity = Severity.WARNING
    katakana_only = False


RULES: tuple[type[Rule], ...] = (NameVariant, TermVariant)
