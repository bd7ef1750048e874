"""Finding positions (text line:col, SARIF regions) point into the original file, any encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import _LINE_BREAK, DECODERS, ENCODINGS, invoke
from paths import SOURCES

# --- positions of findings in the original file ------------------------------------------

SEED_PAIR = SOURCES / "openai-musk"


@pytest.mark.parametrize(
    ("name", "newline"),
    [
        ("shift_jis", "\n"),
        ("euc_jp", "\r\n"),
        ("utf-16-le-bom", "\r"),
        ("utf-16-be-bom", "\n"),
        ("utf-8-bom", "\r\n"),
    ],
)
def test_finding_positions_point_into_the_original_file(work: Path, name: str, newline: str) -> None:
    """SARIF regions and text-format line:col land on the finding's text in the file as saved."""
    ja = (SEED_PAIR / "ja.txt").read_text(encoding="utf-8").replace("\n", newline)
    (work / "ja.txt").write_bytes(ENCODINGS[name](ja))
    (work / "en.txt").write_text((SEED_PAIR / "en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    lines = _LINE_BREAK.split(
        (work / "ja.txt").read_bytes().decode(DECODERS.get(name, name)).removeprefix("\ufeff")
    )

    sarif = invoke("check", "ja.txt", "en.txt", "--format", "sarif")
    assert sarif.exit_code in (0, 1), sarif.stderr
    checked = 0
    for res in json.loads(sarif.stdout)["runs"][0]["results"]:
        for loc in res["locations"]:
            phys = loc["physicalLocation"]
            region = phys["region"]
            snippet = region.get("snippet", {}).get("text", "")
            if phys["artifactLocation"]["uri"].endswith("ja.txt") and snippet and "\n" not in snippet:
                line = lines[region["startLine"] - 1]
                assert line[region["startColumn"] - 1 :].startswith(snippet), (region, line)
                checked += 1
    assert checked >= 5  # the seed pair has name variants, truncations, duplicates...

    text = invoke("check", "ja.txt", "en.txt", "--format", "text")
    located = [ln for ln in text.stdout.splitlines() if ln.startswith("ja.txt:")]
    assert len(located) >= 5
    for row in located:
        _, line_no, col, _rest = row.split(":", 3)
        assert 1 <= int(line_no) <= len(lines) and 1 <= int(col) <= len(lines[int(line_no) - 1]) + 1, row
