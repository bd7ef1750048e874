"""AL702 on a software manual: spaces around code in Japanese text are not a style slip.

tests/data/manual/ is a short installation guide written for this test (no publisher's
text): prose Latin words (product and company names) are set tight, as in the rest of the
corpus, while commands, paths, file names, URLs, options, identifiers and versions are set
off with spaces, as Japanese technical writing does. AL702 must report none of them, in
either mode; the rule's case file (cases/AL702.json) holds the smaller examples.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import ROOT

from align.cli import main

MANUAL = ROOT / "tests" / "data" / "manual"


def _al702(*extra: str) -> list[dict]:  # type: ignore[type-arg]
    args = ["check", str(MANUAL / "ja.txt"), str(MANUAL / "en.txt"), "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--select", "AL702", *extra])
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "AL702"]


def test_the_manual_spaces_its_code() -> None:
    ja = (MANUAL / "ja.txt").read_text(encoding="utf-8")
    spaces = re.findall(r"(?<=[A-Za-z0-9/`)]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=[A-Za-z0-9~/`-])", ja)
    assert len(spaces) >= 15  # what AL702 used to report 15 times


@pytest.mark.parametrize("mode", ["consistent", "always"])
def test_no_finding_for_spaces_around_code(tmp_path: Path, mode: str) -> None:
    config = tmp_path / "align.toml"
    config.write_text(f'[rules.AL702]\nmode = "{mode}"\n', encoding="utf-8")
    assert _al702("--config", str(config)) == []


def test_a_spaced_name_beside_the_code_is_still_reported(tmp_path: Path) -> None:
    ja = (MANUAL / "ja.txt").read_text(encoding="utf-8").replace("Acme製", "Acme 製")
    (tmp_path / "ja.txt").write_text(ja, encoding="utf-8")
    args = ["check", str(tmp_path / "ja.txt"), str(MANUAL / "en.txt"), "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--select", "AL702"])
    findings = json.loads(result.stdout)["findings"]
    assert [f["spans"][0]["text"] for f in findings] == ["e 製"]
