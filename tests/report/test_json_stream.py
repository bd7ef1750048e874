"""The single-pair JSON is written in pieces, byte for byte what one json.dumps gives."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import align
from align.report.json import _write_json, result_dict


def test_pieces_written_are_json_dumps() -> None:
    # Nested, non-ASCII, floats and more pieces than one write takes.
    payload = {
        "名前": "ヴォルテラ社",
        "rows": [{"i": i, "score": i / 7, "text": f"Brannick {i}\n", "none": None} for i in range(3000)],
        "empty": {"list": [], "dict": {}},
    }
    out = StringIO()
    _write_json(out, payload)
    assert out.getvalue() == json.dumps(payload, ensure_ascii=False, indent=1)


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_KEYS = st.text() | st.integers() | st.booleans() | st.floats(allow_nan=False)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


@given(_VALUES)
def test_any_json_value_is_written_as_json_dumps_writes_it(payload: object) -> None:
    # The hand-joined encoder must agree with the standard library on every value it can meet:
    # NaN and infinities, keys that are not strings, nesting, empty containers, any text.
    out = StringIO()
    _write_json(out, payload)
    assert out.getvalue() == json.dumps(payload, ensure_ascii=False, indent=1)


def test_a_lazy_check_result_is_written_as_the_whole_one(tmp_path: Path) -> None:
    (tmp_path / "ja.txt").write_text("ヴォルテラ社は工場を建てる。\n工場は300人を雇う。\n", encoding="utf-8")
    en = "Volterra builds a plant.\nThe plant employs 250 people.\n"
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    result = align.check(*align.load_pair(tmp_path / "ja.txt", tmp_path / "en.txt"))
    assert result.findings  # the changed number is reported, so the findings list is not empty
    out = StringIO()
    _write_json(out, result_dict(result, lazy=True))
    assert out.getvalue() == json.dumps(result_dict(result), ensure_ascii=False, indent=1)
