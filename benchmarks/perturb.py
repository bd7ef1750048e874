"""Typed recall of ``align check`` on defects planted in clean human translations.

    python benchmarks/perturb.py [--seed N] [--docs N | --quick] [--examples N] [--json]

The Japanese of the human translations in ``../shared/corpora`` (Coursera lecture subtitles
coursera_test_01-06, coursera_dev_01-02, coursera_calculus_humangold; Tanaka example sentences
tanaka_01-04; one sentence per line) gets defects planted at random places with random
surface forms (seeded), and ``align check --presegmented`` runs on each document in process.

Clean documents. The corpora's own synthetic gaps (gold 1-0 and 0-1 beads, where the
alignment benchmark dropped a side) are removed first, so what is left is the translators'
text. The clean text is cut into documents of about 30 lines at bead boundaries; each round
of planting starts the cut at another offset, so the documents of two rounds differ.

Where a defect can go, found without the checker (``*.gold`` says which English line each
Japanese line renders; only pairs whose Japanese is one line are used):

- a number: a run of digits (half- or full-width) in the Japanese whose value the pair's
  English writes in digits;
- a name: a katakana run whose romanisation (cutlet) has the consonant skeleton of a word of
  the pair's English, where that English word is a name (capitalised inside its sentence and
  never written in lower case in any corpus file; not an acronym), or, in a corpus whose
  English is lower-cased (Tanaka), a word of any case when the katakana is a UniDic proper
  noun (person or place); a Latin name: a capitalised Latin word
  of five letters or more that both sides write and no corpus file writes in lower case;
- a Latin token: an alphanumeric, identifier, acronym or URL that both sides write verbatim;
- a code-mix span: a Japanese content word (UniDic) whose JMdict glosses (the project's
  dictionary: the one place a bilingual lexicon is unavoidable) include a lower-case,
  non-function word of the pair's English; two adjacent such words whose English words are at
  most two words apart make a run.

The classes, and how each is planted (one defect per line, lines at least four apart):

- ``number``: one digit changed, or the value moved by 1-9 (never to a value the English has);
- ``name-replaced``: the name replaced by another name of the corpora (katakana by katakana,
  Latin by Latin);
- ``name-missing``: the name deleted from the Japanese (with an honorific or one particle
  after it); the English keeps it;
- ``name-added``: a name of another pair put into the Japanese (「Xによると、」 before the
  sentence, or 「Xの」 before a noun);
- ``untranslated``: the Japanese word(s) replaced by the English word(s) they translate;
- ``omitted-line``, ``inserted-line`` (a line of another corpus), ``duplicated-line`` (the
  copy right after the line or after the next one);
- ``name-variant``: a name that occurs in two lines of the document written another way in
  one: a long vowel added or dropped, ヴ/バ-row swapped, a small-kana spelling changed
  (ティ/チ, フィ/ヒ, ウィ/ウイ, シェ/セ, ジェ/ゼ, ファ/ハ), ッ added or dropped; a kanji name of two
  occurrences with a variant kanji of the same reading;
- ``name-truncated``: a katakana name cut to its first two or more morae (sub-class "before
  an honorific" when 氏/さん/... follows), a Latin name cut to a prefix of three letters or more;
- ``broken-quote``: a 「 closed by " or ”, a 「 left unclosed, a stray 」 (a line without a
  quotation gets one around a noun phrase, or only its opening or closing bracket);
- ``latin-changed``: one digit or letter of a Latin token changed, or two letters swapped.

Each document takes about one defect per six lines; the class with the fewest defects so far
that has a free place in the document goes first, and within a class the kinds of material
take turns (single words and runs; katakana and Latin names). Names, numbers and Latin tokens
are few in these corpora, so a place can carry defects in several rounds; each time the
surface form is drawn again and the document around it differs.

Scoring (benchmarks/planted.py): a planted defect is found by a finding of a category of its
class that points at its line (an omission: at its English line). Precision is over the
non-style findings of the perturbed documents. False findings are the non-style findings of
the clean documents (the same cut as the first round), per 100 Japanese sentences, leaving
out the findings listed in ``benchmarks/data/perturb_known_defects.json``: real defects of
those human translations (document, 1-based line of the .ja file, or ``en_line`` of the .en
file for an omission, rule, reason). They are left out of the precision too.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_defects import read_gold  # noqa: E402
from planted import CleanDoc, Kind, Planted, Scores, TestDoc, check_lines, finish  # noqa: E402

#: The defect classes: accepted finding categories, where the defect is located, target recall.
CLASSES: dict[str, Kind] = {
    "number": Kind("number changed", ("number",), "pair", 0.95),
    "name-replaced": Kind("name replaced", ("name-variant",), "pair", 0.95),
    "name-missing": Kind("name removed", ("omission",), "pair", 0.95),
    "name-added": Kind("name added", ("alignment",), "pair", 0.95),
    "untranslated": Kind("untranslated (code-mix)", ("untranslated",), "pair", 0.95),
    "omitted-line": Kind("omitted line", ("omission",), "en-line", 0.95),
    "inserted-line": Kind("inserted line", ("alignment",), "ja-line", 0.95),
    "duplicated-line": Kind("duplicated line", ("duplicate",), "ja-line", 0.95),
    # A name written two ways is one unit in two forms; a checker that takes the name for a
    # term reports a term variant, which is still the defect's type.
    "name-variant": Kind("name variant", ("name-variant", "term-variant"), "pair", 0.95),
    "name-truncated": Kind("name truncated", ("truncated",), "pair", 0.95),
    "broken-quote": Kind("broken quote", ("quote",), "pair", 0.95),
    # AL403 latin-mismatch reports a changed identifier; its category is "number".
    "latin-changed": Kind("Latin token changed", ("number",), "pair", 0.95),
}
FALSE_PER_100_TARGET = 1.0
PRECISION_TARGET = 0.90

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
KNOWN = Path(__file__).resolve().parent / "data" / "perturb_known_defects.json"
CORPUS_NAMES = (
    *(f"coursera_test_{k:02d}" for k in range(1, 7)),
    "coursera_dev_01",
    "coursera_dev_02",
    "coursera_calculus_humangold",
    *(f"tanaka_{k:02d}" for k in range(1, 5)),
)
DOC_LINES = 30
#: One defect per this many lines, and defects at least GAP lines apart.
LINES_PER_DEFECT = 6
GAP = 4
MIN_DEFECTS = 5000
QUICK_DOCS = 15

_KATAKANA = re.compile(r"[\u30a1-\u30fa][\u30a1-\u30fa\u30fc]+")
_SMALL = "ァィゥェォャュョヮ"
_HONORIFIC = re.compile(r"(?:氏|さん|様|先生|教授|博士|くん|君)")
_PARTICLE = "はがのをにとも"
_JA_NUMBER = re.compile(
    r"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.,．，])[0-9０-９]+(?:[.,．，][0-9０-９]+)*(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ]|[.,．，][0-9０-９])"
)
_EN_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])\d+(?:[.,]\d+)*")
_LATIN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9._/:+#-]*[A-Za-z0-9](?![A-Za-z0-9])")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_LATIN_NAME = re.compile(r"[A-Z][a-z]{4,}")

# Spelling variants of katakana (both directions are drawn).
_KANA_SWAPS = tuple(
    tuple(pair.split("/"))
    for pair in (
        "ヴァ/バ ヴィ/ビ ヴェ/ベ ヴォ/ボ ヴ/ブ ティ/チ ディ/ジ "
        "フィ/ヒ ウィ/ウイ ウェ/ウエ シェ/セ ジェ/ゼ ファ/ハ"
    ).split()
)
#: Kanji of one reading written two ways in names (new and old forms, variant forms).
_KANJI_VARIANTS = (
    "辺邊邉 斎斉齋齊 沢澤 島嶋嶌 崎﨑嵜 高髙 浜濱 桜櫻 広廣 竜龍 "
    "国國 瀬瀨 関關 恵惠 徳德 富冨 黒黑 栄榮 実實 条條"
).split()


# --- the clean corpora -------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One gold bead of a corpus whose both sides are non-empty, in clean-text line numbers."""

    en: tuple[int, ...]
    ja: tuple[int, ...]


