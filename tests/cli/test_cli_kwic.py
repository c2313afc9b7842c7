"""``python -m lib kwic``: the record contract, exit codes, CORPUS_DIR (subprocesses, as a user runs it)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.analysis.query import RECORD_FIELDS

ROOT = Path(__file__).resolve().parents[2]


def kwic(*args: str, corpus: Path | str = "corpus", cache: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CORPUS_DIR": str(corpus)}
    if cache is not None:
        env["PARTY_LINES_CACHE"] = str(cache)
    return subprocess.run([sys.executable, "-m", "lib", "kwic", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)


class TestUsage:
    def test_help(self):
        out = kwic("--help")
        assert out.returncode == 0 and "corpus_version, doc_id, organisation" in out.stdout

    @pytest.mark.parametrize("args", [(), ("war", "--width", "0"), ("war", "--width", "x"), ("war", "--format", "xml")])
    def test_usage_errors_exit_2(self, args):
        out = kwic(*args)
        assert out.returncode == 2 and out.stdout == ""


class TestOnTheCorpus:
    def test_jsonl_records(self):
        out = kwic("non-imperialist", "--width", "3")
        assert out.returncode == 0, out.stderr
        records = [json.loads(line) for line in out.stdout.splitlines()]
        assert len(records) == 2 and all(list(r) == RECORD_FIELDS for r in records)
        first = records[0]
        assert first["node"] == "non-imperialist" and isinstance(first["start"], int)
        assert len(first["left"].split()) == 3 and first["organisation"] == "CPGB-ML"  # the first in corpus order
        assert "2 line(s)" in out.stderr  # messages on stderr only

    def test_csv_has_a_header_and_no_comment_lines(self):
        out = kwic("US", "--format", "csv", "--org", "wsws")
        assert out.returncode == 0, out.stderr
        rows = list(csv.DictReader(io.StringIO(out.stdout)))
        assert list(rows[0]) == RECORD_FIELDS and {r["organisation"] for r in rows} == {"WSWS"}
        assert not out.stdout.startswith("#")

    def test_orgs_repeat_and_match_any_spelling(self):
        out = kwic("war", "--org", "RCG", "--org", "Workers' Party of Ireland")
        assert out.returncode == 0
        assert {json.loads(line)["organisation"] for line in out.stdout.splitlines()} == {"RCG", "WPI"}

    @pytest.mark.parametrize("args,message", [(("re:(",), "not a valid regular expression"),
                                              (("war", "--org", "Nobody"), "unknown organisation"),
                                              (("!!!",), "no word to look for")])
    def test_refusals_exit_1_with_a_reason(self, args, message):
        out = kwic(*args)
        assert out.returncode == 1 and message in out.stderr and out.stdout == ""

    def test_no_match_is_not_an_error(self):
        out = kwic("zzyzx")
        assert out.returncode == 0 and out.stdout == "" and "0 line(s)" in out.stderr


@pytest.mark.slow
def test_corpus_dir_chooses_the_corpus(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("The Secretary-General met the US envoy. Let us hope.\n\nThe secretary general "
                                  "left.\n", encoding="utf-8")
    out = kwic("secretary-general", corpus=folder, cache=tmp_path / "cache")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["node"] for r in records] == ["Secretary-General"]
    assert [json.loads(line)["node"] for line in kwic("US", corpus=folder, cache=tmp_path / "cache")
            .stdout.splitlines()] == ["US"]
