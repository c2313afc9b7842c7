"""Reproductions of issue 15, ingest side (items 2, 3, 5, 7 and 9): each failed on the code before the fix.

They use only the interfaces that existed then (``python -m lib add``, ``add_document``,
``prepare``, ``load_corpus``), so running this file on the old code shows each failure:

* 2 — a non-UTF-8 byte in metadata.csv made ``add`` rewrite the whole file (double-encoding
  every accent) and exit 0;
* 3 — after a row with an unclosed quote the new row was swallowed and ``add`` printed an id
  that did not exist; a wrong column count shifted fields; neither was reported;
* 5 — a crash between placing the document and replacing metadata.csv left an orphan
  "unknown" document (and re-adding it was refused as a duplicate) and a ``.part`` file;
* 7 — a folder or unreadable file in place of metadata.csv crashed the loader; a NUL byte in
  it dropped every row to "unknown";
* 9 — UTF-16 without a byte-order mark was "binary (NUL bytes)"; a FIFO or a folder was "no
  such file"; a short English text was "not English" and Chinese text was not; the date
  0000 was accepted; ``add`` followed a symlink to any file on the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lib.cli.main import main
from lib.contracts import METADATA_COLUMNS
from lib.ingest.adding import add_document, prepare
from lib.ingest.corpus import UNKNOWN, load_corpus
from lib.ingest.decoding import RefusedInput
from tests.ingest.test_adding import BODY, TXT, snapshot

HEADER = ",".join(c for c in METADATA_COLUMNS if c != "tags") + "\n"  # a corpus written before tags
ROWS = ("a-doc,a.txt,Café society,Org A,A,,,2024-01-02,,en,\n"
        "b-doc,b.txt,B,Org B,B,,,2024-02-03,,en,\n"
        "c-doc,c.txt,Über C,Org C,C,,,2024-03-04,,en,\n")
FILES = {"a.txt": f"A\n\n{BODY} A.", "b.txt": f"B\n\n{BODY} B.", "c.txt": f"C\n\n{BODY} C."}
SHORT_ENGLISH = ("NATO eastward expansion provoked Russia. Sanctions followed quickly. Workers everywhere pay the "
                 "price: imperialist rivalry between Washington, Brussels, Moscow, Beijing. Peace now! Stop arms "
                 "shipments.")
CHINESE = ("俄罗斯与乌克兰之间的战争已经持续了两年多。北约东扩是这场战争的重要原因之一。"
           "工人阶级为这场战争付出了代价，和平是唯一的出路。")


def corpus_with(make_corpus, metadata: bytes) -> Path:
    folder = make_corpus(FILES)
    (folder / "metadata.csv").write_bytes(metadata)
    return folder


def notices(folder: Path) -> str:
    return " | ".join(n.message for n in load_corpus(folder).notices)


def add_cli(folder: Path, src: Path, monkeypatch, capsys, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    code = main(["add", str(src), "--org", "Org A", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def source(tmp_path: Path, data: bytes = TXT) -> Path:
    src = tmp_path / "new.txt"
    src.write_bytes(data)
    return src


def leftovers(folder: Path) -> list[str]:
    """Temporary or staging files a write left in the corpus folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".part")


class TestItem2MetadataNeverRewrittenLossily:
    def test_non_utf8_byte_add_refuses_and_names_the_line(self, make_corpus, tmp_path, monkeypatch, capsys):
        raw = (HEADER + ROWS).encode() + "d-doc,d.txt,Caf\u00e9,Org D,D,,,,,en,\n".encode("cp1252")
        folder = corpus_with(make_corpus, raw)
        before = snapshot(folder)
        code, out, err = add_cli(folder, source(tmp_path), monkeypatch, capsys)
        assert code == 1 and out == ""
        assert "line 5" in err and "UTF-8" in err and "nothing can be added" in err
        assert snapshot(folder) == before  # never rewritten: the other accents stay as they were

    def test_non_utf8_line_is_a_notice_and_the_other_rows_load_exactly(self, make_corpus):
        raw = (HEADER + ROWS).encode().replace("Über".encode(), "Über".encode("cp1252"))
        folder = corpus_with(make_corpus, raw)
        loaded = load_corpus(folder)
        text = " | ".join(n.message for n in loaded.notices)
        assert "line 4" in text and "not UTF-8" in text
        docs = loaded.documents.set_index("doc_id")
        assert docs.loc["a-doc", "title"] == "Café society"  # read as UTF-8, not guessed as cp1252
        assert docs.loc["c-doc", "organisation"] == "Org C"  # the bad line still loads


