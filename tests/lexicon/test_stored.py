"""align.lexicon.stored: derived tables kept in the cache folder are the tables derived anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.lexicon import dictionary, quantities, stored


def _fresh(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(folder))
    for f in (quantities.letter_currencies, quantities._era_first_years, dictionary.kanji_variants):
        f.cache_clear()


def test_stored_tables_are_the_derived_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh(monkeypatch, tmp_path)
    first = (quantities.letter_currencies(), quantities._era_first_years(), dictionary.kanji_variants())
    names = sorted(f.name.split("-")[0] for f in tmp_path.iterdir())
    assert names == ["era", "kanji", "letter"]
    # A later run reads the files: the same tables, types and order included.
    _fresh(monkeypatch, tmp_path)
    again = (quantities.letter_currencies(), quantities._era_first_years(), dictionary.kanji_variants())
    assert again == first
    assert [list(t.items()) for t in again] == [list(t.items()) for t in first]
    assert isinstance(again[0]["Rs"], tuple) and all(isinstance(k, int) for k in again[2])
    assert again[0]["RM"] == ("MYR",) and again[1]["令和"] == 2019
    assert "國".translate(again[2]) == "国".translate(again[2]) != "人".translate(again[2])


def _one() -> dict[str, list[int]]:
    return {"a": [1]}


def _two() -> dict[str, list[int]]:
    return {"a": [2]}


def test_a_changed_derivation_or_a_bad_file_is_derived_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    assert stored.stored("t", "1", _one) == {"a": [1]}
    assert stored.stored("t", "1", _two) == {"a": [2]}  # other code, other file
    assert stored.stored("t", "1", _one, ("x",)) == {"a": [1]}  # other constants, other file
    assert stored.stored("t", "2", _one) == {"a": [1]}  # other data, other file
    assert len(list(tmp_path.iterdir())) == 4
    for f in tmp_path.iterdir():
        f.write_text("{not json", encoding="utf-8")
    assert stored.stored("t", "1", _one) == {"a": [1]}
    assert sum(1 for f in tmp_path.iterdir() if f.read_text("utf-8") == '{"a": [1]}') == 1


def test_a_cache_folder_that_cannot_be_written_only_costs_the_derivation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "file" / "cache"))  # below a file
    assert stored.stored("t", "1", _one) == {"a": [1]}
    assert stored.stored("t", "1", _one) == {"a": [1]}
