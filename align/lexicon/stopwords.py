"""English stop words (the ``stop-words`` package): one list for the aligner and the phrase layer."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d[\d,.]*")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The package's English stop words, lower case."""
    try:
        from stop_words import get_stop_words
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ImportError("term extraction needs: pip install stop-words") from exc
    return frozenset(w.lower() for w in get_stop_words("english"))


def content_words(text: str) -> int:
    """How many words of an English text carry content: numbers, and words of three letters or
    more that are no stop words. A sentence with fewer says too little for its translation to
    be expected to share any of it."""
    stops = stop_words()
    return sum(1 for w in _WORD.findall(text) if w[0].isdigit() or (len(w) > 2 and w.lower() not in stops))
