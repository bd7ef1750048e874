"""Results computed once per live object (a Document, a document pair), dropped with it.

A Document is immutable, so what is derived from it (its sentences' tokens, a pair's key
matrices) can be computed once and handed to every stage that reads it: the aligner, the phrase
layer and the rules. The memo is keyed on the objects' identity, not their value: hashing a
whole document per lookup would cost more than some of the lookups save, and an entry goes as
soon as one of its objects is garbage-collected, so a corpus worker holds only live pairs.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
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
