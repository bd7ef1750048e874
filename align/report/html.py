"""The editor's QA report: one self-contained HTML page per checked pair.

The page is rendered by a Jinja2 template with autoescape on; the MT and the
reference are untrusted, so every piece of them reaches the page only through
an escaped ``{{ }}`` expression. A Content-Security-Policy allows no network
and only our own script (by hash), so even an escaping bug could not run code.

Everything on the page is derived from the CheckResult alone (plus
``SOURCE_DATE_EPOCH`` or the sources' modification date for the header date),
so the same input gives a byte-identical page.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import CATEGORIES, Bead, Document, Finding, Segment, Severity

if TYPE_CHECKING:
    import jinja2

    from ..pipeline import CheckResult

__all__ = [
    "LOW_CONFIDENCE",
    "UI_LANGS",
    "check_output",
    "output_paths",
    "render",
    "source_date",
    "write_reports",
]

#: Beads with both sides and a confidence below this are flagged "low confidence".
LOW_CONFIDENCE = 0.5
UI_LANGS = ("en", "ja")
DEFAULT_DIR = "reports"

# Characters that are illegal in XML 1.0 / HTML text (C0 and C1 controls except
# TAB/LF/CR, lone surrogates, noncharacters). Each is replaced by ONE visible
# character, so span offsets into the sentence stay valid.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: NUL -> U+2400
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(text: str) -> str:
    """Replace characters that would make the page invalid, keeping the length."""
    return _ILLEGAL.sub(_visible, text)


def _finalize(value: Any) -> Any:
    """Jinja finalize hook: every printed string is cleaned before it is escaped."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return clean(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("align.report", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> str:
    env = _environment()
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


@lru_cache(maxsize=1)
def _labels() -> dict[str, Any]:
    """UI strings, category names and verdict phrases per UI language (templates/labels.json)."""
    import json

    data: dict[str, Any] = json.loads(_asset("labels.json"))
    return data


# Icons go with every colour so that colour is never the only signal.
SEVERITY_ICONS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}
STATUS_ICONS = {"preferred": "\u2605", "admitted": "\u2713", "deprecated": "\u2717"}
# Categories whose verdict counts distinct English names/terms, not findings.
_BY_EXPECTED = frozenset({"name-variant", "term-variant"})


def verdict(findings: Sequence[tuple[str, str, str]], ui_lang: str) -> str:
    """One actionable line: "3 names spelled inconsistently; 2 sentences duplicated".

    *findings* are (category, severity, expected) triples. Categories are ordered
    by their worst severity, then by how many there are.
    """
    phrases = _labels()["verdict"][ui_lang]
    if not findings:
        return str(_labels()["ui"][ui_lang]["no_findings"])
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for f in findings:
        groups.setdefault(f[0], []).append(f)
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    parts = []
    for cat, items in groups.items():
        if cat in _BY_EXPECTED and all(e for _, _, e in items):
            n = len({e for _, _, e in items})
        else:
            n = len(items)
        worst = max(_sev(s) for _, s, _ in items)
        singular, plural = phrases.get(cat, phrases["*"])
        label = _labels()["categories"][ui_lang].get(cat, cat)
        parts.append(
            (
                -worst,
                -n,
                rank.get(cat, len(rank)),
                cat,
                (singular if n == 1 else plural).format(n=n, category=label),
            )
        )
    parts.sort()
    return str(phrases["join"]).join(p[-1] for p in parts) + str(phrases["end"])


# --- view model -----------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of sentence text covered by the same set of findings (none: plain text)."""

    text: str
    fids: tuple[str, ...] = ()
    severity: str = ""
    title: str = ""
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class SentenceView:
    side: str
    index: int
    pieces: tuple[Piece, ...]
    metadata: bool
    paragraph_break: bool  # starts a new paragraph within the same cell


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
    rows: tuple[int, ...]


@dataclass
class RowView:
    index: int
    bead: Bead
    kind: str
    en: list[SentenceView] = field(default_factory=list)
    ja: list[SentenceView] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    #: Findings listed in full on an earlier row; here they get a short reference.
    secondary: set[str] = field(default_factory=set)
    paragraph: bool = False
    low: bool = False

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


def _sev(value: Severity | str) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(str(value))
    except ValueError:
        return Severity.INFO


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