class TestItem3MalformedRowsReported:
    def test_unclosed_quote_in_the_last_row_add_refuses(self, make_corpus, tmp_path, monkeypatch, capsys):
        folder = corpus_with(make_corpus, (HEADER + ROWS.replace("c-doc,c.txt,Über C", 'c-doc,c.txt,"Über C')).encode())
        before = snapshot(folder)
        code, out, err = add_cli(folder, source(tmp_path), monkeypatch, capsys)
        assert code == 1 and out == ""  # no id printed: none was added
        assert "line 4" in err and "quote" in err
        assert snapshot(folder) == before

    def test_unclosed_quote_swallows_no_later_row(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS.replace("a-doc,a.txt,Café", 'a-doc,a.txt,"Café')).encode())
        docs = load_corpus(folder).documents.set_index("file")
        assert docs.loc["b.txt", "doc_id"] == "b-doc" and docs.loc["c.txt", "doc_id"] == "c-doc"
        assert docs.loc["a.txt", "organisation"] == UNKNOWN
        assert "line 2" in notices(folder) and "quote" in notices(folder)

    @pytest.mark.parametrize(("bad", "fields"), [("b-doc,b.txt,B,Org B,B,,,2024-02-03,,en", 10),
                                                 ("b-doc,b.txt,B,Org, B,B,,,2024-02-03,,en,", 12)])
    def test_wrong_column_count_is_reported_not_shifted(self, make_corpus, tmp_path, monkeypatch, capsys, bad,
                                                        fields):
        folder = corpus_with(make_corpus,
                             (HEADER + ROWS.replace("b-doc,b.txt,B,Org B,B,,,2024-02-03,,en,", bad)).encode())
        docs = load_corpus(folder).documents.set_index("file")
        assert docs.loc["b.txt", "organisation"] == UNKNOWN  # skipped, not loaded with shifted fields
        assert f"line 3: has {fields} fields where the header has 11" in notices(folder)
        code, _, err = add_cli(folder, source(tmp_path), monkeypatch, capsys)
        assert code == 1 and "line 3" in err


def crash_child(folder: Path, raw: bytes, *, when: str) -> int:
    """Run ``add_document`` in a forked child that dies (``os._exit``, like ``kill -9``) at a
    chosen moment; return its exit status. ``when``: "before-metadata" (the document is in
    place, metadata.csv not yet replaced) or "after-metadata" (replaced, nothing tidied)."""
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            real = os.replace

            def dying(src, dst, *args, **kwargs):
                if Path(dst).name == "metadata.csv" and when == "before-metadata":
                    os._exit(9)
                result = real(src, dst, *args, **kwargs)
                if Path(dst).name == "metadata.csv" and when == "after-metadata":
                    os._exit(9)
                return result

            os.replace = dying
            add_document(folder, raw, name="new.txt", metadata={"organisation": "Org A", "title": "New one"})
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