@dataclass(frozen=True)
class Corpus:
    name: str
    ja: tuple[str, ...]
    en: tuple[str, ...]
    pairs: tuple[Pair, ...]
    #: "name:line" (1-based line of the .ja file) of every kept Japanese line.
    origin: tuple[str, ...]
    #: "name.en:line" of every kept English line.
    en_origin: tuple[str, ...]


def _read_gold(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.en, b.ja) for b in read_gold(path).beads]


def load_corpus(folder: Path, name: str) -> Corpus:
    """A corpus file pair without the lines of its 1-0 and 0-1 gold beads."""
    ja_lines = (folder / f"{name}.ja").read_text(encoding="utf-8").splitlines()
    en_lines = (folder / f"{name}.en").read_text(encoding="utf-8").splitlines()
    ja: list[str] = []
    en: list[str] = []
    origin: list[str] = []
    en_origin: list[str] = []
    pairs: list[Pair] = []
    for bead_en, bead_ja in _read_gold(folder / f"{name}.gold"):
        if not bead_en or not bead_ja:
            continue
        pairs.append(
            Pair(tuple(range(len(en), len(en) + len(bead_en))), tuple(range(len(ja), len(ja) + len(bead_ja))))
        )
        en.extend(en_lines[i] for i in bead_en)
        ja.extend(ja_lines[j] for j in bead_ja)
        origin.extend(f"{name}:{j + 1}" for j in bead_ja)
        en_origin.extend(f"{name}.en:{i + 1}" for i in bead_en)
    return Corpus(name, tuple(ja), tuple(en), tuple(pairs), tuple(origin), tuple(en_origin))


# --- where defects can go ------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A place in a corpus where one class of defect can be planted."""

    cls: str
    #: Japanese and English line of the pair (clean-corpus numbering).
    ja: int
    en: int
    #: Character span of the material in the Japanese line ((0, 0) when the line is the material).
    start: int = 0
    end: int = 0
    #: Class-specific material: the English counterpart, the kind of name...
    info: tuple[str, ...] = ()
    sub: str = ""


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import fugashi

    return fugashi.Tagger()


