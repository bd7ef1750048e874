"""JMdict / JMnedict (from jamdict-data), indexed once into an on-disk pickle cache.

SQLite is read only while building the index. The index files live in
``$ALIGN_CACHE_DIR`` or else ``platformdirs.user_cache_dir("align")``, named after the
data version and the index format, so a new jamdict-data or a new format rebuilds them.
Two processes building at once each write a private temporary file and rename it into
place atomically; the loser's rename simply replaces an identical file.
"""

from __future__ import annotations

import os
import pickle
import re
import sqlite3
import tempfile
import threading
import zlib
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "build_indexes",
    "cache_dir",
    "data_version",
    "gloss",
    "gloss_ids",
    "gloss_index",
    "load_name_shards",
    "missing_indexes",
    "names_index",
    "names_lookup",
    "reverse_gloss_index",
    "signature",
]

#: Bump when the layout of the pickled index changes.
INDEX_FORMAT = 4
#: Gloss words found in more than this share of JMdict senses are function words ("to", "of").
_FUNCTION_WORD_SHARE = 0.004
_PAREN = re.compile(r"\([^)]*\)")
_KANJI = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def _db_path() -> Path:
    try:
        import jamdict_data
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ImportError("the dictionary needs: pip install jamdict jamdict-data") from exc
    return Path(jamdict_data.__file__).with_name("jamdict.db")


@lru_cache(maxsize=1)
def data_version() -> str:
    """e.g. "1.08-1.5": JMdict version in the data, then the jamdict-data package version."""
    from importlib.metadata import version

    with sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'jmdict.version'").fetchone()
    return f"{row[0] if row else 'unknown'}-{version('jamdict-data')}"


def signature() -> str:
    return f"jmdict-{data_version()}"


def cache_dir() -> Path:
    env = os.environ.get("ALIGN_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("align"))


def _index_path(name: str) -> Path:
    return cache_dir() / f"{name}-{data_version()}-f{INDEX_FORMAT}.pickle"


def _load(path: Path) -> Any:
    """The pickled value, or None when the file is missing or unreadable (then it is rebuilt)."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        return None


def _store(path: Path, value: Any) -> None:
    """Write via a private temporary file and an atomic rename (safe with concurrent builders)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _cached(name: str, build: Callable[[], Any]) -> Any:
    path = _index_path(name)
    value = _load(path)
    if value is None:
        value = build()
        _store(path, value)
        _drop_stale(name, path)
    return value


def _drop_stale(name: str, keep: Path) -> None:
    """Remove this index's files of other data versions or formats (best effort)."""
    for old in keep.parent.glob(f"{name}-[0-9]*-f*.pickle"):
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass


def _gloss_words(text: str) -> list[str]:
    return _WORD.findall(_PAREN.sub(" ", text.lower()))


def _build_gloss_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """(vocabulary, form -> sorted vocabulary ids) over every kanji and kana form of JMdict."""
    with sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True) as con:
        senses: dict[int, list[str]] = {}
        for idseq, text in con.execute(
            "SELECT s.idseq, g.text FROM Sense s JOIN SenseGloss g ON g.sid = s.ID "
            "WHERE g.lang IS NULL OR g.lang = 'eng'"
        ):
            senses.setdefault(idseq, []).append(text)
        # A kana spelling stands for an entry only when that entry is normally written in kana
        # (no kanji form, or tagged "usually kana"); otherwise こう would mean every 高/校/効/...
        forms = con.execute(
            "SELECT idseq, text FROM Kanji UNION ALL "
            "SELECT k.idseq, k.text FROM Kana k WHERE k.idseq NOT IN (SELECT idseq FROM Kanji) "
            "OR k.idseq IN (SELECT s.idseq FROM Sense s JOIN misc ON misc.sid = s.ID "
            "WHERE misc.text = 'word usually written using kana alone')"
        ).fetchall()
    entry_words: dict[int, set[str]] = {}
    df: Counter[str] = Counter()
    for idseq, glosses in senses.items():
        words: set[str] = set()
        for g in glosses:
            words.update(_gloss_words(g))
        entry_words[idseq] = words
        df.update(words)
    # Data-driven function words: the most widespread gloss words carry no meaning for alignment.
    limit = _FUNCTION_WORD_SHARE * len(entry_words)
    vocab = sorted(w for w, c in df.items() if c <= limit)
    ids = {w: i for i, w in enumerate(vocab)}
    by_form: dict[str, set[int]] = {}
    for idseq, form in forms:
        found = entry_words.get(idseq)
        if found:
            by_form.setdefault(form, set()).update(ids[w] for w in found if w in ids)
    return tuple(vocab), {f: tuple(sorted(s)) for f, s in by_form.items() if s}


