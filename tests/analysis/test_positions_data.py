"""The positions gold material (tests/data/positions, tests/data/positions_test2): texts, split,
sentences, gold, coding guide.

Coders and the evaluation both rely on these files agreeing with each other; a text edited after
the sentences were cut would silently shift every offset.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "positions"
TEST2 = ROOT / "tests" / "data" / "positions_test2"
SETS = [DATA, TEST2]
BLANK_LINE = re.compile(r"\n\s*\n")


def _metadata(folder: Path = DATA) -> list[dict[str, str]]:
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sentences(folder: Path = DATA) -> list[dict]:
    with open(folder / "sentences.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _texts(folder: Path = DATA) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (folder / "texts").glob("*.txt")}


def _ids() -> list[str]:
    codebook = yaml.safe_load((ROOT / "corpus" / "codebook.yaml").read_text(encoding="utf-8"))
    return [c["id"] for c in codebook["categories"]]


def test_metadata_lists_every_text_once_with_a_balanced_split():
    rows = _metadata()
    texts = _texts()
    assert sorted(r["id"] for r in rows) == sorted(texts)
    assert len(rows) >= 30
    by_org = defaultdict(Counter)
    for r in rows:
        assert (DATA / r["file"]).is_file()
        assert r["half"] in {"dev", "test"}
        assert r["source"].startswith("written in the style of ") or r["source"].startswith("http")
        assert 150 <= len(texts[r["id"]].split()) <= 600, r["id"]
        by_org[r["organisation"]][r["half"]] += 1
    assert len(by_org) >= 8
    for org, halves in by_org.items():
        assert abs(halves["dev"] - halves["test"]) <= 1, org


def test_the_second_test_set_is_fresh_and_whole():
    """positions_test2: one half, new organisations beside known ones, no text id of the first set."""
    rows = _metadata(TEST2)
    texts = _texts(TEST2)
    assert sorted(r["id"] for r in rows) == sorted(texts) and len(rows) >= 20
    assert {r["half"] for r in rows} == {"test2"}
    assert not set(texts) & set(_texts(DATA))
    first = {r["organisation"] for r in _metadata(DATA)}
    orgs = {r["organisation"] for r in rows}
    assert len(orgs - first) >= 8 and len(orgs & first) >= 5
    for r in rows:
        assert r["source"] == f"written in the style of {r['organisation']}" and r["basis_url"].startswith("http")
    words = sorted(len(t.split()) for t in texts.values())
    assert words[0] < 150 and words[-1] > 450  # lengths vary


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_gold_codes_every_sentence_once_with_known_categories(folder):
    ids = set(_ids())
    want = [(s["doc"], s["sent"]) for s in _sentences(folder)]
    with open(folder / "gold.jsonl", encoding="utf-8") as fh:
        got = [json.loads(line) for line in fh]
    assert [(g["doc"], g["sent"]) for g in got] == want
    assert {c for g in got for c in g["categories"]} <= ids
    for g in got:
        assert len(g["categories"]) == len(set(g["categories"])), (g["doc"], g["sent"])


def test_every_category_has_fifteen_positives_in_the_second_test_set():
    with open(TEST2 / "gold.jsonl", encoding="utf-8") as fh:
        counts = Counter(c for line in fh for c in json.loads(line)["categories"])
    for category in _ids():
        assert counts[category] >= 15, category


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_sentences_are_exact_slices_numbered_from_zero(folder):
    texts = _texts(folder)
    numbers = defaultdict(list)
    for s in _sentences(folder):
        text = texts[s["doc"]]
        assert text[s["start"] : s["end"]] == s["text"], (s["doc"], s["sent"])
        assert s["text"] == s["text"].strip() and s["text"]
        assert not BLANK_LINE.search(s["text"]), (s["doc"], s["sent"])
        numbers[s["doc"]].append(s["sent"])
    assert sorted(numbers) == sorted(texts)
    for doc, sents in numbers.items():
        assert sents == list(range(len(sents))), doc


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_sentences_cover_every_word_of_every_text_once(folder):
    texts = _texts(folder)
    covered = {doc: [0] * len(text) for doc, text in texts.items()}
    for s in _sentences(folder):
        for i in range(s["start"], s["end"]):
            covered[s["doc"]][i] += 1
    for doc, text in texts.items():
        for i, ch in enumerate(text):
            # every visible character in exactly one sentence; spaces inside one or between two
            assert covered[doc][i] == 1 or (ch.isspace() and covered[doc][i] == 0), (doc, i)


def test_coding_guide_carries_every_definition_of_the_codebook():
    guide = (DATA / "CODING_GUIDE.md").read_text(encoding="utf-8")
    codebook = yaml.safe_load((ROOT / "corpus" / "codebook.yaml").read_text(encoding="utf-8"))
    ids = [c["id"] for c in codebook["categories"]]
    assert len(ids) == len(set(ids)) >= 8
    for category in codebook["categories"]:
        assert f"`{category['id']}` — {category['label']}" in guide
        for paragraph in category["definition"].split("\n"):
            assert paragraph in guide, (category["id"], paragraph[:60])
    # the guide's own check lists exactly the codebook's ids
    listed = re.search(r"ids = \{(.*?)\}", guide, re.S).group(1)
    assert sorted(re.findall(r'"([a-z-]+)"', listed)) == sorted(ids)


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_the_make_script_draws_each_sets_recorded_split(folder):
    """One script for every set: its set.json gives organisations and split, and the halves it draws
    are those metadata.csv records (the first set's seeded split did not move when it was generalised)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_positions_data", DATA / "make_positions_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = module.load_set(folder)
    recorded = {r["id"]: r["half"] for r in _metadata(folder)}
    assert module.split(list(_texts(folder)), config["organisations"], config["split"]) == recorded
