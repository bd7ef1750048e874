"""Writing outputs: missing or read-only folders, full disks, interruptions (align/files.py
atomic_writer): exit 2 or 130/143, one line, the previous file intact, no temp files."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import (
    EN,
    IS_ROOT,
    JA,
    PREVIOUS,
    _FullDisk,
    assert_error,
    assert_error_untouched,
    check_to_file,
    temp_leftovers,
)
from paths import ROOT

import align.files


def test_output_in_missing_directory(work: Path) -> None:
    result = check_to_file("ja.txt", "en.txt", out="nodir/out.json")
    assert_error(result, "nodir/out.json: cannot write: directory 'nodir' does not exist")
    assert not (work / "nodir").exists()
    assert temp_leftovers(work) == []


def test_output_is_a_directory(work: Path) -> None:
    """An existing folder is a folder in every command (see test_output_paths): the file goes in it."""
    (work / "outdir").mkdir()
    result = check_to_file("ja.txt", "en.txt", out="outdir")
    assert result.exit_code == 1, result.output  # findings
    (written,) = (work / "outdir").iterdir()
    assert written.suffix == ".json" and result.stdout == f"outdir/{written.name}\n"
    assert temp_leftovers(work / "outdir") == []


def test_read_only_output_directory(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may write into a 0555 directory, so creating the temp file fails with EACCES instead."""

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(align.files.tempfile, "mkstemp", denied)
    result = check_to_file("ja.txt", "en.txt")
    assert_error_untouched(
        work, result, "out.json: permission denied (cannot create a file in its directory)"
    )


@pytest.mark.skipif(IS_ROOT, reason="root ignores directory permissions (covered by the tests above)")
def test_read_only_output_directory_real_permissions(work: Path) -> None:
    ro = work / "ro"
    ro.mkdir()
    (ro / "out.json").write_text(PREVIOUS, encoding="utf-8")
    ro.chmod(0o555)
    try:
        result = check_to_file("ja.txt", "en.txt", out="ro/out.json")
        assert_error(result, "ro/out.json: permission denied (cannot create a file in its directory)")
        assert (ro / "out.json").read_text(encoding="utf-8") == PREVIOUS
    finally:
        ro.chmod(0o755)


def test_read_only_file_system_real(work: Path, tmpfs: Path) -> None:
    (tmpfs / "out.json").write_text(PREVIOUS, encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = check_to_file("ja.txt", "en.txt", out=str(tmpfs / "out.json"))
    assert_error(result, f"{tmpfs / 'out.json'}: read-only file system")
    assert (tmpfs / "out.json").read_text(encoding="utf-8") == PREVIOUS
    assert temp_leftovers(tmpfs) == []


def test_disk_full_real_tmpfs(work: Path, tmpfs: Path) -> None:
    (tmpfs / "out.json").write_text(PREVIOUS, encoding="utf-8")
    # Ten copies of the pair make a JSON far larger than the 64 KiB file system.
    (work / "ja.txt").write_text(JA * 10, encoding="utf-8")
    (work / "en.txt").write_text(EN * 10, encoding="utf-8")
    result = check_to_file("ja.txt", "en.txt", out=str(tmpfs / "out.json"))
    line = f"{tmpfs / 'out.json'}: no space left on device (the previous file, if any, is unchanged)"
    assert_error(result, line)
    assert (tmpfs / "out.json").read_text(encoding="utf-8") == PREVIOUS
    assert temp_leftovers(tmpfs) == []


def test_disk_full_simulated(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> io.IOBase:
        raw = _FullDisk(fd, "wb")
        buffered = io.BufferedWriter(raw, buffer_size=64)
        if "b" in mode:
            return buffered
        return io.TextIOWrapper(buffered, encoding="utf-8", newline="")

    monkeypatch.setattr(align.files.os, "fdopen", full_fdopen)
    result = check_to_file("ja.txt", "en.txt")
    line = "out.json: no space left on device (the previous file, if any, is unchanged)"
    assert_error_untouched(work, result, line)


# --- interruption -------------------------------------------------------------------


def test_ctrl_c_during_write_keeps_previous(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(align.files.os, "fsync", interrupted)
    result = check_to_file("ja.txt", "en.txt")
    assert result.exit_code == 130
    # click echoes a newline first, so that the message does not follow a "^C" on the terminal.
    assert result.stderr.lstrip("\n") == "align: interrupted\n"
    assert (work / "out.json").read_text(encoding="utf-8") == PREVIOUS
    assert temp_leftovers(work) == []


# The child blocks inside atomic_writer (after writing, before the rename), tells the parent
# so with a marker file, and is then signalled from outside.
_CHILD = """
import os, sys, time
os.fsync = lambda fd: (open("writing", "w").close(), time.sleep(60))
from align.cli import main
sys.argv = ["align", *sys.argv[1:]]
main()
"""
_WRITERS = {
    "check": (["check", "ja.txt", "en.txt", "--format", "json", "-o", "out.json"], "out.json"),
    "export": (["export", "ja.txt", "en.txt", "-o", ".", "--name", "out", "--formats", "tmx"], "out.tmx"),
    "report": (["report", "ja.txt", "en.txt", "-o", "out.html"], "out.html"),
}


@pytest.mark.parametrize("command", sorted(_WRITERS))
@pytest.mark.parametrize(
    ("sig", "code", "line"),
    [(signal.SIGTERM, 143, "align: terminated"), (signal.SIGINT, 130, "align: interrupted")],
    ids=["sigterm", "sigint"],
)
def test_signal_during_write_keeps_previous(work: Path, sig: int, code: int, line: str, command: str) -> None:
    args, out = _WRITERS[command]
    (work / out).write_text(PREVIOUS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, *args],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (work / "writing").exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the child never reached the write"
        time.sleep(0.05)
    assert any(p.name.startswith(f".{out}.") for p in work.iterdir())  # the temp file exists now
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.lstrip("\n") == line + "\n"  # click puts a newline after "^C"
    assert (work / out).read_text(encoding="utf-8") == PREVIOUS
    assert temp_leftovers(work) == []