def _build_names_index() -> dict[str, tuple[str, ...]]:
    with sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True) as con:
        trans: dict[int, list[str]] = {}
        for idseq, text in con.execute(
            "SELECT t.idseq, g.text FROM NETranslation t JOIN NETransGloss g ON g.tid = t.ID"
        ):
            trans.setdefault(idseq, []).append(text)
        forms = con.execute(
            "SELECT idseq, text FROM NEKanji UNION ALL SELECT idseq, text FROM NEKana"
        ).fetchall()
    out: dict[str, list[str]] = {}
    for idseq, form in forms:
        for t in trans.get(idseq, ()):
            latin = _PAREN.sub("", t).strip()
            if latin and latin.isascii():
                lst = out.setdefault(form, [])
                if latin not in lst:
                    lst.append(latin)
    return {f: tuple(v) for f, v in out.items()}


@lru_cache(maxsize=1)
def gloss_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """(vocabulary, form -> word ids): the whole JMdict gloss index, loaded once per process."""
    result: tuple[tuple[str, ...], dict[str, tuple[int, ...]]] = _cached("jmdict-gloss", _build_gloss_index)
    return result


#: JMnedict has 740k forms; a lookup loads one of these shards (~0.4 MB) instead of all of them.
_NAME_SHARDS = 64


def _name_shard_of(form: str) -> int:
    return zlib.crc32(form[:1].encode("utf-8")) % _NAME_SHARDS


@lru_cache(maxsize=_NAME_SHARDS)
def names_shard(k: int) -> dict[str, tuple[str, ...]]:
    """Shard *k* of the JMnedict index (forms whose first character hashes to *k*)."""
    value = _load(_index_path(f"jmnedict-latin-s{k:02d}"))
    if value is None:
        shards: list[dict[str, tuple[str, ...]]] = [{} for _ in range(_NAME_SHARDS)]
        for form, latin in _build_names_index().items():
            shards[_name_shard_of(form)][form] = latin
        # Every shard is written (atomically); the one asked for is written last.
        for i in sorted(range(_NAME_SHARDS), key=lambda i: i == k):
            name = f"jmnedict-latin-s{i:02d}"
            _store(_index_path(name), shards[i])
            _drop_stale(name, _index_path(name))
        _drop_stale("jmnedict-latin", _index_path("jmnedict-latin"))  # the unsharded format 1-3 file
        value = shards[k]
    result: dict[str, tuple[str, ...]] = value
    return result


def load_name_shards() -> None:
    """Load every JMnedict shard now (a corpus worker ends up touching nearly all of them),
    without the merged copy that :func:`names_index` builds."""
    for k in range(_NAME_SHARDS):
        names_shard(k)


def names_lookup(form: str) -> tuple[str, ...]:
    """JMnedict Latin transliterations of one name form (loads one shard)."""
    return names_shard(_name_shard_of(form)).get(form, ()) if form else ()


@lru_cache(maxsize=1)
def names_index() -> dict[str, tuple[str, ...]]:
    """JMnedict: name form (kanji or kana) -> Latin transliterations (all shards merged)."""
    merged: dict[str, tuple[str, ...]] = {}
    for k in range(_NAME_SHARDS):
        merged.update(names_shard(k))
    return merged


