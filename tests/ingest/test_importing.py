"""Bulk import (lib/ingest/importing.py, issue 18): folders, zips, CSV and JSON Lines tables, dry runs,
duplicates, unknown columns and hostile zip entries."""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from lib.ingest import importing
from lib.ingest.corpus import load_corpus
from lib.ingest.decoding import RefusedInput
from lib.ingest.metadata_file import read_metadata_file
from tests.ingest.test_adding import BODY, METADATA, snapshot


def doc(k: int, title: str | None = None) -> bytes:
    return f"{title or f'Article number {k}'}\n\n{BODY} Paragraph {k} of the import test.\n".encode()


@pytest.fixture()
def corpus(make_corpus):
    return make_corpus({"000_aaaa.txt": f"One\n\n{BODY} First document."}, METADATA)


def run(corpus: Path, path: Path, **kwargs) -> importing.Summary:
    metadata = kwargs.pop("metadata", None)
    limits = kwargs.pop("zip_limits", None)
    return importing.run_import(corpus, importing.sources(path, metadata=metadata, zip_limits=limits), **kwargs)


def rows(corpus: Path) -> list[dict[str, str]]:
    return read_metadata_file(corpus).rows


def refused(summary: importing.Summary) -> dict[str, str]:
    return dict(summary.refused)


