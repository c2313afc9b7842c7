"""metadata.csv read strictly and appended exactly (lib/ingest/metadata_file.py).

The reproductions of issue 15 (through the loader and ``add``) are in tests/ingest/test_issue15.py.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lib.cli.main import main
from lib.contracts import METADATA_COLUMNS
from lib.ingest.adding import add_document
from lib.ingest.corpus import load_corpus
from lib.ingest.decoding import RefusedInput
from lib.ingest.metadata_file import append_rows, parse_metadata, read_metadata_file, same_rows
from tests.ingest.test_adding import BODY, TXT, snapshot

HEADER = ",".join(c for c in METADATA_COLUMNS if c != "tags") + "\n"  # a corpus written before tags
ROWS = ("a-doc,a.txt,Café society,Org A,A,,,2024-01-02,,en,\n"
        "b-doc,b.txt,B,Org B,B,,,2024-02-03,,en,\n"
        "c-doc,c.txt,Über C,Org C,C,,,2024-03-04,,en,\n")
FILES = {"a.txt": f"A\n\n{BODY} A.", "b.txt": f"B\n\n{BODY} B.", "c.txt": f"C\n\n{BODY} C."}


def corpus_with(make_corpus, metadata: bytes) -> Path:
    folder = make_corpus(FILES)
    (folder / "metadata.csv").write_bytes(metadata)
    return folder


def notices(folder: Path) -> str:
    return " | ".join(n.message for n in load_corpus(folder).notices)


def add_cli(folder: Path, tmp_path: Path, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    src = tmp_path / "new.txt"
    src.write_bytes(TXT)
    code = main(["add", str(src), "--org", "Org A"])
    out, err = capsys.readouterr()
    return code, out, err


class TestAppendVerified:
    def test_append_keeps_old_bytes_and_bom(self, make_corpus):
        raw = codecs.BOM_UTF8 + (HEADER + ROWS).encode()
        folder = corpus_with(make_corpus, raw)
        added = add_document(folder, TXT, name="x.txt", metadata={"organisation": "Org A"})
        data = (folder / "metadata.csv").read_bytes()
        assert data.startswith(raw)
        rows = parse_metadata(data).rows
        assert [r["id"] for r in rows] == ["a-doc", "b-doc", "c-doc", added.doc_id]

    def test_append_after_a_last_line_without_newline(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode().rstrip(b"\n"))
        added = add_document(folder, TXT, name="x.txt", metadata={"organisation": "Org A"})
        assert load_corpus(folder).documents.set_index("doc_id").loc[added.doc_id, "organisation"] == "Org A"

    def test_a_row_that_would_not_read_back_is_refused(self, make_corpus, monkeypatch):
        from lib.ingest import commit

        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        before = snapshot(folder)
        monkeypatch.setattr(commit, "same_rows", lambda *_: False)  # the staged file read back differently
        with pytest.raises(RefusedInput, match="would not read back"):
            add_document(folder, TXT, name="x.txt", metadata={"organisation": "Org A"})
        assert snapshot(folder) == before

    def test_values_with_commas_and_quotes_round_trip(self):
        metadata = parse_metadata(HEADER.encode())
        row = {"id": "x", "file": "x.txt", "title": 'He said "no", twice', "organisation": "A, B & C"}
        data, dropped = append_rows(metadata, [row])
        assert dropped == [] and same_rows(parse_metadata(data), [row])

    def test_column_missing_from_the_header_is_named(self):
        metadata = parse_metadata(b"id,file,title\n")
        data, dropped = append_rows(metadata, [{"id": "x", "file": "x.txt", "title": "T", "url": "https://x.org"}])
        assert dropped == ["url"] and data == b"id,file,title\nx,x.txt,T\n"

    def test_refuses_a_file_that_is_not_exact(self):
        with pytest.raises(ValueError, match="line 2"):
            append_rows(parse_metadata((HEADER + 'a,"a.txt\n').encode()), [{"id": "x", "file": "x.txt"}])


class TestParse:
    def test_quoted_line_break_is_one_row(self):
        parsed = parse_metadata((HEADER + 'a,a.txt,A,O,O,,,,,,"a note\non two lines"\nb,b.txt,B,O,O,,,,,,\n').encode())
        assert parsed.exact and [r["id"] for r in parsed.rows] == ["a", "b"] and parsed.lines == [2, 4]
        assert parsed.rows[0]["source_note"] == "a note\non two lines"

    def test_quote_closed_lines_later_is_reported_and_the_lines_between_load(self):
        text = HEADER + 'a,a.txt,"A,O,O,,,,,,\nb,b.txt,B,O,O,,,,,,\nc,c.txt,C",O,O,,,,,,\n'
        parsed = parse_metadata(text.encode())
        assert [r["id"] for r in parsed.rows] == ["b", "c"]  # the record of lines 2-4 has 11 fields, by chance
        assert [p.line for p in parsed.problems] == [2] and "closes only on line 4" in parsed.describe_problems()

    def test_blank_and_empty_rows_are_ignored(self):
        parsed = parse_metadata(("\n" + HEADER + "\n,,,,,,,,,,\na,a.txt,A,O,O,,,,,,\r\n").encode())
        assert parsed.exact and [r["id"] for r in parsed.rows] == ["a"]

    def test_header_without_id_or_file(self):
        parsed = parse_metadata(b"title,organisation\nA,O\n")
        assert not parsed.exact and parsed.rows == [] and "no column id, file" in parsed.describe_problems()

    def test_empty_file_is_exact_and_gets_a_header(self):
        data, _ = append_rows(parse_metadata(b""), [{"id": "x", "file": "x.txt"}])
        assert data.decode().splitlines() == [",".join(METADATA_COLUMNS), "x,x.txt" + "," * (len(METADATA_COLUMNS) - 2)]

    def test_tags_column_added_to_an_older_file_every_value_kept(self):
        parsed = parse_metadata((HEADER + ROWS).encode())
        data, dropped = append_rows(parsed, [{"id": "x", "file": "x.txt", "tags": "strike;editorial"}])
        again = parse_metadata(data)
        assert dropped == [] and again.exact and again.header[-1] == "tags"
        assert again.rows[:-1] == [{**r, "tags": ""} for r in parsed.rows] and again.rows[-1]["tags"] == "strike;editorial"

    def test_crlf_is_kept(self):
        parsed = parse_metadata((HEADER + ROWS).replace("\n", "\r\n").encode())
        data, _ = append_rows(parsed, [{"id": "x", "file": "x.txt"}])
        assert data.endswith(b"x,x.txt,,,,,,,,,\r\n")

    def test_missing_file_is_not_a_problem(self, tmp_path):
        parsed = read_metadata_file(tmp_path)
        assert not parsed.exists and parsed.exact

    def test_fifo_in_place_of_metadata_is_a_problem_not_a_hang(self, tmp_path):
        import os

        os.mkfifo(tmp_path / "metadata.csv")
        parsed = read_metadata_file(tmp_path)
        assert "not a regular file" in parsed.describe_problems()
