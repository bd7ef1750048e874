"""The aligner pauses the cyclic collector; what an article-sized alignment leaves behind must stay
collectable by the young generations, or a corpus worker's memory grows with every article."""

from __future__ import annotations

import gc
import weakref

from align.aligner import _collector_paused


class _Node:
    other: object = None


def test_a_cycle_made_while_paused_is_freed_by_a_young_collection() -> None:
    assert gc.isenabled()
    with _collector_paused():
        node = _Node()
        node.other = node
        ref = weakref.ref(node)
        del node
    gc.collect(1)  # generations 0 and 1 only: not the full collection a worker rarely runs
    assert ref() is None
    assert gc.isenabled()


def test_the_rules_of_a_long_document_run_with_the_collector_paused_and_restore_it() -> None:
    from align import pipeline

    with pipeline._collector_paused(pipeline._PAUSE_FROM - 1):
        assert gc.isenabled()  # an article: the collector as usual
    with pipeline._collector_paused(pipeline._PAUSE_FROM):
        assert not gc.isenabled()
        node = _Node()
        node.other = node
        ref = weakref.ref(node)
        del node
    assert gc.isenabled()
    gc.collect()  # a cycle made meanwhile waits for a full collection, and is freed by it
    assert ref() is None
    gc.disable()
    try:
        with pipeline._collector_paused(pipeline._PAUSE_FROM):
            pass
        assert not gc.isenabled()  # found paused: left paused
    finally:
        gc.enable()
