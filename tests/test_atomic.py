"""align.files.atomic_writer: a write either completes or leaves the previous file untouched.

Exercised directly (every exporter and report writes through it): exceptions, Ctrl-C,
SystemExit, a full disk at each stage (write, flush, fsync, rename), permissions,
symlinks, and the permission bits of the result.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import align.files
from align.errors import OutputError
from align.files import atomic_writer, write_bytes, write_text

OLD = "previous contents\n"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out.tmx"
    path.write_text(OLD, encoding="utf-8")
    return path


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_success_replaces_content_byte_for_byte(target: Path) -> None:
    write_text(target, "新しい\r\nline\n")
    assert target.read_bytes() == "新しい\r\nline\n".encode()  # newline="" : no translation
    write_bytes(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert leftovers(target.parent) == []


def test_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "new.po", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.po").stat().st_mode) == 0o644  # not mkstemp's 0600


def test_existing_file_keeps_its_permissions(target: Path) -> None:
    target.chmod(0o640)
    write_text(target, "x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt(), SystemExit(3)])
def test_exception_in_block_keeps_previous(target: Path, exc: BaseException) -> None:
    with pytest.raises(type(exc)):
        with atomic_writer(target) as fh:
            fh.write("half a file")
            assert leftovers(target.parent)  # the temp file is really there during the write
            raise exc
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []


def test_no_previous_file_and_failure_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        with atomic_writer(tmp_path / "fresh.tbx") as fh:
            fh.write("<martif>")
            raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_unencodable_text_keeps_previous(target: Path) -> None:
    # A lone surrogate cannot be written as UTF-8: the failure must not truncate the old file.
    with pytest.raises(UnicodeEncodeError):
        write_text(target, "ok \ud800 not ok")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_disk_full_at_each_stage(target: Path, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    if stage == "write":
        with pytest.raises(OutputError, match="no space left on device") as info:
            with atomic_writer(target) as fh:
                fh.write("partial")
                _enospc()
    else:
        monkeypatch.setattr(align.files.os, stage, _enospc)
        with pytest.raises(OutputError, match="no space left on device") as info:
            write_text(target, "new content")
    assert info.value.path == str(target)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="directory .* does not exist"):
        write_text(tmp_path / "nope" / "out.csv", "x")
    assert not (tmp_path / "nope").exists()


def test_target_is_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_text(tmp_path, "x")


def test_permission_denied_on_create(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores a 0555 directory, so the failing system call is simulated with its real errno.
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(align.files.tempfile, "mkstemp", denied)
    with pytest.raises(OutputError, match="permission denied"):
        write_text(target, "x")
    assert target.read_text(encoding="utf-8") == OLD


def test_read_only_file_system_on_rename(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def erofs(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(align.files.os, "replace", erofs)
    with pytest.raises(OutputError, match="read-only file system"):
        write_text(target, "x")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []


def test_symlink_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.tmx"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "link.tmx"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_nul_in_file_name_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="not a valid file name"):
        write_text(str(tmp_path / "a\x00b"), "x")


def test_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` must not rename a plain file over the device (root may do that)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc}")
    write_text(node, "discarded")
    assert stat.S_ISCHR(node.stat().st_mode)
    assert leftovers(tmp_path) == []


def test_fifo_is_written_through(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []
