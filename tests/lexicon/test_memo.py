"""Sentence memos live for one document: a corpus worker checking article after article must not
keep every article's sentences (they filled a worker's memory to 600 MB)."""

from __future__ import annotations

from pathlib import Path

import align
from align.phrases.entities import _text_entities
from align.phrases.japanese import compounds

JA = "ヴォルテラ社は新しい工場を建てる。\n工場は来年に開く。\n"
EN = "Volterra will build a new plant.\nThe plant opens next year.\n"


def _check(tmp: Path, name: str, ja: str, en: str) -> align.CheckResult:
    (tmp / f"{name}.ja").write_text(ja, encoding="utf-8")
    (tmp / f"{name}.en").write_text(en, encoding="utf-8")
    return align.check(*align.load_pair(tmp / f"{name}.ja", tmp / f"{name}.en"))


def test_a_new_check_forgets_the_previous_documents_sentences(tmp_path: Path) -> None:
    _check(tmp_path, "a", JA, EN)
    assert compounds.cache_info().currsize > 0  # the phrase layer did read the sentences
    assert _text_entities.cache_info().currsize > 0
    _check(tmp_path, "b", "港は静かだった。\n", "The harbour was quiet.\n")
    # Only the second document's one sentence (and nothing of the first) is left.
    assert compounds.cache_info().currsize <= 2
    assert _text_entities.cache_info().currsize <= 2


def test_findings_do_not_depend_on_what_was_checked_before(tmp_path: Path) -> None:
    first = _check(tmp_path, "c", JA, EN)
    _check(tmp_path, "d", "港は静かだった。\n", "The harbour was quiet.\n")
    again = _check(tmp_path, "c", JA, EN)
    assert [f.code for f in first.findings] == [f.code for f in again.findings]
