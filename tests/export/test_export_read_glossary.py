"""read_glossary on user files: the formats we write, other tools' files, and broken or hostile ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import ConfigError, InputError
from align.export import read_glossary


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("g.tbx", "not xml", "not a readable TBX file"),
        ("g.tbx", "<html><body/></html>", "no martif root element"),
        ("g.tsv", "rocket\n", "line 1: expected source<TAB>target"),
        ("g.csv", "a,b\n1,2\n", "needs english and japanese columns"),
        ("g.docx", "x", "unknown glossary format"),
    ],
)
def test_broken_glossaries_are_config_errors(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(ConfigError, match=message):
        read_glossary(path)


def test_missing_glossary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such glossary file"):
        read_glossary(tmp_path / "none.tbx")


def test_tbx_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", "utf-8")
    path = tmp_path / "g.tbx"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<martif type="TBX-Basic"><text><body><termEntry>'
        '<langSet xml:lang="en"><tig><term>rocket&x;</term></tig></langSet>'
        '<langSet xml:lang="ja"><tig><term>ロケット</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        "utf-8",
    )
    entries = read_glossary(path)
    assert "SECRET" not in repr(entries)


def test_other_tools_tbx(tmp_path: Path) -> None:
    """A TBX-Basic file as other tools write it: region subtags, ntig, no statuses."""
    path = tmp_path / "g.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><martif type="TBX-Basic" xml:lang="en-US"><text><body>'
        '<termEntry id="a"><langSet xml:lang="en-US"><tig><term>launch</term></tig></langSet>'
        '<langSet xml:lang="ja-JP"><tig><term>打ち上げ</term></tig>'
        "<ntig><termGrp><term>発射</term></termGrp></ntig></langSet></termEntry>"
        '<termEntry id="b"><langSet xml:lang="fr"><tig><term>fusée</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        "utf-8",
    )
    [entry] = read_glossary(path)
    assert entry.english == "launch" and entry.kind == "term"
    assert [(v.form, v.status) for v in entry.variants] == [("打ち上げ", "preferred"), ("発射", "admitted")]
