"""A document's source is read and cleaned once per file state and text (issue 21)."""

from __future__ import annotations

import os

from lib.analysis import reader
from lib.ingest import corpus


def test_same_file_same_source_until_it_changes(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("First paragraph here.\n\nSecond one.\n", encoding="utf-8")
    cleaned = corpus.clean_source(corpus.decode_bytes(path.read_bytes()), file="a.txt").text
    reads = []
    real = reader.source_and_cleaned
    monkeypatch.setattr(reader, "source_and_cleaned", lambda *a: reads.append(a) or real(*a))

    first = reader.load_source(tmp_path, "a.txt", cleaned)
    assert reader.load_source(tmp_path, "a.txt", cleaned) is first and len(reads) == 1
    assert first.note == "" and len(first.blocks) == 2

    path.write_text("First paragraph here.\n\nSecond one, longer now.\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = reader.load_source(tmp_path, "a.txt", cleaned)  # the table still has the old text
    assert len(reads) == 2 and changed is not first and "changed" in changed.note

    other_text = reader.load_source(tmp_path, "a.txt", cleaned + " ")
    assert other_text is not changed and len(reads) == 3
