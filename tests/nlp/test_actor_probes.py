"""Actors in context (issue 14): a table of probe sentences, each with the actors it must yield.

The table is ``tests/data/probes.jsonl`` (``python -m lib evaluate`` prints how many pass). A
probe passes when the PERSON/ORG/STATE mentions found in its text are exactly the expected
ones (text, label, canonical actor, and the role where one is given). Probes marked
``known_gap`` are known failures, kept visible: they must keep failing until the gap is fixed
(then drop the mark).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.nlp.evaluate import probe_passes, read_probes

PROBES = read_probes(Path(__file__).parents[1] / "data" / "probes.jsonl")


def test_the_table_is_big_enough():
    assert len(PROBES) >= 24
    assert sum("known_gap" not in p for p in PROBES) >= 22


@pytest.mark.slow
@pytest.mark.parametrize("probe", [
    pytest.param(p, id=p["case"], marks=[pytest.mark.xfail(reason=p["known_gap"], strict=True)] if "known_gap" in p else [])
    for p in PROBES
])
def test_probe(model_pipeline, probe):
    from lib.nlp.engine import annotate

    ann = annotate(model_pipeline, [("probe", probe["text"])], about={"probe": probe.get("about") or {}})
    ok, found = probe_passes(probe, ann.mentions.to_dict("records"))
    assert ok, f"{probe['text']!r}: found {found}"


def test_probe_comparison_counts_every_mention_and_role():
    probe = {"text": "x", "expected": [{"text": "ISO", "type": "ORG", "canonical": "ISO (ambiguous)"},
                                       {"text": "Ann Lee", "type": "PERSON", "canonical": "Ann Lee", "role": "author"}]}
    right = [{"text": "ISO", "label": "ORG", "actor": "ISO (ambiguous)"},
             {"text": "Ann Lee", "label": "PERSON", "actor": "Ann Lee", "role": "author"},
             {"text": "Paris", "label": "PLACE", "actor": "Paris"}]  # out of scope: ignored
    assert probe_passes(probe, right)[0]
    assert not probe_passes(probe, [dict(right[0], actor="International Socialist Organization (US)"), right[1]])[0]
    assert not probe_passes(probe, [right[0], dict(right[1], role="")])[0]  # the role is checked
    assert not probe_passes(probe, [*right, {"text": "Council", "label": "ORG", "actor": "Council"}])[0]  # extra
