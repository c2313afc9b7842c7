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
