"""lib.analysis.reader: blocks and pages, spans, positions, card, side tables, HTML (hand-computed expectations)."""

from __future__ import annotations

import pandas as pd

from lib.analysis import reader
from lib.analysis.query import parse_query
from lib.ingest.cleaned import Block
from lib.safe import Span
from tests.reference import rest_terms
from tests.tokens import words_of


def _blocks(n: int, length: int = 10) -> list[Block]:
    # n blocks of `length` characters separated by a blank line ("\n\n").
    return [Block(i * (length + 2), i * (length + 2) + length, "paragraph") for i in range(n)]


class TestBlocksFromText:
    def test_splits_on_blank_lines_with_offsets(self):
        text = "One two.\n\n  Three\nfour.  \n\n\nFive"
        blocks = reader.blocks_from_text(text)
        assert [(b.start, b.end) for b in blocks] == [(0, 8), (12, 23), (28, 32)]
        assert [text[b.start : b.end] for b in blocks] == ["One two.", "Three\nfour.", "Five"]
        assert {b.kind for b in blocks} == {"paragraph"}

    def test_empty_text_has_no_blocks(self):
        assert reader.blocks_from_text("") == []
        assert reader.blocks_from_text(" \n\n ") == []


class TestPageCount:
    def test_counts(self):
        assert reader.page_count(0) == 1
        assert reader.page_count(30) == 1
        assert reader.page_count(31) == 2
        assert reader.page_count(7, page_size=3) == 3


class TestPageBlocks:
    def test_pages_and_clamping(self):
        blocks = _blocks(7)
        assert reader.page_blocks(blocks, 1, page_size=3) == blocks[0:3]
        assert reader.page_blocks(blocks, 3, page_size=3) == blocks[6:7]
        assert reader.page_blocks(blocks, 9, page_size=3) == blocks[6:7]  # past the end → last page
        assert reader.page_blocks(blocks, 0, page_size=3) == blocks[0:3]
        assert reader.page_blocks([], 1) == []


class TestBlockAt:
    def test_inside_gap_and_outside(self):
        blocks = _blocks(3)  # [0,10) [12,22) [24,34)
        assert reader.block_at(blocks, 0) == 0
        assert reader.block_at(blocks, 9) == 0
        assert reader.block_at(blocks, 10) == 1  # in the gap: the next block
        assert reader.block_at(blocks, 33) == 2
        assert reader.block_at(blocks, 34) is None
        assert reader.block_at(blocks, -1) is None


class TestPageOfOffset:
    def test_offset_to_page(self):
        blocks = _blocks(7)  # block i starts at 12 i
        assert reader.page_of_offset(blocks, 5, page_size=3) == 1
        assert reader.page_of_offset(blocks, 3 * 12, page_size=3) == 2  # first char of block 3
        assert reader.page_of_offset(blocks, 6 * 12 + 4, page_size=3) == 3
        assert reader.page_of_offset(blocks, 10_000, page_size=3) is None


class TestPageRange:
    def test_range(self):
        blocks = _blocks(7)
        assert reader.page_range(blocks, 2, page_size=3) == (36, 70)
        assert reader.page_range([], 1) == (0, 0)


MENTIONS = pd.DataFrame({
    "start": [0, 10, 20, 30], "end": [6, 17, 27, 36],
    "label": ["STATE", "DEMONYM", "PERSON", "STATE"],
    "actor": ["Russia", "Russia", "Vladimir Putin", "China"],
})


