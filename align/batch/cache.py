"""The content-addressed cache of corpus mode: one entry per (inputs, settings) key.

A pair's key hashes the bytes of both files, where they are, the pair's name and the run's
signature, so an unchanged pair is never checked twice and any change (a file, a rule
option, the dictionary or align's version, all in the signature) misses. An entry is two
compressed files written by rename (``<key>.data.gz``: the check JSON and the report page;
``<key>.meta.gz``: what the corpus outputs need), so that an interrupted run leaves only
whole entries and a rerun resumes from them. An entry that cannot be read is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..job import Pair

__all__ = ["Cache", "Entry", "pair_key"]

#: Bump when the entry layout changes: old entries then miss instead of being misread.
FORMAT = 2
_LEVEL = 3


def _digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pair_key(pair: Pair, signature: str, extra: str = "") -> str:
    """The cache key of *pair* under *signature*; OSError when a file cannot be read.

    *extra* holds the settings that shape outputs without being part of the signature
    (the input encoding, the report's date).
    """
    h = hashlib.sha256(f"align-batch-{FORMAT}\0{signature}\0{extra}\0".encode())
    parts = (pair.name, pair.roles, pair.ja_path, _digest(pair.ja_path), pair.en_path, _digest(pair.en_path))
    for part in parts:
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One checked pair as the cache keeps it, and as a worker sends it back (compressed)."""

    key: str
    #: zlib of: the check JSON (one line), a newline, the HTML report page.
    data: bytes
    #: zlib of a JSON object: summary, TMX units, glossary, report digest, seconds.
    meta: bytes

    @classmethod
    def pack(cls, key: str, check_json: str, html: str, meta: dict[str, Any]) -> Entry:
        data = zlib.compress(f"{check_json}\n{html}".encode(), _LEVEL)
        text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
        return cls(key, data, zlib.compress(text.encode(), _LEVEL))

    def check_and_html(self) -> tuple[str, str]:
        check, _, html = zlib.decompress(self.data).decode("utf-8").partition("\n")
        return check, html

    def info(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(zlib.decompress(self.meta))
        return value


class Cache:
    """Entries under *root*, spread over 256 folders by key prefix."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, key: str, kind: str) -> Path:
        return self.root / key[:2] / f"{key}.{kind}.gz"

    def get(self, key: str) -> Entry | None:
        try:
            data = self._path(key, "data").read_bytes()
            meta = self._path(key, "meta").read_bytes()
            entry = Entry(key, data, meta)
            entry.info()  # a truncated or foreign file is a miss, not a crash later
        except (OSError, ValueError, zlib.error):
            return None
        return entry

    def meta(self, key: str) -> dict[str, Any] | None:
        try:
            return Entry(key, b"", self._path(key, "meta").read_bytes()).info()
        except (OSError, ValueError, zlib.error):
            return None

    def put(self, entry: Entry) -> None:
        # Data first: an entry counts as present only once its meta file exists (see get).
        for kind, blob in (("data", entry.data), ("meta", entry.meta)):
            path = self._path(entry.key, kind)
            path.parent.mkdir(parents=True, exist_ok=True)
            # Rename without fsync: after a crash an entry is whole or missing (or unreadable,
            # which is a miss); a cache does not need the durability outputs get.
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
