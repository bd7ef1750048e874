"""Typed recall, precision and false findings of ``align check`` on DEMETR's Japanese items.

    python benchmarks/demetr.py [--seed N] [--quick] [--examples N] [--json]

DEMETR (Karpinska et al., EMNLP 2022; github.com/marzenakrp/demetr, MIT) gives, for 100
Japanese sentences (ids 301-400, news and Wikipedia-like text), the Japanese source, an
edited machine translation into English (``mt_sent``) and that translation with one
perturbation (``pert_sent``). Its Japanese items are vendored in ``benchmarks/data/demetr/``
(see PROVENANCE.txt there).

Documents. For each error class below, the items that can carry it are shuffled (seeded) and
dealt out in groups of about five; each group becomes one document of 25 lines (the group
plus items drawn from the rest, in random order), with the errors at random lines at least
four lines apart (never two adjacent: about one line in five). Every document has a clean
control: the same 25 lines without the errors. The English of every line is DEMETR's
``mt_sent``, the translation its perturbations start from, so a clean pair differs from a
perturbed one by exactly the perturbation.

How each class is built, and why:

- ``number``: DEMETR's numbers_replaced, as it is: the Japanese source paired with the
  perturbed English. The Japanese then states another number than the English (both sides
  of a pair are what a checker compares; which side was edited does not matter).
- ``name-replaced``: DEMETR's ne_replaced, as it is: the English names another entity of the
  same type (Kofu City -> a country), the Japanese still renders the original.
- ``name-added``: DEMETR's ne_removed, as it is: the English drops a name that the Japanese
  renders. Seen from the English (align treats the English as the source), the Japanese has
  a proper noun with no counterpart: the new AL207 name-added, category ``alignment``.
- ``name-missing``: the English keeps a name and the Japanese loses it (the new AL206
  name-missing, category ``omission``). DEMETR has no such perturbation; we take the spans
  of its code-mix perturbation (a human-made link between an English name and the Japanese
  words that render it) whose English side is a whole name, and delete that Japanese span
  (with one following particle は/が/の/を/に/と/も) from the source.
- ``untranslated``: code-mix reversed. DEMETR's code-mix replaces English words of the
  translation by the Japanese words they translate; we do the reverse on the Japanese: the
  Japanese span is replaced by the English words (このpatientは...). Only spans whose English
  is ordinary words are used: names (every word capitalised, a sentence-initial word only
  when its lower-case form never occurs in DEMETR's English), parts of a longer name and
  spans with digits are left out, as is a span whose Japanese occurs twice in its sentence.
  A leading article (the, a, an) is dropped. Single words and runs of words print apart.
- ``omitted-line``: a Japanese line is deleted; the English keeps it.
- ``inserted-line``: the Japanese of an item that is not in the document is inserted after a
  line.
- ``duplicated-line``: a Japanese line is repeated, right after itself or after the next line
  (seeded coin).

Scoring (benchmarks/planted.py): a planted error is found when a finding of one of its
class's categories points at it (its Japanese line; an omitted line: its English line);
precision counts non-style findings on the perturbed documents; false findings are the
non-style findings on the clean controls, less those listed in
``benchmarks/data/demetr_known_defects.json``: real defects of DEMETR's reference translations
(item id, rule, reason), as perturb.py lists the corpora's.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planted import CleanDoc, Kind, Planted, Scores, TestDoc, check_lines, finish  # noqa: E402

#: The error classes: accepted finding categories, where the error is located, target recall.
CLASSES: dict[str, Kind] = {
    "number": Kind("numbers changed", ("number",), "pair", 0.90),
    "name-replaced": Kind("name replaced", ("name-variant",), "pair", 0.90),
    "name-missing": Kind("name removed (ja)", ("omission",), "pair", 0.90),
    "name-added": Kind("name added (en drops)", ("alignment",), "pair", 0.90),
    "untranslated": Kind("untranslated (code-mix)", ("untranslated",), "pair", 0.90),
    "omitted-line": Kind("omitted line", ("omission",), "en-line", 0.97),
    "inserted-line": Kind("inserted line", ("alignment",), "ja-line", 0.97),
    "duplicated-line": Kind("duplicated line", ("duplicate",), "ja-line", 0.97),
}
PRECISION_TARGET = 0.90
FALSE_PER_DOC_TARGET = 0.1

DATA = Path(__file__).resolve().parent / "data" / "demetr"
FILES = {
    "number": "critical_id10_numbers_replaced.json",
    "name-replaced": "critical_id9_ne_replaced.json",
    "name-added": "critical_id25_ne_removed.json",
    "codemix": "critical_id4_codemix.json",
}
DOC_LINES = 25
ERRORS_PER_DOC = 5
#: Planted errors are at least this many lines apart.
GAP = 4

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\u2019.][A-Za-z0-9]+)*|\S")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff10-\uff5a]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_LOWER_FUNCTION = frozenset({"the", "of", "a", "an", "and", "de", "du", "la", "von", "van"})
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PARTICLE = "はがのをにとも"


@dataclass(frozen=True)
class Item:
    id: int
    src: str
    mt: str
    #: class -> perturbed English (only where DEMETR's perturbation applied).
    pert: dict[str, str]
    codemix: str


@dataclass(frozen=True)
class Perturbation:
    """How one item carries one class of error: its new Japanese or English line."""

    item: int
    cls: str
    ja: str
    en: str
    sub: str
    detail: str


@lru_cache(maxsize=1)
def load_items() -> dict[int, Item]:
    tables = {key: json.loads((DATA / name).read_text(encoding="utf-8")) for key, name in FILES.items()}
    items: dict[int, Item] = {}
    for row in tables["codemix"]:
        pert = {}
        for key in ("number", "name-replaced", "name-added"):
            other = next(r for r in tables[key] if r["id"] == row["id"])
            assert other["src_sent"] == row["src_sent"] and other["mt_sent"] == row["mt_sent"]
            if other["pert_check"] and other["pert_sent"] != other["mt_sent"]:
                pert[key] = other["pert_sent"]
        items[row["id"]] = Item(row["id"], row["src_sent"], row["mt_sent"], pert, row["pert_sent"])
    return items


def word_diff(a: str, b: str) -> list[tuple[str, tuple[int, int], str]]:
    """The changed runs of *a* against *b*: (op, (start, end) in a, text of b), by word tokens."""
    ta = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(a)]
    tb = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(b)]
    sm = difflib.SequenceMatcher(a=[t[0] for t in ta], b=[t[0] for t in tb], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        span = (ta[i1][1], ta[i2 - 1][2]) if i2 > i1 else (ta[i1][1] if i1 < len(ta) else len(a),) * 2
        out.append((op, span, b[tb[j1][1] : tb[j2 - 1][2]] if j2 > j1 else ""))
    return out


@lru_cache(maxsize=1)
def _english_lower_words() -> frozenset[str]:
    """Every word DEMETR's Japanese items write in lower case somewhere (mt and references)."""
    words: set[str] = set()
    for name in FILES.values():
        for row in json.loads((DATA / name).read_text(encoding="utf-8")):
            for text in (row["mt_sent"], row["eng_sent"]):
                words.update(w for w in _WORD.findall(text) if w.islower())
    return frozenset(words)


