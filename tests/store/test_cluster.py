"""The build on Dask (lib/store/cluster.py): a local cluster, an existing scheduler, a worker killed mid-partition."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from lib.cli.build import _ProgressBar
from lib.store import annotations, build, cluster
from tests.store.test_build import same_tables
from tests.store.test_store import FakeAnnotator

ROOT = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).parent / "dask"
TEXTS = {f"{k:02d}.txt": f"Document {k}. Russia and Ukraine are at war. NATO arms Kyiv. Peace talks now, says Biden {k}."
         for k in range(6)}


class SlowMarking(FakeAnnotator):
    """The fake annotator, slowed down, leaving a mark ``<first doc id>@<pid>`` as each partition starts.

    Module-level, so the workers unpickle it by name.
    """

    def __init__(self, marks: Path, seconds: float) -> None:
        super().__init__()
        self.marks, self.seconds = marks, seconds

    def __call__(self, items):
        items = list(items)
        (self.marks / f"{items[0][0]}@{os.getpid()}").touch()
        time.sleep(self.seconds)
        return super().__call__(items)


def pipeline_loads() -> int:
    """Run in each worker (``client.run``): how often that process loaded the model."""
    return build._LOADS[0]


def worker_environment() -> dict[str, str | None]:
    """Run in each worker (``client.run``): the environment variables the cluster sets."""
    return {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MALLOC_TRIM_THRESHOLD_")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def corpus(make_corpus) -> Path:
    return make_corpus(TEXTS)


def stop(proc: subprocess.Popen) -> None:
    # Each was started in a session of its own: its whole group (a worker's nanny and process) goes.
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            break
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


@pytest.fixture()
def dask_cluster(tmp_path):
    """A real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (free ports), as on a cluster."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    procs = []

    def start(name: str, args: list[str]) -> None:
        with open(logs / f"{name}.log", "wb") as log:
            procs.append(subprocess.Popen([str(DASK), *args], cwd=ROOT, env=env, stdout=log, stderr=log,
                                          stdin=subprocess.DEVNULL, start_new_session=True))

    try:
        start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                            "--no-dashboard"])
        for k in range(2):
            start(f"worker{k}", ["worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
                                 "--name", f"w{k}"])
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=180)
            yield address, client
    finally:
        for proc in reversed(procs):
            stop(proc)


