"""The app never annotates the shared corpus in a page run (issue 15 item 0, issue 18 item 1).

* A first visit to an unannotated corpus of a few hundred documents: the run ends at once with
  a progress box (the build runs in its own process); a second run (a rerun, a stopped run,
  another visitor) renders too and starts no second build; when the build is done the page
  renders in full and no process is left.
* A built corpus renders every page with spaCy made unimportable: a first view reads the store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lib.store import build
from tests.pagetest import run_page

ROOT = Path(__file__).resolve().parents[2]
WAIT_TEXT = "Preparing names, terms and counts"
SENTENCES = ["Russia and Ukraine are at war.", "NATO sends arms to Ukraine.", "Workers want peace, not war.",
             "The government in London backs the war.", "Strikes spread across Europe."]


def small_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    rows = ["id,file,title,organisation,org_short,date"]
    for k in range(n):
        text = " ".join(SENTENCES[(k + j) % len(SENTENCES)] for j in range(4)) + f" Document {k}."
        (folder / f"d{k:04d}.txt").write_text(text, encoding="utf-8")
        rows.append(f"doc-{k:04d},d{k:04d}.txt,Doc {k},Party {k % 3},P{k % 3},2024-01-{1 + k % 28:02d}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def texts(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "info", "title") for e in getattr(at, kind))


@pytest.mark.slow
def test_a_stopped_or_rerun_page_never_waits_for_the_first_annotation(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path / "corpus", 300)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("PARTY_LINES_CACHE", str(cache))
    earlier = set(build.started_children())  # another test in this process may have started one
    started = time.time()
    first = run_page("pages/3_Terms.py", timeout=20)  # a run that waited for annotation would time out here
    assert not first.exception and WAIT_TEXT in texts(first)
    assert time.time() - started < 20
    assert len(set(build.started_children()) - earlier) == 1  # the build, in its own process
    second = run_page("pages/3_Terms.py", timeout=20)  # a rerun while the build works
    assert not second.exception
    document = run_page("pages/1_Document.py", timeout=20, doc="doc-0007")  # the text is readable meanwhile
    assert not document.exception and "Doc 7" in [t.value for t in document.title]
    assert len(set(build.started_children()) - earlier) <= 1  # one build, however many runs asked
    deadline = time.time() + 300
    while (build.is_running(corpus, cache) or build.current(corpus, cache) is None) and time.time() < deadline:
        time.sleep(1)
    done = run_page("pages/3_Terms.py", timeout=60)
    assert not done.exception and WAIT_TEXT not in texts(done) and done.get("plotly_chart")
    for child in build.started_children():
        assert child.wait(timeout=60) == 0  # it ended by itself: no process left waiting
    assert not build.is_running(corpus, cache)


RUNNER = """
import json, sys
sys.modules["spacy"] = None  # any import of spaCy now raises ImportError
from streamlit.testing.v1 import AppTest
from lib.web import urls
out = {{}}
for page, params in {pages!r}:
    at = AppTest.from_file("app.py", default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    at.run()
    shown = [str(e.value) for kind in ("markdown", "info", "error") for e in getattr(at, kind)]
    out[page or "app.py"] = {{"exception": [str(e.value)[:300] for e in at.exception],
                             "waited": any("Preparing names" in s for s in shown),
                             "error": [str(e.value)[:200] for e in at.error]}}
out["spacy_loaded"] = any(m == "spacy" or m.startswith("spacy.") for m, v in sys.modules.items() if v is not None)
print(json.dumps(out))
"""


def test_a_built_corpus_renders_every_page_without_spacy():
    doc = "cpgbml-2025-04-05-russia-closes-on-victory"
    pages = [(None, {}), ("pages/1_Document.py", {"doc": doc}),
             ("pages/2_Compare.py", {"a": doc, "b": "rcg-2025-08-ukraine-negotiations-stalemate"}),
             ("pages/3_Terms.py", {"term": "war"}), ("pages/4_Actors.py", {"actor": "Russia"}),
             ("pages/5_Corpus.py", {})]
    code = textwrap.dedent(RUNNER.format(pages=pages))
    env = {k: v for k, v in os.environ.items() if k not in ("CORPUS_DIR", "PARTY_LINES_CACHE")}
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**env, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out.pop("spacy_loaded") is False
    for page, report in out.items():
        assert report == {"exception": [], "waited": False, "error": []}, page
