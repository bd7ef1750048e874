"""JMdict / JMnedict (from jamdict-data): derived indexes in one SQLite file, queried per word.

The derived tables (gloss words per form with the data's function words removed, the
reverse gloss index, JMnedict's Latin names) need a pass over the whole dictionary, so
they are built once into ``$ALIGN_CACHE_DIR`` or else ``platformdirs.user_cache_dir("align")``,
in a file named after the data version and the index format (a new jamdict-data or a new
format rebuilds it). Look-ups are indexed point queries, memoised per process: a check
touches a few thousand keys, so nothing is loaded whole (a process starts in milliseconds
and a corpus worker stays small). Lookups the source database indexes itself (JMnedict
readings, JMdict parts of speech) query jamdict-data's file directly.
Two processes building at once each write a private temporary file and rename it into
place atomically; the loser's rename simply replaces an identical file.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..charclass import JAPANESE, KANJI, KATAKANA
from .stored import cache_dir, stored

__all__ = [
    "build_indexes",
    "cache_dir",
    "data_version",
    "gloss",
    "gloss_vocabulary",
    "gloss_words",
    "has_gloss",
    "jmdict_phrases",
    "jmdict_pos",
    "kanji_variants",
    "latin_in_headwords",
    "missing_indexes",
    "name_kana",
    "name_spellings",
    "usual_katakana",
    "name_types",
    "names_lookup",
    "prefetch_glosses",
    "prefetch_index",
    "reverse_gloss",
    "signature",
]

#: Bump when the layout of the index file changes (1-4 were pickles).
INDEX_FORMAT = 6
#: Separates the values of one row (never in dictionary text).
_SEP = "\x1f"
#: Gloss words found in more than this share of JMdict senses are function words ("to", "of").
_FUNCTION_WORD_SHARE = 0.004
_PAREN = re.compile(r"\([^)]*\)")
_KANJI = re.compile(f"[{KANJI}]")
_KATAKANA_WORD = re.compile(f"[{KATAKANA}・]+")
_JAPANESE = re.compile(f"[{JAPANESE}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
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
    import jamdict_data  # its own __version__: importlib.metadata costs ~70 ms of every start

    with sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'jmdict.version'").fetchone()
    return f"{row[0] if row else 'unknown'}-{jamdict_data.__version__}"


def signature() -> str:
    return f"jmdict-{data_version()}"


def _index_path() -> Path:
    return cache_dir() / f"jmdict-index-{data_version()}-f{INDEX_FORMAT}.sqlite"


#: A temporary build file older than this was left by a build that was killed.
_ABANDONED_SECONDS = 3600


def _drop_stale(keep: Path) -> None:
    """Remove index files of other data versions or formats, pickles included, and the temporary
    files of killed builds (best effort; a build under way elsewhere is younger than an hour)."""
    import time

    for pattern in ("jmdict-index-*.sqlite", "jmdict-*.pickle", "jmnedict-*.pickle", "jmdict-index-*.tmp"):
        for old in keep.parent.glob(pattern):
            try:
                removable = old.suffix != ".tmp" or time.time() - old.stat().st_mtime > _ABANDONED_SECONDS
                if old != keep and removable:
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


#: The build steps, in order, as progress shows them.
_STEPS = ("JMdict glosses", "JMdict reverse index", "JMnedict names")
#: Each step's share of a whole build, measured (glosses ~8 s, reverse ~2 s, names ~14 s), so
#: that the percentage shown moves roughly with the time spent.
BUILD_SHARE = {"JMdict glosses": 35, "JMdict reverse index": 10, "JMnedict names": 55}


def _report(progress: Callable[[str, int, int], None] | None, step: str) -> None:
    """progress(step, work done before it, whole work): work in :data:`BUILD_SHARE` units."""
    if progress is not None:
        done = sum(BUILD_SHARE[s] for s in _STEPS[: _STEPS.index(step)]) if step in _STEPS else 100
        progress(step, done, sum(BUILD_SHARE.values()))


def _build_index_file(path: Path, progress: Callable[[str, int, int], None] | None) -> None:
    """Write every derived table into a private temporary file, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as con:
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            _report(progress, _STEPS[0])
            vocab, by_form = _build_gloss_index()
            con.execute("CREATE TABLE vocab (word TEXT PRIMARY KEY) WITHOUT ROWID")
            con.executemany("INSERT INTO vocab VALUES (?)", ((w,) for w in vocab))
            con.execute("CREATE TABLE gloss (form TEXT PRIMARY KEY, words TEXT) WITHOUT ROWID")
            con.executemany(
                "INSERT INTO gloss VALUES (?, ?)",
                ((f, _SEP.join(vocab[i] for i in ids)) for f, ids in sorted(by_form.items())),
            )
            _report(progress, _STEPS[1])
            rev: dict[str, list[str]] = {}
            for form, ids in by_form.items():
                if len(form) >= 2 and _KANJI.search(form):
                    for i in ids:
                        rev.setdefault(vocab[i], []).append(form)
            con.execute("CREATE TABLE reverse (word TEXT PRIMARY KEY, forms TEXT) WITHOUT ROWID")
            rows = ((w, _SEP.join(sorted(f))) for w, f in sorted(rev.items()))
            con.executemany("INSERT INTO reverse VALUES (?, ?)", rows)
            del by_form, rev
            _report(progress, _STEPS[2])
            con.execute("CREATE TABLE names (form TEXT PRIMARY KEY, latin TEXT) WITHOUT ROWID")
            con.executemany(
                "INSERT INTO names VALUES (?, ?)",
                ((f, _SEP.join(v)) for f, v in sorted(_build_names_index().items())),
            )
        con.close()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _drop_stale(path)


