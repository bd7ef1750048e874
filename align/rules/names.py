"""One English name or term rendered several ways in the Japanese (found through the alignment)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..messages import Template
from ..model import Document, Finding, Severity
from ..phrases.renderings import TermForms, script_of
from .base import Context, Rule
from .fixes import variant_fix


def places(ja: Document, entry: TermForms, form: str, sentences: Sequence[int]) -> str:
    """Where a form occurs, as 1-based ``line:col`` in the Japanese file, one per sentence.

    Users read positions in their file (as the text output gives them), never sentence
    indexes; a sentence's first occurrence of the form is cited, else its start.
    """
    out = []
    for j in sentences:
        seg = ja.segments[j]
        here = [r for r in entry.renderings if r.ja == j]
        r = next((r for r in here if r.form == form), here[0] if here else None)
        line, col = ja.line_col(seg.start + (r.start if r is not None else 0))
        out.append(f"{line}:{col}")
    return ", ".join(out)


def describe(ja: Document, entry: TermForms) -> str:
    """Every form with its count and places: ``スミス ×6 (2:11, 8:5), スミット ×1 (5:1)``."""
    return ", ".join(
        f"{v.form} ×{v.count} ({places(ja, entry, v.form, v.sentences)})" for v in entry.variants
    )


def is_name_variant(entry: TermForms) -> bool:
    """A person's name, or any name written in katakana only: a transliteration problem."""
    return entry.person or all(script_of(v.form) == "katakana" for v in entry.variants)


class _VariantRule(Rule):
    #: True for the rule that takes names (persons, katakana-only forms), False for terms.
    names = True
    messages = {
        "variants": Template(
            "{english!r} is rendered {count} ways: {forms}; preferred: {preferred}",
            "「{english}」の表記が{count}通りあります: {forms}。推奨: {preferred}",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.term_forms:
            if len(entry.variants) < 2 or is_name_variant(entry) != self.names:
                continue
            preferred = entry.preferred.form
            cut = {r.form for r in entry.truncated}
            # Deviant forms first, so that the reported position is a deviant one; cut-short
            # forms are left to truncated-name.
            occurrences = sorted(
                (r for r in entry.renderings if r.form not in cut),
                key=lambda r: (r.form == preferred, r.ja, r.start),
            )
            spans = [ctx.ja_span(ctx.ja.segments[r.ja], r.start, r.end) for r in occurrences]
            yield self.finding(
                self.say(
                    "variants",
                    english=entry.english,
                    count=len(entry.variants),
                    forms=describe(ctx.ja, entry),
                    preferred=preferred,
                ),
                ja=[r.ja for r in occurrences],
                en=[i for r in occurrences for i in r.en],
                spans=spans,
                expected=entry.english,
                preferred=preferred,
                variants=entry.variants,
                fix=variant_fix(ctx, entry, occurrences),
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

    Fix (safe): every deviant occurrence becomes the preferred form. Unsafe when the
    preferred form only won a tie (first seen) or a deviant form was only inferred from
    the alignment: give the name in ``--glossary`` to decide it.
    """

    code = "AL201"
    name = "name-variant"
    category = "name-variant"
    severity = Severity.ERROR
    names = True


class TermVariant(_VariantRule):
    """One English name or term written in different scripts or translated differently.

    Latin in one place and katakana in another (Acme / アクメ, WidgetPro /
    ウィジェットPro), or a transliteration in one place and a translation in
    another (サンライズ / 日の出 for Sunrise).

    Anti-pattern::

        JA: Acme社は…。アクメ社の株価は…。

    Better::

        JA: Acme社は…。Acme社の株価は…。

    Fix: as for AL201 (a gloss that would repeat the preferred form, アクメ(Acme) ->
    Acme, goes too).
    """

    code = "AL202"
    name = "term-variant"
    category = "term-variant"
    severity = Severity.WARNING
    names = False


RULES: tuple[type[Rule], ...] = (NameVariant, TermVariant)
