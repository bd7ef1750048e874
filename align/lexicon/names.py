"""Names across scripts: phonetic keys, a sound-alike score, JMnedict's transliterations.

Kana are romanised by the project's one romaniser, cutlet (:func:`align.lexicon.translit.romaji`).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = ["jmnedict_latin", "phonetic_key", "translit_score"]

_VOWELS = "aiueo"


# --- phonetic comparison ----------------------------------------------------------

_LATIN_RULES = [
    (r"ph", "f"),
    (r"ck", "k"),
    (r"qu", "kw"),
    (r"x", "ks"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"q", "k"),
    (r"th", "s"),
    (r"sh", "s"),
    (r"ch", "c"),
    (r"tch", "c"),
    (r"wh", "w"),
    (r"gh", ""),
    (r"dg", "j"),
    (r"l", "r"),
    (r"v", "b"),
    (r"y", "i"),
    (r"z", "s"),
    (r"j", "j"),
]
_ROMAJI_RULES = [
    (r"shi", "si"),
    (r"sh", "s"),
    (r"chi", "ci"),
    (r"ch", "c"),
    (r"tsu", "ts"),
    (r"fu", "f"),
    (r"ji", "ji"),
    (r"v", "b"),
    (r"l", "r"),
    (r"z", "s"),
    (r"y", "i"),
    # Epenthetic vowels that Japanese adds after final or clustered consonants: "to" in ボルトン (Bolton).
    (r"(?<=[kgsztdnhbpmrfc])[uo](?=[kgsztdbpmrfcj]|$)", ""),
    (r"(?<=[td])o(?=[kgsztdnhbpmrfcj]|$)", ""),
]


# Compiled once: called for every name, they would otherwise depend on re's cache, which the
# patterns built per name elsewhere keep flushing.
_LATIN_RES = [(re.compile(p), r) for p, r in _LATIN_RULES]
_ROMAJI_RES = [(re.compile(p), r) for p, r in _ROMAJI_RULES]
_REPEAT = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]")
_VOWEL_OR_H = re.compile(r"[aeiouh]")


def _squeeze(s: str) -> str:
    return _REPEAT.sub(r"\1", s)


def phonetic_key(word: str, *, kana: bool) -> str:
    """A coarse sound key shared by a name and its katakana rendering (r/l, b/v, s/th merged)."""
    s = word.lower()
    s = _NOT_LETTER.sub("", s)
    for pat, rep in _ROMAJI_RES if kana else _LATIN_RES:
        s = pat.sub(rep, s)
    return _squeeze(s)


def _skeleton(key: str) -> str:
    return _squeeze(_VOWEL_OR_H.sub("", key)) or key[:1]


def translit_score(kana: str, latin: str) -> float:
    """How plausibly *kana* transliterates *latin*, in [0, 1] (1: same sounds)."""
    if not kana or not latin:
        return 0.0
    from .translit import romaji

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
