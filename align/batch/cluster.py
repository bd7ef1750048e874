"""Dask glue: the cluster to run on, the worker plugin that holds each worker's checker, the task.

The same code runs on a :class:`~distributed.LocalCluster` (one single-threaded worker process
per core: the pipeline is pure Python, so threads would share one GIL) and on an existing
scheduler (``--scheduler tcp://host:8786``); only the address changes. Workers of a remote
cluster must see the input paths (a shared file system); outputs are written by the client.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import signal
from collections.abc import Iterator
from typing import Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import AlignError
from .worker import Checker, Outcome, Task

__all__ = ["CheckerPlugin", "check_task", "connect", "plugin_name"]


class CheckerPlugin(WorkerPlugin):
    """Builds the worker's :class:`Checker` once, when the worker starts or is replaced."""

    def __init__(self, job_json: str, local: bool = False) -> None:
        self.job_json = job_json
        #: A worker of our own LocalCluster: Ctrl-C is the client's to handle (see setup).
        self.local = local
        self.checker: Checker | None = None

    def setup(self, worker: Any) -> None:
        if self.local:
            # Ctrl-C reaches every process of the terminal's group: the client stops the run and
            # closes the cluster, so a local worker must not die mid-write with a traceback.
            with contextlib.suppress(ValueError):  # only a main thread may set signal handlers
                signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.checker = Checker(self.job_json)
        self.checker.warm_up()


def plugin_name(job_json: str) -> str:
    """One plugin per job's settings, so that two batches on one cluster keep their own plans."""
    return "align-checker-" + hashlib.sha256(job_json.encode("utf-8")).hexdigest()[:16]


def check_task(task: Task) -> Outcome:
    """The Dask task: this worker's checker on one pair."""
    from distributed import get_worker

    holder = get_worker().plugins[task.plugin]
    assert isinstance(holder, CheckerPlugin) and holder.checker is not None  # set up on worker start
    return holder.checker.outcome(task)


@contextlib.contextmanager
def connect(job_json: str, workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on *scheduler*, or on a new local cluster of *workers* processes, plugin registered."""
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise AlignError(f"cannot reach the Dask scheduler: {exc}", scheduler) from None
        else:
            n = workers or os.cpu_count() or 1
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except BaseException:
        if cluster is not None:
            cluster.close()
        raise
    try:
        client.register_plugin(CheckerPlugin(job_json, local=cluster is not None), name=plugin_name(job_json))
        yield client
    except BaseException:
        # Interrupted: the cluster is closed under our feet, which Dask logs as errors.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        raise
    finally:
        with contextlib.suppress(Exception):
            client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
