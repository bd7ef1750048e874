"""The content-addressed cache of corpus mode: one entry per (inputs, settings) key.

A pair's key hashes the bytes of both files, where they are, the pair's name and the run's
signature, so an unchanged pair is never checked twice and any change (a file, a rule
option, the dictionary or align's version, all in the signature) misses. An entry is two
compressed files written by rename (``<key>.data.gz``: the check JSON and the report page;
``<key>.meta.gz``: what the corpus outputs need, a :class:`Meta` record), so that an
interrupted run leaves only whole entries and a rerun resumes from them. An entry that cannot
be read, or was written in another layout (:data:`FORMAT` is in every key), is a miss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..job import Pair
from ..model import GlossaryEntry, Variant

__all__ = ["Cache", "Entry", "FindingRow", "Meta", "Summary", "UnitRow", "pair_key"]

#: Bump when the entry layout changes: old entries then miss instead of being misread.
#: 2: the meta file holds named fields (Meta), not positional lists.
#: 3: a unit row holds its findings (rule, name, category, severity, message), not codes and notes.
FORMAT = 3
_LEVEL = 3


@dataclass(frozen=True)
class Summary:
    """A checked pair's counts, for the dashboard's row."""

    ja_sentences: int
    en_sentences: int
    beads: int
    findings: int
    #: error, warning and info -> how many findings.
    severities: Mapping[str, int] = field(default_factory=dict)
    #: category -> findings, sorted by category.
    categories: Mapping[str, int] = field(default_factory=dict)
    #: rule code -> findings, sorted by code.
    rules: Mapping[str, int] = field(default_factory=dict)


#: A finding of a unit as the corpus memory needs it: (rule, name, category, severity, message).
FindingRow = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class UnitRow:
    """One memory unit of a pair, as the corpus memory merges them (cleaned as the exports clean it)."""

    tuid: str
    en: str
    ja: str
    score: float
    #: Its findings, worst first: the corpus memory's notes, and the severity that decides
    #: whether the unit goes to the penalty memory ([tool.align.export] penalty-from).
    findings: tuple[FindingRow, ...] = ()


@dataclass(frozen=True)
class Meta:
    """What the corpus outputs need from one checked pair: its counts, units and glossary.

    The glossary's variants carry no sentence indices: a corpus glossary does not point into
    one article.
    """

    summary: Summary
    units: tuple[UnitRow, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()

    def to_json(self) -> str:
        data = {
            "summary": dataclasses.asdict(self.summary),
            "units": [dataclasses.asdict(u) for u in self.units],
            "glossary": [
                {
                    "english": e.english,
                    "kind": e.kind,
                    "variants": [
                        {"form": v.form, "count": v.count, "status": v.status, "reading": v.reading}
                        for v in e.variants
                    ],
                    "example": list(e.example),
                }
                for e in self.glossary
            ],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Meta:
        """The record back; ValueError (KeyError, TypeError) for anything else."""
        data = json.loads(text)
        try:
            glossary = tuple(
                GlossaryEntry(
                    e["english"],
                    e["kind"],
                    tuple(
                        Variant(v["form"], v["count"], v["status"], (), v["reading"]) for v in e["variants"]
                    ),
                    (e["example"][0], e["example"][1]),
                )
                for e in data["glossary"]
            )
            units = tuple(
                UnitRow(**{**u, "findings": tuple(tuple(f) for f in u["findings"])}) for u in data["units"]
            )
            return cls(Summary(**data["summary"]), units, glossary)
        except (KeyError, TypeError, IndexError) as exc:
            raise ValueError(f"not a cache entry's meta: {exc}") from None


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
    #: zlib of a :class:`Meta` record as JSON.
    meta: bytes

    @classmethod
    def pack(cls, key: str, check_json: str, html: str, meta: Meta) -> Entry:
        data = zlib.compress(f"{check_json}\n{html}".encode(), _LEVEL)
        return cls(key, data, zlib.compress(meta.to_json().encode(), _LEVEL))

    def check_and_html(self) -> tuple[str, str]:
        check, _, html = zlib.decompress(self.data).decode("utf-8").partition("\n")
        return check, html

    def info(self) -> Meta:
        return Meta.from_json(zlib.decompress(self.meta))


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

    def meta(self, key: str) -> Meta | None:
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