class TestActorSpans:
    def test_all_types_with_demonyms(self):
        spans = reader.actor_spans(MENTIONS)
        assert [(s.start, s.end) for s in spans] == [(0, 6), (10, 17), (20, 27), (30, 36)]
        assert spans[0].css == "pl-actor pl-t-STATE"
        assert spans[1].css == "pl-actor pl-t-DEMONYM"
        assert spans[0].title == "Russia · state" and spans[1].title == "Russia · demonym"

    def test_type_toggles_and_demonyms_off(self):
        spans = reader.actor_spans(MENTIONS, types=["PERSON"], demonyms=False)
        assert [(s.start, s.css) for s in spans] == [(20, "pl-actor pl-t-PERSON")]

    def test_focus_is_marked_and_shown_whatever_the_toggles(self):
        spans = reader.actor_spans(MENTIONS, types=["PERSON"], demonyms=False, focus="Russia")
        assert [(s.start, "pl-focus" in s.css) for s in spans] == [(0, True), (10, True), (20, False)]

    def test_empty(self):
        assert reader.actor_spans(MENTIONS.iloc[0:0]) == []


class TestSearchSpans:
    TEXT = "The Workers’ party. workers' PARTY, working class\nparty; a war, not a warning. The US and us."

    def hits(self, q: str, *, case: bool = False) -> list[str]:
        spans = reader.search_spans(words_of("d", self.TEXT), parse_query(q, case=case))
        assert all(s.css == "pl-hit" for s in spans)
        return [self.TEXT[s.start : s.end] for s in spans]

    def test_case_insensitive_apostrophes_alike(self):
        assert self.hits("workers' party") == ["Workers’ party", "workers' PARTY"]

    def test_whole_words_only(self):
        assert self.hits("war") == ["war"]
        assert self.hits("war*") == ["war", "warning"]

    def test_phrase_across_a_line_break(self):
        assert self.hits("class party") == ["class\nparty"]

    def test_acronym_and_pronoun_stay_apart(self):
        assert self.hits("US") == ["US"]
        assert self.hits("us") == ["us"]

    def test_case_matches_the_spelling(self):
        assert self.hits("PARTY", case=True) == ["PARTY"]

    def test_no_words_no_hits(self):
        assert reader.search_spans(words_of("d", ""), parse_query("war")) == []


class TestTermSpans:
    def test_spans_equal_the_counted_term(self):
        text = "War is war. The war, war!"
        words = words_of("d", text)
        spans = reader.term_spans(words, "WAR")
        assert [(s.start, s.end) for s in spans] == [(0, 3), (7, 10), (16, 19), (21, 24)]
        assert reader.term_spans(words, "war is")[0].end == 6
        assert reader.term_spans(words, "") == []
        assert reader.term_spans(words, "war war") == []  # the comma ends the run, as in the counts


class TestPassageSpan:
    BLOCKS = [Block(0, 20, "paragraph"), Block(22, 50, "paragraph")]
    SENTENCES = pd.DataFrame({"start": [0, 10, 22], "end": [9, 40, 50]})

    def test_sentence_containing_the_offset(self):
        assert reader.passage_span(3, self.SENTENCES, self.BLOCKS) == Span(0, 9, "pl-at", "the passage the link points to")

    def test_sentence_is_cut_to_its_paragraph(self):
        span = reader.passage_span(12, self.SENTENCES, self.BLOCKS)
        assert (span.start, span.end) == (10, 20)

    def test_without_sentences_the_block(self):
        span = reader.passage_span(30, None, self.BLOCKS)
        assert (span.start, span.end) == (22, 50)

    def test_outside_the_text(self):
        assert reader.passage_span(500, self.SENTENCES, self.BLOCKS) is None


class TestMentionCounts:
    def test_counts_per_type(self):
        assert reader.mention_counts(reader.actor_spans(MENTIONS)) == {"STATE": 2, "DEMONYM": 1, "PERSON": 1}


class TestPositions:
    def test_percentages_and_snippets(self):
        text = "a" * 50 + "NATO" + "b" * 46  # length 100
        table = reader.positions({"search: nato": [Span(50, 54, "pl-hit")], "actor: X": []}, text, context=3)
        assert list(table.columns) == reader.POSITION_COLUMNS
        assert table.to_dict("records") == [
            {"series": "search: nato", "position": 50.0, "start": 50, "end": 54, "text": "aaaNATObbb"}]

    def test_empty(self):
        assert reader.positions({}, "text").empty


