"""Issue 14: the report's "low confidence" mark and rule AL801 use one threshold.

A real pair has a two-sided bead scoring between 0.2 (AL801's old default) and 0.5 (the
report's old mark); with the default threshold and with a configured one, the report marks
a bead low exactly when AL801 reports it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import SOURCES

from align.cli import main
from align.report.view import LOW_CONFIDENCE as REPORT_THRESHOLD
from align.rules.alignment import LOW_CONFIDENCE, LowConfidenceBead

PAIR = SOURCES / "openai-musk"
FILES = [str(PAIR / "ja.txt"), str(PAIR / "en.txt")]


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def _verdicts(*extra: str) -> tuple[list[float], set[int], set[int], str]:
    """Bead scores, the beads AL801 reports, the beads the report marks low, the page."""
    data = json.loads(_run("check", *FILES, "--format", "json", "--select", "AL801", *extra))
    beads = data["alignment"]
    flagged = {
        k
        for f in data["findings"]
        for k, b in enumerate(beads)
        if f["rule"] == "AL801" and (b["ja"], b["en"]) == (f["ja"], f["en"])
    }
    page = _run("report", *FILES, "-o", "-", *extra)
    rows = re.findall(r'<tr id="b(\d+)" class="bead([^"]*)"', page)
    assert len(rows) == len(beads)
    low = {int(k) for k, cls in rows if "low" in cls.split()}
    # One-sided beads (omissions, additions) are neither reported nor marked: no score.
    return [b["score"] if b["en"] and b["ja"] else 1.0 for b in beads], flagged, low, page


def test_one_constant() -> None:
    assert REPORT_THRESHOLD is LOW_CONFIDENCE
    assert LowConfidenceBead.Options().min_score == LOW_CONFIDENCE


@pytest.mark.parametrize("threshold", [None, 0.5])
def test_a_bead_between_the_old_thresholds_is_judged_alike(tmp_path: Path, threshold: float | None) -> None:
    extra: tuple[str, ...] = ()
    if threshold is not None:
        config = tmp_path / "align.toml"
        config.write_text(f"[rules.AL801]\nmin_score = {threshold}\n", encoding="utf-8")
        extra = ("--config", str(config))
    scores, flagged, low, page = _verdicts(*extra)
    between = [k for k, s in enumerate(scores) if 0.2 <= s < 0.5]
    assert between, "the pair has a bead scoring between 0.2 and 0.5"
    assert flagged == low  # every bead: AL801 reports it exactly when the report marks it
    limit = LOW_CONFIDENCE if threshold is None else threshold
    for k in between:
        assert (k in low) == (scores[k] < limit)
    assert f"Low confidence (below {limit:.2f})" in page
