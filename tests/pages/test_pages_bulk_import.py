"""The Corpus page's bulk import (AppTest, issue 18): several files and a zip at once, checked and
imported by a bounded worker in one commit, with the command's summary."""

from __future__ import annotations

import io
import time
import zipfile

from lib.ingest.corpus import load_corpus
from tests.ingest.test_adding import BODY, snapshot
from tests.pages.test_pages_corpus import PAGE, msgs, texts
from tests.pagetest import run_page


def doc(k: int) -> bytes:
    return f"Bulk article {k}\n\n{BODY} Paragraph {k} of the bulk page test.\n".encode()


def a_zip() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("folder/z1.txt", doc(11))
        archive.writestr("folder/z2.md", doc(12))
        archive.writestr("../../escape.txt", doc(13))
        archive.writestr("metadata.csv", b"file,title,date\nfolder/z1.txt,From the zip,2024-05-01\n")
    return data.getvalue()


def bulk_uploader(at):
    return next(u for u in at.file_uploader if u.key.startswith("corpus-bulk-"))


def wait_for_import(at, timeout: float = 300):
    """Wait for the session's import job, then run the page (its progress box would do that)."""
    job = at.session_state["_pl_import_job"]
    deadline = time.monotonic() + timeout
    while not job.status().finished and time.monotonic() < deadline:
        time.sleep(0.2)
    assert job.status().finished, job.status()
    at.run()
    return job


def choose(at, files: list[tuple[str, bytes]], org: str = "Bulk Party"):
    uploader = bulk_uploader(at)
    for name, data in files:
        uploader.upload(name, data, "application/zip" if name.endswith(".zip") else "text/plain")
    at.run()
    at.text_input(key="corpus-bulk-org").input(org)
    at.run()
    return at


def press(at, key: str):
    next(b for b in at.button if b.key == key).click()
    return at.run()


class TestBulkImport:
    def test_several_files_and_a_zip_checked_then_imported(self, tmp_corpus, monkeypatch):
        monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
        before = snapshot(tmp_corpus)
        at = run_page(PAGE)
        assert not at.exception
        assert "Several documents at once, or a zip of them" in texts(at)
        files = [("one.txt", doc(1)), ("two.txt", doc(2)), ("copy.txt", doc(1)), ("batch.zip", a_zip()),
                 ("dup-of-corpus.txt", (tmp_corpus / "002_34639f5fbb1fb4d2.txt").read_bytes())]
        choose(at, files)
        assert any(b.key == "corpus-bulk-import" and b.label == "Import 5 files to the shared corpus"
                   for b in at.button)
        # Check only: the summary, nothing written.
        press(at, "corpus-bulk-check")
        assert not at.exception, [e.value for e in at.exception]
        wait_for_import(at)
        assert not at.exception, [e.value for e in at.exception]
        shown = msgs(at.warning) + msgs(at.success)
        assert any("4 documents would be added (dry run: nothing was written); 3 refused" in m for m in shown), shown
        refused = {r["file"]: r["reason"] for r in _frame(at, "reason").to_dict("records")}
        assert "same content is already in this import as 'one.txt'" in refused["copy.txt"]
        assert "already in the corpus as 'rcg-2025-08-ukraine-negotiations-stalemate'" in refused["dup-of-corpus.txt"]
        assert "points outside the archive" in refused["batch.zip: ../../escape.txt"]
        assert snapshot(tmp_corpus) == before
        # Import: one commit, the same summary, the uploader emptied, the table shows the new documents.
        press(at, "corpus-bulk-import")
        job = wait_for_import(at)
        assert not job.dry_run and not at.exception
        shown = msgs(at.warning) + msgs(at.success)
        assert any("4 documents added; 3 refused" in m for m in shown), shown
        docs = load_corpus(tmp_corpus).documents
        assert len(docs) == 9 and set(docs["organisation"]) >= {"Bulk Party"}
        assert "From the zip" in set(docs["title"]) and "2024-05-01" in set(docs["date"])
        assert not bulk_uploader(at).value  # emptied for the next batch
        assert not (tmp_corpus.parent / "escape.txt").exists()

    def test_read_only_app_offers_no_bulk_import(self, tmp_corpus):
        at = run_page(PAGE)
        assert not at.exception
        assert "Several documents at once, or a zip of them" in texts(at)
        assert not [u for u in at.file_uploader if u.key.startswith("corpus-bulk-")]
        assert "python -m lib import" in texts(at)

    def test_a_refused_archive_is_named(self, tmp_corpus, monkeypatch):
        monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
        before = snapshot(tmp_corpus)
        at = choose(run_page(PAGE), [("broken.zip", b"PK\x03\x04 not a zip at all")])
        press(at, "corpus-bulk-import")
        wait_for_import(at)
        assert not at.exception
        refused = {r["file"]: r["reason"] for r in _frame(at, "reason").to_dict("records")}
        assert "not a readable zip archive" in refused["broken.zip"]
        assert snapshot(tmp_corpus) == before


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)
