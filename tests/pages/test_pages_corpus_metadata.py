"""The Corpus page on a metadata.csv it cannot read exactly (issue 15 items 2, 3): the bad lines are
named in the corpus notices, and an upload with writes on is refused, naming them, with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib.ingest.corpus import load_corpus
from tests.ingest.test_adding import TXT, snapshot
from tests.pages.test_pages_corpus import PAGE, msgs, submit, upload
from tests.pagetest import run_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def corpus_copy(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PARTY_LINES_ALLOW_WRITES", raising=False)
    return folder


def break_last_row(folder) -> int:
    """Open a quote in the last row of metadata.csv; return that row's line number."""
    path = folder / "metadata.csv"
    lines = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    last = next(i for i in range(len(lines) - 1, -1, -1) if lines[i].strip())
    first, rest = lines[last].split(",", 1)
    lines[last] = f'{first},"{rest}'
    path.write_bytes("".join(lines).encode("utf-8"))
    return last + 1


def sidebar_notes(at) -> str:
    return "\n".join(str(c.value) for c in at.sidebar.caption).replace("\\", "")


def test_bad_line_is_a_corpus_notice(corpus_copy):
    line = break_last_row(corpus_copy)
    at = run_page(PAGE)
    assert not at.exception
    notes = sidebar_notes(at)
    assert f"metadata.csv line {line}" in notes and "quote" in notes
    assert "nothing can be added" in notes


def test_upload_with_writes_on_is_refused_naming_the_line(corpus_copy, monkeypatch):
    monkeypatch.setenv("PARTY_LINES_ALLOW_WRITES", "1")
    line = break_last_row(corpus_copy)
    before = snapshot(corpus_copy)
    at = upload(run_page(PAGE), "a.txt", TXT)
    submit(at, TXT, org="WPI")
    assert not at.exception
    assert any(f"line {line}" in m and "cannot be read exactly" in m for m in msgs(at.error)), msgs(at.error)
    assert snapshot(corpus_copy) == before
    assert len(load_corpus(corpus_copy).documents) == 5
