"""The HTML report under faults and hostile text: atomic, escaped, no half-written page."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from cli_helpers import EN, JA, PREVIOUS, _inject, assert_error, invoke, temp_leftovers
from paths import TMX_DTD

import align.files


def test_report_output_in_missing_directory(work: Path) -> None:
    result = invoke("report", "ja.txt", "en.txt", "-o", "nodir/r.html")
    assert_error(result, "nodir/r.html: cannot write: directory 'nodir' does not exist")
    assert not (work / "nodir").exists()


def test_report_disk_full_keeps_previous(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "r.html").write_text(PREVIOUS, encoding="utf-8")
    monkeypatch.setattr(
        align.files.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full"))
    )
    result = invoke("report", "ja.txt", "en.txt", "-o", "r.html")
    assert_error(result, "r.html: no space left on device (the previous file, if any, is unchanged)")
    assert (work / "r.html").read_text(encoding="utf-8") == PREVIOUS
    assert temp_leftovers(work) == []


@pytest.mark.parametrize(
    "junk", ["\x00\x01\x1b\ufffe", "\u202e\u2066", " ]]> <b>&amp; & "], ids=["controls", "bidi", "markup"]
)
def test_hostile_characters_in_exports_and_report(work: Path, junk: str) -> None:
    from lxml import etree

    (work / "ja.txt").write_text(_inject(JA, junk), encoding="utf-8")
    (work / "en.txt").write_text(_inject(EN, junk), encoding="utf-8")
    result = invoke("export", "ja.txt", "en.txt", "-o", "out", "--name", "x")
    assert result.exit_code == 0, result.stderr
    dtd = etree.DTD(str(TMX_DTD))
    tmx = etree.parse(str(work / "out" / "x.tmx"))
    assert dtd.validate(tmx), dtd.error_log.filter_from_errors()
    etree.parse(str(work / "out" / "x.tbx"))
    import polib

    assert len(polib.pofile(str(work / "out" / "x.po"))) > 5
    if "\x00" in junk:  # removed from XML, with a warning naming it
        assert "U+0000" in result.stderr and "\x00" not in (work / "out" / "x.tmx").read_text(
            encoding="utf-8"
        )
    else:
        segs = "".join(seg.text or "" for seg in tmx.iter("seg"))
        for ch in set(junk) - {" "}:
            assert ch in segs, repr(ch)
    report = invoke("report", "ja.txt", "en.txt", "-o", "r.html")
    assert report.exit_code == 0, report.stderr
    page = (work / "r.html").read_text(encoding="utf-8")
    assert "<b>&amp;" not in page and "\x00" not in page
