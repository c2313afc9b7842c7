"""The tables lib/web/cached.py shares across sessions (st.cache_resource) are never modified by a page.

They are handed out without a copy (a copy per call cost seconds at 10,000 documents), so a page
that changed one in place would change it for every visitor. Every page is rendered with a
typical address and the shared tables are compared before and after.
"""

from __future__ import annotations

import pandas as pd

from lib.web import cached
from tests.pagetest import run_page

A = "cpgbml-2025-04-05-russia-closes-on-victory"
B = "rcg-2025-08-ukraine-negotiations-stalemate"
VISITS = [
    (None, {"org": "RCG"}),
    ("pages/1_Document.py", {"doc": A, "q": "war", "actor": "NATO"}),
    ("pages/2_Compare.py", {"a": A, "b": B, "hl": "imperialism"}),
    ("pages/3_Terms.py", {"term": "imperialism"}),
    ("pages/3_Terms.py", {"n": "2", "stop": "1"}),
    ("pages/4_Actors.py", {"actor": "Russia"}),
    ("pages/5_Corpus.py", {}),
]


def _digest(frame: pd.DataFrame) -> tuple:
    return (tuple(frame.columns), tuple(map(str, frame.dtypes)), len(frame),
            int(pd.util.hash_pandas_object(frame, index=True).sum()))


def _shared() -> dict[str, object]:
    ann = cached.annotated()
    out = {"documents": cached.loaded_corpus().documents}
    out.update({name: getattr(ann, name) for name in ("mentions", "actor_counts", "actor_types", "cooc", "doc_stats")})
    index = cached.term_index("word", 1)
    out["term_index"] = pd.DataFrame({"doc": index.doc, "term": index.term, "count": index.count,
                                      "stop_edge": index.stop_edge})
    out["_index_object"] = index
    return out


def test_pages_leave_the_shared_tables_as_they_were():
    run_page(None)  # the caches are filled by a page run, as in the app
    before = _shared()
    digests = {k: _digest(v) for k, v in before.items() if isinstance(v, pd.DataFrame)}
    for page, params in VISITS:
        at = run_page(page, **params)
        assert not at.exception, (page, [e.message for e in at.exception])
    after = _shared()
    assert after["_index_object"] is before["_index_object"]  # shared, not rebuilt or copied
    assert cached.loaded_corpus() is cached.loaded_corpus()
    for name, digest in digests.items():
        assert _digest(after[name]) == digest, f"a page modified the shared {name} table"
