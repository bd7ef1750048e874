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