_build_lock = threading.Lock()
_local = threading.local()


def _open_index() -> sqlite3.Connection:
    """This thread's read-only connection to the index file, built first when missing or unreadable."""
    con: sqlite3.Connection | None = getattr(_local, "index", None)
    if con is not None:
        return con
    path = _index_path()
    for attempt in range(2):
        if not path.is_file():
            with _build_lock:
                if not path.is_file():
                    _build_index_file(path, None)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("SELECT 1 FROM names LIMIT 1").fetchall()
            break
        except sqlite3.DatabaseError:
            # A truncated or foreign file: rebuild it once.
            if attempt:
                raise
            path.unlink(missing_ok=True)
    assert con is not None
    _local.index = con
    return con


def _open_source() -> sqlite3.Connection:
    """This thread's read-only connection to jamdict-data's own database (indexed on form text)."""
    con: sqlite3.Connection | None = getattr(_local, "source", None)
    if con is None:
        con = _local.source = sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True, check_same_thread=False)
    return con


# A lone surrogate (the Python API takes any str) cannot be bound as UTF-8, so sqlite would raise;
# such a key names no entry, and U+FFFD (in no entry either) keeps the query valid.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _query(con: sqlite3.Connection, sql: str, params: tuple[str, ...] = ()) -> sqlite3.Cursor:
    try:
        return con.execute(sql, params)
    except UnicodeEncodeError:  # rare: cleaning every key first cost 30 ms of a check
        return con.execute(sql, tuple(_LONE_SURROGATE.sub("\ufffd", p) for p in params))


def _row(sql: str, key: str) -> tuple[str, ...]:
    row = _query(_open_index(), sql, (key,)).fetchone()
    return tuple(row[0].split(_SEP)) if row and row[0] else ()


def missing_indexes() -> list[str]:
    """The build steps still to run: empty once the first run has built the index file."""
    return [] if _index_path().is_file() else list(_STEPS)


def build_indexes(progress: Callable[[str, int, int], None] | None = None) -> None:
    """Build the index file now if it is missing, calling ``progress(step, done, total)`` at each step
    (*done* and *total* in work units, so done / total is the share of the build's time), so that a
    command can show progress instead of a silent pause (first use builds it too)."""
    path = _index_path()
    with _build_lock:
        if path.is_file():
            return
        _build_index_file(path, progress)
    _report(progress, "done")


#: Index rows fetched ahead (:func:`prefetch_index`): (table, form) -> the row's values, () for
#: none. Dropped whole when full: the look-ups' own memos keep what they read.
_AHEAD: dict[tuple[str, str], tuple[str, ...]] = {}
_AHEAD_MAX = 1 << 15
#: Forms per query of a prefetch (SQLite allows 999 parameters at least).
_AHEAD_BATCH = 500


#: Rows of jamdict-data's own database fetched ahead (:func:`prefetch_index`): ("names" or
#: "words", form) -> the rows gloss_phrases or jmdict_phrases reads, in its order.
_AHEAD_ROWS: dict[tuple[str, str], list[tuple[str, ...]]] = {}

