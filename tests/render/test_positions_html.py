"""The Positions HTML (lib/render/html.py): the matrix and the evidence list, escaped, our own tags only."""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis import positions
from lib.render import html as html_mod

HOSTILE = '<script>alert("x")</script>'
TAGS = re.compile(r"<\s*(script|img|iframe|svg|object)\b", re.I)


def _table():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "org_short": [HOSTILE, "B", "B"], "n_words": [100, 200, 300]})
    codings = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "start": [0, 0], "end": [5, 5],
                            "category": ["x", "x"], "rules": ["1", "1"], "text": ["t", "t"]})
    return positions.matrix(codings, docs, ["x", "y"])


class TestMatrix:
    def test_cells_are_links_and_untrusted_text_is_escaped(self):
        table = _table()
        orgs = ["B", HOSTILE]
        cells = {(c, o): f'./Positions?cat={c}&korg={o}"><script>' for c in ("x", "y") for o in orgs}
        out = html_mod.positions_matrix_html(table, categories=["y", "x"], labels={"x": "<b>X</b>", "y": "Y & Z"},
                                             orgs=orgs, cell_hrefs=cells, row_hrefs={"x": "./Positions?cat=x"},
                                             selected=("x", "B"))
        assert not TAGS.search(out)
        assert "&lt;b&gt;X&lt;/b&gt;" in out and "Y &amp; Z" in out
        assert out.count('target="_self"') == 2 * 2 + 1 + 1  # 4 cells + 2 row headers (one falls back to #)
        assert out.index("Y &amp; Z") < out.index("&lt;b&gt;X")  # rows in the order given
        assert 'class="pl-sel"' in out and out.count('class="pl-sel"') == 1
        assert "50%" in out and "1/2 docs" in out  # B: one of two documents
        assert "†" in out  # every organisation has fewer than five documents

    def test_nothing_to_show(self):
        assert html_mod.positions_matrix_html(_table().iloc[0:0], categories=[], labels={}, orgs=[], cell_hrefs={},
                                              row_hrefs={}) == ""


class TestEvidence:
    def test_sentence_escaped_hits_marked_with_what_matched(self):
        text = f"NATO provoked {HOSTILE} the war."
        rows = pd.DataFrame({"doc_id": ["d"], "sent_id": [2], "sent_start": [100], "text": [text], "rules": ["1,3"],
                             "org_short": ["O"]})
        hits = pd.DataFrame({"doc_id": ["d", "d", "e"], "sent_id": [2, 2, 2], "category": ["x"] * 3,
                             "start": [100, 105, 100], "end": [104, 113, 104], "match": ["NATO", "provok*<i>", "z"]})
        out = html_mod.evidence_html(rows, hits, ["./Document?doc=d&at=100"], labels={"d": "O · <title>"})
        assert not TAGS.search(out)
        assert '<mark class="pl-coded" title="matched: NATO">NATO</mark>' in out
        assert 'title="matched: provok*&lt;i&gt;">provoked</mark>' in out
        assert "&lt;script&gt;" in out and "O · &lt;title&gt;" in out
        assert "rule 1,3" in out and 'href="./Document?doc=d&amp;at=100"' in out
        assert "\n" not in out.split("</style>", 1)[1]  # one line: Markdown would start a paragraph

    def test_empty(self):
        rows = pd.DataFrame(columns=["doc_id", "sent_id", "sent_start", "text"])
        assert html_mod.evidence_html(rows, pd.DataFrame(columns=positions.HIT_COLUMNS), [], labels={}) == ""


class TestPairChart:
    def test_two_traces_with_intervals_and_safe_labels(self):
        from lib.render import charts

        table = _table()
        side = positions.pair(table, "B", HOSTILE, ["x", "y"])
        fig = charts.positions_pair(side, labels={"x": "<b>X</b>", "y": "Y"}, org_a="B", org_b=HOSTILE,
                                    colours={"B": "#000000"}, title="t")
        assert len(fig.data) == 2
        assert list(fig.data[0].y) == ["&lt;b&gt;X&lt;/b&gt;", "Y"]
        assert "<script>" not in fig.data[1].name
        assert list(fig.data[0].x) == [50.0, 0.0]
        assert all(v >= 0 for v in fig.data[0].error_x.array) and all(v >= 0 for v in fig.data[0].error_x.arrayminus)
