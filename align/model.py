"""Central data types shared by every stage: text -> segments -> beads -> findings.

They are small frozen dataclasses so that stages cannot mutate each other's
results and so that results hash and compare by value (tests, determinism).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple

Lang = Literal["ja", "en"]
#: How sure a fix is: "safe" fixes are applied by ``align fix``; "unsafe" ones only with --unsafe-fixes.
Applicability = Literal["safe", "unsafe"]
APPLICABILITIES: tuple[str, ...] = ("safe", "unsafe")

_LINE_END = re.compile(r"\r\n|\r|\n")

#: The category vocabulary shared by defects.json, findings and exports.
CATEGORIES: tuple[str, ...] = (
    "name-variant",
    "truncated",
    "duplicate",
    "omission",
    "quote",
    "term-variant",
    "number",
    "untranslated",
    "style",
    "alignment",
)


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= Severity.WARNING`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Segment:
    """One sentence (or metadata line) with character offsets into the decoded text."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    lang: Lang
    #: "sentence", or "metadata" for source/byline lines such as ``出典:example.com``.
    kind: str = "sentence"

    @property
    def is_metadata(self) -> bool:
        return self.kind == "metadata"


@dataclass(frozen=True)
class Document:
    """A decoded input file and its segmentation."""

    text: str
    lang: Lang
    segments: tuple[Segment, ...]
    path: str = ""
    presegmented: bool = False

    def __len__(self) -> int:
        return len(self.segments)

    @cached_property
    def _line_starts(self) -> tuple[int, ...]:
        """Offsets where each line starts; computed once so line_col is O(log n), not O(offset)."""
        return (0, *(m.end() for m in _LINE_END.finditer(self.text)))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset (CR, LF and CRLF end lines)."""
        starts = self._line_starts
        line = bisect_right(starts, max(0, min(offset, len(self.text)))) - 1
        return line + 1, offset - starts[line] + 1


@dataclass(frozen=True)
class Bead:
    """A monotone alignment unit: English indices left, Japanese right (vecalign order)."""

    en: tuple[int, ...]
    ja: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        return f"{len(self.en)}-{len(self.ja)}"

    def vecalign(self) -> str:
        left = ",".join(map(str, self.en))
        right = ",".join(map(str, self.ja))
        return f"[{left}]:[{right}]"


@dataclass(frozen=True)
class Alignment:
    """The beads of one document pair, the signature of the settings that made them, and the
    per-document facts of the search."""

    beads: tuple[Bead, ...]
    signature: str = ""
    #: English characters per Japanese character of the length model the aligner used (0: none).
    ratio: float = 0.0
    #: Half width of the DP band the final path was found in (0: no search ran).
    band: int = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.beads)

    def __len__(self) -> int:
        return len(self.beads)


@dataclass(frozen=True)
class Span:
    """A highlighted piece of one sentence; offsets are relative to the sentence text."""

    side: Lang
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Variant:
    """One Japanese rendering of a glossary term, as seen in the aligned text."""

    form: str
    count: int
    #: TBX administrativeStatus family: "preferred", "admitted" or "deprecated".
    status: str
    #: Japanese sentence indices where the form occurs.
    sentences: tuple[int, ...] = ()
    reading: str = ""


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the Japanese document with *replacement*.

    Offsets are **document offsets**: code points of the whole decoded Japanese text (after
    any byte-order mark), the same coordinates as :attr:`Segment.start`, not offsets within
    a sentence. ``start == end`` inserts; an empty *replacement* deletes.
    """

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """How to correct a finding, as ruff carries it: edits, an applicability and a description.

    The edits are document offsets into the decoded Japanese text (see :class:`Edit`),
    sorted and non-overlapping; a fix is applied whole or not at all. "safe" means the
    corrected form is certain (a glossary's preferred rendering, a quote whose partner is
    known); "unsafe" fixes change meaning or guess (deleting a repeated sentence, picking
    one of two equally frequent renderings) and need ``--unsafe-fixes``.
    """

    edits: tuple[Edit, ...]
    applicability: Applicability
    #: One line for people: "replace スミット with スミス (1 place)".
    description: str

    def __post_init__(self) -> None:
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"unknown applicability {self.applicability!r}")
        if not self.edits:
            raise ValueError("a fix needs at least one edit")
        previous_end = -1
        for e in self.edits:
            if not 0 <= e.start <= e.end or e.start < previous_end:
                raise ValueError(f"edits must be sorted and must not overlap: {self.edits!r}")
            previous_end = e.end

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return self.edits[-1].end


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    ja: tuple[int, ...] = ()
    en: tuple[int, ...] = ()
    spans: tuple[Span, ...] = ()
    expected: str | None = None
    #: The rendering to use instead (name and term variants): what the report underlines as
    #: context and what a fix would write.
    preferred: str | None = None
    #: Every rendering of the English unit, preferred first (name and term variants).
    variants: tuple[Variant, ...] = ()
    #: For a finding with no Japanese sentence (an omission): the Japanese sentence after which
    #: the missing text belongs, so that outputs can place it.
    anchor: int | None = None
    #: Rule-private extras (e.g. a similarity score) for debugging; no other stage reads them.
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    #: The correction, when the rule knows one (see :class:`Fix`); None otherwise.
    fix: Fix | None = None
    #: The rule's message template (align.messages) and its arguments, so that outputs can
    #: render the message in another language; "" and () for a message given as plain text.
    message_id: str = field(default="", compare=False)
    arguments: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def deviant_sentences(self) -> tuple[int, ...] | None:
        """Japanese sentences holding a non-preferred rendering, for variant findings; else None.

        A variant finding lists every occurrence so that reports can show them all, but only
        the sentences with another rendering than the preferred one are wrong.
        """
        if not self.variants:
            return None
        return tuple(sorted({j for v in self.variants if v.status != "preferred" for j in v.sentences}))


