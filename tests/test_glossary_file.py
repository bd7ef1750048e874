"""align.glossary_file: the glossary reader below the pipeline keeps to the model's vocabularies."""

from __future__ import annotations

from pathlib import Path

from align.glossary_file import read_glossary
from align.model import GLOSSARY_KINDS, VARIANT_STATUSES


def test_a_spreadsheet_status_or_kind_outside_the_vocabulary_is_read_as_the_default(tmp_path: Path) -> None:
    """A spreadsheet's "Preferred" is the preferred status; an unknown status or type is not kept."""
    path = tmp_path / "g.csv"
    path.write_text(
        "english,japanese,status,type\n"
        "Brannick,ブラニック,Preferred,person\n"
        "Brannick,ブラニク,approved,person\n"
        "Volterra,ヴォルテラ,,company\n",
        "utf-8",
    )
    entries = {e.english: e for e in read_glossary(path)}
    assert [(v.form, v.status) for v in entries["Brannick"].variants] == [
        ("ブラニック", "preferred"),
        ("ブラニク", "admitted"),
    ]
    assert entries["Brannick"].kind == "person" and entries["Volterra"].kind == "term"
    for entry in entries.values():
        assert entry.kind in GLOSSARY_KINDS
        assert all(v.status in VARIANT_STATUSES for v in entry.variants)


def test_export_re_exports_the_reader() -> None:
    from align import export

    assert export.read_glossary is read_glossary
