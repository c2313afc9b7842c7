"""lib/analysis/query.py: the query language, concordance lines, limits and the command-line records."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest

from lib.analysis import query
from lib.store import counts
from lib.store.term_index import TermIndex
from tests.tokens import tokens_of

TEXTS = {
    "a": "The Secretary-General spoke. The secretary general of NATO spoke too, and Nato agreed.\n\n"
         "Let us be clear: the US and the U.S. provoked it. He provokes; they are provoking.",
    "b": "Workers’ party rallies. The war goes on and on; the workers' party went home. Going, going, gone.",
    "c": "Nothing here but 2022 and June.",
}
DOCS = pd.DataFrame({"doc_id": list(TEXTS), "text": list(TEXTS.values()), "org_short": ["X", "Y", "Y"],
                     "date": ["2024-05-01", "2023", ""], "n_words": [30, 20, 6]})
TOKENS = pd.concat([tokens_of(d, t) for d, t in TEXTS.items()], ignore_index=True)
# Lemmas as the model would give them for the words the tests look up by lemma.
TOKENS["lemma"] = TOKENS["lower"].replace({"went": "go", "going": "go", "gone": "go", "provoked": "provoke",
                                           "provokes": "provoke", "provoking": "provoke", "spoke": "speak"})
TERM_COUNTS = counts.term_counts(TOKENS)
INDEXES = {(u, n): TermIndex(TERM_COUNTS[(TERM_COUNTS["unit"] == u) & (TERM_COUNTS["n"] == n)], unit=u, n=n)
           for u in ("word", "lemma") for n in (1, 2, 3)}


def words_for(doc_ids):
    return counts.word_table(TOKENS[TOKENS["doc_id"].isin(set(doc_ids))])


def found(q: str, *, case: bool = False, index: bool = True) -> list[str]:
    conc = query.concordance(query.parse_query(q, case=case), DOCS, words_for=words_for,
                             index_for=(lambda u, n: INDEXES[u, n]) if index else None)
    assert conc.total == len(conc.lines) and conc.exact
    return list(conc.lines["keyword"])


class TestParse:
    @pytest.mark.parametrize("text,message", [
        ("", "Type a word"), ("   ", "Type a word"), ("!!! ...", "no word"), ("re:", "needs a regular expression"),
        ("re:(", "not a valid regular expression"), ("x " * 9, "at most 8 words"), ("x" * 201, "too long"),
    ])
    def test_refusals_say_why(self, text, message):
        with pytest.raises(query.QueryError, match=message):
            query.parse_query(text)

    def test_words_fields_and_patterns(self):
        q = query.parse_query("“lemma:Go” provok* U.S. Russia’s")
        assert [(w.field, w.kind, w.value) for w in q.words] == [
            ("lemma", "exact", "go"), ("norm", "wildcard", "provok.*"), ("norm", "exact", "US"),
            ("norm", "exact", "russia"), ("norm", "exact", "'s")]
        assert query.parse_query("NAT*").words[0].value == "NAT.*"  # typed in capitals: capitals kept
        assert query.parse_query("Secretary", case=True).words[0].field == "text"


class TestMatching:
    def test_word_and_phrase_on_normal_forms(self):
        assert found("secretary-general") == ["Secretary-General"]
        assert found("secretary general") == ["secretary general"]  # a phrase matches its own spelling only
        assert found("workers party") == ["Workers’ party", "workers' party"]

    def test_acronyms_never_merge_with_words(self):
        assert found("US") == ["US", "U.S."]
        assert found("us") == ["us"]
        assert found("NATO") == ["NATO"] and found("nato") == ["Nato"]

    def test_wildcards_lemmas_regex_and_case(self):
        assert found("provok*") == ["provoked", "provokes", "provoking"]
        assert found("provok?d") == ["provoked"]
        assert found("lemma:go") == ["went", "Going", "going", "gone"]
        assert found("re:provok(ed|es)") == ["provoked", "provokes"]
        assert found("re:NATO|nato") == ["NATO", "Nato"]
        assert found("Secretary-General", case=True) == ["Secretary-General"]
        assert found("secretary-general", case=True) == []
        assert found("secretary", case=True) == ["secretary"]  # "Secretary" only ever inside "Secretary-General"
        assert found("NAT*") == ["NATO"] and found("N*", case=True) == ["NATO", "Nato", "Nothing"]

    def test_phrases_stay_inside_a_sentence_and_a_run(self):
        assert found("on and on") == ["on and on"]
        assert found("spoke the") == []  # the full stop ends the run
        assert found("on the") == []  # the semicolon ends the run

    @pytest.mark.parametrize("q,case", [("war", False), ("provok*", False), ("lemma:go", False),
                                        ("the war goes", False), ("re:go.*", False), ("US", True),
                                        ("lemma:go home", False), ("a b c d", False)])
    def test_counts_from_the_index_equal_a_full_scan(self, q, case):
        assert found(q, case=case) == found(q, case=case, index=False)


class TestConcordance:
    def test_lines_width_in_words_and_sort_keys(self):
        conc = query.concordance(query.parse_query("spoke"), DOCS, words_for=words_for, width=2)
        first = conc.lines.iloc[0]
        assert (first["left"], first["keyword"], first["right"]) == ("The Secretary-General", "spoke", ". The secretary")
        assert (first["L2"], first["L1"], first["node"], first["R1"], first["R2"]) == (
            "the", "secretary-general", "spoke", "the", "secretary")
        assert TEXTS["a"][first["start"]:first["end"]] == "spoke"

    def test_too_many_lines_gives_the_true_total_and_says_so(self):
        conc = query.concordance(query.parse_query("the"), DOCS, words_for=words_for,
                                 index_for=lambda u, n: INDEXES[u, n], max_lines=2)
        assert conc.total == len(re.findall(r"(?<![\w-])the(?![\w-])", "".join(TEXTS.values()), re.I))
        assert len(conc.lines) == 2 and conc.truncated
        assert any("the first 2" in m for m in conc.messages)

    def test_lines_from_a_limited_number_of_documents_with_the_full_total(self):
        read = []

        def counting_words(doc_ids):
            read.extend(doc_ids)
            return words_for(doc_ids)

        conc = query.concordance(query.parse_query("the"), DOCS, words_for=counting_words,
                                 index_for=lambda u, n: INDEXES[u, n], max_docs=1)
        assert read == ["a"] and set(conc.lines["doc_id"]) == {"a"}
        assert conc.total > len(conc.lines) and conc.documents == 2
        assert any('python -m lib kwic "the"' in m for m in conc.messages)

    def test_a_slow_pattern_is_refused_not_run(self):
        words = counts.word_table(tokens_of("d", "a" * 40 + " b"))
        start = time.monotonic()
        with pytest.raises(query.QueryError, match="too long"):
            query.match_starts(query.parse_query("re:(a|aa)+b"), words)
        assert time.monotonic() - start < 5

    def test_time_limit_stops_a_scan_with_a_lower_bound(self):
        def slow_words(doc_ids):
            time.sleep(0.3)
            return words_for(doc_ids)

        many = pd.concat([DOCS.assign(doc_id=[f"{d}{k}" for d in DOCS["doc_id"]]) for k in range(80)],
                         ignore_index=True)
        conc = query.concordance(query.parse_query("war", case=True), many, words_for=slow_words, time_limit=0.2)
        assert not conc.exact and any("stopped after" in m for m in conc.messages)

    def test_sort_keys(self):
        keys, messages = query.parse_sort("1R, node,zz,1R,date")
        assert keys == ["1R", "node", "date"] and len(messages) == 1
        assert query.parse_sort("left") == (["1L"], []) and query.parse_sort("position") == ([], [])
        conc = query.concordance(query.parse_query("the"), DOCS, words_for=words_for)
        by_right = query.sort_lines(conc.lines, ["1R", "2R"], documents=DOCS)
        assert list(by_right["R1"]) == sorted(by_right["R1"], key=str.casefold)
        by_date = query.sort_lines(conc.lines, ["date"], documents=DOCS)
        assert list(by_date["doc_id"])[0] == "b"  # 2023 before 2024-05-01

    def test_records_are_the_command_line_fields(self):
        conc = query.concordance(query.parse_query("US"), DOCS, words_for=words_for)
        records = query.records(conc.lines, DOCS, corpus_version="v1")
        assert list(records.columns) == query.RECORD_FIELDS
        assert list(records["node"]) == ["US", "U.S."] and set(records["organisation"]) == {"X"}
        assert set(records["corpus_version"]) == {"v1"} and set(records["date"]) == {"2024-05-01"}


class TestTermQuery:
    def test_term_of_the_count_tables(self):
        q = query.term_query("imperialism 's")
        assert [w.value for w in q.words] == ["imperialism", "'s"]
        assert query.term_query("go", unit="lemma").words[0].field == "lemma"
        assert query.term_query("  ") is None
