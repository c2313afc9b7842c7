"""Plotly figures from tables. Every label that comes from the corpus goes through plot_text.

Colours: the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies) and readable on both the light and the dark theme; Streamlit's theme
supplies the background and fonts.
"""

from __future__ import annotations

import io
import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.render.memo import shared_figure  # one figure per content of the arguments, shared by visitors (issue 21)
from lib.render.palette import TYPE_COLOURS, UNKNOWN_COLOUR, colour_map
from lib.safe import plot_text, plot_texts, show_invisible


def _layout(fig: go.Figure, *, title: str, height: int = 380, **kwargs) -> go.Figure:
    fig.update_layout(title=dict(text=plot_text(title, max_length=120)), height=height,
                      margin=dict(l=10, r=10, t=50, b=10), legend=dict(title=None), **kwargs)
    return fig


@shared_figure
def bar_per_org(table: pd.DataFrame, *, value: str, title: str, colours: dict[str, str]) -> go.Figure:
    """Horizontal bars of ``value`` per organisation (table from lib.analysis.overview.per_organisation).

    With a ``documents`` column and another ``value``, each organisation's label also says how many
    documents the bar comes from ("CPGB-ML · 1 document"), so the chart says something even when
    every organisation has one document. Values are written beside the bars (in the theme's text
    colour: readable on every bar colour, light or dark).
    """
    t = table.sort_values(value)
    labels = plot_texts(t["org_short"])
    if value != "documents" and "documents" in t:
        labels = [f"{lab}<br><span style='font-size:11px'>{d:,} document{'s' if d != 1 else ''}</span>"
                  for lab, d in zip(labels, t["documents"], strict=False)]
    fig = go.Figure(go.Bar(
        x=t[value], y=labels, orientation="h",
        marker_color=[colours.get(o, UNKNOWN_COLOUR) for o in t["org_short"]],
        customdata=plot_texts(t["organisation"], max_length=90),
        hovertemplate="%{customdata}<br>" + value + ": %{x:,}<extra></extra>",
        text=[f"{v:,}" for v in t[value]], textposition="outside", cliponaxis=False,
    ))
    fig = _layout(fig, title=title, height=max(220, 60 + 46 * len(t)), xaxis_title=value, yaxis_title=None)
    fig.update_yaxes(automargin=True)
    if len(t):
        fig.update_xaxes(range=[0, float(t[value].max()) * 1.18])  # room for the values written outside
    if len(t) and t[value].max() <= 10:  # small whole counts: whole-number ticks, not 0.2 steps
        fig.update_xaxes(dtick=1)
    return fig


def _period_dates(periods: pd.Series, freq: str) -> pd.Series:
    """'2025' → 2025-01-01, '2025-08' → 2025-08-01: periods as the dates they start on."""
    return pd.to_datetime(periods.astype(str), format="%Y" if freq == "year" else "%Y-%m")


