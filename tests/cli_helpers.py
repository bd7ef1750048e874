"""Shared by the bad-input tests: the CLI runner, a work folder with a real pair, assertions.

CI runs as root, and root ignores file permissions (chmod 000 still reads, a 0555
directory still accepts files). So "unreadable file" and "read-only directory" are
simulated by making the OS call fail with the real errno (monkeypatch), plus a real
read-only tmpfs mount and a real full tmpfs where mounting is allowed, plus real
chmod tests when not running as root.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from paths import SOURCES

from align.cli import main
from align.pipeline import load_pair

PAIR = SOURCES / "serra-azul-kestrel"
JA = (PAIR / "ja.txt").read_text(encoding="utf-8")
EN = (PAIR / "en.txt").read_text(encoding="utf-8")
PREVIOUS = '{"previous": "output"}\n'
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# --- helpers -------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command; an exception is a test failure, not a result."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding ja.txt, en.txt (UTF-8) and a previous out.json."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ja.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "out.json").write_text(PREVIOUS, encoding="utf-8")
    return tmp_path


def temp_leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def assert_error(result: Result, line: str) -> None:
    """Exit 2, exactly ``align: <line>`` on stderr, nothing on stdout, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    assert result.stderr == f"align: {line}\n"
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def check_to_file(a: str, b: str, *extra: str, out: str = "out.json") -> Result:
    return invoke("check", a, b, "--format", "json", "-o", out, *extra)


def assert_error_untouched(work: Path, result: Result, line: str, out: str = "out.json") -> None:
    """The error contract plus: the previous output is intact and no temp file is left."""
    assert_error(result, line)
    target = work / out
    if target.parent == work:
        assert target.read_text(encoding="utf-8") == PREVIOUS
    assert temp_leftovers(target.parent if target.parent.is_dir() else work) == []


def check_json(*args: str) -> dict:
    result = invoke("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return json.loads(result.stdout)


def png_bytes() -> bytes:
    """A real 1x1 PNG (signature, IHDR, IDAT, IEND with CRCs)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0\0\0\0"))
        + chunk(b"IEND", b"")
    )


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def assert_positions_in_original(path: Path, encoding: str) -> None:
    """Each sentence's offsets and line/column point at it in the file as the user sees it."""
    original = path.read_bytes().decode(encoding)
    original = original.removeprefix("\ufeff")  # editors do not count the BOM as a column
    lines = _LINE_BREAK.split(original)
    other = path.with_name("en.txt" if path.name == "ja.txt" else "ja.txt")
    ja, en = load_pair(path, other)
    doc = ja if path.name == "ja.txt" else en
    assert doc.text == original
    assert len(doc.segments) > 5
    for s in doc.segments:
        assert original[s.start : s.end] == s.text
        line, col = doc.line_col(s.start)
        assert lines[line - 1][col - 1 :].startswith(s.text), (s, line, col)


ENCODINGS = {
    "shift_jis": lambda t: t.encode("shift_jis"),
    "euc_jp": lambda t: t.encode("euc_jp"),
    "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16-le-nobom": lambda t: t.encode("utf-16-le"),
}
DECODERS = {
    "utf-16-le-bom": "utf-16",
    "utf-16-be-bom": "utf-16",
    "utf-8-bom": "utf-8",
    "utf-16-le-nobom": "utf-16-le",
}


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB tmpfs, where the environment allows mounting (root with CAP_SYS_ADMIN)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs ({proc.stderr.strip() or 'mount failed'}); monkeypatched tests cover it"
        )
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _inject(text: str, junk: str) -> str:
    """Put *junk* inside the first sentence of every paragraph (after its first character)."""
    return "\n".join(line[:1] + junk + line[1:] if line.strip() else line for line in text.split("\n"))


class _FullDisk(io.FileIO):
    """A raw file that accepts *budget* bytes, then fails like a full disk."""

    budget = 100

    def write(self, b) -> int:  # type: ignore[no-untyped-def,override]
        if self.budget <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = super().write(bytes(b)[: self.budget])
        self.budget -= n
        return n
