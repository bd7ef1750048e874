"""Reading input files: empty, binary, every encoding, line ends, hostile characters and bad paths
(align/files.py and the input side of the CLI). Each failure is exit 2 and one stderr line
naming the file; nothing is written."""

from __future__ import annotations

import errno
import gzip
import json
import os
from pathlib import Path

import pytest
from cli_helpers import (
    DECODERS,
    EN,
    ENCODINGS,
    IS_ROOT,
    JA,
    _inject,
    assert_error,
    assert_error_untouched,
    assert_positions_in_original,
    check_json,
    check_to_file,
    invoke,
    png_bytes,
    temp_leftovers,
)

import align.files

# --- empty and unreadable content ---------------------------------------------------


def test_empty_file(work: Path) -> None:
    (work / "ja.txt").write_bytes(b"")
    assert_error_untouched(work, check_to_file("ja.txt", "en.txt"), "ja.txt: empty file (no text to align)")


def test_one_side_empty(work: Path) -> None:
    (work / "en.txt").write_bytes(b"")
    assert_error_untouched(work, check_to_file("ja.txt", "en.txt"), "en.txt: empty file (no text to align)")
    assert_error(invoke("beads", "ja.txt", "en.txt"), "en.txt: empty file (no text to align)")


def test_whitespace_only(work: Path) -> None:
    (work / "en.txt").write_text(" \n\t\r\n\u3000\n  ", encoding="utf-8")
    result = check_to_file("ja.txt", "en.txt")
    assert_error_untouched(work, result, "en.txt: only whitespace (no text to align)")


@pytest.mark.parametrize(
    "payload", [png_bytes(), gzip.compress(JA.encode("utf-8"), mtime=0)], ids=["png", "gzip"]
)
def test_binary_file(work: Path, payload: bytes) -> None:
    (work / "ja.txt").write_bytes(payload)
    assert_error_untouched(work, check_to_file("ja.txt", "en.txt"), "ja.txt: binary file, not text")
    assert_error(invoke("segment", "ja.txt"), "ja.txt: binary file, not text")


def test_no_letters_at_all(work: Path) -> None:
    (work / "ja.txt").write_text("12345 ... 678\n---\n", encoding="utf-8")
    result = check_to_file("ja.txt", "en.txt")
    assert_error_untouched(work, result, "ja.txt: no Japanese or English text found")


def test_text_in_no_supported_encoding(work: Path) -> None:
    # Russian in Windows-1251: neither Japanese, nor English, nor UTF-8.
    (work / "ja.txt").write_bytes("Это предложение написано по-русски. Второе.\n".encode("cp1251"))
    result = check_to_file("ja.txt", "en.txt")
    assert_error_untouched(work, result, "ja.txt: not valid text in any supported encoding")


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_encodings_work_with_right_offsets(work: Path, name: str) -> None:
    expected = check_json("ja.txt", "en.txt")
    (work / "ja.txt").write_bytes(ENCODINGS[name](JA))
    if name.startswith("utf"):
        (work / "en.txt").write_bytes(ENCODINGS[name](EN))
    # Same sentences, offsets, alignment and findings as the UTF-8 original.
    assert check_json("ja.txt", "en.txt") == expected
    assert_positions_in_original(work / "ja.txt", DECODERS.get(name, name))
    if name.startswith("utf"):
        assert_positions_in_original(work / "en.txt", DECODERS[name])


def test_english_in_windows_1252(work: Path) -> None:
    expected = check_json("ja.txt", "en.txt")
    assert any(ord(c) > 0x7F for c in EN)  # £, ç... really exercise the single-byte decoding
    (work / "en.txt").write_bytes(EN.encode("cp1252"))
    assert check_json("ja.txt", "en.txt") == expected


def test_encoding_option_overrides_detection(work: Path) -> None:
    # --encoding applies to every input file named, so the single-file command shows it best.
    expected = invoke("segment", "ja.txt").stdout
    (work / "ja.txt").write_bytes(JA.encode("cp932"))
    forced = invoke("segment", "ja.txt", "--encoding", "cp932")
    assert forced.exit_code == 0 and forced.stdout == expected
    # EUC-JP bytes that detection would also accept: the override decides, and is honoured.
    (work / "ja.txt").write_bytes(JA.encode("euc_jp"))
    assert invoke("segment", "ja.txt", "--encoding", "euc-jp").stdout == expected
    # Forcing the wrong encoding is refused, with the byte that does not decode.
    bad = JA.encode("cp932")
    first = next(i for i, b in enumerate(bad) if b >= 0x80)
    result = check_to_file("ja.txt", "en.txt", "--encoding", "utf-8")
    assert_error_untouched(work, result, f"ja.txt: not valid utf-8 text at byte {first}")
    result = check_to_file("ja.txt", "en.txt", "--encoding", "klingon")
    assert_error_untouched(work, result, "ja.txt: unknown encoding 'klingon' (given with --encoding)")