def _date_axis(fig: go.Figure, first: pd.Timestamp, last: pd.Timestamp, freq: str) -> None:
    """A real date axis (gaps between periods show), one tick per period or a round multiple,
    half a period of room each side so the first and last bars are not cut."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if freq == "year":
        step, pad = 12 * max(1, math.ceil(months / 12 / 12)), pd.DateOffset(months=7)
    else:
        step, pad = next((s for s in (1, 2, 3, 6, 12, 24) if months / s <= 12), 60), pd.DateOffset(days=20)
    fig.update_xaxes(type="date", tickformat="%Y" if freq == "year" else "%b %Y", title=None, dtick=f"M{step}",
                     tick0=first, range=[first - pad, last + pad])


@shared_figure
def timeline_bars(table: pd.DataFrame, *, title: str, colours: dict[str, str], freq: str = "year") -> go.Figure:
    """Stacked bars of documents per period on a real date axis (a year with no document is a
    gap, not skipped), one colour per organisation.

    Args:
        table: ``lib.analysis.overview.timeline`` rows (``period`` "2025" or "2025-08").
        freq: "year" or "month", as the table was made.
    """
    fig = go.Figure()
    width_ms = (0.8 * 365 if freq == "year" else 0.8 * 30) * 24 * 3600 * 1000
    shown = "%Y" if freq == "year" else "%b %Y"
    for org, part in table.groupby("org_short", sort=True):
        fig.add_bar(x=_period_dates(part["period"], freq), y=part["documents"], name=plot_text(org),
                    marker_color=colours.get(org, UNKNOWN_COLOUR), width=width_ms,
                    hovertemplate=plot_text(org) + " %{x|" + shown + "}: %{y} document(s)<extra></extra>")
    if not table.empty:
        dates = _period_dates(table["period"], freq)
        _date_axis(fig, dates.min(), dates.max(), freq)
    fig.update_yaxes(title="documents", dtick=1 if not table.empty and table.groupby("period")["documents"].sum().max() < 10
                     else None)
    return _layout(fig, title=title, barmode="stack")


@shared_figure
def org_date_spans(table: pd.DataFrame, *, title: str, colours: dict[str, str]) -> go.Figure:
    """When each organisation wrote: a line from its first to its last dated document on a real
    date axis (a dot when it has one date); the labels say how many documents and how many undated.

    Args:
        table: ``lib.analysis.overview.per_organisation`` rows (``first_date``, ``last_date``, ``undated``).
    """
    t = table.sort_values(["first_date", "org_short"], ascending=[False, True])
    labels = plot_texts(t["org_short"])
    # One trace for every span (segments apart by None) and one for the dots: a trace per
    # organisation cost ~45 ms each in plotly (0.9 s for twenty organisations).
    line_x: list = []
    line_y: list = []
    dot_x, dot_y, dot_colour, dot_data = [], [], [], []
    for label, org, full, first, last, docs, undated in zip(labels, t["org_short"], t["organisation"], t["first_date"],
                                                           t["last_date"], t["documents"], t["undated"], strict=False):
        if not first:  # nothing dated: the row says so in its label, no mark
            continue
        colour = colours.get(org, UNKNOWN_COLOUR)
        note = f"{docs:,} document{'s' if docs != 1 else ''}" + (f", {undated:,} undated" if undated else "")
        span = first if first == last else f"{first} to {last}"
        ends = [pd.Timestamp(first)] if first == last else [pd.Timestamp(first), pd.Timestamp(last)]
        if len(ends) == 2:
            line_x += [*ends, None]
            line_y += [label, label, None]
        for end in ends:
            dot_x.append(end)
            dot_y.append(label)
            dot_colour.append(colour)
            dot_data.append([plot_text(full, max_length=90), span, note])
    traces = []
    if line_x:
        # Spans in one neutral colour (one trace): the dots at their ends carry each organisation's.
        traces.append(go.Scatter(x=line_x, y=line_y, mode="lines", line=dict(color="rgba(150,150,150,0.7)", width=4),
                                 hoverinfo="skip", showlegend=False))
    traces.append(go.Scatter(x=dot_x, y=dot_y, mode="markers", marker=dict(size=12, color=dot_colour),
                             customdata=dot_data, showlegend=False,
                             hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>"))
    fig = go.Figure(data=traces)
    # What each row holds, written beside its name: readable without hovering, also on a phone.
    notes = [(f"{(first if first == last else f'{first} to {last}') if first else 'undated'}"
              + (f" · {undated:,} undated" if undated and first else ""))
             for first, last, undated in zip(t["first_date"], t["last_date"], t["undated"], strict=False)]
    ticktext = [f"{lab}<br><span style='font-size:11px'>{plot_text(n, max_length=60)}</span>"
                for lab, n in zip(labels, notes, strict=False)]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, tickvals=labels, ticktext=ticktext,
                     automargin=True, title=None)
    dated = t[t["first_date"] != ""]
    if len(dated):
        first, last = pd.Timestamp(dated["first_date"].min()), pd.Timestamp(dated["last_date"].max())
        _date_axis(fig, first, last, "year")
    return _layout(fig, title=title, height=max(220, 80 + 46 * len(t)))


# ---------------------------------------------------------------- word cloud (Document, Terms)
CLOUD_SCALE = 1.5  # layout canvas → picture (see word_cloud_image)
# The part of viridis words are drawn from, per theme: contrast ≥ 3:1 (large text) with the
# theme's background for every word, the heaviest words the most contrasting. Theme unknown: the
# band that reads on both (#29788e–#22a784: ≥ 3:1 on white and on #0E1117).
CLOUD_RANGES = {"light": (0.0, 0.55), "dark": (1.0, 0.4), None: (0.4, 0.6)}

def word_cloud_image(freqs: dict[str, float], *, colormap: str = "viridis", width: int = 900, height: int = 420,
                     max_words: int = 120, background: str | None = None, seed: int = 7,
                     theme: str | None = None):
    """A word cloud image (PIL) sized by ``freqs`` (term → count, rate or score), or None if empty.

    The picture is rendered server-side by the ``wordcloud`` package (text is drawn as pixels,
    never as markup, so untrusted terms are inert). Invisible characters are shown as
    ``[U+XXXX]``. The background is transparent by default so the image reads on the light
    and the dark theme: words take colours from the middle-to-light part of ``colormap``
    (viridis by default: perceptually even, colour-blind safe), heaviest terms first.

    Args:
        freqs: term → positive weight; zero, negative and NaN weights are dropped.
        colormap: a matplotlib colormap name.
        width, height: pixels.
        max_words: at most this many terms, the heaviest first.
        background: a colour for the background, or None for transparent.
        seed: layout seed, so the same input gives the same picture.
        theme: "light" or "dark" (the page's theme, when known): words take the part of the
            colormap that contrasts with that background (``CLOUD_RANGES``); None: a band that
            reads on both.

    Returns:
        A ``PIL.Image.Image`` (RGBA), or None when there is nothing to draw.
    """
    from wordcloud import WordCloud  # imported when a cloud is drawn: it loads PIL and numpy's fonts

    clean: dict[str, float] = {}
    for term, weight in freqs.items():
        try:
            value = float(weight)
        except (TypeError, ValueError):
            continue
        if value > 0 and value == value and str(term).strip():
            key = show_invisible(str(term))
            clean[key] = clean.get(key, 0.0) + value
    if not clean:
        return None
    import matplotlib  # only for its colormaps, when a cloud is drawn

    cmap = matplotlib.colormaps.get_cmap(colormap)
    ranked = {t: i for i, t in enumerate(sorted(clean, key=clean.get, reverse=True))}

    first, last = CLOUD_RANGES.get(theme, CLOUD_RANGES[None])

    def colour(word, **_kwargs):  # heaviest words at the most contrasting end of the theme's band
        r, g, b, _ = cmap(first + (last - first) * ranked.get(word, 0) / max(len(ranked) - 1, 1))
        return f"rgb({int(r * 255)}, {int(g * 255)}, {int(b * 255)})"

    # Words are placed on a canvas 2/3 the size and drawn at 1.5×: the placement search grows
    # with the canvas area (1.4 s → 0.35 s for 120 words) and the picture keeps its pixels.
    cloud = WordCloud(width=max(1, round(width / CLOUD_SCALE)), height=max(1, round(height / CLOUD_SCALE)),
                      scale=CLOUD_SCALE, max_words=max_words, color_func=colour, random_state=seed,
                      mode="RGBA" if background is None else "RGB", background_color=background,
                      prefer_horizontal=0.95, relative_scaling=0.5, min_font_size=6, collocations=False,
                      normalize_plurals=False, include_numbers=True, regexp=None)
    cloud.generate_from_frequencies(clean)
    return cloud.to_image()


def image_png(image) -> bytes:
    """PNG bytes of a PIL image (for a download button)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------- Terms and Actors pages
# Sequential scale for heatmaps: cividis is built for colour-vision deficiencies and has
# no near-white or near-black end, so cells read on the light and the dark theme.
HEATMAP_SCALE = "cividis"
HEATMAP_LABEL_CHARS = 22  # a column label's length at most (written at -40°: ~120 px of height)
DIVERGING = {"target": "#0072B2", "reference": "#E69F00"}  # over-used / under-used (Okabe–Ito)


def _bar_height(n_items: int, *, per_item: int = 26, minimum: int = 260) -> int:
    return max(minimum, 90 + per_item * n_items)


TICK_CHARS = 26  # a bar label longer than this is cut on the axis (the hover has it whole)


def _short_ticks(fig: go.Figure, labels: list[str]) -> None:
    """Cut long category labels on the y axis: on a phone "International Socialist Organisation
    (NZ)" took the plot's width and lost its first letters. The bars keep their full names."""
    if any(len(t) > TICK_CHARS for t in labels):
        fig.update_yaxes(tickmode="array", tickvals=labels,
                         ticktext=[t if len(t) <= TICK_CHARS else t[:TICK_CHARS - 1].rstrip() + "…" for t in labels])


@shared_figure
def bars_by_org(table: pd.DataFrame, *, item: str, value: str, title: str, colours: dict[str, str],
                order: list[str] | None = None, mode: str = "stack", value_title: str | None = None) -> go.Figure:
    """Horizontal bars of ``value`` per ``item`` (term or actor), one colour per organisation.

    Args:
        table: long table with ``item``, ``org_short`` and ``value`` columns
            (``lib.analysis.terms.TERM_ORG_COLUMNS`` or ``lib.analysis.actors.ACTOR_ORG_COLUMNS``).
        order: items top to bottom (default: as they come).
        mode: "stack" (counts add up) or "group" (rates side by side).
    """
    items = order if order is not None else list(dict.fromkeys(table[item]))
    fig = go.Figure()
    if item == "org_short":  # one bar per organisation: one trace, coloured bars, no legend needed
        t = table.set_index("org_short").reindex(items)
        fig.add_bar(y=plot_texts(items), x=t[value].fillna(0), orientation="h", showlegend=False,
                    marker_color=[colours.get(o, "#999999") for o in items],
                    hovertemplate="%{y}: %{x:,.3~f}<extra></extra>")
        fig.update_yaxes(autorange="reversed", title=None, automargin=True)
        _short_ticks(fig, plot_texts(items))
        fig.update_xaxes(title=value_title or value)
        return _layout(fig, title=title, height=_bar_height(len(items), per_item=34, minimum=170))
    for org in sorted(table["org_short"].unique()):
        part = table[table["org_short"] == org].set_index(item).reindex(items)
        fig.add_bar(y=plot_texts(items), x=part[value].fillna(0), name=plot_text(org), orientation="h",
                    marker_color=colours.get(org, "#999999"),
                    hovertemplate="%{y} — " + plot_text(org) + ": %{x:,.3~f}<extra></extra>")
    fig.update_yaxes(autorange="reversed", title=None, automargin=True)
    _short_ticks(fig, plot_texts(items))
    fig.update_xaxes(title=value_title or value)
    per = 26 if mode == "stack" else max(26, 9 * table["org_short"].nunique())
    fig = _layout(fig, title=title, height=_bar_height(len(items), per_item=per), barmode=mode)
    if table["org_short"].nunique() < 2:
        fig.update_layout(showlegend=False)
    return fig


@shared_figure
def ranked_dots(table: pd.DataFrame, *, item: str, value: str, title: str, value_title: str,
                colour: str = "#0072B2", count: str | None = None) -> go.Figure:
    """One dot per item on a value axis, strongest at the top: for scores whose differences a
    bar from zero hides (log-Dice sits near 10–14) or that can be negative (MI, log-likelihood).

    Args:
        table: rows in the order to draw (top first).
        count: a column shown in the hover as the frequency behind the score.
    """
    items = plot_texts(table[item], max_length=40)
    custom = table[count].to_numpy() if count else None
    fig = go.Figure(go.Scatter(
        x=table[value], y=items, mode="markers", marker=dict(size=11, color=colour), customdata=custom,
        hovertemplate="%{y}: %{x:.2f}" + ("<br>%{customdata} co-occurrence(s)" if count else "") + "<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category", title=None, automargin=True, showgrid=True)
    fig.update_xaxes(title=plot_text(value_title), zeroline=True)
    return _layout(fig, title=title, height=_bar_height(len(table), per_item=24))


@shared_figure
def heatmap(table: pd.DataFrame, *, row: str, column: str, value: str, title: str,
            rows: list[str] | None = None, columns: list[str] | None = None,
            column_labels: dict[str, str] | None = None, value_title: str | None = None) -> go.Figure:
    """A heatmap from a long table (one row per cell), with the value printed on small grids.

    Args:
        row, column, value: column names of ``table``.
        rows, columns: order of the axes (default: as they come).
        column_labels: display labels for column keys (e.g. document titles).
    """
    rows = rows if rows is not None else list(dict.fromkeys(table[row]))
    columns = columns if columns is not None else list(dict.fromkeys(table[column]))
    grid = table.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    grid = grid.reindex(index=rows, columns=columns, fill_value=0)
    labels = column_labels or {}
    # Short, distinct axis labels (full names in the hover), the columns' written at an angle
    # from three columns on: a label never runs into its neighbour, whatever the corpus.
    full_x = [str(labels.get(c, c)) for c in columns]
    x = plot_texts(short_labels(full_x, HEATMAP_LABEL_CHARS), max_length=None)
    y = plot_texts(short_labels([str(r) for r in rows], 28), max_length=None)
    hover = [[f"{plot_text(r, max_length=90)} · {plot_text(c, max_length=90)}" for c in full_x] for r in rows]
    show_values = len(rows) * len(columns) <= 300
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=x, y=y, colorscale=HEATMAP_SCALE, xgap=1, ygap=1, customdata=hover,
        colorbar=dict(title=dict(text=plot_text(value_title or value))),
        text=grid.round(2).to_numpy() if show_values else None,
        texttemplate="%{text}" if show_values else None,
        hovertemplate="%{customdata}: %{z:,.3~f}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True, title=None)
    fig.update_xaxes(automargin=True, title=None, tickangle=-40 if len(columns) > 2 else 0)
    height = max(280, 140 + 24 * len(rows))
    return _layout(fig, title=title, height=height)


@shared_figure
def keyness_bars(table: pd.DataFrame, *, title: str, top: int = 12, reference: str = "the rest") -> go.Figure:
    """Diverging bars of log ratio: over-used terms to the right, under-used to the left.

    Args:
        table: keyness rows of one side (``lib.analysis.terms.KEYNESS_COLUMNS``).
        top: terms per direction (strongest G² first).
        reference: what the side is compared with, in words (axis title and hover).
    """
    over = table[table["direction"] == "target"].head(top)
    under = table[table["direction"] == "reference"].head(top)
    t = pd.concat([over, under]).sort_values("log_ratio")
    fig = go.Figure(go.Bar(
        x=t["log_ratio"], y=plot_texts(t["term"]), orientation="h",
        marker_color=[DIVERGING.get(d, "#999999") for d in t["direction"]],
        customdata=list(zip(t["g2"].round(2), t["count_target"], t["count_reference"], strict=False)),
        hovertemplate="%{y}: log ratio %{x:.2f}<br>G² %{customdata[0]}<br>here %{customdata[1]}, "
                      + plot_text(reference, max_length=40) + " %{customdata[2]}<extra></extra>",
    ))
    fig.update_xaxes(title=plot_text(f"log ratio (+1 = twice as frequent here as in {reference})", max_length=90),
                     zeroline=True)
    fig.update_yaxes(title=None, automargin=True)
    return _layout(fig, title=title, height=_bar_height(len(t), per_item=22))


@shared_figure
def lines_over_time(table: pd.DataFrame, *, value: str, title: str, colours: dict[str, str],
                    freq: str = "year") -> go.Figure:
    """Lines (with markers) of a value per period (``period`` column: "2025" or "2025-08"), one per
    organisation, on a real date axis (Positions over time)."""
    fig = go.Figure()
    shown = "%Y" if freq == "year" else "%b %Y"
    for org in sorted(table["org_short"].unique()):
        part = table[table["org_short"] == org].sort_values("period")
        fig.add_scatter(x=_period_dates(part["period"], freq), y=part[value], name=plot_text(org), mode="lines+markers",
                        marker=dict(size=9, color=colours.get(org, UNKNOWN_COLOUR)),
                        line=dict(color=colours.get(org, UNKNOWN_COLOUR), width=2),
                        hovertemplate=plot_text(org) + " %{x|" + shown + "}: %{y:,.3~f}<extra></extra>")
    if not table.empty:
        dates = _period_dates(table["period"], freq)
        _date_axis(fig, dates.min(), dates.max(), freq)
    fig.update_yaxes(title=value, rangemode="tozero")
    return _layout(fig, title=title, height=360)


@shared_figure
def trends(table: pd.DataFrame, *, title: str, term_colours: dict[str, str], org_colours: dict[str, str],
           freq: str = "year", value: str = "per_1000", value_title: str = "per 1,000 words") -> go.Figure:
    """Several terms over time on a real date axis.

    One organisation (or the pooled series): one panel, a line per term. Several organisations:
    one panel per term (a handful, however many organisations), a line per organisation in the
    colour it has on every chart.

    Args:
        table: ``lib.analysis.stats.TREND_COLUMNS`` rows (``date`` = the period's first day).
        term_colours: term → colour; org_colours: organisation → colour.
        freq: "year" or "month" (how dates read in the hover and on the axis).
    """
    terms = list(dict.fromkeys(table["term"].astype(str)))
    orgs = sorted(table["org_short"].astype(str).unique()) or [""]
    single = len(orgs) == 1
    panels = [None] if single else terms
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=min(0.12, 0.5 / len(panels)),
                        subplot_titles=None if single else [plot_text(t, max_length=60) for t in terms])
    shown = "%Y" if freq == "year" else "%b %Y"
    for row, panel in enumerate(panels, start=1):
        for series in terms if single else orgs:
            term, org = (series, orgs[0]) if single else (panel, series)
            part = table[(table["org_short"] == org) & (table["term"] == term)].sort_values("date")
            if part.empty:
                continue
            colour = (term_colours if single else org_colours).get(series, "#999999")
            fig.add_scatter(x=part["date"], y=part[value], name=plot_text(series, max_length=40), legendgroup=series,
                            showlegend=row == 1, mode="lines+markers", row=row, col=1,
                            marker=dict(size=9, color=colour), line=dict(color=colour, width=2),
                            # names travel as data, not inside the template (plotly would read "%{…}" in them)
                            customdata=np.column_stack([part["count"], part["words"],
                                                        [plot_text(term, max_length=40)] * len(part),
                                                        [plot_text(org, max_length=40)] * len(part)]),
                            hovertemplate=("%{customdata[2]} · %{customdata[3]} · %{x|" + shown + "}: %{y:,.3~f} "
                                           + value_title + "<br>%{customdata[0]} use(s) in %{customdata[1]} words"
                                           "<extra></extra>"))
    # One tick per period (plotly's own ticks repeat a year at half-year steps), and half a
    # period of room each side so the first and last points are not cut by the frame.
    first, last = pd.Timestamp(table["date"].min()), pd.Timestamp(table["date"].max())
    months = (last.year - first.year) * 12 + last.month - first.month
    if freq == "year":
        step, pad = 12 * max(1, math.ceil(months / 12 / 12)), pd.DateOffset(months=6)
    else:
        step, pad = next((s for s in (1, 2, 3, 6, 12, 24) if months / s <= 12), 60), pd.DateOffset(days=15)
    fig.update_xaxes(type="date", tickformat=shown, title=None, dtick=f"M{step}", tick0=first,
                     range=[first - pad, last + pad])
    fig.update_yaxes(rangemode="tozero", title=None)
    height = 380 if single else 140 + 210 * len(panels)
    _layout(fig, title=title, height=height)
    # The legend under the plot: above it, it would share the top margin with the title.
    plot_height = height - (120 if single else 150)
    return fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-45 / plot_height, x=0, title=None),
                             margin=dict(l=10, r=10, t=50 if single else 80, b=70))


