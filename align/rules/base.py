"""The rule framework: a Rule has a stable code, a name, a category and a check() generator.

A rule sees one document pair through a :class:`Context`, which also holds the
expensive shared things (tokens, bead maps, the phrase layer), computed lazily
and once per pair, so that ten rules do not tokenize the text ten times.
"""

from __future__ import annotations

import bisect
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ..messages import Message, Template
from ..model import (
    Alignment,
    Applicability,
    Bead,
    Category,
    Document,
    Edit,
    Finding,
    Fix,
    GlossaryEntry,
    Phrase,
    Segment,
    Severity,
    Span,
    Variant,
)
from .options import Configured, RuleOptions, configure, parse_table

if TYPE_CHECKING:
    from ..lexicon.tokens import Token
    from ..phrases import LatinCheck, NumberCheck
    from ..phrases.renderings import Rendering, TermForms
    from .restatement import Repeat, RepeatSettings

T = TypeVar("T")
R = TypeVar("R", bound="Rule")


class Context:
    """Everything a rule may look at for one pair (read-only for rules)."""

    def __init__(
        self,
        ja: Document,
        en: Document,
        alignment: Alignment,
        glossary: Sequence[GlossaryEntry] = (),
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.ja = ja
        self.en = en
        self.alignment = alignment
        #: The user's approved glossary (``--glossary``), not the one built from the text.
        self.user_glossary = tuple(glossary)
        self.options = options or {}
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a shared analysis once per pair."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    # --- beads ---------------------------------------------------------------

    @cached_property
    def bead_of_ja(self) -> dict[int, int]:
        """Japanese sentence index -> index of its bead."""
        return {j: k for k, b in enumerate(self.alignment.beads) for j in b.ja}

    @cached_property
    def bead_of_en(self) -> dict[int, int]:
        return {i: k for k, b in enumerate(self.alignment.beads) for i in b.en}

    def bead(self, k: int) -> Bead:
        return self.alignment.beads[k]

    def en_text(self, bead: Bead) -> str:
        if len(bead.en) == 1:  # most beads: the sentence's text itself, without a join
            return self.en.segments[bead.en[0]].text
        return " ".join([self.en.segments[i].text for i in bead.en])

    def ja_text(self, bead: Bead) -> str:
        if len(bead.ja) == 1:
            return self.ja.segments[bead.ja[0]].text
        return "".join([self.ja.segments[j].text for j in bead.ja])

    # --- offsets -------------------------------------------------------------

    @cached_property
    def _ja_starts(self) -> list[int]:
        return [s.start for s in self.ja.segments]

    def ja_at(self, offset: int) -> Segment | None:
        """The Japanese segment containing a document offset (None between segments)."""
        k = bisect.bisect_right(self._ja_starts, offset) - 1
        if k < 0:
            return None
        seg = self.ja.segments[k]
        return seg if seg.start <= offset < seg.end else None

    def ja_span(self, seg: Segment, start: int, end: int) -> Span:
        """A span from offsets relative to the sentence text."""
        return Span("ja", seg.index, start, end, seg.text[start:end])

    def ja_edit(self, seg: Segment, start: int, end: int, replacement: str) -> Edit:
        """An edit from offsets relative to the sentence text (fixes hold document offsets)."""
        return Edit(seg.start + start, seg.start + end, replacement)

    def paragraphs(self) -> Iterator[tuple[int, int, tuple[Segment, ...]]]:
        """(start, end, segments) of each Japanese paragraph, in document order."""
        group: list[Segment] = []
        for seg in self.ja.segments:
            if group and seg.paragraph != group[0].paragraph:
                yield group[0].start, group[-1].end, tuple(group)
                group = []
            group.append(seg)
        if group:
            yield group[0].start, group[-1].end, tuple(group)

    # --- shared lazy analyses -------------------------------------------------

    def tokens(self, j: int) -> tuple[Token, ...]:
        """fugashi/UniDic tokens of Japanese sentence *j*: the document's one token stream,
        which the aligner read too (see align.lexicon.tokens)."""
        from ..lexicon.tokens import document_tokens

        return document_tokens(self.ja)[j]

    def repeats(self, settings: RepeatSettings) -> tuple[Repeat, ...]:
        """Japanese sentences that repeat another instead of translating (align.rules.restatement),
        found once per pair and settings: the duplicate rule reports them, and the addition
        rule leaves them to it, under the duplicate rule's options."""
        from .restatement import find_repeats

        return self.memo(
            f"repeats:{settings!r}",
            lambda: find_repeats(self.ja, self.en, self.alignment, self.tokens, settings),
        )

    @cached_property
    def renderings(self) -> tuple[Rendering, ...]:
        """Every Japanese occurrence of an English name or term (see align.phrases.renderings)."""
        from ..phrases.renderings import find_renderings

        return find_renderings(self.ja, self.en, self.alignment)

    @cached_property
    def numbers(self) -> tuple[NumberCheck, ...]:
        """Every bead's numbers paired across the languages (the phrase layer)."""
        from ..phrases import check_numbers

        return check_numbers(self.ja, self.en, self.alignment)

    @cached_property
    def latin(self) -> tuple[LatinCheck, ...]:
        """Every bead's Latin tokens that must pass unchanged (the phrase layer)."""
        from ..phrases import check_latin

        return check_latin(self.ja, self.en, self.alignment)

    def phrases(self) -> tuple[Phrase, ...]:
        """The whole phrase layer as records (for the JSON output)."""
        from ..phrases import phrases

        return phrases(self.ja, self.en, self.alignment, self.renderings, self.numbers, self.latin)

    @cached_property
    def term_forms(self) -> tuple[TermForms, ...]:
        """The renderings grouped per English name or term, preferred form decided."""
        from ..phrases.renderings import group_forms

        return group_forms(self.renderings, self.en, self.user_glossary, self.ja)


class Rule:
    """Base class. Subclasses set the class attributes and implement :meth:`check`.

    The subclass docstring is the user documentation (``align rule CODE``): what
    the rule finds, an anti-pattern and the better form.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[Category]
    severity: ClassVar[Severity] = Severity.WARNING
    #: The options a user may set in ``[tool.align.rules.<CODE>]``: a frozen dataclass with
    #: defaults (see align.rules.options). A subclass with options also narrows ``options``.
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    options: RuleOptions
    #: Every message the rule can give: template id -> English and Japanese text.
    messages: ClassVar[Mapping[str, Template]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "defaults" in cls.__dict__ or "config" in cls.__dict__:
            raise TypeError(
                f"{cls.__name__}: declare options as a frozen dataclass (see align.rules.options)"
            )

    def __init__(self, options: Mapping[str, Any] | Configured | None = None) -> None:
        """The rule with the user's options: a :class:`Configured` record, or one table of raw
        options (validated; ConfigError names a bad key)."""
        if not isinstance(options, Configured):
            options = parse_table(type(self), options or {}, f"options[{self.code!r}]")
        self.options = options.options
        self.effective_severity = options.severity

    @classmethod
    def configured(cls: type[R], tables: Mapping[str, Mapping[str, Any]] | None) -> R:
        """The rule with its options from every user table (by code or name, see rules.options)."""
        return cls(configure(cls, tables))

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0]

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def say(self, id: str, **arguments: object) -> Message:
        """One of the rule's messages with its arguments (as strings), for :meth:`finding`."""
        if id not in self.messages:
            raise KeyError(f"{self.code}: no message {id!r}")
        return Message(id, tuple((k, str(v)) for k, v in arguments.items()))

    def finding(
        self,
        message: Message | str,
        *,
        ja: Sequence[int] = (),
        en: Sequence[int] = (),
        spans: Sequence[Span] = (),
        expected: str | None = None,
        preferred: str | None = None,
        variants: Sequence[Variant] = (),
        anchor: int | None = None,
        data: dict[str, object] | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        message_id, arguments = "", Message("").arguments

        if isinstance(message, Message):
            message_id, arguments = message.id, message.arguments
            message = self.messages[message.id].render("en", message.args)
        return Finding(
            self.code,
            self.name,
            self.category,
            self.effective_severity or self.severity,
            message,
            tuple(sorted(set(ja))),
            tuple(sorted(set(en))),
            tuple(spans),
            expected,
            preferred,
            tuple(variants),
            anchor,
            data or {},
            fix,
            message_id,
            arguments,
        )


def make_fix(edits: Sequence[Edit], applicability: Applicability, description: str) -> Fix | None:
    """A fix of *edits* (any order), or None when they change nothing or overlap each other."""
    ordered = tuple(sorted(set(edits)))
    if not ordered or any(a.end > b.start for a, b in zip(ordered, ordered[1:], strict=False)):
        return None
    return Fix(ordered, applicability, description)
