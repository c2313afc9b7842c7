"""``python -m benchmarks.uploads``: memory and time of one upload's analysis → ``benchmarks/UPLOADS.md``.

Issue 15: in hosted mode an accepted upload was annotated inside the server when a visitor opened
Terms, and the server grew by ~3 GB per MB of text. This measures, on the same texts:

* **before** — the old path: the pipeline run inside one process with the old batching (pieces of
  100,000 characters, 32 pieces per batch: a whole upload of up to 3.2 MB in one batch); peak
  resident memory of that process (``ru_maxrss``).
* **now** — the bounded worker (:class:`lib.store.upload_worker.UploadJob`): checking, cleaning and
  annotating in a process of its own, batches bounded in characters; the worker's peak resident
  memory (``VmHWM``, read while it runs) and its time, with the default limits except time.

Texts are real paragraphs (the corpus and the held-out texts) drawn in a fixed order up to the size.
Usage::

    python -m benchmarks.uploads [--sizes 0.25,1,2] [--before-sizes 0.25,1]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from lib.store.upload_worker import UploadJob, UploadLimits

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "benchmarks" / "UPLOADS.md"


def make_text(megabytes: float, *, seed: int = 15) -> bytes:
    """About ``megabytes`` MB of article paragraphs (UTF-8), the same for the same arguments."""
    paragraphs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*")):
        raw = path.read_bytes()
        if path.suffix not in (".txt", ".md") or b"\x00" in raw:
            continue
        paragraphs += [p.strip() for p in raw.decode("utf-8", "replace").split("\n\n") if len(p.strip()) > 40]
    rng, size = random.Random(seed), int(megabytes * 1_000_000)
    out, total = ["An uploaded article"], 0
    while total < size:
        out.append(rng.choice(paragraphs))
        total += len(out[-1].encode()) + 2
    return "\n\n".join(out).encode()[:size].decode("utf-8", "ignore").encode()


def _hwm(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def measure_now(raw: bytes) -> dict:
    """The bounded worker on ``raw``: peak resident MB, seconds, how it ended."""
    limits = UploadLimits(seconds=3600, file_bytes=max(len(raw) + 1, UploadLimits().file_bytes))
    started = time.monotonic()
    job = UploadJob(raw, name="upload.txt", annotate=True, limits=limits)
    peak = 0
    while not job.status().finished:
        pid = job.pid
        if pid is not None:
            peak = max(peak, _hwm(pid) or 0)
        time.sleep(0.1)
    status = job.wait(60)
    tokens = len(status.tables.tokens) if status.tables is not None else 0
    return {"peak_mb": peak, "seconds": round(time.monotonic() - started, 1), "stage": status.stage,
            "tokens": tokens}


BEFORE = """
import json, resource, sys, time
from lib.nlp import engine
engine.CHUNK_CHARS = 100_000
engine.BATCH_CHARS = 10**12
engine.split_for_processing.__kwdefaults__["limit"] = 100_000
from lib.ingest.adding import prepare
text = prepare(sys.stdin.buffer.read(), name="upload.txt", max_bytes=10**9).cleaned.text  # as the app annotated it
pipeline = engine.load_pipeline()
t = time.monotonic()
ann = engine.annotate(pipeline, [("upload", text)], batch_size=32)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "seconds": round(time.monotonic() - t, 1), "tokens": len(ann.tokens)}))
"""


def measure_before(raw: bytes) -> dict:
    """The old in-process path on ``raw`` (in a child, so its peak is its own)."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(BEFORE)], input=raw, capture_output=True,
                          cwd=ROOT, timeout=7200)
    if done.returncode != 0:
        return {"error": done.stderr.decode()[-500:]}
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def write(rows: list[dict]) -> None:
    lines = ["# One upload's analysis: memory and time (issue 15)", "",
             "`python -m benchmarks.uploads` — see its docstring for what is measured. Peak resident memory of",
             "the process doing the work; \"before\" annotated inside the server process itself (the server's own",
             "~300 MB of tables came on top), \"now\" is the worker alone (the server does not grow: it only",
             "receives the compact tables).", "",
             "| text | path | peak memory | time | tokens | result |", "|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['mb']} MB | {r['path']} | — | — | — | failed: {r['error'][:80]} |")
            continue
        lines.append(f"| {r['mb']} MB | {r['path']} | {r['peak_mb']:,} MB | {r['seconds']} s | {r['tokens']:,} | "
                     f"{r.get('stage', 'done')} |")
    lines += ["", "Time: \"before\" is the annotation alone (the model already loaded); \"now\" is from the upload to",
              "the tables in the server: the worker's start, model load, checking and cleaning included, at a lower",
              "priority than the pages. Machine: 2 cores shared with other work (times vary with the load; memory",
              f"does not). Measured {time.strftime('%Y-%m-%d')}.", ""]
    RESULT.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.uploads")
    parser.add_argument("--sizes", default="0.25,1,2", help="MB of text measured with the worker")
    parser.add_argument("--before-sizes", default="0.25,1", help="MB of text measured on the old path ('' for none)")
    args = parser.parse_args(argv)
    rows = []
    for mb in [float(x) for x in args.before_sizes.split(",") if x]:
        print(f"before, {mb} MB…", file=sys.stderr)
        rows.append({"mb": mb, "path": "before: in the server, one batch", **measure_before(make_text(mb))})
    for mb in [float(x) for x in args.sizes.split(",") if x]:
        print(f"now, {mb} MB…", file=sys.stderr)
        rows.append({"mb": mb, "path": "now: bounded worker", **measure_now(make_text(mb))})
    write(rows)
    print(RESULT.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
