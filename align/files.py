"""Reading user text safely and writing outputs atomically.

Reading: bytes -> str with a byte-order mark or UTF-8 first, then charset-normalizer
for legacy encodings (Shift_JIS/CP932, EUC-JP, ISO-2022-JP; Windows-1252 for English).
A detected legacy encoding is accepted only when the decoded text looks like the
language it claims, so binary data or broken UTF-8 is refused instead of being decoded
as noise. Offsets everywhere count characters of the decoded text (after the BOM).
:func:`decode` also tells how to encode the text back (codec and BOM), which is what
``align fix`` needs to change a few characters and keep every other byte.

Naming: :func:`pair_name`, the one rule deciding what a pair of files is called.

Writing: a temporary file in the target directory, fsync, then ``os.replace``, so an
interrupted or failing write (exception, Ctrl-C, SIGTERM via the CLI, disk full) never
leaves a partial output and never touches the previous file.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .charclass import is_kana
from .errors import InputError, OutputError

# (BOM, codec that decodes the file, codec that encodes the text after the BOM)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),  # before UTF-16 LE: its BOM starts with FF FE too
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
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
    b"BZh",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",
    b"SQLite format 3\x00",
)
_JA_LEGACY = ["cp932", "shift_jis", "euc_jp", "iso2022_jp"]
# Single-byte encodings an English file may come in (smart quotes from Word, say).
_LATIN_LEGACY = {"cp1252", "cp1250", "latin_1", "iso8859_15", "iso8859_2", "mac_roman"}
# C0 controls other than tab, LF, VT, FF, CR and ESC: a text file has at most a few.
_BINARY_CONTROLS = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


def _is_kana(ch: str) -> bool:
    return is_kana(ch)


def _is_japanese(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3000 <= o <= 0x30FF  # CJK punctuation, kana
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF  # full-width forms, half-width kana
        or ch in "・※〒○●◎△▲▽▼□■◇◆★☆→←↑↓－～×÷±°§¶"
    )


_CONTROL_BYTES = bytes(sorted(_BINARY_CONTROLS))
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _count(data: bytes, members: bytes) -> int:
    """How many bytes of *data* are in *members* (bytes.translate runs in C)."""
    return len(data) - len(data.translate(None, members))


def _looks_binary(data: bytes, per: int) -> bool:
    """More than one control byte in *per*: an image, archive or object file, not text."""
    sample = data[:65536]
    return _count(sample, _CONTROL_BYTES) > max(8, len(sample) // per)


def _line_col_of_byte(data: bytes, pos: int) -> tuple[int, int]:
    """1-based line and byte column of *pos*, for pointing at a bad byte."""
    head = data[:pos]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    line_start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, pos - line_start + 1


@dataclass(frozen=True)
class Decoded:
    """A file's text and how to write it back: ``bom + text.encode(codec)`` is the file.

    *codec* never writes a BOM itself (utf-16-le, not utf-16), so that a changed text
    can be encoded piece by piece.
    """

    text: str
    codec: str
    bom: bytes = b""


def _given(data: bytes, path: str, encoding: str) -> Decoded:
    """Decode with the encoding the user named (--encoding)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r} (given with --encoding)", path) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {encoding} text at byte {exc.start}", path) from None
    if name in ("utf-16", "utf-32", "utf-8-sig"):
        # These codecs consume a BOM: write back the one the file had, in its byte order.
        for bom, _, codec in _BOMS:
            if data.startswith(bom) and codec.startswith(name.replace("-sig", "")):
                return Decoded(text, codec, bom)
        return Decoded(text, {"utf-8-sig": "utf-8"}.get(name, f"{name}-le"))
    if text.startswith("\ufeff"):
        return Decoded(text[1:], name, "\ufeff".encode(name))
    return Decoded(text, name)


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode *data* and tell how it was encoded, or raise :class:`InputError` naming *path*."""
    if encoding:
        return _given(data, path, encoding)
    for bom, enc, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), codec, bom)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {enc.upper()} text at byte {exc.start} (after its byte-order mark)",
                    path,
                ) from None
    if any(data.startswith(m) for m in _MAGIC):
        raise InputError("binary file, not text", path)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x1b$" in data or b"\x1b(" in data:  # ISO-2022-JP escapes are plain ASCII, so try it first
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode("iso2022_jp")
            if any(_is_kana(c) for c in text):
                return Decoded(text, "iso2022_jp")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        # Valid UTF-8 with a few stray controls is text with junk (kept, exporters drop it).
        if _looks_binary(data, 10):
            raise InputError("binary file, not text", path)
        return Decoded(text, "utf-8")
    if _looks_binary(data, 100):
        raise InputError("binary file, not text", path)
    japanese = _detect_japanese(data)
    if japanese is not None:
        return japanese
    if _mostly_utf8(data):
        line, col = _line_col_of_byte(data, utf8_error.start)
        raise InputError(
            f"not valid UTF-8: bad byte sequence at byte {utf8_error.start} (line {line}, column {col}); "
            "fix it or give --encoding",
            path,
        )
    latin = _detect_latin(data)
    if latin is not None:
        return latin
    raise InputError("not valid text in any supported encoding", path)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: the decoding (LE or BE) that gives plain English or Japanese text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        plain = sum(1 for c in sample if (" " <= c <= "~") or c in "\t\r\n" or _is_japanese(c))
        ascii_share = sum(1 for c in sample if c < "\x80") / len(sample)
        if plain >= 0.95 * len(sample) and (ascii_share >= 0.9 or any(map(_is_kana, sample))):
            return Decoded(text, enc)
    return None


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad sequences (corrupted, truncated, or an encoded lone surrogate).

    Counted in bytes: multi-byte sequences shaped like UTF-8 against stray high bytes,
    which is what Windows-1252 or Latin-1 text has instead.
    """
    shaped = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(data))
    stray = _count(data, _HIGH_BYTES) - shaped
    return shaped > 0 and stray <= shaped