class TestFolder:
    def test_recursive_with_checks_of_add(self, corpus, tmp_path):
        src = tmp_path / "src"
        (src / "a" / "b").mkdir(parents=True)
        (src / "one.txt").write_bytes(doc(1))
        (src / "a" / "two.md").write_bytes(doc(2))
        (src / "a" / "b" / "three.html").write_bytes(b"<html><head><title>Three</title></head><body><p>"
                                                     + BODY.encode() + b" Third.</p></body></html>")
        (src / "a" / "notes.docx").write_bytes(b"PK\x03\x04binary")
        (src / "a" / "empty.txt").write_bytes(b"")
        (src / ".hidden.txt").write_bytes(doc(9))
        (src / ".git").mkdir()
        (src / ".git" / "x.txt").write_bytes(doc(10))
        seen = []
        summary = run(corpus, src, org="Revolutionary Communist Group",
                      progress=lambda done, total, name: seen.append((done, total, name)))
        assert sorted(a.name for a in summary.added) == ["a/b/three.html", "a/two.md", "one.txt"]
        reasons = refused(summary)
        assert set(reasons) == {"a/notes.docx", "a/empty.txt"}
        assert reasons["a/notes.docx"].startswith("Only text files can be added")  # add's own message
        assert "empty" in reasons["a/empty.txt"].lower()
        assert any("2 hidden" in n for n in summary.notes)
        assert [d for d, _, _ in seen] == [1, 2, 3, 4, 5] and {t for _, t, _ in seen} == {5}
        docs = load_corpus(corpus).documents.set_index("doc_id")
        assert len(docs) == 4 and (docs["org_short"] == "RCG").sum() == 0  # a new organisation
        new = docs[docs.index != "wpi-one"]
        assert set(new["organisation"]) == {"Revolutionary Communist Group"}
        assert set(new["title"]) == {"Article number 1", "Article number 2", "Three"}
        for imported in summary.added:  # stored as received, under generated names
            assert (corpus / imported.file).read_bytes() == (src / imported.name).read_bytes()
        assert not (corpus / ".commit").exists()

    def test_known_organisation_spelling_merged_and_organisation_required(self, corpus, tmp_path):
        src = tmp_path / "src"
        src.mkdir()
        (src / "a.txt").write_bytes(doc(1))
        summary = run(corpus, src, org="workers party of ireland")
        assert load_corpus(corpus).documents.set_index("doc_id").loc[summary.added[0].doc_id, "org_short"] == "WPI"
        (src / "b.txt").write_bytes(doc(2))
        summary = run(corpus, src)  # no --org and no metadata naming one
        assert "An organisation is required" in refused(summary)["b.txt"]

    def test_symlinks_refused(self, corpus, tmp_path):
        src = tmp_path / "src"
        src.mkdir()
        (tmp_path / "outside.txt").write_bytes(doc(1))
        (src / "link.txt").symlink_to(tmp_path / "outside.txt")
        (src / "dirlink").symlink_to(tmp_path)
        summary = run(corpus, src, org="X")
        assert "symbolic link" in refused(summary)["link.txt"]
        assert "symbolic link to a folder" in refused(summary)["dirlink"]
        assert summary.added == []

    def test_metadata_table_and_unknown_columns_kept(self, corpus, tmp_path):
        src = tmp_path / "src"
        (src / "sub").mkdir(parents=True)
        (src / "sub" / "a.txt").write_bytes(doc(1))
        (src / "b.txt").write_bytes(doc(2))
        table = tmp_path / "meta.csv"
        table.write_text("file,title,organisation,date,tags,party_family,region\n"
                         "sub/a.txt,First,Socialist Party,2024-03-01,strike;editorial,trotskyist,Dublin\n"
                         "b.txt,Second,Socialist Party,March 2023,,left,\n"
                         "c.txt,Missing,Socialist Party,,,,\n", encoding="utf-8")
        summary = run(corpus, src, metadata=table)
        assert summary.unknown_columns == ["party_family", "region"]
        assert any("party_family, region" in line and "kept" in line for line in summary.lines())
        assert any("describes c.txt, which is not in the import" in n for n in summary.notes)
        docs = load_corpus(corpus).documents.set_index("title")
        assert docs.loc["First", "date"] == "2024-03-01" and docs.loc["First", "tags"] == "strike;editorial"
        assert docs.loc["Second", "date"] == "2023-03"
        assert any("was read as 2023-03" in m for _, m in summary.warnings)  # add's own message
        text = (corpus / "metadata.csv").read_text(encoding="utf-8")
        table_rows = list(csv.DictReader(io.StringIO(text)))
        assert list(table_rows[0])[-3:] == ["tags", "party_family", "region"]
        assert table_rows[0]["party_family"] == "" and table_rows[0]["id"] == "wpi-one"  # the old row kept
        first = next(r for r in table_rows if r["title"] == "First")
        assert (first["party_family"], first["region"]) == ("trotskyist", "Dublin")
        assert read_metadata_file(corpus).exact

    def test_unused_metadata_rows_reported(self, corpus, tmp_path):
        src = tmp_path / "src"
        src.mkdir()
        (src / "a.txt").write_bytes(doc(1))
        table = tmp_path / "meta.csv"
        table.write_text("file,organisation\na.txt,X Party\nnope.txt,X Party\n", encoding="utf-8")
        summary = run(corpus, src, metadata=table)
        assert [a.name for a in summary.added] == ["a.txt"]
        assert summary.notes == ["meta.csv line 3 describes nope.txt, which is not in the import."]
        assert any("nope.txt" in line for line in summary.lines())

    def test_own_metadata_csv_of_a_copied_corpus(self, corpus, tmp_path, make_corpus):
        other = tmp_path / "other"
        other.mkdir()
        (other / "x1.txt").write_bytes(doc(1))
        (other / "metadata.csv").write_text(
            "id,file,title,organisation,org_short,date\nmy-own-id,x1.txt,Kept Title,Left Unity,LU,2022-05-05\n",
            encoding="utf-8")
        summary = run(corpus, other)
        assert [a.doc_id for a in summary.added] == ["my-own-id"]  # ids given are kept when free
        assert any("own metadata.csv" in n for n in summary.notes)
        assert load_corpus(corpus).documents.set_index("doc_id").loc["my-own-id", "org_short"] == "LU"