def _pieces(
    seg: Segment, marks: Sequence[tuple[int, int, FindingView, bool]], pref_label: str
) -> tuple[Piece, ...]:
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


def _preferred(f: Finding) -> str:
    """The preferred rendering a variant finding names, if any."""
    return f.preferred or ""


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


def _chart(counts: dict[str, dict[str, int]], cats: list[str], lang: str) -> dict[str, Any]:
    """Geometry of the horizontal stacked bar chart (category rows, severity segments)."""
    label_w, bar_w, row_h, gap, top = 150, 220, 20, 6, 4
    most = max((sum(counts[c].values()) for c in cats), default=0) or 1
    rows = []
    for i, c in enumerate(cats):
        y = top + i * (row_h + gap)
        x: float = label_w
        segs = []
        for sev in ("error", "warning", "info"):
            n = counts[c].get(sev, 0)
            if not n:
                continue
            w = round(bar_w * n / most, 1)
            segs.append({"x": x, "w": w, "sev": sev, "n": n})
            x = round(x + w, 1)
        total = sum(counts[c].values())
        rows.append(
            {
                "y": y,
                "label": _labels()["categories"][lang].get(c, c),
                "cat": c,
                "segs": segs,
                "total": total,
                "end": x,
            }
        )
    height = top * 2 + max(len(cats), 1) * (row_h + gap)
    return {"rows": rows, "width": label_w + bar_w + 40, "height": height, "row_h": row_h, "label_w": label_w}


def _script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render(result: CheckResult, ui_lang: str = "en", *, low_confidence: float = LOW_CONFIDENCE) -> str:
    """The whole report page for one checked pair, as a string (UTF-8 when written)."""
    if ui_lang not in UI_LANGS:
        raise ValueError(f"unknown UI language {ui_lang!r} (use en or ja)")
    labels: dict[str, str] = _labels()["ui"][ui_lang]
    cat_labels: dict[str, str] = _labels()["categories"][ui_lang]
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
    views: list[FindingView] = []
    for n, f in enumerate(order, 1):
        sev = str(_sev(f.severity))
        views.append(
            FindingView(
                fid=f"f{n}",
                number=n,
                rule=f.rule,
                name=f.name,
                category=f.category,
                category_label=cat_labels.get(f.category, f.category),
                severity=sev,
                severity_label=labels["sev_" + sev],
                icon=SEVERITY_ICONS[sev],
                message=f.message,
                expected=f.expected or "",
                rows=_finding_rows(f, where),
            )
        )

    # Highlight marks per (side, sentence).
    segs = {"en": result.en.segments, "ja": result.ja.segments}
    marks: dict[tuple[str, int], list[tuple[int, int, FindingView, bool]]] = {}
    for f, v in zip(order, views, strict=True):
        pref = _preferred(f)
        for sp in f.spans:
            side_segs = segs.get(sp.side, ())
            if not 0 <= sp.sentence < len(side_segs):
                continue
            loc = _locate(side_segs[sp.sentence], sp.start, sp.end, sp.text)
            if loc:
                marks.setdefault((sp.side, sp.sentence), []).append((loc[0], loc[1], v, sp.text == pref))

    rows: list[RowView] = []
    last_par = {"en": -1, "ja": -1}
    for i, b in enumerate(beads):
        row = RowView(i, b, b.kind)
        row.low = bool(b.en and b.ja and b.score < low_confidence)
        for side, idxs, cell in (("en", b.en, row.en), ("ja", b.ja, row.ja)):
            prev = last_par[side]
            for k, s in enumerate(idxs):
                if not 0 <= s < len(segs[side]):
                    continue
                seg = segs[side][s]
                new_par = seg.paragraph != prev
                if new_par and k == 0 and prev >= 0:
                    row.paragraph = True
                cell.append(
                    SentenceView(
                        side,
                        s,
                        _pieces(seg, marks.get((side, s), []), labels["preferred_form"]),
                        seg.is_metadata,
                        new_par and k > 0,
                    )
                )
                prev = seg.paragraph
            last_par[side] = prev
        rows.append(row)
    for v in views:
        for r in v.rows:
            rows[r].findings.append(v)
            if r != v.rows[0]:
                rows[r].secondary.add(v.fid)

    # Summary figures.
    present = [c for c in CATEGORIES if any(v.category == c for v in views)]
    present += sorted({v.category for v in views} - set(CATEGORIES))
    counts: dict[str, dict[str, int]] = {c: {} for c in present}
    for v in views:
        counts[v.category][v.severity] = counts[v.category].get(v.severity, 0) + 1
    sev_totals = {s: sum(counts[c].get(s, 0) for c in present) for s in ("error", "warning", "info")}
    coverage = {
        "one": sum(1 for b in beads if len(b.en) == 1 and len(b.ja) == 1),
        "nm": sum(1 for b in beads if b.en and b.ja and not (len(b.en) == 1 and len(b.ja) == 1)),
        "en_only": sum(1 for r in rows if r.unaligned and r.bead.en),
        "ja_only": sum(1 for r in rows if r.unaligned and r.bead.ja),
        "metadata": sum(1 for r in rows if r.metadata),
        "low": sum(1 for r in rows if r.low),
    }
    coverage["unaligned"] = coverage["en_only"] + coverage["ja_only"]

    if result.glossary is None:
        raise ValueError(f"{result.name}: no glossary (run the pipeline with its glossary stage)")
    glossary = []
    for g in result.glossary:
        preferred = g.preferred
        variants = []
        for var in g.variants:
            sentences = tuple(s for s in var.sentences if ("ja", s) in where)
            variants.append(
                {
                    "form": var.form,
                    "count": var.count,
                    "status": var.status,
                    "status_label": labels.get("status_" + var.status, var.status),
                    "icon": STATUS_ICONS.get(var.status, "\u2022"),
                    "sentences": sentences,
                    "rows": tuple(where[("ja", s)] for s in sentences),
                }
            )
        glossary.append(
            {
                "english": g.english,
                "kind": labels.get("kind_" + g.kind, g.kind),
                "preferred": preferred.form if preferred else "",
                "variants": variants,
                "inconsistent": len(g.variants) > 1,
            }
        )

    # Names with several renderings are what the editor came for: they go first.
    glossary.sort(key=lambda g: not g["inconsistent"])

    script = _asset("report.js")
    page = (
        _environment()
        .get_template("report.html.j2")
        .render(
            L=labels,
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
            verdict=verdict([(v.category, v.severity, v.expected) for v in views], ui_lang),
            findings=views,
            categories=[(c, cat_labels.get(c, c), sum(counts[c].values())) for c in present],
            counts=counts,
            sev_totals=sev_totals,
            severity_icons=SEVERITY_ICONS,
            chart=_chart(counts, present, ui_lang),
            coverage=coverage,
            rows=rows,
            glossary=glossary,
            low_confidence=f"{low_confidence:.2f}",
            css=_markup(_asset("report.css")),
            script=_markup(script),
            script_hash=_script_hash(script),
        )
    )
    return str(page)


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


