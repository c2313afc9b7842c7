"""lib.render.charts.word_cloud_image / image_png."""

from __future__ import annotations

from lib.render.charts import image_png, word_cloud_image


class TestWordCloudImage:
    def test_draws_an_rgba_image_of_the_requested_size(self):
        image = word_cloud_image({"war": 10, "peace": 5}, width=300, height=150)
        assert image.size == (300, 150)
        assert image.mode == "RGBA"  # transparent: readable on the light and the dark theme

    def test_nothing_to_draw_is_none(self):
        assert word_cloud_image({}) is None
        assert word_cloud_image({"war": 0, "peace": -1, " ": 3, "x": float("nan")}) is None

    def test_hostile_terms_are_only_pixels(self):
        image = word_cloud_image({"<script>alert(1)</script>": 3, "a\u202eb": 2})
        assert image is not None

    def test_same_input_same_picture(self):
        a = image_png(word_cloud_image({"war": 3, "nato": 2, "peace": 1}))
        b = image_png(word_cloud_image({"war": 3, "nato": 2, "peace": 1}))
        assert a == b and a[:8] == b"\x89PNG\r\n\x1a\n"

    def test_background_colour_gives_rgb(self):
        assert word_cloud_image({"war": 1}, background="white").mode == "RGB"


def test_twenty_organisations_get_twenty_colours():
    from lib.render import palette

    colours = palette.colour_map([f"ORG{i:02d}" for i in range(1, 21)])
    assert len(set(colours.values())) == 20  # a large archive: no two organisations share a colour
    assert colours["ORG01"] == palette.OKABE_ITO[0]  # the first keep the colour-blind-safe Okabe–Ito set


class TestTrends:
    @staticmethod
    def table(orgs=("A", "B")):
        import pandas as pd

        rows = [(p, f"{p}-01-01", t, o, c) for p in ("2023", "2025") for t in ("war", "<b>x</b>") for o in orgs
                for c in (3,)]
        return pd.DataFrame([{"period": p, "date": pd.Timestamp(d), "term": t, "org_short": o, "count": c,
                              "words": 1000, "per_1000": c, "documents": 1} for p, d, t, o, c in rows])

    def test_one_panel_per_term_one_colour_per_organisation(self):
        from lib.render.charts import trends

        fig = trends(self.table(), title="t", term_colours={}, org_colours={"A": "#00000a", "B": "#00000b"})
        assert len(fig.data) == 4  # two terms (panels) × two organisations (lines)
        assert {tr.line.color for tr in fig.data if tr.name == "A"} == {"#00000a"}
        assert sum(tr.showlegend for tr in fig.data) == 2  # the legend names each organisation once
        assert [a.text for a in fig.layout.annotations] == ["war", "&lt;b&gt;x&lt;/b&gt;"]  # panel titles, escaped
        assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.dtick == "M12"  # one tick per year
        # Names are data, never part of the hover template.
        assert all("<b>x" not in tr.hovertemplate for tr in fig.data)
        assert any("&lt;b&gt;x" in str(tr.customdata[0][2]) for tr in fig.data)

    def test_pooled_is_one_panel_one_colour_per_term(self):
        from lib.render.charts import trends

        fig = trends(self.table(orgs=("All selected",)), title="t", term_colours={"war": "#000001"}, org_colours={},
                     freq="month")
        assert len(fig.data) == 2 and "xaxis2" not in fig.layout
        assert {tr.line.color for tr in fig.data if tr.name == "war"} == {"#000001"}
        assert fig.layout.xaxis.tickformat == "%b %Y"


def test_ranked_dots_keep_the_order_given():
    import pandas as pd

    from lib.render.charts import ranked_dots

    fig = ranked_dots(pd.DataFrame({"w": ["b", "a"], "s": [-1.5, 3.0], "n": [2, 5]}), item="w", value="s",
                      title="t", value_title="MI", count="n")
    assert list(fig.data[0].y) == ["b", "a"] and fig.layout.yaxis.autorange == "reversed"


class TestClearTop:
    """Issue 16 item 5: a chart's title below the toolbar strip, a legend above the plot under the title."""

    def test_title_below_the_toolbar_and_wrapped(self):
        import plotly.graph_objects as go

        from lib.render import charts as c

        fig = go.Figure(go.Bar(x=[1], y=[1])).update_layout(title="Terms distinctive of A (CPGB-ML) (right) and "
                                                                  "B (RCG) (left)", height=300)
        c.clear_top(fig)
        assert fig.layout.title.yref == "container" and fig.layout.title.pad.t >= c.TOOLBAR_PX
        assert all(len(line) <= c.TITLE_CHARS for line in fig.layout.title.text.split("<br>"))
        assert fig.layout.margin.t >= fig.layout.title.pad.t + 2 * c.TITLE_LINE_PX

    def test_legend_above_goes_under_the_title(self):
        import plotly.graph_objects as go

        from lib.render import charts as c

        fig = go.Figure([go.Bar(x=[1], y=[1], name="more in A (CPGB-ML)"), go.Bar(x=[1], y=[1], name="more in B")])
        fig.update_layout(title="Short", height=400, legend=dict(orientation="h", y=1.0, yanchor="bottom"))
        c.clear_top(fig)
        legend_top_px = (1 - fig.layout.legend.y) * 400
        assert fig.layout.legend.yref == "container" and fig.layout.legend.yanchor == "top"
        assert legend_top_px >= c.TOOLBAR_PX + c.TITLE_LINE_PX  # under the title's line
        assert fig.layout.margin.t >= legend_top_px + c.LEGEND_ROW_PX
