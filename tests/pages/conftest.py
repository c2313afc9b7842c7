"""Fixtures of the page tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def tmp_corpus(tmp_path, monkeypatch):
    """A copy of the real corpus in tmp_path, chosen with CORPUS_DIR; writes off unless a test turns them on."""
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    for p in folder.iterdir():
        p.chmod(0o644)
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PARTY_LINES_ALLOW_WRITES", raising=False)
    return folder