class TestLocalCluster:
    @pytest.mark.slow
    def test_two_local_workers_build_the_same_tables_as_one_process(self, corpus, tmp_path):
        seen: list[build.Status] = []
        result = build.build(corpus, cache_dir=tmp_path / "dask", workers=2, partition_docs=1,
                             report=lambda s: seen.append(build.Status(**vars(s))))
        assert result.annotated_docs == 6 and len(result.manifest.partitions) == 6
        build.build(corpus, cache_dir=tmp_path / "one", workers=1, partition_docs=1)  # the same partitions
        same_tables(build.load_current(corpus, tmp_path / "dask"), build.load_current(corpus, tmp_path / "one"))
        # The dashboard's address is said when bokeh can serve one, and only then.
        assert any(s.dashboard.startswith("http://127.0.0.1:") for s in seen) == cluster.dashboard_installed()

    @pytest.mark.slow
    def test_local_workers_have_one_blas_thread_and_glibcs_own_malloc_thresholds(self):
        # Dask's default MALLOC_TRIM_THRESHOLD_ made each spaCy partition ~17 % slower (benchmarks/BUILD.md).
        with cluster.connect(workers=1, scheduler=None) as (client, _dashboard):
            seen = client.run(worker_environment)
        (environ,) = seen.values()
        assert environ["OMP_NUM_THREADS"] == "1" and environ["OPENBLAS_NUM_THREADS"] == "1"
        assert environ["MALLOC_TRIM_THRESHOLD_"] is None

    @pytest.mark.slow
    def test_a_worker_killed_mid_partition_has_its_partition_redone(self, corpus, tmp_path):
        marks = tmp_path / "marks"
        marks.mkdir()
        fake = SlowMarking(marks, seconds=2.5)
        outcome: list[object] = []

        def run() -> None:
            try:
                outcome.append(build.build(corpus, cache_dir=tmp_path / "dask", workers=2, partition_docs=1,
                                           annotate_fn=fake))
            except BaseException as exc:  # noqa: BLE001 — handed to the test's thread
                outcome.append(exc)

        driver = threading.Thread(target=run)
        driver.start()
        deadline = time.time() + 180
        while not any(marks.iterdir()) and time.time() < deadline and driver.is_alive():
            time.sleep(0.02)
        victim = next(iter(marks.iterdir())).name  # a partition has started and sleeps: kill its worker now
        doc_id, pid = victim.split("@")
        os.kill(int(pid), signal.SIGKILL)
        driver.join(timeout=300)
        assert not driver.is_alive()
        (result,) = outcome
        assert isinstance(result, build.BuildResult), result
        assert result.manifest.documents == 6
        runs = sorted(p.name for p in marks.iterdir() if p.name.startswith(f"{doc_id}@"))
        assert len(runs) >= 2 and victim in runs  # started in the killed worker, then redone in another
        build.build(corpus, cache_dir=tmp_path / "clean", annotate_fn=FakeAnnotator())
        same_tables(build.load_current(corpus, tmp_path / "dask"), build.load_current(corpus, tmp_path / "clean"))

    @pytest.mark.slow
    def test_a_killed_build_takes_its_workers_with_it_and_resumes(self, make_corpus, tmp_path):
        files = {f"{k:02d}.txt": f"Document {k}. " + "Russia and Ukraine are at war. NATO arms Kyiv. " * 20
                 for k in range(16)}
        folder = make_corpus(files)
        cache = tmp_path / "cache"
        env = {**os.environ, "CORPUS_DIR": str(folder), "PARTY_LINES_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "lib", "build", "--quiet", "--workers", "2", "--partition-docs", "1"]

        def partitions_written() -> int:
            return sum(1 for p in cache.rglob("chunk.json") if not p.parent.name.startswith(".tmp"))

        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 240
        while proc.poll() is None and partitions_written() < 1 and time.time() < deadline:
            time.sleep(0.05)
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert proc.poll() is None and partitions_written() < 16, "the build ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=30)
        assert alive == [], f"worker processes outlived the killed build: {alive}"
        assert build.current(folder, cache) is None  # nothing committed: the app would keep its last build
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "16 documents" in done.stdout and "16 annotated now" not in done.stdout  # finished partitions kept
        build.build(folder, cache_dir=tmp_path / "clean")
        same_tables(build.load_current(folder, cache), build.load_current(folder, tmp_path / "clean"))


class TestExistingScheduler:
    @pytest.mark.slow
    def test_a_build_through_a_running_scheduler_and_two_workers(self, corpus, tmp_path, dask_cluster):
        address, client = dask_cluster
        env = {**os.environ, "CORPUS_DIR": str(corpus), "PARTY_LINES_CACHE": str(tmp_path / "dask"),
               "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "lib", "build", "--scheduler", address, "--partition-docs", "1"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "6 documents" in done.stdout and "6 annotated now" in done.stdout
        # Six partitions on two workers: the model was loaded once in each worker that ran any, never per partition.
        loads = client.run(pipeline_loads)
        assert len(loads) == 2 and max(loads.values()) == 1 and sum(loads.values()) >= 1, loads
        build.build(corpus, cache_dir=tmp_path / "one", partition_docs=1)  # the same partitions
        same_tables(build.load_current(corpus, tmp_path / "dask"), build.load_current(corpus, tmp_path / "one"))
        # A second build finds everything annotated and asks the cluster for nothing.
        again = subprocess.run([sys.executable, "-m", "lib", "build", "--scheduler", address, "--quiet"], cwd=ROOT,
                               env=env, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0 and "0 annotated now" in again.stdout, again.stderr

    def test_an_unreachable_scheduler_is_refused_with_a_message(self, corpus, tmp_path, monkeypatch, capsys):
        from lib.cli.main import main

        monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)
        monkeypatch.setenv("CORPUS_DIR", str(corpus))
        monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
        assert main(["build", "--quiet", "--scheduler", f"tcp://127.0.0.1:{free_port()}"]) == 1
        err = capsys.readouterr().err
        assert "cannot reach the Dask scheduler" in err and "Traceback" not in err
        assert build.current(corpus, tmp_path / "cache") is None
        assert build.read_status(corpus, tmp_path / "cache").state == "failed"

    def test_workers_and_scheduler_exclude_each_other(self, capsys):
        from lib.cli.main import main

        assert main(["build", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
        assert "not allowed with" in capsys.readouterr().err


class TestWorkerSide:
    def test_a_worker_whose_pipeline_differs_refuses_the_partition(self, corpus, tmp_path):
        task = build.PartitionTask(doc_ids=("a",), sha256s=("0" * 64,), texts=("Russia.",),
                                   chunk_root=str(tmp_path / "annotations" / "other"), version="other",
                                   corpus_dir=str(corpus))
        loads = build._LOADS[0]
        with pytest.raises(annotations.StoreError, match="same requirements.txt"):
            build.run_partition(task)
        assert build._LOADS[0] == loads  # refused before loading the model

    def test_the_dashboard_address_is_printed_once_even_when_quiet(self, capsys):
        bar = _ProgressBar(quiet=True)
        for _ in range(3):
            bar.update(build.Status(state="annotating", dashboard="http://127.0.0.1:8787/status"))
        bar.update(build.Status(state="annotating"))
        bar.close()
        assert capsys.readouterr().err.count("Dask dashboard at http://127.0.0.1:8787/status") == 1

    def test_neither_the_app_nor_a_one_process_build_imports_dask(self, corpus, tmp_path):
        code = ("import sys\n"
                "from lib.store import build\n"
                "import lib.cli.main, lib.web.cached\n"
                "from tests.store.test_store import FakeAnnotator\n"
                f"build.build({str(corpus)!r}, cache_dir={str(tmp_path / 'c')!r}, annotate_fn=FakeAnnotator())\n"
                "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip().splitlines()[-1] == "[]"
