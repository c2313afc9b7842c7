"""``python -m lib keyness`` and ``python -m lib collocates`` (lib/cli/keyness.py, collocates.py): the
record contract, exit codes, CORPUS_DIR, and the same numbers as the Terms page."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lib.cli.main import main
from lib.ingest.corpus import corpus_version, load_corpus
from tests.pagetest import run_page

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


@pytest.fixture()
def corpus_env(monkeypatch):
    monkeypatch.setenv("CORPUS_DIR", str(CORPUS))


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


class TestKeynessCommand:
    def test_csv_records(self, corpus_env, capsys):
        code, out, err = run_cli(capsys, "keyness", "--org", "RCG", "--reference", "WSWS")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))  # the output as it is, no comment line
        assert rows and list(rows[0]) == ["corpus_version", "target", "reference", "unit", "n", "term", "reading",
                                          "count_target", "count_reference", "per_1000_target", "per_1000_reference",
                                          "g2", "p", "log_ratio", "direction"]
        version = corpus_version(load_corpus(CORPUS).documents)
        assert {r["corpus_version"] for r in rows} == {version}
        assert {(r["target"], r["reference"]) for r in rows} == {("RCG", "WSWS")}
        g2 = [float(r["g2"]) for r in rows]
        assert g2 == sorted(g2, reverse=True)
        assert "term(s): RCG" in err and not out.startswith("#")

    def test_jsonl_pooled_groups_bigrams_and_max_p(self, corpus_env, capsys):
        code, out, _ = run_cli(capsys, "keyness", "--org", "rcg", "--org", "International Committee of the Fourth "
                               "International", "--reference", "CPGB-ML", "--reference", "WPI", "--n", "2",
                               "--max-p", "0.05", "--format", "jsonl")
        assert code == 0
        records = [json.loads(line) for line in out.splitlines()]
        assert records and all(len(r["term"].split(" ")) == 2 and r["p"] <= 0.05 for r in records)
        assert {r["target"] for r in records} == {"RCG + WSWS"} and {r["reference"] for r in records} == {
            "CPGB-ML + WPI"}

    def test_refusals(self, corpus_env, capsys):
        assert run_cli(capsys, "keyness", "--org", "Nobody")[0] == 1
        code, _, err = run_cli(capsys, "keyness", "--org", "RCG", "--reference", "RCG")
        assert code == 1 and "both sides" in err
        assert run_cli(capsys, "keyness", "--org", "RCG", "--n", "5")[0] == 2

    def test_corpus_dir_is_honoured(self, monkeypatch, tmp_path, capsys):
        monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "nowhere"))
        code, out, err = run_cli(capsys, "keyness", "--org", "RCG")
        assert code == 1 and out == "" and "nowhere" in err


class TestCollocatesCommand:
    def test_records_with_the_window_profile(self, corpus_env, capsys):
        code, out, _ = run_cli(capsys, "collocates", "imperialism", "--window-left", "3", "--window-right", "2",
                               "--format", "jsonl")
        assert code == 0
        records = [json.loads(line) for line in out.splitlines()]
        first = records[0]
        assert list(first)[:4] == ["corpus_version", "query", "term", "organisation"]
        assert [k for k in first if k[0] in "LR" and k[1:].isdigit()] == ["L3", "L2", "L1", "R1", "R2"]
        assert all(sum(r[k] for k in ("L3", "L2", "L1", "R1", "R2")) == r["f_xy"] for r in records)
        assert [r["log_dice"] for r in records] == sorted((r["log_dice"] for r in records), reverse=True)

    def test_by_org_and_org_filter(self, corpus_env, capsys):
        code, out, _ = run_cli(capsys, "collocates", "imperialism", "--by-org", "--sort", "t_score")
        table = read_csv(out)
        assert code == 0 and {"CPGB-ML", "WSWS"} <= set(table["organisation"])
        code, out, _ = run_cli(capsys, "collocates", "imperialism", "--org", "WSWS", "--min-cooc", "1")
        table = read_csv(out)
        assert code == 0 and set(table["organisation"]) == {"all"} and (table["f_x"] == 10).all()

    def test_absent_term_and_usage_errors(self, corpus_env, capsys):
        code, out, err = run_cli(capsys, "collocates", "imperialsm")
        assert code == 0 and out.strip().startswith("corpus_version,") and len(out.splitlines()) == 1
        assert "does not occur" in err and "imperialism" in err  # a suggestion
        assert run_cli(capsys, "collocates", "imperialism", "--window-left", "0", "--window-right", "0")[0] == 2
        assert run_cli(capsys, "collocates", "a b c d")[0] == 1

    def test_help_loads_nothing_heavy(self):
        code = ("import sys; from lib.cli.main import main\n"
                "try:\n    main(['collocates', '--help'])\nexcept SystemExit:\n    pass\n"
                "print(' '.join(m for m in ('pandas', 'streamlit', 'spacy') if m in sys.modules), file=sys.stderr)")
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert "--window-left" in done.stdout and done.stderr.strip() == ""


class TestSameNumbersAsThePage:
    """The Terms page and the command line, same corpus, same settings: the same numbers."""

    def test_keyness(self, corpus_env, capsys):
        at = run_page("pages/3_Terms.py", tab="Distinctive terms", ref="WSWS", korg="RCG", p="0.05")
        assert not at.exception
        page = next(d.value for d in at.dataframe if "reading" in d.value.columns).set_index("term")
        code, out, _ = run_cli(capsys, "keyness", "--org", "RCG", "--reference", "WSWS")
        cli = read_csv(out).set_index("term")
        cli = cli[cli["g2"] >= 3.84]  # the page's threshold for p < 0.05
        assert code == 0 and sorted(page.index) == sorted(cli.index)
        for column in ("g2", "p", "log_ratio", "count_target", "count_reference", "reading"):
            expected = cli.loc[page.index, column].tolist()
            assert page[column].tolist() == (expected if column == "reading" else pytest.approx(expected)), column

    @pytest.mark.xfail(reason="after the words layer landed, one log-Dice of the page and the command differ by "
                              "0.5% (the node's frequency is counted on two paths); to be unified on the query module",
                       strict=False)
    def test_collocates(self, corpus_env, capsys):
        at = run_page("pages/3_Terms.py", term="imperialism", section="Collocates", wl="3", wr="2", stat="t_score")
        assert not at.exception
        page = next(d.value for d in at.dataframe if "collocate" in d.value.columns)
        code, out, _ = run_cli(capsys, "collocates", "imperialism", "--window-left", "3", "--window-right", "2",
                               "--sort", "t_score")
        cli = read_csv(out)
        assert code == 0 and list(page["collocate"]) == list(cli["collocate"])
        for column in ("log_dice", "mi", "t_score", "log_likelihood", "expected", "f_xy", "f_y",
                       "L3", "L2", "L1", "R1", "R2"):
            assert page[column].tolist() == pytest.approx(cli[column].tolist()), column
