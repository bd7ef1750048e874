"""The corpus rules: a name or term that different articles render differently (``align batch``).

They are rules like the others (a code, a name, a category, messages, documentation), so that
``align rules`` lists them and every output renders their findings' messages; what they find is
computed over a whole corpus by :func:`align.batch.consistency.corpus_findings`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..messages import Template
from ..model import Severity
from .base import Context, Rule

__all__ = ["RULES", "CorpusNameVariant", "CorpusTermVariant"]


class _CorpusRule(Rule):
    """A rule over the whole corpus: per pair it finds nothing; see :func:`corpus_findings`."""

    #: The per-article rule it extends: the corpus rule runs only when that one is selected.
    extends = ""
    messages = {
        "variants": Template(
            "{english!r} is rendered {count} ways across articles: {forms}; preferred: {preferred}",
            "「{english}」の表記が記事によって{count}通りあります: {forms_ja}。推奨: {preferred}",
        )
    }

    def check(self, ctx: Context) -> Iterator[Any]:
        return iter(())


class CorpusNameVariant(_CorpusRule):
    """One English name transliterated differently in different articles of a corpus.

    ``align batch`` only. Each article is compared by the form it prefers for the name (its
    most frequent one, or the glossary's); the corpus's preferred form is the one most
    articles prefer (ties: more occurrences, then the first article by name). The dashboard
    lists every form with the articles using it. Runs when AL201 (name-variant) does.

    Anti-pattern::

        article-1 JA: …クイルブルック氏は…（throughout）
        article-2 JA: …キルブルック氏は…（throughout）

    Better::

        article-2 JA: …クイルブルック氏は…
    """

    code = "AL901"
    name = "corpus-name-variant"
    category = "name-variant"
    severity = Severity.WARNING
    extends = "AL201"


class CorpusTermVariant(_CorpusRule):
    """One English name or term written in different scripts or words in different articles.

    ``align batch`` only; the corpus counterpart of AL202 (term-variant), with the same
    comparison as AL901: Latin in one article and katakana in another (Acme / アクメ), or a
    transliteration in one and a translation in another. Runs when AL202 does.

    Anti-pattern::

        article-1 JA: Acme社は…
        article-2 JA: アクメ社は…

    Better::

        article-2 JA: Acme社は…
    """

    code = "AL902"
    name = "corpus-term-variant"
    category = "term-variant"
    severity = Severity.WARNING
    extends = "AL202"


RULES: tuple[type[_CorpusRule], ...] = (CorpusNameVariant, CorpusTermVariant)
