"""Results computed once per live object (a Document, a document pair), dropped with it.

A Document is immutable, so what is derived from it (its sentences' tokens, a pair's key
matrices) can be computed once and handed to every stage that reads it: the aligner, the phrase
layer and the rules. The memo is keyed on the objects' identity, not their value: hashing a
whole document per lookup would cost more than some of the lookups save, and an entry goes as
soon as one of its objects is garbage-collected, so a corpus worker holds only live pairs.
"""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Generic, TypeVar

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


class IdentityMemo(Generic[T]):
    """``memo(objects, extra, compute)``: compute(...) once per identity of *objects* and *extra*."""

    def __init__(self) -> None:
        self._values: dict[tuple[Hashable, ...], T] = {}

    def get(self, objects: tuple[Any, ...], extra: Hashable, compute: Callable[[], T]) -> T:
        key = (*(id(o) for o in objects), extra)
        if key in self._values:
            return self._values[key]
        value = compute()
        self._values[key] = value
        for o in objects:
            # Before an id can be reused, the object it named is finalized and the entry dropped.
            weakref.finalize(o, self._values.pop, key, None)
        return value

    def __len__(self) -> int:
        return len(self._values)


#: The cache_clear of every memo keyed on a sentence's text (see per_document).
_SENTENCE_MEMOS: list[Callable[[], None]] = []


def per_document(fn: F) -> F:
    """Register an ``lru_cache``'d function keyed on sentence text, dropped by :func:`new_document`.

    Within a document its sentences recur (a long document repeats them), so such memos pay; across
    the articles of a corpus worker they almost never hit, and filled to their bounds they held
    about 200 MB of a worker's memory.
    """
    _SENTENCE_MEMOS.append(fn.cache_clear)  # type: ignore[attr-defined]
    return fn


def new_document() -> None:
    """Forget the previous document's sentence memos (called as each pair's check starts)."""
    for clear in _SENTENCE_MEMOS:
        clear()


@contextmanager
def collector_paused(active: bool = True) -> Iterator[None]:
    """Python's cyclic garbage collector paused while a block makes many acyclic objects.

    The aligner's tokens, keys and features, and the phrase layer and rules of a long document,
    are millions of small objects that form (almost) no reference cycles; the collector
    re-traversed the growing heap as they were made (0.6 s of 6.5 s aligning 20k sentences, 3 s
    of a 50 s check of 50k). Objects are still freed by their reference counts. Restored on exit
    by the call that paused it (a call that found it paused, e.g. in another thread, leaves it
    alone); ``active=False`` leaves the collector as it is.

    Every object made while paused is still in the youngest generation, and the first
    allocation after the restart would traverse them all (0.14 s on 20k sentences): they move to
    the oldest generation first (freeze then unfreeze: two list splices), which the collector
    visits only when it has grown by a quarter. That move is kept for large documents: it hides
    the moved objects from the collector's growth count, so the reference cycles among them wait
    for a full collection, and a corpus worker that moved every article's objects grew by ~30 MB
    per 250 articles. An article's few objects are left to the youngest generation's cheap pass.
    """
    if not active:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] >= MOVE_OLD:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


#: Objects made while paused above which they move straight to the oldest generation (a
#: 50-sentence article makes about 12,000; 20k sentences make about 600,000).
MOVE_OLD = 200_000


def release_free_memory() -> None:
    """Hand the C allocator's free pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing happens).

    The aligner of a long document frees hundreds of MB of arrays and lists that glibc keeps for
    later requests of their size; the rules that follow make mostly small objects, which Python
    takes from its own arenas, not from those pages. At 200k sentences a side they were 160 MB
    when the rules started, and the check's peak (in the rules) fell by 20 MB; trimming takes
    about 20 ms.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # type: ignore[no-any-return]
    except (ImportError, OSError):  # an interpreter built without ctypes, a libc without it
        return None
