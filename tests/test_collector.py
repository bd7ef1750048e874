"""The aligner, and the rules of a long document, pause the cyclic collector; what an article-sized
alignment leaves behind must stay collectable by the young generations, or a corpus worker's
memory grows with every article."""

from __future__ import annotations

import gc
import weakref

from align.lexicon.memo import MOVE_OLD, collector_paused


class _Node:
    other: object = None


def test_a_cycle_made_while_paused_is_freed_by_a_young_collection() -> None:
    assert gc.isenabled()
    with collector_paused():
        node = _Node()
        node.other = node
        ref = weakref.ref(node)
        del node
    gc.collect(1)  # generations 0 and 1 only: not the full collection a worker rarely runs
    assert ref() is None
    assert gc.isenabled()


def test_a_long_block_moves_its_objects_old_and_restores_the_collector() -> None:
    with collector_paused(False):
        assert gc.isenabled()  # inactive (an article's rules): the collector as usual
    with collector_paused():
        assert not gc.isenabled()
        node = _Node()
        node.other = node
        ref = weakref.ref(node)
        del node
        keep = [[] for _ in range(MOVE_OLD)]  # a long document's many objects
    assert gc.isenabled()
    gc.collect(1)
    assert ref() is not None  # moved to the oldest generation: a young pass does not free it
    del keep
    gc.collect()  # a cycle made meanwhile waits for a full collection, and is freed by it
    assert ref() is None
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # found paused: left paused
    finally:
        gc.enable()


def test_freed_memory_goes_back_to_the_system_on_linux() -> None:
    import platform
    import sys

    from align.lexicon.memo import _malloc_trim, release_free_memory

    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert _malloc_trim() is not None
    # Freed blocks of glibc's heap: trimming returns them and leaves Python's objects alone.
    blocks = [bytearray(1 << 16) for _ in range(200)]
    kept = blocks[::2]
    del blocks
    release_free_memory()
    assert all(len(b) == 1 << 16 and not any(b[:16]) for b in kept)
