"""The report's view model: what the QA page shows, computed from a CheckResult, with no HTML.

``build(result)`` turns findings, beads and the glossary into rows of highlighted
sentence pieces, numbered findings, summary counts, chart geometry and a verdict,
with every label already in the UI language. The template only lays it out, so
everything here can be tested without parsing a page.

Everything is derived from the CheckResult alone (plus ``SOURCE_DATE_EPOCH`` or the
sources' modification date for the header date), so the same input gives the same view.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import CATEGORIES, Bead, Document, Finding, Fix, Segment, Severity
from ..rules.alignment import LOW_CONFIDENCE
from .labels import labels

if TYPE_CHECKING:
    from ..model import CheckResult

__all__ = [
    "LOW_CONFIDENCE",
    "SEVERITIES",
    "SEVERITY_ICONS",
    "UI_LANGS",
    "CategoryCount",
    "ChangeView",
    "Chart",
    "ChartRow",
    "ChartSegment",
    "Coverage",
    "FindingView",
    "FixView",
    "GlossaryView",
    "Piece",
    "ReportView",
    "RowView",
    "SentenceView",
    "SeverityCounts",
    "VariantView",
    "build",
    "labels",
    "source_date",
    "verdict",
]

UI_LANGS = ("en", "ja")
#: Worst first: the order of every severity column, filter and chart segment.
SEVERITIES = ("error", "warning", "info")
# Icons go with every colour so that colour is never the only signal.
SEVERITY_ICONS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}
STATUS_ICONS = {"preferred": "\u2605", "admitted": "\u2713", "deprecated": "\u2717"}
# Categories whose verdict counts distinct English names/terms, not findings.
_BY_EXPECTED = frozenset({"name-variant", "term-variant"})


def _preferred(f: Finding) -> str:
    """The preferred rendering a variant finding compares against, "" if none."""
    return f.preferred or ""


# --- the view model -------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of sentence text covered by the same set of findings (none: plain text)."""

    text: str
    fids: tuple[str, ...] = ()
    #: The worst severity of the defects covering it; "pref" when it only shows a preferred form.
    severity: str = ""
    title: str = ""
    #: Numbers of the defect spans that end here (the page's superscript references).
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class SentenceView:
    side: str
    index: int
    pieces: tuple[Piece, ...]
    metadata: bool
    paragraph_break: bool  # starts a new paragraph within the same cell


@dataclass(frozen=True)
class ChangeView:
    """One replacement of a fix, in its context: left + old + right becomes left + new + right."""

    left: str
    old: str
    new: str
    right: str
    #: How many places get this same replacement (the first one's context is shown).
    count: int


@dataclass(frozen=True)
class FixView:
    """A finding's suggested fix: what changes (before -> after) and whether align fix applies it."""

    applicability: str  # "safe" or "unsafe"
    label: str  # the applicability in the UI language
    description: str
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class FindingView:
    fid: str
    number: int
    rule: str
    name: str
    category: str
    category_label: str
    severity: str
    severity_label: str
    icon: str
    message: str
    expected: str
    #: Every row the finding touches, its main row (where the defect is) first; () if document-level.
    rows: tuple[int, ...]
    fix: FixView | None = None
    #: Where the text output reports it, ``ja.txt:5:22`` (1-based, in the file): what users read.
    where: str = ""
    #: The other rows (``rows[1:]``), each with its position in the files for the link text.
    also: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class RowView:
    """One bead: its sentences side by side and the findings that touch them."""

    index: int
    bead: Bead
    kind: str
    en: tuple[SentenceView, ...]
    ja: tuple[SentenceView, ...]
    findings: tuple[FindingView, ...]
    #: Findings listed in full on an earlier row; here they get a short reference.
    secondary: frozenset[str]
    paragraph: bool  # the row starts a new paragraph
    low: bool  # both sides present but the confidence is below the threshold
    #: The file lines of each side, labelled ("JA line 5-6"): users find sentences by line.
    lines: tuple[str, ...] = ()
    #: Where the row starts in the files (``ja.txt:5:1``; the English file when no Japanese).
    ref: str = ""

    @property
    def number(self) -> int:
        """The bead's 1-based number, shown as a pair number (never as a line)."""
        return self.index + 1

    @property
    def metadata(self) -> bool:
        """A source or byline line on its own: expected to have no counterpart."""
        cells = self.en + self.ja
        return bool(cells) and all(c.metadata for c in cells)

    @property
    def unaligned(self) -> bool:
        return (not self.bead.en or not self.bead.ja) and not self.metadata

    @property
    def categories(self) -> str:
        return " ".join(sorted({f.category for f in self.findings}))

    @property
    def severities(self) -> str:
        return " ".join(sorted({f.severity for f in self.findings}))


