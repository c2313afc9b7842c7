"""lib.render.palette.org_colours: stable, well-separated organisation colours (issue 16, item 2)."""

from __future__ import annotations

import itertools
import math

from lib.render import palette

VERMILION = "#D55E00"
LIGHT_BG, DARK_BG = "#FFFFFF", "#0E1117"  # Streamlit's light and dark backgrounds


def _linear(c: int) -> float:
    c = c / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hex_colour: str) -> list[float]:
    h = hex_colour.lstrip("#")
    return [_linear(int(h[i:i + 2], 16)) for i in (0, 2, 4)]


def _contrast(a: str, b: str) -> float:
    la, lb = (0.2126 * r + 0.7152 * g + 0.0722 * bl for r, g, bl in (_rgb(a), _rgb(b)))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


# Machado et al. (2009), severity 1, on linear RGB: how a colour looks with deuteranopia / protanopia.
DEUTERANOPIA = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
PROTANOPIA = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]


def _simulate(hex_colour: str, matrix: list[list[float]]) -> str:
    lin = _rgb(hex_colour)
    out = [min(1.0, max(0.0, sum(matrix[i][j] * lin[j] for j in range(3)))) for i in range(3)]
    srgb = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in out]
    return "#" + "".join(f"{round(c * 255):02X}" for c in srgb)


def _lab(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = _rgb(hex_colour)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta_e2000(c1: str, c2: str) -> float:
    (l1, a1, b1), (l2, a2, b2) = _lab(c1), _lab(c2)
    cb = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cb ** 7 / (cb ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p - 360 if h2p - h1p > 180 else h2p - h1p + 360 if h2p - h1p < -180
                                       else h2p - h1p)
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    hs = h1p + h2p
    hbp = hs if c1p * c2p == 0 else hs / 2 if abs(h1p - h2p) <= 180 else (hs + 360) / 2 if hs < 360 else (hs - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hbp - 30)) + 0.24 * math.cos(math.radians(2 * hbp))
         + 0.32 * math.cos(math.radians(3 * hbp + 6)) - 0.20 * math.cos(math.radians(4 * hbp - 63)))
    rc = 2 * math.sqrt(cbp ** 7 / (cbp ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(60 * math.exp(-(((hbp - 275) / 25) ** 2)))) * rc
    return math.sqrt(((l2 - l1) / sl) ** 2 + ((c2p - c1p) / sc) ** 2 + (dhp / sh) ** 2 + rt * (c2p - c1p) / sc * dhp / sh)


class TestOrgColours:
    ORGS = ["WPI", "CPGB-ML", "RCG", "WRP", "WSWS"]

    def test_adding_an_organisation_keeps_every_colour(self):
        before = palette.org_colours(self.ORGS)
        after = palette.org_colours([*self.ORGS, "AAA First Alphabetically"])
        assert {o: after[o] for o in self.ORGS} == before

    def test_a_filter_cannot_move_a_colour(self):
        # Pages pass the whole corpus's order; the colour of what is shown is looked up in it.
        whole = palette.org_colours(self.ORGS)
        assert palette.org_colours(self.ORGS)["WSWS"] == whole["WSWS"]

    def test_twenty_distinct_then_repeats_by_name(self):
        orgs = [f"ORG{i:02d}" for i in range(1, 23)]
        colours = palette.org_colours(orgs)
        assert len({colours[o] for o in orgs[:20]}) == 20
        assert palette.org_colours(orgs)["ORG21"] == colours["ORG21"]  # the same every time (not hash())

    def test_no_vermilion_and_no_grey(self):
        assert VERMILION not in palette.ORG_PALETTE
        assert palette.UNKNOWN_COLOUR not in palette.ORG_PALETTE

    def test_the_first_seven_are_well_separated(self):
        pairs = list(itertools.combinations(palette.ORG_PRIMARY, 2))
        assert min(_delta_e2000(a, b) for a, b in pairs) >= 20
        # Also with the common colour-vision deficiencies: orange beside vermilion (12.5 apart
        # there) would fail this.
        for matrix in (DEUTERANOPIA, PROTANOPIA):
            worst = min(_delta_e2000(_simulate(a, matrix), _simulate(b, matrix)) for a, b in pairs)
            assert worst >= 13, worst
        assert min(_delta_e2000(_simulate("#E69F00", m), _simulate(VERMILION, m))
                   for m in (DEUTERANOPIA, PROTANOPIA)) < 13  # the test can fail

    def test_every_colour_reads_on_both_themes(self):
        for colour in palette.ORG_PALETTE:
            assert _contrast(colour, LIGHT_BG) >= 1.6 and _contrast(colour, DARK_BG) >= 2.0, colour
        for colour in palette.ORG_PRIMARY:
            assert _contrast(colour, LIGHT_BG) >= 2.0, colour
