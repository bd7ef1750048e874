"""Documents with planted errors and how ``align check`` scores on them.

Shared by ``benchmarks/demetr.py`` and ``benchmarks/perturb.py``; each of them defines its own
table of error classes (:class:`Kind`) at its top and builds :class:`TestDoc` records. This
module runs the checker in process, matches findings to planted errors, and prints the tables.

A finding **hits** a planted error when its category is one the error's class accepts and it
points at the error:

- ``pair`` (an error inside one sentence pair: a number, a name, an untranslated word, a
  quote): the finding's Japanese sentences (``Finding.ja`` or its Japanese spans) include the
  perturbed Japanese line, or, for a finding with no Japanese sentence, its English sentences
  include the pair's English line. Findings of the rules that report a whole sentence as
  unaligned or doubtful (:data:`SENTENCE_RULES`) never hit an in-sentence error: a defect that
  turns its own sentence into an addition and its neighbour into an omission is a miss.
- ``ja-line`` (an inserted or duplicated line): the finding's Japanese sentences include the
  line (for a duplicate: the copy or the sentence it copies; which of two equal lines is the
  repeat is arbitrary).
- ``en-line`` (an omitted line): the finding's English sentences include the English line
  whose Japanese was dropped.

Typed recall is the share of planted errors hit; precision is the share of non-style
findings (category other than ``style``) on the perturbed documents that hit a planted error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from align.model import Finding  # noqa: E402

Scope = Literal["pair", "ja-line", "en-line"]

#: Rules that report a whole sentence as unaligned or as a doubtful pairing: an alignment
#: outcome, never the typed finding of an error inside a sentence.
SENTENCE_RULES = frozenset({"AL101", "AL102", "AL801", "AL802"})


@dataclass(frozen=True)
class Kind:
    """One class of planted error: what it is called, which categories find it, its target."""

    label: str
    categories: tuple[str, ...]
    scope: Scope
    #: Typed recall the issue asks for.
    target: float


@dataclass(frozen=True)
class Planted:
    """One planted error, located in the perturbed document."""

    cls: str
    #: Japanese line(s) of the perturbed document (a duplicate: the copy, then the original).
    ja: tuple[int, ...]
    #: The pair's English line (an omission: the English line whose Japanese was dropped).
    en: int | None
    #: A sub-class printed on its own row ("1 word", "2+ words"); "" for none.
    sub: str = ""
    #: What changed, one line, for the examples of misses.
    detail: str = ""
    #: Where the material comes from (a DEMETR item id, corpus:line).
    origin: str = ""


@dataclass(frozen=True)
class TestDoc:
    """A perturbed document: its lines, the errors planted in it, and the clean control's name."""

    name: str
    ja: tuple[str, ...]
    en: tuple[str, ...]
    planted: tuple[Planted, ...]
    #: The name of the clean document this one was made from ("" when there is none).
    control: str = ""
    #: Where each Japanese line comes from ("corpus:line"), to match the known real defects.
    origin: tuple[str, ...] = ()
    #: Where each English line comes from ("corpus.en:line").
    en_origin: tuple[str, ...] = ()


@dataclass(frozen=True)
class CleanDoc:
    """A document without planted errors; *origin* maps each Japanese line to its source line."""

    name: str
    ja: tuple[str, ...]
    en: tuple[str, ...]
    origin: tuple[str, ...] = ()
    en_origin: tuple[str, ...] = ()


def check_lines(ja: Sequence[str], en: Sequence[str], name: str) -> tuple[Finding, ...]:
    """``align check --presegmented`` on two lists of lines, in process."""
    import align
    from align.segment import segment

    ja_doc = segment("\n".join(ja) + "\n", "ja", f"{name}.ja", presegmented=True)
    en_doc = segment("\n".join(en) + "\n", "en", f"{name}.en", presegmented=True)
    return align.check(ja_doc, en_doc, name).findings


def non_style(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.category != "style"]


def _sentences(f: Finding, side: str) -> set[int]:
    own = f.ja if side == "ja" else f.en
    return set(own) | {s.sentence for s in f.spans if s.side == side}


def _known(f: Finding, doc: TestDoc | CleanDoc, known: frozenset[tuple[str, str]]) -> bool:
    """The finding is listed as a real defect of the clean text (its line and rule); a finding
    without a Japanese sentence (an omission) by its English line."""
    lines = _sentences(f, "ja")
    if lines:
        return any((doc.origin[j], f.rule) in known for j in lines if j < len(doc.origin))
    return any((doc.en_origin[i], f.rule) in known for i in _sentences(f, "en") if i < len(doc.en_origin))


