"""The pairs of a corpus: a tree of ``<pair>/ja.txt + en.txt`` folders, or a manifest.

A manifest is a CSV (``name,ja,en``, header optional) or JSONL (``{"name", "ja", "en"}`` per
line) file; relative paths are taken from the manifest's folder, so that a manifest moves with
its corpus. Paths are made absolute here, once, so that a worker with another working
directory (or on another machine with the same shared file system) reads the same files.
A pair whose files are missing is not refused here: it becomes an error row of the batch.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from pathlib import Path

from ..errors import ConfigError, InputError
from ..job import Pair

__all__ = ["corpus_pairs", "file_stem"]

_UNSAFE = re.compile(r"[^\w.-]+")


def _tree(root: Path) -> list[Pair]:
    """Every folder under *root* (at any depth) holding ja.txt and en.txt, named by its path."""
    pairs = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        if "ja.txt" in files and "en.txt" in files:
            here = Path(folder)
            name = here.relative_to(root).as_posix()
            pairs.append(Pair(root.name if name == "." else name, str(here / "ja.txt"), str(here / "en.txt")))
    return pairs


def _rows_csv(path: Path, text: str) -> list[tuple[str, str, str]]:
    rows = [r for r in csv.reader(text.splitlines()) if any(c.strip() for c in r)]
    if rows and [c.strip().lower() for c in rows[0]][:3] == ["name", "ja", "en"]:
        rows = rows[1:]
    out = []
    for number, row in enumerate(rows, 1):
        if len(row) < 3:
            raise ConfigError(f"row {number}: expected name,ja,en", str(path))
        out.append((row[0].strip(), row[1].strip(), row[2].strip()))
    return out


def _rows_jsonl(path: Path, text: str) -> list[tuple[str, str, str]]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            out.append((str(item["name"]), str(item["ja"]), str(item["en"])))
        except (ValueError, KeyError, TypeError):
            raise ConfigError(f'line {number}: expected {{"name", "ja", "en"}}', str(path)) from None
    return out


def _manifest(path: Path) -> list[Pair]:
    from ..files import read_text

    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _rows_csv(path, text)
    elif suffix in {".jsonl", ".ndjson", ".json"}:
        rows = _rows_jsonl(path, text)
    else:
        raise ConfigError("a manifest is a .csv or .jsonl file (name, ja, en)", str(path))
    base = path.parent
    pairs = []
    for name, ja, en in rows:
        if not name or not ja or not en:
            raise ConfigError(f"pair {name!r}: name, ja and en must not be empty", str(path))
        pairs.append(Pair(name, str(base / ja), str(base / en), "given"))
    return pairs


def corpus_pairs(source: str | os.PathLike[str]) -> list[Pair]:
    """The pairs of ROOT (a folder tree) or MANIFEST (a file), sorted by name, with absolute paths."""
    path = Path(source).absolute()
    if path.is_dir():
        pairs = _tree(path)
        if not pairs:
            raise InputError("no <pair>/ja.txt + en.txt folders found", str(source))
    elif path.is_file():
        pairs = _manifest(path)
        if not pairs:
            raise InputError("the manifest lists no pairs", str(source))
    else:
        raise InputError("no such folder or manifest file", str(source))
    seen: set[str] = set()
    for p in pairs:
        if p.name in seen:
            raise ConfigError(f"two pairs are named {p.name!r}; names must be unique", str(source))
        seen.add(p.name)
    return sorted(pairs, key=lambda p: p.name)


def file_stem(name: str) -> str:
    """A pair's name as a file name: itself when it is plain, else a safe form with a short hash.

    Names from a tree hold slashes (``2024/03/story``) and manifest names may hold anything;
    the hash keeps two names that clean to the same form apart.
    """
    safe = _UNSAFE.sub("_", name.replace("/", "__")).strip("._") or "pair"
    if safe == name and len(name) <= 120:
        return name
    return f"{safe[:100]}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"