# --- line ends ----------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_line_ends(work: Path, newline: str) -> None:
    expected = check_json("ja.txt", "en.txt")
    (work / "ja.txt").write_bytes(JA.replace("\n", newline).encode("utf-8"))
    (work / "en.txt").write_bytes(EN.replace("\n", newline).encode("utf-8"))
    got = check_json("ja.txt", "en.txt")
    for side in ("ja", "en"):
        texts = [s["text"] for s in got[side]["sentences"]]
        assert texts == [s["text"] for s in expected[side]["sentences"]]
        assert not any("\r" in t for t in texts)
        paragraphs = [s["paragraph"] for s in got[side]["sentences"]]
        assert paragraphs == [s["paragraph"] for s in expected[side]["sentences"]]
    assert got["alignment"] == expected["alignment"]
    assert_positions_in_original(work / "ja.txt", "utf-8")
    assert_positions_in_original(work / "en.txt", "utf-8")


# --- hostile characters -------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "\x00\x01\x08\x0b\x0c\x1b\x7f",  # NUL and other XML-illegal controls
        "\u202e\u2066\u2067\u2069\u200f\u061c",  # bidi overrides, isolates, marks
        " ]]> <b>&amp; & <script>x</script> ",  # CDATA end, markup, entities
    ],
    ids=["controls", "bidi", "markup"],
)
def test_hostile_characters_survive_in_json(work: Path, junk: str) -> None:
    (work / "ja.txt").write_text(_inject(JA, junk), encoding="utf-8")
    (work / "en.txt").write_text(_inject(EN, junk), encoding="utf-8")
    result = check_to_file("ja.txt", "en.txt")
    assert result.exit_code in (0, 1), result.stderr
    payload = json.loads((work / "out.json").read_text(encoding="utf-8"))
    for side in ("ja", "en"):
        joined = "".join(s["text"] for s in payload[side]["sentences"])
        # Nothing is silently dropped: every injected character is still in the sentences.
        for ch in set(junk) - {" "}:
            assert joined.count(ch) >= junk.count(ch), (side, repr(ch))
    assert temp_leftovers(work) == []


def test_lone_surrogate_in_utf8_file(work: Path) -> None:
    data = _inject(JA, "\udc80").encode("utf-8", "surrogatepass")
    (work / "ja.txt").write_bytes(data)
    pos = data.index(b"\xed\xb2\x80")
    col = pos - data.rfind(b"\n", 0, pos)
    line = data.count(b"\n", 0, pos) + 1
    result = check_to_file("ja.txt", "en.txt")
    msg = f"ja.txt: not valid UTF-8: bad byte sequence at byte {pos} (line {line}, column {col}); "
    assert_error_untouched(work, result, msg + "fix it or give --encoding")


def test_lone_surrogate_in_utf16_file(work: Path) -> None:
    data = b"\xff\xfe" + "文です。".encode("utf-16-le") + b"\x00\xd8" + "です。\n".encode("utf-16-le")
    (work / "ja.txt").write_bytes(data)
    result = check_to_file("ja.txt", "en.txt")
    assert_error_untouched(
        work, result, "ja.txt: not valid UTF-16 text at byte 10 (after its byte-order mark)"
    )


# --- paths ----------------------------------------------------------------------------


def test_directory_instead_of_file(work: Path) -> None:
    (work / "somedir").mkdir()
    result = check_to_file("somedir", "en.txt")
    assert_error_untouched(work, result, "somedir: is a directory, not a file")


def test_missing_file(work: Path) -> None:
    result = check_to_file("ja.txt", "missing.txt")
    assert_error_untouched(work, result, "missing.txt: no such file")


def test_special_file_refused(work: Path) -> None:
    # /dev/zero would be read forever; it is not a regular file or a pipe.
    assert_error(invoke("segment", "/dev/zero"), "/dev/zero: not a regular file")


def test_unreadable_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads mode-000 files, so the open() call fails with the real EACCES error instead."""
    real_open = open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == "ja.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(align.files, "open", guarded_open, raising=False)
    assert_error_untouched(work, check_to_file("ja.txt", "en.txt"), "ja.txt: permission denied")


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions (covered by test_unreadable_file)")
def test_unreadable_file_real_permissions(work: Path) -> None:
    (work / "ja.txt").chmod(0)
    assert_error_untouched(work, check_to_file("ja.txt", "en.txt"), "ja.txt: permission denied")
