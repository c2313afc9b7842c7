"""Derived tables kept beside a corpus state's annotation (lib/store/derived.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.store import derived


def test_write_then_read(tmp_path):
    frames = {"a": pd.DataFrame({"x": [1, 2]}), "b": pd.DataFrame({"y": ["p", "q"]})}
    assert derived.exists(tmp_path, "positions-1") is None
    derived.write_tables(tmp_path, "positions-1", frames)
    assert derived.exists(tmp_path, "positions-1") is not None
    back = derived.read_tables(tmp_path, "positions-1", ("a", "b"))
    assert back["a"].equals(frames["a"]) and back["b"].equals(frames["b"])
    assert not any(p.name.endswith(".tmp") for p in (tmp_path / "derived").iterdir())


def test_missing_or_damaged_table_reads_as_none_and_is_removed(tmp_path):
    derived.write_tables(tmp_path, "n", {"a": pd.DataFrame({"x": [1]})})
    assert derived.read_tables(tmp_path, "n", ("a", "b")) is None  # b was never written
    derived.write_tables(tmp_path, "n", {"a": pd.DataFrame({"x": [1]})})
    (tmp_path / "derived" / "n" / "a.parquet").write_bytes(b"not parquet")
    assert derived.read_tables(tmp_path, "n", ("a",)) is None
    assert derived.exists(tmp_path, "n") is None


def test_rewrite_replaces(tmp_path):
    derived.write_tables(tmp_path, "n", {"a": pd.DataFrame({"x": [1]})})
    derived.write_tables(tmp_path, "n", {"a": pd.DataFrame({"x": [2]})})
    assert derived.read_tables(tmp_path, "n", ("a",))["a"]["x"].tolist() == [2]


@pytest.mark.parametrize("name", ["../escape", "", "a/b", ".hidden"])
def test_names_cannot_leave_the_folder(tmp_path, name):
    with pytest.raises(ValueError):
        derived.exists(tmp_path, name)


def test_read_only_some_documents_rows(tmp_path):
    coded = pd.DataFrame({"doc_id": ["a", "b", "a", "c"], "sent_id": [0, 0, 1, 0], "text": ["x", "y", "z", "w"]})
    derived.write_tables(tmp_path, "n", {"codings": coded, "warnings": pd.DataFrame({"message": ["m"]})})
    back = derived.read_tables(tmp_path, "n", ("codings", "warnings"), doc_ids=["a", "c", "nobody"])
    pd.testing.assert_frame_equal(back["codings"], coded[coded["doc_id"].isin(["a", "c"])].reset_index(drop=True))
    assert back["warnings"]["message"].tolist() == ["m"]  # no doc_id column: read whole
