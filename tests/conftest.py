"""Shared fixtures: paths, a tiny corpus builder for unit tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.chdir(ROOT)  # the app and the command line resolve corpus/ relative to the working directory

SHARED_CORPUS = ROOT / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture()
def make_corpus(tmp_path):
    """Build a corpus folder: ``make_corpus({"a.txt": "text"}, metadata_csv)`` → Path."""

    def build(files: dict[str, str | bytes], metadata: str | None = None) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        if metadata is not None:
            (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
        return folder

    return build


def build_store(folder: Path, cache: Path | None = None):
    """Annotate a corpus folder as ``python -m lib build`` does (in this process; the model is loaded
    once per process, and only if something must be annotated). Page tests need it: the app
    never annotates the shared corpus in a page run."""
    from lib.store import build

    return build.build(folder, cache_dir=cache, block=True)


@pytest.fixture(scope="session")
def built_shared_corpus():
    """corpus/ annotated into the default store, as ``make run`` does first (page tests read it)."""
    build_store(SHARED_CORPUS)


@pytest.fixture(scope="session")
def model_pipeline():
    """The full pipeline (pinned English model + gazetteer), loaded once per test session."""
    from lib.nlp.engine import load_pipeline

    pipeline = load_pipeline()
    assert pipeline.warning is None, pipeline.warning  # the pinned model must be installed
    return pipeline


@pytest.fixture(scope="session")
def blank_pipeline():
    """The gazetteer-only pipeline (blank English), for tests of the rule layer."""
    from lib.nlp.engine import build_blank_pipeline

    return build_blank_pipeline()