@dataclass(frozen=True)
class SeverityCounts:
    error: int = 0
    warning: int = 0
    info: int = 0

    @property
    def total(self) -> int:
        return self.error + self.warning + self.info


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    counts: SeverityCounts


@dataclass(frozen=True)
class Coverage:
    """How the beads pair the sentences up."""

    one: int  # 1-1 beads
    nm: int  # other beads with both sides
    en_only: int
    ja_only: int
    metadata: int
    low: int

    @property
    def unaligned(self) -> int:
        return self.en_only + self.ja_only


@dataclass(frozen=True)
class ChartSegment:
    x: float
    w: float
    sev: str
    n: int


@dataclass(frozen=True)
class ChartRow:
    y: int
    label: str
    cat: str
    segs: tuple[ChartSegment, ...]
    total: int
    end: float  # where the bar ends, for the total beside it


@dataclass(frozen=True)
class Chart:
    """Geometry of the horizontal stacked bar chart: one row per category, one segment per severity."""

    rows: tuple[ChartRow, ...]
    width: int
    height: int
    row_h: int
    label_w: int


@dataclass(frozen=True)
class VariantView:
    form: str
    count: int
    status: str
    status_label: str
    icon: str
    #: Japanese sentences holding the form (those present in the alignment) and their rows.
    sentences: tuple[int, ...]
    rows: tuple[int, ...]
    #: Each of *sentences* with the form's 1-based ``line:col`` in the Japanese file there.
    places: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class GlossaryView:
    english: str
    kind: str  # the kind's label in the UI language
    preferred: str
    variants: tuple[VariantView, ...]
    inconsistent: bool  # several renderings: what the editor came for


@dataclass(frozen=True)
class ReportView:
    """Everything one report page shows, in the order and wording of its UI language."""

    lang: str
    name: str
    signature: str
    date: str
    fingerprint: str
    en_path: str
    ja_path: str
    en_count: int
    ja_count: int
    version: str
    verdict: str
    findings: tuple[FindingView, ...]  # in reading order, numbered from 1
    categories: tuple[CategoryCount, ...]  # only the categories present, in CATEGORIES order
    totals: SeverityCounts
    chart: Chart
    coverage: Coverage
    rows: tuple[RowView, ...]  # one per bead
    glossary: tuple[GlossaryView, ...]  # inconsistent entries first
    low_confidence: float


# --- building it ----------------------------------------------------------------

#: A highlight in one sentence: start, end, the finding, and whether it marks the preferred form.
_Mark = tuple[int, int, FindingView, bool]


def _sev(value: Severity | str) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(str(value))
    except ValueError:
        return Severity.INFO


def verdict(findings: Sequence[tuple[str, ...]], ui_lang: str) -> str:
    """One actionable line: "3 names spelled inconsistently; 2 sentences duplicated".

    *findings* are (category, severity, expected[, rule]) tuples. A rule with a phrase of its
    own in the labels (AL403: a URL or code changed is not a changed number) is counted apart
    from its category. Groups are ordered by their worst severity, then by how many there are.
    """
    phrases = labels()["verdict"][ui_lang]
    if not findings:
        return str(labels()["ui"][ui_lang]["no_findings"])
    groups: dict[str, list[tuple[str, ...]]] = {}
    for f in findings:
        rule = f[3] if len(f) > 3 else ""
        groups.setdefault(rule if rule in phrases else f[0], []).append(f)
    rank: dict[str, int] = {c: i for i, c in enumerate(CATEGORIES)}
    parts = []
    for key, items in groups.items():
        cat = items[0][0]
        if key in _BY_EXPECTED and all(f[2] for f in items):
            n = len({f[2] for f in items})
        else:
            n = len(items)
        worst = max(_sev(f[1]) for f in items)
        singular, plural = phrases.get(key, phrases["*"])
        label = labels()["categories"][ui_lang].get(cat, cat)
        text = (singular if n == 1 else plural).format(n=n, category=label)
        parts.append((-worst, -n, rank.get(cat, len(rank)), key, text))
    parts.sort()
    return str(phrases["join"]).join(p[-1] for p in parts) + str(phrases["end"])