def _is_name(english: str, start: int) -> bool:
    words = [w.strip("\"'.,;:()") for w in english.split()]
    words = [w for w in words if w and w.lower() not in _LOWER_FUNCTION]
    if not words or not all(w[0].isupper() for w in words):
        return False
    # A capital at the start of the sentence is a name only if DEMETR never writes it in lower case.
    return start > 0 or words[0].lower() not in _english_lower_words()


_NAME_BEFORE = re.compile(r"(?:^|[\s\"\u201c(])[A-Z][\w.'\u2019-]*\s+$")
_NAME_AFTER = re.compile(r"^\s+[A-Z]")


def _part_of_longer_name(sentence: str, start: int, end: int) -> bool:
    """A capitalised word right before or after the span (no punctuation between) extends it."""
    before = sentence[:start]
    # The word before the span starts the sentence: its capital says nothing.
    initial = not before.strip() or bool(re.fullmatch(r"\S+\s+", before))
    return bool((_NAME_BEFORE.search(before) and not initial) or _NAME_AFTER.match(sentence[end:]))


def codemix_span(item: Item) -> tuple[str, str, str] | tuple[None, None, str]:
    """(Japanese span, English words, "name" or "word") of the item's code-mix, or a reason."""
    changes = [c for c in word_diff(item.mt, item.codemix) if _JAPANESE.search(c[2])]
    if len(changes) != 1:
        return None, None, "not one Japanese span"
    _, (start, end), japanese = changes[0]
    english = item.mt[start:end]
    if item.src.count(japanese) != 1:
        return None, None, "Japanese span not once in the source"
    if re.search(r"\d", english):
        return None, None, "digits"
    if _is_name(english, start):
        if _part_of_longer_name(item.mt, start, end):
            return None, None, "part of a longer name"
        return japanese, english, "name"
    english = _ARTICLE.sub("", english)
    if start == 0:
        english = english[0].lower() + english[1:]
    return japanese, english, "word"


