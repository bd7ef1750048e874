"""The single-pair JSON is written in pieces, byte for byte what one json.dumps gives."""

from __future__ import annotations

import json
from io import StringIO

from align.report.json import _write_json


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
