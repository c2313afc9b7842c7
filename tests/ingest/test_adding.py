"""Validating and adding documents (lib/ingest/adding.py): checks, metadata, atomic writes, rollback."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from lib.ingest import adding, commit
from lib.ingest.adding import (
    add_document,
    known_organisations,
    match_organisation,
    prepare,
    session_document,
    short_name,
    validate_metadata,
    writes_allowed,
)
from lib.ingest.corpus import load_corpus
from lib.ingest.decoding import RefusedInput

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
BODY = ("The war in Ukraine has gone on for two years and there is no end in sight for the people who live "
        "there and work in its factories and fields, and the government has no answer to it.")
TXT = f"Why the war goes on\n\nBy Jane Doe | 3 March 2024\n\n{BODY}\n".encode()
METADATA = ("id,file,title,organisation,org_short,publication,author,date,url,language,source_note\n"
            "wpi-one,000_aaaa.txt,One,Workers' Party of Ireland,WPI,,,2024-01-01,,en,\n")
KNOWN = [("WPI", "Workers' Party of Ireland"), ("RCG", "Revolutionary Communist Group")]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (names and bytes): 'unchanged' means equal snapshots."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture()
def corpus(make_corpus):
    return make_corpus({"000_aaaa.txt": f"One\n\n{BODY} First document."}, METADATA)


class TestWritesAllowed:
    def test_values(self):
        assert writes_allowed({"PARTY_LINES_ALLOW_WRITES": "1"})
        assert writes_allowed({"PARTY_LINES_ALLOW_WRITES": "true"})
        assert not writes_allowed({})
        assert not writes_allowed({"PARTY_LINES_ALLOW_WRITES": "0"})


class TestPrepare:
    def test_txt(self):
        p = prepare(TXT, name="whatever.txt")
        assert (p.fmt, p.encoding, p.guessed) == ("txt", "utf-8", False)
        assert p.suggestion.get("author") == "Jane Doe"
        assert p.warnings == []

    def test_html_sample_iso_8859_1(self):
        p = prepare((SAMPLES / "20_socialistworker-us-bush-meddles-ukraine-2004.html").read_bytes(), name="a.HTM")
        assert p.fmt == "html" and p.suffix == ".htm"
        assert p.suggestion.get("title") == "Bush meddles in Ukraine's crisis"
        assert "<" not in p.cleaned.text[:200]

    def test_markdown(self):
        p = prepare(b"# A title\n\n*By Sam Smith, 5 May 2023*\n\n" + BODY.encode(), name="x.md")
        assert p.fmt == "md" and p.suggestion.get("title") == "A title"

    def test_invalid_utf8_guessed_with_note(self):
        raw = ("Caf\u00e9 na\u00efve d\u00e9j\u00e0 vu. " + BODY).encode("cp1252")
        p = prepare(raw, name="x.txt")
        assert p.guessed
        assert any("best guess" in w for w in p.warnings)
        assert "Caf\u00e9" in p.cleaned.text

    def test_utf16_bom(self):
        p = prepare(codecs.BOM_UTF16_LE + ("Title\n\n" + BODY).encode("utf-16-le"), name="x.txt")
        assert p.encoding == "utf-16-le" and p.cleaned.text.startswith("Title")
        assert any("utf-16-le" in w for w in p.warnings)

    @pytest.mark.parametrize(("raw", "fragment"), [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "only whitespace"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        (b"hello\x00world" * 20, "does not look like text"),
    ])
    def test_refused_bytes(self, raw, fragment):
        with pytest.raises(RefusedInput, match=fragment):
            prepare(raw, name="x.txt")

    def test_over_size_limit_names_limit(self):
        with pytest.raises(RefusedInput, match="the limit is 1 MB"):
            prepare(b"a " * 600_000, name="x.txt", max_bytes=1024 * 1024)

    def test_wrong_extension(self):
        with pytest.raises(RefusedInput, match="Only text files"):
            prepare(TXT, name="x.exe")
        with pytest.raises(RefusedInput, match="Only text files"):
            prepare(TXT, name="no-extension")

    def test_extremely_long_line(self):
        with pytest.raises(RefusedInput, match="line of 60,000 characters; the limit is 50,000"):
            prepare(("word " * 12_000).encode(), name="x.txt")

    def test_unbroken_run(self):
        with pytest.raises(RefusedInput, match="without a space"):
            prepare(b"Title\n\n" + b"A" * 6000, name="x.txt")

    def test_html_without_words(self):
        with pytest.raises(RefusedInput, match="No words"):
            prepare(b"<html><body><script>alert(1)</script></body></html>", name="x.html")

    def test_hostile_markup_kept_as_text_with_warning(self):
        raw = (b"Title\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> "
               b"[click](javascript:alert(3)) <iframe srcdoc='<b>x</b>'></iframe> $x^2$ :red[big] " + BODY.encode())
        p = prepare(raw, name="x.txt")
        assert "<script>alert(1)</script>" in p.cleaned.text
        assert any("kept as plain text" in w for w in p.warnings)

    def test_invisible_characters_kept_and_named(self):
        p = prepare(("Title\n\nabc\u202edef zero\u200bwidth " + BODY).encode(), name="x.txt")
        assert "\u202e" in p.cleaned.text and "\u200b" in p.cleaned.text
        assert any("[U+202E]" in w and "[U+200B]" in w for w in p.warnings)

    def test_not_english_warns(self):
        fr = ("La guerre en Ukraine dure depuis deux ans et les travailleurs du pays ne voient aucune fin, tandis "
              "que le gouvernement annonce une nouvelle aide militaire sans consulter les syndicats.")
        p = prepare(fr.encode(), name="x.txt")
        assert any("does not look like English" in w for w in p.warnings)


class TestKnownOrganisations:
    def test_pairs(self):
        rows = [{"organisation": "A B", "org_short": "AB"}, {"organisation": "a  b", "org_short": "x"},
                {"organisation": "unknown", "org_short": "unknown"}, {"organisation": "C", "org_short": ""}]
        assert known_organisations(rows) == [("AB", "A B"), ("C", "C")]


class TestMatchOrganisation:
    @pytest.mark.parametrize("name", ["Workers' Party of Ireland", "workers party of ireland",
                                      "Workers’  Party of Ireland", "wpi"])
    def test_variants(self, name):
        assert match_organisation(name, KNOWN) == ("WPI", "Workers' Party of Ireland")

    def test_new(self):
        assert match_organisation("Socialist Worker", KNOWN) is None


class TestShortName:
    def test_short_kept(self):
        assert short_name("Socialist Worker") == "Socialist Worker"

    def test_no_invented_initials(self):
        # Issue 14: "Russian Federation" became "RF". Initials need evidence.
        assert short_name("Russian Federation") == "Russian Federation"
        assert short_name("International Socialist Organization") == "International Socialist Organization"

    def test_initials_from_the_organisations_own_usage(self):
        assert short_name("International Socialist Organization",
                          text="The International Socialist Organization (ISO) said") == "ISO"
        assert short_name("Party of the Workers and the Poor People", text="Join the PWPP today.") == "PWPP"
        assert short_name("Workers Revolutionary Party (WRP)") == "WRP"  # given in the name itself
        assert short_name("Revolutionary Communist Group", text="RCGs of the world") == "Revolutionary Communist Group"

    def test_taken(self):
        assert short_name("International Socialist Organization", ["iso"], text="the ISO") == "ISO2"


class TestValidateMetadata:
    def test_known_org_merged(self):
        row, messages = validate_metadata({"organisation": "workers party of ireland"}, known=KNOWN)
        assert (row["organisation"], row["org_short"]) == ("Workers' Party of Ireland", "WPI")
        assert any("taken as the known organisation" in m for m in messages)

    def test_new_org(self):
        row, _ = validate_metadata({"organisation": "International Socialist Organization"}, known=KNOWN,
                                   text="... said the ISO.")
        assert row["org_short"] == "ISO"
        row, _ = validate_metadata({"organisation": "Russian Federation"}, known=KNOWN)
        assert row["org_short"] == "Russian Federation"

    def test_required_org(self):
        with pytest.raises(RefusedInput, match="organisation is required"):
            validate_metadata({"organisation": "  "}, known=KNOWN)

    def test_loose_date_read(self):
        row, messages = validate_metadata({"organisation": "X", "date": "3 March 2024"}, known=[])
        assert row["date"] == "2024-03-03" and messages

    def test_bad_date(self):
        with pytest.raises(RefusedInput, match="not a date"):
            validate_metadata({"organisation": "X", "date": "2025-13-40"}, known=[])

    @pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>", "ftp://x", "http://a b"])
    def test_bad_url(self, url):
        with pytest.raises(RefusedInput, match="http"):
            validate_metadata({"organisation": "X", "url": url}, known=[])

    def test_bad_language(self):
        with pytest.raises(RefusedInput, match="language code"):
            validate_metadata({"organisation": "X", "language": "<b>"}, known=[])

    def test_hostile_title_kept_as_text_line_breaks_removed(self):
        row, messages = validate_metadata({"organisation": "<img src=x onerror=alert(1)>",
                                           "title": "<script>alert(1)</script>\nsecond line\x07"}, known=[])
        assert row["title"] == "<script>alert(1)</script> second line"
        assert row["organisation"] == "<img src=x onerror=alert(1)>"
        assert any("Line breaks" in m for m in messages)

    def test_too_long(self):
        with pytest.raises(RefusedInput, match="the limit is 300"):
            validate_metadata({"organisation": "X", "title": "t" * 301}, known=[])


class TestAddDocument:
    def test_adds_txt_with_detected_metadata(self, corpus):
        added = add_document(corpus, TXT, name="../../etc/evil name.txt", metadata={"organisation": "wpi"})
        assert added.doc_id == "wpi-2024-03-03-why-the-war-goes-on"
        assert added.file.startswith("001_") and added.file.endswith(".txt") and "evil" not in added.file
        assert (corpus / added.file).read_bytes() == TXT  # bytes as received
        docs = load_corpus(corpus).documents.set_index("doc_id")
        row = docs.loc[added.doc_id]
        assert (row["title"], row["author"], row["date"], row["organisation"]) == \
            ("Why the war goes on", "Jane Doe", "2024-03-03", "Workers' Party of Ireland")
        assert (corpus / "metadata.csv").read_text().startswith(METADATA)  # old rows untouched
        assert not [p for p in corpus.iterdir() if p.name.startswith(".")]  # no temp or lock files left

    def test_given_metadata_wins(self, corpus):
        added = add_document(corpus, TXT, name="a.txt", metadata={"organisation": "New Org", "title": "Mine",
                                                                  "date": "2020"})
        assert added.doc_id == "new-org-2020-mine"

    def test_html_and_md(self, corpus):
        a = add_document(corpus, (SAMPLES / "19_socialistworker-us-ukraine-election-crisis-2004.html").read_bytes(),
                         name="page.html", metadata={"organisation": "International Socialist Organization"})
        b = add_document(corpus, b"# Markdown title\n\n" + BODY.encode(), name="n.md", metadata={"organisation": "RCG"})
        docs = load_corpus(corpus).documents.set_index("doc_id")
        assert docs.loc[a.doc_id, "format"] == "html" and docs.loc[a.doc_id, "date"] == "2004-12-03"
        assert docs.loc[b.doc_id, "format"] == "md" and docs.loc[b.doc_id, "org_short"] == "RCG"

    def test_no_metadata_file_yet(self, tmp_path):
        folder = tmp_path / "new"
        added = add_document(folder, TXT, name="a.txt", metadata={"organisation": "X"})
        loaded = load_corpus(folder)
        assert list(loaded.documents["doc_id"]) == [added.doc_id]

    def test_duplicate_refused_naming_existing(self, corpus):
        before = snapshot(corpus)
        with pytest.raises(RefusedInput, match="already in the corpus as 'wpi-one'"):
            add_document(corpus, (corpus / "000_aaaa.txt").read_bytes(), name="copy.txt",
                         metadata={"organisation": "X"})
        assert snapshot(corpus) == before

    def test_refused_input_leaves_corpus(self, corpus):
        before = snapshot(corpus)
        for raw, name in [(b"", "a.txt"), (b"%PDF-1.4", "a.txt"), (TXT, "a.pdf")]:
            with pytest.raises(RefusedInput):
                add_document(corpus, raw, name=name, metadata={"organisation": "X"})
        with pytest.raises(RefusedInput):
            add_document(corpus, TXT, name="a.txt", metadata={"organisation": "X", "url": "javascript:x"})
        assert snapshot(corpus) == before

    @pytest.mark.parametrize("fail_on", [1, 2])
    def test_failed_replace_leaves_corpus_exactly(self, corpus, monkeypatch, fail_on):
        before = snapshot(corpus)
        real, calls = os.replace, []

        def failing(src, dst):
            calls.append(dst)
            if len(calls) == fail_on:
                raise OSError(28, "No space left on device")
            return real(src, dst)

        monkeypatch.setattr(adding.os, "replace", failing)
        with pytest.raises(OSError):
            add_document(corpus, TXT, name="a.txt", metadata={"organisation": "X"})
        assert snapshot(corpus) == before

    @pytest.mark.parametrize("fail_on", [1, 2, 3])
    def test_failed_staging_write_leaves_corpus(self, corpus, monkeypatch, fail_on):
        before = snapshot(corpus)
        real = commit._write_new
        calls = []

        def failing(path, data, **kwargs):  # 1: the document, 2: metadata.csv, 3: the journal
            calls.append(1)
            if len(calls) == fail_on:
                raise OSError(5, "I/O error")
            return real(path, data, **kwargs)

        monkeypatch.setattr(commit, "_write_new", failing)
        with pytest.raises(OSError):
            add_document(corpus, TXT, name="a.txt", metadata={"organisation": "X"})
        assert snapshot(corpus) == before

    def test_concurrent_adds_all_kept(self, corpus):
        errors: list[Exception] = []

        def add(i: int) -> None:
            try:
                add_document(corpus, TXT + f"\nNumber {i}.".encode(), name="a.txt", metadata={"organisation": "X"})
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=add, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        loaded = load_corpus(corpus)
        assert len(loaded.documents) == 7 and loaded.notices == []
        assert loaded.documents["doc_id"].is_unique

    def test_crlf_metadata_kept(self, make_corpus):
        folder = make_corpus({"000_aaaa.txt": f"One\n\n{BODY}"}, METADATA.replace("\n", "\r\n"))
        add_document(folder, TXT, name="a.txt", metadata={"organisation": "X"})
        text = (folder / "metadata.csv").read_bytes()
        assert text.startswith(METADATA.replace("\n", "\r\n").encode()) and b"\r\n" in text[len(METADATA):]
        assert len(load_corpus(folder).documents) == 2


class TestSessionDocument:
    def test_row_built_by_load_document(self, corpus):
        docs = load_corpus(corpus).documents
        row, messages = session_document(prepare(TXT, name="x.txt"), {"organisation": "wpi"}, documents=docs)
        assert row["doc_id"] == "wpi-2024-03-03-why-the-war-goes-on"
        assert row["file"].startswith("session_") and row["org_short"] == "WPI"
        assert "not saved to the shared corpus" in row["source_note"]
        assert row["n_words"] > 30

    def test_duplicate_in_corpus_or_session(self, corpus):
        docs = load_corpus(corpus).documents
        with pytest.raises(RefusedInput, match="already loaded as 'wpi-one'"):
            session_document(prepare((corpus / "000_aaaa.txt").read_bytes(), name="x.txt"), {"organisation": "X"},
                             documents=docs)
        row, _ = session_document(prepare(TXT, name="x.txt"), {"organisation": "X"}, documents=docs)
        with pytest.raises(RefusedInput, match="already loaded"):
            session_document(prepare(TXT, name="y.txt"), {"organisation": "X"}, documents=docs, session_rows=[row])
