"""Tests of ``python -m lib annotate`` (and the command line's exit codes)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from lib.cli.main import main

pytestmark = pytest.mark.filterwarnings("ignore")


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def source_text(path, encoding="utf-8"):
    """The file's decoded text as the contract defines it: BOM removed, no newline translation."""
    raw = path.read_bytes()
    return raw.decode(encoding).lstrip("\ufeff")


def check_offsets(recs, text):
    assert recs, "expected mentions"
    for r in recs:
        assert text[r["start"] : r["end"]] == r["text"]


TEXT = "Donald Trump met Vladimir Putin in Alaska. NATO and the EU were not invited.\n\nUkraine's Zelensky objected."


def test_txt_offsets_and_record_shape(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    code, out, err = run(["annotate", str(f)], capsys)
    assert code == 0
    recs = records(out)  # every stdout line is a record
    assert all(set(r) == {"doc", "start", "end", "text", "label", "actor"} for r in recs)
    assert all(r["doc"] == str(f) for r in recs)
    check_offsets(recs, TEXT)
    assert [r["start"] for r in recs] == sorted(r["start"] for r in recs)
    assert {"Donald Trump", "Vladimir Putin", "NATO", "European Union", "Ukraine", "Volodymyr Zelensky"} <= {r["actor"] for r in recs}
    assert "mention" in err  # messages go to stderr


def test_markdown_offsets_into_raw_file(tmp_path, capsys):
    md = "# Russia and *NATO*\n\nA **[Reuters](https://reuters.com) report**: *World Socialist Web Site* on Keir Starmer.\n"
    f = tmp_path / "b.md"
    f.write_text(md, encoding="utf-8")
    code, out, _ = run(["annotate", str(f)], capsys)
    assert code == 0
    recs = records(out)
    check_offsets(recs, md)
    texts = [r["text"] for r in recs]
    assert "NATO" in texts and "World Socialist Web Site" in texts and "Keir Starmer" in texts
    assert not any("*" in t for t in texts)


def test_utf8_bom_file(tmp_path, capsys):
    f = tmp_path / "c.txt"
    f.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    code, out, _ = run(["annotate", str(f)], capsys)
    assert code == 0
    recs = records(out)
    check_offsets(recs, source_text(f))
    assert recs[0]["start"] == 0 and recs[0]["text"] == "Donald Trump"


def test_crlf_file_keeps_two_characters_per_newline(tmp_path, capsys):
    crlf = TEXT.replace("\n", "\r\n")
    f = tmp_path / "d.txt"
    f.write_bytes(crlf.encode("utf-8"))
    code, out, _ = run(["annotate", str(f)], capsys)
    assert code == 0
    recs = records(out)
    check_offsets(recs, crlf)
    zel = next(r for r in recs if r["actor"] == "Volodymyr Zelensky")
    assert zel["start"] == crlf.index("Zelensky")


def test_utf16_file(tmp_path, capsys):
    f = tmp_path / "e.txt"
    f.write_bytes(TEXT.encode("utf-16"))
    code, out, _ = run(["annotate", str(f)], capsys)
    assert code == 0
    check_offsets(records(out), TEXT)


def test_html_offsets_index_the_source(tmp_path, capsys):
    html = (
        "<!DOCTYPE html><html><head><title>Report</title></head><body>"
        "<h1>War in Ukraine</h1><p>The <b>Kremlin</b> and Emmanuel Macron spoke about NATO &amp; the EU.</p>"
        "</body></html>"
    )
    f = tmp_path / "f.html"
    f.write_text(html, encoding="utf-8")
    code, out, _ = run(["annotate", str(f), "--format", "jsonl"], capsys)
    assert code == 0
    recs = records(out)
    check_offsets(recs, html)
    texts = [r["text"] for r in recs]
    assert "Ukraine" in texts and "Emmanuel Macron" in texts and "NATO" in texts
    assert not any("<" in t for t in texts)


def test_csv_format(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(["annotate", str(f), "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and list(rows[0]) == ["doc", "start", "end", "text", "label", "actor"]
    check_offsets([{**r, "start": int(r["start"]), "end": int(r["end"])} for r in rows], TEXT)


def test_binary_and_empty_files_are_refused(tmp_path, capsys):
    png = tmp_path / "x.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    code, out, err = run(["annotate", str(png)], capsys)
    assert code == 1 and out == "" and "refused" in err
    empty = tmp_path / "y.txt"
    empty.write_bytes(b"")
    code, out, err = run(["annotate", str(empty)], capsys)
    assert code == 1 and out == ""


def test_missing_file_is_refused(tmp_path, capsys):
    code, out, err = run(["annotate", str(tmp_path / "nope.txt")], capsys)
    assert code == 1 and out == "" and "nope.txt" in err


@pytest.mark.parametrize("args", [[], ["annotate"], ["annotate", "x.txt", "--format", "xml"], ["frobnicate"]])
def test_usage_errors_exit_2(args, capsys):
    code, out, _ = run(args, capsys)
    assert code == 2 and out == ""


def test_module_entry_point(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("NATO met.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lib", "annotate", str(f)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0
    assert records(proc.stdout) == [{"doc": str(f), "start": 0, "end": 4, "text": "NATO", "label": "ORG", "actor": "NATO"}]
