"""Corpus mode: every pair of a corpus on Dask, with a cache, corpus outputs and progress.

``align batch ROOT|MANIFEST -o OUTDIR`` (see :func:`run_batch`). Importing this package does
no work and does not import Dask; the cluster is started by :func:`run_batch`.
"""

from __future__ import annotations

from .inputs import corpus_pairs
from .runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "corpus_pairs", "run_batch"]
