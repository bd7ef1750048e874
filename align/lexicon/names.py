"""A sound-alike score of a katakana name and a Latin one, and JMnedict's transliterations.

translit_score is the older sound measure, kept as the baseline that benchmarks/translit_calibration.py
compares :func:`align.lexicon.translit.katakana_similarity` with; kana are romanised by the
project's one romaniser (:func:`align.lexicon.translit.romaji`) and keyed by its phonetic key.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from .translit import _skeleton, phonetic_key, romaji

__all__ = ["jmnedict_latin", "phonetic_key", "translit_score"]

_VOWELS = "aiueo"


def translit_score(kana: str, latin: str) -> float:
    """How plausibly *kana* transliterates *latin*, in [0, 1] (1: same sounds)."""
    if not kana or not latin:
        return 0.0
    k = phonetic_key(romaji(kana), kana=True)
    lat = phonetic_key(latin, kana=False)
    if not k or not lat:
        return 0.0
    full = SequenceMatcher(None, k, lat, autojunk=False).ratio()
    ks, ls = _skeleton(k), _skeleton(lat)
    skel = SequenceMatcher(None, ks, ls, autojunk=False).ratio()
    first = 1.0 if k[0] == lat[0] or (k[0] in _VOWELS and lat[0] in _VOWELS) else 0.8
    return round(min(1.0, (0.5 * full + 0.5 * skel) * first), 4)


@lru_cache(maxsize=4096)
def jmnedict_latin(form: str) -> tuple[str, ...]:
    """Latin transliterations JMnedict gives for a name written in katakana or kanji."""
    from .dictionary import names_lookup

    return names_lookup(form)
