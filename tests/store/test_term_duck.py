"""lib/store/term_duck.py: the out-of-core term index gives what the in-memory one gives (issue 19).

Both backends read the same Parquet slice (written by the store's own writer); every public
method is compared, then the analysis functions the pages call (top terms, keyness, the
concordance's counts, collocate frequencies) are run through each and compared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.analysis import query, stats, terms
from lib.store import annotations
from lib.store.term_backend import choose_backend, open_index
from lib.store.term_duck import DuckTermIndex
from lib.store.term_index import TermIndex

WORDS = ["war", "peace", "nato", "the", "of", "ukraine", "2024", "march", "workers", "imperialism", "us", "US",
         "secretary-general", "don't", "élan", "zeal", "a'b"]
STOP = {"the", "of", "us"}


def random_slice(n: int, *, docs: int = 40, seed: int = 3) -> pd.DataFrame:
    """Per-document counts of n-grams drawn from WORDS, at most one row per (document, term), not in
    document order (as an assembled store's slice is not)."""
    rng = np.random.default_rng(seed + n)
    rows = {}
    for d in rng.permutation(docs):
        for _ in range(int(rng.integers(0, 30))):
            term = " ".join(rng.choice(WORDS, size=n))
            rows[(f"doc-{d:03d}", term)] = int(rng.integers(1, 9))
    frame = pd.DataFrame([(d, t, c) for (d, t), c in rows.items()], columns=["doc_id", "term", "count"])
    frame = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    words = frame["term"].str.split(" ")
    return pd.DataFrame({
        "doc_id": frame["doc_id"].astype("category"), "unit": pd.Categorical(["word"] * len(frame)),
        "n": np.full(len(frame), n, dtype=np.int8), "term": frame["term"].astype("category"),
        "count": frame["count"].astype(np.int32),
        "stop_edge": (words.str[0].isin(STOP) | words.str[-1].isin(STOP)).to_numpy(),
    })


@pytest.fixture(params=[1, 2, 3])
def pair(request, tmp_path) -> tuple[TermIndex, DuckTermIndex]:
    n = request.param
    path = tmp_path / f"terms-word-{n}.parquet"
    annotations._write_parquet(random_slice(n), path, row_group_size=50)  # several row groups
    stored = pd.read_parquet(path)
    return TermIndex(stored, unit="word", n=n), DuckTermIndex(path, unit="word", n=n)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({c: str for c in ("doc_id", "term", "unit") if c in frame}).reset_index(drop=True)


SELECTIONS = [None, ["doc-001"], [f"doc-{d:03d}" for d in range(0, 40, 3)], ["doc-002", "nobody"], []]


class TestSameAnswers:
    def test_select(self, pair):
        mem, duck = pair
        for ids in SELECTIONS[1:]:
            for stop, nums in ((True, True), (False, True), (True, False)):
                a, b = mem.select(ids, stop=stop, nums=nums), duck.select(ids, stop=stop, nums=nums)
                assert list(a.columns) == list(b.columns)
                # Same rows in the same order (document order, then the slice's own order).
                pd.testing.assert_frame_equal(plain(a), plain(b))
                assert isinstance(b["term"].dtype, pd.CategoricalDtype)

    def test_select_one_term_and_extra_stop_words(self, pair):
        mem, duck = pair
        term = str(mem.term_names[0])
        pd.testing.assert_frame_equal(plain(mem.select(None, term=term)), plain(duck.select(None, term=term)))
        extra = ["war", "élan"]
        pd.testing.assert_frame_equal(plain(mem.select(SELECTIONS[2], extra_stop=extra)),
                                      plain(duck.select(SELECTIONS[2], extra_stop=extra)))

    def test_frame(self, pair):
        mem, duck = pair
        for ids in SELECTIONS:
            for stop in (True, False):
                a, b = mem.frame(ids, stop=stop), duck.frame(ids, stop=stop)
                pd.testing.assert_frame_equal(plain(a), plain(b))
                assert list(b.dtypes.astype(str)) == list(a.dtypes.astype(str))

    def test_totals(self, pair):
        mem, duck = pair
        for ids in SELECTIONS[1:]:
            for stop in (True, False):
                for kwargs in ({}, {"extra_stop": ["nato"]}, {"nums": False}):
                    pd.testing.assert_series_equal(mem.totals(ids, stop=stop, **kwargs),
                                                   duck.totals(ids, stop=stop, **kwargs))

    def test_term_stats(self, pair):
        mem, duck = pair
        for ids in SELECTIONS:
            for stop in (True, False):
                for kwargs in ({}, {"extra_stop": ["nato", "élan"]}, {"nums": False}, {"min_count": 6}):
                    a, b = mem.term_stats(ids, stop=stop, **kwargs), duck.term_stats(ids, stop=stop, **kwargs)
                    pd.testing.assert_frame_equal(a, b)
                    assert list(a["term"]) == sorted(a["term"])
        # What the selection's rows say: the summed count and one row per document.
        rows = mem.select(SELECTIONS[2], stop=False, nums=False)
        grouped = rows.groupby("term", observed=True).agg(count=("count", "sum"), documents=("doc_id", "size"))
        grouped.index = grouped.index.astype(str)
        pd.testing.assert_frame_equal(mem.term_stats(SELECTIONS[2], stop=False, nums=False).set_index("term"),
                                      grouped.sort_index(), check_names=False)

    def test_group_sums(self, pair):
        mem, duck = pair
        everyone = [f"doc-{d:03d}" for d in range(40)]
        mappings = [{d: f"org {i % 3}" for i, d in enumerate(ids or everyone)} for ids in SELECTIONS]
        mappings += [{d: d for d in SELECTIONS[2]}, {d: "ÉA" if i % 2 else "Z" for i, d in enumerate(everyone)}]
        wanted = [None, list(mem.term_names[::4]) + ["not a term"], []]
        for group_of in mappings:
            for terms_ in wanted:
                for top in (None, 1, 3):
                    for stop in (True, False):
                        for kwargs in ({}, {"extra_stop": ["war"]}, {"nums": False}, {"min_count": 5}):
                            a = mem.group_sums(group_of, terms=terms_, top=top, stop=stop, **kwargs)
                            b = duck.group_sums(group_of, terms=terms_, top=top, stop=stop, **kwargs)
                            pd.testing.assert_frame_equal(a, b)
        # What the rows say, grouped by hand; top keeps each group's highest, ties by name.
        group_of = mappings[0]
        rows = mem.select(everyone, stop=False).astype({"doc_id": str, "term": str})
        by_hand = (rows.assign(group=rows["doc_id"].map(group_of)).groupby(["group", "term"], as_index=False)["count"]
                   .sum().sort_values(["group", "count", "term"], ascending=[True, False, True]))
        pd.testing.assert_frame_equal(mem.group_sums(group_of, stop=False), by_hand.reset_index(drop=True))
        pd.testing.assert_frame_equal(mem.group_sums(group_of, stop=False, top=2),
                                      by_hand.groupby("group").head(2).reset_index(drop=True))
        pd.testing.assert_frame_equal(mem.group_sums(group_of, stop=False, min_count=6),
                                      by_hand[by_hand["count"] >= 6].reset_index(drop=True))

    def test_every_document_is_not_filtered(self, pair, monkeypatch):
        from lib.store import term_duck

        monkeypatch.setattr(term_duck, "_ALL_DOCS_CHECK", 1)  # a real corpus checks from 1,000 ids on
        mem, duck = pair
        everyone = [f"doc-{d:03d}" for d in range(40)] + ["nobody"]
        assert "sel_docs" not in duck._filters(everyone, stop=True)[1]
        assert "sel_docs" in duck._filters(SELECTIONS[2], stop=True)[1]
        wanted = list(mem.term_names[::3])
        for ids in (everyone, SELECTIONS[2]):
            pd.testing.assert_frame_equal(mem.term_stats(ids, stop=False, nums=False),
                                          duck.term_stats(ids, stop=False, nums=False))
            pd.testing.assert_series_equal(mem.totals(ids), duck.totals(ids))
            pd.testing.assert_frame_equal(plain(mem.select(ids)), plain(duck.select(ids)))
            pd.testing.assert_series_equal(mem.doc_sums(ids, wanted).sort_index(), duck.doc_sums(ids, wanted))

    def test_large_selections_are_the_summary_minus_the_rest(self, pair, monkeypatch):
        """Most of the slice's documents: the slice's summary (written once beside it) minus the
        documents left out (Document's keyness against the rest of 100,000 documents)."""
        from lib.store import derived, term_duck

        monkeypatch.setattr(term_duck, "_ALL_DOCS_CHECK", 1)
        mem, duck = pair
        everyone = [f"doc-{d:03d}" for d in range(40)]
        big = [everyone[:39], everyone[1:] + ["nobody"], everyone[::2] + everyone[1:9], everyone, None]
        for ids in big:
            assert duck._complement(ids) is not None
            for stop in (True, False):
                for kwargs in ({}, {"extra_stop": ["nato", "élan"]}, {"nums": False}):
                    if ids is not None:
                        pd.testing.assert_series_equal(mem.totals(ids, stop=stop, **kwargs),
                                                       duck.totals(ids, stop=stop, **kwargs))
                    for m in (1, 6):
                        pd.testing.assert_frame_equal(mem.term_stats(ids, stop=stop, min_count=m, **kwargs),
                                                      duck.term_stats(ids, stop=stop, min_count=m, **kwargs))
        assert duck._complement(SELECTIONS[2]) is None  # a minority: summed directly
        assert derived.exists(duck.path.parent, f"{term_duck._SUMMARY}-{duck.path.stem}") is not None
        # A fresh index of the same slice reads the summary written by the first.
        again = DuckTermIndex(duck.path, unit=duck.unit, n=duck.n)
        pd.testing.assert_series_equal(mem.totals(everyone[:39]), again.totals(everyone[:39]))
        assert sorted(again.doc_names) == sorted(map(str, mem.doc_names))

    def test_a_summary_that_cannot_be_written_is_not_needed(self, pair, monkeypatch):
        from lib.store import derived, term_duck

        monkeypatch.setattr(term_duck, "_ALL_DOCS_CHECK", 1)
        monkeypatch.setattr(derived, "write_folder", lambda *a, **k: None)  # a read-only cache
        mem, duck = pair
        ids = [f"doc-{d:03d}" for d in range(39)]
        assert duck._complement(ids) is None
        pd.testing.assert_series_equal(mem.totals(ids), duck.totals(ids))

    def test_term_names_and_profiles(self, pair):
        mem, duck = pair
        assert sorted(mem.term_names) == list(duck.term_names)
        groups = {"g1": SELECTIONS[2], "g2": ["doc-001", "doc-005", "doc-003"], "empty": []}
        for stop in (True, False):
            a = pd.DataFrame(mem.profiles(groups, stop=stop), columns=mem.term_names)
            b = pd.DataFrame(duck.profiles(groups, stop=stop), columns=duck.term_names)
            pd.testing.assert_frame_equal(a[sorted(a.columns)], b[sorted(b.columns)])

    def test_profiles_of_a_large_grouping_are_kept_beside_the_slice(self, pair, monkeypatch):
        from lib.store import term_duck

        monkeypatch.setattr(term_duck, "_ALL_DOCS_CHECK", 1)
        monkeypatch.setattr(term_duck, "_KEEP_PROFILES", 2)
        mem, duck = pair
        everyone = [f"doc-{d:03d}" for d in range(40)]
        groupings = [{"a": everyone[:20], "b": everyone[20:]}, {"x": everyone[::2], "y": everyone[1::2], "z": []},
                     {"all": everyone}]
        for groups in groupings:
            for stop in (True, False):
                a = pd.DataFrame(mem.profiles(groups, stop=stop), columns=mem.term_names)
                for _ in range(2):  # summed and kept, then read back
                    b = pd.DataFrame(duck.profiles(groups, stop=stop), columns=duck.term_names)
                    pd.testing.assert_frame_equal(a[sorted(a.columns)], b[sorted(b.columns)])
        kept = list((duck.path.parent / "derived").glob(f"profiles-{duck.path.stem}-*"))
        assert len(kept) == 2  # the last groupings only

    def test_numeric_terms(self, pair):
        mem, duck = pair
        a = pd.Series(mem.numeric_terms(), index=mem.term_names).sort_index()
        b = pd.Series(duck.numeric_terms(), index=duck.term_names)
        pd.testing.assert_series_equal(a, b)

    def test_doc_sums_and_docs_using(self, pair):
        mem, duck = pair
        wanted = list(mem.term_names[::3]) + ["not a term"]
        for ids in (None, SELECTIONS[2], []):
            pd.testing.assert_series_equal(mem.doc_sums(ids, wanted).sort_index(), duck.doc_sums(ids, wanted))
            assert mem.docs_using(ids, wanted) == duck.docs_using(ids, wanted)


class TestAnalysisThroughEitherBackend:
    """The functions the Terms, Document and Compare pages call give the same tables."""

    def test_top_terms_keyness_and_collocate_frequencies(self, pair):
        mem, duck = pair
        ids = [f"doc-{d:03d}" for d in range(40)]
        documents = pd.DataFrame({"doc_id": ids, "org_short": ["A" if i % 3 else "B" for i in range(40)],
                                  "n_words": 500})
        sides = stats.keyness_sides(documents, ["A"], "rest")
        out = {}
        for name, index in (("mem", mem), ("duck", duck)):
            out[name] = (terms.term_table(terms.select_counts(index, ids, stop=False, nums=False), documents),
                         stats.keyness_against(index, sides),
                         stats.keyness_against(index, sides, stop=True, extra_stop=["war"]),
                         index.totals(ids, stop=True))
        for a, b in zip(out["mem"], out["duck"], strict=True):
            if isinstance(a, pd.Series):
                pd.testing.assert_series_equal(a, b)
            else:
                assert len(a)
                pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))

    def test_concordance_counts(self, pair):
        mem, duck = pair
        ids = [f"doc-{d:03d}" for d in range(40)]
        typed = {1: ["war", "wa*", "nato"], 2: ["the war", "nato *"], 3: ["war of the", "* peace *"]}[mem.n]
        for text in typed:
            q = query.parse_query(text)
            clock = query._Clock(None)
            a = query._index_counts(q, ids, lambda _u, _n: mem, clock)
            b = query._index_counts(q, ids, lambda _u, _n: duck, clock)
            if a is None:
                assert b is None
                continue
            pd.testing.assert_series_equal(a.sort_index(), b.sort_index(), check_index_type=False)


