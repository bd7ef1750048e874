"""Making arbitrary text safe for every export format.

XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as
character references, and OmegaT rejects a whole TMX over a single one, so
they are removed (with a warning naming where), never escaped. Line breaks
inside a segment would split it in line-based formats (TSV, OmegaT's text
filter) and can never match a source segment, so they are folded.
"""

from __future__ import annotations

import re

from ..xmltext import illegal_characters, replace_illegal

# Any whitespace run holding a line or paragraph break (CR, LF, VT/FF already gone, NEL, LS, PS).
_BREAKS = re.compile("[^\\S\r\n\x85\u2028\u2029]*[\r\n\x85\u2028\u2029]\\s*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def _fold_break(m: re.Match[str]) -> str:
    # Japanese runs on without spaces; a break between Latin words becomes a space.
    text = m.string
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if _ASCII_WORD.match(before) or _ASCII_WORD.match(after):
        return " "
    return ""


def clean(text: str, where: str, warnings: list[str]) -> str:
    """Drop XML-illegal characters (recording a warning), fold line breaks, trim."""
    bad = illegal_characters(text)
    if bad:
        shown = ", ".join(sorted(set(bad)))
        warnings.append(f"{where}: removed {len(bad)} character(s) illegal in XML 1.0 ({shown})")
        text = replace_illegal(text)
    return _BREAKS.sub(_fold_break, text).strip()


def one_field(text: str) -> str:
    """A value for a tab-separated line: tabs become spaces (breaks are already folded)."""
    return text.replace("\t", " ")