@shared_figure
def positions_strip(positions: pd.DataFrame, *, title: str, labels: dict[str, str],
                    colours: dict[str, str], org_of: dict[str, str]) -> go.Figure:
    """Where a term falls in each document: one row per document, a tick per occurrence.

    Args:
        positions: ``lib.analysis.terms.POSITION_COLUMNS``.
        labels: doc_id → label shown on the axis.
        org_of: doc_id → organisation (for the colour).
    """
    docs = list(dict.fromkeys(positions["doc_id"]))
    fig = go.Figure()
    for org in sorted({org_of.get(d, "") for d in docs}):
        part = positions[positions["doc_id"].map(lambda d, o=org: org_of.get(d, "") == o)]
        fig.add_scatter(x=part["position"] * 100, y=plot_texts([labels.get(d, d) for d in part["doc_id"]], max_length=45),
                        mode="markers", name=plot_text(org),
                        marker=dict(symbol="line-ns-open", size=18, line=dict(width=2),
                                    color=colours.get(org, "#999999")),
                        customdata=part["start"],
                        hovertemplate="%{y}: %{x:.0f}% into the text (offset %{customdata})<extra></extra>")
    fig.update_xaxes(range=[-1, 101], title="position in the document (% of its length)", ticksuffix="%")
    fig.update_yaxes(autorange="reversed", title=None, automargin=True, type="category")
    return _layout(fig, title=title, height=max(220, 110 + 34 * len(docs)))


