"""Labelled katakana/English pairs from real translations, and how well each scorer separates them.

    python benchmarks/translit_calibration.py build   # rewrite tests/lexicon/data/translit_pairs.tsv
    python benchmarks/translit_calibration.py score   # precision/recall of the scorers on it

The pairs come from the gold 1-1 beads of ../shared/corpora (Coursera lectures, Tanaka):
- positive: a katakana word of the Japanese and the English word of the same bead that it
  renders, known from UniDic's loanword origin field (コード -> code), plus names of the
  beads labelled by inspection (UniDic gives no origin for most names);
- negative: the English word of a positive with every other katakana word of its sentence.
Pairs with a word that occurs in ../shared/devset, the seed article or sources/ are left out.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.lexicon.names import translit_score  # noqa: E402
from align.lexicon.tokens import tokenize  # noqa: E402
from align.lexicon.translit import (  # noqa: E402
    MIN_SIMILARITY,
    fold,
    katakana_similarity,
    predicted_katakana_many,
)

SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
OUT = ROOT / "tests" / "lexicon" / "data" / "translit_pairs.tsv"
_KATA = re.compile(r"^[\u30a1-\u30fa\u30fc]{2,}$")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’]*")

#: Names of the corpora's beads that UniDic gives no (matching) origin for, labelled by inspection:
#: each katakana word renders this English word in at least one bead.
MANUAL_NAMES = {
    ("アリス", "Alice"),
    ("アレックス", "Alex"),
    ("アン", "Ann"),
    ("ウォートン", "Wharton"),
    ("エミ", "Emi"),
    ("エレン", "Ellen"),
    ("オースティン", "Austin"),
    ("カウフマン", "Kauffman"),
    ("キャロル", "Carol"),
    ("クロース", "Klaus"),
    ("グレース", "Grace"),
    ("ケイコ", "Keiko"),
    ("ケビン", "Kevin"),
    ("ケン", "Ken"),
    ("シータ", "Theta"),
    ("ジェイン", "Jane"),
    ("ジェーン", "Jane"),
    ("ジャック", "Jack"),
    ("ストルツ", "Stotz"),
    ("スーザン", "Susan"),
    ("トトロ", "Totoro"),
    ("トニー", "Tony"),
    ("トム", "Tom"),
    ("ノラ", "Nora"),
    ("ハリー", "Harry"),
    ("ヘレン", "Helen"),
    ("ヘンリー", "Henry"),
    ("ベス", "Beth"),
    ("ペンシルバニア", "Pennsylvania"),
    ("ボブ", "Bob"),
    ("マコーム", "McCombs"),
    ("マリー", "Mary"),
    ("ミホ", "Miho"),
    ("ムンバイ", "Mumbai"),
    ("ユミコ", "Yumiko"),
    ("ルーシー", "Lucy"),
    ("ロジャー", "Roger"),
    ("ローマ", "Rome"),
}
#: Candidate name pairs left out: a part of a longer name, or an exonym that is no transliteration.
UNDECIDED = {
    ("オスター", "Osterwalder"),
    ("ワルダー", "Osterwalder"),
    ("ニュージーランド", "Zealand"),
    ("ウィーン", "Vienna"),
    ("ギリシア", "Greeks"),
}


def _forbidden() -> tuple[set[str], set[str]]:
    """Capitalised words and katakana words of the devset, the seed article and the bundled pairs."""
    en: set[str] = set()
    ja: set[str] = set()
    files = [p for p in (SHARED / "devset").rglob("*") if p.is_file() and p.suffix != ".py"]
    bundled = [p for p in (ROOT / "sources").rglob("*") if p.suffix in (".txt", ".json")]
    for path in [*files, *(SHARED / "seeds").glob("*.txt"), *bundled]:
        text = path.read_text(encoding="utf-8", errors="ignore")
        en.update(fold(w) for w in re.findall(r"[A-Z][A-Za-z\u00c0-\u024f]{2,}", text))
        ja.update(re.findall(r"[\u30a1-\u30fa\u30fc]{3,}", text))
    return en, ja


def _beads(stem: str) -> Iterator[tuple[str, str]]:
    en = (CORPORA / f"{stem}.en").read_text(encoding="utf-8").splitlines()
    ja = (CORPORA / f"{stem}.ja").read_text(encoding="utf-8").splitlines()
    for line in (CORPORA / f"{stem}.gold").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\[([\d,\s]*)\]:\[([\d,\s]*)\]", line)
        if m:
            a = [int(x) for x in m.group(1).split(",") if x.strip()]
            b = [int(x) for x in m.group(2).split(",") if x.strip()]
            if len(a) == 1 and len(b) == 1:
                yield en[a[0]], ja[b[0]]


def _renders(origin: str, word: str) -> bool:
    o, w = fold(origin), fold(word).replace("’", "'")
    return w in (o, o + "s", o + "es", o + "'s")


def build() -> list[tuple[str, str, int, str]]:
    """(katakana, english, label, how) rows, sorted."""
    forbid_en, forbid_ja = _forbidden()
    rows: dict[tuple[str, str], tuple[int, str]] = {}
    names: set[tuple[str, str]] = set()
    stems = sorted(p.stem for p in CORPORA.glob("*.gold"))
    for stem in stems:
        for en, ja in _beads(stem):
            toks = [t for t in tokenize(ja) if _KATA.match(t.surface)]
            if not toks:
                continue
            words = [m.group() for m in _WORD.finditer(en)]
            for t in toks:
                hit = [w for w in words if t.origin and _renders(t.origin, w)]
                if hit:
                    rows[(t.surface, hit[0])] = (1, "origin")
                    for u in toks:
                        if u.surface != t.surface and not (u.origin and _renders(u.origin, hit[0])):
                            rows.setdefault((u.surface, hit[0]), (0, "origin"))
                elif t.pos2 == "固有名詞":
                    names.update((t.surface, w) for w in words if w[:1].isupper() and len(w) >= 3)
    labelled = {k for k, _ in MANUAL_NAMES}
    for kana, word in sorted(names - UNDECIDED):
        if "'" in word or "’" in word:
            continue  # I'm, Here's: not names
        if (kana, word) in MANUAL_NAMES:
            rows[(kana, word)] = (1, "manual")
        elif kana in labelled:  # another capitalised word of a bead where this name was rendered
            rows.setdefault((kana, word), (0, "manual"))
    out = [
        (k, e, label, how)
        for (k, e), (label, how) in rows.items()
        if fold(e) not in forbid_en and k not in forbid_ja
    ]
    # A pair labelled both ways (one bead renders it, another lists it beside another word) is positive.
    positive = {(k, fold(e)) for k, e, label, _ in out if label}
    out = [r for r in out if r[2] or (r[0], fold(r[1])) not in positive]
    return sorted(out)


def load(path: Path = OUT) -> list[tuple[str, str, int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        kana, english, label, how = line.split("\t")
        rows.append((kana, english, int(label), how))
    return rows


def precision_recall(
    rows: list[tuple[str, str, int, str]], score: Callable[[str, str], float], threshold: float
) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for kana, english, label, _ in rows:
        hit = score(kana, english) >= threshold
        tp += hit and label == 1
        fp += hit and label == 0
        fn += (not hit) and label == 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score_report(rows: list[tuple[str, str, int, str]]) -> None:
    predicted_katakana_many(e for _, e, _, _ in rows)  # one batched decode
    npos = sum(r[2] for r in rows)
    print(
        f"{len(rows)} pairs: {npos} positive ({sum(r[3] == 'manual' and r[2] for r in rows)} names by hand)"
    )
    for name, fn in (("katakana_similarity", katakana_similarity), ("names.translit_score", translit_score)):
        for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
            p, r, f = precision_recall(rows, fn, t)
            mark = " <- MIN_SIMILARITY" if t == MIN_SIMILARITY and fn is katakana_similarity else ""
            print(f"{name:22s} >= {t:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}{mark}")
    names = [r for r in rows if r[3] == "manual"]
    for name, fn in (("katakana_similarity", katakana_similarity), ("names.translit_score", translit_score)):
        p, r, f = precision_recall(names, fn, MIN_SIMILARITY)
        print(
            f"names only ({len(names)} pairs), {name} >= {MIN_SIMILARITY}: precision {p:.3f} recall {r:.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["build", "score"])
    args = ap.parse_args()
    if args.what == "build":
        rows = build()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        lines = ["katakana\tenglish\tlabel\thow", *("\t".join(map(str, r)) for r in rows)]
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{OUT.relative_to(ROOT)}: {len(rows)} pairs, {sum(r[2] for r in rows)} positive")
    else:
        score_report(load())


if __name__ == "__main__":
    main()
