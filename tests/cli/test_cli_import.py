"""``python -m lib import`` (issue 18): the command-line contract, and ``kill -9`` at several moments of
an import — the corpus is then unchanged or holds the whole import, never a part of it."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lib.cli import importing as import_command
from lib.cli.main import COMMANDS, main
from lib.ingest.corpus import UNKNOWN, load_corpus
from lib.ingest.metadata_file import read_metadata_file
from tests.ingest.test_adding import BODY, METADATA, snapshot

ROOT = Path(__file__).resolve().parents[2]


def doc(k: int) -> bytes:
    return f"Imported article {k}\n\n{BODY} Paragraph {k} of the command-line test.\n".encode()


@pytest.fixture()
def corpus(make_corpus, monkeypatch):
    folder = make_corpus({"000_aaaa.txt": f"One\n\n{BODY} First document."}, METADATA)
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    return folder


class TestCommand:
    def test_registered(self):
        assert import_command in COMMANDS

    def test_folder_summary_ids_and_exit_codes(self, corpus, tmp_path, capsys):
        src = tmp_path / "src"
        src.mkdir()
        for k in range(3):
            (src / f"{k}.txt").write_bytes(doc(k))
        assert main(["import", str(src), "--org", "Left Party", "--tags", "batch1", "--quiet"]) == 0
        out, err = capsys.readouterr()
        ids = [line.split("\t") for line in out.splitlines()]
        assert [name for _, name in ids] == ["0.txt", "1.txt", "2.txt"]
        assert "3 documents added; 0 refused" in err and "one commit" in err
        docs = load_corpus(corpus).documents.set_index("doc_id")
        assert all(docs.loc[i, "tags"] == "batch1" for i, _ in ids)
        # Again: every file is a duplicate → refused, exit 1, nothing on stdout, the corpus unchanged.
        before = snapshot(corpus)
        assert main(["import", str(src), "--org", "Left Party", "--quiet"]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("already in the corpus as") == 3 and "refused: 0.txt →" in err
        assert snapshot(corpus) == before

    def test_dry_run_prints_what_would_be_added(self, corpus, tmp_path, capsys):
        archive = tmp_path / "a.zip"
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("x/a.txt", doc(1))
            z.writestr("../evil.txt", doc(2))
        before = snapshot(corpus)
        assert main(["import", str(archive), "--org", "Left Party", "--dry-run", "--quiet"]) == 1
        out, err = capsys.readouterr()
        assert out.strip().endswith("\tx/a.txt")
        assert "would be added (dry run: nothing was written)" in err
        assert "refused: ../evil.txt → its name is a path that points outside the archive" in err
        assert snapshot(corpus) == before

    def test_usage_and_refusals(self, corpus, tmp_path, capsys):
        assert main(["import"]) == 2
        assert main(["import", str(tmp_path / "nothing-here")]) == 2
        assert "no such file or folder" in capsys.readouterr().err
        (tmp_path / "one.txt").write_bytes(doc(1))
        assert main(["import", str(tmp_path / "one.txt"), "--org", "X"]) == 1
        assert "use `python -m lib add`" in capsys.readouterr().err
        (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 broken")
        assert main(["import", str(tmp_path / "bad.zip")]) == 1
        assert "not a readable zip archive" in capsys.readouterr().err

    def test_a_subprocess_keeps_stdout_for_results(self, corpus, tmp_path):
        table = tmp_path / "t.jsonl"
        table.write_text(json.dumps({"text": f"{BODY} JSON.", "organisation": "Json Party", "title": "J"}) + "\n",
                         encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "lib", "import", str(table)], cwd=ROOT, capture_output=True,
                              text=True, timeout=300, env={**os.environ, "CORPUS_DIR": str(corpus),
                                                           "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        assert done.stdout == "json-party-j\tt.jsonl line 1\n"
        assert "importing" in done.stderr  # the progress bar


# ---------------------------------------------------------------- kill -9 during an import

N_NEW = 30


def new_files(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for k in range(N_NEW):
        (src / f"{k:02d}.txt").write_bytes(doc(k))
    return src


def start_import(corpus: Path, src: Path, pause: str | None) -> subprocess.Popen:
    env = {**os.environ, "CORPUS_DIR": str(corpus), "PYTHONPATH": str(ROOT)}
    if pause:
        env["PARTY_LINES_COMMIT_PAUSE"] = pause
    return subprocess.Popen([sys.executable, "-m", "lib", "import", str(src), "--org", "Kill Party", "--quiet"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def check_after_kill(corpus: Path, before: dict[str, bytes], src: Path) -> bool:
    """Load the corpus (which finishes or undoes the interrupted commit); True if the import is in it.

    Fails unless the old documents are all there unchanged and the new ones are all there or none.
    """
    loaded = load_corpus(corpus)
    docs = loaded.documents
    assert (docs["organisation"] != UNKNOWN).all(), "a document without its row"
    for name, data in before.items():
        if name != "metadata.csv":
            assert (corpus / name).read_bytes() == data
    new = {hashlib.sha256(p.read_bytes()).hexdigest() for p in src.glob("*.txt")}
    there = set(docs["sha256"]) & new
    assert there in (set(), new), f"{len(there)} of {len(new)} imported documents: a part of the import"
    meta = read_metadata_file(corpus)
    assert meta.exact and len(meta.rows) == len(docs)
    assert not (corpus / ".commit").exists() and not [p for p in corpus.iterdir() if p.name.startswith(".")]
    if not there:
        assert snapshot(corpus) == before
    return bool(there)


# The commit protocol's steps (lib/ingest/commit.py) and the import's own, in order: after the
# lock, after 1 and 20 documents checked and staged, then each step of the one commit.
KILL_POINTS = [("locked", False), ("import 1", False), ("import 20", False), ("staged", False),
               ("journal written", False), ("committed", True), ("moved ", True), ("metadata replaced", True),
               ("journal removed", True)]


@pytest.mark.slow
@pytest.mark.parametrize(("step", "complete"), KILL_POINTS)
def test_kill_at_a_chosen_moment(tmp_path, step, complete):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    src = new_files(tmp_path)
    before = snapshot(corpus)
    proc = start_import(corpus, src, pause=f"120@{step}")  # the import waits there for the kill
    try:
        seen = []
        for line in proc.stderr:  # follow the import's progress, not the clock
            seen.append(line)
            if line.startswith(f"commit step: {step}"):
                proc.send_signal(signal.SIGKILL)
                break
        else:
            pytest.fail(f"the import never reached '{step}': {''.join(seen[-20:])}")
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert check_after_kill(corpus, before, src) == complete


@pytest.mark.stress
def test_kills_at_random_moments(tmp_path):
    """20 imports killed at a random step of their progress (document k of 30, or a commit step)."""
    rng = random.Random(18)
    steps = [f"import {k}" for k in range(1, N_NEW + 1)] + [s for s, _ in KILL_POINTS if not s.startswith("import")]
    outcomes = []
    for round_ in range(20):
        corpus = tmp_path / f"corpus{round_}"
        shutil.copytree(ROOT / "corpus", corpus)
        src = new_files(tmp_path)
        before = snapshot(corpus)
        step = rng.choice(steps)
        proc = start_import(corpus, src, pause="0.01")  # every step reported, barely slowed down
        for line in proc.stderr:
            if line.strip() == f"commit step: {step}" or (step == "moved " and line.startswith("commit step: moved")):
                proc.send_signal(signal.SIGKILL)
                break
        proc.kill()
        proc.wait(timeout=60)
        outcomes.append((step, check_after_kill(corpus, before, src)))
    assert any(done for _, done in outcomes) and any(not done for _, done in outcomes), outcomes
