"""The positions gold material (tests/data/positions): texts, split, sentences, coding guide.

Coders and the evaluation both rely on these files agreeing with each other; a text edited after
the sentences were cut would silently shift every offset.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "positions"
BLANK_LINE = re.compile(r"\n\s*\n")


def _metadata() -> list[dict[str, str]]:
    with open(DATA / "metadata.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sentences() -> list[dict]:
    with open(DATA / "sentences.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (DATA / "texts").glob("*.txt")}


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


def test_sentences_are_exact_slices_numbered_from_zero():
    texts = _texts()
    numbers = defaultdict(list)
    for s in _sentences():
        text = texts[s["doc"]]
        assert text[s["start"] : s["end"]] == s["text"], (s["doc"], s["sent"])
        assert s["text"] == s["text"].strip() and s["text"]
        assert not BLANK_LINE.search(s["text"]), (s["doc"], s["sent"])
        numbers[s["doc"]].append(s["sent"])
    assert sorted(numbers) == sorted(texts)
    for doc, sents in numbers.items():
        assert sents == list(range(len(sents))), doc


def test_sentences_cover_every_word_of_every_text_once():
    texts = _texts()
    covered = {doc: [0] * len(text) for doc, text in texts.items()}
    for s in _sentences():
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
