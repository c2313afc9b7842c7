"""Page tests read the store ``python -m lib build`` makes (``make run`` builds first): build corpus/ once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import build_store


@pytest.fixture(scope="session", autouse=True)
def _shared_corpus_built(built_shared_corpus):
    """Every page test here starts from a built corpus/ (tests/conftest.py)."""
    return built_shared_corpus


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
    build_store(folder, tmp_path / "cache")
    return folder
