"""The Corpus page (AppTest): metadata table, uploads in read-only and write modes, refusals, parameters."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from lib.ingest.corpus import load_corpus
from tests.ingest.test_adding import BODY, TXT, snapshot
from tests.pagetest import run_page, upload_jobs, wait_for_uploads

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/5_Corpus.py"


def plain(value: str) -> str:
    """A safe_label'd string with its backslash escapes removed (what a person reads)."""
    return re.sub(r"\\(.)", r"\1", value)


def msgs(elements) -> list[str]:
    return [plain(e.value) for e in elements]


def texts(at) -> str:
    parts = [plain(e.value) for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error", "success",
                                  "code") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def upload(at, name: str, raw: bytes):
    """Put a file in the uploader; its worker checks it (the page shows progress), then the page runs again."""
    at.file_uploader[0].upload(name, raw, "text/plain")
    at.run()
    return wait_for_uploads(at)


def submit(at, raw: bytes, *, org: str | None = None, new_org: str = "", **fields: str):
    k = f"corpus-form-{hashlib.sha256(raw).hexdigest()[:12]}"
    if org is not None:
        at.selectbox(key=f"{k}-org").select(org)
    if new_org:
        at.selectbox(key=f"{k}-org").select("\u0000new")
        at.text_input(key=f"{k}-neworg").input(new_org)
    for name, value in fields.items():
        at.text_input(key=f"{k}-{name}").input(value)
    next(b for b in at.button if b.label.startswith("Add ")).click()
    at.run()
    if pending(at):  # hosted: the document joins the session when its worker has analysed it
        wait_for_uploads(at, until="done")
    return at


def pending(at) -> list:
    try:
        return list(at.session_state["_pl_upload_pending"])
    except KeyError:
        return []


class TestRender:
    def test_real_corpus(self):
        at = run_page(PAGE)
        assert not at.exception
        assert at.title[0].value == "Corpus"
        table = at.dataframe[0].value
        assert len(table) == 5 and "rcg-2025-08-ukraine-negotiations-stalemate" in set(table["doc_id"])
        assert "text" not in table.columns
        assert "read-only" in texts(at)  # writes are off unless the operator turns them on
        assert any("Corpus version" in c.value for c in at.code)

    def test_empty_selection(self):
        at = run_page(PAGE, **{"from": "2100-01-01"})
        assert not at.exception
        assert any("No documents match" in i.value for i in at.info)

    @pytest.mark.parametrize("params", [
        {"doc": "<script>alert(1)</script>"}, {"doc": "x" * 10_000}, {"at": "abc", "end": "-5"},
        {"org": "<img src=x onerror=alert(1)>"}, {"end": "99999999999999999999"}, {"unknown": "$x$ :red[y]"},
    ])
    def test_bad_parameters(self, params):
        at = run_page(PAGE, **params)
        assert not at.exception
        assert len(at.dataframe[0].value) >= 1
        if set(params) & {"doc", "at", "end", "org"}:
            assert at.warning, params
        for w in at.warning:
            assert not re.search(r"(?<!\\)<", w.value)  # every < escaped as \< (inert in Markdown)


