"""Names across scripts: katakana runs, romanisation, transliteration similarity, JMnedict.

The kana table is the Hepburn romanisation system (a writing-system rule, not a word list).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..charclass import HALF_KATAKANA, KATAKANA

__all__ = ["jmnedict_latin", "katakana_runs", "phonetic_key", "romanize", "translit_score"]

_KATAKANA_RUN = re.compile(f"[{KATAKANA}\u30fb{HALF_KATAKANA}]+")  # with the middle dot ・

_ROWS = {
    "": "a i u e o",
    "k": "カ キ ク ケ コ",
    "s": "サ シ ス セ ソ",
    "t": "タ チ ツ テ ト",
    "n": "ナ ニ ヌ ネ ノ",
    "h": "ハ ヒ フ ヘ ホ",
    "m": "マ ミ ム メ モ",
    "y": "ヤ - ユ - ヨ",
    "r": "ラ リ ル レ ロ",
    "w": "ワ ヰ - ヱ ヲ",
    "g": "ガ ギ グ ゲ ゴ",
    "z": "ザ ジ ズ ゼ ゾ",
    "d": "ダ ヂ ヅ デ ド",
    "b": "バ ビ ブ ベ ボ",
    "p": "パ ピ プ ペ ポ",
    "v": "ヴァ ヴィ ヴ ヴェ ヴォ",
}
_VOWELS = "aiueo"


@lru_cache(maxsize=1)
def _kana_table() -> dict[str, str]:
    """Katakana (single and digraph) -> Hepburn romaji, longest keys matched first."""
    table: dict[str, str] = {"ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "ン": "n"}
    table.update({"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ヮ": "wa", "ヵ": "ka", "ヶ": "ke"})
    for cons, row in _ROWS.items():
        if not cons:
            continue
        for vowel, kana in zip(_VOWELS, row.split(), strict=True):
            if kana != "-":
                table[kana] = cons + vowel
    table.update({"シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ヂ": "ji", "ヅ": "zu"})
    table.update({"ヰ": "i", "ヱ": "e", "ヲ": "o", "ヴ": "vu"})
    # Yōon: consonant-i kana + small ya/yu/yo.
    for kana in "キシチニヒミリギジビピ":
        base = table[kana][:-1]
        for small, v in zip("ャュョ", ("a", "u", "o"), strict=True):
            table[kana + small] = (base if base in ("sh", "ch", "j") else base + "y") + v
        table[kana + "ェ"] = (base if base in ("sh", "ch", "j") else base + "y") + "e"
    # Foreign-sound digraphs (gairaigo): ティ, ファ, ウィ...
    for kana, cons in (("フ", "f"), ("ヴ", "v"), ("ウ", "w"), ("ツ", "ts"), ("ク", "kw"), ("グ", "gw")):
        for small, v in zip("ァィェォ", "aieo", strict=True):
            table[kana + small] = cons + v
    table.update({"ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du", "デュ": "dyu", "テュ": "tyu"})
    table.update({"フュ": "fyu", "ヴュ": "vyu", "イェ": "ye", "スィ": "si", "ズィ": "zi"})
    return table


def _to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def romanize(kana: str) -> str:
    """Hepburn-style romaji of hiragana/katakana; ー lengthens (doubles) the previous vowel."""
    import unicodedata

    table = _kana_table()
    text = _to_katakana(unicodedata.normalize("NFKC", kana))
    out: list[str] = []
    geminate = False
    i = 0
    while i < len(text):
        ch = text[i]
        two = text[i : i + 2]
        if ch == "ッ":
            geminate = True
            i += 1
            continue
        if ch == "ー":
            if out and out[-1] and out[-1][-1] in _VOWELS:
                out.append(out[-1][-1])
            i += 1
            continue
        if ch == "・":
            out.append(" ")
            i += 1
            continue
        roman = table.get(two) if len(two) == 2 else None
        step = 2
        if roman is None:
            roman, step = table.get(ch), 1
        if roman is None:
            roman = ch
        if geminate and roman and roman[0] not in _VOWELS:
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
        geminate = False
        out.append(roman)
        i += step
    return "".join(out)


def katakana_runs(text: str) -> list[tuple[int, int, str]]:
    """Maximal katakana runs (with ・ and ー) as (start, end, text); a lone ・ or ー is skipped."""
    runs = []
    for m in _KATAKANA_RUN.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s] in "・ー":
            s += 1
        while e > s and text[e - 1] == "・":
            e -= 1
        if s < e:
            runs.append((s, e, text[s:e]))
    return runs


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
    k = phonetic_key(romanize(kana), kana=True)
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
