"""lib.analysis.rows: the same masks as converting every row to a string, on each kind of column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.analysis.rows import among, among_unless_all, equal

COLUMNS = {
    "categorical": pd.Series(pd.Categorical(["a-war", "b", None, "a-war", "c"], categories=["a-war", "b", "c", "z"])),
    "no categories": pd.Series(pd.Categorical([None, None])),
    "empty": pd.Series(pd.Categorical([], categories=["x"])),
    "object": pd.Series(["a-war", "b", None, "a-war", 3], dtype=object),
    "numbers as categories": pd.Series(pd.Categorical([1, 2, 1])),
}


@pytest.mark.parametrize("name", COLUMNS)
@pytest.mark.parametrize("value", ["a-war", "b", "z", "nan", "1", "nothing"])
def test_equal_is_astype_str_equal(name, value):
    column = COLUMNS[name]
    expected = (column.astype(str) == value).to_numpy()
    got = equal(column, value)
    assert got.dtype == bool and len(got) == len(column)
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("name", COLUMNS)
@pytest.mark.parametrize("values", [("a-war", "c"), (), ("nan", "b"), ["1", "2"]])
def test_among_is_astype_str_isin(name, values):
    column = COLUMNS[name]
    assert np.array_equal(among(column, values), column.astype(str).isin(list(values)).to_numpy())


@pytest.mark.parametrize("name", COLUMNS)
@pytest.mark.parametrize("values", [("a-war", "c"), (), ("nan", "b"), ["1", "2"], ("a-war", "b", "c"),
                                    ("a-war", "b", "c", "z"), ("a-war", "b", "c", "nan"), ("a-war", "b", "c", "z", "nan"),
                                    ("1", "2", "3")])
def test_among_unless_all_is_none_only_when_every_row_matches(name, values):
    column = COLUMNS[name]
    expected = column.astype(str).isin(list(values)).to_numpy()
    got = among_unless_all(column, values)
    if got is None:
        assert expected.all()
    else:
        assert np.array_equal(got, expected)
        # A categorical of wanted categories and no missing values is found without a pass over its rows.
        assert not (isinstance(column.dtype, pd.CategoricalDtype) and expected.all()
                    and set(map(str, column.cat.categories)) <= set(values) and not column.hasnans)


def test_selecting_a_document_from_a_large_table():
    ids = pd.Series(pd.Categorical([f"doc-{i % 1000}" for i in range(200_000)]))
    mask = equal(ids, "doc-7")
    assert mask.sum() == 200 and set(ids[mask]) == {"doc-7"}