def _locate(seg: Segment, start: int, end: int, text: str) -> tuple[int, int] | None:
    """The span's offsets if they match its text, else its text's first occurrence."""
    n = len(seg.text)
    if 0 <= start < end <= n and (not text or seg.text[start:end] == text):
        return start, end
    if text:
        at = seg.text.find(text)
        if at >= 0:
            return at, at + len(text)
    return None


def _pieces(seg: Segment, marks: Sequence[_Mark], pref_label: str) -> tuple[Piece, ...]:
    """Split the sentence at every span boundary; each piece knows the findings covering it.

    A span flagged as the preferred form (the reference rendering a variant finding
    compares against) is highlighted neutrally: it is context, not a defect.
    """
    text = seg.text
    if not marks:
        return (Piece(text),) if text else ()
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        cover = [(f, pref) for s, e, f, pref in marks if s <= a and b <= e]
        if not cover:
            out.append(Piece(text[a:b]))
            continue
        seen: dict[str, tuple[FindingView, bool]] = {}
        for f, pref in cover:
            old = seen.get(f.fid)
            seen[f.fid] = (f, pref and (old is None or old[1]))
        fs = sorted(seen.values(), key=lambda x: x[0].number)
        defects = [f for f, pref in fs if not pref]
        severity = max(defects, key=lambda f: (_sev(f.severity), -f.number)).severity if defects else "pref"
        title = "\n".join(f"{f.rule} {f.name}: {pref_label if pref else f.message}" for f, pref in fs)
        # The reference number goes after the last piece of each defect span only.
        ends = sorted({f.number for s, e, f, pref in marks if e == b and s < b and not pref})
        out.append(Piece(text[a:b], tuple(f.fid for f, _ in fs), severity, title, tuple(ends)))
    return tuple(out)


def _file_name(doc: Document, fallback: str) -> str:
    return os.path.basename(doc.path) if doc.path else fallback


def _at(doc: Document, offset: int) -> str:
    line, col = doc.line_col(offset)
    return f"{line}:{col}"


def _row_ref(result: CheckResult, bead: Bead) -> str:
    """Where a row starts in the files: its first Japanese sentence, else its first English one."""
    for doc, idxs in ((result.ja, bead.ja), (result.en, bead.en)):
        if idxs and 0 <= idxs[0] < len(doc.segments):
            return f"{_file_name(doc, doc.lang)}:{_at(doc, doc.segments[idxs[0]].start)}"
    return ""


def _row_lines(result: CheckResult, bead: Bead, ui: dict[str, str]) -> tuple[str, ...]:
    """Each side's 1-based file lines ("5" or "5-6"), labelled in the UI language."""
    out = []
    for side, doc, idxs in (("en", result.en, bead.en), ("ja", result.ja, bead.ja)):
        segs = [doc.segments[i] for i in idxs if 0 <= i < len(doc.segments)]
        if not segs:
            continue
        first, last = doc.line_col(segs[0].start)[0], doc.line_col(max(segs[-1].start, segs[-1].end - 1))[0]
        lines = str(first) if first == last else f"{first}\u2013{last}"
        out.append(ui["lines_" + side].format(lines=lines))
    return tuple(out)


def _bead_of(beads: Sequence[Bead]) -> dict[tuple[str, int], int]:
    where: dict[tuple[str, int], int] = {}
    for i, b in enumerate(beads):
        for s in b.en:
            where[("en", s)] = i
        for s in b.ja:
            where[("ja", s)] = i
    return where


