"""Cross-article consistency: a name or term that different articles render differently.

Within one article, AL201/AL202 report a name or term written several ways. Across a corpus,
each article may be consistent on its own and still disagree with the next one (one article
writes a name one way throughout, another article another way). These corpus rules compare
what each article *prefers* for an English name or term; the other forms inside one article
are already that article's own findings, so nothing is reported twice.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import GlossaryEntry, GlossaryKind, Severity
from ..rules.corpus import RULES as CORPUS_RULES
from ..rules.corpus import CorpusNameVariant, CorpusTermVariant

__all__ = [
    "CORPUS_RULES",
    "CorpusFinding",
    "CorpusNameVariant",
    "CorpusTermVariant",
    "TermUse",
    "corpus_findings",
]


@dataclass
class TermUse:
    """How the articles of a corpus render one English name or term (built in pair order)."""

    english: str
    kinds: Counter[GlossaryKind] = field(default_factory=Counter)
    #: form -> the articles that prefer it, in pair order.
    preferred_in: dict[str, list[str]] = field(default_factory=dict)
    #: form -> occurrences over the corpus.
    counts: Counter[str] = field(default_factory=Counter)
    #: form -> the articles in which it occurs at all.
    articles: dict[str, list[str]] = field(default_factory=dict)
    readings: dict[str, str] = field(default_factory=dict)
    #: (english, japanese) example per preferring form: the first article's.
    examples: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, article: str, entry: GlossaryEntry) -> None:
        """One article's entry for this English unit."""
        self.kinds[entry.kind] += 1
        for v in entry.variants:
            self.counts[v.form] += v.count
            self.articles.setdefault(v.form, []).append(article)
            if v.reading and v.form not in self.readings:
                self.readings[v.form] = v.reading
            if v.status == "preferred":
                self.preferred_in.setdefault(v.form, []).append(article)
                self.examples.setdefault(v.form, entry.example)

    @property
    def kind(self) -> GlossaryKind:
        """The kind most articles give it (ties: the first given)."""
        return self.kinds.most_common(1)[0][0] if self.kinds else "term"

    @property
    def preferred(self) -> str:
        """The form most articles prefer; ties: more occurrences, then the first article's."""
        order = list(self.preferred_in)
        if not order:
            return self.counts.most_common(1)[0][0]
        return min(order, key=lambda f: (-len(self.preferred_in[f]), -self.counts[f], order.index(f)))

    @property
    def is_name(self) -> bool:
        """As AL201 decides: a person's name, or a name written in katakana only."""
        from ..phrases.renderings import script_of

        return self.kind == "person" or all(script_of(f) == "katakana" for f in self.preferred_in)


@dataclass(frozen=True)
class CorpusFinding:
    """A cross-article finding: the English unit, its corpus-preferred form and who uses what."""

    rule: str
    name: str
    category: str
    severity: Severity
    english: str
    preferred: str
    #: (form, articles preferring it, occurrences), the preferred form first.
    forms: tuple[tuple[str, tuple[str, ...], int], ...]
    message: str
    #: The rule's message template and its arguments (see align.messages).
    message_id: str = ""
    arguments: tuple[tuple[str, str], ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({a for _, arts, _ in self.forms for a in arts}))


def _plain(form: str) -> str:
    return unicodedata.normalize("NFKC", form).casefold()


def _some(articles: Sequence[str], most: int = 5, lang: str = "en") -> str:
    """The first few article names: a name used by hundreds of articles keeps a one-line message."""
    shown = ", ".join(articles[:most])
    if len(articles) <= most:
        return shown
    return shown + (
        f", … {len(articles) - most} more" if lang == "en" else f", …ほか{len(articles) - most}件"
    )


def corpus_findings(terms: Sequence[TermUse], codes: Sequence[str]) -> list[CorpusFinding]:
    """Findings of the corpus rules whose per-article rule is among *codes*, by English unit."""
    rules = {r.code: r for r in CORPUS_RULES if r.extends in codes}
    out = []
    for term in sorted(terms, key=lambda t: (t.english.lower(), t.english)):
        # Forms that differ only in width or case (ＡＩ / AI, N / n) are one spelling; a
        # one-letter unit (a variable, an initial) has no rendering to keep consistent.
        if len({_plain(f) for f in term.preferred_in}) < 2 or len(term.english) < 2:
            continue
        rule = CorpusNameVariant if term.is_name else CorpusTermVariant
        if rule.code not in rules:
            continue
        preferred = term.preferred
        ordered = sorted(term.preferred_in, key=lambda f: (f != preferred, -len(term.preferred_in[f]), f))
        forms = tuple((f, tuple(term.preferred_in[f]), term.counts[f]) for f in ordered)
        args = {
            "english": term.english,
            "count": str(len(forms)),
            "forms": "; ".join(f"{f} in {len(arts)} ({_some(arts)})" for f, arts, _ in forms),
            "forms_ja": "; ".join(f"{f}: {len(arts)}記事 ({_some(arts, lang='ja')})" for f, arts, _ in forms),
            "preferred": preferred,
        }
        message = rule.messages["variants"].render("en", args)
        out.append(
            CorpusFinding(
                rule.code,
                rule.name,
                rule.category,
                rule.severity,
                term.english,
                preferred,
                forms,
                message,
                "variants",
                tuple(args.items()),
            )
        )

    return out
