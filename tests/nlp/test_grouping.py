"""Canonical grouping: one person written several ways is one actor; ambiguous forms by context.

The cases are the kinds of error held-out set 3 showed (B-cubed 0.975 there before these
rules), written as new sentences: accents dropped, "known as" names, an editor's bracketed
given names, an inverted organisation name, an ambiguous acronym in a sentence that
discusses another country.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.cli.evaluate import gold_sets
from lib.nlp.engine import annotate
from lib.nlp.gazetteer import normalise_key


def actors(pipeline, text: str, labels=("PERSON", "ORG", "STATE")) -> list[tuple[str, str]]:
    ann = annotate(pipeline, [("d", text)])
    return [(r.text, r.actor) for r in ann.mentions.itertuples() if r.label in labels]


def test_accents_do_not_split_a_name(blank_pipeline):
    assert normalise_key("Agnès Callamard") == normalise_key("Agnes Callamard")
    got = actors(blank_pipeline, "Agnes Callamard spoke first. Then Agnès Callamard spoke again, and Eire voted.")
    assert got == [("Agnes Callamard", "Agnès Callamard"), ("Agnès Callamard", "Agnès Callamard"), ("Eire", "Ireland")]


def test_known_as_and_shorter_full_names_are_one_person(model_pipeline):
    text = ("The court charged Yoav Gallant and the commander Mohammed Diab Ibrahim Al-Masri, known as Deif, "
            "with war crimes. Following the indictments of Gallant and Mohammed al-Masri, commonly known as "
            "Mohammed Deif, the court waits.")
    people = {a for t, a in actors(model_pipeline, text, ("PERSON",)) if t != "Gallant" and "Gallant" not in t}
    assert people == {"Mohammed Deif"}


def test_bracketed_given_names_belong_to_the_family_name_after_them(model_pipeline):
    text = ("We call upon President [of Russia, Vladimir] Putin to respect the agreements. We keep contacts with "
            "President [of Ukraine, Vladimir] Zelensky and Prime Minister [Denys] Shmyhal.")
    got = actors(model_pipeline, text, ("PERSON",))
    assert got == [("Vladimir", "Vladimir Putin"), ("Putin", "Vladimir Putin"), ("Vladimir", "Volodymyr Zelensky"),
                   ("Zelensky", "Volodymyr Zelensky"), ("Denys", "Denys Shmyhal"), ("Shmyhal", "Denys Shmyhal")]


def test_an_inverted_organisation_name_is_the_known_one(model_pipeline):
    got = actors(model_pipeline, ("He said that being called to serve as President of the General Assembly of the United Nations "
                              "was a weighty responsibility for his small country."))
    assert ("General Assembly of the United Nations", "UN General Assembly") in got


def test_a_state_discussed_in_the_sentence_does_not_outweigh_the_documents_own_full_name(model_pipeline):
    text = ("The International Socialist Organisation (ISO) in New Zealand backs the war.\n\n"
            "The ISO repeats the propaganda of the US government.\n\n"
            "In the United States, the ISO's main centre imploded in 2019.")
    got = [a for t, a in actors(model_pipeline, text) if t == "ISO"]
    assert got == ["International Socialist Organisation (NZ)"] * 2 + ["International Socialist Organization (US)"]


def test_evaluate_reads_only_actor_gold_files(tmp_path: Path):
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "gold.jsonl").write_text(json.dumps(
        {"doc": "a.txt", "start": 0, "end": 2, "text": "US", "type": "STATE", "canonical": "United States"}) + "\n")
    (tmp_path / "positions").mkdir()
    (tmp_path / "positions" / "gold.jsonl").write_text(json.dumps({"doc": "acg-1", "sent": 0, "categories": []}) + "\n")
    assert [name for name, _, _ in gold_sets(tmp_path)] == ["set"]


@pytest.mark.parametrize("name", ["heldout3", "heldout4"])
def test_held_out_sets_are_actor_gold(name):
    assert name in [n for n, _, _ in gold_sets(Path("tests/data"))]