@shared_figure
def short_labels(names: list[str], max_length: int) -> list[str]:
    """Labels of at most ``max_length`` characters that stay distinct: a long name is cut at the
    end ("Revolutionary Communist Gr…"), but where two cut names would read the same (a shared
    prefix) their ends are kept instead ("Communist Par…rxist-Leninist)"), and any still equal get
    a number. Full names belong in the hover. Plain strings in, plain strings out (pass them
    through ``plot_text`` with no further cut).
    """
    clean = [re.sub(r"\s+", " ", str(n)).strip() for n in names]

    def cut(name: str) -> str:
        return name if len(name) <= max_length else name[: max_length - 1].rstrip() + "…"

    def middle(name: str) -> str:
        if len(name) <= max_length:
            return name
        head = (max_length - 1) // 2
        return name[:head].rstrip() + "…" + name[-(max_length - 1 - head):].lstrip()

    out = [cut(n) for n in clean]
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(out):
        groups.setdefault(label, []).append(i)
    for members in groups.values():
        if len({clean[i] for i in members}) > 1:
            for i in members:
                out[i] = middle(clean[i])
    seen: dict[str, int] = {}
    for i, label in enumerate(out):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            out[i] = f"{label} ({seen[label]})"
    return out


NETWORK_PAD = 0.06  # room around the network's nodes, a share of its extent on each side
NETWORK_MIN_PLOT_PX = (320, 500)  # the plot on a phone (390 px wide): labels placed for it stay apart wider


