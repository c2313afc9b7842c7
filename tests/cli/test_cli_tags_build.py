"""``add --tags`` (the tags column of metadata.csv) and ``python -m lib build`` (exit codes, resume after kill -9)."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.analysis.filters import Selection, filter_documents, tags
from lib.cli.main import main
from lib.ingest.corpus import join_tags, load_corpus, split_tags
from lib.store import build
from lib.web import urls
from tests.ingest.test_adding import METADATA, TXT
from tests.store.test_build import same_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def corpus(make_corpus, monkeypatch):
    folder = make_corpus({"000_aaaa.txt": "One\n\nThe first document of the corpus, in plain English words."},
                         METADATA)
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    return folder


class TestTags:
    def test_split_and_join(self):
        assert split_tags(" strike ;Editorial; ;strike;  general   strike ") == ["strike", "Editorial", "general strike"]
        assert join_tags(["a", "A", " b "]) == "a;b" and split_tags(None) == []

    def test_add_sets_tags_and_adds_the_column_to_an_older_file(self, corpus, tmp_path, capsys):
        before = list(csv.reader(io.StringIO((corpus / "metadata.csv").read_text(encoding="utf-8"))))
        assert "tags" not in before[0]
        src = tmp_path / "upload.txt"
        src.write_bytes(TXT)
        assert main(["add", str(src), "--org", "Workers Party of Ireland", "--tags", "strike; editorial;strike"]) == 0
        doc_id = capsys.readouterr().out.strip()
        after = list(csv.reader(io.StringIO((corpus / "metadata.csv").read_text(encoding="utf-8"))))
        assert after[0] == [*before[0], "tags"]
        assert [r[:-1] for r in after[1:len(before)]] == before[1:]  # every older value unchanged
        docs = load_corpus(corpus).documents.set_index("doc_id")
        assert docs.loc[doc_id, "tags"] == "strike;editorial"
        assert docs.drop(index=doc_id)["tags"].eq("").all()

    def test_filter_on_tags(self):
        import pandas as pd

        docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "org_short": ["X"] * 3, "date": [""] * 3,
                             "date_precision": [""] * 3, "tags": ["strike;Editorial", "editorial", ""]})
        assert tags(docs) == ["Editorial", "strike"]
        kept, _ = filter_documents(docs, Selection(tags=("editorial",)))
        assert list(kept["doc_id"]) == ["a", "b"]
        kept, _ = filter_documents(docs, Selection(tags=("STRIKE",)))
        assert list(kept["doc_id"]) == ["a"]
        assert len(filter_documents(docs, Selection())[0]) == 3

    def test_url_names_and_parsing(self):
        chosen, messages = urls.parse_tags({"tag": ["Strike", "strike", "nope"]}, ["strike", "editorial"])
        assert chosen == ["strike"] and len(messages) == 1 and "nope" in messages[0]
        assert urls.TAG in urls.FILTER_PARAMS and urls.TAG in urls.REPEATED
        assert urls.filter_query(tags=["a", "b"]) == {"tag": ["a", "b"]}


class TestBuildCommand:
    def test_usage_and_refusals(self, tmp_path, monkeypatch, capsys):
        assert main(["build", "--workers", "0"]) == 2
        monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "nowhere"))
        assert main(["build"]) == 1
        assert "does not exist" in capsys.readouterr().err

    def test_refused_while_another_build_runs(self, corpus, tmp_path, monkeypatch, capsys):
        monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
        with build.build_lock(build.store_dir(corpus, tmp_path / "cache")):
            assert main(["build", "--quiet"]) == 1
        assert "another build" in capsys.readouterr().err

    @pytest.mark.slow
    def test_a_build_killed_at_random_moments_resumes_to_the_same_tables(self, make_corpus, tmp_path):
        files = {f"{k:02d}.txt": f"Document {k}. Russia and Ukraine are at war. NATO arms Kyiv. Peace now {k}."
                 for k in range(24)}
        folder = make_corpus(files)
        cache, clean = tmp_path / "cache", tmp_path / "clean"
        env = {**os.environ, "CORPUS_DIR": str(folder), "PARTY_LINES_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
        kills = 0

        def partitions_written() -> int:
            return sum(1 for p in cache.rglob("*") if p.is_dir() and p.parent.parent.name == "annotations")

        # Kill points follow the build's own progress, not the clock (a fast machine finishes
        # 24 short documents in under two seconds): while starting up, after the first
        # partition, after most of them.
        for reached in (lambda: True, lambda: partitions_written() >= 1, lambda: partitions_written() >= 6):
            proc = subprocess.Popen([sys.executable, "-m", "lib", "build", "--quiet", "--partition-docs", "3"],
                                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.2)
            while proc.poll() is None and not reached():
                time.sleep(0.02)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(timeout=60)
            manifest = build.current(folder, cache)
            assert manifest is None or manifest.documents == 24  # nothing or all of it, never a part
        done = subprocess.run([sys.executable, "-m", "lib", "build", "--quiet", "--partition-docs", "3"], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "24 documents" in done.stdout
        subprocess.run([sys.executable, "-m", "lib", "build", "--quiet"], cwd=ROOT, timeout=600, check=True,
                       env={**env, "PARTY_LINES_CACHE": str(clean)}, capture_output=True)
        same_tables(build.load_current(folder, cache), build.load_current(folder, clean))
        assert kills >= 1
