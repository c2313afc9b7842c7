"""``python -m lib codebook ...`` and ``evaluate --codebook`` (lib/cli/codebook.py, lib/cli/evaluate.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from lib.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def book(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("title: T\ncategories:\n  - id: war\n    label: War\n    rules:\n      - words: [war]\n"
                    "  - id: nato\n    label: NATO named\n    rules:\n      - actors: [NATO]\n", encoding="utf-8")
    return path


class TestCheck:
    def test_the_corpus_codebook(self, capsys):
        assert main(["codebook", "check"]) == 0
        out, _ = capsys.readouterr()
        assert "10 categories" in out and "version" in out

    def test_problems_go_to_stderr_with_lines(self, tmp_path, capsys):
        path = tmp_path / "bad.yaml"
        path.write_text("categories:\n  - id: a\n    label: A\n    rules:\n      - words: [x]\n"
                        "        near_actor: [Natoo]\n      - wordz: [y]\n", encoding="utf-8")
        assert main(["codebook", "check", str(path)]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert "line 6: no actor is called 'Natoo'" in err and "did you mean 'NATO'" in err
        assert "line 7: unknown key 'wordz'" in err

    def test_missing_file(self, tmp_path, capsys):
        assert main(["codebook", "check", str(tmp_path / "none.yaml")]) == 1
        assert "no codebook at" in capsys.readouterr().err

    def test_usage(self, capsys):
        assert main(["codebook"]) == 2
        assert "an action is required" in capsys.readouterr().err


class TestImportExport:
    def test_liwc_becomes_a_codebook(self, tmp_path, capsys):
        path = tmp_path / "war.dic"
        path.write_text("%\n1\tconflict\n2\tpeace\n%\nwar*\t1\nceasefire\t2\nfight\t1\t2\n", encoding="utf-8")
        assert main(["codebook", "import", str(path)]) == 0
        out, err = capsys.readouterr()
        data = yaml.safe_load(out)
        assert [c["id"] for c in data["categories"]] == ["conflict", "peace"]
        assert data["categories"][0]["rules"][0]["words"] == ["war*", "fight"]
        assert "2 categories" in err
        again = tmp_path / "codebook.yaml"
        again.write_text(out, encoding="utf-8")
        assert main(["codebook", "check", str(again)]) == 0

    def test_quanteda_yaml(self, tmp_path, capsys):
        path = tmp_path / "d.yml"
        path.write_text("one:\n- a b\n- c*\ntwo:\n- x\n", encoding="utf-8")
        assert main(["codebook", "import", str(path)]) == 0
        assert yaml.safe_load(capsys.readouterr().out)["categories"][1]["rules"] == [{"words": ["x"]}]

    def test_refused_dictionary(self, tmp_path, capsys):
        path = tmp_path / "d.dic"
        path.write_text("no header\n", encoding="utf-8")
        assert main(["codebook", "import", str(path)]) == 1
        assert "line 1" in capsys.readouterr().err

    def test_export_csv_and_parquet(self, book, tmp_path, capsys):
        assert main(["codebook", "export", str(book)]) == 0
        table = pd.read_csv(io.StringIO(capsys.readouterr().out))
        assert list(table["category"]) == ["war", "nato"] and list(table["field"]) == ["words", "actors"]
        assert main(["codebook", "export", str(book), "--format", "parquet"]) == 2
        out = tmp_path / "c.parquet"
        assert main(["codebook", "export", str(book), "--format", "parquet", "--out", str(out)]) == 0
        assert pd.read_parquet(out).fillna("").equals(table.fillna(""))


class TestCode:
    @pytest.fixture()
    def corpus(self, make_corpus, monkeypatch, tmp_path, book):
        folder = make_corpus({"a.txt": "Title\n\nNATO arms Ukraine. The war goes on.",
                              "b.txt": "Other\n\nPeace now. No war!"},
                             "id,file,title,organisation,org_short,date\n"
                             "a,a.txt,Title,Alpha Party,AP,2025-01-01\nb,b.txt,Other,Beta League,BL,2025-02-01\n")
        (folder / "codebook.yaml").write_text(book.read_text(encoding="utf-8"), encoding="utf-8")
        monkeypatch.setenv("CORPUS_DIR", str(folder))
        monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
        from lib.nlp import engine

        monkeypatch.setattr(engine, "load_pipeline", lambda **kw: engine.build_blank_pipeline())
        return folder

    def test_jsonl_records_with_offsets(self, corpus, capsys):
        assert main(["codebook", "code", "--format", "jsonl"]) == 0
        out, err = capsys.readouterr()
        records = [json.loads(line) for line in out.splitlines()]
        assert {(r["doc_id"], r["category"], r["text"]) for r in records} == {
            ("a", "nato", "NATO arms Ukraine."), ("a", "war", "The war goes on."), ("b", "war", "No war!")}
        assert all(isinstance(r["start"], int) for r in records)
        assert "3 coded sentence(s) in 2 of 2 document(s)" in err

    def test_org_filter_and_unknown_org(self, corpus, capsys):
        assert main(["codebook", "code", "--org", "bl"]) == 0
        table = pd.read_csv(io.StringIO(capsys.readouterr().out))
        assert list(table["doc_id"]) == ["b"] and list(table["organisation"]) == ["BL"]
        assert main(["codebook", "code", "--org", "Nobody"]) == 1


@pytest.mark.slow
def test_evaluate_codebook_on_the_dev_half(capsys, tmp_path):
    report = tmp_path / "EVAL.md"
    assert main(["evaluate", "--codebook", "--half", "dev", "--report", str(report)]) == 0
    out, _ = capsys.readouterr()
    assert "dev                macro" in out or "macro" in out
    assert "Cohen's kappa" in out and "0.49" in out
    text = report.read_text(encoding="utf-8")
    assert "## Development half" in text and "## Test half" not in text


class TestEvaluateSets:
    def test_an_unknown_half_is_refused_with_the_halves_there_are(self, capsys):
        assert main(["evaluate", "--codebook", "--gold", "tests/data/positions_test2", "--half", "test"]) == 1
        err = capsys.readouterr().err
        assert "no half 'test'" in err and "halves: test2" in err

    def test_a_malformed_pool_is_refused(self, capsys):
        assert main(["evaluate", "--codebook", "--half", "dev", "--pool", "nothing"]) == 1
        assert "is not NAME=HALF,HALF" in capsys.readouterr().err

    def test_folders_sharing_text_ids_are_refused(self, capsys):
        assert main(["evaluate", "--codebook", "--gold", "tests/data/positions", "--gold", "tests/data/positions"]) == 1
        assert "cannot be scored together" in capsys.readouterr().err

    def test_by_default_every_positions_folder(self):
        import argparse

        from lib.cli.evaluate import positions_folders

        found = positions_folders(argparse.Namespace(positions=None, gold=None))
        assert [p.name for p in found] == ["positions", "positions_test2"]


@pytest.mark.slow
def test_evaluate_codebook_floors_on_development_data_and_the_bar_on_test2(capsys, tmp_path):
    """Floors: the tuned rules on the development data they were tuned on (a rule edit that breaks
    them shows here), and the issue's bar on the held-out second test set."""
    report = tmp_path / "EVAL.md"
    assert main(["evaluate", "--codebook", "--report", str(report)]) == 0
    out, _ = capsys.readouterr()
    macro = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 10 and parts[1] == "macro":
            macro[parts[0]] = (float(parts[7]), float(parts[8]))
    assert set(macro) == {"dev", "test", "test2", "development"}
    assert macro["development"][0] >= 0.90 and macro["development"][1] >= 0.80, macro["development"]
    assert macro["test2"][0] >= 0.60 and macro["test2"][1] >= 0.50, macro["test2"]
    text = report.read_text(encoding="utf-8")
    assert "Held-out half `test2`" in text and "Held-out half `test`:" not in text