class TestDuplicates:
    def test_against_the_corpus_and_inside_the_batch(self, corpus, tmp_path):
        src = tmp_path / "src"
        src.mkdir()
        (src / "again.txt").write_bytes((corpus / "000_aaaa.txt").read_bytes())
        (src / "a.txt").write_bytes(doc(1))
        (src / "b.txt").write_bytes(doc(1))
        summary = run(corpus, src, org="X Party")
        reasons = refused(summary)
        assert reasons["again.txt"] == "This file is already in the corpus as 'wpi-one'; it was not added again."
        assert reasons["b.txt"] == "The same content is already in this import as 'a.txt'; it was not added twice."
        assert [a.name for a in summary.added] == ["a.txt"]
        summary = run(corpus, src, org="X Party")  # everything is a duplicate now
        assert summary.added == [] and len(summary.refused) == 3

    def test_the_corpus_is_hashed_once_per_run(self, corpus, tmp_path, monkeypatch):
        src = tmp_path / "src"
        src.mkdir()
        for k in range(5):
            (src / f"{k}.txt").write_bytes(doc(k))
        calls = []
        real = importing.adding._existing_hashes
        monkeypatch.setattr(importing.adding, "_existing_hashes", lambda tx: calls.append(1) or real(tx))
        assert len(run(corpus, src, org="X Party").added) == 5
        assert calls == [1]


