"""--glossary as a user runs it: terms and multi-word entries applied, entries that cannot be
applied named once per run on stderr, "DO NOT USE" entries without a preferred form.

The cases of each rule are in cases/AL203.json and cases/AL204.json; this file covers what
spans a run (several pairs, the CLI's stderr) and the English matching itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from align.model import GlossaryEntry, Variant
from align.rules.glossary import english_pattern, glossary_notes

GLOSSARY = (
    "heat pump\tヒートポンプ\tpreferred; term\n"
    "heat pump\t熱ポンプ\tDO NOT USE: deprecated\n"
    "synergy\tシナジー\tDO NOT USE\n"
    "tide gauge\t検潮儀\tpreferred; term\n"
    "audit committee\t監査委員会\tpreferred; term\n"
)
PAIRS = {
    "one": (
        "The town installed a heat pump in the library. The audit committee approved it.\n",
        "町は図書館に熱ポンプを設置した。監査委員会がそれを承認した。\n",
    ),
    "two": (
        "The merger promised synergy. The heat pump works well.\n",
        "合併はシナジーを約束した。その暖房装置はよく動く。\n",
    ),
}


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, (en, ja) in PAIRS.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "en.txt").write_text(en, encoding="utf-8")
        (tmp_path / name / "ja.txt").write_text(ja, encoding="utf-8")
    (tmp_path / "terms.tsv").write_text(GLOSSARY, encoding="utf-8")
    pairs = ", ".join(f'{{name = "{n}", ja = "{n}/ja.txt", en = "{n}/en.txt"}}' for n in PAIRS)
    (tmp_path / "align.toml").write_text(f'glossary = "terms.tsv"\npairs = [{pairs}]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_terms_are_applied_and_unused_entries_are_named_once_per_run(project: Path) -> None:
    code, out, err = run("check", "--format", "json", "--select", "AL203,AL204")
    assert code == 1
    found = {
        (Path(pair["ja"]["path"]).parent.name, f["rule"], f["message"])
        for pair in json.loads(out)
        for f in pair["findings"]
    }
    assert found == {
        ("one", "AL203", "熱ポンプ is deprecated for 'heat pump' in the glossary; use ヒートポンプ"),
        ("two", "AL203", "シナジー is deprecated for 'synergy' in the glossary; do not use it"),
        ("two", "AL204", "'heat pump' is not rendered as the glossary's ヒートポンプ"),
    }
    # Two pairs, one run: the entry no English text holds is named once; the others apply.
    why = "its English never occurs in the English text"
    assert err.splitlines() == [f"align: glossary {project / 'terms.tsv'}: entry 'tide gauge': {why}"]


def test_no_note_when_every_entry_applies(project: Path) -> None:
    (project / "terms.tsv").write_text(GLOSSARY.replace("tide gauge", "library"), encoding="utf-8")
    code, _, err = run("check", "--select", "AL203,AL204")
    assert code == 1 and err == ""


def test_entries_without_a_japanese_form_or_english_words_are_named() -> None:
    entries = [
        GlossaryEntry("heat pump", "term", (Variant("ヒートポンプ", 0, "preferred"),)),
        GlossaryEntry("tariff", "term", ()),
        GlossaryEntry("—", "term", (Variant("ダッシュ", 0, "preferred"),)),
        GlossaryEntry("synergy", "term", (Variant("シナジー", 0, "deprecated"),)),
    ]
    assert glossary_notes(entries, {"heat pump"}) == [
        "entry 'tariff': no Japanese form",
        "entry '—': no English words to look for",
    ]


@pytest.mark.parametrize(
    ("entry", "text", "hit"),
    [
        ("board of trustees", "The Board of Trustees met.", "Board of Trustees"),
        ("board of trustees", "Two boards of trustees met.", "boards of trustees"),
        ("heat pump", "a heat-pump maker", "heat-pump"),
        ("heat pump", "heat pumping stations", None),
        ("Okoro", "Okoro's plan", "Okoro"),
        ("Okoro", "okoro is a word", None),
        ("e-mail", "Send an e-mail now", "e-mail"),
    ],
)
def test_english_pattern(entry: str, text: str, hit: str | None) -> None:
    pattern = english_pattern(entry)
    assert pattern is not None
    m = pattern.search(text)
    assert (m.group() if m else None) == hit
