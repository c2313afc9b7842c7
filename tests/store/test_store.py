"""The Parquet disk cache (lib/store/annotations.py): build once, start warm without spaCy, rebuild what changed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from lib import contracts
from lib.ingest.corpus import load_corpus
from lib.store import annotations

ROOT = Path(__file__).resolve().parents[2]
NAMES = {"Russia": ("Russia", "STATE"), "Ukraine": ("Ukraine", "STATE"), "NATO": ("NATO", "ORG"),
         "Russian": ("Russia", "DEMONYM"), "Biden": ("Joe Biden", "PERSON")}
STOP = {"the", "of", "in", "and", "a", "to", "is"}

METADATA = """id,file,title,organisation,org_short,date
a-war,a.txt,War,Alpha Party,AP,2025-01-01
b-peace,b.txt,Peace,Beta League,BL,2025-02-01
c-talks,c.txt,Talks,Alpha Party,AP,2025-03-01
"""
TEXTS = {
    "a.txt": "Russia and Ukraine are at war. NATO arms Ukraine. The war in Ukraine goes on.",
    "b.txt": "Russian troops advance. Biden and NATO respond. Peace, not war!",
    "c.txt": "Talks between Russia and Ukraine stall. The war of attrition goes on.",
}


class FakeAnnotator:
    """A spaCy-free stand-in for lib.nlp.engine.annotate with the same tables; records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, items):
        items = list(items)
        self.calls.append([doc_id for doc_id, _ in items])
        sentences, tokens, mentions = [], [], []
        for doc_id, text in items:
            i = 0
            for sent_id, match in enumerate(re.finditer(r"[^.!?]+[.!?]?", text)):
                if not match.group().strip():
                    continue
                sentences.append((doc_id, sent_id, match.start(), match.end(), match.group()))
                for tok in re.finditer(r"\w+|[^\w\s]", match.group()):
                    word = tok.group()
                    start = match.start() + tok.start()
                    tokens.append((doc_id, sent_id, i, start, word, word.lower(), word.lower(), "X",
                                   word.lower() in STOP, word.isalpha()))
                    i += 1
                    if word in NAMES:
                        actor, label = NAMES[word]
                        mentions.append((doc_id, sent_id, start, start + len(word), word, label, actor, "gazetteer"))

        class Result:
            pass

        result = Result()
        result.sentences = pd.DataFrame(sentences, columns=["doc_id", "sent_id", "start", "end", "text"])
        result.tokens = pd.DataFrame(tokens, columns=["doc_id", "sent_id", "i", "start", "text", "lower", "lemma",
                                                      "pos", "is_stop", "is_alpha"])
        result.mentions = pd.DataFrame(mentions, columns=["doc_id", "sent_id", "start", "end", "text", "label",
                                                          "actor", "source"])
        return result


def write_corpus(folder: Path, files: dict[str, str], metadata: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", TEXTS, METADATA)


@pytest.fixture()
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def build(corpus: Path, cache: Path, fake: FakeAnnotator | None = None) -> annotations.Annotated:
    docs = load_corpus(corpus).documents
    return annotations.load_or_build(docs, corpus_dir=corpus, cache_dir=cache, annotate_fn=fake or FakeAnnotator())


def all_tables(result: annotations.Annotated) -> dict[str, pd.DataFrame]:
    tables = {name: getattr(result, name) for name in annotations.SMALL_TABLES}
    for unit, n in annotations.TERM_SLICES:
        tables[f"terms-{unit}-{n}"] = result.term_counts(unit, n)
    ids = list(result.doc_stats["doc_id"])
    tables["tokens"] = result.tokens(ids)
    tables["sentences"] = result.sentences(ids)
    return tables


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=120)