def _detect_japanese(data: bytes) -> Decoded | None:
    """A legacy Japanese encoding found by charset-normalizer, if the decoding is plausible."""
    from charset_normalizer import from_bytes  # lazy: only legacy encodings need it

    best = from_bytes(data, cp_isolation=_JA_LEGACY).best()
    if best is not None and _plausible_japanese(str(best)):
        return Decoded(str(best), codecs.lookup(best.encoding).name)
    # charset-normalizer's statistics can miss short or punctuation-heavy text; a strict decode
    # that reads as Japanese settles it. EUC-JP first: its bytes are rarely valid Shift_JIS
    # hiragana, while EUC-JP text read as Shift_JIS is all half-width katakana.
    for encoding in ("euc_jp", "shift_jis", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_japanese(text):
            return Decoded(text, codecs.lookup(encoding).name)
    return None


def _plausible_japanese(text: str) -> bool:
    """Whether a decoding reads as Japanese: some kana, and nearly all non-ASCII is Japanese.

    A stray Windows-1252 quote before an ASCII letter decodes as one random kanji in Shift_JIS;
    real Japanese prose always has kana.
    """
    non_ascii = [c for c in text[:200_000] if ord(c) > 0x7F]  # a sample decides
    return any(map(_is_kana, non_ascii)) and sum(map(_is_japanese, non_ascii)) >= 0.9 * len(non_ascii)


def _detect_latin(data: bytes) -> Decoded | None:
    """English from Word and friends: mostly ASCII in a Western single-byte encoding."""
    from charset_normalizer import from_bytes

    if _count(data, _HIGH_BYTES) > 0.2 * len(data):
        return None
    best = from_bytes(data, cp_isolation=sorted(_LATIN_LEGACY)).best()
    if best is not None and best.encoding.replace("-", "_") in _LATIN_LEGACY:
        return Decoded(str(best), codecs.lookup(best.encoding).name)
    return None


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read a text file given on the command line; every failure is an InputError."""
    return read_decoded(path, encoding).text


def read_decoded(path: str | os.PathLike[str], encoding: str | None = None) -> Decoded:
    """Read and decode a text file, keeping how it was encoded; every failure is an InputError."""
    name = os.fspath(path)
    decoded = decode(read_bytes(name), name, encoding)
    if not decoded.text.strip():
        raise InputError("only whitespace (no text to align)", name)
    return decoded


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a non-empty regular file (or pipe); every failure is an InputError."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            # Regular files and pipes (bash's <(...)) only: /dev/zero would never end.
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise InputError("not a regular file", name)
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    except MemoryError:
        raise InputError("too large to read into memory", name) from None
    except ValueError:  # e.g. a NUL byte in the path
        raise InputError("not a valid file name", repr(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    if not data:
        raise InputError("empty file (no text to align)", name)
    return data


def _output_mode(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 & ~umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:  # type: ignore[type-arg]
    """Yield a file object whose content replaces *path* only if the block succeeds.

    On any exception (including KeyboardInterrupt and SystemExit) the temporary file
    is removed and the previous *path* is left untouched.
    """
    name = os.fspath(path)
    if "\x00" in name:
        raise OutputError("not a valid file name", repr(name))
    if name == "-":  # the CLI turns "-o -" into stdout where it can; elsewhere never a file named "-"
        raise OutputError("standard output is not possible here; give a file name", name)
    target = Path(name)
    if target.is_symlink():
        target = Path(os.path.realpath(target))  # replace the file the link points to, keep the link
    if target.is_dir():
        raise OutputError("is a directory; give a file name", name)
    if target.exists() and not target.is_file():
        # /dev/null, /dev/stdout, a pipe: renaming over them would replace the device or
        # pipe with a plain file (as root, even /dev/null). Write through instead.
        yield from _write_through(target, name, mode)
        return
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"cannot write: directory {str(directory)!r} does not exist", name)
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except PermissionError:
        raise OutputError("permission denied (cannot create a file in its directory)", name) from None
    except OSError as exc:
        raise OutputError(_oserror_message(exc), name) from None
    try:
        os.fchmod(fd, _output_mode(target))
        if binary:
            fh: IO = os.fdopen(fd, "wb")  # type: ignore[type-arg]
        else:
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(_oserror_message(exc), name) from None
        raise
    _fsync_directory(directory)


def _write_through(target: Path, name: str, mode: str) -> Iterator[IO]:  # type: ignore[type-arg]
    try:
        fh: IO = open(target, "wb") if "b" in mode else open(target, "w", encoding="utf-8", newline="")  # type: ignore[type-arg]
    except OSError as exc:
        raise OutputError(_oserror_message(exc), name) from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        raise OutputError(_oserror_message(exc), name) from None


def _oserror_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on device (the previous file, if any, is unchanged)"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return f"cannot write: {exc.strerror or exc}"


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; best effort, since some file systems refuse it."""
    with contextlib.suppress(OSError):
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Atomically write UTF-8 *text* to *path*."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically write *data* to *path*."""
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def names_folder(output: str) -> bool:
    """Whether an ``-o`` value means a folder: one that exists, or a path ending in a separator."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


#: Language tags a file name may carry: "ja.txt", "story.ja.txt", "story_en-US.txt", "mt.txt".
_LANG_TAG = re.compile(r"(?:^|[._-])(?:ja|jp|jpn|japanese|en|eng|english|mt|ja_mt)(?:[_-][a-z]{2})?$", re.I)


def _untagged(stem: str) -> str:
    """The stem without its language tag: "story.ja" -> "story", "ja" -> ""."""
    return _LANG_TAG.sub("", stem).rstrip("._- ")


def pair_name(ja_path: str, en_path: str = "") -> str:
    """A pair's name, the one decided everywhere (report title and file, exports, JSON, SARIF).

    - ``<pair>/ja.txt`` + ``<pair>/en.txt``: the folder, ``<pair>``;
    - ``story.ja.txt`` + ``story.en.txt``: the common stem without its language tag, ``story``;
    - otherwise the common prefix of the two stems, else the Japanese stem without its tag.

    The folder is taken from the resolved path, so ``d/ja.txt`` and ``ja.txt`` run inside
    ``d`` name the same pair (a baseline recorded one way matches the other).
    """
    ja = Path(ja_path)
    en_stem = Path(en_path).stem if en_path else ""
    ja_name, en_name = _untagged(ja.stem), _untagged(en_stem)
    if not ja_name:  # a bare language file (ja.txt, mt.txt): its folder says what the pair is
        parent = ja.resolve().parent.name if ja.exists() else ja.parent.name
        if parent:
            return parent
    if en_path and ja_name == en_name:
        return ja_name or ja.stem
    prefix = os.path.commonprefix([ja.stem, en_stem]).rstrip("._- ") if en_path else ""
    # A prefix of one or two letters ("s" of "story" and "summary") names nothing.
    if len(prefix) >= 3:
        return prefix
    return ja_name or ja.stem
