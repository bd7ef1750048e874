"""Emoticons and kaomoji: faces drawn with brackets, colons and other punctuation.

A Western emoticon (``:(``, ``;)``, ``:-)``, ``=)``, ``:'(``, ``>:(``, ``:D``) is eyes (a
colon, a semicolon or an equals sign), an optional tear or nose, and a mouth, standing apart
from letters and digits (``:(1)`` opens a bracket). A kaomoji is a bracketed face: its inside
is symbols with the same character or a mirrored pair at both ends as eyes (``(^^)``,
``(^_^;)``, ``(T_T)``, ``(>_<)``, ``(´・ω・｀)``), no Japanese script, no digits and no two
letters in a row; a bracketed word such as ``(笑)`` is an ordinary bracket. The quote and
punctuation rules decide with these spans which brackets are faces rather than marks.
"""

from __future__ import annotations

import re

from ..charclass import JAPANESE

__all__ = ["emoticon_spans", "kaomoji_spans"]

#: Eyes a Western emoticon must have to be told from punctuation before a bracket.
_EYES = ":;="
#: Mirrored eye pairs of a kaomoji (>_<, ≧▽≦, ´ω`).
_MIRRORED = {(">", "<"), ("≧", "≦"), ("´", "｀"), ("´", "`"), ("＞", "＜"), ("ˊ", "ˋ")}
#: Blush, sweat and arm marks outside a kaomoji's eyes: (*^^*), (^_^;), (^^ゞ.
_OUTSIDE = "*＊;；'\"~ゞ"
_KAOMOJI = re.compile(r"[(（]([^()（）\s]{2,15})[)）]")
# A face whose bracket is left open, as informal writing does: (^^; (^_^; (・・;
_OPEN_FACE = re.compile(r"[(（](([^\w\s()（）])[_\-・oωー.]?\2[;；]*)(?![)）\w;；])")
_JAPANESE = re.compile(f"[{JAPANESE}、。「」『』]")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")


# Brow, eyes, tear or nose, mouth (repeated for emphasis: :-)))).
_WESTERN = re.compile(r"(?<![A-Za-z0-9])>?[:;=]['‑-]?[-^o]?(?:[()\[\]{}<>|/\\]+|[DPpO])(?![A-Za-z0-9])")


def emoticon_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each Western emoticon in *text* that is not inside a kaomoji."""
    if not any(c in text for c in _EYES):
        return []
    faces = kaomoji_spans(text)
    return [m.span() for m in _WESTERN.finditer(text) if not any(s <= m.start() < e for s, e in faces)]


def _face(inside: str) -> bool:
    if _JAPANESE.search(inside) or _TWO_LETTERS.search(inside) or any(c.isdigit() for c in inside):
        return False
    if all(c in ".…,・" for c in inside):
        return False  # (...): an omission, not a face
    eyes = inside.strip(_OUTSIDE)
    if len(eyes) < 2:
        eyes = inside  # the marks are the eyes: (;_;)
    return len(eyes) >= 2 and (eyes[0] == eyes[-1] or (eyes[0], eyes[-1]) in _MIRRORED)


def kaomoji_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each bracketed kaomoji in *text*, its brackets included."""
    if "(" not in text and "（" not in text:
        return []
    closed = [m.span() for m in _KAOMOJI.finditer(text) if _face(m.group(1))]
    opened = [m.span() for m in _OPEN_FACE.finditer(text) if _face(m.group(1))]
    return sorted(set(closed + opened))
