"""A build's partitions on a ``dask.distributed`` cluster: a local one, or one already running.

:func:`lib.store.build.build` comes here when it has more than one worker or a scheduler
address; a one-process build never imports this module. Dask is imported inside the
functions below, not at the top, so importing this module costs nothing either: the app
(which starts builds in their own process) never pays for Dask.

- ``workers=N``: a local cluster of N worker processes with one thread each (one partition
  at a time per process, one BLAS thread: the annotation is single-threaded, and two
  threads per process would fight over the GIL and the model's memory). The scheduler and
  the nannies live in this process; a worker process that dies is restarted by its nanny,
  and the scheduler gives its partition to a worker again. A killed driver takes its
  worker processes with it (each exits when its parent's pipe closes).
- ``scheduler="tcp://host:8786"``: an existing cluster (``dask scheduler`` and
  ``dask worker`` processes, each with the same ``requirements.txt`` and a copy of this
  project importable, and the corpus and cache folders at the same paths as here).

Each task is one :class:`lib.store.build.PartitionTask` run by
:func:`lib.store.build.run_partition` in a worker (found there by its module name): it writes its partition's Parquet parts
(a folder renamed into place) and returns their name; the driver commits the manifest.
The model is loaded once per worker process (the module-level cache of
:func:`lib.store.build._pipeline`), not once per task.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Any

# One BLAS/OpenMP thread per worker process: N single-threaded processes use N cores, no more.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
CONNECT_TIMEOUT_S = 30
WORKERS_TIMEOUT_S = 120  # an existing cluster with no worker after this long: refuse rather than wait forever
# A partition whose worker dies is given to another worker; after this many deaths on the same
# partition (a document that kills every worker, e.g. out of memory) the build stops and says so.
ALLOWED_FAILURES = 3
# Dask's housekeeping, made rarer: the statistical profiler samples each busy worker's stack every
# 10 ms (deep spaCy stacks: time taken from the annotation it samples), and the event loops wake
# every 20 ms. A local cluster of two idle workers used 1.25 s of CPU per 30 s with the defaults,
# 0.4 s with these (measured on this machine); the dashboard's profile page is what is given up.
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
         "distributed.worker.memory.monitor-interval": "1s", "distributed.admin.system-monitor.interval": "2s",
         # Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536 (memory back to the system
         # sooner), which also turns off glibc's adaptive thresholds: spaCy allocates and frees
         # many small blocks, and each partition took ~17 % longer in a Dask worker than in a plain
         # process (3.9 s -> 4.6 s, 500 documents, benchmarks/BUILD.md). Its thread limits stay.
         "distributed.nanny.pre-spawn-environ": dict(ONE_THREAD)}


class ClusterError(RuntimeError):
    """The Dask cluster cannot be had or cannot finish a partition (the message says which and why)."""


def dashboard_installed() -> bool:
    """True if bokeh is importable here (the dashboard of a local cluster needs it)."""
    return importlib.util.find_spec("bokeh") is not None


@contextlib.contextmanager
def connect(*, workers: int, scheduler: str | None) -> Iterator[tuple[Any, str | None]]:
    """A ``distributed.Client`` on a new local cluster (or on ``scheduler``), and its dashboard address.

    Raises:
        ClusterError: the scheduler cannot be reached, or no worker joins it.
    """
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES, **QUIET}):
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
            with client:
                try:
                    client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
                except (OSError, TimeoutError) as exc:
                    raise ClusterError(f"no Dask worker joined the scheduler at {scheduler} in "
                                       f"{WORKERS_TIMEOUT_S} s ({exc})") from None
                yield client, _dashboard_of(client)
            return
        # 127.0.0.1 and ports chosen by the system: a build never listens beyond this machine nor
        # collides with another build's cluster; the dashboard only when bokeh can serve it.
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          scheduler_port=0, dashboard_address="127.0.0.1:0" if dashboard_installed() else None,
                          silence_logs=logging.ERROR, env=ONE_THREAD) as cluster, \
                Client(cluster, set_as_default=False) as client:
            yield client, cluster.dashboard_link if dashboard_installed() else None


def _dashboard_of(client: Any) -> str | None:
    """The scheduler's dashboard address, or None if it serves none (no bokeh there)."""
    try:
        info = client.scheduler_info()
        port = info.get("services", {}).get("dashboard")
        if not port:
            return None
        host = client.scheduler.address.split("://", 1)[-1].rsplit(":", 1)[0]
        return f"http://{host}:{port}/status"
    except Exception:  # noqa: BLE001 — the address is a courtesy: never fail a build for it
        return None


def run(tasks: list[Any], partition: Callable[..., Any], *, workers: int, scheduler: str | None,
        done: Callable[[Any, Any], None], annotate_fn: Any = None,
        on_dashboard: Callable[[str], None] | None = None, on_ready: Callable[[], None] | None = None) -> None:
    """Run ``partition(task, annotate_fn=annotate_fn)`` for every task on the cluster.

    ``partition`` is :func:`lib.store.build.run_partition` (passed in: this module never imports
    the build driver that imports it); ``done(task, result)`` runs in this thread as each finishes.

    ``on_dashboard(address)`` once the cluster serves a dashboard; ``on_ready()`` once it has a worker.

    ``annotate_fn`` (tests, benchmarks) must be picklable: it is sent to the workers.

    Raises:
        ClusterError: the cluster cannot be had, or a partition killed ``ALLOWED_FAILURES`` workers.
        Exception: whatever a partition raised (the build stops, as it would in one process).
    """
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    with connect(workers=workers, scheduler=scheduler) as (client, dashboard):
        if dashboard and on_dashboard:
            on_dashboard(dashboard)
        if on_ready:
            on_ready()
        build_id = uuid.uuid4().hex[:8]
        # pure=False: a partition is a write, never a cached result; the key says which build it belongs to.
        futures = {client.submit(partition, task, annotate_fn=annotate_fn, pure=False,
                                 key=f"partition-{build_id}-{k:05d}"): task for k, task in enumerate(tasks)}
        try:
            for future in as_completed(futures, loop=client.loop):
                try:
                    result = future.result()
                except KilledWorker as exc:
                    raise ClusterError(f"a partition of {len(futures[future].doc_ids)} documents stopped "
                                       f"{ALLOWED_FAILURES} workers (out of memory?): {exc}") from None
                except ModuleNotFoundError as exc:
                    raise ClusterError(f"a Dask worker cannot import Party Lines ({exc}): start the workers "
                                       "from a copy of the project (PYTHONPATH) with its requirements.txt") from None
                done(futures[future], result)
        finally:
            client.cancel(list(futures))  # on failure: nothing left running for a build that stopped
