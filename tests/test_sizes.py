"""Pathological sizes: a 10 MB line, runs that could make a regex quadratic, 200,000 sentences."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from cli_helpers import invoke

# --- size ---------------------------------------------------------------------------


def test_ten_megabyte_line_without_punctuation(work: Path) -> None:
    words = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur")
    line = " ".join(words[i % len(words)] for i in range(1_700_000))[: 10 * 1024 * 1024]
    (work / "big.txt").write_text(line, encoding="utf-8")
    start = time.perf_counter()
    result = invoke("segment", "big.txt")
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == 1 and rows[0].startswith(f"0\t0\t0-{len(line)}\t")
    result = invoke("beads", "ja.txt", "big.txt")
    assert result.exit_code == 0, result.stderr
    # Bounded: the benchmark measures ~0.2 s for segmentation; allow a slow shared CI box.
    assert time.perf_counter() - start < 60


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "a" + "!?" * 500_000 + "b"),  # backtracked quadratically once (60 s for 80 KB)
        ("en", "x." * 500_000),
        ("en", "A.\t" * 300_000),
        ("ja", "（" * 300_000 + "」" * 300_000),
        ("ja", "「あ。」" * 200_000),
        ("ja", 'あ"。' * 300_000),
    ],
    ids=[
        "en-terminal-run",
        "en-dots",
        "en-initials-tabs",
        "ja-unmatched-brackets",
        "ja-quotes",
        "ja-ascii-quotes",
    ],
)
def test_pathological_runs_stay_linear(lang: str, text: str) -> None:
    from align.segment import segment

    start = time.perf_counter()
    doc = segment(text, lang)  # type: ignore[arg-type]
    assert doc.segments and doc.segments[-1].end <= len(text)
    assert time.perf_counter() - start < 20  # ~1 s here; quadratic would be hours


def test_two_hundred_thousand_sentences_segment(work: Path) -> None:
    # The whole check on 200k x 200k is measured in benchmarks/bench_pathological.py;
    # here segmentation (the part every command runs) must stay linear.
    n = 200_000
    (work / "en_big.txt").write_text(
        "\n".join(f"Sentence {i} is here. It has two parts!" for i in range(n // 2)) + "\n", encoding="utf-8"
    )
    (work / "ja_big.txt").write_text("".join(f"これは{i}番目の文です。" for i in range(n)), encoding="utf-8")
    start = time.perf_counter()
    for name in ("en_big.txt", "ja_big.txt"):
        result = invoke("segment", name)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.count("\n") == n
    assert time.perf_counter() - start < 60
