"""align.aligner.sparse: scipy.sparse without unused numpy submodules, numpy left as it was;
and what ``align beads`` imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paths import ROOT

_PROBE = """
import sys, numpy
before_all, before_dir = list(numpy.__all__), dir(numpy)
from align.aligner.sparse import sparse
m = sparse()
assert m.csr_matrix([[1.0, 0.0], [0.0, 2.0]]).sum() == 3.0
print(*(name if "numpy." + name in sys.modules else "-" for name in ("f2py", "testing", "ma", "polynomial")))
assert list(numpy.__all__) == before_all and dir(numpy) == before_dir
import numpy.testing, numpy.ma  # still importable as usual
"""


def test_sparse_imports_without_unused_numpy_submodules_and_restores_numpy() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["-", "-", "-", "-"]


_BEADS_PROBE = """
import atexit, sys
from align.__main__ import run

def imported():  # run() ends the process itself: its atexit handlers are the last code to run
    rules = sorted(m for m in sys.modules if m.startswith(("align.rules.", "align.phrases.")))
    print("IMPORTED", *[m for m in rules if m not in ("align.rules.base", "align.rules.options",
          "align.rules.registry", "align.rules.checklist")], "numpy.ma" if "numpy.ma" in sys.modules else "")

atexit.register(imported)
sys.argv = ["align", "beads", "--presegmented", "--ja", sys.argv[1], "--en", sys.argv[2]]
run()
"""


def test_beads_imports_no_rule_and_no_numpy_ma(tmp_path: Path) -> None:
    """``align beads`` runs no rule: it imports none (nor numpy.ma, which numpy 2's unique and
    quantile would import); a check's start-up cost is not paid by an alignment."""
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text("ヴォルテラ社は三月に新しい工場を開いた。\n社長のブラニックは十二人を雇った。\n", "utf-8")
    en.write_text("Volterra opened a plant in March.\nIts head, Brannick, hired twelve people.\n", "utf-8")
    args = [sys.executable, "-c", _BEADS_PROBE, str(ja), str(en)]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].split() == ["IMPORTED"]