def place_labels(x: list[float], y: list[float], texts: list[str], radii_px: list[float], *,
                 width_px: float = NETWORK_MIN_PLOT_PX[0], height_px: float = NETWORK_MIN_PLOT_PX[1],
                 font_px: float = 12, pad: float = NETWORK_PAD) -> tuple[list[str], list[str]]:
    """Where to write each node's label so that no two labels overlap (and none covers a node).

    Nodes come in priority order (most mentioned first); each label tries above, below, right and
    left of its node, and is left to the hover when none is free. Sizes are estimated for a plot
    of ``width_px`` × ``height_px`` with equal scales (the network's) whose range is the nodes'
    extent plus ``pad`` of it each side, characters at 0.6 em. Placed for the narrowest plot
    (a phone), labels only move further apart on a wider one: the scale grows, the text does not.

    Returns:
        (texts, positions): the text to write ('' for none) and plotly ``textposition`` per node.
    """
    if not x:
        return [], []
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    span = (max(float(xs.max() - xs.min()), 1e-9) * (1 + 2 * pad), max(float(ys.max() - ys.min()), 1e-9) * (1 + 2 * pad))
    px = min(width_px / span[0], height_px / span[1])  # pixels per data unit (equal scales)
    cx, cy = xs * px, ys * px
    boxes: list[tuple[float, float, float, float]] = [(a - r, b - r, a + r, b + r) for a, b, r in zip(cx, cy, radii_px,
                                                                                                     strict=False)]
    placed: list[tuple[float, float, float, float]] = []

    def free(box: tuple[float, float, float, float], own: int) -> bool:
        x0, y0, x1, y1 = box
        for k, (a0, b0, a1, b1) in enumerate(boxes):
            if k != own and x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                return False
        return all(not (x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1) for a0, b0, a1, b1 in placed)

    out_text, out_pos = [""] * len(texts), ["top center"] * len(texts)
    for i, text in enumerate(texts):
        if not text:
            continue
        w, h, r = 0.6 * font_px * len(text) + 4, font_px + 4, radii_px[i] + 2
        options = {"top center": (cx[i] - w / 2, cy[i] + r, cx[i] + w / 2, cy[i] + r + h),
                   "bottom center": (cx[i] - w / 2, cy[i] - r - h, cx[i] + w / 2, cy[i] - r),
                   "middle right": (cx[i] + r, cy[i] - h / 2, cx[i] + r + w, cy[i] + h / 2),
                   "middle left": (cx[i] - r - w, cy[i] - h / 2, cx[i] - r, cy[i] + h / 2)}
        for where, box in options.items():
            if free(box, i):
                placed.append(box)
                out_text[i], out_pos[i] = text, where
                break
    return out_text, out_pos


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str, labelled: int = 15) -> go.Figure:
    """An actor network drawn with plotly: edges as lines (width ~ sentences), nodes sized by
    mentions and coloured by type (``TYPE_COLOURS``), names written beside the main nodes.

    Args:
        nodes: ``lib.analysis.actors.NODE_COLUMNS`` (positions from ``lib.analysis.actors.layout``), most mentioned first.
        edges: rows with actor_a, actor_b, sentences (only edges between drawn nodes are used).
        labelled: how many of the most mentioned nodes get a written label (all get hover text).
    """
    pos = {a: (x, y) for a, x, y in zip(nodes["actor"], nodes["x"], nodes["y"], strict=False)}
    fig = go.Figure()
    drawn = edges[edges["actor_a"].isin(pos) & edges["actor_b"].isin(pos)]
    top = max(int(drawn["sentences"].max()), 1) if len(drawn) else 1
    # Group edges into a few width bands: one trace per band keeps the figure light.
    bands = [(0.0, 0.25, 0.8), (0.25, 0.5, 1.8), (0.5, 0.75, 3.0), (0.75, 1.01, 4.5)]
    for lo, hi, width in bands:
        xs: list[float | None] = []
        ys: list[float | None] = []
        share = drawn["sentences"] / top
        for a, b in zip(drawn.loc[(share > lo) & (share <= hi), "actor_a"],
                        drawn.loc[(share > lo) & (share <= hi), "actor_b"], strict=False):
            xs += [pos[a][0], pos[b][0], None]
            ys += [pos[a][1], pos[b][1], None]
        if xs:
            fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(width=width, color="rgba(150,150,150,0.55)"),
                            hoverinfo="skip", showlegend=False)
    biggest = max(int(nodes["mentions"].max()), 1) if len(nodes) else 1
    sizes = [10 + 34 * (m / biggest) ** 0.5 for m in nodes["mentions"]]
    # Labels for the most mentioned, distinct even where names share a beginning, each placed
    # where it overlaps no other label and no node (the rest: hover).
    names = short_labels(list(nodes["actor"].astype(str)), 24)
    wanted = [name if rank < labelled else "" for rank, name in enumerate(names)]
    label_text, label_pos = place_labels(list(nodes["x"]), list(nodes["y"]), wanted, [s / 2 for s in sizes])
    nodes = nodes.assign(_size=sizes, _text=label_text, _pos=label_pos)
    for kind in [t for t in TYPE_COLOURS if t in set(nodes["type"])] + sorted(set(nodes["type"]) - set(TYPE_COLOURS)):
        part = nodes[nodes["type"] == kind]
        fig.add_scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=plot_text(kind or "other"),
            marker=dict(size=list(part["_size"]),
                        color=TYPE_COLOURS.get(kind, "#999999"), line=dict(width=1, color="rgba(40,40,40,0.8)")),
            text=plot_texts(part["_text"], max_length=None), textposition=list(part["_pos"]), textfont=dict(size=12),
            customdata=list(zip(plot_texts(part["actor"], max_length=80), part["mentions"], part["degree"],
                                strict=False)),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]} mentions, %{customdata[2]} links<extra></extra>",
        )
    if len(nodes):  # the range place_labels assumed: the nodes' extent and NETWORK_PAD of it each side
        for axis, values in (("x", nodes["x"]), ("y", nodes["y"])):
            lo, hi = float(values.min()), float(values.max())
            extra = max(hi - lo, 1e-9) * NETWORK_PAD
            (fig.update_xaxes if axis == "x" else fig.update_yaxes)(range=[lo - extra, hi + extra])
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    _layout(fig, title=title, height=620)
    return fig.update_layout(legend=dict(title=None, orientation="h", y=-0.02))


