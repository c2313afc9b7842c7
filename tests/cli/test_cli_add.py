"""``python -m lib add`` (lib/cli/add.py): stdout = the new id, stderr = messages, exit codes, CORPUS_DIR."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.cli.main import main
from lib.ingest.corpus import load_corpus
from tests.ingest.test_adding import METADATA, SAMPLES, TXT, snapshot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def corpus(make_corpus, monkeypatch):
    folder = make_corpus({"000_aaaa.txt": "One\n\nThe first document of the corpus, in plain English words."},
                         METADATA)
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    return folder


class TestAdd:
    def test_adds_and_prints_id(self, corpus, tmp_path, capsys):
        src = tmp_path / "upload.txt"
        src.write_bytes(TXT)
        assert main(["add", str(src), "--org", "Workers Party of Ireland"]) == 0
        out, err = capsys.readouterr()
        assert out == "wpi-2024-03-03-why-the-war-goes-on\n"
        assert "taken as the known organisation" in err
        docs = load_corpus(corpus).documents.set_index("doc_id")
        assert docs.loc["wpi-2024-03-03-why-the-war-goes-on", "author"] == "Jane Doe"

    def test_options_override_detection(self, corpus, tmp_path, capsys):
        src = tmp_path / "page.html"
        src.write_bytes((SAMPLES / "20_socialistworker-us-bush-meddles-ukraine-2004.html").read_bytes())
        code = main(["add", str(src), "--org", "International Socialist Organization", "--title", "Bush meddles",
                     "--author", "Editors", "--date", "2004-12-10", "--url", "https://socialistworker.org/2004-2/525/",
                     "--publication", "Socialist Worker", "--language", "en"])
        assert code == 0
        doc_id = capsys.readouterr().out.strip()
        row = load_corpus(corpus).documents.set_index("doc_id").loc[doc_id]
        assert (row["title"], row["author"], row["publication"], row["org_short"], row["format"]) == \
            ("Bush meddles", "Editors", "Socialist Worker", "International Socialist Organization", "html")
        # (the page never writes "ISO": no abbreviation is invented for a new organisation)

    def test_duplicate_refused_exit_1(self, corpus, capsys):
        before = snapshot(corpus)
        assert main(["add", str(corpus / "000_aaaa.txt"), "--org", "X"]) == 1
        out, err = capsys.readouterr()
        assert out == "" and "already in the corpus as 'wpi-one'" in err
        assert snapshot(corpus) == before

    @pytest.mark.parametrize(("content", "name", "fragment"), [
        (b"", "e.txt", "empty"), (b"%PDF-1.5 xx", "p.txt", "PDF"), (TXT, "x.docx", "Only text files")])
    def test_refused_input_exit_1(self, corpus, tmp_path, capsys, content, name, fragment):
        before = snapshot(corpus)
        src = tmp_path / name
        src.write_bytes(content)
        assert main(["add", str(src), "--org", "X"]) == 1
        out, err = capsys.readouterr()
        assert out == "" and fragment in err
        assert snapshot(corpus) == before

    def test_bad_date_exit_1(self, corpus, tmp_path, capsys):
        src = tmp_path / "a.txt"
        src.write_bytes(TXT)
        assert main(["add", str(src), "--org", "X", "--date", "soon"]) == 1
        assert "not a date" in capsys.readouterr().err

    def test_usage_errors_exit_2(self, corpus, tmp_path, capsys):
        assert main(["add"]) == 2
        assert main(["add", str(tmp_path / "missing.txt"), "--org", "X"]) == 2
        assert "no such file" in capsys.readouterr().err

    def test_subprocess_honours_corpus_dir(self, corpus, tmp_path):
        src = tmp_path / "n.md"
        src.write_bytes(b"# Notes on the war\n\nPublished: 2023-11-02\n\nThe war goes on and on for the people.\n")
        env = {**os.environ, "CORPUS_DIR": str(corpus)}
        done = subprocess.run([sys.executable, "-m", "lib", "add", str(src), "--org", "RCG"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "rcg-2023-11-02-notes-on-the-war\n"
        assert "rcg-2023-11-02-notes-on-the-war" in set(load_corpus(corpus).documents["doc_id"])
