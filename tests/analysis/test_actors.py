"""lib/analysis/actors.py on small hand-built tables: resolving names, counts, the matrix, the network, the profile."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lib.analysis import actors
from lib.render.html import sentences_html

DOCS = pd.DataFrame({"doc_id": ["a1", "a2", "b1"], "org_short": ["A", "A", "B"], "n_words": [1000, 1000, 500]})
ACTOR_COUNTS = pd.DataFrame({
    "doc_id": ["a1", "a1", "a2", "b1", "b1", "b1"],
    "actor": ["Russia", "Russia", "NATO", "NATO", "Joe Biden", "Russia"],
    "label": ["STATE", "DEMONYM", "ORG", "ORG", "PERSON", "STATE"],
    "count": [4, 3, 2, 5, 1, 1],
})
ACTOR_TYPES = pd.DataFrame({"actor": ["Joe Biden", "NATO", "Russia"], "type": ["PERSON", "ORG", "STATE"]})
COOC = pd.DataFrame({
    "doc_id": ["b1", "b1", "b1", "a1"], "actor_a": ["Joe Biden", "NATO", "Joe Biden", "NATO"],
    "actor_b": ["NATO", "Russia", "Russia", "Russia"], "sentences": [3, 1, 1, 2],
    "with_demonyms": [False, False, False, True],
})
MENTIONS = pd.DataFrame({
    "doc_id": ["b1", "b1", "b1", "a1"], "sent_id": [0, 0, 1, 0], "start": [0, 20, 40, 0], "end": [4, 25, 46, 7],
    "text": ["NATO", "Biden", "Russia", "Russian"], "label": ["ORG", "PERSON", "STATE", "DEMONYM"],
    "actor": ["NATO", "Joe Biden", "Russia", "Russia"], "source": ["gazetteer"] * 4,
})


class TestAliasIndexAndResolve:
    def test_canonical_alias_and_surface_forms(self, tmp_path):
        gaz = tmp_path / "actors.yaml"
        gaz.write_text("actors:\n- {name: NATO, type: ORG, aliases: [North Atlantic Treaty Organization, Nato]}\n"
                       "- {name: Russia, type: STATE, aliases: [Russian Federation], demonyms: [Russian]}\n"
                       "- {name: Nobody Here, type: PERSON, aliases: [Ghost]}\n", encoding="utf-8")
        index = actors.alias_index(ACTOR_TYPES["actor"], gazetteer_path=gaz, mentions=MENTIONS)
        assert actors.resolve_actor("nato", index) == "NATO"
        assert actors.resolve_actor("north atlantic treaty organization", index) == "NATO"
        assert actors.resolve_actor("RUSSIAN FEDERATION", index) == "Russia"
        assert actors.resolve_actor("Biden", index) == "Joe Biden"  # a surface form in the mentions
        assert actors.resolve_actor("Ghost", index) is None  # not in this corpus
        assert actors.resolve_actor("", index) is None
        # The page's first, gazetteer-free lookup: canonical names only, the same answer as the full one.
        quick = actors.canonical_index(ACTOR_TYPES["actor"])
        assert {k: index[k] for k in quick} == quick
        assert actors.resolve_actor("nato", quick) == "NATO" and actors.resolve_actor("Biden", quick) is None

    def test_apostrophes_alike(self):
        index = actors.alias_index(["Workers' Party"], gazetteer_path="")
        assert actors.resolve_actor("workers’ party", index) == "Workers' Party"

    def test_missing_gazetteer_is_fine(self, tmp_path):
        index = actors.alias_index(["NATO"], gazetteer_path=tmp_path / "none.yaml")
        assert actors.resolve_actor("Nato", index) == "NATO"


class TestSelectActorCounts:
    def test_type_filter_and_demonym_toggle(self):
        rows = actors.select_actor_counts(ACTOR_COUNTS, ACTOR_TYPES, DOCS, types=["STATE"], demonyms=False)
        assert set(rows["actor"]) == {"Russia"} and rows["count"].sum() == 5
        with_dem = actors.select_actor_counts(ACTOR_COUNTS, ACTOR_TYPES, DOCS, types=["STATE"], demonyms=True)
        assert with_dem["count"].sum() == 8

    def test_own_names_left_out_unless_asked_for(self):
        counts = ACTOR_COUNTS.assign(own=[False, False, False, True, False, False])  # b1 is NATO's own text
        default = actors.select_actor_counts(counts, ACTOR_TYPES, DOCS)
        assert default[default["actor"] == "NATO"]["count"].sum() == 2
        with_own = actors.select_actor_counts(counts, ACTOR_TYPES, DOCS, own=True)
        assert with_own[with_own["actor"] == "NATO"]["count"].sum() == 7


class TestActorTable:
    def test_totals_and_rate(self):
        rows = actors.select_actor_counts(ACTOR_COUNTS, ACTOR_TYPES, DOCS)
        table = actors.actor_table(rows, DOCS).set_index("actor")
        assert table.loc["Russia", "count"] == 8 and table.loc["NATO", "organisations"] == 2
        assert table.loc["NATO", "per_1000"] == pytest.approx(7 / 2500 * 1000)


class TestActorsByOrg:
    def test_per_1000_words_of_each_organisation(self):
        rows = actors.select_actor_counts(ACTOR_COUNTS, ACTOR_TYPES, DOCS)
        out = actors.actors_by_org(rows, DOCS, ["NATO", "Joe Biden"]).set_index(["actor", "org_short"])
        # A: 2 mentions in 2,000 words = 1.0; B: 5 in 500 = 10.0 (B's short text is not at a disadvantage).
        assert out.loc[("NATO", "A"), "per_1000"] == pytest.approx(1.0)
        assert out.loc[("NATO", "B"), "per_1000"] == pytest.approx(10.0)
        assert out.loc[("Joe Biden", "A"), "count"] == 0


class TestPairsAndNetwork:
    def test_pairs_sum_and_demonym_variant(self):
        out = actors.pairs(COOC, DOCS, demonyms=False)
        assert list(zip(out["actor_a"], out["actor_b"], out["sentences"], strict=True))[0] == ("Joe Biden", "NATO", 3)
        assert len(actors.pairs(COOC, DOCS, demonyms=True)) == 1

    def test_network_min_weight_sizes_and_layout(self):
        rows = actors.select_actor_counts(ACTOR_COUNTS, ACTOR_TYPES, DOCS)
        table = actors.actor_table(rows, DOCS)
        graph = actors.network(actors.pairs(COOC, DOCS, demonyms=False), table, min_weight=2)
        assert set(graph.nodes) == {"Joe Biden", "NATO"} and graph["Joe Biden"]["NATO"]["weight"] == 3
        assert graph.nodes["NATO"]["mentions"] == 7 and graph.nodes["NATO"]["type"] == "ORG"
        nodes = actors.layout(graph)
        assert list(nodes["actor"]) == ["NATO", "Joe Biden"]
        assert nodes.equals(actors.layout(graph))  # seeded: the same picture every time


class TestProfile:
    def test_docs_mentions_sentences(self):
        rows = actors.select_actor_counts(ACTOR_COUNTS, ACTOR_TYPES, DOCS)
        per_doc = actors.actor_docs(rows, DOCS, "NATO")
        assert list(per_doc["doc_id"]) == ["b1", "a2"] and per_doc.iloc[0]["per_1000"] == pytest.approx(10.0)
        ment = actors.actor_mentions(MENTIONS, DOCS, "Russia", demonyms=False)
        assert list(ment["text"]) == ["Russia"]
        sentences = pd.DataFrame({"doc_id": ["b1", "b1"], "sent_id": [0, 1], "start": [0, 35],
                                  "end": [29, 60], "text": ["NATO met Biden today.", "Then Russia spoke."]})
        sents = actors.actor_sentences(ment, sentences, DOCS)
        assert sents.iloc[0]["text"] == "Then Russia spoke." and sents.iloc[0]["start"] == 40
        html = sentences_html(sents, ment, ["./Document?doc=b1&at=40"], labels={"b1": "B · t"})
        assert '<mark class="pl-hit"' in html and "Russia</mark>" in html and "at=40" in html

    def test_sentences_html_escapes_text_label_and_link(self):
        ment = pd.DataFrame({"doc_id": ["b1"], "sent_id": [0], "start": [26], "end": [32]})
        sents = pd.DataFrame({"doc_id": ["b1"], "sent_id": [0], "sent_start": [0], "start": [0], "org_short": ["B"],
                              "text": ["<script>alert(1)</script> Russia <img src=x onerror=alert(2)>"]})
        html = sentences_html(sents, ment, ['./Document?doc=b1&at=0"><script>'],
                                     labels={"b1": "<img src=y onerror=alert(3)>"})
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)" in html and "&lt;img src=x onerror" in html and "&lt;img src=y" in html
        assert re.search(r'<mark class="pl-hit"[^>]*>Russia</mark>', html)  # the name still marked, at its offset

    def test_co_named(self):
        out = actors.co_named(actors.pairs(COOC, DOCS, demonyms=False), "NATO", ACTOR_TYPES)
        assert list(out["actor"]) == ["Joe Biden", "Russia"] and list(out["sentences"]) == [3, 1]


class TestSampleDocs:
    PER_DOC = pd.DataFrame({"doc_id": ["a1", "a2", "a3", "b1", "b2", "c1"],
                            "org_short": ["A", "A", "A", "B", "B", "C"], "count": [9, 5, 1, 7, 2, 3]})

    def test_all_when_under_cap(self):
        assert actors.sample_docs(self.PER_DOC, cap=10) == ["a1", "a2", "a3", "b1", "b2", "c1"]

    def test_most_naming_per_organisation(self):
        # cap 3 over 3 organisations: 1 each, but at least 2 per organisation -> top 2 of each.
        assert actors.sample_docs(self.PER_DOC, cap=3, min_per_org=2) == ["a1", "a2", "b1", "b2", "c1"]
        assert actors.sample_docs(self.PER_DOC, cap=3, min_per_org=1) == ["a1", "b1", "c1"]

    def test_empty(self):
        assert actors.sample_docs(self.PER_DOC.iloc[:0]) == []


class TestAssociatedWords:
    def test_words_in_the_actors_sentences_against_the_rest_of_the_org(self):
        # One org, 40 words: the sentence naming NATO says "expansion" 3 times; the rest never.
        text_tokens = ["NATO", "expansion", "expansion", "expansion", "."] + ["peace"] * 35
        tokens = pd.DataFrame({
            "doc_id": "d", "sent_id": [0] * 5 + [1] * 35, "i": range(40),
            "start": [i * 10 for i in range(40)], "text": text_tokens, "lower": [t.lower() for t in text_tokens],
            "lemma": [t.lower() for t in text_tokens], "pos": "X", "is_stop": False, "is_alpha": True,
        })
        docs = pd.DataFrame({"doc_id": ["d"], "org_short": ["A"], "n_words": [39]})
        mention = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [4], "text": ["NATO"],
                                "label": ["ORG"]})
        counts = pd.DataFrame({"doc_id": ["d"] * 3, "term": ["nato", "expansion", "peace"], "count": [1, 3, 35]})
        out = actors.associated_words(tokens, mention, counts, docs, threshold=0.0, min_count=1)
        assert list(out["word"]) == ["expansion"]  # "nato" itself is left out
        row = out.iloc[0]
        assert row["count_with"] == 3 and row["count_without"] == 0 and row["g2"] > 3.84


class TestSimilarActors:
    def test_close_spelling(self):
        index = actors.alias_index(["Vladimir Putin"], gazetteer_path="")
        assert actors.similar_actors("vladimir putn", index) == ["Vladimir Putin"]


class TestKeepPairs:
    def test_same_as_pairs_with_actor_filter(self):
        everything = actors.pairs(COOC, DOCS, demonyms=False)
        keep = {"NATO", "Joe Biden"}
        expected = actors.pairs(COOC, DOCS, demonyms=False, actors=keep)
        pd.testing.assert_frame_equal(actors.keep_pairs(everything, keep), expected, check_dtype=False)
