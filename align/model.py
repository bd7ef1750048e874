"""Central data types shared by every stage: text -> segments -> beads -> phrases -> findings -> results.

They are small frozen dataclasses so that stages cannot mutate each other's
results and so that results hash and compare by value (tests, determinism).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple, TypeVar, get_args

Lang = Literal["ja", "en"]
#: How far a job goes: "check" runs the rules; "align" stops after the alignment (``align beads``).
Stage = Literal["align", "check"]
STAGES: tuple[Stage, ...] = get_args(Stage)
#: How sure a fix is: "safe" fixes are applied by ``align fix``; "unsafe" ones only with --unsafe-fixes.
Applicability = Literal["safe", "unsafe"]
APPLICABILITIES: tuple[str, ...] = ("safe", "unsafe")

_LINE_END = re.compile(r"\r\n|\r|\n")

#: A finding's category: the vocabulary shared by defects.json, findings, ``--select`` and exports.
Category = Literal[
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
]
CATEGORIES: tuple[Category, ...] = get_args(Category)

#: A segment is a sentence, or a metadata line (a source or byline such as ``出典:example.com``).
SegmentKind = Literal["sentence", "metadata"]

#: The English units of the phrase layer (align.phrases.english): a proper-name phrase, a quoted
#: title, a recurring lower-case term, an all-capital acronym.
UnitKind = Literal["name", "title", "term", "acronym"]
#: What a phrase is: an English unit with its renderings, a number, or a Latin token that must
#: pass unchanged (a URL, an identifier, a version).
PhraseKind = Literal[UnitKind, "number", "latin"]
PHRASE_KINDS: tuple[PhraseKind, ...] = get_args(PhraseKind)
#: How a rendering of a name or term was found: kept in Latin script, transliterated (sounds
#: alike, JMnedict), by its dictionary reading, given in brackets beside its original, left over
#: in its bead (still sounding somewhat alike), agreed by most occurrences (consensus), a
#: compound sharing most of a known one (partial), set in title brackets where the English has
#: the title (quoted), another spelling of a rendering found elsewhere (variant kanji, a length
#: mark: spelling), or the start of the name's usual rendering (a name cut short: prefix).
RenderingMethod = Literal[
    "latin",
    "translit",
    "reading",
    "bracket",
    "alignment",
    "consensus",
    "partial",
    "quoted",
    "spelling",
    "prefix",
]
RENDERING_METHODS: tuple[RenderingMethod, ...] = get_args(RenderingMethod)
#: Why an English number and its Japanese counterpart disagree (align.phrases.numbers).
NumberReason = Literal["value", "scale", "unit", "currency", "date", "swapped", "missing", "extra"]
NUMBER_REASONS: tuple[NumberReason, ...] = get_args(NumberReason)
#: How a Latin token fared: found unchanged in the Japanese, or not.
LatinOutcome = Literal["kept", "missing"]
#: A phrase's method: how a rendering was found, or for numbers and Latin tokens the outcome.
PhraseMethod = Literal[RenderingMethod, "match", NumberReason, LatinOutcome]
PHRASE_METHODS: tuple[PhraseMethod, ...] = tuple(dict.fromkeys(get_args(PhraseMethod)))


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


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or metadata line) with character offsets into the decoded text.

    Slotted: a document of 200k sentences holds 400k of them (a dict each took 40 MB)."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    lang: Lang
    kind: SegmentKind = "sentence"

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


#: A glossary rendering's standing, the TBX administrativeStatus family.
VariantStatus = Literal["preferred", "admitted", "deprecated"]
VARIANT_STATUSES: tuple[VariantStatus, ...] = get_args(VariantStatus)
#: What a glossary entry names.
GlossaryKind = Literal["person", "organization", "product", "event", "place", "term"]
GLOSSARY_KINDS: tuple[GlossaryKind, ...] = get_args(GlossaryKind)


@dataclass(frozen=True)
class Variant:
    """One Japanese rendering of a glossary term, as seen in the aligned text."""

    form: str
    count: int
    status: VariantStatus
    #: Japanese sentence indices where the form occurs.
    sentences: tuple[int, ...] = ()
    reading: str = ""
    #: The same places as 1-based lines of the Japanese file, as outputs show them (filled by
    #: the glossary stage; empty where no file is known). Derived from *sentences*, so not
    #: part of a variant's identity: a glossary read back from a file compares equal.
    lines: tuple[int, ...] = field(default=(), compare=False)


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the Japanese document with *replacement*.

    Offsets are **document offsets**: code points of the whole decoded Japanese text (after
    any byte-order mark), the same coordinates as :attr:`Segment.start`, not offsets within
    a sentence. ``start == end`` inserts; an empty *replacement* deletes.
    """

    start: int
    end: int
    replacement: str

    def overlaps(self, other: Edit) -> bool:
        """Edits that touch the same characters, or two insertions at one point (order unknown)."""
        a, b = self, other
        if a.start == a.end or b.start == b.end:
            return a.start == b.start or (a.start < b.start < a.end) or (b.start < a.start < b.end)
        return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """*text* with the sorted, non-overlapping *edits* applied (``align fix``, the exports'
    suggested fixes)."""
    out, pos = [], 0
    for e in sorted(edits):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


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
    category: Category
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
    kind: GlossaryKind
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
    kind: PhraseKind
    #: The unit's identity across the article (the name; for numbers kind:unit:value).
    key: str
    #: Where the English has it (None for a Japanese number with no English counterpart).
    en: Span | None
    #: Where the Japanese renders it (empty when it does not).
    ja: tuple[Span, ...]
    #: How the rendering was found or, for numbers and Latin tokens, the outcome (see PhraseMethod).
    method: PhraseMethod
    #: A one-line explanation for a mismatch.
    note: str = ""


