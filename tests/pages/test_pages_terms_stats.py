"""The Terms page's statistics (lib/web/term_stats.py) under AppTest on the real corpus: every
setting read from the address, shown in its widget, bad values explained."""

from __future__ import annotations

import math

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.pagetest import run_page

TERMS = "pages/3_Terms.py"


def run(**params) -> AppTest:
    at = run_page(TERMS, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(value: str) -> str:
    return value.replace("\\", "")


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def warnings(at: AppTest) -> str:
    return " ".join(plain(w.value) for w in at.warning)


class TestClusters:
    def test_from_the_address(self):
        at = run(term="imperialism", section="Clusters", clen="2", clmin="3")
        assert at.radio(key="terms-clen").value == "2" and at.number_input(key="terms-clmin").value == 3
        table = frame_with(at, "cluster")
        assert set(table["words"]) == {2} and (table["frequency"] >= 3).all()
        assert all("imperialism" in c.split(" ") for c in table["cluster"])
        assert (table["documents"] <= 5).all() and (table["organisations"] <= table["documents"]).all()

    def test_bad_values_fall_back_with_messages(self):
        at = run(term="imperialism", section="Clusters", clen="9", clmin="zero")
        assert "'clen'" in warnings(at) and "clmin" in warnings(at)
        assert at.radio(key="terms-clen").value == "all"


class TestDispersion:
    def test_per_organisation_and_per_document(self):
        at = run(term="imperialism", section="Where it falls in each document")
        orgs = frame_with(at, "scope")
        every = orgs[(orgs["scope"] == "All selected") & (orgs["parts"] == "documents")].iloc[0]
        assert every["count"] == 47 and 0 < every["dp"] < 1
        # One document per organisation here: an organisation's own DP cannot be measured.
        one = orgs[orgs["scope"] == "RCG"].iloc[0]
        assert math.isnan(one["dp"]) and "not measurable" in one["reading"]
        docs = frame_with(at, "document")
        assert len(docs) == 5 and docs["count"].sum() == 47 and docs["dp"].between(0, 1).all()


class TestCollocates:
    def test_window_sides_measure_and_minimums_from_the_address(self):
        at = run(term="imperialism", section="Collocates", wl="3", wr="2", stat="mi", cmin="2", fmin="3")
        assert (at.select_slider(key="terms-wl").value, at.select_slider(key="terms-wr").value) == (3, 2)
        assert at.radio(key="terms-stat").value == "mi"
        assert (at.number_input(key="terms-cmin").value, at.number_input(key="terms-fmin").value) == (2, 3)
        table = frame_with(at, "collocate")
        assert {"L3", "L2", "L1", "R1", "R2"} <= set(table.columns) and "L4" not in table.columns
        assert table["mi"].is_monotonic_decreasing and (table["f_y"] >= 3).all() and (table["f_xy"] >= 2).all()
        # The profile adds up to the co-occurrences.
        assert (table[["L3", "L2", "L1", "R1", "R2"]].sum(axis=1) == table["f_xy"]).all()

    def test_an_older_link_with_one_window(self):
        at = run(term="imperialism", section="Collocates", window="3")
        assert (at.select_slider(key="terms-wl").value, at.select_slider(key="terms-wr").value) == (3, 3)
        assert at.query_params.get("wl") in ("3", ["3"]) and "window" not in at.query_params

    def test_side_by_side_per_organisation(self):
        at = run(term="imperialism", section="Collocates", byorg="1")
        assert at.toggle(key="terms-byorg").value is True
        wide = frame_with(at, "rank")
        assert {"CPGB-ML", "RCG", "WSWS"} <= set(wide.columns)
        assert any(cell.startswith("defeat (") for cell in wide["CPGB-ML"])

    def test_bad_values(self):
        at = run(term="imperialism", section="Collocates", wl="11", stat="dice", byorg="yes")
        assert "'wl'" in warnings(at) and "dice" in warnings(at) and "byorg" in warnings(at)
        assert at.select_slider(key="terms-wl").value == 5 and at.radio(key="terms-stat").value == "log_dice"

    def test_empty_window_is_explained(self):
        at = run(term="imperialism", section="Collocates", wl="0", wr="0")
        assert any("window is empty" in plain(i.value) for i in at.info)


class TestTrends:
    def test_several_terms_pooled_by_month(self):
        at = run(term="imperialism", section="Use over time", vs="nato, russia, zzzq", per="month", pool="1")
        assert at.radio(key="terms-freq").value == "month" and at.toggle(key="terms-pool").value is True
        assert at.text_input(key="terms-vs").value == "nato, russia, zzzq"
        chart = next(c for c in at.get("plotly_chart") if "per month" in c.proto.spec)
        assert "nato" in chart.proto.spec and "russia" in chart.proto.spec
        captions = " ".join(plain(c.value) for c in at.caption)
        assert "zzzq" in captions and "does not occur" in captions
        # The Workers' Party of Ireland article has no date: counted and said.
        assert "1 of 5 selected document(s) have no date or no month" in captions

    def test_by_organisation(self):
        at = run(term="imperialism", section="Use over time", vs="nato")
        chart = next(c for c in at.get("plotly_chart") if "per year" in c.proto.spec)
        assert '"WSWS"' in chart.proto.spec and '"type":"date"' in chart.proto.spec.replace(" ", "")


class TestKeynessReference:
    def test_one_organisation_against_another(self):
        at = run(tab="Distinctive terms", ref="WSWS", korg="RCG", p="0.05")
        assert at.selectbox(key="terms-ref").value == "WSWS"
        table = frame_with(at, "reading")
        row = table.set_index("term").loc["trump"]
        assert row["count_reference"] == 0 and row["reading"].startswith("only in RCG")
        assert (table["g2"] >= 3.84).all()
        assert any("against WSWS" in plain(c.value) for c in at.caption)

    def test_the_reference_tab_says_so(self):
        at = run(tab="Distinctive terms", ref="RCG", korg="RCG")
        assert any("RCG is the reference" in plain(i.value) for i in at.info)

    def test_two_pooled_groups(self):
        at = run(tab="Distinctive terms", kmode="groups", ga=["RCG", "WSWS"], gb=["CPGB-ML", "WPI"])
        assert at.radio(key="terms-kmode").value == "groups"
        assert at.multiselect(key="terms-ga").value == ["RCG", "WSWS"]
        assert at.multiselect(key="terms-gb").value == ["CPGB-ML", "WPI"]
        assert any("RCG + WSWS" in plain(c.value) and "CPGB-ML + WPI" in plain(c.value) for c in at.caption)
        assert len(frame_with(at, "reading"))

    def test_unknown_reference_and_group_members(self):
        at = run(tab="Distinctive terms", ref="<b>Nope</b>", kmode="groups", ga=["RCG", "Zed"])
        text = warnings(at)
        assert "Nope" in text and "Zed" in text
        assert not any("<b>" in m.value for m in at.markdown)
        assert at.multiselect(key="terms-ga").value == ["RCG"]
