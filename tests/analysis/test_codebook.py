"""The codebook reader (lib/analysis/codebook.py): strict, every problem with its line; dictionary imports; export."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest
import yaml

from lib.analysis import codebook as cb
from lib.analysis.codebook import CodebookError, parse_codebook

KNOWN = ["NATO", "United States", "Russia", "The West"]

GOOD = textwrap.dedent("""\
    title: Test codebook
    lists:
      west: &west [NATO, United States]
    categories:
      - id: nato-blamed
        label: NATO blamed
        definition: The author blames NATO.
        rules:
          - words: ["provok*", "eastward expansion"]
            near_actor: *west
          - phrases: ["proxy war"]
            exclude: ["no proxy war"]
        exclude: ["no excuse for"]
      - id: talks
        label: Calls for talks
        rules:
          - lemmas: [negotiate]
          - actors: [The West]
            near: [ceasefire]
    """)


def errors(text: str, **kw) -> list[str]:
    with pytest.raises(CodebookError) as info:
        parse_codebook(text, **kw)
    return info.value.messages


class TestReading:
    def test_a_valid_codebook(self):
        book = parse_codebook(GOOD, known_actors=KNOWN)
        assert book.title == "Test codebook"
        assert book.ids == ["nato-blamed", "talks"]
        nato = book.category("nato-blamed")
        assert nato.rules[0].words == ("provok*", "eastward expansion")
        assert nato.rules[0].near_actor == ("NATO", "United States")  # the alias of a shared list
        assert nato.exclude == ("no excuse for",)
        assert book.category("talks").rules[0].triggers == ("lemma:negotiate",)
        assert book.category("talks").rules[1].actors == ("The West",)
        assert book.category("nope") is None
        assert book.actors() == ["NATO", "United States", "The West"]
        assert "no proxy war" in book.queries() and "lemma:negotiate" in book.queries()

    def test_lines_are_kept(self):
        book = parse_codebook(GOOD)
        assert book.category("nato-blamed").line == 5
        assert book.category("nato-blamed").rules[1].line == 11

    def test_version_follows_the_rules_not_the_labels(self):
        base = parse_codebook(GOOD).version
        assert parse_codebook(GOOD.replace("label: NATO blamed", "label: Blame on NATO")).version == base
        assert parse_codebook(GOOD.replace('"proxy war"', '"proxy wars"')).version != base
        assert len(base) == 16

    def test_the_shipped_codebook_reads_with_the_gazetteer(self):
        from lib.nlp.gazetteer import merged_actors

        book = cb.load_codebook("corpus/codebook.yaml", known_actors=[a.name for a in merged_actors()[0]])
        assert len(book.categories) == 10
        assert all(c.rules and c.definition for c in book.categories)


class TestRefusals:
    @pytest.mark.parametrize(("text", "expected"), [
        ("title: x\ncategories:\n  - id: a\n    label: A\n    rulez: []\n", "line 5: unknown key 'rulez'"),
        ("title: x\ncategories:\n  - id: Bad Id\n    label: A\n", "line 3: category id 'Bad Id' must be lower-case"),
        ("categories:\n  - id: a\n    label: A\n  - id: a\n    label: B\n", "line 4: category id 'a' is used twice"),
        ("categories:\n  - id: a\n    rules: []\n", "line 2: category 'a' has no 'label'"),
        ("categories:\n  - id: a\n    label: A\n    rules:\n      - words: ['re:(']\n", "line 5: 're:(' in"),
        ("categories:\n  - id: a\n    label: A\n    rules:\n      - words: {a: b}\n", "line 5: category 'a' rule 1 'words' must be a list"),
        ("categories:\n  - id: a\n    label: A\n    rules:\n      - near: [x]\n", "needs at least one of words"),
        ("categories:\n  - id: a\n    label: A\n    rules:\n      - words: [[x]]\n", "must be a non-empty text"),
        ("categories:\n  - id: a\n    label: A\n    rules:\n      - lemmas: ['two words']\n", "a lemma is one word"),
        ("categories: {a: 1}\n", "line 1: 'categories' must be a list"),
        ("categories:\n  - id: a\n    label: A\n  - id: b\n    label: B\n    label: C\n", "line 6: 'label' appears twice"),
        ("title: [unclosed\n", "not valid YAML"),
        ("", "the file is empty"),
        ("- just\n- a list\n", "the codebook must be a mapping"),
    ])
    def test_each_problem_names_its_line(self, text, expected):
        assert any(expected in m for m in errors(text)), errors(text)

    def test_every_problem_is_reported_at_once(self):
        text = "categories:\n  - id: A\n    label: x\n  - id: b\n    colour: red\n"
        found = errors(text)
        assert len(found) >= 3  # bad id, unknown key, missing label

    def test_unknown_actor_gets_a_suggestion(self):
        text = "categories:\n  - id: a\n    label: A\n    rules:\n      - words: [x]\n        near_actor: [Nato]\n"
        (message,) = errors(text, known_actors=KNOWN)
        assert message.startswith("line 6:") and "did you mean 'NATO'" in message

    def test_after_must_name_a_category_of_the_codebook(self):
        text = ("categories:\n  - id: left-polemic\n    label: A\n    rules:\n      - words: [x]\n"
                "        after: [left-polemics]\n")
        (message,) = errors(text)
        assert message.startswith("line 5:") and "'after' names no category 'left-polemics'" in message
        assert "did you mean 'left-polemic'" in message

    def test_also_near_and_after_count_in_the_version(self):
        base = "categories:\n  - id: a\n    label: A\n    rules:\n      - words: [x]\n"
        versions = {parse_codebook(base + extra).version
                    for extra in ("", "        also_near: [y]\n", "        after: [a]\n")}
        assert len(versions) == 3

    def test_unknown_key_gets_a_suggestion(self):
        text = "categories:\n  - id: a\n    label: A\n    rules:\n      - word: [x]\n"
        assert any("did you mean 'words'" in m for m in errors(text))

    def test_nested_aliases_are_not_expanded(self):
        # "Billion laughs": each list holds ten aliases of the one before. Lists of lists are
        # refused entry by entry, never expanded.
        lines = ["lists:", "  l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
        for k in range(1, 9):
            lines.append(f"  l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 10) + "]")
        lines += ["categories:", "  - id: a", "    label: A", "    rules:", "      - words: *l8"]
        found = errors("\n".join(lines) + "\n")
        assert 0 < len(found) < 200 and all("must be a non-empty text" in m for m in found)

    def test_alias_expansion_is_capped(self):
        lines = ["a0: &a0 {x: [w], y: [w]}"]
        for k in range(1, 24):
            lines.append(f"a{k}: &a{k} {{p: *a{k - 1}, q: *a{k - 1}}}")
        with pytest.raises(CodebookError) as info:
            cb.from_quanteda_yaml("\n".join(lines) + "\n")
        assert len(info.value.messages) == 1 and "too many keys" in info.value.messages[0]

    def test_oversized_file_is_refused(self):
        assert any("too large" in m for m in errors("title: " + "x" * (cb.MAX_BYTES + 1)))

    def test_hostile_text_is_kept_as_text(self):
        text = ("categories:\n  - id: a\n    label: \"<script>alert(1)</script> [x](javascript:alert(1)) $x$\"\n"
                "    definition: \"<img src=x onerror=alert(2)>\"\n    rules:\n      - words: ['<b>']\n")
        book = parse_codebook(text)
        assert book.category("a").label.startswith("<script>")  # the reader keeps it; every view escapes it
        assert book.category("a").rules[0].words == ("<b>",)


class TestQuanteda:
    # The format quanteda::as.yaml writes and dictionary(file=, format="YAML") reads: keys to lists
    # of glob patterns, multi-word values separated by spaces, keys possibly nested.
    FLAT = textwrap.dedent("""\
        one:
        - a b
        - c*
        two:
        - x
        - y
        - z??
        """)
    NESTED = textwrap.dedent("""\
        economy:
          taxation:
            - tax*
            - fiscal policy
          jobs: [unemploy*, labour market]
        war: [war, peace]
        """)

    def test_flat(self):
        imported = cb.from_quanteda_yaml(self.FLAT, source="dict.yml")
        book = imported.codebook
        assert book.ids == ["one", "two"]
        assert book.category("one").rules[0].words == ("a b", "c*")
        assert book.category("two").rules[0].words == ("x", "y", "z??")
        assert imported.notes == []

    def test_nested_keys_are_joined_with_a_dot(self):
        book = cb.from_quanteda_yaml(self.NESTED).codebook
        assert [c.label for c in book.categories] == ["economy.taxation", "economy.jobs", "war"]
        assert book.ids == ["economy-taxation", "economy-jobs", "war"]

    def test_unusable_values_are_noted(self):
        imported = cb.from_quanteda_yaml("feelings:\n  - ':-)'\n  - happy\n")
        assert imported.codebook.category("feelings").rules[0].words == ("happy",)
        assert imported.notes and "':-)'" in imported.notes[0] and imported.notes[0].startswith("line 2")

    def test_not_a_dictionary(self):
        with pytest.raises(CodebookError):
            cb.from_quanteda_yaml("- a\n- b\n")

    def test_round_trip_through_the_codebook_format(self):
        book = cb.from_quanteda_yaml(self.NESTED).codebook
        again = parse_codebook(cb.to_yaml(book))
        assert again.version == book.version


class TestLiwc:
    # LIWC .dic: categories between two '%' lines (number, tab, name), then one entry a line:
    # word or stem* followed by its category numbers, tab-separated.
    DIC = "%\n1\tposemo\n2\tnegemo\n3\twar words\n%\nhappy\t1\nsad*\t2\nbattle*\t2\t3\nkind of\t1\n" \
          "like\t(02 134)125/464\t(02 134)126\t253\nfoo\t9\n"

    def test_categories_and_entries(self):
        imported = cb.from_liwc_dic(self.DIC, source="test.dic")
        book = imported.codebook
        assert book.ids == ["posemo", "negemo", "war-words"]
        assert book.category("posemo").rules[0].words == ("happy", "kind of")
        assert book.category("negemo").rules[0].words == ("sad*", "battle*")
        assert book.category("war-words").rules[0].words == ("battle*",)
        assert any("line 10" in n and "conditional" in n for n in imported.notes)
        assert any("line 11" in n and "category 9" in n for n in imported.notes)

    def test_space_separated_and_byte_order_mark(self, tmp_path):
        path = tmp_path / "d.dic"
        path.write_bytes("\ufeff%\n01 angry\n%\nfurious 01\n".encode())
        book = cb.import_dictionary(path).codebook
        assert book.ids == ["angry"] and book.category("angry").rules[0].words == ("furious",)

    @pytest.mark.parametrize(("text", "expected"), [
        ("happy\t1\n", "line 1: a LIWC dictionary starts"),
        ("%\nposemo\n%\n", "line 2: a category line"),
        ("%\n1\tposemo\n", "not closed"),
        ("%\n1\ta\n%\n:)\t1\n", "no usable dictionary entries"),
    ])
    def test_refusals(self, text, expected):
        with pytest.raises(CodebookError) as info:
            cb.from_liwc_dic(text)
        assert any(expected in m for m in info.value.messages), info.value.messages

    def test_format_must_be_known(self, tmp_path):
        path = tmp_path / "dict.txt"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(CodebookError, match="which format"):
            cb.import_dictionary(path)


class TestExport:
    def test_table_has_a_row_per_value(self):
        book = parse_codebook(GOOD)
        table = cb.codebook_table(book)
        assert list(table.columns) == cb.CODEBOOK_TABLE_COLUMNS
        nato = table[table["category"] == "nato-blamed"]
        assert set(nato["field"]) == {"words", "near_actor", "phrases", "exclude"}
        assert (table["codebook_version"] == book.version).all()
        assert len(table[(table["rule"] == 0) & (table["field"] == "exclude")]) == 1

    def test_yaml_round_trip(self):
        book = parse_codebook(GOOD)
        text = cb.to_yaml(book)
        assert yaml.safe_load(text)["categories"][0]["id"] == "nato-blamed"
        assert parse_codebook(text).version == book.version

    def test_table_writes_as_parquet(self, tmp_path):
        table = cb.codebook_table(parse_codebook(GOOD))
        table.to_parquet(tmp_path / "c.parquet")
        assert pd.read_parquet(tmp_path / "c.parquet").equals(table)