# ---------------------------------------------------------------- reader and comparison (Document, Compare)

@shared_figure
def hits_strip(table: pd.DataFrame, *, title: str, colours: dict[str, str] | None = None) -> go.Figure:
    """Where hits fall across a document: one row per series, a tick per hit at 0–100 %.

    Args:
        table: ``lib.analysis.reader.POSITION_COLUMNS`` (series, position, start, end, text).
        title: the chart title.
        colours: series → colour (default: Okabe–Ito in order).
    """
    names = list(dict.fromkeys(table["series"].astype(str)))
    colours = colours or colour_map(names)
    fig = go.Figure()
    for name in names:
        part = table[table["series"].astype(str) == name]
        fig.add_scatter(
            x=part["position"], y=[plot_text(name, max_length=40)] * len(part), mode="markers",
            name=plot_text(name, max_length=40),
            marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=colours.get(name, "#999999"))),
            customdata=plot_texts(part["text"], max_length=110),
            hovertemplate="%{x:.0f}% into the text<br>…%{customdata}…<extra></extra>",
        )
    fig.update_xaxes(range=[-1, 101], title="position in the document (%)", ticksuffix="%", dtick=10)
    fig.update_yaxes(title=None, autorange="reversed")
    return _layout(fig, title=title, height=max(160, 90 + 48 * len(names)), showlegend=False)


