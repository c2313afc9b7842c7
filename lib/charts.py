"""Plotly figures from tables. Every label that comes from the corpus goes through plot_text.

Colours: the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies) and readable on both the light and the dark theme; Streamlit's theme
supplies the background and fonts.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.safe import plot_text, plot_texts

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
             "#117733", "#88CCEE", "#AA4499", "#44AA99"]
# Actor types keep one colour everywhere (reader highlights, charts, network).
TYPE_COLOURS = {"PERSON": "#E69F00", "ORG": "#56B4E9", "STATE": "#009E73", "PLACE": "#CC79A7", "DEMONYM": "#999999"}


def colour_map(keys: list[str]) -> dict[str, str]:
    """A stable colour per key (organisation), in the order given."""
    return {k: OKABE_ITO[i % len(OKABE_ITO)] for i, k in enumerate(keys)}


def _layout(fig: go.Figure, *, title: str, height: int = 380, **kwargs) -> go.Figure:
    fig.update_layout(title=dict(text=plot_text(title, max_length=120)), height=height,
                      margin=dict(l=10, r=10, t=50, b=10), legend=dict(title=None), **kwargs)
    return fig


def bar_per_org(table: pd.DataFrame, *, value: str, title: str, colours: dict[str, str]) -> go.Figure:
    """Horizontal bars of ``value`` per organisation (table from lib.overview.per_organisation)."""
    t = table.sort_values(value)
    fig = go.Figure(go.Bar(
        x=t[value], y=plot_texts(t["org_short"]), orientation="h",
        marker_color=[colours.get(o, "#999999") for o in t["org_short"]],
        customdata=plot_texts(t["organisation"], max_length=90),
        hovertemplate="%{customdata}<br>" + value + ": %{x:,}<extra></extra>",
        text=t[value], textposition="auto",
    ))
    return _layout(fig, title=title, height=max(220, 60 + 40 * len(t)), xaxis_title=value, yaxis_title=None)


def timeline_bars(table: pd.DataFrame, *, title: str, colours: dict[str, str]) -> go.Figure:
    """Stacked bars of documents per period, one colour per organisation."""
    fig = go.Figure()
    for org, part in table.groupby("org_short", sort=True):
        fig.add_bar(x=part["period"], y=part["documents"], name=plot_text(org), marker_color=colours.get(org, "#999"),
                    hovertemplate=plot_text(org) + " %{x}: %{y} document(s)<extra></extra>")
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title="documents", dtick=1 if not table.empty and table["documents"].max() < 10 else None)
    return _layout(fig, title=title, barmode="stack")


# ---------------------------------------------------------------- word cloud (Document, Terms)

def word_cloud_image(freqs: dict[str, float], *, colormap: str = "cividis", width: int = 900, height: int = 420,
                     max_words: int = 120, background: str | None = None, seed: int = 7):
    """A word cloud image (PIL) sized by ``freqs`` (term → count, rate or score), or None if empty.

    The picture is rendered server-side by the ``wordcloud`` package (text is drawn as pixels,
    never as markup, so untrusted terms are inert). Invisible characters are shown as
    ``[U+XXXX]``. The background is transparent by default so the image reads on the light
    and the dark theme; ``colormap`` defaults to cividis (colour-blind safe, no very light or
    very dark end).

    Args:
        freqs: term → positive weight; zero, negative and NaN weights are dropped.
        colormap: a matplotlib colormap name.
        width, height: pixels.
        max_words: at most this many terms, the heaviest first.
        background: a colour for the background, or None for transparent.
        seed: layout seed, so the same input gives the same picture.

    Returns:
        A ``PIL.Image.Image`` (RGBA), or None when there is nothing to draw.
    """
    from wordcloud import WordCloud

    from lib.safe import show_invisible

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
    cloud = WordCloud(width=width, height=height, max_words=max_words, colormap=colormap, random_state=seed,
                      mode="RGBA" if background is None else "RGB", background_color=background,
                      prefer_horizontal=0.95, relative_scaling=0.5, min_font_size=9, collocations=False,
                      normalize_plurals=False, include_numbers=True, regexp=None)
    cloud.generate_from_frequencies(clean)
    return cloud.to_image()


def image_png(image) -> bytes:
    """PNG bytes of a PIL image (for a download button)."""
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
