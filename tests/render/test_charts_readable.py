"""Readable charts (issue 16, items 3, 4, 7): real date axes, distinct short labels, labels that
never overlap, word clouds legible on the light and the dark theme."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from lib.render import charts

LIGHT_BG, DARK_BG = (255, 255, 255), (14, 17, 23)


def _luminance(rgb) -> float:
    def lin(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


class TestShortLabels:
    def test_a_shared_prefix_stays_distinguishable(self):
        names = ["International Socialist Organisation (NZ)", "International Socialist Organization (US)",
                 "NATO"]
        short = charts.short_labels(names, 24)
        assert len(set(short)) == 3 and all(len(s) <= 24 for s in short)
        assert short[0].endswith("(NZ)") and short[1].endswith("(US)") and short[2] == "NATO"

    def test_plain_cut_when_no_clash_and_numbers_for_equal_names(self):
        assert charts.short_labels(["Revolutionary Communist Group"], 12) == ["Revolutiona…"]
        assert charts.short_labels(["Same", "Same"], 10) == ["Same", "Same (2)"]


class TestPlaceLabels:
    def test_no_two_written_labels_overlap(self):
        rng = np.random.default_rng(1)
        x, y = list(rng.normal(size=30) * 0.2), list(rng.normal(size=30) * 0.2)  # a crowded centre
        texts = [f"Actor number {i}" for i in range(30)]
        shown, where = charts.place_labels(x, y, texts, [8.0] * 30)
        assert shown[0] == texts[0]  # the most mentioned always gets its label
        assert 0 < sum(bool(t) for t in shown) < 30  # crowded: some go to the hover
        w, h = charts.NETWORK_MIN_PLOT_PX
        px = min(w / ((max(x) - min(x)) * (1 + 2 * charts.NETWORK_PAD)), h / ((max(y) - min(y)) * (1 + 2 * charts.NETWORK_PAD)))
        boxes = []
        for xi, yi, text, pos in zip(x, y, shown, where, strict=False):
            if not text:
                continue
            w, h, r = 0.6 * 12 * len(text) + 4, 16, 10
            cx, cy = xi * px, yi * px
            box = {"top center": (cx - w / 2, cy + r, cx + w / 2, cy + r + h),
                   "bottom center": (cx - w / 2, cy - r - h, cx + w / 2, cy - r),
                   "middle right": (cx + r, cy - h / 2, cx + r + w, cy + h / 2),
                   "middle left": (cx - r - w, cy - h / 2, cx - r, cy + h / 2)}[pos]
            boxes.append(box)
        for a, b in itertools.combinations(boxes, 2):
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


class TestHeatmapLabels:
    def test_short_distinct_angled_with_full_names_in_the_hover(self):
        docs = [f"d{i}" for i in range(5)]
        long = {d: f"CPGB-ML · Russia closes on victory while imperialism scrambles, part {i}" for i, d in enumerate(docs)}
        table = pd.DataFrame({"term": ["war"] * 5, "doc_id": docs, "count": [1, 2, 3, 4, 5]})
        fig = charts.heatmap(table, row="term", column="doc_id", value="count", title="t", column_labels=long)
        x = list(fig.data[0].x)
        assert len(set(x)) == 5 and all(len(label) <= charts.HEATMAP_LABEL_CHARS for label in x)
        assert fig.layout.xaxis.tickangle == -40
        assert "part 3" in fig.data[0].customdata[0][3]


class TestDateAxes:
    def test_timeline_is_a_date_axis_with_the_gap_years(self):
        table = pd.DataFrame({"period": ["2022", "2025"], "org_short": ["A", "B"], "documents": [1, 3]})
        fig = charts.timeline_bars(table, title="t", colours={"A": "#E69F00", "B": "#882255"})
        assert fig.layout.xaxis.type == "date"
        first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
        assert first < pd.Timestamp("2022-01-01")
        assert last > pd.Timestamp("2025-01-01")  # 2023 and 2024 lie between, as a gap
        assert [pd.Timestamp(v).year for v in fig.data[0].x] == [2022]

    def test_month_periods_are_dates(self):
        table = pd.DataFrame({"period": ["2024-11", "2025-02"], "org_short": ["A", "A"], "share": [10.0, 20.0]})
        fig = charts.lines_over_time(table, value="share", title="t", colours={}, freq="month")
        assert fig.layout.xaxis.type == "date"
        assert [pd.Timestamp(v).month for v in fig.data[0].x] == [11, 2]

    def test_org_spans_say_dates_and_undated(self):
        per_org = pd.DataFrame({"org_short": ["A", "B"], "organisation": ["Alpha", "Bravo"], "documents": [1, 2],
                                "words": [10, 20], "first_date": ["2022-03-30", ""], "last_date": ["2022-03-30", ""],
                                "undated": [0, 2]})
        fig = charts.org_date_spans(per_org, title="t", colours={})
        ticks = " ".join(fig.layout.yaxis.ticktext)
        assert "2022-03-30" in ticks and "undated" in ticks
        assert fig.layout.xaxis.type == "date"


class TestCloudContrast:
    WEIGHTS = {f"word{i}": 100 - i for i in range(40)}

    def _worst(self, image, background) -> float:
        pixels = np.asarray(image)
        drawn = pixels[pixels[..., 3] == 255][:, :3]  # fully opaque: the letters' inside, not their edges
        colours = {tuple(c) for c in drawn[:: max(1, len(drawn) // 4000)]}
        return min(_contrast(c, background) for c in colours)

    def test_dark_theme_words_contrast_with_the_dark_background(self):
        image = charts.word_cloud_image(self.WEIGHTS, width=450, height=240, theme="dark")
        assert self._worst(image, DARK_BG) >= 3.0

    def test_light_theme_words_contrast_with_white(self):
        image = charts.word_cloud_image(self.WEIGHTS, width=450, height=240, theme="light")
        assert self._worst(image, LIGHT_BG) >= 3.0

    def test_unknown_theme_reads_on_both(self):
        image = charts.word_cloud_image(self.WEIGHTS, width=450, height=240)
        assert self._worst(image, DARK_BG) >= 3.0 and self._worst(image, LIGHT_BG) >= 3.0


def test_long_bar_labels_are_cut_on_the_axis_and_whole_in_the_bars():
    long_name = "International Socialist Organisation (NZ)"
    table = pd.DataFrame({"actor": [long_name, "Russia", long_name, "Russia"], "org_short": ["A", "A", "B", "B"],
                          "count": [3, 2, 1, 4]})
    fig = charts.bars_by_org(table, item="actor", value="count", title="t", colours={})
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[1] == "Russia" and ticks[0].endswith("…") and len(ticks[0]) <= charts.TICK_CHARS
    assert list(fig.layout.yaxis.tickvals) == [long_name, "Russia"]
    assert long_name in list(fig.data[0].y)  # the bars and their hover keep the whole name
    short = charts.bars_by_org(table.replace(long_name, "NATO"), item="actor", value="count", title="t", colours={})
    assert short.layout.yaxis.ticktext is None  # short labels untouched
