"""The layers declared in pyproject.toml ([tool.importlinter]) hold: `lint-imports` passes.

The contracts say which module may import which: model/charclass/errors at the bottom, then
lexicon, segment, aligner/phrases, rules, pipeline, the outputs, batch, commands and the CLI;
independent packages that must not know each other; no import of the package root; no cycle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_lint_imports_keeps_every_contract() -> None:
    # This checkout's align/, whatever else is installed: grimp finds the package on the path.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout, run.stdout