def _version() -> str:
    from .. import __version__

    return __version__


# --- writing --------------------------------------------------------------------


def output_paths(names: Sequence[str], output: str | None) -> list[Path]:
    """Where each pair's page goes.

    No ``-o``: ``reports/<pair>.html``. ``-o`` naming an existing directory (or ending
    in ``/``): ``DIR/<pair>.html``. Otherwise ``-o`` is the file, for a single pair only.
    """
    check_output(len(names), output)
    if output is None:
        return [Path(DEFAULT_DIR) / f"{n}.html" for n in names]
    target = Path(output)
    if target.is_dir() or output.endswith(("/", os.sep)):
        return [target / f"{n}.html" for n in names]
    return [target]


def check_output(count: int, output: str | None) -> None:
    """Refuse a single output file for several pairs before any work is done."""
    from ..errors import OutputError

    if output is None or count == 1 or Path(output).is_dir() or output.endswith(("/", os.sep)):
        return
    raise OutputError("several pairs need a directory for -o, not a file", output)


def write_reports(
    results: Iterable[CheckResult], output: str | None = None, ui_lang: str = "en"
) -> list[Path]:
    """Render and atomically write every result's page; returns the paths written."""
    from ..files import write_text

    items = list(results)
    paths = output_paths([r.name for r in items], output)
    for r, p in zip(items, paths, strict=True):
        if output is None or output.endswith(("/", os.sep)):
            p.parent.mkdir(parents=True, exist_ok=True)
        write_text(p, render(r, ui_lang))
    return paths