class TestChoosingTheBackend:
    def test_by_size_unless_forced(self, monkeypatch):
        monkeypatch.delenv("PARTY_LINES_TERM_BACKEND", raising=False)
        assert choose_backend(1000) == "numpy"
        assert choose_backend(10**9) == "duckdb"
        monkeypatch.setenv("PARTY_LINES_TERM_BACKEND", "duckdb")
        assert choose_backend(1000) == "duckdb"

    def test_open_index_reads_the_slice_only_in_memory(self, tmp_path, monkeypatch):
        path = tmp_path / "terms-word-1.parquet"
        annotations._write_parquet(random_slice(1), path)
        reads = []

        def read():
            reads.append(1)
            return pd.read_parquet(path)

        monkeypatch.setenv("PARTY_LINES_TERM_BACKEND", "duckdb")
        assert isinstance(open_index(path, read, unit="word", n=1), DuckTermIndex) and not reads
        monkeypatch.setenv("PARTY_LINES_TERM_BACKEND", "numpy")
        index = open_index(path, read, unit="word", n=1)
        assert type(index) is TermIndex and reads == [1]


class TestWideCategoricalsOnDisk:
    """A categorical with more values than a row group has rows is stored as plain strings (its
    whole dictionary used to be repeated in every row group) and read back as a categorical."""

    def test_written_plain_read_categorical_same_values(self, tmp_path):
        import pyarrow as pa
        import pyarrow.parquet as pq

        n = 5000
        frame = pd.DataFrame({"doc_id": pd.Categorical(np.repeat([f"d{i}" for i in range(10)], n // 10)),
                              "term": pd.Categorical([f"term {i}" for i in range(n)]),
                              "count": np.ones(n, dtype=np.int32)})
        path = tmp_path / "wide.parquet"  # a name with no column contract
        annotations._write_parquet(frame, path, row_group_size=500)
        schema = pq.read_schema(path)
        assert schema.field("term").type == pa.string()  # ten row groups would each carry 5,000 values
        assert pa.types.is_dictionary(schema.field("doc_id").type)  # a narrow one stays a dictionary
        back = annotations._read_parquet(path)
        assert isinstance(back["term"].dtype, pd.CategoricalDtype)
        pd.testing.assert_frame_equal(back.astype({"doc_id": str, "term": str}), frame.astype({"doc_id": str, "term": str}))
        some = annotations._read_parquet(path, doc_ids=["d3"], columns=["doc_id", "term"])
        assert isinstance(some["term"].dtype, pd.CategoricalDtype) and len(some) == n // 10
