"""Line-end hyphenation and hard-wrapped lines in plain text (lib/ingest/cleaning.py, lib/ingest/lexicon.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lib.ingest.cleaning import clean_text
from lib.ingest.lexicon import is_english_word, vocabulary
from lib.words import iter_words

WORDS_DATA = Path(__file__).resolve().parents[1] / "data" / "words"


def cleaned(source: str):
    out = clean_text(source, fmt="txt")
    # The offset map stays exact: every cleaned word maps back to its source span, which is the
    # word itself, or the word broken at a line end (the line break taken out, and the hyphen
    # too when the cleaned word has none there).
    for m in iter_words(out.text):
        span = source[out.offsets.to_source_start(m.start()):out.offsets.to_source_end(m.end())]
        assert m.group() in (span, re.sub(r"\r?\n[ \t]*", "", span), re.sub(r"-\r?\n[ \t]*", "", span)), span
    return out


def blocks(out) -> list[str]:
    return [out.text[b.start:b.end] for b in out.blocks]


class TestLexicon:
    @pytest.mark.parametrize("word", ["government", "governments", "Negotiations", "stopped", "coordinated",
                                      "prepared", "internationalist", "went"])
    def test_words(self, word):
        assert is_english_word(word)

    @pytest.mark.parametrize("word", ["nonimperialist", "secretarygeneral", "zeitenwende", "antiwar1", "", "ment"])
    def test_not_words(self, word):
        assert not is_english_word(word)

    def test_the_list_is_the_models_vocabulary(self):
        assert len(vocabulary()) > 80_000


class TestLineEndHyphens:
    def test_a_broken_word_is_joined_when_the_joined_form_is_a_word(self):
        out = cleaned("The govern-\nment said so.\n")
        assert out.text == "The government said so."
        s = out.text.index("government")
        assert (out.offsets.to_source_start(s), out.offsets.to_source_end(s + 10)) == (4, 16)  # "govern-\nment"

    def test_a_compound_keeps_its_hyphen(self):
        assert cleaned("a non-\nimperialist line and the Indo-\nPacific\n").text == \
            "a non-imperialist line and the Indo-Pacific"

    def test_the_documents_own_spelling_wins(self):
        assert cleaned("co-\noperation, as co-operation is\nwritten here").text == \
            "co-operation, as co-operation is written here"

    def test_a_suspended_hyphen_stays(self):
        assert cleaned("long-\nand short-term plans\n").text == "long- and short-term plans"

    def test_carriage_returns_and_indentation(self):
        assert cleaned("the govern-\r\n   ments agreed\r\n").text == "the governments agreed"


class TestWrappedLines:
    def test_a_hard_wrapped_paragraph_is_one_block(self):
        out = cleaned("Three years after the start of the war, the working class is told\nthat there is no "
                      "alternative to rearmament, that hospitals\nmust wait.\n\nNext paragraph.\n")
        assert blocks(out) == ["Three years after the start of the war, the working class is told that there is no "
                               "alternative to rearmament, that hospitals must wait.", "Next paragraph."]
        assert [b.kind for b in out.blocks] == ["paragraph", "paragraph"]

    def test_headings_bylines_and_date_lines_stay_their_own_units(self):
        out = cleaned("# A headline\nby the committee\nTom Peters  \nhis notes\n30 March 2022\nThe text starts.\n")
        assert blocks(out) == ["A headline", "by the committee", "Tom Peters", "his notes", "30 March 2022",
                               "The text starts."]

    def test_lists_and_quotes_stay_lines(self):
        assert blocks(cleaned("- one item\n- two items\n> a quote\n> goes on\n")) == \
            ["one item", "two items", "a quote", "goes on"]


def test_held_out_line_end_hyphens():
    """Words broken at line ends in a held-out PDF-style statement, against a careful reader's
    spelling decided before cleaning was run (tests/data/words/hyphenation.jsonl)."""
    cases = [json.loads(line) for line in (WORDS_DATA / "hyphenation.jsonl").read_text().splitlines() if line]
    right = 0
    for case in cases:
        source = (WORDS_DATA / "texts" / case["file"]).read_text(encoding="utf-8")
        out = clean_text(source, fmt="txt")
        start = source.index(case["broken"])
        clean_start = next(k for k in range(len(out.text)) if out.offsets.to_source_start(k) >= start)
        word = next(iter_words(out.text[clean_start:])).group()
        right += word == case["expected"]
    assert right >= 7, f"{right} of {len(cases)}"  # 7 of 9 measured: see benchmarks/WORDS.md
