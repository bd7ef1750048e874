"""align.aligner.sparse: scipy.sparse without numpy.f2py and numpy.testing, numpy left as it was."""

from __future__ import annotations

import subprocess
import sys

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
