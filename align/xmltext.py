"""The characters XML 1.0 and HTML text cannot carry, defined once for every output.

Exports (TMX, TBX, XLIFF...) remove them with a warning (:func:`align.export.text.clean`);
the HTML report replaces each with one visible character so that span offsets stay valid
(:func:`align.report.html.clean`). Both find them here, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["XML_LANG", "illegal_characters", "replace_illegal"]

#: The xml:lang attribute, as lxml names it.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Everything outside XML 1.0's Char production: C0 controls except TAB/LF/CR, surrogates
# (lone ones survive in Python str via surrogateescape), U+FFFE, U+FFFF.
_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# HTML also rejects, as parse errors in text, C1 controls (and DEL) and the noncharacters.
_HTML = _XML + "\x7f-\x9f\ufdd0-\ufdef"
_PATTERNS = {False: re.compile(f"[{_XML}]"), True: re.compile(f"[{_HTML}]")}


def illegal_characters(text: str, *, html: bool = False) -> list[str]:
    """The characters of *text* that XML 1.0 (or, with *html*, HTML) cannot carry, as ``U+XXXX``."""
    return [f"U+{ord(m.group()):04X}" for m in _PATTERNS[html].finditer(text)]


def replace_illegal(
    text: str, replacement: str | Callable[[re.Match[str]], str] = "", *, html: bool = False
) -> str:
    """*text* with each character XML 1.0 (or HTML) cannot carry replaced (default: removed)."""
    return _PATTERNS[html].sub(replacement, text)