@dataclass(frozen=True)
class Rendering:
    """One Japanese occurrence rendering an English name or term (the phrase layer's names).

    Made by align.phrases.renderings; read by the name and term rules, the fixes and the glossary.
    """

    english: str
    #: The Japanese sentence, and the offsets of the form in it.
    ja: int
    start: int
    end: int
    form: str
    method: RenderingMethod
    #: The English sentences of its bead.
    en: tuple[int, ...] = ()
    kind: UnitKind = "name"


@dataclass(frozen=True)
class CheckResult:
    """Everything known about one checked pair; what every output is rendered from.

    The pipeline makes it (:func:`align.pipeline.run`); reports, exports, baselines and fixes
    read it. It lives here, below all of them, so that none imports the pipeline for its type.
    """

    name: str
    ja: Document
    en: Document
    alignment: Alignment
    findings: tuple[Finding, ...]
    signature: Signature | str
    #: Names and terms with their renderings; None when no output asked for the glossary stage.
    glossary: tuple[GlossaryEntry, ...] | None = field(default=None)
    #: The phrase layer (units of each bead and their renderings); None unless an output asked.
    phrases: tuple[Phrase, ...] | None = field(default=None)


# --- rule options ---------------------------------------------------------------------------
# The contract between the config (the user's [tool.align.rules.<CODE>] tables) and the rules:
# each rule declares a subclass of RuleOptions; align.rules.options turns tables into records.

_N = TypeVar("_N", int, float)


@dataclass(frozen=True)
class RuleOptions:
    """Base of every rule's option record; a rule without options keeps this empty one."""


def bounded(default: _N, low: float | None = None, high: float | None = None) -> _N:
    """A numeric option's default and the range a user's value must fall in (inclusive)."""
    return field(default=default, metadata={"low": low, "high": high})


@dataclass(frozen=True)
class Configured:
    """A rule's settings resolved from the user's tables: its option record and severity."""

    options: RuleOptions
    #: The user's ``severity``, or None for the rule's own.
    severity: Severity | None = None
    #: The option names the user set (severity included), for the signature.
    given: tuple[str, ...] = ()


