"""lib.ingest.corpus: the real corpus as received, metadata validation, offsets back to the source."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from lib.contracts import DOCUMENT_COLUMNS
from lib.ingest.corpus import (
    UNKNOWN,
    clean_source,
    display,
    load_corpus,
    make_doc_id,
    parse_date,
    read_source,
    title_of,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
HEADER = "id,file,title,organisation,org_short,publication,author,date,url,language,source_note\n"


class TestRealCorpus:
    # sha256 of the five files as received (../shared/corpus/), so the check runs anywhere.
    RECEIVED = {
        "000_8c0713f0e6a326e8.txt": "47edfa4ea3c64e5e2b2d24b4d6512fa9805ef7bba518b5eae6e2123f97bc7bbd",
        "001_b16f348eaacb7f2f.txt": "3545ab858c5cd8cb110d0959beade1317eb9043556775a6f667e6e0a9a4a8ad6",
        "002_34639f5fbb1fb4d2.txt": "2977684c8c6630ce322058d73d94df34d244574db39d581b924b2da79559c5bd",
        "003_1b518a610fed741e.txt": "a24e2e5fcbb7a50f1c0c0d6ba3210be081864c78c004c4098004b3eeb604c181",
        "004_2f96fcfdfff9a963.txt": "b69bb397e6dfd8c6913ff6885820ad92d43f515ee9a6fc00aaece1c2ee033b4b",
    }

    def test_files_are_byte_identical_to_what_was_received(self):
        for name, digest in self.RECEIVED.items():
            assert hashlib.sha256((ROOT / "corpus" / name).read_bytes()).hexdigest() == digest, name
        if SHARED.exists():  # and, where the shared folder is at hand, against it directly
            for src in sorted(SHARED.glob("*.txt")):
                assert (ROOT / "corpus" / src.name).read_bytes() == src.read_bytes(), src.name

    def test_five_documents_with_the_agreed_organisations(self):
        loaded = load_corpus(ROOT / "corpus")
        docs = loaded.documents
        assert list(docs.columns) == DOCUMENT_COLUMNS
        assert sorted(docs["org_short"]) == ["CPGB-ML", "RCG", "WPI", "WRP", "WSWS"]
        assert set(docs["organisation"]) == {
            "Workers' Party of Ireland", "Communist Party of Great Britain (Marxist-Leninist)",
            "Revolutionary Communist Group", "Workers Revolutionary Party",
            "International Committee of the Fourth International"}
        assert [n for n in loaded.notices if n.level == "warning"] == []

    def test_metadata_stated_in_the_texts(self):
        docs = load_corpus(ROOT / "corpus").documents.set_index("file")
        rcg = docs.loc["002_34639f5fbb1fb4d2.txt"]
        assert (rcg["date"], rcg["date_precision"]) == ("2025-08", "month")
        assert rcg["author"] == "George O’Connell" and "307" in rcg["publication"]
        wsws = docs.loc["004_2f96fcfdfff9a963.txt"]
        assert (wsws["author"], wsws["date"], wsws["publication"]) == ("Tom Peters", "2022-03-30", "World Socialist Web Site")
        assert docs.loc["003_1b518a610fed741e.txt", "date"] == "2025-02-14"
        # Attributions from the publisher's page say so; the unknown date stays empty.
        wpi = docs.loc["000_8c0713f0e6a326e8.txt"]
        assert wpi["date"] == "" and "publisher's page" in wpi["source_note"]
        assert "publisher's page" in docs.loc["001_b16f348eaacb7f2f.txt", "source_note"]

    def test_cleaned_text_has_no_furniture_or_markup(self):
        docs = load_corpus(ROOT / "corpus").documents.set_index("file")
        rcg = docs.loc["002_34639f5fbb1fb4d2.txt", "text"]
        assert "cookies" not in rcg and "Related articles" not in rcg
        wsws = docs.loc["004_2f96fcfdfff9a963.txt", "text"]
        assert "**" not in wsws and "# New Zealand" not in wsws and "wsws.org/contact" not in wsws
        assert not docs.loc["003_1b518a610fed741e.txt", "text"].startswith(" date")

    def test_every_cleaned_word_maps_back_to_the_same_source_text(self):
        root = ROOT / "corpus"
        for row in load_corpus(root).documents.itertuples():
            decoded = read_source(root, row.file)
            cleaned = clean_source(decoded, file=row.file)
            assert cleaned.text == row.text
            for word in ("NATO", "Russia", "imperialism"):
                i = row.text.find(word)
                if i >= 0:
                    s, e = cleaned.offsets.to_source_start(i), cleaned.offsets.to_source_end(i + len(word))
                    assert decoded.text[s:e] == word


class TestLoadCorpus:
    def test_broken_rows_are_reported_and_the_rest_loads(self, make_corpus):
        folder = make_corpus(
            {"a.txt": "Alpha text about NATO.", "b.txt": "Beta text.", "c.txt": "Gamma text.", "orphan.md": "# Orphan\n\nNo row."},
            HEADER
            + "a-doc,a.txt,A,Org A,A,,,2024-01-02,,en,\n"
            + "a-doc,b.txt,B,Org B,B,,,,,en,\n"          # duplicate id
            + "m-doc,missing.txt,M,Org M,M,,,,,en,\n"    # missing file
            + "c-doc,c.txt,C,Org C,C,,,2024-13-45,,en,\n"  # bad date
            + "x-doc,../etc/passwd,X,Org X,X,,,,,en,\n",  # path outside the corpus
        )
        loaded = load_corpus(folder)
        messages = " | ".join(n.message for n in loaded.notices)
        assert "line 3" in messages and "duplicate id 'a-doc'" in messages
        assert "line 4" in messages and "missing.txt" in messages
        assert "line 5" in messages and "2024-13-45" in messages
        assert "line 6" in messages
        assert "orphan.md" in messages and UNKNOWN in messages
        docs = loaded.documents.set_index("file")
        assert set(docs.index) == {"a.txt", "c.txt", "b.txt", "orphan.md"}
        assert docs.loc["c.txt", "date"] == ""  # loads without the bad date
        assert docs.loc["orphan.md", "organisation"] == UNKNOWN
        assert docs.loc["b.txt", "organisation"] == UNKNOWN  # its row was a duplicate id

    def test_binary_file_is_skipped_with_a_notice(self, make_corpus):
        folder = make_corpus({"ok.txt": "Fine.", "bad.txt": b"%PDF-1.4\x00\x00"},
                             HEADER + "ok,ok.txt,,,,,,,,,\nbad,bad.txt,,,,,,,,,\n")
        loaded = load_corpus(folder)
        assert list(loaded.documents["file"]) == ["ok.txt"]
        assert any("bad.txt" in n.message and "PDF" in n.message for n in loaded.notices)

    def test_missing_folder_is_a_notice_not_an_error(self, tmp_path):
        loaded = load_corpus(tmp_path / "nope")
        assert loaded.documents.empty and "does not exist" in loaded.notices[0].message


class TestParseDate:
    @pytest.mark.parametrize("value, expected", [("2025", ("2025", "year")), ("2025-08", ("2025-08", "month")),
                                                 ("2025-02-14", ("2025-02-14", "day")), ("", ("", ""))])
    def test_partial_dates(self, value, expected):
        assert parse_date(value) == expected

    @pytest.mark.parametrize("value", ["2025-13", "14/02/2025", "2025-02-30", "soon"])
    def test_bad_dates(self, value):
        with pytest.raises(ValueError):
            parse_date(value)


class TestMakeDocId:
    def test_readable_slug_and_uniqueness(self):
        assert make_doc_id(org_short="CPGB-ML", date="2025-04-05", title="Russia closes on victory while imperialism scrambles") \
            == "cpgb-ml-2025-04-05-russia-closes-on-victory-while"
        assert make_doc_id(org_short="X", date="", title="Same", taken={"x-same"}) == "x-same-2"

    @pytest.mark.parametrize(("title", "slug"), [
        ("Ukraine's negotiations", "rcg-2025-ukraines-negotiations"),
        ("Ukraine’s workers’ war", "rcg-2025-ukraines-workers-war"),  # curly apostrophes
        ("O'Neill's 'peace' plan", "rcg-2025-oneills-peace-plan"),  # quotes around a word are not apostrophes
    ])
    def test_apostrophes_keep_words_whole(self, title, slug):
        # Issue 16: "Ukraine's" gave "ukraine-s", a stray "s" read as a word of its own.
        assert make_doc_id(org_short="RCG", date="2025", title=title) == slug


class TestDisplay:
    def test_empty_reads_unknown(self):
        assert display("") == "unknown" and display(None) == "unknown" and display("Tom") == "Tom"
        assert title_of({"title": "", "doc_id": "d1"}) == "(untitled: d1)"