class TestReadingMinutes:
    def test_rounding(self):
        assert reader.reading_minutes(0) == 0
        assert reader.reading_minutes(50) == 1
        assert reader.reading_minutes(1034) == 4  # 4.5 → 4 (banker's rounding is fine for "about")
        assert reader.reading_minutes(2300) == 10


class TestFormatDate:
    def test_precision(self):
        assert reader.format_date("2025-08", "month") == "2025-08 (month only)"
        assert reader.format_date("2025", "year") == "2025 (year only)"
        assert reader.format_date("2025-04-05", "day") == "2025-04-05"
        assert reader.format_date("", "") == "unknown"


class TestCard:
    ROW = {"doc_id": "d1", "title": "", "organisation": "Party", "org_short": "P", "publication": "",
           "author": None, "date": "2025-08", "date_precision": "month", "url": "javascript:alert(1)",
           "n_words": 460, "source_note": " Attribution from the site. "}

    def test_unknowns_and_stats(self):
        stats = pd.DataFrame({"doc_id": ["d1"], "n_sentences": [12], "n_tokens": [500], "mattr": [0.61]})
        card = reader.card(self.ROW, stats)
        assert card.title == "(untitled: d1)"
        assert card.organisation == "Party (P)"
        assert card.publication == "unknown" and card.author == "unknown"
        assert card.date == "2025-08 (month only)"
        assert card.url == "javascript:alert(1)"  # the page shows it only through safe_url (None here)
        assert (card.words, card.sentences, card.reading_minutes, card.mattr) == (460, 12, 2, 0.61)
        assert card.source_note == "Attribution from the site."

    def test_without_stats(self):
        card = reader.card(self.ROW, None)
        assert card.sentences is None and card.mattr is None


class TestDocumentActors:
    def test_named_and_demonyms_with_rates(self):
        counts = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d2"], "actor": ["Russia", "Russia", "NATO", "NATO"],
                               "label": ["STATE", "DEMONYM", "ORG", "ORG"], "count": [3, 2, 1, 9]})
        types = pd.DataFrame({"actor": ["Russia", "NATO"], "type": ["STATE", "ORG"]})
        table = reader.document_actors(counts, types, "d1", n_words=500)
        assert table.to_dict("records") == [
            {"actor": "Russia", "type": "STATE", "count": 5, "named": 3, "demonym": 2, "per_1000": 10.0},
            {"actor": "NATO", "type": "ORG", "count": 1, "named": 1, "demonym": 0, "per_1000": 2.0},
        ]
        assert reader.document_actors(counts, types, "none", n_words=10).empty


class TestCloudWeights:
    def test_content_words_heaviest_first(self):
        tc = pd.DataFrame({"doc_id": ["d"] * 5 + ["e"], "term": ["the", "war", "nato", "2022", "peace", "war"],
                           "count": [40, 5, 7, 9, 5, 99], "stop_edge": [True, False, False, False, False, False]})
        assert reader.cloud_weights(tc, "d") == {"nato": 7.0, "peace": 5.0, "war": 5.0}
        assert list(reader.cloud_weights(tc, "d", top=1)) == ["nato"]


class TestDocumentTermsAndRest:
    def test_target_and_reference(self):
        tc = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "term": ["war", "nato", "war", "war", "peace"],
                           "count": [2, 1, 3, 4, 1]})
        assert reader.document_terms(tc, "a").to_dict() == {"war": 2, "nato": 1}
        assert rest_terms(tc, ["a", "b", "c"], "a").to_dict() == {"peace": 1, "war": 7}
        assert rest_terms(tc, ["a"], "a").empty


class TestPassageQuote:
    def test_collapse_and_cut(self):
        assert reader.passage_quote("x  Hello\n world  y", Span(1, 16, "pl-at")) == "Hello world"
        assert reader.passage_quote("abcdef", Span(0, 6, "pl-at"), limit=4) == "abc…"
        assert reader.passage_quote("abc", None) == ""