# --- What the exporters write (align.export) ---------------------------------------------------

#: An exported unit's sides: "pair", English and Japanese; "omitted", English the Japanese lacks;
#: "added", Japanese with no English (an addition or a duplicate).
UnitShape = Literal["pair", "omitted", "added"]


@dataclass(frozen=True)
class Suggestion:
    """A corrected Japanese for one unit: its text with the fixes of its findings applied.

    Offered to the post-editor (XLIFF ``<alt-trans>``, a PO extracted comment), never written
    into a memory: an unsafe fix is a guess that a person confirms.
    """

    text: str
    #: The fixes it applies, as "AL201 (safe)", each once.
    fixes: tuple[str, ...]
    #: One line per fix, as the fix describes itself.
    descriptions: tuple[str, ...] = ()

    @property
    def origin(self) -> str:
        """For the CAT tool's origin field: "align fix AL201 (safe), AL103 (unsafe)"."""
        return "align fix " + ", ".join(self.fixes)


@dataclass(frozen=True)
class Place:
    """Where a unit sits in its two input files, as (start, end) code-point offsets of each
    sentence in the decoded text (the coordinates of :class:`Edit`).

    ``align apply`` puts a post-edited target back at ``ja`` and checks the English source
    against ``en``. An omitted unit's ``ja`` is one empty span: the point where its translation
    goes; *paragraph* says that it goes there as a paragraph of its own.
    """

    ja: tuple[tuple[int, int], ...]
    en: tuple[tuple[int, int], ...]
    paragraph: bool = False


@dataclass(frozen=True)
class Unit:
    """One bead of a checked pair as every export writes it.

    The text is cleaned for every format (no XML-illegal characters, no line breaks; see
    :mod:`align.export.text`), and so are the messages of its findings. Memories (TMX) take the
    units with both sides; post-editing files (XLIFF, PO) take every unit with English.
    """

    #: "<pair>:<bead>", stable across exports of the same pair and settings.
    id: str
    #: The English sentence(s), joined by a space; "" for a Japanese addition.
    en: str
    #: The Japanese sentence(s), joined without a space; "" for an omitted English sentence.
    ja: str
    #: The aligner's score of the bead.
    score: float
    #: The findings on its sentences, worst first.
    findings: tuple[Finding, ...] = ()
    suggestion: Suggestion | None = None
    #: The bead's sentence indices (0-based).
    en_sentences: tuple[int, ...] = ()
    ja_sentences: tuple[int, ...] = ()
    #: Where it is in the input files (None for a corpus memory's merged units).
    place: Place | None = None
    #: How often the unit occurs (a corpus memory writes each distinct unit once).
    occurrences: int = 1

    @property
    def shape(self) -> UnitShape:
        if not self.ja:
            return "omitted"
        return "added" if not self.en else "pair"

    @property
    def worst(self) -> Severity | None:
        """The most severe finding's severity; None without findings."""
        return max((f.severity for f in self.findings), default=None)


@dataclass(frozen=True)
class SourceFile:
    """An input file as an export records it, so that ``align apply`` can find and verify it."""

    path: str
    #: The first 16 hex digits of the SHA-256 of the decoded text.
    digest: str


@dataclass(frozen=True)
class Bitext:
    """What an exporter writes: the units and glossary of one pair, or of a whole corpus."""

    name: str
    #: The signature of the settings that produced it (printed; "" when unknown).
    signature: str
    units: tuple[Unit, ...] = ()
    #: Names and terms with their renderings (raw: glossary formats clean them).
    glossary: tuple[GlossaryEntry, ...] | None = None
    ja_file: SourceFile | None = None
    en_file: SourceFile | None = None
    #: What cleaning the units' text changed or left out, for the formats that write units.
    warnings: tuple[str, ...] = ()
