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
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import AlignError
from .worker import Checker, Outcome, Task

__all__ = ["CheckerPlugin", "check_chunk", "check_task", "connect", "plugin_name"]


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


def _checker(plugin: str) -> Checker:
    from distributed import get_worker

    holder = get_worker().plugins[plugin]
    assert isinstance(holder, CheckerPlugin) and holder.checker is not None  # set up on worker start
    return holder.checker


def check_task(task: Task) -> Outcome:
    """A Dask task: this worker's checker on one pair."""
    return _checker(task.plugin).outcome(task)


def check_chunk(tasks: tuple[Task, ...]) -> list[Outcome]:
    """The Dask task of corpus mode: this worker's checker on a few pairs, one after the other.

    A task per pair cost the client's process (scheduler, comms, result fetch) several ms per
    pair, CPU taken from the workers on a machine whose cores they share: a chunk pays it once.
    """
    if not tasks:
        return []
    checker = _checker(tasks[0].plugin)
    return [checker.outcome(task) for task in tasks]


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C held back while local workers start, then raised as KeyboardInterrupt.

    Ctrl-C reaches every process of the terminal's group. A worker process is spawned from a
    thread of Dask's event loop and inherits that thread's signal mask, so with SIGINT blocked
    here every thread the cluster creates, and every worker it spawns (or respawns later), has
    it blocked: a worker never dies of Ctrl-C mid-import with a traceback; the client stops
    the run and closes the cluster. A Ctrl-C that arrives meanwhile is recorded (a thread that
    was started earlier may receive it) and raised once the cluster exists, so that it closes.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    # multiprocessing starts its resource tracker on the first spawn and unblocks SIGINT in the
    # spawning thread afterwards: start it now, so that no spawn touches the mask later.
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a pending Ctrl-C is recorded now
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _dask_notes(caught: list[warnings.WarningMessage], note: Callable[[str], None]) -> None:
    """Dask's start-up warnings (a port in use...), each as one line of ours instead of its own."""
    for w in caught:
        first = str(w.message).strip().splitlines()[0] if str(w.message).strip() else ""
        if first and not str(w.message).startswith("Port "):  # the port is reported with the URL
            note(f"dask: {first}")


def _dashboard_line(cluster: Any, port: int) -> str:
    """Where the live dashboard ended up (Dask moves it when the port is taken), in one line."""
    import importlib.util

    actual = cluster.scheduler.http_server.port
    line = f"Dask dashboard at http://127.0.0.1:{actual}/status"
    if port and actual != port:
        line += f" (port {port} is in use)"
    if importlib.util.find_spec("bokeh") is None:
        line += "; it needs bokeh: pip install bokeh"
    return line


#: Dask's periodic work, less often on our own cluster, whose processes share the cores the
#: checks run on: the event loops' 20 ms watchdog tick, the memory monitors (100 ms) and the
#: system monitor (500 ms) cost the client's process 3.5% of a core and the two workers 5.6%
#: while idle (0.8% and 3.9% with these), and each worker's statistical profiler walks the
#: running pair's stack every 10 ms (for the dashboard's profile page only: kept with a
#: dashboard).
_LOCAL_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
_NO_PROFILER = {"distributed.worker.profile.enabled": False}


def _local_cluster(workers: int | None, dashboard_port: int | None, note: Callable[[str], None]) -> Any:
    """A LocalCluster; its HTTP server on a free local port unless a dashboard port is asked for.

    Dask's scheduler always serves HTTP (health, metrics, the dashboard), on 8787 by default,
    and warns when another cluster has that port; without --dashboard-port it takes a free one.
    """
    n = workers or os.cpu_count() or 1
    if dashboard_port is None:
        local_only = {"dashboard_address": "127.0.0.1:0"}
        http: dict[str, Any] = {"dashboard_address": None, "scheduler_kwargs": local_only}
    else:
        http = {"dashboard_address": f":{dashboard_port}"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            silence_logs=logging.CRITICAL,  # a task's failure comes back as its exception
            **http,
        )
    _dask_notes(caught, note)
    if dashboard_port is not None:
        note(_dashboard_line(cluster, dashboard_port))
    return cluster


def _quiet_close(client: Any, cluster: Any) -> None:
    """Close the client and our cluster; interrupted, Dask would log the closing as errors."""
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    with contextlib.suppress(Exception):
        if client is not None:
            client.close()
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close()


@contextlib.contextmanager
def connect(
    job_json: str,
    workers: int | None = None,
    scheduler: str | None = None,
    dashboard_port: int | None = None,
    note: Callable[[str], None] | None = None,
) -> Iterator[Client]:
    """A client on *scheduler*, or on a new local cluster of *workers* processes, plugin registered.

    *note* receives one-line notices (where the dashboard is); Ctrl-C at any moment closes the
    cluster without a traceback from Dask (see :func:`_interrupts_held`).
    """
    say = note or (lambda line: None)
    cluster = client = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise AlignError(f"cannot reach the Dask scheduler: {exc}", scheduler) from None
        else:
            config = _LOCAL_CONFIG if dashboard_port is not None else {**_LOCAL_CONFIG, **_NO_PROFILER}
            with _interrupts_held(), dask.config.set(config):
                cluster = _local_cluster(workers, dashboard_port, say)
                client = Client(cluster)
        client.register_plugin(CheckerPlugin(job_json, local=cluster is not None), name=plugin_name(job_json))
        yield client
    except BaseException:
        _quiet_close(client, cluster)
        cluster = client = None
        raise
    finally:
        _quiet_close(client, cluster)