@dataclass(frozen=True)
class GlossaryEntry:
    """An English name or term with its Japanese renderings (the exported glossary unit)."""

    english: str
    #: "person", "organization", "product", "event", "place" or "term".
    kind: str
    variants: tuple[Variant, ...]
    #: An example sentence pair (English, Japanese) showing the preferred form.
    example: tuple[str, str] = ("", "")

    @property
    def preferred(self) -> Variant | None:
        return next((v for v in self.variants if v.status == "preferred"), None)


@dataclass(frozen=True)
class Signature:
    """Every setting that shaped a result, printable like sacrebleu's signature.

    Built from settings only, never from a document, so that the same settings on two
    documents give the same signature and any changed setting changes it.
    """

    version: str
    #: "auto" (sentences split by align) or "presegmented" (one per line).
    segmentation: str
    #: Every aligner parameter, as (name, printed value).
    aligner: tuple[tuple[str, str], ...]
    #: "all", or the selected rule codes joined by commas.
    rules: str
    #: Rule options that differ from their defaults, as ("AL103.min_score", "70").
    options: tuple[tuple[str, str], ...] = ()
    #: "none", or the SHA-256 prefix of the user glossary's entries.
    glossary: str = "none"
    #: Versions of the data and models used: dictionary, tokenizer...
    resources: tuple[tuple[str, str], ...] = ()
    #: "none", or the SHA-256 prefix of the user checklist rules that ran.
    checklist: str = "none"

    def __str__(self) -> str:
        parts = [f"align:{self.version}", f"seg:{self.segmentation}"]
        parts.append("aligner:" + ",".join(f"{k}={v}" for k, v in self.aligner))
        parts.append(f"rules:{self.rules}")
        if self.options:
            parts.append("options:" + ",".join(f"{k}={v}" for k, v in self.options))
        parts.append(f"glossary:{self.glossary}")
        if self.checklist != "none":  # absent otherwise, so signatures without one are unchanged
            parts.append(f"checklist:{self.checklist}")
        parts.extend(f"{k}:{v}" for k, v in self.resources)
        return "|".join(parts)


@dataclass(frozen=True)
class Phrase:
    """An English unit of one bead and its Japanese rendering(s): one record of the phrase layer."""

    bead: int
    #: "name", "title", "term", "number" or "latin".
    kind: str
    #: The unit's identity across the article (the name; for numbers kind:unit:value).
    key: str
    #: Where the English has it (None for a Japanese number with no English counterpart).
    en: Span | None
    #: Where the Japanese renders it (empty when it does not).
    ja: tuple[Span, ...]
    #: How the rendering was found (latin, translit, reading, consensus, alignment...) or, for
    #: numbers and Latin tokens, the outcome (match, value, scale, unit, currency, missing...).
    method: str
    #: A one-line explanation for a mismatch.
    note: str = ""
