"""What a new user hits (issue 16, items 1, 2, 3, 4, 7, 8) under AppTest: the Overview orients,
organisation colours stay put, time charts are dates and say what they leave out, labels stay
readable, clouds can show what is distinctive, and every organisation is accounted for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.ingest.corpus import load_corpus
from lib.ingest.corpus_info import read_corpus_info
from lib.safe import safe_label
from lib.web import start, urls
from tests.conftest import build_store
from tests.pagetest import run_page

ROOT = Path(__file__).resolve().parents[2]
TERMS, ACTORS, POSITIONS, CORPUS = "pages/3_Terms.py", "pages/4_Actors.py", "pages/6_Positions.py", "pages/5_Corpus.py"


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(value: str) -> str:
    return value.replace("\\", "")


def figures(at: AppTest) -> dict[str, dict]:
    """Every plotly chart of the run, by title."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out[(spec["layout"].get("title") or {}).get("text", "")] = spec
    return out


def figure(at: AppTest, title_part: str) -> dict:
    return next(spec for title, spec in figures(at).items() if title_part in title)


def org_marker_colours(spec: dict) -> dict[str, str]:
    """Organisation → colour as drawn: one trace per organisation (name), or one bar per organisation."""
    out = {}
    for trace in spec["data"]:
        colour = (trace.get("marker") or {}).get("color")
        if isinstance(colour, list):
            for label, c in zip(trace["y"], colour, strict=False):
                out[label.split("<br>")[0]] = c
        elif trace.get("name") and colour:
            out[trace["name"]] = colour
    return out


class TestOverviewOrients:
    def test_the_corpus_description_comes_first(self):
        info = read_corpus_info(ROOT / "corpus")
        at = ok(run_page(None))
        assert at.title[0].value == safe_label(info.title)
        assert any(plain(safe_label(info.subject)) in plain(m.value) for m in at.markdown)
        assert any("Curated by" in plain(c.value) and "Licence" in plain(c.value) for c in at.caption)
        assert not at.warning

    def test_where_to_start_links_open_views_that_exist(self):
        at = ok(run_page(None))
        steps = start.next_steps(load_corpus(ROOT / "corpus").documents, has_codebook=True)
        assert 3 <= len(steps) <= 4
        labels = {plain(link.proto.label) for link in at.get("page_link")}
        assert all(step.question in labels for step in steps)
        for step in steps:
            view = ok(run_page(urls.PAGES[step.page], **step.params))
            assert not view.warning, (step, [w.value for w in view.warning])  # no "There is no tab …"

    def test_the_documents_are_listed_once(self):
        at = ok(run_page(None))
        assert len(at.dataframe) == 1
        to_documents = [link for link in at.get("page_link") if link.proto.page == "Document"]
        assert len(to_documents) == 1  # the sidebar's; no second list of the same documents

    def test_per_organisation_charts_say_something_when_each_has_one_document(self):
        at = ok(run_page(None))
        words = figure(at, "Words per organisation")
        assert all("1 document" in label for label in words["data"][0]["y"])
        spans = figure(at, "When each organisation wrote")
        ticks = " ".join(spans["layout"]["yaxis"]["ticktext"])
        assert "2022-03-30" in ticks and "2025-08" in ticks and "undated" in ticks
        assert spans["layout"]["xaxis"]["type"] == "date"

    def test_no_description_file_means_no_section_and_no_message(self, tmp_corpus):
        (tmp_corpus / "corpus.yaml").unlink()
        at = ok(run_page(None))
        assert at.title[0].value == "Party Lines"
        assert not at.warning and not any("Subject" in m.value for m in at.markdown)

    def test_a_bad_description_file_says_what_to_fix(self, tmp_corpus):
        (tmp_corpus / "corpus.yaml").write_text("titel: War talk\n", encoding="utf-8")
        at = ok(run_page(None))
        assert any("line 1" in plain(w.value) and "Did you mean 'title'" in plain(w.value) for w in at.warning)
        assert at.metric[0].value == "5"  # the corpus itself is untouched

    def test_citations_name_the_corpus(self):
        info = read_corpus_info(ROOT / "corpus")
        at = ok(run_page(CORPUS))
        codes = [c.value for c in at.code]
        assert any(info.title in c and info.curator in c and "Licence" in c for c in codes)
        assert any("author = {" + info.curator + "}" in c for c in codes)


class TestColoursStayPut:
    def test_same_colour_filtered_on_other_pages_and_after_adding_an_organisation(self, tmp_corpus):
        whole = org_marker_colours(figure(ok(run_page(None)), "Words per organisation"))
        assert len(set(whole.values())) == 5
        filtered = org_marker_colours(figure(ok(run_page(None, org=["RCG", "WSWS"])), "Words per organisation"))
        assert filtered == {o: whole[o] for o in ("RCG", "WSWS")}
        terms = org_marker_colours(figure(ok(run_page(TERMS)), "Top 20 terms"))
        actors = org_marker_colours(figure(ok(run_page(ACTORS)), "Top 20 actors"))
        assert terms == whole and actors == whole
        # A new organisation whose name sorts first: nobody else's colour moves.
        (tmp_corpus / "aaa.txt").write_text("The Alpha Assembly writes about NATO and Russia.\n", encoding="utf-8")
        with open(tmp_corpus / "metadata.csv", "a", encoding="utf-8") as f:
            f.write("aaa-2024-01-01-alpha,aaa.txt,Alpha,Alpha Assembly,AAA,,,2024-01-01,,en,\n")
        build_store(tmp_corpus, tmp_corpus.parent / "cache")
        after = org_marker_colours(figure(ok(run_page(None)), "Words per organisation"))
        assert {o: after[o] for o in whole} == whole and after["AAA"] not in whole.values()