class TestChooseDocument:
    DOCS = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "org_short": ["A", "B", "C"]})

    def test_default_is_the_first_filtered(self):
        choice = reader.choose_document(None, self.DOCS, self.DOCS.iloc[1:])
        assert choice == reader.Choice("d2", ["d2", "d3"])
        assert reader.choose_document(None, self.DOCS, self.DOCS, default_index=1).doc_id == "d2"
        assert reader.choose_document(None, self.DOCS, self.DOCS.iloc[:1], default_index=1).doc_id == "d1"

    def test_explicit_outside_the_filter(self):
        choice = reader.choose_document("d1", self.DOCS, self.DOCS.iloc[1:])
        assert choice.doc_id == "d1" and choice.outside_filter and choice.options == ["d2", "d3", "d1"]

    def test_unknown_and_empty(self):
        assert reader.choose_document("<script>", self.DOCS, self.DOCS).unknown
        empty = reader.choose_document(None, self.DOCS, self.DOCS.iloc[0:0])
        assert empty.doc_id is None and not empty.unknown

    def test_extra_ids_join_the_options(self):
        assert reader.choose_document(None, self.DOCS, self.DOCS.iloc[:1], extra=["d3", "zzz"]).options == ["d1", "d3"]


class TestDocumentLabels:
    def test_labels(self):
        docs = pd.DataFrame({"doc_id": ["d1"], "title": [""], "org_short": ["RCG"], "date": [""]})
        assert reader.document_labels(docs) == {"d1": "(untitled: d1) — RCG, unknown"}


class TestLoadSource:
    def test_blocks_from_the_file(self, make_corpus):
        folder = make_corpus({"a.txt": "Title\n\nFirst paragraph.\n\nSecond one."})
        from lib.ingest.corpus import load_corpus

        text = load_corpus(folder).documents["text"].iloc[0]
        source = reader.load_source(folder, "a.txt", text)
        assert source.original.startswith("Title") and source.note == ""
        assert [text[b.start : b.end] for b in source.blocks][-1] == "Second one."

    def test_missing_file_falls_back_to_blank_lines(self, tmp_path):
        source = reader.load_source(tmp_path, "nope.txt", "One.\n\nTwo.")
        assert source.original is None and len(source.blocks) == 2 and "not available" in source.note

    def test_unsafe_name_is_refused_quietly(self, tmp_path):
        assert reader.load_source(tmp_path, "../etc/passwd", "x").original is None


class TestWeightsTable:
    def test_table(self):
        assert reader.weights_table({"war": 3.0, "x": 1.5}).to_dict("records") == [
            {"term": "war", "count": 3}, {"term": "x", "count": 1.5}]




class TestHits:
    """Issue 16 item 6: the Document's search hits, one of them current, listed with their context."""

    TEXT = "The war in Ukraine goes on. Nobody wants this war, but the war continues\nand   continues."

    def _hits(self):
        starts = [i for i in range(len(self.TEXT)) if self.TEXT.startswith("war", i)]
        return [Span(s, s + 3, "pl-hit") for s in reversed(starts)]  # any order in

    def test_current_hit_is_marked_and_clamped(self):
        spans, index = reader.current_hit(self._hits(), 2)
        assert index == 2 and [s.start for s in spans] == sorted(s.start for s in spans)
        assert [s.css for s in spans] == ["pl-hit", "pl-hit pl-current", "pl-hit"]
        assert reader.current_hit(self._hits(), 99)[1] == 3
        assert reader.current_hit([], 1) == ([], 0)

    def test_lines_read_as_fragments(self):
        lines = reader.hit_lines(self.TEXT, self._hits(), "d", context=20)
        assert list(lines["keyword"]) == ["war", "war", "war"]
        assert list(lines["start"]) == sorted(lines["start"])
        last = lines.iloc[2]
        assert last["left"] == "this war, but the " and last["right"] == " continues and"  # whole words, spaces folded
        assert lines.iloc[0]["left"] == "The "