def _latin_join(before: str, word: str, after: str) -> str:
    left = " " if before[-1:].isascii() and before[-1:].isalnum() else ""
    right = " " if after[:1].isascii() and after[:1].isalnum() else ""
    return f"{before}{left}{word}{right}{after}"


def perturbations() -> dict[str, list[Perturbation]]:
    """Every item that can carry each class, with the line it gets."""
    items = load_items()
    out: dict[str, list[Perturbation]] = {cls: [] for cls in CLASSES}
    for item in items.values():
        for cls in ("number", "name-replaced", "name-added"):
            if cls in item.pert:
                diff = "; ".join(
                    f"{item.mt[s:e]!r} -> {new!r}" for _, (s, e), new in word_diff(item.mt, item.pert[cls])
                )
                out[cls].append(Perturbation(item.id, cls, item.src, item.pert[cls], "", f"en {diff}"))
        japanese, english, kind = codemix_span(item)
        if japanese is None or english is None:
            continue
        at = item.src.index(japanese)
        before, after = item.src[:at], item.src[at + len(japanese) :]
        if kind == "word":
            ja = _latin_join(before, english, after)
            sub = "1 word" if len(english.split()) == 1 else "2+ words"
            out["untranslated"].append(
                Perturbation(item.id, "untranslated", ja, item.mt, sub, f"ja {japanese!r} -> {english!r}")
            )
        else:
            if after[:1] and after[0] in _PARTICLE:
                after = after[1:]
            ja = (before + after).lstrip("、・ ")
            detail = f"ja {japanese!r} deleted (en keeps {english!r})"
            out["name-missing"].append(Perturbation(item.id, "name-missing", ja, item.mt, "", detail))
    for item in items.values():
        for cls in ("omitted-line", "inserted-line", "duplicated-line"):
            out[cls].append(Perturbation(item.id, cls, item.src, item.mt, "", ""))
    return out


def spread(rng: random.Random, n: int, length: int, gap: int) -> list[int]:
    """*n* sorted positions in range(length), consecutive ones at least *gap* apart (uniform)."""
    base = sorted(rng.sample(range(length - (n - 1) * (gap - 1)), n))
    return [b + k * (gap - 1) for k, b in enumerate(base)]