#: gloss_phrases' and jmdict_phrases' queries for many forms at once. Each form's rows come in
#: the order of its own query's plan (its entries by idseq, as the UNION's temporary B-tree
#: gives them, then each entry's senses and glosses by row id), so the results are the same.
_PHRASE_ROWS = {
    "names": (
        "SELECT f.text, g.text FROM (SELECT text, idseq FROM NEKanji WHERE text IN ({0}) "
        "UNION SELECT text, idseq FROM NEKana WHERE text IN ({0})) f "
        "JOIN NETranslation t ON t.idseq = f.idseq JOIN NETransGloss g ON g.tid = t.ID "
        "ORDER BY f.text, f.idseq, t.ID, g.rowid"
    ),
    "words": (
        "SELECT f.text, g.text, g.lang FROM (SELECT text, idseq FROM Kanji WHERE text IN ({0}) "
        "UNION SELECT text, idseq FROM Kana WHERE text IN ({0})) f "
        "JOIN Sense s ON s.idseq = f.idseq JOIN SenseGloss g ON g.sid = s.ID "
        "ORDER BY f.text, f.idseq, s.ID, g.rowid"
    ),
}


def _new_keys(store: dict[tuple[str, str], Any], kind: str, forms: Iterable[str]) -> list[str]:
    """The forms not fetched yet (sorted; a form no UTF-8 can bind is left to its own query);
    the store dropped first when they would overfill it."""
    keys = sorted({f for f in forms if f and (kind, f) not in store and not _LONE_SURROGATE.search(f)})
    if len(store) + len(keys) > _AHEAD_MAX:
        store.clear()
    return keys


def _prefetch_phrases(forms: Iterable[str]) -> None:
    con = _open_source()
    forms = set(forms)
    for kind, sql in _PHRASE_ROWS.items():
        keys = _new_keys(_AHEAD_ROWS, kind, forms)
        for start in range(0, len(keys), _AHEAD_BATCH):
            chunk = keys[start : start + _AHEAD_BATCH]
            rows: dict[str, list[tuple[str, ...]]] = {f: [] for f in chunk}
            for form, *row in con.execute(sql.format(",".join("?" * len(chunk))), chunk + chunk):
                rows[form].append(tuple(row))
            for form in chunk:
                _AHEAD_ROWS[(kind, form)] = rows[form]


def prefetch_index(
    glossed: Iterable[str] = (), named: Iterable[str] = (), phrased: Iterable[str] = ()
) -> None:
    """Read the gloss words of the forms *glossed*, the JMnedict Latin names of the forms
    *named* and the gloss phrases of the forms *phrased* now, a few hundred forms a query: a
    bead's words are compared with all its pieces, and a query per form cost more than the
    comparisons. Only the memo changes."""
    _prefetch_phrases(phrased)
    for table, column, forms in (("gloss", "words", glossed), ("names", "latin", named)):
        _prefetch_rows(table, column, forms)


def prefetch_glosses(forms: Iterable[str]) -> None:
    """prefetch_index of the gloss words of the forms alone (jamdict-data's database is not
    opened): a caller that looks up many forms at once (every span of a sentence) asks
    once."""
    _prefetch_rows("gloss", "words", forms)


def _prefetch_rows(table: str, column: str, forms: Iterable[str]) -> None:
    keys = _new_keys(_AHEAD, table, forms)
    if not keys:
        return
    con = _open_index()
    for start in range(0, len(keys), _AHEAD_BATCH):
        chunk = keys[start : start + _AHEAD_BATCH]
        marks = ",".join("?" * len(chunk))
        found = dict(con.execute(f"SELECT form, {column} FROM {table} WHERE form IN ({marks})", chunk))
        for form in chunk:
            value = found.get(form)
            _AHEAD[(table, form)] = tuple(value.split(_SEP)) if value else ()


@lru_cache(maxsize=200_000)
def gloss_words(form: str) -> tuple[str, ...]:
    """English content words (lower case, sorted) that JMdict gives for a lemma or kana form."""
    if not form:
        return ()
    ahead = _AHEAD.get(("gloss", form))
    return ahead if ahead is not None else _row("SELECT words FROM gloss WHERE form = ?", form)


def has_gloss(form: str) -> bool:
    return bool(gloss_words(form))


@lru_cache(maxsize=65536)
def gloss(lemma: str) -> frozenset[str]:
    """English content words (lower case) that JMdict gives for a Japanese lemma or kana form."""
    return frozenset(gloss_words(lemma))