@shared_figure
def keyness_diverging(table: pd.DataFrame, *, target: str, reference: str, title: str,
                 colours: tuple[str, str] = ("#0072B2", "#D55E00")) -> go.Figure:
    """Diverging bars of log ratio (effect size) for the distinctive terms of two sides.

    Args:
        table: ``lib.analysis.terms.KEYNESS_COLUMNS`` rows (``direction`` "target"/"reference").
        target, reference: names of the two sides (legend and hover).
        title: the chart title.
        colours: (target, reference) bar colours (Okabe–Ito blue and vermillion).

    Bars to the right are relatively more frequent in the target, to the left in the
    reference; the hover gives G², p, the log ratio and both counts.
    """
    t = table.sort_values(["log_ratio", "term"]).reset_index(drop=True)
    fig = go.Figure()
    for direction, name, colour in (("reference", reference, colours[1]), ("target", target, colours[0])):
        part = t[t["direction"] == direction]
        if part.empty:
            continue
        custom = np.column_stack([part["g2"].round(1), part["p"], part["count_target"], part["count_reference"],
                                  plot_texts(part["term"], max_length=60)]) if len(part) else None
        fig.add_bar(
            x=part["log_ratio"], y=plot_texts(part["term"], max_length=40), orientation="h",
            name=plot_text("more in " + name, max_length=60), marker_color=colour, customdata=custom,
            hovertemplate=("<b>%{customdata[4]}</b><br>log ratio %{x:.2f}<br>G² %{customdata[0]} (p %{customdata[1]:.2g})"
                           "<br>" + plot_text(target, max_length=40) + ": %{customdata[2]}"
                           "<br>" + plot_text(reference, max_length=40) + ": %{customdata[3]}<extra></extra>"),
        )
    fig.add_vline(x=0, line_width=1, line_color="#999999")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=plot_texts(t["term"], max_length=40),
                     title=None, automargin=True)
    fig.update_xaxes(title="log ratio (+1 = twice as frequent on that side)", zeroline=False)
    _layout(fig, title=title, height=max(260, 130 + 24 * len(t)), barmode="relative")
    return fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title=None),
                             margin=dict(t=80))