class TestItem5AddAtomicAcrossACrash:
    # (A crash after metadata.csv was replaced is tested with the commit protocol, in test_commit.py.)
    def test_crash_leaves_no_orphan_and_no_temporary_file(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        assert crash_child(folder, TXT, when="before-metadata") == 9
        loaded = load_corpus(folder)  # the loader finishes the interrupted add first
        docs = loaded.documents
        assert UNKNOWN not in set(docs["organisation"]), "an orphan document without its row"
        assert len(docs) in (3, 4)
        assert leftovers(folder) == []
        if len(docs) == 3:  # unchanged: the file can be added
            added = add_document(folder, TXT, name="again.txt", metadata={"organisation": "Org A"})
            assert added.doc_id in set(load_corpus(folder).documents["doc_id"])
        else:  # complete: it is there under its own row, and a second add names that row
            doc_id = docs.set_index("title").loc["New one", "doc_id"]
            with pytest.raises(RefusedInput, match=f"already in the corpus as '{doc_id}'"):
                add_document(folder, TXT, name="again.txt", metadata={"organisation": "Org A"})

    def test_stale_part_files_of_killed_adds_are_removed(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        (folder / ".tmp-add-abc123.part").write_bytes(b"half a metadata.csv")
        loaded = load_corpus(folder)
        assert leftovers(folder) == [] and len(loaded.documents) == 3


class TestItem7DamagedMetadataDegrades:
    def test_nul_byte_drops_only_its_row(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode().replace(b"B,Org B", b"B\x00,Org B"))
        docs = load_corpus(folder).documents.set_index("doc_id")
        assert docs.loc["a-doc", "organisation"] == "Org A" and docs.loc["c-doc", "organisation"] == "Org C"
        assert "line 3" in notices(folder) and "NUL" in notices(folder)

    def test_folder_in_place_of_metadata_is_a_notice(self, make_corpus):
        folder = make_corpus(FILES)
        (folder / "metadata.csv").mkdir()
        loaded = load_corpus(folder)
        assert len(loaded.documents) == 3 and set(loaded.documents["organisation"]) == {UNKNOWN}
        assert "metadata.csv is a folder" in " ".join(n.message for n in loaded.notices)
        with pytest.raises(RefusedInput, match="is a folder"):
            add_document(folder, TXT, name="x.txt", metadata={"organisation": "X"})

    def test_unreadable_metadata_is_a_notice(self, make_corpus, monkeypatch):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        real = Path.read_bytes

        def denied(self):
            if self.name == "metadata.csv":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
        loaded = load_corpus(folder)
        assert len(loaded.documents) == 3
        assert "cannot be read (permission denied)" in " ".join(n.message for n in loaded.notices)

    def test_unreadable_document_is_a_notice(self, make_corpus, monkeypatch):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        real = Path.read_bytes

        def denied(self):
            if self.name == "b.txt":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
        loaded = load_corpus(folder)
        assert sorted(loaded.documents["doc_id"]) == ["a-doc", "c-doc"]
        assert any("b.txt" in n.message and "cannot be read" in n.message for n in loaded.notices)


class TestItem9AccurateMessages:
    @pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_bom_is_text(self, encoding):
        prepared = prepare(("Why the war goes on\n\n" + BODY).encode(encoding), name="x.txt")
        assert prepared.encoding == encoding and prepared.cleaned.text.startswith("Why the war goes on")
        assert any("without a byte-order mark" in w for w in prepared.warnings)

    def test_fifo_is_not_no_such_file(self, make_corpus, tmp_path, monkeypatch, capsys):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        code, out, err = add_cli(folder, fifo, monkeypatch, capsys)
        assert code == 1 and out == "" and "no such file" not in err and "named pipe" in err

    def test_folder_is_not_no_such_file(self, make_corpus, tmp_path, monkeypatch, capsys):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        (tmp_path / "texts.txt").mkdir()
        code, _, err = add_cli(folder, tmp_path / "texts.txt", monkeypatch, capsys)
        assert code == 1 and "no such file" not in err and "is a folder" in err

    def test_short_english_text_is_not_flagged(self):
        prepared = prepare(f"Stop the war\n\n{SHORT_ENGLISH}".encode(), name="x.txt")
        assert not any("English" in w for w in prepared.warnings), prepared.warnings

    def test_chinese_text_is_flagged(self):
        prepared = prepare(CHINESE.encode(), name="x.txt")
        assert any("not English" in w or "does not look like English" in w for w in prepared.warnings)
        assert prepared.suggestion.get("language") != "en"

    def test_date_0000_is_refused(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        with pytest.raises(RefusedInput, match="0000"):
            add_document(folder, TXT, name="x.txt", metadata={"organisation": "Org A", "date": "0000"})

    def test_date_0000_in_metadata_loads_without_a_date(self, make_corpus):
        folder = corpus_with(make_corpus, (HEADER + ROWS.replace("2024-01-02", "0000")).encode())
        assert load_corpus(folder).documents.set_index("doc_id").loc["a-doc", "date"] == ""
        assert "'0000'" in notices(folder)

    def test_symlink_refused_unless_asked(self, make_corpus, tmp_path, monkeypatch, capsys):
        folder = corpus_with(make_corpus, (HEADER + ROWS).encode())
        link = tmp_path / "link.txt"
        link.symlink_to(source(tmp_path))
        before = snapshot(folder)
        code, out, err = add_cli(folder, link, monkeypatch, capsys)
        assert code == 1 and out == "" and "symbolic link" in err and "--follow-symlinks" in err
        assert snapshot(folder) == before
        code, out, _ = add_cli(folder, link, monkeypatch, capsys, "--follow-symlinks")
        assert code == 0 and out.strip() in set(load_corpus(folder).documents["doc_id"])