def hits(f: Finding, p: Planted, kinds: dict[str, Kind]) -> bool:
    kind = kinds[p.cls]
    if f.category not in kind.categories:
        return False
    ja, en = _sentences(f, "ja"), _sentences(f, "en")
    if kind.scope == "en-line":
        return p.en is not None and p.en in en
    if kind.scope == "ja-line":
        return bool(ja & set(p.ja))
    if f.rule in SENTENCE_RULES:
        return False
    if ja:
        return bool(ja & set(p.ja))
    return p.en is not None and p.en in en


@dataclass
class Scores:
    """Counts over all documents of one benchmark run."""

    kinds: dict[str, Kind]
    #: Documents carry errors of one class each, so precision can be given per class.
    by_class: bool = True
    planted: Counter[tuple[str, str]] = field(default_factory=Counter)
    found: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Non-style findings on perturbed documents, and how many hit a planted error, per class
    #: of the document's errors ("mixed" when a document has several classes).
    findings: Counter[str] = field(default_factory=Counter)
    true_findings: Counter[str] = field(default_factory=Counter)
    #: (document, planted error, findings on its Japanese line) for every miss.
    misses: list[tuple[str, Planted, list[Finding], str, str]] = field(default_factory=list)
    #: (document, line origin, finding) of every false non-style finding on clean documents.
    false_clean: list[tuple[str, str, Finding, str]] = field(default_factory=list)
    known_clean: int = 0
    clean_docs: int = 0
    clean_sentences: int = 0

    def add_perturbed(
        self, doc: TestDoc, findings: Sequence[Finding], known: frozenset[tuple[str, str]] = frozenset()
    ) -> None:
        classes = {p.cls for p in doc.planted}
        group = next(iter(classes)) if len(classes) == 1 and self.by_class else "all"
        for f in non_style(findings):
            if any(hits(f, p, self.kinds) for p in doc.planted):
                self.findings[group] += 1
                self.true_findings[group] += 1
            elif not _known(f, doc, known):  # a real defect of the clean text is not false
                self.findings[group] += 1
        for p in doc.planted:
            key = (p.cls, p.sub)
            self.planted[key] += 1
            if any(hits(f, p, self.kinds) for f in findings):
                self.found[key] += 1
                continue
            near = [f for f in findings if _sentences(f, "ja") & set(p.ja) or (p.en in _sentences(f, "en"))]
            ja_text = doc.ja[p.ja[0]] if p.ja else ""
            en_text = doc.en[p.en] if p.en is not None else ""
            self.misses.append((doc.name, p, near, ja_text, en_text))

    def add_clean(
        self, doc: CleanDoc, findings: Sequence[Finding], known: frozenset[tuple[str, str]]
    ) -> None:
        self.clean_docs += 1
        self.clean_sentences += len(doc.ja)
        for f in non_style(findings):
            lines = sorted(_sentences(f, "ja"))
            origins = [doc.origin[j] for j in lines if j < len(doc.origin)]
            if _known(f, doc, known):
                self.known_clean += 1
                continue
            text = doc.ja[lines[0]] if lines else (doc.en[min(f.en)] if f.en else "")
            self.false_clean.append((doc.name, origins[0] if origins else "", f, text))

    def recall(self, cls: str, sub: str | None = None) -> tuple[int, int]:
        keys = [k for k in self.planted if k[0] == cls and (sub is None or k[1] == sub)]
        return sum(self.found[k] for k in keys), sum(self.planted[k] for k in keys)


def _pct(n: int, d: int) -> str:
    return f"{n:>4}/{d:<4} {100 * n / d:5.1f}%" if d else f"{n:>4}/{d:<4}    - "


