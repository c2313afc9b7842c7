"""Colours, one place: organisations and actor types look the same on every chart and in the reader.

The Okabe–Ito palette is distinguishable with the common colour-vision deficiencies and
readable on the light and the dark theme. No plotting library here: the HTML builders use it too.
"""

from __future__ import annotations

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
             "#117733", "#88CCEE", "#AA4499", "#44AA99",
             # then Paul Tol's muted colours: an archive of ~20 organisations gets no repeated colour
             "#332288", "#999933", "#DDCC77", "#CC6677", "#882255", "#661100", "#6699CC", "#333333"]
# Actor types keep one colour everywhere (reader highlights, charts, network).
TYPE_COLOURS = {"PERSON": "#E69F00", "ORG": "#56B4E9", "STATE": "#009E73", "PLACE": "#CC79A7", "DEMONYM": "#999999"}


def colour_map(keys: list[str]) -> dict[str, str]:
    """A stable colour per key (organisation), in the order given."""
    return {k: OKABE_ITO[i % len(OKABE_ITO)] for i, k in enumerate(keys)}
