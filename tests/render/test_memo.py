"""Shared figures (issue 21): equal arguments give the one figure; any difference gives another."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.render import charts, memo


@pytest.fixture(autouse=True)
def _empty_cache():
    memo.FIGURES.clear()
    yield
    memo.FIGURES.clear()


def per_org(words: int = 120) -> pd.DataFrame:
    # A new object every call: sharing must come from the content, not the identity.
    return pd.DataFrame({"org_short": ["RCG", "WSWS"], "organisation": ["Revolutionary Communist Group", "World Socialist"],
                         "documents": [1, 2], "words": [words, 300]})


COLOURS = {"RCG": "#E69F00", "WSWS": "#56B4E9"}


def test_equal_tables_share_one_figure():
    first = charts.bar_per_org(per_org(), value="words", title="Words", colours=COLOURS)
    again = charts.bar_per_org(per_org(), value="words", title="Words", colours=dict(COLOURS))
    assert again is first
    assert (memo.FIGURES.misses, memo.FIGURES.hits) == (1, 1)


def test_the_shared_figure_is_the_one_built_without_the_cache():
    shared = charts.bar_per_org(per_org(), value="words", title="Words", colours=COLOURS)
    plain = charts.bar_per_org.uncached(per_org(), value="words", title="Words", colours=COLOURS)
    assert shared.to_plotly_json() == plain.to_plotly_json()


@pytest.mark.parametrize("change", [
    dict(table=per_org(words=121)),  # one value
    dict(value="documents"),  # a setting
    dict(title="Words per organisation"),
    dict(colours={"RCG": "#000000", "WSWS": "#56B4E9"}),
    dict(table=per_org().rename(columns={"words": "documents", "documents": "words"})),  # same values, other columns
])
def test_any_difference_gives_another_figure(change):
    args = dict(table=per_org(), value="words", title="Words", colours=COLOURS)
    first = charts.bar_per_org(args["table"], value=args["value"], title=args["title"], colours=args["colours"])
    args.update(change)
    other = charts.bar_per_org(args["table"], value=args["value"], title=args["title"], colours=args["colours"])
    assert other is not first
    assert other.to_plotly_json() != first.to_plotly_json()


def test_the_index_is_part_of_the_key():
    # A figure function may read the index (heatmaps do): another index is another figure.
    first = charts.bar_per_org(per_org(), value="words", title="Words", colours=COLOURS)
    assert charts.bar_per_org(per_org().set_axis([5, 6]), value="words", title="Words", colours=COLOURS) is not first


def test_dict_order_is_part_of_the_key():
    # Labels and colours are drawn in their mapping's order.
    assert memo.fingerprint({"a": 1, "b": 2}) != memo.fingerprint({"b": 2, "a": 1})
    assert memo.fingerprint(("a", "b")) != memo.fingerprint("ab")
    assert memo.fingerprint(1) != memo.fingerprint("1") != memo.fingerprint(1.0)


def test_unkeyable_arguments_are_not_shared():
    class Opaque:
        pass

    calls = []

    @memo.shared_figure
    def draw(thing):
        calls.append(thing)
        return object()

    thing = Opaque()
    assert draw(thing) is not draw(thing)
    assert len(calls) == 2 and len(memo.FIGURES) == 0


def test_bounded():
    cache = memo.FigureCache(max_entries=3)
    for i in range(10):
        cache.get_or_make(("f", str(i)), object)
    assert len(cache) == 3
    kept = cache.get_or_make(("f", "9"), object)
    assert cache.get_or_make(("f", "9"), object) is kept