class TestUploadReadOnly:
    def test_upload_changes_nothing_on_disk_and_shows_in_session(self, tmp_corpus):
        before = snapshot(tmp_corpus)
        at = run_page(PAGE)
        upload(at, "../../etc/passwd.txt", TXT)
        assert not at.exception
        assert at.text_input(key=f"corpus-form-{hashlib.sha256(TXT).hexdigest()[:12]}-author").value == "Jane Doe"
        submit(at, TXT, org="WPI")
        assert not at.exception, [e.value for e in at.exception]
        assert any("Added for this session as wpi-2024-03-03-why-the-war-goes-on" in m for m in msgs(at.success))
        assert snapshot(tmp_corpus) == before  # byte for byte: nothing written
        assert "wpi-2024-03-03-why-the-war-goes-on" in set(at.dataframe[0].value["doc_id"])
        assert len(at.dataframe[0].value) == 6
        # the same session sees it on another page
        at.switch_page("app.py")
        at.run()
        assert not at.exception
        assert "wpi-2024-03-03-why-the-war-goes-on" in set(at.dataframe[0].value["doc_id"])
        # and reads its text (the documents table holds no texts: lib.web.cached.texts_for)
        at.query_params["doc"] = "wpi-2024-03-03-why-the-war-goes-on"
        at.switch_page("pages/1_Document.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        shown = " ".join(str(e.proto.body) for e in at.get("html"))
        assert "has gone on for two years" in shown
        assert snapshot(tmp_corpus) == before

    def test_a_new_session_does_not_see_it(self, tmp_corpus):
        at = run_page(PAGE)
        upload(at, "a.txt", TXT)
        submit(at, TXT, new_org="Someone Else")
        assert any("Added for this session" in m for m in msgs(at.success))
        fresh = run_page(PAGE)
        assert len(fresh.dataframe[0].value) == 5

    def test_duplicate_of_corpus_refused(self, tmp_corpus):
        # Issue 16 item 9: refused as soon as the file is read, before any metadata is asked for.
        raw = (tmp_corpus / "002_34639f5fbb1fb4d2.txt").read_bytes()
        at = upload(run_page(PAGE), "dup.txt", raw)
        assert any("already in the corpus as 'rcg-2025-08-ukraine-negotiations-stalemate'" in m
                   for m in msgs(at.error)), msgs(at.error)
        assert not [b for b in at.button if b.label.startswith("Add ")]  # no form to fill in
        assert not upload_jobs(at)  # and no worker started on it


class TestUploadWritesOn:
    def test_added_to_corpus(self, tmp_corpus, monkeypatch):
        monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
        raw = (ROOT / "tests/data/samples/19_socialistworker-us-ukraine-election-crisis-2004.html").read_bytes()
        at = run_page(PAGE)
        assert "Writes are on" in texts(at)
        upload(at, "page.html", raw)
        submit(at, raw, new_org="International Socialist Organization", url="https://socialistworker.org/2004-2/523/")
        assert not at.exception
        # No abbreviation is invented for a new organisation (issue 14): the page never writes "ISO".
        doc_id = "international-socialist-organization-2004-12-03-ukraines-election-crisis"  # issue 16: words whole
        assert any(f"Added to the shared corpus as {doc_id}" in m for m in msgs(at.success))
        docs = load_corpus(tmp_corpus).documents.set_index("doc_id")
        row = docs.loc[doc_id]
        assert (row["title"], row["date"], row["format"], row["url"]) == \
            ("Ukraine's election crisis", "2004-12-03", "html", "https://socialistworker.org/2004-2/523/")
        assert (tmp_corpus / row["file"]).read_bytes() == raw
        assert len(at.dataframe[0].value) == 6

    def test_short_name_of_a_new_organisation_is_chosen(self, tmp_corpus, monkeypatch):
        # Issue 16 item 9: the short name of a new organisation could not be chosen (the full name, or an
        # abbreviation found in the text, was used whatever the person wanted).
        monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
        at = upload(run_page(PAGE), "a.txt", TXT)
        submit(at, TXT, new_org="Socialist Workers Network", short="SWN", title="Ukraine's workers")
        assert not at.exception
        assert any("Added to the shared corpus as swn-2024-03-03-ukraines-workers" in m for m in msgs(at.success)), \
            msgs(at.success) + msgs(at.error)
        row = load_corpus(tmp_corpus).documents.set_index("doc_id").loc["swn-2024-03-03-ukraines-workers"]
        assert (row["org_short"], row["organisation"]) == ("SWN", "Socialist Workers Network")

    def test_refused_metadata_changes_nothing(self, tmp_corpus, monkeypatch):
        monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
        before = snapshot(tmp_corpus)
        at = upload(run_page(PAGE), "a.txt", TXT)
        submit(at, TXT, org="WPI", url="javascript:alert(1)")
        assert any("must be a plain web address" in m for m in msgs(at.error))
        at = upload(run_page(PAGE), "b.txt", TXT)
        submit(at, TXT)  # no organisation chosen
        assert any("organisation is required" in m for m in msgs(at.error))
        assert snapshot(tmp_corpus) == before


class TestRefusals:
    @pytest.mark.parametrize(("name", "raw", "fragment"), [
        ("empty.txt", b"", "The file is empty"),
        ("blank.md", b"   \n\n\t ", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
        ("doc.html", b"%PDF-1.4 rest", "PDF"),
        ("nul.txt", b"A title\n\nSome words\x00 and \x00more" * 20, "does not look like text"),
        ("long.txt", b"word " * 12_000, "the limit is 50,000"),
        ("big.txt", b"a " * (3 * 1024 * 1024), "the limit for an upload here is 2 MB"),
    ])
    def test_refused_with_message(self, tmp_corpus, monkeypatch, name, raw, fragment):
        monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
        before = snapshot(tmp_corpus)
        at = upload(run_page(PAGE), name, raw)
        assert not at.exception
        assert any(fragment in m for m in msgs(at.error)), [e.value for e in at.error]
        assert not [b for b in at.button if b.label.startswith("Add ")]
        # Issue 16 item 9: in plain words (no "NUL bytes", no "byte-order mark")
        assert not [m for m in msgs(at.error) if re.search(r"NUL|byte-order|binary", m)], msgs(at.error)
        assert snapshot(tmp_corpus) == before

    def test_guessed_encoding_and_non_english_warn(self, tmp_corpus):
        raw = ("La guerre en Ukraine dure depuis deux ans et les travailleurs du pays ne voient aucune fin, tandis "
               "que le gouvernement français annonce une nouvelle aide militaire sans consulter les syndicats "
               "ni les élus régionaux.").encode("cp1252")
        at = upload(run_page(PAGE), "fr.txt", raw)
        warnings = " ".join(msgs(at.warning))
        assert "best guess" in warnings and "does not look like English" in warnings

    def test_hostile_upload_shown_as_text(self, tmp_corpus):
        raw = ("Title <script>alert(1)</script>\n\nBy <img src=x onerror=alert(2)>\n\n"
               "A [link](javascript:alert(3)) and $x^2$ and :red[red] \u202eabc\u200b. " + BODY).encode()
        at = upload(run_page(PAGE), "h.md", raw)
        assert not at.exception
        assert any("kept as plain text" in m for m in msgs(at.warning))
        assert any("[U+202E]" in m for m in msgs(at.warning))


class TestExport:
    def test_zip_with_session_document(self, tmp_corpus):
        import io
        import zipfile

        at = upload(run_page(PAGE, timeout=300), "a.txt", TXT)
        submit(at, TXT, org="WPI")
        next(b for b in at.button if b.key == "corpus-export-build").click()
        at.run(timeout=300)
        assert not at.exception, [e.value for e in at.exception]
        (version, exact), data = at.session_state["corpus-export"]
        assert exact is False
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        assert {"csv/documents.csv", "parquet/tokens.parquet", "parquet/mentions.parquet", "csv/term_counts.csv",
                "metadata.csv", "CITATION.bib", "README.txt"} <= names
        import pandas as pd

        docs = pd.read_parquet(io.BytesIO(zf.read("parquet/documents.parquet")))
        assert "wpi-2024-03-03-why-the-war-goes-on" in set(docs["doc_id"]) and len(docs) == 6
        tokens = pd.read_parquet(io.BytesIO(zf.read("parquet/tokens.parquet")))
        assert "wpi-2024-03-03-why-the-war-goes-on" in set(tokens["doc_id"])
        assert zf.read("files/session_" + hashlib.sha256(TXT).hexdigest()[:16] + ".txt") == TXT
        assert "uploaded in the exporting browser session" in zf.read("README.txt").decode()
        assert version in zf.read("CITATION.txt").decode()
