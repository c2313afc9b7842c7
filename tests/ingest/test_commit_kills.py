"""``kill -9`` of real ``python -m lib add`` processes (issue 15 item 5; benchmarks/kill_adds.py).

Under ``make test``: one kill at each chosen step of the commit (the test hook prints each
step and pauses, the test kills on reading it). Under ``make stress``: 100 kills at random
moments. After each kill the loaded corpus is unchanged or complete, with no orphan document
and no staging file left.
"""

from __future__ import annotations

import signal

import pytest

from benchmarks import kill_adds

CHOSEN = ["locked", "staged", "journal written", "committed", "moved ", "metadata replaced", "journal removed"]


@pytest.mark.slow
@pytest.mark.parametrize("step", CHOSEN)
def test_kill_at_a_chosen_step(tmp_path, step):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(kill_adds.ROOT / "corpus", corpus)
    before = kill_adds.snapshot(corpus)
    title = f"Killed at {step.strip()}"
    src = tmp_path / "new.txt"
    src.write_text(f"{title}\n\n{kill_adds.BODY}", encoding="utf-8")
    proc = kill_adds.start_add(corpus, src, title, pause=f"120@{step}")  # waits there for the kill
    try:
        seen = []
        for line in proc.stderr:
            seen.append(line)
            if line.startswith(f"commit step: {step}"):
                proc.send_signal(signal.SIGKILL)
                break
        else:
            pytest.fail(f"the add never reached '{step}': {''.join(seen)}")
    finally:
        proc.kill()
        proc.wait(timeout=60)
    added, violations = kill_adds.check(corpus, before, title)
    assert violations == []
    assert added == (step not in ("locked", "staged", "journal written"))


@pytest.mark.stress
def test_100_random_kills(tmp_path):
    rounds = kill_adds.run_kills(100, seed=15, workdir=tmp_path)
    failures = [(r.index, r.landed, r.violations) for r in rounds if r.violations]
    print(kill_adds.report(rounds, seed=15, pause=0.3))
    assert failures == []
    assert sum(r.landed not in ("before the commit", "finished") for r in rounds) >= 30  # many inside a commit