def _groups(seq: Sequence[Perturbation], size: int) -> list[list[Perturbation]]:
    """*seq* dealt into as few groups of at most *size* as possible, of near-equal size."""
    count = -(-len(seq) // size)
    return [list(seq[k::count]) for k in range(count)] if seq else []


def _layout(
    rng: random.Random, group: Sequence[Perturbation], ids: Sequence[int]
) -> tuple[list[int], list[int], dict[int, Perturbation]]:
    """The document's 25 items in order, the error positions, and which error is where."""
    targets = {p.item for p in group}
    inserted = group[0].cls == "inserted-line"
    pool = [i for i in ids if i not in targets]
    others = rng.sample(pool, DOC_LINES - (0 if inserted else len(group)))
    positions = spread(rng, len(group), DOC_LINES, GAP)
    at = dict(zip(positions, group, strict=True))
    if inserted:
        return others, positions, at
    order: list[int] = []
    rest = iter(others)
    for k in range(DOC_LINES):
        order.append(at[k].item if k in at else next(rest))
    return order, positions, at


def build_document(
    name: str, cls: str, group: Sequence[Perturbation], rng: random.Random
) -> tuple[TestDoc, CleanDoc]:
    items = load_items()
    order, positions, at = _layout(rng, group, sorted(items))
    clean_ja = [items[i].src for i in order]
    clean_en = [items[i].mt for i in order]
    ja: list[str] = []
    en = list(clean_en)
    planted: list[Planted] = []
    pending_copy: tuple[int, int] | None = None  # (line to repeat, after which source line)
    for k, item_id in enumerate(order):
        p = at.get(k)
        if p is None or cls not in ("untranslated", "name-missing", "omitted-line"):
            ja.append(clean_ja[k])
        if p is not None and cls in ("number", "name-replaced", "name-added"):
            en[k] = p.en
            planted.append(Planted(cls, (len(ja) - 1,), k, p.sub, p.detail, f"id {item_id}"))
        elif p is not None and cls in ("untranslated", "name-missing"):
            ja.append(p.ja)
            planted.append(Planted(cls, (len(ja) - 1,), k, p.sub, p.detail, f"id {item_id}"))
        elif p is not None and cls == "omitted-line":
            planted.append(Planted(cls, (), k, "", f"ja of en line {k} deleted", f"id {item_id}"))
        elif p is not None and cls == "inserted-line":
            ja.append(items[p.item].src)
            planted.append(Planted(cls, (len(ja) - 1,), None, "", "inserted after line", f"id {p.item}"))
        elif p is not None and cls == "duplicated-line":
            pending_copy = (len(ja) - 1, min(k + rng.randrange(2), DOC_LINES - 1))
        if pending_copy is not None and pending_copy[1] == k:
            original = pending_copy[0]
            ja.append(ja[original])
            distance = len(ja) - 2 - original
            detail = "copy right after" if distance == 0 else f"copy after {distance} line"
            planted.append(
                Planted(cls, (len(ja) - 1, original), None, "", detail, f"id {order[k - distance]}")
            )
            pending_copy = None
    doc = TestDoc(name, tuple(ja), tuple(en), tuple(planted), f"{name}-clean")
    return doc, CleanDoc(f"{name}-clean", tuple(clean_ja), tuple(clean_en), tuple(f"id {i}" for i in order))


def build_documents(seed: int = 1, quick: bool = False) -> list[tuple[TestDoc, CleanDoc]]:
    """Every perturbed document with its clean control, deterministic for a seed."""
    docs = []
    material = perturbations()
    for cls in CLASSES:
        rng = random.Random(f"demetr:{seed}:{cls}")
        pool = sorted(material[cls], key=lambda p: p.item)
        rng.shuffle(pool)
        groups = _groups(pool, ERRORS_PER_DOC)
        if quick:
            groups = groups[:1]
        for n, group in enumerate(groups):
            docs.append(build_document(f"{cls}-{n + 1:02d}", cls, group, rng))
    return docs


def named_entities() -> tuple[frozenset[str], frozenset[str]]:
    """DEMETR's named entities of the Japanese items: (English, Japanese) surface strings.

    English: what ne_replaced and ne_removed take out or put in, and the English of code-mix
    spans that are names. Japanese: the code-mix spans that render those names.
    """
    items = load_items()
    english: set[str] = set()
    japanese: set[str] = set()
    for item in items.values():
        for cls in ("name-replaced", "name-added"):
            if cls in item.pert:
                for _, (s, e), new in word_diff(item.mt, item.pert[cls]):
                    english.add(item.mt[s:e])
                    if cls == "name-replaced":
                        english.add(new)
        ja, en, kind = codemix_span(item)
        if kind == "name" and ja and en:
            english.add(en)
            japanese.add(ja)
    return frozenset(e for e in english if e.strip()), frozenset(japanese)


KNOWN = Path(__file__).resolve().parent / "data" / "demetr_known_defects.json"


def load_known(path: Path = KNOWN) -> frozenset[tuple[str, str]]:
    """Real defects of DEMETR's own reference translations, as (line origin, rule): a finding
    of one on a clean control is no false finding (as perturb.py lists the corpora's)."""
    entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    return frozenset((f"id {e['item']}", e["rule"]) for e in entries)


def score(docs: Sequence[tuple[TestDoc, CleanDoc]], known: frozenset[tuple[str, str]]) -> Scores:
    """Check every perturbed document and its clean control."""
    scores = Scores(CLASSES)
    for doc, clean in docs:
        scores.add_perturbed(doc, check_lines(doc.ja, doc.en, doc.name))
        scores.add_clean(clean, check_lines(clean.ja, clean.en, clean.name), known)
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1, help="document layout seed (default 1)")
    ap.add_argument("--quick", action="store_true", help="one document per class")
    ap.add_argument("--examples", type=int, default=0, metavar="N", help="print N misses per class")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args(argv)
    docs = build_documents(args.seed, args.quick)
    scores = score(docs, load_known())
    planted = sum(len(d.planted) for d, _ in docs)
    print(
        f"DEMETR Japanese items: {len(docs)} perturbed documents of {DOC_LINES} items with {planted} "
        f"planted errors, {len(docs)} clean controls (seed {args.seed}{', quick' if args.quick else ''})\n"
    )
    return finish(
        scores,
        clean_unit="document",
        false_target=FALSE_PER_DOC_TARGET,
        precision_target=PRECISION_TARGET,
        examples=args.examples,
        as_json=args.json,
    )


if __name__ == "__main__":
    sys.exit(main())