class TestTimeIsTime:
    def test_overview_timeline_is_dated_and_says_what_it_leaves_out(self):
        at = ok(run_page(None))
        timeline = figure(at, "Documents per year")
        assert timeline["layout"]["xaxis"]["type"] == "date"
        assert any("Not on this chart: 1 undated of the 5 documents" in c.value for c in at.caption)

    def test_positions_over_time_is_dated_and_counts_the_undated(self):
        at = ok(run_page(POSITIONS, cat="nato-blamed", tab="Over time"))
        chart = next(spec for spec in figures(at).values() if "by" in (spec["layout"].get("title") or {}).get("text", ""))
        assert chart["layout"]["xaxis"]["type"] == "date"
        assert any("1 undated" in plain(c.value) for c in at.caption)


class TestReadableCharts:
    def test_term_document_heatmap_labels_short_distinct_angled(self):
        at = ok(run_page(TERMS, tab="Term × document"))
        spec = figure(at, "Top terms in each document")
        x = spec["data"][0]["x"]
        assert len(set(x)) == len(x) == 5 and all(len(label) <= 22 for label in x)
        assert spec["layout"]["xaxis"]["tickangle"] == -40

    def test_network_labels_distinct_where_names_share_a_beginning(self):
        at = ok(run_page(ACTORS, tab="Network"))
        spec = figure(at, "Named in the same sentence")
        written = [t for trace in spec["data"] if trace.get("mode") == "markers+text" for t in trace["text"] if t]
        assert len(written) == len(set(written)) >= 8
        isos = [t for t in written if t.startswith("Internation")]
        # The two International Socialist Organisations keep the end that tells them apart
        # (cut at the end, both read "International Socialist Or…").
        assert isos and all(t[-4:] in ("(NZ)", "(US)") for t in isos)

    def test_side_lists_keep_whole_names_and_numbers(self):
        at = ok(run_page(ACTORS))
        assert not at.dataframe  # no narrow table beside the chart
        listed = "\n".join(m.value for m in at.markdown if m.value.startswith("1. ["))
        assert "[International Socialist Organisation \\(NZ\\)](" in listed and "mentions" in listed


class TestDistinctiveClouds:
    @staticmethod
    def lists(at: AppTest) -> list[list[str]]:
        return [re.findall(r"\[([^\]]+)\]\(\./Terms\?", m.value) for m in at.markdown if "](./Terms?" in m.value]

    def test_the_choice_is_in_the_address_and_clouds_differ_by_organisation(self):
        freq = ok(run_page(TERMS, tab="Word clouds"))
        key = ok(run_page(TERMS, tab="Word clouds", cloud="key"))
        assert [r.value for r in key.radio if r.label == "Word size follows"] == ["key"]
        freq_lists, key_lists = self.lists(freq)[1:], self.lists(key)  # freq has the whole selection first
        assert len(key_lists) == 5
        tops_freq = [set(words[:5]) for words in freq_lists]
        tops_key = [set(words[:5]) for words in key_lists]
        assert set.intersection(*tops_freq)  # frequency: every organisation's top words share some
        assert not set.intersection(*tops_key) and all(len(a & b) <= 1 for a, b in
                                                       [(x, y) for i, x in enumerate(tops_key) for y in tops_key[i + 1:]])

    def test_a_bad_value_is_a_message_and_frequency(self):
        at = ok(run_page(TERMS, tab="Word clouds", cloud="loudest"))
        assert any("cloud" in plain(w.value) for w in at.warning)
        assert [r.value for r in at.radio if r.label == "Word size follows"] == ["freq"]


class TestEveryOrganisationSays:
    def test_organisations_that_say_nothing_are_there_with_a_reason(self):
        at = ok(run_page(ACTORS, actor="New Zealand", section="What each organisation says about them"))
        bold = {plain(m.value).strip("*") for m in at.markdown if m.value.startswith("**")}
        assert {"CPGB-ML", "RCG", "WPI", "WRP", "WSWS"} <= bold
        reasons = [plain(c.value) for c in at.caption if "does not name New Zealand" in plain(c.value)]
        assert len(reasons) == 4

    def test_an_organisation_in_the_filter_with_no_document_in_the_dates(self):
        at = ok(run_page(ACTORS, actor="Russia", section="What each organisation says about them",
                         org=["WPI", "WSWS"], **{"from": "2022-01-01"}))
        assert any("WPI has no document in the selection" in plain(c.value) for c in at.caption)


def test_left_out_of_a_month_chart_counts_year_only_dates():
    from lib.analysis.overview import left_out_note, left_out_of_timeline

    docs = pd.DataFrame({"date": ["2024", "2024-05", ""], "date_precision": ["year", "month", ""]})
    assert left_out_of_timeline(docs, freq="year") == {"undated": 1, "month unknown": 0}
    months = left_out_of_timeline(docs, freq="month")
    assert months == {"undated": 1, "month unknown": 1}
    assert "1 dated only to a year" in left_out_note(months, total=3) and "other 1" in left_out_note(months, total=3)