def print_report(scores: Scores, *, clean_unit: str, false_target: float, precision_target: float) -> dict:
    """Print the recall table, precision and false findings; return the figures as a dict."""
    kinds = scores.kinds
    by_class = any(cls in scores.findings for cls in kinds)  # documents of one class each
    print(f"{'class':<24} {'typed recall':>16}   target   {'precision' if by_class else '':>16}")
    figures: dict[str, object] = {"recall": {}}
    for cls, kind in kinds.items():
        n, d = scores.recall(cls)
        tf, af = scores.true_findings.get(cls, 0), scores.findings.get(cls, 0)
        prec = _pct(tf, af) if cls in scores.findings else ""
        mark = "" if not d else ("ok" if n / d >= kind.target else "BELOW")
        print(f"{kind.label:<24} {_pct(n, d)}   >={100 * kind.target:3.0f}%  {prec:>16}  {mark}")
        figures["recall"][cls] = [n, d]  # type: ignore[index]
        subs = sorted({k[1] for k in scores.planted if k[0] == cls and k[1]})
        for sub in subs:
            sn, sd = scores.recall(cls, sub)
            print(f"  {sub:<22} {_pct(sn, sd)}")
            figures["recall"][f"{cls}/{sub}"] = [sn, sd]  # type: ignore[index]
    tf, af = sum(scores.true_findings.values()), sum(scores.findings.values())
    precision = tf / af if af else 1.0
    mark = "ok" if precision >= precision_target else "BELOW"
    print(
        f"\nprecision (non-style findings on perturbed documents that hit a planted error of their "
        f"category): {tf}/{af} = {precision:.3f}   target >= {precision_target:.2f}  {mark}"
    )
    false = len(scores.false_clean)
    if clean_unit == "document":
        rate = false / max(scores.clean_docs, 1)
        where = f"{scores.clean_docs} clean documents"
        unit = "per clean document"
    else:
        rate = 100 * false / max(scores.clean_sentences, 1)
        where = f"{scores.clean_docs} clean documents, {scores.clean_sentences} Japanese sentences"
        unit = "per 100 sentences"
    mark = "ok" if rate <= false_target else "ABOVE"
    known = f", {scores.known_clean} more are listed real defects" if scores.known_clean else ""
    print(
        f"false non-style findings {unit}: {rate:.3f} ({false} in {where}{known})"
        f"   target <= {false_target:g}  {mark}"
    )
    by_rule = Counter(f.rule for _, _, f, _ in scores.false_clean)
    if by_rule:
        names = {f.rule: f.name for _, _, f, _ in scores.false_clean}
        print(
            "false findings on clean documents by rule: "
            + ", ".join(
                f"{rule} {names[rule]} {n}"
                for rule, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
            )
        )
    figures.update(precision=[tf, af], false=false, false_rate=rate, clean_docs=scores.clean_docs)
    figures["false_by_rule"] = dict(sorted(by_rule.items()))
    return figures


def finish(
    scores: Scores,
    *,
    clean_unit: str,
    false_target: float,
    precision_target: float,
    examples: int,
    as_json: bool,
) -> int:
    """The end of every benchmark's run: the report, the examples, the figures as JSON if asked."""
    figures = print_report(
        scores, clean_unit=clean_unit, false_target=false_target, precision_target=precision_target
    )
    print_examples(scores, examples)
    if as_json:
        print(json.dumps(figures, sort_keys=True))
    return 0


def print_examples(scores: Scores, n: int) -> None:
    """A few misses per class and a few false findings per rule, for developers."""
    if n <= 0:
        return
    by_class: dict[str, list[tuple[str, Planted, list[Finding], str, str]]] = defaultdict(list)
    for miss in scores.misses:
        by_class[miss[1].cls].append(miss)
    for cls, kind in scores.kinds.items():
        misses = by_class.get(cls, [])
        if not misses:
            continue
        print(f"\nmisses, {kind.label} ({len(misses)}):")
        for doc, p, near, ja, en in misses[:n]:
            where = f"ja {list(p.ja)}" if p.ja else f"en [{p.en}]"
            print(f"  {doc} {where} {p.origin}: {p.detail}")
            if ja:
                print(f"    JA {ja}")
            if en:
                print(f"    EN {en}")
            for f in near[:3]:
                print(f"    got {f.rule} {f.category}: {f.message[:100]}")
            if not near:
                print("    got nothing on this line")
    by_rule: dict[str, list[tuple[str, str, Finding, str]]] = defaultdict(list)
    for item in scores.false_clean:
        by_rule[item[2].rule].append(item)
    for rule, items in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"\nfalse findings on clean documents, {rule} {items[0][2].name} ({len(items)}):")
        for doc, origin, f, text in items[:n]:
            print(f"  {doc} {origin}: {f.message[:110]}")
            print(f"    JA {text[:120]}")
