"""The rules are general: no name or term of the bundled articles, the seed or the devset is in the product.

The words come from each annotated pair's defects.json (the English names and terms and their
Japanese renderings) under sources/ and, when ../shared is beside the clone, ../shared/devset,
plus the devset articles' own proper names (capitalised words they never write in lower case).
Ordinary vocabulary is not an article's word: English words that JMdict uses in its glosses
(Court, Japanese, March) and katakana words JMdict lists (ポイント) are left out, so the check
is about names and coined terms. A new annotated pair extends the check by itself.

DEMETR's named entities (benchmarks/data/demetr, read by benchmarks/demetr.py: the names its
perturbations replace, remove or put in, and the Japanese spans that render its names) are
checked the same way, in the product and in the rule case files (tests/rules/cases).
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from paths import ROOT, SHARED

DEVSET = SHARED / "devset"
PRODUCT = sorted(
    p
    for p in (ROOT / "align").rglob("*")
    if p.is_file() and p.suffix in {".py", ".json", ".j2", ".html", ".md", ".yaml", ".js"}
)
_NAME = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f-]{3,}")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")
#: The languages and scripts this tool is about: vocabulary of the product, not of any article.
_DOMAIN = frozenset({"Japanese", "English", "Latin"})
_KANJI_TERM = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff\u30a1-\u30fa\u30fcA-Z]{1,}")
_KANJI = re.compile(r"[\u3400-\u9fff]{2,}")
CASES = sorted((ROOT / "tests" / "rules" / "cases").glob("*.json"))
DEMETR = ROOT / "benchmarks" / "data" / "demetr"


def _defect_files() -> list[Path]:
    files = sorted((ROOT / "sources").glob("*/defects.json"))
    if DEVSET.is_dir():
        files += sorted(DEVSET.glob("*/defects.json"))
    return files


@lru_cache(maxsize=1)
def _article_words() -> frozenset[str]:
    from align.lexicon.dictionary import gloss, gloss_vocabulary

    vocabulary = gloss_vocabulary()
    words: set[str] = set()
    for path in _defect_files():
        for d in json.loads(path.read_text(encoding="utf-8")):
            if d["category"] == "number":
                continue  # amounts and currency words are vocabulary, not the articles' names
            fields = (d.get("expected") or "", d.get("evidence") or "")
            for field in fields:
                words.update(_NAME.findall(field))
                words.update(_KATAKANA.findall(field))
            if d["category"] in ("name-variant", "term-variant", "truncated"):
                words.update(_KANJI_TERM.findall(fields[0]))
    if DEVSET.is_dir():
        for article in DEVSET.glob("*/en.txt"):
            text = article.read_text(encoding="utf-8")
            lower = set(re.findall(r"\b[a-z\u00e0-\u024f]+\b", text))
            words.update(w for w in _NAME.findall(text) if w.lower() not in lower)
    return frozenset(
        w
        for w in words
        if w not in _DOMAIN and w.lower() not in vocabulary and not (_KATAKANA.fullmatch(w) and gloss(w))
    )


def test_the_word_list_is_real() -> None:
    words = _article_words()
    assert len(words) > 20
    # A name from a bundled pair is in it (its defects.json is in the repository).
    bundled = json.loads((ROOT / "sources" / "openai-musk" / "defects.json").read_text(encoding="utf-8"))
    names = {w for d in bundled if d["category"] == "name-variant" for w in _KATAKANA.findall(d["evidence"])}
    assert names & words


@pytest.mark.parametrize("path", PRODUCT, ids=lambda p: str(p.relative_to(ROOT / "align")))
def test_no_article_word_in_product_code(path: Path) -> None:
    words = _article_words()
    text = path.read_text(encoding="utf-8", errors="replace")
    found = sorted(
        w
        for w in words
        if re.search(rf"(?<![A-Za-z\u30a1-\u30fc]){re.escape(w)}(?![a-z\u30a1-\u30fc])", text)
    )
    assert not found, f"{path.name} mentions {found}"


@pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset is not beside this clone")
def test_devset_words_are_covered() -> None:
    devset_words = set()
    for path in sorted(DEVSET.glob("*/defects.json")):
        for d in json.loads(path.read_text(encoding="utf-8")):
            if d["category"] == "name-variant":
                devset_words.update(_KATAKANA.findall(d["evidence"]))
    assert devset_words & _article_words()


@lru_cache(maxsize=1)
def _demetr_words() -> frozenset[str]:
    """DEMETR's names, as words: capitalised English words, katakana runs, kanji names."""
    from align.lexicon.dictionary import gloss_vocabulary, has_gloss

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from demetr import named_entities

    english, japanese = named_entities()
    words = {w for e in english for w in _NAME.findall(e)}
    words |= {w for j in japanese for w in (*_KATAKANA.findall(j), *_KANJI.findall(j))}
    vocabulary = gloss_vocabulary()
    return frozenset(
        w for w in words if w not in _DOMAIN and w.lower() not in vocabulary and not has_gloss(w)
    )


def test_the_demetr_word_list_is_real() -> None:
    words = _demetr_words()
    assert len(words) > 30
    # Every word is DEMETR's: it occurs in the vendored items.
    vendored = "".join(p.read_text(encoding="utf-8") for p in sorted(DEMETR.glob("*.json")))
    assert all(w in vendored for w in words)
    assert any(_KATAKANA.fullmatch(w) for w in words) and any(_NAME.fullmatch(w) for w in words)


@pytest.mark.parametrize(
    "path", [*PRODUCT, *CASES], ids=lambda p: str(p.relative_to(ROOT)).removeprefix("align/")
)
def test_no_demetr_name_in_product_or_rule_cases(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = sorted(
        w
        for w in _demetr_words()
        if re.search(rf"(?<![A-Za-z\u30a1-\u30fc]){re.escape(w)}(?![a-z\u30a1-\u30fc])", text)
    )
    assert not found, f"{path.name} mentions DEMETR's {found}"