@lru_cache(maxsize=1)
def _cutlet():  # type: ignore[no-untyped-def]
    import cutlet

    return cutlet.Cutlet(use_foreign_spelling=False)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(get_stop_words("en"))


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Consonants of a spelling, with the distinctions katakana cannot keep merged."""
    s = text.lower()
    for a, b in (("ph", "f"), ("ck", "k"), ("th", "s"), ("sh", "s"), ("ch", "c"), ("ts", "t"), ("x", "ks")):
        s = s.replace(a, b)
    s = re.sub(r"c(?=[eiy])", "s", s).replace("c", "k").replace("q", "k")
    s = s.translate(str.maketrans("vlzjd", "brsgd"))
    s = re.sub(r"[^a-z]|[aeiouyhw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=65536)
def kana_skeleton(kana: str) -> str:
    return skeleton(_cutlet().romaji(kana))


def _similar(kana: str, word: str) -> float:
    a, b = kana_skeleton(kana), skeleton(word)
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or (min(len(a), len(b)) < 3 and a != b):
        return 0.0
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


def _inside_sentence_capitals(text: str) -> Iterator[re.Match[str]]:
    for m in _EN_WORD.finditer(text):
        before = text[: m.start()].rstrip()
        if m.group()[0].isupper() and before and before[-1] not in '.!?:"\u201c(':
            yield m


def _lower_words(corpora: Sequence[Corpus]) -> frozenset[str]:
    """Every word the corpora's English writes in lower case somewhere: not a name."""
    return frozenset(w for c in corpora for line in c.en for w in _EN_WORD.findall(line) if w.islower())


def _proper_nouns(text: str) -> set[str]:
    return {
        t.surface
        for t in _tagger()(text)
        if t.feature.pos2 == "固有名詞"
        and t.feature.pos3 in ("人名", "地名")
        and _KATAKANA.fullmatch(t.surface)
    }


def _cased(corpus: Corpus) -> bool:
    """Whether the corpus's English keeps capitals inside sentences (Tanaka's is lower-cased)."""
    capitals = sum(
        1 for line in corpus.en if any(m.group() not in ("I", "I'm") for m in _inside_sentence_capitals(line))
    )
    return capitals >= 0.05 * len(corpus.en)


def _name_sites(corpus: Corpus, j: int, i: int, lower: frozenset[str], cased: bool) -> list[Site]:
    ja, en = corpus.ja[j], corpus.en[i]
    names = [
        w
        for w in (m.group() for m in _inside_sentence_capitals(en))
        if sum(c.isupper() for c in w) == 1 and re.sub(r"['\u2019]s$", "", w).lower() not in lower
    ]
    # A lower-cased English has no capitals to tell names by: there, UniDic's proper nouns.
    proper = set() if cased else _proper_nouns(ja)
    plain = [w for w in _EN_WORD.findall(en) if len(w) >= 3 and w.lower() not in _stop_words()]
    sites = []
    for m in _KATAKANA.finditer(ja):
        candidates = names + (plain if m.group() in proper else [])
        scored = sorted(((_similar(m.group(), w), w) for w in candidates), reverse=True)
        if scored and scored[0][0] >= 0.8:
            sites.append(Site("name", j, i, m.start(), m.end(), (scored[0][1], "katakana")))
    for m in _LATIN.finditer(ja):
        word = m.group()
        english = re.search(rf"\b{word}\b", en)
        if (
            _LATIN_NAME.fullmatch(word)
            and word.lower() not in lower
            and english
            and not _in_longer_name(ja, m.start(), m.end())
            and not _in_longer_name(en, english.start(), english.end())
        ):
            sites.append(Site("name", j, i, m.start(), m.end(), (word, "Latin")))
    return sites


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Another capitalised word right before or after (a space between): one part of a name."""
    before = re.search(r"(?:^|[^\w.!?] *)([A-Z][\w.-]*) +$", text[:start])
    after = re.match(r" +[A-Z]", text[end:])
    return bool(before or after)


def _values(text: str) -> set[str]:
    return {unicodedata.normalize("NFKC", v).replace(",", "") for v in _EN_NUMBER.findall(text)}


def _number_sites(corpus: Corpus, j: int, i: int) -> list[Site]:
    english = _values(corpus.en[i])
    sites = []
    for m in _JA_NUMBER.finditer(corpus.ja[j]):
        value = unicodedata.normalize("NFKC", m.group()).replace(",", "")
        if value in english:
            sites.append(Site("number", j, i, m.start(), m.end(), (value,)))
    return sites


def _identifier(token: str) -> bool:
    has_letter = bool(re.search(r"[A-Za-z]", token))
    return has_letter and (
        bool(re.search(r"\d", token))
        or bool(re.search(r"[._/:]", token))
        or sum(c.isupper() for c in token) >= 2
    )


def _latin_sites(corpus: Corpus, j: int, i: int) -> list[Site]:
    en = corpus.en[i]
    return [
        Site("latin-changed", j, i, m.start(), m.end(), (m.group(),))
        for m in _LATIN.finditer(corpus.ja[j])
        if _identifier(m.group()) and re.search(rf"(?<![A-Za-z0-9]){re.escape(m.group())}(?![A-Za-z0-9])", en)
    ]


def _english_forms(word: str) -> set[str]:
    return {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}


def _codemix_sites(corpus: Corpus, j: int, i: int) -> list[Site]:
    """Japanese content words whose JMdict glosses include a word of the pair's English."""
    from align.lexicon.dictionary import gloss

    en_words = [(m.group(), m.start(), m.end()) for m in _EN_WORD.finditer(corpus.en[i])]
    usable = {
        w.lower(): k
        for k, (w, _, _) in enumerate(en_words)
        if w.islower() and len(w) >= 3 and w not in _stop_words()
    }
    matched: list[tuple[int, int, int]] = []  # (start, end, English word index)
    pos = 0
    for t in _tagger()(corpus.ja[j]):
        start = corpus.ja[j].index(t.surface, pos)
        pos = start + len(t.surface)
        f = t.feature
        content = (f.pos1, f.pos2) in (("名詞", "普通名詞"), ("形状詞", "一般")) or f.pos1 in (
            "動詞",
            "形容詞",
        )
        if not content or _KATAKANA.fullmatch(t.surface) or not re.search(r"[\u3400-\u9fff]", t.surface):
            continue
        lemma = (f.lemma or t.surface).split("-")[0]
        hits = [usable[e] for g in gloss(lemma) for e in _english_forms(g) if e in usable]
        if hits:
            matched.append((start, pos, min(hits)))
    sites = []
    for start, end, k in matched:
        word = en_words[k][0]
        sites.append(Site("untranslated", j, i, start, end, (word,), "1 word"))
    for (s1, e1, k1), (s2, e2, k2) in zip(matched, matched[1:], strict=False):
        if e1 == s2 and k1 != k2 and abs(k1 - k2) <= 2:
            a, b = min(k1, k2), max(k1, k2)
            words = corpus.en[i][en_words[a][1] : en_words[b][2]]
            sites.append(Site("untranslated", j, i, s1, e2, (words,), "2+ words"))
    return sites


