"""The cache folder, and small tables derived from a package's data kept in it between runs.

Some tables take a whole check's worth of time to derive and are the same in every run: the
kanji variant groups (read from KANJIDIC2), the letter symbols of currencies (read from every
English locale of CLDR), the years the Japanese eras began (from japanera). A one-off command
such as ``align check`` on one article would derive them every time, so the first run keeps
each table as a JSON file in the cache folder (beside the dictionary index) and later runs read
it. The file name holds the version of the data it comes from and a digest of the code that
derives it, so a newer package or a changed derivation makes a new file. Best effort: a cache
folder that cannot be read or written only costs the derivation.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "stored"]


def cache_dir() -> Path:
    """The cache folder: ``$ALIGN_CACHE_DIR``, else the user's (platformdirs)."""
    env = os.environ.get("ALIGN_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("align"))


def stored(name: str, version: str, derive: Callable[[], Any], depends: tuple[object, ...] = ()) -> Any:
    """The JSON value *derive()* gives, read from the cache folder when a run stored it before.

    *version* names the data *derive* reads (a package's version); *depends* are the functions it
    calls and the constants it reads, which decide the table as much as its own code does. JSON
    keeps lists, strings, numbers and dicts with string keys: callers convert back what they
    need (tuples, int keys).
    """
    path = cache_dir() / f"{name}-{version}-{_digest(derive, *depends)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = derive()
    _write(path, value)
    return value


def _write(path: Path, value: Any) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False)
        os.replace(tmp, path)  # another process may write the same file: either copy is whole
    except (OSError, TypeError, ValueError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _digest(*parts: object) -> str:
    """A short digest of functions' code and of constants (and of the Python that reads them)."""
    h = hashlib.sha256(sys.version.encode())
    for part in parts:
        code = getattr(part, "__code__", None)
        if code is not None:
            h.update(marshal.dumps(code))  # frozenset constants sorted: the same in every run
        else:
            h.update(repr(sorted(part) if isinstance(part, (set, frozenset)) else part).encode())
    return h.hexdigest()[:12]
