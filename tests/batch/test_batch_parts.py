"""Corpus mode's parts without a cluster: inputs, cache, progress, corpus memory and consistency."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from batch_helpers import write_pair
from lxml import etree

from align.batch.cache import Cache, Entry, Meta, Summary, UnitRow, pair_key
from align.batch.consistency import CorpusNameVariant, TermUse, corpus_findings
from align.batch.corpus import CorpusGlossary, CorpusMemory, unit_row
from align.batch.inputs import corpus_pairs, file_stem
from align.errors import ConfigError, InputError
from align.export import ExportOptions
from align.job import Pair
from align.model import Finding, GlossaryEntry, GlossaryKind, Severity, Unit, Variant, VariantStatus
from align.progress import Progress


def test_a_tree_gives_every_pair_folder_at_any_depth(tmp_path: Path) -> None:
    write_pair(tmp_path, "b", "日本語。", "English.")
    write_pair(tmp_path / "2024" / "03", "a", "日本語。", "English.")
    (tmp_path / "empty").mkdir()
    pairs = corpus_pairs(tmp_path)
    assert [p.name for p in pairs] == ["2024/03/a", "b"]
    assert all(Path(p.ja_path).is_absolute() and p.roles == "detect" for p in pairs)
    assert file_stem("2024/03/a") != file_stem("2024__03__a") and "/" not in file_stem("2024/03/a")
    assert file_stem("b") == "b"


def test_manifests_take_paths_from_their_folder(tmp_path: Path) -> None:
    write_pair(tmp_path / "data", "x", "日本語。", "English.")
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("name,ja,en\none,data/x/ja.txt,data/x/en.txt\n", "utf-8")
    jsonl = tmp_path / "list.jsonl"
    jsonl.write_text(
        json.dumps({"name": "one", "ja": "data/x/ja.txt", "en": "data/x/en.txt"}) + "\n", "utf-8"
    )
    for manifest in (csv_file, jsonl):
        (pair,) = corpus_pairs(manifest)
        assert pair == Pair("one", str(tmp_path / "data/x/ja.txt"), str(tmp_path / "data/x/en.txt"), "given")
    csv_file.write_text("a,x.ja,x.en\na,y.ja,y.en\n", "utf-8")
    with pytest.raises(ConfigError, match="two pairs are named 'a'"):
        corpus_pairs(csv_file)
    jsonl.write_text('{"name": "a"}\n', "utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        corpus_pairs(jsonl)
    with pytest.raises(InputError):
        corpus_pairs(tmp_path / "missing")
    (tmp_path / "list.txt").write_text("a", "utf-8")
    with pytest.raises(ConfigError, match="manifest"):
        corpus_pairs(tmp_path / "list.txt")


def test_the_cache_key_follows_content_and_settings_and_a_bad_entry_is_a_miss(tmp_path: Path) -> None:
    folder = write_pair(tmp_path, "p", "日本語。", "English.")
    pair = Pair("p", str(folder / "ja.txt"), str(folder / "en.txt"))
    key = pair_key(pair, "sig-1")
    assert pair_key(pair, "sig-1") == key != pair_key(pair, "sig-2")
    assert pair_key(pair, "sig-1", "enc=cp932") != key
    (folder / "en.txt").write_text("English!", "utf-8")
    assert pair_key(pair, "sig-1") != key
    cache = Cache(tmp_path / "cache")
    meta = Meta(
        Summary(2, 2, 2, 1, {"error": 1, "warning": 0, "info": 0}, {"omission": 1}, {"AL101": 1}),
        (UnitRow("p:0", "English.", "日本語。", 0.9, (("AL101", "omission", "omission", "error", "x"),)),),
        (GlossaryEntry("Brannick", "person", (Variant("ブラニック", 2, "preferred", (), "ブラニック"),)),),
    )
    entry = Entry.pack(key, '{"a":1}', "<html>\nx</html>", meta)
    cache.put(entry)
    got = cache.get(key)
    assert got is not None and got.check_and_html() == ('{"a":1}', "<html>\nx</html>")
    assert got.info() == meta == cache.meta(key)
    (tmp_path / "cache" / key[:2] / f"{key}.meta.gz").write_bytes(b"garbage")
    assert cache.get(key) is None and cache.get("0" * 64) is None


def test_plain_progress_lines_and_a_rich_bar() -> None:
    out = io.StringIO()
    with Progress("batch", 3, stream=out, tty=False, every=3600) as bar:
        bar.advance()
        bar.advance(error=True)
        bar.advance()
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("align: batch: 3/3 pairs, ") and lines[-1].endswith("1 errors")
    assert len(lines) == 1  # only the last line within the interval
    out = io.StringIO()
    with Progress("batch", 2, stream=out, tty=True) as bar:
        bar.advance()
        bar.advance(error=True)
    text = out.getvalue()
    assert "2/2" in text and "1 errors" in text and "pairs/s" in text


def _meta(units: list[tuple[str, str, bool]], name: str) -> Meta:
    """Cache rows as a worker packs them (align.batch.corpus.unit_row)."""
    finding = Finding("AL101", "omission", "omission", Severity.ERROR, "x")
    rows = tuple(
        unit_row(Unit(f"{name}:{k}", en, ja, 0.9, (finding,) if err else ()))
        for k, (en, ja, err) in enumerate(units)
    )
    return Meta(Summary(0, 0, 0, 0), rows)


def test_the_corpus_memory_writes_each_unit_once_in_pair_order(tmp_path: Path) -> None:
    metas = [
        ("a", _meta([("One.", "一。", False), ("Two.", "二。", False)], "a")),
        ("b", _meta([("Two.", "二。", True), ("Three <b>&", "三。", False)], "b")),
    ]
    memory = CorpusMemory()
    for _, meta in metas:
        memory.add(meta.units)
    main, penalty = tmp_path / "c.tmx", tmp_path / "c.penalty-30.tmx"
    options = ExportOptions.create(epoch=0)
    assert memory.write(lambda: iter(metas), main, penalty, "sig", "corpus", options) == (3, 4)
    tree = etree.parse(str(main))
    assert [tu.get("tuid") for tu in tree.iter("tu")] == ["a:0", "b:1"]
    assert [s.text for s in tree.iter("seg")] == ["One.", "一。", "Three <b>&", "三。"]
    flagged = etree.parse(str(penalty))
    (tu,) = flagged.iter("tu")  # "Two." has an error in b: the merged unit is set aside
    assert tu.get("tuid") == "a:1" and tu.findtext("prop[@type='x-align-occurrences']") == "2"
    assert tu.findtext("prop[@type='x-align-findings']") == "AL101"


def _entry(
    english: str, kind: GlossaryKind, *forms: tuple[str, int, VariantStatus], example=("", "")
) -> GlossaryEntry:
    return GlossaryEntry(english, kind, tuple(Variant(f, n, s) for f, n, s in forms), example)


def test_articles_are_compared_by_the_form_they_prefer() -> None:
    glossary = CorpusGlossary()
    glossary.add(
        "a", [_entry("Acme", "term", ("Acme", 2, "preferred"), example=("Acme rose.", "Acmeが上昇。"))]
    )
    glossary.add("b", [_entry("Acme", "term", ("アクメ", 3, "preferred"), ("Acme", 1, "deprecated"))])
    glossary.add("c", [_entry("Acme", "term", ("アクメ", 1, "preferred"))])
    glossary.add("d", [_entry("AI", "term", ("ＡＩ", 1, "preferred"))])
    glossary.add("e", [_entry("AI", "term", ("AI", 1, "preferred"))])
    (finding,) = corpus_findings(list(glossary.terms.values()), ["AL201", "AL202"])
    assert (finding.rule, finding.english, finding.preferred) == ("AL902", "Acme", "アクメ")
    assert finding.forms == (("アクメ", ("b", "c"), 4), ("Acme", ("a",), 3))
    assert corpus_findings(list(glossary.terms.values()), ["AL201"]) == []  # AL202 not selected
    entry = next(e for e in glossary.entries() if e.english == "Acme")
    assert [(v.form, v.count, v.status) for v in entry.variants] == [
        ("アクメ", 4, "preferred"),
        ("Acme", 3, "deprecated"),
    ]
    names = TermUse("Smith")
    names.add("x", _entry("Smith", "person", ("スミス", 1, "preferred")))
    names.add("y", _entry("Smith", "person", ("スミット", 1, "preferred")))
    (found,) = corpus_findings([names], ["AL201"])
    assert found.rule == CorpusNameVariant.code and found.preferred == "スミス"  # tie: the first article


def test_pairs_go_to_the_cluster_in_chunks_every_pair_once_in_order() -> None:
    from align.batch.runner import _chunks
    from align.batch.worker import Task

    tasks = [Task(Pair(f"p{i}", "ja.txt", "en.txt"), f"k{i}") for i in range(101)]
    for workers in (1, 2, 3):
        chunks = _chunks(tasks, workers, 8)
        assert [t for c in chunks for t in c] == tasks
        assert max(len(c) for c in chunks) <= 8
        assert len(chunks) >= 4 * workers  # enough tasks for the workers to finish together
    assert [len(c) for c in _chunks(tasks[:5], 2, 8)] == [1] * 5  # a small corpus: a task per pair
    assert _chunks([], 2, 8) == []