@dataclass
class Material:
    """Every site of a corpus, per clean Japanese line."""

    corpus: Corpus
    by_line: dict[int, list[Site]] = field(default_factory=dict)


def find_material(corpus: Corpus, lower: frozenset[str]) -> Material:
    cased = _cased(corpus)
    material = Material(corpus)
    for pair in corpus.pairs:
        if len(pair.ja) != 1:
            continue
        j = pair.ja[0]
        sites: list[Site] = []
        for i in pair.en:
            sites += _name_sites(corpus, j, i, lower, cased)
            sites += _number_sites(corpus, j, i)
            sites += _latin_sites(corpus, j, i)
            sites += _codemix_sites(corpus, j, i)
        i = pair.en[0]
        sites.append(Site("line", j, i, info=("1-1" if len(pair.en) == 1 else "n-1",)))
        material.by_line[j] = sites
    return material


# --- planting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Base:
    """A clean document: a slice of a corpus at bead boundaries."""

    name: str
    corpus: Corpus
    first: int  # first clean Japanese line
    ja: tuple[str, ...]
    en: tuple[str, ...]
    en_first: int
    origin: tuple[str, ...]
    en_origin: tuple[str, ...]


def cut(corpus: Corpus, offset: int) -> list[Base]:
    """The corpus in slices of about DOC_LINES Japanese lines, the first one *offset* lines long."""
    groups: list[list[Pair]] = [[]]
    limit = offset or DOC_LINES
    for pair in corpus.pairs:
        groups[-1].append(pair)
        if sum(len(p.ja) for p in groups[-1]) >= limit:
            groups.append([])
            limit = DOC_LINES
    if len(groups) > 1 and sum(len(p.ja) for p in groups[-1]) < DOC_LINES // 3:
        groups[-2].extend(groups.pop())  # a short tail joins the slice before it
    bases = []
    for group in groups:
        if not group:
            continue
        ja0, ja1 = group[0].ja[0], group[-1].ja[-1] + 1
        en0, en1 = group[0].en[0], group[-1].en[-1] + 1
        bases.append(
            Base(
                f"{corpus.name}@{ja0 + 1}",
                corpus,
                ja0,
                corpus.ja[ja0:ja1],
                corpus.en[en0:en1],
                en0,
                corpus.origin[ja0:ja1],
                corpus.en_origin[en0:en1],
            )
        )
    return bases


@dataclass(frozen=True)
class Edit:
    """What a defect does to its line: a new text, a deletion, or a line added after it."""

    line: str | None  # the new text of the line; None deletes it
    after: str | None = None  # a line to add after it (or after the next line: see later)
    later: bool = False
    sub: str = ""
    detail: str = ""


def _replace(text: str, start: int, end: int, new: str) -> str:
    left = (
        " "
        if new[:1].isascii() and text[start - 1 : start].isascii() and text[start - 1 : start].isalnum()
        else ""
    )
    right = (
        " " if new[-1:].isascii() and text[end : end + 1].isascii() and text[end : end + 1].isalnum() else ""
    )
    return f"{text[:start]}{left}{new}{right}{text[end:]}"


def _change_number(rng: random.Random, site: Site, text: str, english: set[str]) -> Edit | None:
    surface = text[site.start : site.end]
    wide = any("０" <= c <= "９" for c in surface)
    plain = unicodedata.normalize("NFKC", surface)
    for _ in range(20):
        if rng.random() < 0.5 or not plain.isdigit():
            digits = [k for k, c in enumerate(plain) if c.isdigit()]
            k = rng.choice(digits)
            choices = [
                d for d in "0123456789" if d != plain[k] and not (k == 0 and d == "0" and len(digits) > 1)
            ]
            new, sub = plain[:k] + rng.choice(choices) + plain[k + 1 :], "digit changed"
        else:
            value = int(plain) + rng.choice((-1, 1)) * rng.randint(1, 9)
            if value < 0:
                continue
            new, sub = str(value), "value moved"
        if new != plain and new.replace(",", "") not in english:
            shown = new.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，")) if wide else new
            return Edit(_replace(text, site.start, site.end, shown), sub=sub, detail=f"{surface} -> {shown}")
    return None


