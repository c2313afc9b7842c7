"""Scoring the codebook against the positions gold (lib/analysis/positions_eval.py), and coder agreement."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis import positions_eval as pe
from lib.analysis.positions import Coded

GOLD = Path(__file__).resolve().parents[1] / "data" / "positions"
CATEGORIES = ["nato-blamed", "russia-imperialist", "russia-defensive", "ukraine-resistance", "against-arms",
              "negotiations", "russian-victory", "sanctions-criticised", "workers-action", "left-polemic"]


class TestKappa:
    def test_textbook_values(self):
        assert pe.cohen_kappa([True, True, False, False], [True, True, False, False]) == 1
        assert pe.cohen_kappa([True, False, True, False], [False, True, False, True]) == -1
        # 20 items: both yes 5, A only 2, B only 3, both no 10 → po .75, pe .35·.40 + .65·.60 = .53
        a = [True] * 5 + [True] * 2 + [False] * 3 + [False] * 10
        b = [True] * 5 + [False] * 2 + [True] * 3 + [False] * 10
        assert pe.cohen_kappa(a, b) == pytest.approx((0.75 - 0.53) / (1 - 0.53))
        assert math.isnan(pe.cohen_kappa([False, False], [False, False]))  # no variation: undefined

    def test_the_gold_agreement_is_what_the_lead_computed(self):
        gold = pe.read_gold(GOLD)
        table = pe.kappas(gold.codes, gold.second, CATEGORIES).set_index("category")
        expected = {"against-arms": 0.95, "left-polemic": 0.94, "nato-blamed": 0.93, "negotiations": 0.89,
                    "russia-defensive": 0.49, "russia-imperialist": 0.92, "russian-victory": 1.00,
                    "sanctions-criticised": 1.00, "ukraine-resistance": 0.94, "workers-action": 0.96, "mean": 0.90}
        for category, kappa in expected.items():
            assert round(float(table.loc[category, "kappa"]), 2) == kappa, category
        assert table.loc["russia-defensive", "positives_a"] == 3 and table.loc["russia-defensive", "positives_b"] == 5
        assert (table["sentences"] == 157).all()


class TestMatching:
    SENTENCES = pd.DataFrame({"doc": ["t", "t", "u"], "sent": [0, 1, 0], "start": [0, 20, 0], "end": [18, 40, 10],
                              "text": ["", "", ""], "half": ["dev", "dev", "test"]})

    def test_a_coded_sentence_lands_on_the_gold_sentence_it_overlaps(self):
        codings = pd.DataFrame({"doc_id": ["t", "t", "u"], "sent_id": [0, 1, 0], "start": [0, 20, 2],
                                "end": [18, 35, 8], "category": ["a", "b", "a"], "rules": "1", "text": ""})
        predicted = pe.predicted_codes(Coded("v", codings, pd.DataFrame()), self.SENTENCES)
        assert predicted == {("t", 0): {"a"}, ("t", 1): {"b"}, ("u", 0): {"a"}}

    def test_scores_per_half_with_macro(self):
        gold = {("t", 0): {"a"}, ("t", 1): {"a"}, ("u", 0): {"b"}}
        predicted = {("t", 0): {"a"}, ("t", 1): {"b"}, ("u", 0): {"b"}}
        table = pe.scores(gold, predicted, self.SENTENCES, ["a", "b"]).set_index(["half", "category"])
        assert table.loc[("dev", "a"), ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
        assert table.loc[("dev", "a"), "precision"] == 1 and table.loc[("dev", "a"), "recall"] == 0.5
        assert table.loc[("dev", "b"), "precision"] == 0 and math.isnan(table.loc[("dev", "b"), "recall"])
        assert table.loc[("dev", "macro"), "precision"] == 0.5  # the mean over categories with a value
        assert table.loc[("test", "b"), "f1"] == 1
        assert math.isnan(table.loc[("test", "a"), "precision"])  # nothing gold, nothing predicted

    def test_report_keeps_the_hand_written_notes(self):
        gold = pe.read_gold(GOLD)
        sentences = gold.sentences[gold.sentences["half"] == "dev"]
        table = pe.scores(gold.codes, {}, sentences, CATEGORIES)
        kappa = pe.kappas(gold.codes, gold.second, CATEGORIES)

        class Book:
            categories, source, version = [], "codebook.yaml", "abc"

            @staticmethod
            def queries():
                return []

        kept = "old\n" + pe.NOTES_MARKER + "\n\nMy notes.\n"
        text = pe.report_markdown(table, kappa, gold=gold, codebook=Book, halves=("dev",), pipeline="p", kept=kept,
                                  generated="today")
        assert text.endswith("My notes.\n") and text.count(pe.NOTES_MARKER) == 1
        assert "| **macro** |" in text and "No held-out half was scored" in text
        assert "| `russia-defensive` | 157 | 3 | 5 |" in text


def test_read_gold_refuses_an_unknown_sentence(tmp_path):
    import shutil

    folder = tmp_path / "positions"
    shutil.copytree(GOLD, folder)
    with open(folder / "gold.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"doc": "acg-1", "sent": 999, "categories": []}\n')
    with pytest.raises(ValueError, match="acg-1:999"):
        pe.read_gold(folder)


TEST2 = GOLD.parent / "positions_test2"


class TestSeveralSets:
    def test_two_folders_side_by_side(self):
        gold = pe.combine([pe.read_gold(GOLD), pe.read_gold(TEST2)])
        assert gold.half_names() == ["dev", "test", "test2"]
        assert len(gold.sentences) == len(pe.read_gold(GOLD).sentences) + len(pe.read_gold(TEST2).sentences)
        assert gold.spent == {"test": pe.read_gold(GOLD).spent["test"]}  # the first set's test half is spent
        assert [g.folder for g in gold.parts] == [GOLD, TEST2]

    def test_a_shared_text_id_is_refused(self, tmp_path):
        import shutil

        copy = tmp_path / "copy"
        shutil.copytree(GOLD, copy)
        with pytest.raises(ValueError, match="text id acg-1 is in both"):
            pe.combine([pe.read_gold(GOLD), pe.read_gold(copy)])

    def test_the_independent_second_coder_is_read_for_kappa_before_the_recoding(self):
        gold = pe.read_gold(TEST2)
        assert (TEST2 / "gold_recode.jsonl").is_file()  # both are committed: the other coder wins
        assert gold.second_file == "gold_second_coder.jsonl"
        assert len(gold.second) >= 0.2 * len(gold.sentences) - 1

    def test_pools_score_halves_as_one(self):
        sentences = TestMatching.SENTENCES
        gold = {("t", 0): {"a"}, ("t", 1): {"a"}, ("u", 0): {"a"}}
        predicted = {("t", 0): {"a"}, ("u", 0): {"a"}}
        table = pe.scores(gold, predicted, sentences, ["a"], pools={"all": ["dev", "test"]})
        table = table.set_index(["half", "category"])
        assert table.loc[("all", "a"), ["gold", "tp", "fn"]].tolist() == [3, 2, 1]
        assert table.loc[("dev", "a"), "recall"] == 0.5 and table.loc[("test", "a"), "recall"] == 1

    def test_report_puts_the_bar_on_the_held_out_half_only(self):
        gold = pe.combine([pe.read_gold(GOLD), pe.read_gold(TEST2)])
        sentences = gold.sentences
        table = pe.scores(gold.codes, gold.codes, sentences, CATEGORIES, pools={"development": ["dev", "test"]})

        class Book:
            categories, source, version = [], "codebook.yaml", "abc"

            @staticmethod
            def queries():
                return []

        kappa = {"tests/data/positions": pe.kappas(gold.parts[0].codes, gold.parts[0].second, CATEGORIES)}
        text = pe.report_markdown(table, kappa, gold=gold, codebook=Book, halves=("dev", "test", "test2"),
                                  pipeline="p", held_out=("test2",), generated="today")
        assert "Held-out half `test2`: macro precision **1.00**" in text
        assert "Held-out half `test`" not in text
        assert "## Test half (spent: scored once" in text and "## Second test set" in text
        assert "## All development data" in text
        assert text.count("- Gold: `") == 2 and "18 organisations" in text
