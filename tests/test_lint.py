"""ruff (lint + format) and mypy on align/ are part of the test suite, so CI enforces them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "cmd",
    [
        ["ruff", "check", "align"],
        ["ruff", "format", "--check", "align"],
        [sys.executable, "-m", "mypy", "align"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_static_checks(cmd: list[str]) -> None:
    if cmd[0] == "ruff" and not shutil.which("ruff"):
        cmd = [sys.executable, "-m", *cmd]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
