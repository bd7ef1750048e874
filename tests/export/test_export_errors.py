"""Exports under bad input and faults: nothing half-written, the previous files intact."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from cli_helpers import EN, JA, _FullDisk, assert_error, invoke, png_bytes, temp_leftovers

import align.files

# --- export and report: same contract, several files ------------------------------------

EXPORTS = ("x.tmx", "x.penalty-30.tmx", "x.tbx", "x.utf8", "x.csv", "x.po", "x.xlf")


@pytest.fixture
def exported(work: Path) -> Path:
    """A previous export in out/ (x.tmx, x.tbx, ...) whose bytes must survive any failure."""
    result = invoke("export", "ja.txt", "en.txt", "-o", "out", "--name", "x")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (work / "out").iterdir()) == sorted(EXPORTS)
    for name in EXPORTS:
        (work / "out" / name).write_text(f"previous {name}\n", encoding="utf-8")
    return work / "out"


def assert_previous_export(out: Path) -> None:
    for name in EXPORTS:
        assert (out / name).read_text(encoding="utf-8") == f"previous {name}\n", name
    assert temp_leftovers(out) == []


def test_export_missing_input_writes_nothing(work: Path, exported: Path) -> None:
    result = invoke("export", "ja.txt", "missing.txt", "-o", "out", "--name", "x")
    assert_error(result, "missing.txt: no such file")
    assert_previous_export(exported)
    result = invoke("export", "ja.txt", "missing.txt", "-o", "fresh")
    assert_error(result, "missing.txt: no such file")
    assert not (work / "fresh").exists()


def test_export_binary_input_writes_nothing(work: Path, exported: Path) -> None:
    (work / "ja.txt").write_bytes(png_bytes())
    assert_error(
        invoke("export", "ja.txt", "en.txt", "-o", "out", "--name", "x"), "ja.txt: binary file, not text"
    )
    assert_previous_export(exported)


def test_export_disk_full_keeps_previous_files(
    work: Path, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> io.IOBase:
        buffered = io.BufferedWriter(_FullDisk(fd, "wb"), buffer_size=64)
        return buffered if "b" in mode else io.TextIOWrapper(buffered, encoding="utf-8", newline="")

    monkeypatch.setattr(align.files.os, "fdopen", full_fdopen)
    result = invoke("export", "ja.txt", "en.txt", "-o", "out", "--name", "x")
    assert_error(result, "out/x.tmx: no space left on device (the previous file, if any, is unchanged)")
    assert_previous_export(exported)


def test_export_disk_full_real_tmpfs(work: Path, tmpfs: Path) -> None:
    (work / "ja.txt").write_text(JA * 10, encoding="utf-8")
    (work / "en.txt").write_text(EN * 10, encoding="utf-8")
    (tmpfs / "x.tmx").write_text("previous x.tmx\n", encoding="utf-8")
    # Leave about one page free, so that the memory overflows whatever the units' policy keeps in it.
    (tmpfs / "filler").write_bytes(b"\0" * (52 * 1024))
    result = invoke("export", "ja.txt", "en.txt", "-o", str(tmpfs), "--name", "x", "--formats", "tmx")
    assert result.exit_code == 2 and result.stderr.endswith(
        "no space left on device (the previous file, if any, is unchanged)\n"
    )
    assert (tmpfs / "x.tmx").read_text(encoding="utf-8") == "previous x.tmx\n"
    assert temp_leftovers(tmpfs) == []


def test_export_read_only_directory(work: Path, exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(align.files.tempfile, "mkstemp", denied)
    result = invoke("export", "ja.txt", "en.txt", "-o", "out", "--name", "x")
    assert_error(result, "out/x.tmx: permission denied (cannot create a file in its directory)")
    assert_previous_export(exported)


def test_export_interrupted_keeps_previous_files(
    work: Path, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def interrupt_third(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 5:  # two fsyncs (file, folder) per file: both TMX are done, the TBX half-way
            raise KeyboardInterrupt

    monkeypatch.setattr(align.files.os, "fsync", interrupt_third)
    result = invoke("export", "ja.txt", "en.txt", "-o", "out", "--name", "x")
    assert result.exit_code == 130
    # Each file is whole: the finished ones are new, the interrupted and later ones are the old ones.
    for name in ("x.tbx", "x.utf8", "x.csv", "x.po", "x.xlf"):
        assert (exported / name).read_text(encoding="utf-8") == f"previous {name}\n"
    for name in ("x.tmx", "x.penalty-30.tmx"):
        assert (exported / name).read_bytes().startswith(b"<?xml")
    assert temp_leftovers(exported) == []