class _Vocabulary:
    """Every English gloss word of the index (its data-driven function words left out), for
    "is this an ordinary word" tests; a membership query per new word."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _in_vocabulary(word)


@lru_cache(maxsize=200_000)
def _in_vocabulary(word: str) -> bool:
    return _query(_open_index(), "SELECT 1 FROM vocab WHERE word = ?", (word,)).fetchone() is not None


_VOCABULARY = _Vocabulary()


def gloss_vocabulary() -> _Vocabulary:
    return _VOCABULARY


@lru_cache(maxsize=65536)
def reverse_gloss(word: str) -> tuple[str, ...]:
    """JMdict forms of two or more characters containing kanji glossed with the English *word*."""
    return _row("SELECT forms FROM reverse WHERE word = ?", word) if word else ()


@lru_cache(maxsize=65536)
def names_lookup(form: str) -> tuple[str, ...]:
    """JMnedict Latin transliterations of one name form (kanji or kana)."""
    if not form:
        return ()
    ahead = _AHEAD.get(("names", form))
    return ahead if ahead is not None else _row("SELECT latin FROM names WHERE form = ?", form)


@lru_cache(maxsize=16384)
def name_kana(form: str) -> tuple[str, ...]:
    """Kana readings JMnedict gives for a name written *form*, in the dictionary's entry order."""
    rows = _query(
        _open_source(),
        "SELECT n.text FROM NEKanji k JOIN NEKana n ON n.idseq = k.idseq WHERE k.text = ? "
        "ORDER BY k.idseq, n.ID",
        (form,),
    )
    return tuple(dict.fromkeys(text for (text,) in rows))


@lru_cache(maxsize=16384)
def name_spellings(latin: str) -> tuple[str, ...]:
    """Kana spellings JMnedict gives for a name it transliterates as *latin* (Mary -> メアリー, メアリ,
    ...): the reverse of :func:`names_lookup`, in the dictionary's order."""
    rows = _query(
        _open_source(),
        "SELECT k.text FROM NETransGloss g JOIN NETranslation t ON g.tid = t.ID "
        "JOIN NEKana k ON k.idseq = t.idseq WHERE g.text = ? ORDER BY t.idseq, k.ID",
        (latin,),
    )
    return tuple(dict.fromkeys(text for (text,) in rows))


@lru_cache(maxsize=16384)
def usual_katakana(word: str) -> tuple[str, ...]:
    """The katakana JMdict gives for an English word or well-known name *word* (India: インド,
    インディア), in the dictionary's order. JMnedict's spellings of people's names are left out:
    those vary (ケラー, ケーラー) where a well-known word has a usual spelling."""
    rows = _query(
        _open_source(),
        "SELECT k.text FROM SenseGloss g JOIN Sense s ON g.sid = s.ID JOIN Kana k ON k.idseq = s.idseq "
        "WHERE g.text = ? ORDER BY s.idseq, k.ID",
        (word,),
    )
    return tuple(dict.fromkeys(k for (k,) in rows if _KATAKANA_WORD.fullmatch(k)))


@lru_cache(maxsize=4096)
def name_types(form: str) -> tuple[str, ...]:
    """JMnedict name types ("surname", "company", "place"...) of the entries written *form*, sorted."""
    rows = _query(
        _open_source(),
        "SELECT DISTINCT t.text FROM (SELECT idseq FROM NEKanji WHERE text = ? "
        "UNION SELECT idseq FROM NEKana WHERE text = ?) f "
        "JOIN NETranslation tr ON tr.idseq = f.idseq JOIN NETransType t ON t.tid = tr.ID",
        (form, form),
    )
    return tuple(sorted(text for (text,) in rows))


@lru_cache(maxsize=4096)
def jmdict_pos(words: str) -> frozenset[str]:
    """Every JMdict part of speech ("conjunction", "particle", ...) of the entries written *words*."""
    rows = _query(
        _open_source(),
        "SELECT DISTINCT p.text FROM (SELECT idseq FROM Kanji WHERE text = ? "
        "UNION SELECT idseq FROM Kana WHERE text = ?) f "
        "JOIN Sense s ON s.idseq = f.idseq JOIN pos p ON p.sid = s.ID",
        (words, words),
    )
    return frozenset(text for (text,) in rows)


