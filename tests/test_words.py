"""lib/words.py: the words layer and normal forms (hand-checked on tokens as the tokenizer splits them)."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import words
from lib.nlp.gazetteer import acronym_form, acronyms
from tests.tokens import tokens_of, words_of


def word_list(text: str, *, column: str = "text", only_words: bool = True) -> list[str]:
    table = words_of("d", text)
    if only_words:
        table = table[table["is_word"]]
    return list(table[column])


class TestNormalForm:
    @pytest.mark.parametrize("surface,form", [
        ("US", "US"), ("us", "us"), ("Us", "us"), ("U.S.", "US"), ("U.S", "US"), ("USA", "USA"),
        ("NATO", "NATO"), ("Nato", "nato"), ("G7", "G7"), ("I", "i"), ("AS", "as"),  # "AS the world…" is a word
        ("Secretary-General", "secretary-general"), ("Secretary‑General", "secretary-general"),
        ("US-led", "US-led"), ("Anti-NATO", "anti-NATO"), ("U.S.-led", "US-led"),
        ("Workers’", "workers'"), ("don’t", "don't"),
    ])
    def test_forms(self, surface, form):
        assert acronym_form(surface) == form

    def test_only_known_acronyms_keep_capitals(self):
        assert words.normal_form("ISO", frozenset()) == "iso"
        assert words.normal_form("ISO", frozenset({"ISO"})) == "ISO"
        assert words.normal_form("FOO", acronyms()) == "foo"

    def test_gazetteer_acronyms_join_the_common_list(self):
        found = acronyms()
        assert words.COMMON_ACRONYMS <= found
        assert {"CPGB", "WSWS", "OSCE", "US"} <= found  # from lib/data/actors.yaml
        assert "U.S." not in found  # dotted forms are folded


class TestNumericWords:
    @pytest.mark.parametrize("form", ["2022", "1,000", "3.5", "30%", "1940s", "13th", "2022-23", "14/02/2025",
                                      "2025-02-14", "$1.5bn", "£300", "june", "sept", "monday", "march"])
    def test_numbers_dates_months(self, form):
        assert words.is_numeric_word(form)

    @pytest.mark.parametrize("form", ["war", "g7", "covid-19", "m23", "1,000-strong", "us", "mayday"])
    def test_words(self, form):
        assert not words.is_numeric_word(form)


class TestWordsFromTokens:
    def test_intra_word_hyphens_make_one_word(self):
        text = "The secretary-general and the Indo-Pacific, a non-imperialist win-win for US-NATO."
        assert word_list(text) == ["The", "secretary-general", "and", "the", "Indo-Pacific", "a", "non-imperialist",
                                   "win-win", "for", "US-NATO"]
        assert word_list(text, column="norm")[-1] == "US-NATO"

    def test_words_end_where_the_reference_pattern_ends_them(self):
        # "’s" is split off at its apostrophe; "do" + "n't" and "can" + "not" are one word each.
        text = "Russia’s war: don't stop, cannot stop. The USA’s role."
        assert word_list(text) == ["Russia", "’s", "war", "don't", "stop", "cannot", "stop", "The", "USA", "’s",
                                   "role"]

    def test_dangling_hyphens_and_punctuation_are_not_terms(self):
        table = words_of("d", "long- and short-term -- a dash")
        flags = dict(zip(table["text"], table["is_word"], strict=True))
        assert flags == {"long-": False, "and": True, "short-term": True, "--": False, "a": True, "dash": True}

    def test_offsets_are_the_whole_word(self):
        text = "A pro-Russia’s view."
        table = words_of("d", text)
        for start, end, surface in zip(table["start"], table["end"], table["text"], strict=True):
            assert text[start:end] == surface
        assert "pro-Russia" in set(table["text"])

    def test_stop_words_acronyms_and_lemmas(self):
        table = words_of("d", "Let us see the US and the non-imperialists. They don't.")
        row = {t: r for t, r in zip(table["text"], table.itertuples(), strict=True)}
        assert row["us"].is_stop and not row["US"].is_stop  # the country is never the stop word
        assert row["US"].norm == "US" and row["us"].norm == "us"
        assert row["don't"].is_stop and not row["non-imperialists"].is_stop
        assert row["non-imperialists"].lemma == "non-imperialists"  # blank pipeline: lemma = lower form

    def test_lemma_of_a_hyphenated_word_is_its_last_part_lemmatised(self):
        tokens = tokens_of("d", "non-imperialists")
        tokens["lemma"] = ["non", "-", "imperialist"]
        table = words.words_from_tokens(tokens)
        assert list(table["lemma"]) == ["non-imperialist"]

    def test_possessive_apostrophe_after_a_plural_is_left_out(self):
        table = words_of("d", "The workers’ party and the ‘reset’ of ties.")
        assert list(table["text"]) == ["The", "workers", "party", "and", "the", "‘", "reset", "’", "of", "ties", "."]

    def test_sentences_and_order_are_kept(self):
        tokens = pd.concat([tokens_of("b", "Peace now. War later."), tokens_of("a", "Never again.")],
                           ignore_index=True).sample(frac=1, random_state=1)
        table = words.words_from_tokens(tokens)
        assert list(table["doc_id"]) == ["a"] * 3 + ["b"] * 6
        assert list(table[table["doc_id"] == "b"]["sent_id"]) == [0, 0, 0, 1, 1, 1]

    def test_empty(self):
        table = words.words_from_tokens(pd.DataFrame(columns=["doc_id", "sent_id", "i", "start", "text"]))
        assert table.empty and list(table.columns) == words.WORD_COLUMNS


class TestCountWords:
    def test_hyphenated_words_count_once(self):
        assert words.count_words("The secretary-general's non-imperialist line.") == 4
