"""Reading user text safely and writing outputs atomically.

Reading: bytes -> str with BOM/UTF-8 first, then charset-normalizer for legacy
Japanese encodings; binary data is refused instead of being decoded as noise.
Writing: a temporary file in the target directory, fsync, then ``os.replace``,
so an interrupted or failing write never leaves a partial output behind.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import InputError, OutputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of common binary formats users feed by mistake.
_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\x1f\x8b",
    b"PK\x03\x04",
    b"%PDF",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
)
# Legacy encodings we accept from detection; anything else is probably binary noise.
_ACCEPTED = {"shift_jis", "cp932", "euc_jp", "iso2022_jp", "utf_8", "ascii", "utf_16", "utf_32"}


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode *data*, or raise :class:`InputError` naming *path*."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} text at byte {exc.start}", path) from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"not valid {enc} text after its byte-order mark", path) from None
    if any(data.startswith(m) for m in _MAGIC):
        raise InputError("binary file, not text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not text", path)
    return _detect(data, path)


def _detect(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes  # lazy: only legacy encodings need it

    best = from_bytes(data, cp_isolation=["cp932", "shift_jis", "euc_jp", "iso2022_jp"]).best()
    if best is None or best.encoding.replace("-", "_") not in _ACCEPTED:
        raise InputError("not valid text in any supported encoding", path)
    return str(best)


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read a text file given on the command line; every failure is an InputError."""
    name = os.fspath(path)
    p = Path(name)
    if not p.exists():
        raise InputError("no such file", name)
    if p.is_dir():
        raise InputError("is a directory, not a file", name)
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    text = decode_bytes(data, name, encoding)
    if not text.strip():
        raise InputError("empty file (no text to align)", name)
    return text


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:  # type: ignore[type-arg]
    """Yield a file object whose content replaces *path* only if the block succeeds.

    On any exception (including KeyboardInterrupt) the temporary file is removed
    and the previous *path* is left untouched.
    """
    target = Path(os.fspath(path))
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("output directory does not exist", str(directory))
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except PermissionError:
        raise OutputError("permission denied (cannot create a file here)", str(directory)) from None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", str(directory)) from None
    try:
        if binary:
            fh: IO = os.fdopen(fd, "wb")  # type: ignore[type-arg]
        else:
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        # mkstemp creates 0600 files; outputs should get the usual umask permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(target, 0o666 & ~umask)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, PermissionError):
            if exc.errno == errno.ENOSPC:
                raise OutputError("no space left on device", str(target)) from None
            raise OutputError(f"cannot write: {exc.strerror or exc}", str(target)) from None
        if isinstance(exc, PermissionError):
            raise OutputError("permission denied", str(target)) from None
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Atomically write UTF-8 *text* to *path*."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path, "wb") as fh:
        fh.write(data)