@lru_cache(maxsize=1)
def latin_in_headwords() -> frozenset[str]:
    """Latin words (lower case, two letters or more) that JMdict writes inside a Japanese headword
    (Ｗｅｂ in a compound, ＦＡＸ, ＯＫ): Japanese writes them in Latin. One pass over the headwords
    that hold a Latin letter (about 1,400; a third of a second), on first use."""
    import unicodedata

    rows = _query(
        _open_source(),
        "SELECT text FROM Kanji WHERE text GLOB '*[A-Za-zＡ-Ｚａ-ｚ]*' "
        "UNION SELECT text FROM Kana WHERE text GLOB '*[A-Za-zＡ-Ｚａ-ｚ]*'",
    )
    out: set[str] = set()
    for (text,) in rows:
        form = unicodedata.normalize("NFKC", text)
        if _JAPANESE.search(form):
            out.update(w.lower() for w in _LATIN_WORD.findall(form))
    return frozenset(out)


def _rows_of(kind: str, form: str, sql: str) -> list[tuple[str, ...]]:
    """The rows of *form* fetched ahead (prefetch_index), or its own query (*sql*, the form
    bound for its kanji and its kana spelling)."""
    rows = _AHEAD_ROWS.get((kind, form))
    if rows is None:
        rows = _query(_open_source(), sql, (form, form)).fetchall()
    return rows


@lru_cache(maxsize=16384)
def gloss_phrases(form: str) -> tuple[str, ...]:
    """JMdict's and JMnedict's English glosses of *form* as whole phrases, brackets dropped
    ("United States of America", "US"): a multi-word name is compared with them whole."""
    if not form:
        return ()
    rows = _rows_of(
        "names",
        form,
        "SELECT g.text FROM (SELECT idseq FROM NEKanji WHERE text = ? "
        "UNION SELECT idseq FROM NEKana WHERE text = ?) f "
        "JOIN NETranslation t ON t.idseq = f.idseq JOIN NETransGloss g ON g.tid = t.ID",
    )
    names = (" ".join(_PAREN.sub(" ", text).split()) for (text,) in rows)
    return tuple(dict.fromkeys([*jmdict_phrases(form), *(p for p in names if p)]))


@lru_cache(maxsize=16384)
def jmdict_phrases(form: str) -> tuple[str, ...]:
    """JMdict's English glosses of *form* as whole phrases, brackets dropped (no JMnedict):
    whether the dictionary of ordinary words writes a sense in capitals (Facebook) or not."""
    if not form:
        return ()
    rows = _rows_of(
        "words",
        form,
        "SELECT g.text, g.lang FROM (SELECT idseq FROM Kanji WHERE text = ? "
        "UNION SELECT idseq FROM Kana WHERE text = ?) f "
        "JOIN Sense s ON s.idseq = f.idseq JOIN SenseGloss g ON g.sid = s.ID",
    )
    out = (" ".join(_PAREN.sub(" ", text).split()) for text, lang in rows if lang in (None, "eng"))
    return tuple(dict.fromkeys(p for p in out if p))


#: KANJIDIC2's variant cross-references that name a character by a code point (JIS X 0208,
#: 0212, 0213 or Unicode); the others name a dictionary's entry number, not a character.
_VARIANT_CODES = ("jis208", "jis212", "jis213", "ucs")


@lru_cache(maxsize=1)
def kanji_variants() -> dict[int, int]:
    """Every kanji with variant forms -> one character of its group (a ``str.translate`` table).

    KANJIDIC2 (in jamdict-data) lists, per character, its old, new and variant forms (國 and 国,
    邊, 邉 and 辺); the groups are these links closed both ways. The character a group maps to
    is its lowest code point, so the table only says which characters are one. Kept in the cache
    folder: reading KANJIDIC2 takes a one-article check 50 ms.
    """
    table = stored("kanji-variants", data_version(), _derive_kanji_variants, (_VARIANT_CODES,))
    return {int(k): v for k, v in table.items()}


def _derive_kanji_variants() -> dict[int, int]:
    con = _open_source()
    code = {
        (t, v.upper()): lit
        for lit, t, v in con.execute(
            "SELECT c.literal, p.cp_type, p.value FROM character c JOIN codepoint p ON p.cid = c.ID"
        )
    }
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    marks = ",".join("?" * len(_VARIANT_CODES))
    for lit, kind, value in con.execute(
        "SELECT c.literal, v.var_type, v.value FROM character c JOIN variant v ON v.cid = c.ID "
        f"WHERE v.var_type IN ({marks}) ORDER BY c.literal, v.var_type, v.value",
        _VARIANT_CODES,
    ):
        other = code.get((kind, value.upper()))
        if other is None and kind == "ucs":
            other = chr(int(value, 16))
        if other and other != lit and len(other) == 1:
            a, b = root(lit), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {ord(c): ord(root(c)) for c in sorted(set(parent) | set(parent.values()))}
