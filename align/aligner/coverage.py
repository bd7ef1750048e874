"""Coverage: how much of a sentence's key weight the other side of a bead (or any sentences) has.

The DP pulls each sentence's similarity towards a prior; coverage has no prior. It is the plain
share of a sentence's idf weight whose keys are found among the keys of other sentences, read
from the same feature matrices the DP used. The repair pass (``refine``) and the repeat analysis
(``repeats``) both judge beads with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .features import Features

#: A sentence with fewer keys (en) or units (ja) than this gives no evidence of coverage:
#: a short sentence shares nothing with its translation as often as not.
MIN_KEYS = 5
#: A sentence with this many content words (en: no stop words; ja: units) that its bead covers
#: at most UNCOVERED is not rendered there: true translations almost never do that (0 of 200
#: n-1 beads' English, 1% of 1-1 beads', in the corpora's gold alignments).
MIN_CONTENT, UNCOVERED = 3, 0.15


@dataclass
class Coverage:
    """Per-sentence key sets and weights, read lazily from a document pair's feature matrices."""

    f: Features
    #: Sentences with fewer keys (en) or units (ja) than this are not judged (None).
    min_keys: int = MIN_KEYS
    #: The same for a Japanese sentence's units (content words: fewer say as much).
    min_units: int = MIN_KEYS
    _en: dict[int, dict[int, float]] = field(default_factory=dict)
    _ja: dict[int, list[tuple[frozenset[int], float]]] = field(default_factory=dict)
    _ja_all: dict[int, frozenset[int]] = field(default_factory=dict)

    def en(self, i: int) -> dict[int, float]:
        """Key id -> idf weight of English sentence i."""
        if i not in self._en:
            row = self.f.en_w.getrow(i)
            self._en[i] = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
        return self._en[i]

    def ja_units(self, j: int) -> list[tuple[frozenset[int], float]]:
        """(key ids, weight) of each unit (content word, quantity) of Japanese sentence j."""
        if j not in self._ja:
            a, b = int(self.f.tok_start[j]), int(self.f.tok_start[j + 1])
            weights = self.f.tok_w.getrow(j)
            w = dict(zip(weights.indices.tolist(), weights.data.tolist(), strict=True))
            units = []
            for u in range(a, b):
                keys = frozenset(self.f.tok.getrow(u).indices.tolist())
                if keys:
                    units.append((keys, w.get(u, 0.0)))
            self._ja[j] = units
        return self._ja[j]

    def ja_keys(self, j: int) -> frozenset[int]:
        """Every key of Japanese sentence j."""
        if j not in self._ja_all:
            self._ja_all[j] = frozenset().union(*(k for k, _ in self.ja_units(j)))
        return self._ja_all[j]

    def uncovered_en(self, i: int, ja: Iterable[int], near: Iterable[int] = ()) -> bool:
        """English sentence i says enough (MIN_CONTENT) and ``ja`` renders at most UNCOVERED of
        it, or none of its numbers (two or more: the most literal facts a translation keeps)
        while the Japanese sentences ``near`` do not have them either."""
        keys = self.en(i)
        total = sum(keys.values())
        if total <= 0 or int(self.f.en_content[i]) < MIN_CONTENT:
            return False
        found = frozenset().union(*(self.ja_keys(j) for j in ja))
        numbers = self.f.en_numbers[i]
        if self.f.en_values[i] >= 2 and not numbers & found.union(*(self.ja_keys(j) for j in near)):
            return True
        return sum(w for k, w in keys.items() if k in found) / total <= UNCOVERED

    def uncovered_ja(self, j: int, en: Iterable[int]) -> bool:
        """Japanese sentence j says enough (MIN_CONTENT units) and ``en`` renders at most
        UNCOVERED of it."""
        units = self.ja_units(j)
        total = sum(w for _, w in units)
        if total <= 0 or len(units) < MIN_CONTENT:
            return False
        found: set[int] = set()
        for i in en:
            found.update(self.en(i))
        return sum(w for keys, w in units if keys & found) / total <= UNCOVERED

    def cover_en(self, i: int, ja: Iterable[int]) -> float | None:
        """Share of English sentence i's weight found in the Japanese sentences ``ja``."""
        keys = self.en(i)
        total = sum(keys.values())
        if total <= 0 or len(keys) < self.min_keys:
            return None
        found = frozenset().union(*(self.ja_keys(j) for j in ja))
        return sum(w for k, w in keys.items() if k in found) / total

    def cover_ja(self, j: int, en: Iterable[int]) -> float | None:
        """Share of Japanese sentence j's unit weight with a key in the English sentences ``en``."""
        units = self.ja_units(j)
        total = sum(w for _, w in units)
        if total <= 0 or len(units) < self.min_units:
            return None
        found: set[int] = set()
        for i in en:
            found.update(self.en(i))
        return sum(w for keys, w in units if keys & found) / total

    def restates(self, j: int, k: int) -> float:
        """Share of Japanese sentence j's weight whose keys are also in sentence k."""
        return self.restates_any(j, (k,))

    def restates_any(self, j: int, others: Sequence[int], en: Sequence[int] = ()) -> float:
        """Share of Japanese sentence j's weight whose keys are also in the Japanese sentences
        ``others`` (or in the English sentences ``en``)."""
        units = self.ja_units(j)
        total = sum(w for _, w in units)
        if total <= 0 or len(units) < self.min_units:
            return 0.0
        other = frozenset().union(*(self.ja_keys(k) for k in others), *(self.en(i) for i in en))
        return sum(w for keys, w in units if keys & other) / total