class TestZip:
    def make_zip(self, path: Path, entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> Path:
        with zipfile.ZipFile(path, "w", compression) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
        return path

    def test_zip_with_folders_and_own_metadata(self, corpus, tmp_path):
        archive = self.make_zip(tmp_path / "batch.zip", {
            "docs/a.txt": doc(1), "docs/b.md": doc(2), "__MACOSX/docs/._a.txt": b"\x00\x05\x16\x07",
            "metadata.csv": b"file,organisation,title\ndocs/a.txt,Zip Party,Alpha\nb.md,Zip Party,Beta\n"})
        summary = run(corpus, archive)
        assert sorted(a.name for a in summary.added) == ["docs/a.txt", "docs/b.md"] and not summary.refused
        docs = load_corpus(corpus).documents
        assert set(docs["title"]) >= {"Alpha", "Beta"}  # a bare file name finds its row when unique

    def test_hostile_entries_refused_one_by_one(self, corpus, tmp_path):
        path = tmp_path / "hostile.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("good.txt", doc(1))
            archive.writestr("../../etc/evil.txt", doc(2))
            archive.writestr("/abs/evil.txt", doc(3))
            archive.writestr("C:/Windows/evil.txt", doc(4))
            archive.writestr("sub\\..\\..\\evil.txt", doc(5))
            link = zipfile.ZipInfo("link.txt")
            link.create_system = 3
            link.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(link, "/etc/passwd")
            archive.writestr("bomb.txt", b"war " * 4_000_000)  # 16 MB that packs into a few KB
        summary = run(corpus, path, org="X Party", zip_limits=importing.ZipLimits(file_bytes=32 * 1024 * 1024))
        reasons = refused(summary)
        assert [a.name for a in summary.added] == ["good.txt"]
        for name in ("../../etc/evil.txt", "/abs/evil.txt", "C:/Windows/evil.txt", "sub\\..\\..\\evil.txt"):
            assert "points outside the archive" in reasons[name], name
        assert "symbolic link" in reasons["link.txt"]
        assert "zip bomb" in reasons["bomb.txt"]
        assert not list(tmp_path.glob("etc*")) and not (corpus.parent / "evil.txt").exists()
        assert {p.name for p in corpus.iterdir()} == {"000_aaaa.txt", "metadata.csv", summary.added[0].file}

    def test_entry_over_the_size_limit_and_a_lying_size(self, corpus, tmp_path):
        archive = self.make_zip(tmp_path / "big.zip", {"big.txt": doc(1) * 200, "small.txt": doc(2)})
        summary = run(corpus, archive, org="X Party", zip_limits=importing.ZipLimits(file_bytes=5000))
        assert "limit is" in refused(summary)["big.txt"] and [a.name for a in summary.added] == ["small.txt"]
        # An archive whose directory understates an entry's size is cut at the limit while reading.
        data = bytearray(self.make_zip(tmp_path / "lie.zip", {"lie.txt": doc(3) * 50},
                                       compression=zipfile.ZIP_STORED).read_bytes())
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("lie.txt")
        assert info.file_size > 5000
        source = importing.uploaded_sources([("lie.zip", bytes(data))],
                                            zip_limits=importing.ZipLimits(file_bytes=info.file_size - 1))
        summary = importing.run_import(corpus, source, org="X Party", dry_run=True)
        assert "limit" in refused(summary)["lie.zip: lie.txt"]

    def test_whole_archive_refused_over_its_limits(self, corpus, tmp_path):
        archive = self.make_zip(tmp_path / "many.zip", {f"{k}.txt": doc(k) for k in range(12)})
        with pytest.raises(RefusedInput, match="12 entries; an import may hold 10"):
            importing.sources(archive, zip_limits=importing.ZipLimits(entries=10))
        with pytest.raises(RefusedInput, match="unpacks to"):
            importing.sources(archive, zip_limits=importing.ZipLimits(total_bytes=1000))
        (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
        with pytest.raises(RefusedInput, match="not a readable zip archive"):
            importing.sources(tmp_path / "broken.zip")
        before = snapshot(corpus)
        assert snapshot(corpus) == before


class TestTables:
    def test_csv_with_text_and_metadata_columns(self, corpus, tmp_path):
        table = tmp_path / "docs.csv"
        with open(table, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["title", "organisation", "date", "text", "sentiment"])
            writer.writerow(["From a table", "Table Party", "2021-02-03", f"{BODY}\n\nSecond paragraph.", "neg"])
            writer.writerow(["No text", "Table Party", "", "", ""])
            writer.writerow(["Bad date", "Table Party", "3021-01-01", f"{BODY} Other.", ""])
        summary = run(corpus, table)
        assert summary.unknown_columns == ["sentiment"]
        assert [a.name for a in summary.added] == ["docs.csv line 2"]
        reasons = refused(summary)
        assert "nothing to add" in reasons["docs.csv line 5"]  # line 2's text spans two lines
        assert "year must be between" in reasons["docs.csv line 6"]
        added = summary.added[0]
        assert added.file.endswith(".txt")
        assert (corpus / added.file).read_text(encoding="utf-8") == f"{BODY}\n\nSecond paragraph."
        row = load_corpus(corpus).documents.set_index("doc_id").loc[added.doc_id]
        assert (row["title"], row["date"], row["organisation"]) == ("From a table", "2021-02-03", "Table Party")

    def test_csv_with_file_paths(self, corpus, tmp_path):
        (tmp_path / "texts").mkdir()
        (tmp_path / "texts" / "a.txt").write_bytes(doc(1))
        table = tmp_path / "list.csv"
        table.write_text("file,organisation,author\ntexts/a.txt,Path Party,Ann Author\ntexts/none.txt,Path Party,\n",
                         encoding="utf-8")
        summary = run(corpus, table)
        assert [a.name for a in summary.added] == ["list.csv line 2 (texts/a.txt)"]
        assert "no such file" in refused(summary)["list.csv line 3 (texts/none.txt)"]
        assert load_corpus(corpus).documents.set_index("organisation").loc["Path Party", "author"] == "Ann Author"

    def test_jsonl(self, corpus, tmp_path):
        table = tmp_path / "docs.jsonl"
        lines = [json.dumps({"text": f"{BODY} JSON one.", "organisation": "Json Party", "title": "J1",
                             "tags": "a;b", "score": 3}),
                 "{not json",
                 json.dumps(["a", "list"]),
                 json.dumps({"text": f"{BODY} JSON two.", "organisation": "Json Party", "title": "J2"})]
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
        summary = run(corpus, table)
        assert [a.name for a in summary.added] == ["docs.jsonl line 1", "docs.jsonl line 4"]
        assert summary.unknown_columns == ["score"]
        assert any("line 2: not JSON" in n for n in summary.notes)
        assert any("line 3: not a JSON object" in n for n in summary.notes)
        text = (corpus / "metadata.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0].endswith(",score") and ",3\n" in text.replace("\r\n", "\n")

    def test_table_needs_text_or_file_and_metadata_option_refused(self, tmp_path):
        table = tmp_path / "t.csv"
        table.write_text("title,organisation\nA,B\n", encoding="utf-8")
        with pytest.raises(RefusedInput, match="no 'text' column"):
            importing.sources(table)
        table.write_text("text,organisation\nA,B\n", encoding="utf-8")
        with pytest.raises(RefusedInput, match="--metadata is for a folder"):
            importing.sources(table, metadata=table)
        table.write_bytes("text,organisation\ncaf\u00e9,B\n".encode("latin-1"))
        with pytest.raises(RefusedInput, match="not UTF-8"):
            importing.sources(table)


class TestDryRunAndRefusals:
    def test_dry_run_writes_nothing_and_says_the_same(self, corpus, tmp_path):
        src = tmp_path / "src"
        src.mkdir()
        for k in range(3):
            (src / f"{k}.txt").write_bytes(doc(k))
        (src / "dup.txt").write_bytes(doc(0))
        before = snapshot(corpus)
        dry = run(corpus, src, org="X Party", dry_run=True)
        assert snapshot(corpus) == before
        assert dry.dry_run and "would be added" in dry.headline
        real = run(corpus, src, org="X Party")
        assert [(a.name, a.doc_id, a.file) for a in dry.added] == [(a.name, a.doc_id, a.file) for a in real.added]
        assert dry.refused == real.refused

    def test_dry_run_into_a_missing_folder_creates_nothing(self, tmp_path):
        src = tmp_path / "src"
        src.mkdir()
        (src / "a.txt").write_bytes(doc(1))
        summary = run(tmp_path / "nowhere", src, org="X Party", dry_run=True)
        assert len(summary.added) == 1 and not (tmp_path / "nowhere").exists()

    def test_inexact_metadata_refuses_the_whole_import(self, make_corpus, tmp_path):
        folder = make_corpus({"000_aaaa.txt": doc(0)}, METADATA + 'bad,"unclosed\n')
        src = tmp_path / "src"
        src.mkdir()
        (src / "a.txt").write_bytes(doc(1))
        before = snapshot(folder)
        for dry in (True, False):
            with pytest.raises(RefusedInput, match="cannot be read exactly"):
                run(folder, src, org="X Party", dry_run=dry)
        assert snapshot(folder) == before

    def test_a_failure_while_staging_leaves_the_corpus_unchanged(self, corpus, tmp_path, monkeypatch):
        src = tmp_path / "src"
        src.mkdir()
        for k in range(4):
            (src / f"{k}.txt").write_bytes(doc(k))
        before = snapshot(corpus)
        real = importing.commit.Transaction.stage
        count = [0]

        def failing(self, name, data):
            count[0] += 1
            if count[0] == 3:
                raise OSError(28, "No space left on device")
            return real(self, name, data)

        monkeypatch.setattr(importing.commit.Transaction, "stage", failing)
        with pytest.raises(OSError):
            run(corpus, src, org="X Party")
        assert snapshot(corpus) == before and not (corpus / ".commit").exists()


def test_every_staged_file_is_synced_before_the_commit_point(corpus, tmp_path, monkeypatch):
    """Files are fsync'd together just before the journal (not one by one as staged), never after it."""
    src = tmp_path / "src"
    src.mkdir()
    for k in range(4):
        (src / f"{k}.txt").write_bytes(doc(k))
    events: list[str] = []
    real_sync, real_write = importing.commit._fsync_file, importing.commit._write_new
    monkeypatch.setattr(importing.commit, "_fsync_file", lambda path: events.append(f"sync {path.name}")
                        or real_sync(path))
    monkeypatch.setattr(importing.commit, "_write_new", lambda path, data, **kw: events.append(
        f"write {path.name} sync={kw.get('sync', True)}") or real_write(path, data, **kw))
    assert len(run(corpus, src, org="X Party").added) == 4
    staged = [e for e in events if e.startswith("write f0")]
    assert staged == [f"write f{k:06d} sync=False" for k in range(4)]
    synced = [e for e in events if e.startswith("sync f0")]
    assert sorted(synced) == [f"sync f{k:06d}" for k in range(4)]
    assert max(events.index(e) for e in synced) < events.index("write journal.json sync=True")
