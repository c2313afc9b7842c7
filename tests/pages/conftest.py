"""Page tests read the store ``python -m lib build`` makes (``make run`` builds first): build corpus/ once."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_CORPUS, build_store


@pytest.fixture(scope="session", autouse=True)
def built_shared_corpus():
    build_store(SHARED_CORPUS)
