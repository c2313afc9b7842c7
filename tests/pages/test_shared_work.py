"""Many visitors, one copy of the work (issue 21): figures shared across sessions with the same
filter, other filters get their own, the collector skips what is loaded for good, and what a
session keeps stays small (AppTest sessions on the real corpus)."""

from __future__ import annotations

import gc
import pickle
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest

from benchmarks.load import shared_links
from lib.render import memo
from lib.web import cached
from tests.pagetest import ROOT, run_page

# The pages and links of the load harness's mix (benchmarks/load.py shared_links) on corpus/.
SCRIPTS = {"Overview": None, "Document": "pages/1_Document.py", "Compare": "pages/2_Compare.py",
           "Terms": "pages/3_Terms.py", "Actors": "pages/4_Actors.py", "Positions": "pages/6_Positions.py"}
MIX = [(SCRIPTS[page], {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()})
       for page, path in shared_links(ROOT / "corpus")]


def chart_specs(at) -> list[str]:
    return [el.proto.spec for el in at.get("plotly_chart")]


@pytest.fixture()
def no_shared_figures():
    memo.FIGURES.clear()
    yield
    memo.FIGURES.clear()


def test_a_second_session_with_the_same_filter_reuses_the_figures(no_shared_figures):
    first = run_page(None, org="RCG")
    assert not first.exception
    built = memo.FIGURES.misses
    assert built >= 3  # documents and words per organisation, the timeline
    second = run_page(None, org="RCG")  # another session: a new AppTest
    assert not second.exception
    assert memo.FIGURES.misses == built, "the second visitor built a figure again"
    assert memo.FIGURES.hits >= built
    assert chart_specs(second) == chart_specs(first)


def test_another_filter_gets_its_own_figures(no_shared_figures):
    rcg = chart_specs(run_page(None, org="RCG"))
    built = memo.FIGURES.misses
    wsws = chart_specs(run_page(None, org="WSWS"))
    assert memo.FIGURES.misses > built
    assert wsws != rcg
    # And each is what a visitor gets with no figure shared at all.
    memo.FIGURES.clear()
    assert chart_specs(run_page(None, org="WSWS")) == wsws


def test_what_is_loaded_for_good_is_frozen_once_per_page():
    run_page(None, org="RCG")
    run_page(None, org="RCG")  # the run after a first one freezes what that one loaded
    frozen, count = cached._freezes, gc.get_freeze_count()
    assert frozen >= 1 and count > 0
    run_page(None, org="WSWS")
    run_page(None, org="RCG")
    assert cached._freezes == frozen, "a page seen before froze again"
    assert frozen <= cached._MAX_FREEZES


HEAVY = (pd.DataFrame, pd.Series, np.ndarray)


def test_the_mix_is_every_page():
    assert len(MIX) == 6 and all(params for page, params in MIX if page != "pages/6_Positions.py")


@pytest.mark.parametrize("page,params", MIX, ids=lambda v: str(v) if not isinstance(v, dict) else "")
def test_a_session_keeps_little(page, params):
    at = run_page(page, **params)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]  # the link's document exists: the page was drawn
    state = {k: at.session_state[k] for k in at.session_state.keys()}
    heavy = {k: type(v).__name__ for k, v in state.items() if isinstance(v, HEAVY) or "plotly" in type(v).__module__}
    assert not heavy, f"a session holds its own copy of a table or figure: {heavy}"
    size = 0
    for value in state.values():
        try:
            size += len(pickle.dumps(value))
        except Exception:  # a callback or a lock: not data
            continue
    assert size < 64_000, f"{size:,} bytes of session state"


def _link(page: str) -> tuple[str | None, dict]:
    return next((script, params) for script, params in MIX if script == SCRIPTS[page])


def test_two_visitors_of_one_pair_share_compares_tables(monkeypatch):
    from lib.analysis import compare

    cached._shared_compare_tables.clear()
    calls = []
    real = compare.differences
    monkeypatch.setattr(compare, "differences", lambda *a, **k: calls.append(a[1:3]) or real(*a, **k))
    script, params = _link("Compare")
    first = run_page(script, **params)
    second = run_page(script, **params)
    assert not first.exception and not second.exception
    assert len(calls) == 1, "the second visitor worked the tables out again"
    assert [d.value.to_dict() for d in second.dataframe] == [d.value.to_dict() for d in first.dataframe]
    swapped = run_page(script, a=params["b"], b=params["a"])  # another pair: its own tables
    assert not swapped.exception and len(calls) == 2


def test_two_visitors_of_one_term_share_the_words(monkeypatch):
    from lib.store import counts

    cached._shared_words.clear()
    calls = []
    real = counts.word_table
    monkeypatch.setattr(counts, "word_table", lambda *a, **k: calls.append(1) or real(*a, **k))
    script, params = _link("Terms")
    first = run_page(script, **params)
    built = len(calls)
    assert built >= 1
    second = run_page(script, **params)
    assert not first.exception and not second.exception
    assert len(calls) == built, "the second visitor rebuilt the words layer"
    assert [h.value for h in second.get("html")] == [h.value for h in first.get("html")]


def test_compares_first_view_reads_two_documents_rows_in_place_with_the_same_tables(monkeypatch):
    # A slice too big to index quickly, whose index nobody built yet: the two documents' rows are queried
    # where they lie (DuckDB) rather than building the index; the page shows exactly the same tables.
    from lib.store.term_duck import DuckTermIndex

    script, params = _link("Compare")

    def fresh() -> None:
        cached._shared_compare_tables.clear()
        cached._term_index.clear()
        cached._BUILT_INDEXES.clear()

    queried = []
    real = DuckTermIndex.frame
    monkeypatch.setattr(DuckTermIndex, "frame", lambda self, *a, **k: queried.append(self.n) or real(self, *a, **k))
    monkeypatch.setattr(cached, "BIG_SLICE_ROWS", -1)  # every slice counts as big
    fresh()
    in_place = run_page(script, **params)
    assert not in_place.exception and sorted(set(queried)) == [1, 2, 3]
    monkeypatch.setattr(cached, "BIG_SLICE_ROWS", 10**12)  # no slice does: the indexes are built
    fresh()
    queried.clear()
    indexed = run_page(script, **params)
    assert not indexed.exception and queried == []
    assert [d.value.to_dict() for d in in_place.dataframe] == [d.value.to_dict() for d in indexed.dataframe]
    assert [m.value for m in in_place.markdown] == [m.value for m in indexed.markdown]