def _finding_rows(f: Finding, where: dict[tuple[str, int], int]) -> tuple[int, ...]:
    """Every row the finding touches, its main row first: the first row of a span that is
    not the preferred form (where the defect is), else the first row."""
    keys = [("ja", s) for s in f.ja] + [("en", s) for s in f.en]
    keys += [(sp.side, sp.sentence) for sp in f.spans]
    rows = sorted({where[k] for k in keys if k in where})
    pref = _preferred(f)
    defect = sorted(
        where[(sp.side, sp.sentence)] for sp in f.spans if sp.text != pref and (sp.side, sp.sentence) in where
    )
    if defect:
        rows.remove(defect[0])
        rows.insert(0, defect[0])
    return tuple(rows)


def source_date(result: CheckResult) -> str:
    """The date shown in the header: never "now", so the page is reproducible.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) wins; otherwise the
    newer modification date of the two source files, in UTC; "" when neither exists.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    stamp: float | None = None
    if epoch.isdigit():
        stamp = float(epoch)
    else:
        times = []
        for doc in (result.ja, result.en):
            try:
                times.append(Path(doc.path).stat().st_mtime) if doc.path else None
            except OSError:
                continue
        stamp = max(times) if times else None
    if stamp is None:
        return ""
    return _dt.datetime.fromtimestamp(stamp, _dt.timezone.utc).strftime("%Y-%m-%d")


def _fingerprint(ja: Document, en: Document) -> str:
    h = hashlib.sha256()
    for doc in (en, ja):
        h.update(doc.text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:12]


def _chart(categories: Sequence[CategoryCount]) -> Chart:
    label_w, bar_w, row_h, gap, top = 150, 220, 20, 6, 4
    most = max((c.counts.total for c in categories), default=0) or 1
    rows = []
    for i, c in enumerate(categories):
        y = top + i * (row_h + gap)
        x: float = label_w
        segs = []
        for sev in SEVERITIES:
            n = getattr(c.counts, sev)
            if not n:
                continue
            w = round(bar_w * n / most, 1)
            segs.append(ChartSegment(x, w, sev, n))
            x = round(x + w, 1)
        rows.append(ChartRow(y, c.label, c.category, tuple(segs), c.counts.total, x))
    height = top * 2 + max(len(categories), 1) * (row_h + gap)
    return Chart(tuple(rows), label_w + bar_w + 40, height, row_h, label_w)


#: Characters of context shown on each side of a change, and the longest text shown whole.
_FIX_CONTEXT, _FIX_SHOWN = 6, 40


def _shorten(text: str) -> str:
    if len(text) <= _FIX_SHOWN:
        return text
    half = _FIX_SHOWN // 2
    return f"{text[:half]}…{text[-half:]}"


def _fix_view(fix: Fix, ja_text: str, ui: dict[str, str]) -> FixView:
    """Before -> after for each distinct replacement, with a little context from its line."""
    firsts: dict[tuple[str, str], int] = {}
    counts: dict[tuple[str, str], int] = {}
    for e in fix.edits:
        key = (ja_text[e.start : e.end], e.replacement)
        firsts.setdefault(key, e.start)
        counts[key] = counts.get(key, 0) + 1
    changes = []
    for (old, new), start in firsts.items():
        end = start + len(old)
        left = ja_text[max(0, start - _FIX_CONTEXT) : start]
        right = ja_text[end : end + _FIX_CONTEXT]
        left = re.split(r"[\r\n]", left)[-1]
        right = re.split(r"[\r\n]", right)[0]
        shown_old = _shorten(old.strip("\r\n"))
        changes.append(ChangeView(left, shown_old, _shorten(new), right, counts[(old, new)]))
    return FixView(fix.applicability, ui["fix_" + fix.applicability], fix.description, tuple(changes))


def _finding_views(
    result: CheckResult, order: Sequence[Finding], where: dict[tuple[str, int], int], ui_lang: str
) -> tuple[FindingView, ...]:
    from ..rules import message_text
    from .text import location

    ui: dict[str, str] = labels()["ui"][ui_lang]

    cat_labels: dict[str, str] = labels()["categories"][ui_lang]
    beads = result.alignment.beads
    views = []
    for n, f in enumerate(order, 1):
        sev = str(_sev(f.severity))
        rows = _finding_rows(f, where)
        path, line, col = location(result, f)
        views.append(
            FindingView(
                fid=f"f{n}",
                number=n,
                rule=f.rule,
                name=f.name,
                category=f.category,
                category_label=cat_labels.get(f.category, f.category),
                severity=sev,
                severity_label=ui["sev_" + sev],
                icon=SEVERITY_ICONS[sev],
                message=message_text(f, ui_lang),
                expected=f.expected or "",
                rows=rows,
                fix=_fix_view(f.fix, result.ja.text, ui) if f.fix is not None else None,
                where=f"{os.path.basename(path)}:{line}:{col}",
                also=tuple((r, _row_ref(result, beads[r])) for r in rows[1:]),
            )
        )
    return tuple(views)


def _marks(
    result: CheckResult, order: Sequence[Finding], views: Sequence[FindingView]
) -> dict[tuple[str, int], list[_Mark]]:
    """Highlight marks per (side, sentence)."""
    segs = {"en": result.en.segments, "ja": result.ja.segments}
    marks: dict[tuple[str, int], list[_Mark]] = {}
    for f, v in zip(order, views, strict=True):
        pref = _preferred(f)
        for sp in f.spans:
            side_segs = segs.get(sp.side, ())
            if not 0 <= sp.sentence < len(side_segs):
                continue
            loc = _locate(side_segs[sp.sentence], sp.start, sp.end, sp.text)
            if loc:
                marks.setdefault((sp.side, sp.sentence), []).append((loc[0], loc[1], v, sp.text == pref))
    return marks


def _rows(
    result: CheckResult,
    views: Sequence[FindingView],
    marks: dict[tuple[str, int], list[_Mark]],
    ui_lang: str,
    low_confidence: float,
) -> tuple[RowView, ...]:
    ui: dict[str, str] = labels()["ui"][ui_lang]
    pref_label = ui["preferred_form"]
    segs = {"en": result.en.segments, "ja": result.ja.segments}
    touching: dict[int, list[FindingView]] = {}
    for v in views:
        for r in v.rows:
            touching.setdefault(r, []).append(v)
    rows: list[RowView] = []
    last_par = {"en": -1, "ja": -1}
    for i, b in enumerate(result.alignment.beads):
        cells: dict[str, tuple[SentenceView, ...]] = {}
        paragraph = False
        for side, idxs in (("en", b.en), ("ja", b.ja)):
            prev = last_par[side]
            cell = []
            for k, s in enumerate(idxs):
                if not 0 <= s < len(segs[side]):
                    continue
                seg = segs[side][s]
                new_par = seg.paragraph != prev
                if new_par and k == 0 and prev >= 0:
                    paragraph = True
                pieces = _pieces(seg, marks.get((side, s), []), pref_label)
                cell.append(SentenceView(side, s, pieces, seg.is_metadata, new_par and k > 0))
                prev = seg.paragraph
            cells[side] = tuple(cell)
            last_par[side] = prev
        here = tuple(touching.get(i, ()))
        rows.append(
            RowView(
                index=i,
                bead=b,
                kind=b.kind,
                en=cells["en"],
                ja=cells["ja"],
                findings=here,
                secondary=frozenset(v.fid for v in here if v.rows[0] != i),
                paragraph=paragraph,
                low=bool(b.en and b.ja and b.score < low_confidence),
                lines=_row_lines(result, b, ui),
                ref=_row_ref(result, b),
            )
        )
    return tuple(rows)


def _categories(views: Sequence[FindingView], ui_lang: str) -> tuple[CategoryCount, ...]:
    cat_labels: dict[str, str] = labels()["categories"][ui_lang]
    present: list[str] = [c for c in CATEGORIES if any(v.category == c for v in views)]
    present += sorted({v.category for v in views} - set(CATEGORIES))
    out = []
    for c in present:
        sevs = [v.severity for v in views if v.category == c]
        counts = SeverityCounts(*(sevs.count(s) for s in SEVERITIES))
        out.append(CategoryCount(c, cat_labels.get(c, c), counts))
    return tuple(out)


def _coverage(rows: Sequence[RowView]) -> Coverage:
    beads = [r.bead for r in rows]
    return Coverage(
        one=sum(1 for b in beads if len(b.en) == 1 and len(b.ja) == 1),
        nm=sum(1 for b in beads if b.en and b.ja and not (len(b.en) == 1 and len(b.ja) == 1)),
        en_only=sum(1 for r in rows if r.unaligned and r.bead.en),
        ja_only=sum(1 for r in rows if r.unaligned and r.bead.ja),
        metadata=sum(1 for r in rows if r.metadata),
        low=sum(1 for r in rows if r.low),
    )


def _glossary(
    result: CheckResult, where: dict[tuple[str, int], int], ui_lang: str
) -> tuple[GlossaryView, ...]:
    ui: dict[str, str] = labels()["ui"][ui_lang]
    out = []
    if result.glossary is None:
        raise ValueError(f"{result.name}: no glossary (run the pipeline with its glossary stage)")
    for g in result.glossary:
        variants = []
        for var in g.variants:
            sentences = tuple(s for s in var.sentences if ("ja", s) in where)
            segs = result.ja.segments
            places = tuple(
                (s, _at(result.ja, segs[s].start + max(0, segs[s].text.find(var.form)))) for s in sentences
            )
            variants.append(
                VariantView(
                    form=var.form,
                    count=var.count,
                    status=var.status,
                    status_label=ui.get("status_" + var.status, var.status),
                    icon=STATUS_ICONS.get(var.status, "\u2022"),
                    sentences=sentences,
                    rows=tuple(where[("ja", s)] for s in sentences),
                    places=places,
                )
            )
        preferred = g.preferred
        out.append(
            GlossaryView(
                english=g.english,
                kind=ui.get("kind_" + g.kind, g.kind),
                preferred=preferred.form if preferred else "",
                variants=tuple(variants),
                inconsistent=len(g.variants) > 1,
            )
        )
    # Names with several renderings are what the editor came for: they go first (stable sort).
    out.sort(key=lambda g: not g.inconsistent)
    return tuple(out)


def _version() -> str:
    from ..versions import __version__

    return __version__


def build(result: CheckResult, ui_lang: str = "en", *, low_confidence: float = LOW_CONFIDENCE) -> ReportView:
    """The view model of one checked pair's report page, labelled in *ui_lang* ("en" or "ja")."""
    if ui_lang not in UI_LANGS:
        raise ValueError(f"unknown UI language {ui_lang!r} (use en or ja)")
    beads = result.alignment.beads
    where = _bead_of(beads)
    # Findings in reading order: first row, then worst severity first, then rule code.
    order = sorted(
        result.findings,
        key=lambda f: (
            (_finding_rows(f, where) or (len(beads),))[0],
            -_sev(f.severity),
            f.rule,
            f.message,
        ),
    )
    views = _finding_views(result, order, where, ui_lang)
    rows = _rows(result, views, _marks(result, order, views), ui_lang, low_confidence)
    categories = _categories(views, ui_lang)
    totals = SeverityCounts(*(sum(getattr(c.counts, s) for c in categories) for s in SEVERITIES))
    return ReportView(
        lang=ui_lang,
        name=result.name,
        signature=str(result.signature),
        date=source_date(result),
        fingerprint=_fingerprint(result.ja, result.en),
        en_path=result.en.path,
        ja_path=result.ja.path,
        en_count=len(result.en.segments),
        ja_count=len(result.ja.segments),
        version=_version(),
        verdict=verdict([(v.category, v.severity, v.expected, v.rule) for v in views], ui_lang),
        findings=views,
        categories=categories,
        totals=totals,
        chart=_chart(categories),
        coverage=_coverage(rows),
        rows=rows,
        glossary=_glossary(result, where, ui_lang),
        low_confidence=low_confidence,
    )
