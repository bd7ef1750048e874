"""Character classes of Japanese text, defined once for every module that needs them.

Each constant is a fragment for a regular-expression character class (use it inside ``[...]``),
and the predicates test one character. Ranges follow the Unicode blocks:

- hiragana U+3041-3096 with its iteration marks ゝゞ;
- katakana U+30A1-30FA, the prolonged-sound mark ー and the iteration marks ヽヾ, the small
  katakana extension U+31F0-31FF and half-width katakana U+FF66-FF9F;
- kanji: CJK unified ideographs (extension A and the main block), compatibility ideographs,
  and the iteration mark 々.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "FULLWIDTH_ASCII",
    "HALF_KATAKANA",
    "HIRAGANA",
    "JAPANESE",
    "KANA",
    "KANJI",
    "KATAKANA",
    "KATAKANA_LETTERS",
    "LATIN",
    "LATIN_ACCENTED",
    "LATIN_CAPITAL",
    "WIDE",
    "is_japanese",
    "is_kana",
    "is_kanji",
    "is_hiragana",
    "is_katakana",
    "to_full_width",
    "to_half_width",
    "to_hiragana",
    "to_katakana",
]

#: Hiragana letters and iteration marks.
HIRAGANA = "\u3041-\u3096\u309d\u309e"
#: Katakana letters only (ァ..ヺ), without ー: the start of a katakana word.
KATAKANA_LETTERS = "\u30a1-\u30fa"
#: Katakana as words are written: letters, ー and the iteration marks, small extension letters.
KATAKANA = "\u30a1-\u30fa\u30fc\u30fd\u30fe\u31f0-\u31ff"
#: Half-width katakana (legacy encodings, some MT output).
HALF_KATAKANA = "\uff66-\uff9f"
#: Kanji: unified ideographs, extension A, compatibility ideographs, and 々.
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005"
#: Any kana.
KANA = HIRAGANA + KATAKANA + HALF_KATAKANA
#: Any Japanese letter: kana or kanji.
JAPANESE = KANA + KANJI

#: Latin letters with diacritics: Latin-1 Supplement (without × and ÷), Latin Extended-A and -B,
#: Latin Extended Additional (Dvořák, Søren, Nguyễn).
LATIN_ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
#: Any Latin letter, plain or with diacritics.
LATIN = "A-Za-z" + LATIN_ACCENTED
#: Letters that can start a capitalised word: A-Z, Latin-1 capitals, and the Extended blocks whole
#: (their case alternates letter by letter, so a range cannot separate it; callers test isupper()).
LATIN_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
#: Full-width forms of printable ASCII (！ to ～), one code point above each by 0xFEE0.
FULLWIDTH_ASCII = "\uff01-\uff5e"
#: Wide characters: from the ideographic space U+3000 on (CJK punctuation, kana, kanji,
#: full-width forms, and every plane above). A Latin run inside Japanese text ends at the first of them.
WIDE = "\u3000-\U0010ffff"


@lru_cache(maxsize=8)
def _class(fragment: str) -> re.Pattern[str]:
    return re.compile(f"[{fragment}]")


def is_kana(ch: str) -> bool:
    return bool(_class(KANA).fullmatch(ch))


def is_hiragana(ch: str) -> bool:
    return bool(_class(HIRAGANA).fullmatch(ch))


def is_katakana(ch: str) -> bool:
    return bool(_class(KATAKANA).fullmatch(ch))


def is_kanji(ch: str) -> bool:
    return bool(_class(KANJI).fullmatch(ch))


def is_japanese(ch: str) -> bool:
    return bool(_class(JAPANESE).fullmatch(ch))


# The hiragana and katakana blocks are parallel: ぁ U+3041 + 0x60 is ァ U+30A1, up to ゖ/ヶ, and the
# iteration marks ゝゞ/ヽヾ. ヷヸヹヺ have no hiragana letter and stay as they are.
_HIRA_TO_KATA = {c: c + 0x60 for c in range(0x3041, 0x3097)} | {0x309D: 0x30FD, 0x309E: 0x30FE}
_KATA_TO_HIRA = {k: h for h, k in _HIRA_TO_KATA.items()}


def to_katakana(text: str) -> str:
    """Hiragana as katakana (readings are compared in katakana, as UniDic writes them)."""
    return text.translate(_HIRA_TO_KATA)


def to_hiragana(text: str) -> str:
    """Katakana as hiragana, one character for one (cutlet romanises hiragana)."""
    return text.translate(_KATA_TO_HIRA)


_FULL_TO_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_HALF_TO_FULL = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def to_half_width(text: str) -> str:
    """Full-width ASCII forms as ASCII, one character for one (offsets stay valid): ｖ３ -> v3."""
    return text.translate(_FULL_TO_HALF)


def to_full_width(text: str) -> str:
    """Printable ASCII as its full-width form, one character for one: ? -> ？, ( -> （."""
    return text.translate(_HALF_TO_FULL)