@shared_figure
def similarity_heatmap(matrix: pd.DataFrame, *, title: str, labels: dict[str, str] | None = None,
                       hover: dict[str, str] | None = None) -> go.Figure:
    """A heatmap of pairwise similarity (0–1), labels made safe, value in each cell when few.

    Args:
        matrix: square DataFrame from ``lib.analysis.compare.similarity_matrix``.
        title: the chart title.
        labels: id → short label for the axes (default: the ids).
        hover: id → longer label for the hover (default: the axis label).
    """
    ids = [str(i) for i in matrix.index]
    # Short labels that stay distinct (a shared prefix keeps the ends; equal ones get a number:
    # plotly categories must be unique); the full names are in the hover.
    axis = plot_texts(short_labels([str((labels or {}).get(i, i)) for i in ids], HEATMAP_LABEL_CHARS), max_length=None)
    full = [plot_text((hover or labels or {}).get(i, i), max_length=90) for i in ids]
    hover = [[f"{full[r]}<br>{full[c]}" for c in range(len(ids))] for r in range(len(ids))]
    values = matrix.to_numpy(float)
    fig = go.Figure(go.Heatmap(
        z=values, x=axis, y=axis, zmin=0, zmax=1, colorscale="Viridis", customdata=hover,
        colorbar=dict(title="cosine"),
        text=np.round(values, 2) if len(ids) <= 12 else None, texttemplate="%{text}" if len(ids) <= 12 else None,
        hovertemplate="%{customdata}<br>similarity %{z:.2f}<extra></extra>",
    ))
    size = max(320, min(900, 140 + 34 * len(ids)))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickangle=0 if len(ids) <= 2 else -40, automargin=True)
    return _layout(fig, title=title, height=size)


@shared_figure
def positions_pair(table: pd.DataFrame, *, labels: dict[str, str], org_a: str, org_b: str,
                   colours: dict[str, str], title: str) -> go.Figure:
    """Two organisations on every category: the share of documents (with its 95% interval) as
    two dots per category row, categories in the table's order (top to bottom).

    Args:
        table: ``lib.analysis.positions.pair`` output.
        labels: category id → label (untrusted: made plotly-safe).
    """
    fig = go.Figure()
    names = plot_texts([labels.get(c, c) for c in table["category"]], max_length=48)
    for side, org, symbol in (("a", org_a, "circle"), ("b", org_b, "diamond")):
        share = table[f"share_{side}"] * 100
        fig.add_scatter(
            x=share, y=names, mode="markers", name=plot_text(org),
            marker=dict(size=12, symbol=symbol, color=colours.get(org, "#999999"), line=dict(width=1, color="#333")),
            error_x=dict(type="data", symmetric=False, array=(table[f"share_hi_{side}"] * 100 - share).fillna(0),
                         arrayminus=(share - table[f"share_lo_{side}"] * 100).fillna(0), thickness=1.5, width=4,
                         color=colours.get(org, "#999999")),
            customdata=list(zip(table[f"docs_with_{side}"].fillna(0).astype(int),
                                table[f"documents_{side}"].fillna(0).astype(int), strict=False)),
            hovertemplate=plot_text(org) + " · %{y}: %{x:.0f}% of documents (%{customdata[0]} of %{customdata[1]})"
                          "<extra></extra>")
    fig.update_xaxes(title="share of documents expressing the category (%, with 95% interval)", range=[-3, 103],
                     ticksuffix="%")
    fig.update_yaxes(autorange="reversed", title=None, automargin=True, type="category")
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return _layout(fig, title=title, height=_bar_height(len(table), per_item=34, minimum=300))


# ---------------------------------------------------------------- the top of every chart (lib.web.ui.show_chart)
TOOLBAR_PX = 38  # plotly's toolbar (modebar) strip at the top right (26 px), shown on hover or a tap, and a gap
TITLE_LINE_PX = 22
TITLE_CHARS = 44  # a title line that fits a phone's width (390 px) at plotly's title size
LEGEND_ROW_PX = 24


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def clear_top(fig: go.Figure, *, width_px: int = 360) -> go.Figure:
    """Keep a chart's title clear of the toolbar and of a legend drawn above the plot.

    The toolbar (modebar) covers the top right corner of a chart; on a phone it covered half of
    every title. The title goes below a strip kept for the toolbar, wrapped onto lines that fit a
    phone; a horizontal legend above the plot goes below the title, with room for as many rows
    as its entries need at ``width_px`` (a phone's chart width; a wide screen leaves a little space).
    """
    title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    lines = _wrap(title, TITLE_CHARS) if title else []
    # plotly anchors a title of several lines by its middle, not its top: about half a line
    # higher for each line after the first, given back in the padding.
    pad = TOOLBAR_PX + (TITLE_LINE_PX // 2 + 1) * max(len(lines) - 1, 0)
    top = pad + TITLE_LINE_PX * len(lines) + (6 if lines else 0)
    height = fig.layout.height or 450
    if lines:
        fig.update_layout(title=dict(text="<br>".join(lines), yref="container", y=1, yanchor="top",
                                     pad=dict(t=pad, b=0)))
    legend = fig.layout.legend
    above = (fig.layout.showlegend is not False and legend.orientation == "h" and legend.y is not None
             and legend.y >= 1 and (legend.yref in (None, "paper")))
    if above:
        names = [str(t.name or "") for t in fig.data if t.showlegend is not False and t.name]
        rows, used = 1, 0
        for name in names:  # plotly's item: a symbol, a gap and the text (about 7 px a character)
            item = 46 + 7 * len(name)
            if used and used + item > width_px:
                rows, used = rows + 1, 0
            used += item
        fig.update_layout(legend=dict(yref="container", y=1 - (top + 2) / height, yanchor="top"))
        top += LEGEND_ROW_PX * rows + 6
    margin_top = fig.layout.margin.t if fig.layout.margin.t is not None else 80
    if fig.layout.annotations and any(a.yref == "paper" and (a.y or 0) >= 1 for a in fig.layout.annotations):
        top += TITLE_LINE_PX  # subplot titles sit just above their panel, under the chart's title
    fig.update_layout(margin=dict(t=max(margin_top, top)))
    return fig