def morae(kana: str) -> list[str]:
    out: list[str] = []
    for ch in kana:
        if out and (ch in _SMALL or ch == "ー"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _variant_forms(name: str) -> list[tuple[str, str]]:
    """Every spelling variant of a katakana name: (form, kind)."""
    forms: list[tuple[str, str]] = []
    for a, b in _KANA_SWAPS:
        for old, new in ((a, b), (b, a)):
            k = name.find(old)
            if k >= 0:
                forms.append((name[:k] + new + name[k + len(old) :], "ヴ/バ" if "ヴ" in a else "small kana"))
    for k, ch in enumerate(name):
        if ch == "ー":
            forms.append((name[:k] + name[k + 1 :], "long vowel"))
        elif ch == "ッ":
            forms.append((name[:k] + name[k + 1 :], "ッ"))
    for k in range(1, len(name)):
        prev, nxt = name[k - 1], name[k]
        if prev not in "ーッンァィゥェォャュョ" and nxt not in "ーッ" + _SMALL:
            forms.append((name[:k] + "ー" + name[k:], "long vowel"))
            if nxt in "カキクケコサシスセソタチツテトパピプペポ":
                forms.append((name[:k] + "ッ" + name[k:], "ッ"))
    return [(f, kind) for f, kind in dict(forms).items() if f != name and len(f) >= 2]


def _kanji_variant(rng: random.Random, name: str) -> str | None:
    options = []
    for k, ch in enumerate(name):
        for group in _KANJI_VARIANTS:
            if ch in group:
                options += [name[:k] + other + name[k + 1 :] for other in group if other != ch]
    return rng.choice(sorted(options)) if options else None


@dataclass
class Pools:
    """Material drawn from the whole corpus set: names to put in, lines to insert."""

    katakana: list[str]
    latin: list[str]
    lines: dict[str, list[str]]  # corpus family -> Japanese lines


def _family(name: str) -> str:
    return name.split("_")[0]


def _sound(text: str) -> str:
    return skeleton(text) if text.isascii() else kana_skeleton(text)


def _other_name(rng: random.Random, pool: Sequence[str], avoid: str, english: str) -> str:
    """A name of *pool* that neither sounds like *avoid* nor like any word of *english*."""
    words = {skeleton(w) for w in _EN_WORD.findall(english)}
    for _ in range(100):
        name = rng.choice(pool)
        sound = _sound(name)
        if name != avoid and sound not in words and (not avoid or sound != _sound(avoid)):
            return name
    return rng.choice([p for p in pool if p != avoid])


def _phrases(text: str) -> tuple[list[int], list[int]]:
    """Where noun phrases start, and where they end before a particle or auxiliary (offsets)."""
    starts, ends, pos, prev = [], [], 0, ""
    for t in _tagger()(text):
        start = text.index(t.surface, pos)
        pos = start + len(t.surface)
        pos1 = t.feature.pos1
        if pos1 in ("名詞", "接頭辞") and prev not in ("名詞", "接頭辞"):
            starts.append(start)
        if pos1 in ("助詞", "助動詞") and prev in ("名詞", "接尾辞"):
            ends.append(start)
        prev = pos1
    return starts, ends


def _noun_starts(text: str) -> list[int]:
    """Where a noun phrase starts (a noun after anything but a noun or a prefix)."""
    out, pos, prev = [], 0, ""
    for t in _tagger()(text):
        start = text.index(t.surface, pos)
        pos = start + len(t.surface)
        if t.feature.pos1 == "名詞" and start > 0 and prev not in ("名詞", "接頭辞"):
            out.append(start)
        prev = t.feature.pos1
    return out


def plant(cls: str, site: Site, rng: random.Random, base: Base, pools: Pools) -> Edit | None:
    """The edit that plants one defect of *cls* at *site*, or None when this site cannot take it."""
    text = base.corpus.ja[site.ja]
    english = base.corpus.en[site.en]
    span = text[site.start : site.end]
    if cls == "number":
        return _change_number(rng, site, text, _values(english))
    if cls == "latin-changed":
        return _change_latin(rng, site, text)
    if cls == "untranslated":
        return Edit(
            _replace(text, site.start, site.end, site.info[0]),
            sub=site.sub,
            detail=f"{span} -> {site.info[0]}",
        )
    if cls in ("name-replaced", "name-missing", "name-truncated", "name-variant"):
        return _name_edit(cls, site, rng, base, pools)
    if cls == "name-added":
        name = _other_name(rng, pools.katakana, "", english)
        nouns = _noun_starts(text)
        if nouns and rng.random() < 0.5:
            at = rng.choice(nouns)
            return Edit(text[:at] + f"{name}の" + text[at:], sub="Xの before a noun", detail=f"+{name}の")
        return Edit(f"{name}によると、{text}", sub="Xによると、", detail=f"+{name}によると、")
    if cls == "broken-quote":
        return _break_quote(rng, text)
    if cls == "omitted-line":
        return Edit(None, detail="Japanese line deleted") if site.info == ("1-1",) else None
    if cls == "inserted-line":
        family = _family(base.corpus.name)
        others = sorted(k for k in pools.lines if k != family)
        line = rng.choice(pools.lines[rng.choice(others)])
        return Edit(text, after=line, detail="line of another corpus inserted after")
    if cls == "duplicated-line":
        later = rng.random() < 0.5
        return Edit(
            text, after=text, later=later, detail="copy after the next line" if later else "copy right after"
        )
    raise ValueError(cls)


def _change_latin(rng: random.Random, site: Site, text: str) -> Edit | None:
    token = text[site.start : site.end]
    digits = [k for k, c in enumerate(token) if c.isdigit()]
    letters = [k for k, c in enumerate(token) if c.isalpha()]
    if digits and rng.random() < 0.7:
        k = rng.choice(digits)
        new = token[:k] + rng.choice([d for d in "0123456789" if d != token[k]]) + token[k + 1 :]
        sub = "digit changed"
    elif len(letters) >= 2 and rng.random() < 0.5:
        pairs = [k for k in letters if k + 1 in letters and token[k] != token[k + 1]]
        if not pairs:
            return None
        k = rng.choice(pairs)
        new = token[:k] + token[k + 1] + token[k] + token[k + 2 :]
        sub = "letters swapped"
    else:
        k = rng.choice(letters)
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if token[k].isupper() else "abcdefghijklmnopqrstuvwxyz"
        new = token[:k] + rng.choice([c for c in alphabet if c != token[k]]) + token[k + 1 :]
        sub = "letter changed"
    if new == token or new in site.info:
        return None
    return Edit(_replace(text, site.start, site.end, new), sub=sub, detail=f"{token} -> {new}")


def _name_edit(cls: str, site: Site, rng: random.Random, base: Base, pools: Pools) -> Edit | None:
    text = base.corpus.ja[site.ja]
    name, script = text[site.start : site.end], site.info[1]
    after = text[site.end :]
    honorific = _HONORIFIC.match(after)
    if cls in ("name-replaced", "name-missing") and script == "katakana":
        # A name of several parts (アレックス・オスターワルダー) goes whole: one part left
        # behind would be a short form of the name, not a missing or another name.
        start, end = _whole_name(text, site.start, site.end)
        site = Site(site.cls, site.ja, site.en, start, end, site.info, site.sub)
        name, after = text[start:end], text[end:]
        honorific = _HONORIFIC.match(after)
    if cls == "name-replaced":
        pool = pools.latin if script == "Latin" else pools.katakana
        new = _other_name(rng, pool, name, base.corpus.en[site.en])
        return Edit(_replace(text, site.start, site.end, new), sub=script, detail=f"{name} -> {new}")
    if cls == "name-missing":
        end = site.end + (honorific.end() if honorific else 0)
        if text[end : end + 1] and text[end] in _PARTICLE:
            end += 1
        new_text = (text[: site.start] + text[end:]).strip()
        # No separator left doubled or leading where the name was (「A, , B」, 「、B」).
        new_text = re.sub(r"^[、,・ ]+|(?<=[、,・]) *[、,・]", "", new_text)
        if not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", new_text):
            return None
        return Edit(new_text, sub=script, detail=f"{text[site.start : end]} deleted")
    if cls == "name-truncated":
        if script == "Latin":
            if len(name) < 5:
                return None
            k = rng.randint(3, len(name) - 2)
            return Edit(
                _replace(text, site.start, site.end, name[:k]), sub="Latin", detail=f"{name} -> {name[:k]}"
            )
        parts = morae(name)
        cuts = [k for k in range(2, len(parts)) if not parts[k - 1].endswith("ッ")]
        if not cuts:
            return None
        short = "".join(parts[: rng.choice(cuts)])
        sub = "katakana before an honorific" if honorific else "katakana"
        return Edit(text[: site.start] + short + text[site.end :], sub=sub, detail=f"{name} -> {short}")
    if cls == "name-variant":
        others = [line for k, line in enumerate(base.ja) if k != site.ja - base.first and name in line]
        if not others:
            return None
        if script == "kanji":
            form, kind = _kanji_variant(rng, name), "kanji"
        elif script == "katakana":
            forms = _variant_forms(name)
            form, kind = rng.choice(forms) if forms else (None, "")
        else:
            return None
        if not form:
            return None
        return Edit(text[: site.start] + form + text[site.end :], sub=kind, detail=f"{name} -> {form}")
    raise ValueError(cls)


_NAME_PART_AFTER = re.compile(r"(?:[・=＝][\u30a1-\u30fa][\u30a1-\u30fa\u30fc]*)+")
_NAME_PART_BEFORE = re.compile(r"(?:[\u30a1-\u30fa][\u30a1-\u30fa\u30fc]*[・=＝])+$")


def _whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a katakana name grown over the parts joined to it by ・ or =."""
    before = _NAME_PART_BEFORE.search(text[:start])
    after = _NAME_PART_AFTER.match(text, end)
    return (before.start() if before else start), (after.end() if after else end)


def _break_quote(rng: random.Random, text: str) -> Edit | None:
    """A 「 closed by " or ”, a 「 never closed, or a 」 that closes nothing. A line without a
    quotation gets one around a noun phrase (or its opening, or its closing, alone)."""
    pair = re.search(r"「[^「」]*」", text)
    kind = rng.choice(('「 closed by "', "unclosed 「", "stray 」"))
    starts, ends = _phrases(text)
    first = text.find("「")
    if kind == "stray 」":
        usable = [e for e in ends if first < 0 or e <= first]
        if not usable:
            return None
        at = rng.choice(usable)
        new = text[:at] + "」" + text[at:]
    elif pair:
        cut = pair.end() - 1
        close = rng.choice(('"', "\u201d")) if kind == '「 closed by "' else ""
        new = text[:cut] + close + text[cut + 1 :]
    else:
        spans = [(a, b) for a in starts for b in ends if b > a]
        if not spans:
            return None
        a, b = rng.choice(spans[:8])
        if kind == "unclosed 「":
            new = text[:a] + "「" + text[a:]
        else:
            new = text[:a] + "「" + text[a:b] + rng.choice(('"', "\u201d")) + text[b:]
    return Edit(new, sub=kind, detail=new)


# --- documents -----------------------------------------------------------------------------


def _kanji_name_sites(base: Base, material: Material) -> list[Site]:
    """Kanji proper nouns (UniDic person or place names) that occur in two lines of *base*."""
    sites = []
    for k, text in enumerate(base.ja):
        j = base.first + k
        if j not in material.by_line:
            continue
        line_site = next(s for s in material.by_line[j] if s.cls == "line")
        pos = 0
        for t in _tagger()(text):
            start = text.index(t.surface, pos)
            pos = start + len(t.surface)
            if (
                t.feature.pos2 == "固有名詞"
                and t.feature.pos3 in ("人名", "地名")
                and re.fullmatch(r"[\u3400-\u9fff]+", t.surface)
                and any(ch in g for ch in t.surface for g in _KANJI_VARIANTS)
            ):
                sites.append(Site("name", j, line_site.en, start, pos, ("", "kanji")))
    return sites


def _sites_of(cls: str, base: Base, material: Material, kanji: list[Site]) -> list[Site]:
    sites: list[Site] = []
    for k in range(len(base.ja)):
        for s in material.by_line.get(base.first + k, ()):
            if s.cls == cls or (s.cls == "name" and cls.startswith("name-") and cls != "name-added"):
                sites.append(s)
            elif s.cls == "line" and cls in (
                "name-added",
                "broken-quote",
                "omitted-line",
                "inserted-line",
                "duplicated-line",
            ):
                sites.append(s)
    if cls == "name-variant":
        sites += kanji
    return sites


def _kind(site: Site) -> str:
    return site.info[1] if site.cls == "name" else site.sub


@dataclass
class Planner:
    """Chooses the defects of each document so that the classes stay balanced."""

    seed: int
    pools: Pools
    counts: Counter[str] = field(default_factory=Counter)
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)

    def document(self, base: Base, material: Material, round_: int) -> TestDoc | None:
        rng = random.Random(f"perturb:{self.seed}:{round_}:{base.name}")
        kanji = _kanji_name_sites(base, material)
        sites = {cls: _sites_of(cls, base, material, kanji) for cls in CLASSES}
        want = max(1, len(base.ja) // LINES_PER_DEFECT)
        chosen: dict[int, tuple[str, Site, Edit]] = {}  # local Japanese line -> defect
        tried: set[tuple[str, int, int, int]] = set()
        while len(chosen) < want:
            open_classes = [c for c in CLASSES if self._free(sites[c], chosen, base, tried, c)]
            if not open_classes:
                break
            cls = min(open_classes, key=lambda c: (self.counts[c], rng.random()))
            free = self._free(sites[cls], chosen, base, tried, cls)
            # Sub-kinds of material (single words and runs, katakana and Latin names) in turn.
            kind = min(sorted({_kind(s) for s in free}), key=lambda k: (self.kinds[cls, k], rng.random()))
            site = rng.choice([s for s in free if _kind(s) == kind])
            self.kinds[cls, kind] += 1
            tried.add((cls, site.ja, site.start, site.end))
            edit = plant(cls, site, rng, base, self.pools)
            if edit is None:
                continue
            chosen[site.ja - base.first] = (cls, site, edit)
            self.counts[cls] += 1
        return assemble(base, chosen, round_) if chosen else None

    @staticmethod
    def _free(
        sites: list[Site], chosen: dict[int, tuple[str, Site, Edit]], base: Base, tried: set, cls: str
    ) -> list[Site]:
        lines = list(chosen)
        return [
            s
            for s in sites
            if (cls, s.ja, s.start, s.end) not in tried
            and all(abs(s.ja - base.first - k) >= GAP for k in lines)
            and (cls != "duplicated-line" or s.ja - base.first + 1 < len(base.ja))
        ]


def assemble(base: Base, chosen: dict[int, tuple[str, Site, Edit]], round_: int) -> TestDoc:
    ja: list[str] = []
    origin: list[str] = []
    planted: list[Planted] = []
    pending: tuple[int, int, str, Site, Edit] | None = None  # (copy of, after local line, ...)
    for k, text in enumerate(base.ja):
        defect = chosen.get(k)
        if defect is None:
            ja.append(text)
            origin.append(base.origin[k])
        else:
            cls, site, edit = defect
            en = site.en - base.en_first
            where = base.origin[k]
            if edit.line is None:
                planted.append(Planted(cls, (), en, edit.sub, edit.detail, where))
            else:
                ja.append(edit.line)
                origin.append(base.origin[k])
                if edit.after is None:
                    planted.append(Planted(cls, (len(ja) - 1,), en, edit.sub, edit.detail, where))
                elif cls == "inserted-line":
                    ja.append(edit.after)
                    origin.append(f"inserted:{where}")
                    planted.append(Planted(cls, (len(ja) - 1,), None, edit.sub, edit.detail, where))
                else:
                    pending = (len(ja) - 1, k + (1 if edit.later else 0), cls, site, edit)
        if pending is not None and pending[1] == k:
            original, _, cls, _, edit = pending
            ja.append(ja[original])
            origin.append(f"copy:{origin[original]}")
            planted.append(
                Planted(cls, (len(ja) - 1, original), None, edit.sub, edit.detail, origin[original])
            )
            pending = None
    name = f"{base.name}#{round_ + 1}"
    return TestDoc(name, tuple(ja), base.en, tuple(planted), base.name, tuple(origin), base.en_origin)


def load_all(folder: Path) -> list[Corpus]:
    return [load_corpus(folder, name) for name in CORPUS_NAMES if (folder / f"{name}.gold").is_file()]


def make_pools(corpora: Sequence[Corpus], materials: Sequence[Material]) -> Pools:
    katakana: set[str] = set()
    latin: set[str] = set()
    for m in materials:
        for sites in m.by_line.values():
            for s in sites:
                if s.cls == "name":
                    (latin if s.info[1] == "Latin" else katakana).add(m.corpus.ja[s.ja][s.start : s.end])
    lines: dict[str, list[str]] = {}
    for c in corpora:
        lines.setdefault(_family(c.name), []).extend(c.ja)
    return Pools(sorted(katakana), sorted(latin), lines)


def build_documents(
    folder: Path, seed: int = 1, max_docs: int | None = None, min_defects: int = MIN_DEFECTS
) -> tuple[list[TestDoc], list[CleanDoc]]:
    """Perturbed documents (rounds of cuts until *min_defects*, or *max_docs*) and the clean cut."""
    corpora = load_all(folder)
    lower = _lower_words(corpora)
    materials = [find_material(c, lower) for c in corpora]
    planner = Planner(seed, make_pools(corpora, materials))
    docs: list[TestDoc] = []
    clean: list[CleanDoc] = []
    round_ = 0
    while True:
        offset = (round_ * 7) % DOC_LINES
        bases = [(b, m) for c, m in zip(corpora, materials, strict=True) for b in cut(c, offset)]
        if round_ == 0:
            chosen_bases = bases if max_docs is None else _spread_pick(bases, max_docs)
            clean = [CleanDoc(b.name, b.ja, b.en, b.origin, b.en_origin) for b, _ in chosen_bases]
        if max_docs is not None:
            bases = _spread_pick(bases, max_docs - len(docs))
        for base, material in bases:
            doc = planner.document(base, material, round_)
            if doc is not None:
                docs.append(doc)
        planted = sum(len(d.planted) for d in docs)
        round_ += 1
        if (max_docs is not None and len(docs) >= max_docs) or (max_docs is None and planted >= min_defects):
            return docs, clean
        if round_ > 50:
            raise RuntimeError("the corpora give too few places for defects")


def _spread_pick(items: list, n: int) -> list:
    """*n* items spread evenly over *items* (every corpus gets its share)."""
    if n >= len(items):
        return items
    step = len(items) / max(n, 1)
    return [items[int(k * step)] for k in range(max(n, 0))]


def load_known(path: Path = KNOWN) -> frozenset[tuple[str, str]]:
    entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    return frozenset(
        (
            f"{e['document']}.en:{e['en_line']}" if "en_line" in e else f"{e['document']}:{e['line']}",
            e["rule"],
        )
        for e in entries
    )


def run(
    docs: Sequence[TestDoc],
    clean: Sequence[CleanDoc],
    known: frozenset[tuple[str, str]],
    progress: Callable[[int, int], None] | None = None,
) -> Scores:
    scores = Scores(CLASSES, by_class=False)
    total = len(docs) + len(clean)
    for k, doc in enumerate(docs):
        scores.add_perturbed(doc, check_lines(doc.ja, doc.en, doc.name), known)
        if progress:
            progress(k + 1, total)
    for k, c in enumerate(clean):
        scores.add_clean(c, check_lines(c.ja, c.en, c.name), known)
        if progress:
            progress(len(docs) + k + 1, total)
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1, help="planting seed (default 1)")
    ap.add_argument(
        "--docs",
        type=int,
        metavar="N",
        help="check N perturbed documents (default: enough for 5,000 defects)",
    )
    ap.add_argument("--quick", action="store_true", help=f"a small run: --docs {QUICK_DOCS}")
    ap.add_argument(
        "--examples",
        type=int,
        default=0,
        metavar="N",
        help="print N misses per class and N false findings per rule",
    )
    ap.add_argument(
        "--corpora", type=Path, default=CORPORA, help="the corpora folder (default ../shared/corpora)"
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args(argv)
    if not all((args.corpora / f"{n}.gold").is_file() for n in CORPUS_NAMES):
        print(
            f"perturb.py: {args.corpora} does not hold the corpora"
            " (../shared/corpora is not beside this clone)",
            file=sys.stderr,
        )
        return 2
    max_docs = QUICK_DOCS if args.quick else args.docs
    docs, clean = build_documents(args.corpora, args.seed, max_docs)
    scores = run(docs, clean, load_known())
    planted = sum(len(d.planted) for d in docs)
    print(
        f"perturbed human translations ({len(CORPUS_NAMES)} corpus files): {len(docs)} documents of about "
        f"{DOC_LINES} lines with {planted} planted defects; {len(clean)} clean documents "
        f"(seed {args.seed}{', quick' if args.quick else ''})\n"
    )
    return finish(
        scores,
        clean_unit="sentences",
        false_target=FALSE_PER_100_TARGET,
        precision_target=PRECISION_TARGET,
        examples=args.examples,
        as_json=args.json,
    )


if __name__ == "__main__":
    sys.exit(main())