def _build_reverse_index() -> dict[str, tuple[str, ...]]:
    vocab, index = gloss_index()
    rev: dict[str, list[str]] = {}
    for form, ids in index.items():
        if len(form) >= 2 and _KANJI.search(form):
            for i in ids:
                rev.setdefault(vocab[i], []).append(form)
    return {k: tuple(sorted(v)) for k, v in rev.items()}


@lru_cache(maxsize=1)
def reverse_gloss_index() -> dict[str, tuple[str, ...]]:
    """English gloss word -> JMdict forms of two or more characters containing kanji (cached on disk)."""
    result: dict[str, tuple[str, ...]] = _cached("jmdict-reverse", _build_reverse_index)
    return result


def _index_files() -> dict[str, tuple[Path, ...]]:
    """Each index build step and the cache files it writes, in build order."""
    shards = tuple(_index_path(f"jmnedict-latin-s{k:02d}") for k in range(_NAME_SHARDS))
    return {
        "JMdict glosses": (_index_path("jmdict-gloss"),),
        "JMdict reverse index": (_index_path("jmdict-reverse"),),
        "JMnedict names": shards,
    }


#: Each step's share of a whole build, measured (glosses ~9 s, reverse ~2 s, names ~15 s),
#: so that the percentage shown moves roughly with the time spent.
BUILD_SHARE = {"JMdict glosses": 35, "JMdict reverse index": 10, "JMnedict names": 55}


def missing_indexes() -> list[str]:
    """The build steps whose cache files are missing: empty once the first run has built them."""
    return [step for step, paths in _index_files().items() if not all(p.is_file() for p in paths)]


def build_indexes(progress: Callable[[str, int, int], None] | None = None) -> None:
    """Build the missing index files now, calling ``progress(step, done, total)`` around each step.

    *done* and *total* are work units (:data:`BUILD_SHARE` of the missing steps), so that
    done / total is the fraction of the build's time. The same builders and files as on
    first use (:func:`gloss_index` and friends): only the moment changes, so that a
    command can show progress instead of a silent pause.
    """
    steps = missing_indexes()
    build: dict[str, Callable[[], Any]] = {
        "JMdict glosses": gloss_index,
        "JMdict reverse index": reverse_gloss_index,
        "JMnedict names": lambda: names_shard(0),
    }
    total = sum(BUILD_SHARE[s] for s in steps)
    done = 0
    for step in steps:
        if progress is not None:
            progress(step, done, total)
        build[step]()
        done += BUILD_SHARE[step]
    if progress is not None and steps:
        progress("done", total, total)


@lru_cache(maxsize=1)
def gloss_vocabulary() -> frozenset[str]:
    """Every English gloss word of the index, for "is this an ordinary word" tests."""
    return frozenset(gloss_index()[0])


@lru_cache(maxsize=1)
def _jamdict_handles() -> threading.local:
    return threading.local()


def jamdict() -> Any:
    """This thread's Jamdict handle, for the few cached look-ups the indexes do not cover
    (JMnedict name types, multi-token conjunctions); never used per word on a hot path.

    One per thread: its SQLite connection may only be used, and closed, by the thread that
    opened it (a Dask worker checks pairs in a thread of its own).
    """
    local = _jamdict_handles()
    handle = getattr(local, "handle", None)
    if handle is None:
        from jamdict import Jamdict

        handle = local.handle = Jamdict()
    return handle


def gloss_ids(lemma: str) -> tuple[int, ...]:
    """Vocabulary ids of the English content words JMdict gives for *lemma* (may be empty)."""
    return gloss_index()[1].get(lemma, ())


@lru_cache(maxsize=65536)
def gloss(lemma: str) -> frozenset[str]:
    """English content words (lower case) that JMdict gives for a Japanese lemma or kana form."""
    vocab, index = gloss_index()
    return frozenset(vocab[i] for i in index.get(lemma, ()))
