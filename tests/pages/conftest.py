"""Page tests read the store ``python -m lib build`` makes (``make run`` builds first): build corpus/ once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _shared_corpus_built(built_shared_corpus):
    """Every page test here starts from a built corpus/ (tests/conftest.py)."""