class TestLoadOrBuild:
    def test_build_then_warm_load_gives_identical_tables(self, corpus, cache):
        fake = FakeAnnotator()
        first = build(corpus, cache, fake)
        assert first.built and [sorted(c) for c in fake.calls] == [["a-war", "b-peace", "c-talks"]]
        again = FakeAnnotator()
        second = build(corpus, cache, again)
        assert not second.built and again.calls == []  # nothing annotated twice
        for name, table in all_tables(first).items():
            pd.testing.assert_frame_equal(table, all_tables(second)[name], obj=name)

    def test_tables_hold_what_a_user_asks_for(self, corpus, cache):
        result = build(corpus, cache)
        words = result.term_counts("word", 1)
        war = words[words["term"] == "war"].groupby("doc_id", observed=True)["count"].sum()
        assert war.to_dict() == {"a-war": 2, "b-peace": 1, "c-talks": 1}
        trigrams = result.term_counts("word", 3)
        kept = trigrams[~trigrams["stop_edge"]]
        assert set(kept.loc[kept["doc_id"] == "a-war", "term"].astype(str)) >= {"war in ukraine"}
        actors = result.actor_counts
        assert int(actors[(actors["doc_id"] == "a-war") & (actors["actor"] == "Ukraine")]["count"].sum()) == 3
        demonym = actors[actors["label"] == "DEMONYM"]
        assert list(demonym["doc_id"].astype(str)) == ["b-peace"]
        cooc = result.cooc[(result.cooc["actor_a"] == "Russia") & (result.cooc["actor_b"] == "Ukraine")]
        assert cooc.groupby("with_demonyms")["sentences"].sum().to_dict() == {False: 2, True: 2}
        assert list(result.doc_stats["doc_id"]) == ["a-war", "b-peace", "c-talks"]
        assert result.doc_stats.set_index("doc_id").loc["a-war", "n_sentences"] == 3

    def test_term_counts_can_be_read_for_some_documents(self, corpus, cache):
        result = build(corpus, cache)
        some = result.term_counts("lemma", 2, doc_ids=["b-peace"])
        assert set(some["doc_id"].astype(str)) == {"b-peace"} and len(some) > 0
        with pytest.raises(ValueError):
            result.term_counts("word", 4)

    def test_tokens_and_sentences_of_chosen_documents_only(self, corpus, cache):
        result = build(corpus, cache)
        tokens = result.tokens(["c-talks"])
        assert set(tokens["doc_id"]) == {"c-talks"}
        assert tokens["i"].is_monotonic_increasing and tokens.iloc[0]["text"] == "Talks"
        sentences = result.sentences(["a-war", "c-talks"])
        assert sentences.groupby("doc_id").size().to_dict() == {"a-war": 3, "c-talks": 2}
        assert result.tokens(["no-such-doc"]).empty

    def test_tokens_can_be_read_with_fewer_columns(self, corpus, cache):
        result = build(corpus, cache)
        full = result.tokens(["a-war", "c-talks"])
        some = result.tokens(["a-war", "c-talks"], columns=["lower", "start"])
        # doc_id and i always come (they order the rows); the rest as asked, in the table's order.
        assert list(some.columns) == ["doc_id", "i", "start", "lower"]
        pd.testing.assert_frame_equal(some, full[["doc_id", "i", "start", "lower"]])
        assert list(result.tokens(["no-such-doc"], columns=["text"]).columns) == ["doc_id", "i", "text"]

    def test_adding_a_document_annotates_only_that_one(self, corpus, cache):
        build(corpus, cache)
        (corpus / "d.txt").write_text("NATO meets again.", encoding="utf-8")
        fake = FakeAnnotator()
        result = build(corpus, cache, fake)
        assert fake.calls == [["d"]]  # a file with no metadata row gets an id from its name
        assert "d" in set(result.doc_stats["doc_id"]) and len(result.doc_stats) == 4

    def test_changed_file_invalidates_and_reannotates_only_it(self, corpus, cache):
        build(corpus, cache)
        (corpus / "b.txt").write_text("Ukraine wins.", encoding="utf-8")
        docs = load_corpus(corpus).documents
        assert not annotations.is_warm(docs, corpus, cache_dir=cache)
        fake = FakeAnnotator()
        result = build(corpus, cache, fake)
        assert fake.calls == [["b-peace"]]
        words = result.term_counts("word", 1)
        assert set(words.loc[words["doc_id"] == "b-peace", "term"].astype(str)) == {"ukraine", "wins"}

    def test_corpus_actors_yaml_invalidates(self, corpus, cache):
        build(corpus, cache)
        docs = load_corpus(corpus).documents
        assert annotations.is_warm(docs, corpus, cache_dir=cache)
        (corpus / "actors.yaml").write_text("actors:\n- {name: Alpha Party, type: ORG}\n", encoding="utf-8")
        assert not annotations.is_warm(docs, corpus, cache_dir=cache)
        fake = FakeAnnotator()
        build(corpus, cache, fake)
        assert sorted(fake.calls[0]) == ["a-war", "b-peace", "c-talks"] and len(fake.calls) == 1  # new gazetteer: everything again

    def test_shipped_gazetteer_change_invalidates(self, corpus, cache, tmp_path, monkeypatch):
        shipped = tmp_path / "actors.yaml"
        shipped.write_bytes(contracts.SHIPPED_ACTORS.read_bytes())
        monkeypatch.setattr(annotations, "SHIPPED_ACTORS", shipped)
        build(corpus, cache)
        docs = load_corpus(corpus).documents
        before = annotations.pipeline_version(corpus)
        shipped.write_bytes(shipped.read_bytes() + b"\n- {name: Somebody New, type: PERSON}\n")
        assert annotations.pipeline_version(corpus) != before
        assert not annotations.is_warm(docs, corpus, cache_dir=cache)

    def test_corrupt_corpus_level_file_is_rebuilt_without_reannotating(self, corpus, cache):
        first = build(corpus, cache)
        (first.path / "mentions.parquet").write_bytes(b"not parquet at all")
        fake = FakeAnnotator()
        second = build(corpus, cache, fake)
        assert second.built and fake.calls == []  # the per-document chunks were still good
        pd.testing.assert_frame_equal(first.mentions, second.mentions)

    def test_truncated_term_file_is_rebuilt(self, corpus, cache):
        first = build(corpus, cache)
        data = (first.path / "terms-word-2.parquet").read_bytes()
        (first.path / "terms-word-2.parquet").write_bytes(data[: len(data) // 2])
        with pytest.raises(annotations.StoreError):
            first.term_counts("word", 2)  # a page's wrapper catches this, invalidates, rebuilds
        first.invalidate()
        second = build(corpus, cache)
        assert len(second.term_counts("word", 2)) > 0

    def test_corrupt_chunk_is_reannotated(self, corpus, cache):
        first = build(corpus, cache)
        chunk = first.doc_map["chunk"].iloc[0]
        tokens_file = cache / "annotations" / first.pipeline_version / chunk / "tokens.parquet"
        tokens_file.write_bytes(b"garbage")
        with pytest.raises(annotations.StoreError):
            first.tokens(["a-war"])
        first.invalidate()
        fake = FakeAnnotator()
        second = build(corpus, cache, fake)
        assert sorted(fake.calls[0]) == ["a-war", "b-peace", "c-talks"] and len(fake.calls) == 1
        assert len(second.tokens(["a-war"])) > 0

    def test_partial_cache_without_manifest_is_rebuilt(self, corpus, cache):
        first = build(corpus, cache)
        (first.path / "manifest.json").unlink()
        docs = load_corpus(corpus).documents
        assert not annotations.is_warm(docs, corpus, cache_dir=cache)
        second = build(corpus, cache)
        assert second.built and annotations.is_warm(docs, corpus, cache_dir=cache)
        assert json.loads((second.path / "manifest.json").read_text())["documents"] == 3

    def test_empty_corpus(self, tmp_path, cache):
        folder = write_corpus(tmp_path / "empty", {})
        result = build(folder, cache)
        assert result.mentions.empty and result.doc_stats.empty and result.term_counts("word", 1).empty


class TestWarmStartWithoutSpacy:
    def test_warm_load_in_a_fresh_process_does_not_import_spacy(self, corpus, cache):
        built = build(corpus, cache)
        proc = run_python(f"""
            import sys, json
            from lib.store import annotations
            from lib.ingest.corpus import load_corpus
            docs = load_corpus({str(corpus)!r}).documents
            warm = annotations.is_warm(docs, {str(corpus)!r})
            result = annotations.load_or_build(docs, corpus_dir={str(corpus)!r})
            print(json.dumps({{"warm": warm, "built": result.built, "spacy": "spacy" in sys.modules,
                              "nlp": "lib.nlp.engine" in sys.modules, "mentions": len(result.mentions)}}))
        """, PARTY_LINES_CACHE=str(cache))
        assert proc.returncode == 0, proc.stderr
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        assert report == {"warm": True, "built": False, "spacy": False, "nlp": False,
                          "mentions": len(built.mentions)}


class TestPipelineVersion:
    def test_stable_and_spacy_free(self, corpus):
        proc = run_python(f"""
            import sys
            from lib.store import annotations
            print(annotations.pipeline_version({str(corpus)!r}), "spacy" in sys.modules)
        """)
        version, spacy_loaded = proc.stdout.split()
        assert spacy_loaded == "False" and version == annotations.pipeline_version(corpus) and len(version) == 16

    def test_code_version_is_part_of_it(self, corpus, monkeypatch):
        before = annotations.pipeline_version(corpus)
        monkeypatch.setattr(annotations, "NLP_CODE_VERSION", "999")
        assert annotations.pipeline_version(corpus) != before


class TestCacheRoot:
    def test_env_then_default_outside_the_corpus(self, monkeypatch, tmp_path):
        monkeypatch.setenv(annotations.CACHE_ENV, str(tmp_path / "elsewhere"))
        assert annotations.cache_root() == tmp_path / "elsewhere"
        monkeypatch.delenv(annotations.CACHE_ENV)
        assert annotations.cache_root() == Path(".cache") / "party-lines"


@pytest.mark.slow
@pytest.mark.skipif(not any(annotations._package_version(n) for n in annotations.MODEL_PACKAGES), reason="no spaCy model")
class TestRealCorpus:
    """Integration: the real pipeline (lib/nlp/engine.py) on the five corpus documents."""

    def test_build_with_the_real_pipeline_then_warm(self, tmp_path):
        cache = tmp_path / "cache"
        docs = load_corpus(ROOT / "corpus").documents
        result = annotations.load_or_build(docs, corpus_dir=ROOT / "corpus", cache_dir=cache)
        assert result.built and result.warning is None
        assert len(result.doc_stats) == len(docs) == 5
        ids = list(docs["doc_id"])
        tokens = result.tokens(ids)
        stats = result.doc_stats.set_index("doc_id")
        assert stats["n_tokens"].sum() == len(tokens)
        assert stats["mattr"].between(0.3, 0.9).all()
        totals = result.actor_counts.groupby("actor", observed=True)["count"].sum()
        assert totals["Russia"] > 20 and totals["Ukraine"] > 20
        assert result.actor_types.set_index("actor")["type"]["Russia"] == "STATE"
        words = result.term_counts("word", 1)
        assert words[words["term"] == "war"]["count"].sum() > 20
        trigrams = result.term_counts("word", 3)
        assert "war in ukraine" in set(trigrams.loc[~trigrams["stop_edge"], "term"].astype(str))
        proc = run_python(f"""
            import sys
            from lib.store import annotations
            from lib.ingest.corpus import load_corpus
            docs = load_corpus({str(ROOT / "corpus")!r}).documents
            result = annotations.load_or_build(docs, corpus_dir={str(ROOT / "corpus")!r})
            print(result.built, "spacy" in sys.modules, len(result.mentions))
        """, PARTY_LINES_CACHE=str(cache))
        assert proc.stdout.split() == ["False", "False", str(len(result.mentions))], proc.stderr
