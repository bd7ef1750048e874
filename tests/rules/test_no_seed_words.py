"""The rules are general: no name or term of the bundled articles appears in the product code.

The words come from each pair's defects.json (the English names and their Japanese
renderings), so a new pair extends the check by itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = [
    *sorted((ROOT / "align" / "rules").glob("*.py")),
    *sorted((ROOT / "align" / "phrases").glob("*.py")),
    ROOT / "align" / "glossary.py",
    ROOT / "align" / "config.py",
    ROOT / "align" / "baseline.py",
    ROOT / "align" / "report" / "text.py",
    ROOT / "align" / "report" / "sarif.py",
]


def _article_words() -> set[str]:
    words: set[str] = set()
    for path in (ROOT / "sources").glob("*/defects.json"):
        for d in json.loads(path.read_text(encoding="utf-8")):
            if d["category"] == "number":
                continue  # amounts and currency words (ポンド) are vocabulary, not the articles' names
            for field in (d.get("expected") or "", d.get("evidence") or ""):
                words.update(w for w in re.findall(r"[A-Z][A-Za-z]{3,}", field))
                words.update(re.findall(r"[\u30a1-\u30fa\u30fc]{3,}", field))
    return words


@pytest.mark.parametrize("path", PRODUCT, ids=lambda p: p.name)
def test_no_article_word_in_product_code(path: Path) -> None:
    words = _article_words()
    assert len(words) > 10
    text = path.read_text(encoding="utf-8")
    found = sorted(
        w
        for w in words
        if re.search(rf"(?<![A-Za-z\u30a1-\u30fc]){re.escape(w)}(?![a-z\u30a1-\u30fc])", text)
    )
    assert not found, f"{path.name} mentions {found}"
