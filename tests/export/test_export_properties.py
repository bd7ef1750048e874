"""Property: whatever text a pair holds, TMX, PO and XLIFF stay valid and read back as the cleaned text."""

from __future__ import annotations

from pathlib import Path

import polib
from export_contract import OPTIONS, make_result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_tmx import assert_valid
from test_export_xliff import read_units as read_xliff

from align.export.po import PoExporter
from align.export.text import clean, illegal_characters
from align.export.tmx import TmxExporter
from align.export.units import bitext_of
from align.export.xliff import XliffExporter

# Every code point, surrogates and controls included, plus the characters XML and PO treat specially.
TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["<", ">", "&", '"', "\\", "\t", "\n", "\r", "]]>", "\x00", "\ud800"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(en=TEXT, ja=TEXT)
def test_any_text_gives_valid_exports(tmp_path: Path, en: str, ja: str) -> None:
    result = make_result([en, "Fixed."], [ja, "固定。"], [((0,), (0,), 0.5), ((1,), (1,), 0.5)])
    want = [(clean(en, "", []), clean(ja, "", [])), ("Fixed.", "固定。")]
    want = [(e, j) for e, j in want if e and j]
    tmx_path, po_path = tmp_path / "p.tmx", tmp_path / "p.po"
    tmx_out = TmxExporter().write(bitext_of(result, OPTIONS), tmx_path, OPTIONS)
    root = assert_valid(tmx_path).getroot()
    assert [tuple(s.text for s in tu.iter("seg")) for tu in root.iter("tu")] == want
    assert bool(illegal_characters(en + ja)) == any("illegal in XML" in w for w in tmx_out.warnings)
    PoExporter().write(bitext_of(result, OPTIONS), po_path, OPTIONS)
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(po_path))] == want
    XliffExporter().write(bitext_of(result, OPTIONS), tmp_path / "p.xlf", OPTIONS)
    assert read_xliff(tmp_path / "p.xlf") == want  # schema-valid too
