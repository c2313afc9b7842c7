"""Colours, one place: organisations and actor types look the same on every chart and in the reader.

Organisations: :func:`org_colours`. An organisation's colour depends only on its place in the
corpus's history (the order ``metadata.csv`` first names it; the file only ever grows at the
end): it is kept when other organisations are added or filtered out, on every page, in the
light and the dark theme. The palette's first seven colours are the most clearly separated
(CIEDE2000 ≥ 21 between any two, ≥ 14 under simulated deuteranopia and protanopia; contrast
≥ 2:1 on white and on the dark theme's background); there is no vermilion beside the orange. No plotting library here: the HTML builders use it too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lib.words import org_key

# Okabe–Ito (and Paul Tol's) colours for things that are not organisations: a term's series,
# a single-colour chart. Kept for those callers.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
             "#117733", "#88CCEE", "#AA4499", "#44AA99",
             "#332288", "#999933", "#DDCC77", "#CC6677", "#882255", "#661100", "#6699CC", "#333333"]
# Organisations. The first seven: orange, blue, teal, green, sky blue, wine, rose — any two
# told apart at a glance, also with the common colour-vision deficiencies. Then thirteen more
# (purple, brown, leaf green, ochre, sand, …) so that an archive of ~20 organisations repeats
# no colour; grey is left out (it means "unknown" or "other" on our charts) and so is vermilion
# (#D55E00), which reads as the orange's twin in a stacked bar.
# In the order they are handed out: each prefix is as spread out as the seven allow (orange,
# wine, sky blue, green, teal, blue, rose: any two of the first five ≥ 24 apart).
ORG_PRIMARY = ["#E69F00", "#882255", "#56B4E9", "#117733", "#44AA99", "#0072B2", "#CC6677"]
ORG_EXTENDED = ["#8C6BB1", "#B15928", "#66A61E", "#997700", "#DDCC77", "#AA4499", "#999933", "#E7298A",
                "#CC79A7", "#994455", "#009E73", "#6699CC", "#88CCEE"]
ORG_PALETTE = ORG_PRIMARY + ORG_EXTENDED
UNKNOWN_COLOUR = "#999999"  # a key no map knows
# Actor types keep one colour everywhere (reader highlights, charts, network).
TYPE_COLOURS = {"PERSON": "#E69F00", "ORG": "#56B4E9", "STATE": "#009E73", "PLACE": "#CC79A7", "DEMONYM": "#999999"}


def _slot(key: str, size: int) -> int:
    # sha256, not hash(): Python salts str hashes per process, and colours must not change on restart.
    return int.from_bytes(hashlib.sha256(org_key(key).encode("utf-8")).digest()[:8], "big") % size


def org_colours(organisations: Iterable[str]) -> dict[str, str]:
    """A colour per organisation, kept when organisations are added after these or left out of a view.

    The key is an organisation's place in the corpus's history: pass the whole corpus's
    organisations in the order ``metadata.csv`` first names them (never a filtered list). The
    n-th takes the n-th colour of :data:`ORG_PALETTE`, so the first few are the most clearly
    separated and an organisation added later never moves another's colour. Past twenty, an
    organisation takes the colour its name hashes to (colours repeat).

    Args:
        organisations: short names, first appearance first (duplicates ignored).

    Returns:
        organisation → ``#RRGGBB``.
    """
    return {org: ORG_PALETTE[i] if i < len(ORG_PALETTE) else ORG_PALETTE[_slot(org, len(ORG_PALETTE))]
            for i, org in enumerate(dict.fromkeys(organisations))}


def colour_map(keys: list[str]) -> dict[str, str]:
    """A colour per key in the order given, for series that are not organisations (terms, sides).

    Organisations: :func:`org_colours`, whose colours do not depend on what else is shown.
    """
    return {k: OKABE_ITO[i % len(OKABE_ITO)] for i, k in enumerate(keys)}
