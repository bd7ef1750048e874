"""One local ``align batch`` run shared by the corpus-mode tests (starting a cluster costs seconds)."""

from __future__ import annotations

import pytest
from batch_helpers import Run, align_batch, make_corpus


@pytest.fixture(scope="session")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("batch")
    corpus = make_corpus(base / "corpus")
    out = base / "out"
    proc = align_batch(str(corpus), "-o", str(out), "--workers", "2")
    return Run(corpus, out, proc.returncode, proc.stderr)
