"""``kill -9`` during ``python -m lib add``: the corpus must stay unchanged or complete (issue 15).

Usage::

    python -m benchmarks.kill_adds [--kills 100] [--seed 15] [--pause 0.3] [--out benchmarks/KILLS.md]

Each round starts ``python -m lib add`` on a new file in a copy of the real corpus and sends
SIGKILL after a random delay: for half of the rounds uniform over the time a whole add takes,
for the other half uniform over the commit, timed from the moment the add reports that it
holds the lock. The commit protocol's test hook (``PARTY_LINES_COMMIT_PAUSE``) pauses
``--pause`` seconds after each step of the commit, so those kills spread over every step; the
last step each killed process reported says where it died. After every kill the
corpus is loaded (the loader finishes or undoes an interrupted write) and checked:

* every document that was there is still there, unchanged, with its row;
* the new document is either absent or present with its own row (title and organisation);
* no document without a row ("unknown"), no temporary or staging file, metadata.csv exact.

``tests/ingest/test_commit_kills.py`` runs this with 100 kills under ``make stress`` and a few
kills at chosen steps under ``make test``.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORG = "Kill Test Organisation"
COMMIT_STEPS = 9  # steps reported by lib/ingest/commit.py for one document (locked ... done)
BODY = ("The war in Ukraine has gone on for years and there is no end in sight for the people who live "
        "there and work in its factories and fields, and the government has no answer to it.")


@dataclass
class Round:
    """One add that was killed (or finished first): where it died and what the corpus showed."""

    index: int
    delay: float
    landed: str  # the last commit step it reported, "before the commit" or "finished"
    added: bool
    violations: list[str] = field(default_factory=list)


def add_command(src: Path, title: str) -> list[str]:
    return [sys.executable, "-m", "lib", "add", str(src), "--org", ORG, "--title", title]


def start_add(corpus: Path, src: Path, title: str, *, pause: float | str) -> subprocess.Popen:
    """Start an add; ``pause`` is the value of ``PARTY_LINES_COMMIT_PAUSE`` (see lib/ingest/commit.py)."""
    env = {**os.environ, "CORPUS_DIR": str(corpus), "PARTY_LINES_COMMIT_PAUSE": str(pause),
           "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(add_command(src, title), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def last_step(stderr: str) -> str:
    steps = [line.removeprefix("commit step: ").strip() for line in stderr.splitlines()
             if line.startswith("commit step: ")]
    if not steps:
        return "before the commit"
    return "moved a file" if steps[-1].startswith("moved ") else steps[-1]


def check(corpus: Path, before: dict[str, tuple[str, str]], title: str) -> tuple[bool, list[str]]:
    """``(the new document is in, violations)`` after loading the corpus (which recovers first)."""
    from lib.ingest.corpus import UNKNOWN, load_corpus
    from lib.ingest.metadata_file import read_metadata_file

    loaded = load_corpus(corpus)
    docs = {row.doc_id: (row.sha256, row.title) for row in loaded.documents.itertuples()}
    problems = []
    for doc_id, value in before.items():
        if docs.get(doc_id) != value:
            problems.append(f"{doc_id} changed or vanished")
    new = {d: v for d, v in docs.items() if d not in before}
    if len(new) > 1 or any(t != title for _, t in new.values()):
        problems.append(f"unexpected new documents: {sorted(new)}")
    if UNKNOWN in set(loaded.documents["organisation"]):
        problems.append("a document without its row (organisation 'unknown')")
    leftovers = sorted(p.name for p in corpus.iterdir() if p.name.startswith(".") or p.suffix == ".part")
    if leftovers:
        problems.append(f"files left behind: {leftovers}")
    if not read_metadata_file(corpus).exact:
        problems.append("metadata.csv no longer reads exactly")
    texts = sorted(p.name for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html"))
    if len(texts) != len(docs):
        problems.append(f"{len(texts)} files for {len(docs)} documents")
    return bool(new), problems


def snapshot(corpus: Path) -> dict[str, tuple[str, str]]:
    from lib.ingest.corpus import load_corpus

    return {row.doc_id: (row.sha256, row.title) for row in load_corpus(corpus).documents.itertuples()}


def time_one_add(corpus: Path, workdir: Path, *, pause: float) -> float:
    src = workdir / "timing.txt"
    src.write_text(f"Timing run\n\n{BODY} Timing.", encoding="utf-8")
    start = time.perf_counter()
    proc = start_add(corpus, src, "Timing run", pause=pause)
    _, err = proc.communicate(timeout=300)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"an add without kill failed: {err}")
    return elapsed


def run_kills(kills: int, *, seed: int = 15, pause: float = 0.3, workdir: Path | None = None,
              log=lambda message: print(message, file=sys.stderr)) -> list[Round]:
    """Kill ``kills`` adds at random moments; return what happened in each round.

    Half of the kills (chosen at random) fall anywhere in the add, uniform over the time a whole
    add takes; the other half wait until the add reports that it holds the lock and fall
    uniformly within its commit (the interpreter's start-up time varies with the machine's load,
    so a kill timed from the start alone would mostly hit the start-up).
    """
    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="party-lines-kills-")) if own else workdir
    try:
        corpus = workdir / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        span = time_one_add(corpus, workdir, pause=pause) * 1.1
        commit_span = COMMIT_STEPS * pause
        log(f"an add takes {span / 1.1:.2f} s with a {pause} s pause per commit step; half the kills uniform "
            f"over {span:.2f} s, half over the {commit_span:.1f} s after the lock is taken")
        rng = random.Random(seed)
        rounds = []
        for i in range(kills):
            before = snapshot(corpus)
            title = f"Kill test {i}"
            src = workdir / f"in-{i}.txt"
            src.write_text(f"{title}\n\n{BODY} Round {i}.", encoding="utf-8")
            in_commit = rng.random() < 0.5
            delay = rng.uniform(0, commit_span if in_commit else span)
            proc = start_add(corpus, src, title, pause=pause)
            lines: list[str] = []
            locked = threading.Event()
            reader = threading.Thread(target=_read_steps, args=(proc, lines, locked), daemon=True)
            reader.start()
            if in_commit:
                locked.wait(timeout=120)
            time.sleep(delay)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            reader.join(timeout=60)
            landed = "finished" if finished and proc.returncode == 0 else last_step("".join(lines))
            added, violations = check(corpus, before, title)
            rounds.append(Round(i, delay, landed, added, violations))
            if violations:
                log(f"round {i}: killed at '{landed}': {violations}")
        return rounds
    finally:
        if own:
            shutil.rmtree(workdir, ignore_errors=True)


def _read_steps(proc: subprocess.Popen, lines: list[str], locked: threading.Event) -> None:
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("commit step: locked"):
            locked.set()
    locked.set()  # the process ended (refused, or killed before the lock)


def report(rounds: list[Round], *, seed: int, pause: float) -> str:
    by_step = collections.Counter(r.landed for r in rounds)
    added = collections.Counter(r.landed for r in rounds if r.added)
    bad = [r for r in rounds if r.violations]
    order = ["before the commit", "locked", "staged", "journal written", "committed", "moved a file",
             "metadata replaced", "journal removed", "done", "finished"]
    lines = [
        "# kill -9 during `python -m lib add`",
        "",
        f"`python -m benchmarks.kill_adds --kills {len(rounds)} --seed {seed} --pause {pause}` "
        f"({time.strftime('%Y-%m-%d')}).",
        "",
        f"**{len(rounds)} kills: {len(rounds) - len(bad)} left the corpus unchanged or complete, "
        f"{len(bad)} did not** (no orphan document, no staging or temporary file, metadata.csv exact, "
        "every earlier document unchanged).",
        "",
        "| where the add was killed (last commit step it reported) | kills | corpus complete after load |",
        "|---|---:|---:|",
    ]
    for step in order + sorted(set(by_step) - set(order)):
        if by_step.get(step):
            lines.append(f"| {step} | {by_step[step]} | {added.get(step, 0)} |")
    lines += ["", "Before \"committed\" the write is invisible and is rolled back; from \"committed\" on, "
              "the loader completes it. \"finished\": the add ended before its kill."]
    if bad:
        lines += ["", "Failures:", *[f"- round {r.index} ({r.landed}): {'; '.join(r.violations)}" for r in bad]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--pause", type=float, default=0.3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "KILLS.md")
    args = parser.parse_args(argv)
    rounds = run_kills(args.kills, seed=args.seed, pause=args.pause)
    text = report(rounds, seed=args.seed, pause=args.pause)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0 if not any(r.violations for r in rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
