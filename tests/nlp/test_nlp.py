"""Tests of lib/nlp/engine.py, lib/nlp/mention_rules.py and lib/nlp/gazetteer.py: table-driven clean-up rules."""

from __future__ import annotations

import pytest

from lib.contracts import LABELS, MENTION_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS
from lib.nlp.engine import annotate, build_blank_pipeline, load_pipeline, split_for_processing
from lib.nlp.gazetteer import GazetteerError, load_gazetteer, merged_actors, normalise_key
from lib.nlp.mention_rules import map_spacy_label


def spans(pipeline, text: str) -> list[tuple[str, str, str]]:
    ann = annotate(pipeline, [("d", text)])
    m = ann.mentions
    assert (m["text"] == [text[s:e] for s, e in zip(m["start"], m["end"], strict=True)]).all()
    return list(zip(m["text"], m["label"], m["actor"], strict=True))


# (sentence, expected (text, label, actor) spans, in order) — rules that only need the gazetteer.
RULE_CASES = [
    # determiners are outside the span, "The" of a title stays
    ("the US and the Ukraine", [("US", "STATE", "United States"), ("Ukraine", "STATE", "Ukraine")]),
    ("He read The Telegraph.", [("The Telegraph", "ORG", "The Telegraph")]),
    # possessives, straight and curly
    ("Hegseth’s plan and the USA's army", [("Hegseth", "PERSON", "Pete Hegseth"), ("USA", "STATE", "United States")]),
    # titles and roles are outside; demonym + person
    ("German Chancellor Merz spoke.", [("German", "DEMONYM", "Germany"), ("Merz", "PERSON", "Friedrich Merz")]),
    ("NATO General Secretary Mark Rutte", [("NATO", "ORG", "NATO"), ("Mark Rutte", "PERSON", "Mark Rutte")]),
    ("US secretary of defence Pete Hegseth", [("US", "STATE", "United States"), ("Pete Hegseth", "PERSON", "Pete Hegseth")]),
    # hyphen and slash compounds are split into names
    ("US-NATO and US/NATO plans", [("US", "STATE", "United States"), ("NATO", "ORG", "NATO"), ("US", "STATE", "United States"), ("NATO", "ORG", "NATO")]),
    ("a US-backed, pro-Russia, ex-ISO group", [("US", "STATE", "United States"), ("Russia", "STATE", "Russia"), ("ISO", "ORG", None)]),
    # attributive country names are STATE; demonyms are DEMONYM with the state as actor
    ("US imperialism and Russian troops", [("US", "STATE", "United States"), ("Russian", "DEMONYM", "Russia")]),
    ("Americans and Europeans", [("Americans", "DEMONYM", "United States"), ("Europeans", "DEMONYM", "Europe")]),
    # aliases group under one canonical actor
    ("USA, United States, America", [("USA", "STATE", "United States"), ("United States", "STATE", "United States"), ("America", "STATE", "United States")]),
    ("Nato and NATO", [("Nato", "ORG", "NATO"), ("NATO", "ORG", "NATO")]),
    ("the USSR and the Soviet Union", [("USSR", "STATE", "Soviet Union"), ("Soviet Union", "STATE", "Soviet Union")]),
    # multi-word names are one mention, lower-case variants included
    ("the UN security council met", [("UN security council", "ORG", "UN Security Council")]),
    ("in the middle east", [("middle east", "PLACE", "Middle East")]),
    # adjacent names stay separate
    ("the UK Labour government", [("UK", "STATE", "United Kingdom"), ("Labour", "ORG", "Labour Party (UK)")]),
    ("UK and EU NATO countries", [("UK", "STATE", "United Kingdom"), ("EU", "ORG", "European Union"), ("NATO", "ORG", "NATO")]),
    # surname-only mentions resolve to the gazetteer's full name
    ("Trump and Zelensky met.", [("Trump", "PERSON", "Donald Trump"), ("Zelensky", "PERSON", "Volodymyr Zelensky")]),
    ("VI Lenin wrote; Lenin died.", [("VI Lenin", "PERSON", "V. I. Lenin"), ("Lenin", "PERSON", "V. I. Lenin")]),
    # capital as metonym for the government, city where the context is the place
    ("Washington said no.", [("Washington", "STATE", "United States")]),
    ("regime change in Moscow", [("Moscow", "STATE", "Russia")]),
    # one-word aliases are case-sensitive: ordinary words are not actors
    ("give it to us; labour and greens", []),
    # ideology prefix: "neo-Nazi" is not an actor
    ("neo-Nazi groups", []),
]


@pytest.mark.parametrize(("text", "expected"), RULE_CASES)
def test_rule_layer_on_blank_pipeline(blank_pipeline, text, expected):
    got = spans(blank_pipeline, text)
    assert [(t, lab) for t, lab, _ in got] == [(t, lab) for t, lab, _ in expected]
    for (_, _, actor), (_, _, want) in zip(got, expected, strict=True):
        if want is not None:
            assert actor == want


# Cases where the statistical model and the rules work together.
MODEL_CASES = [
    ("Following Hegseth's remarks, the talks ended.", [("Hegseth", "PERSON", "Pete Hegseth")]),
    ("It isn't over, said Cory Kinnunen. Kinnunen left.", [("Cory Kinnunen", "PERSON", "Cory Kinnunen"), ("Kinnunen", "PERSON", "Cory Kinnunen")]),
    ("Trump wants to invite Putin to Washington.", [("Trump", "PERSON", "Donald Trump"), ("Putin", "PERSON", "Vladimir Putin"), ("Washington", "PLACE", "Washington, D.C.")]),
    ("President Ursula von der Leyen spoke in Brussels.", [("Ursula von der Leyen", "PERSON", "Ursula von der Leyen"), ("Brussels", "PLACE", "Brussels")]),
    ("The Supreme Court of Ukraine annulled the vote.", [("Supreme Court of Ukraine", "ORG", "Supreme Court of Ukraine")]),
    ("The Ukrainian Gromada of Wellington organised it.", [("Ukrainian Gromada of Wellington", "ORG", "Ukrainian Gromada of Wellington")]),
    ("Mali, Niger and Burkina Faso left.", [("Mali", "STATE", "Mali"), ("Niger", "STATE", "Niger"), ("Burkina Faso", "STATE", "Burkina Faso")]),
    ("They fought World War II and the Cold War.", []),
    ("Kim Jong Un spoke. Kim left.", [("Kim Jong Un", "PERSON", "Kim Jong Un"), ("Kim", "PERSON", "Kim Jong Un")]),
    ("He opposed Omar al-Bashir.", [("Omar al-Bashir", "PERSON", "Omar al-Bashir")]),
    # a month before a known organisation is not part of its name
    ("On 24-25 June NATO held its sixth summit.", [("NATO", "ORG", "NATO")]),
    # a given name before a known surname makes a different person (not Winston Peters)
    ("By Tom Peters, 30 March 2022", [("Tom Peters", "PERSON", "Tom Peters")]),
    ("Winston Peters spoke. Peters left.", [("Winston Peters", "PERSON", "Winston Peters"), ("Peters", "PERSON", "Winston Peters")]),
]


@pytest.mark.parametrize(("text", "expected"), MODEL_CASES)
def test_rules_with_model(model_pipeline, text, expected):
    got = [(t, lab, a) for t, lab, a in spans(model_pipeline, text) if lab in ("PERSON", "ORG", "STATE", "PLACE")]
    assert got == expected


def test_ambiguous_alias_resolved_by_country_context(model_pipeline):
    text = (
        "In New Zealand, the ISO was founded in Wellington. The ISO grew.\n\n"
        "In the United States, the ISO's main centre imploded in 2019."
    )
    got = [(t, a) for t, lab, a in spans(model_pipeline, text) if t == "ISO"]
    assert got[0][1] == "International Socialist Organisation (NZ)"
    assert got[-1][1] == "International Socialist Organization (US)"


def test_sources_and_columns(model_pipeline):
    ann = annotate(model_pipeline, [("a", "Donald Trump met Zorblax Quentavious in Paris."), ("b", "")])
    assert list(ann.sentences.columns) == SENTENCE_COLUMNS
    assert list(ann.tokens.columns) == TOKEN_COLUMNS
    assert list(ann.mentions.columns) == MENTION_COLUMNS
    src = dict(zip(ann.mentions["text"], ann.mentions["source"], strict=True))
    assert src["Donald Trump"] == "gazetteer"
    assert src.get("Zorblax Quentavious") == "model"  # unknown names are still found
    assert set(ann.mentions["label"]) <= set(LABELS)
    tok = ann.tokens[ann.tokens["text"] == "met"].iloc[0]
    assert tok["lemma"] == "meet" and tok["pos"] == "VERB"


def test_progress_callback_and_order(blank_pipeline):
    calls = []
    ann = annotate(blank_pipeline, [("x", "NATO."), ("y", "Russia."), ("z", "")], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert ann.mentions["doc_id"].tolist() == ["x", "y"]


def test_long_text_is_chunked_with_offsets(blank_pipeline, monkeypatch):
    # A text longer than spaCy's max_length: lowered here (as on a 2M-character text with the
    # default 1M) so the test needs a quarter of a million characters, not two million.
    monkeypatch.setattr(blank_pipeline.nlp, "max_length", 120_000)
    para = "Russia and NATO met in Moscow. " * 30 + "\n\n"
    text = para * (250_000 // len(para) + 1)
    assert len(text) > 2 * blank_pipeline.nlp.max_length
    pieces = split_for_processing(text)
    assert "".join(p for _, p in pieces) == text and len(pieces) > 1
    ann = annotate(blank_pipeline, [("big", text)])
    m = ann.mentions
    assert len(m) == text.count("Russia") + text.count("NATO") + text.count("Moscow")
    assert (m["text"] == [text[s:e] for s, e in zip(m["start"], m["end"], strict=True)]).all()
    assert m["sent_id"].is_monotonic_increasing
    assert ann.sentences["sent_id"].is_unique


def test_model_missing_falls_back_to_gazetteer():
    pipeline = load_pipeline(model="no_such_model_package_xyz")
    assert pipeline.warning and "gazetteer" in pipeline.warning
    assert pipeline.model_name == "blank"
    got = spans(pipeline, "Trump and NATO")
    assert got == [("Trump", "PERSON", "Donald Trump"), ("NATO", "ORG", "NATO")]


def test_version_changes_with_corpus_gazetteer(tmp_path):
    base = build_blank_pipeline()
    extra = tmp_path / "actors.yaml"
    extra.write_text("actors:\n- {name: Zorblax Party, type: ORG, aliases: [ZP]}\n", encoding="utf-8")
    merged = build_blank_pipeline(corpus_actors=extra)
    assert merged.version != base.version
    assert spans(merged, "The ZP won.") == [("ZP", "ORG", "Zorblax Party")]


def test_corpus_gazetteer_replaces_entry_by_name(tmp_path):
    extra = tmp_path / "actors.yaml"
    extra.write_text("actors:\n- {name: Greenland, type: STATE}\n", encoding="utf-8")
    gaz = load_gazetteer(extra)
    assert gaz.by_name["Greenland"].type == "STATE"
    assert sum(a.name == "Greenland" for a in gaz.actors) == 1
    # The Actors page's alias lookup reads the same merged list (without the lookup tables).
    actors, fingerprint = merged_actors(extra)
    assert actors == gaz.actors and fingerprint == gaz.fingerprint != load_gazetteer().fingerprint


def test_bad_gazetteer_is_refused_with_a_message(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n- {name: X, type: PLANET}\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="PLANET"):
        load_gazetteer(bad)


def test_gazetteer_is_broad():
    gaz = load_gazetteer()
    types = [a.type for a in gaz.actors]
    assert types.count("STATE") >= 190 and types.count("PERSON") >= 200 and types.count("ORG") >= 250
    for name in ("NATO", "BRICS", "International Monetary Fund", "Hamas", "Wagner Group", "BBC", "Democratic Socialists of America"):
        assert name in gaz.by_name


def test_label_table():
    gaz = load_gazetteer()
    assert map_spacy_label("GPE", "France", gaz) == "STATE"
    assert map_spacy_label("GPE", "Lyon", gaz) == "PLACE"
    assert map_spacy_label("LOC", "Black Sea", gaz) == "PLACE"
    assert map_spacy_label("NORP", "Russian", gaz) == "DEMONYM"
    assert map_spacy_label("NORP", "Communists", gaz) is None
    assert map_spacy_label("DATE", "2022", gaz) is None


def test_apostrophes_normalised():
    assert normalise_key("O’Connell") == normalise_key("O'Connell")


class TestRolesAndContextOnTheRuleLayer:
    """Mention roles and the context rules, on the blank (gazetteer-only) pipeline."""

    def test_own_organisation_and_byline_author_are_marked(self, blank_pipeline):
        text = "The Revolutionary Communist Group says NATO lies. By George O'Connell. Fight Racism! Fight Imperialism!"
        about = {"d": {"organisation": "Revolutionary Communist Group", "org_short": "RCG",
                       "publication": "Fight Racism! Fight Imperialism! no. 307", "author": "George O’Connell"}}
        m = annotate(blank_pipeline, [("d", text)], about=about).mentions
        roles = dict(zip(m["text"], m["role"], strict=True))
        assert roles == {"Revolutionary Communist Group": "self", "NATO": "",
                         "Fight Racism! Fight Imperialism!": "self"}  # the publication, its issue number aside

    def test_without_metadata_no_role(self, blank_pipeline):
        m = annotate(blank_pipeline, [("d", "The Revolutionary Communist Group says NATO lies.")]).mentions
        assert set(m["role"]) == {""}

    @pytest.mark.parametrize(("text", "label"), [
        ("The Paris Agreement was signed.", None),  # part of a work's name: no mention
        ("Protests in Paris grew.", "PLACE"),
        ("Paris said no.", "STATE"),  # without a tagger: the government unless a place cue
        ("The UN Charter forbids it.", None),
    ])
    def test_capitals_and_work_titles(self, blank_pipeline, text, label):
        first = spans(blank_pipeline, text)
        assert (first[0][1] if first else None) == label

    def test_an_ambiguous_form_with_no_evidence_says_so(self, blank_pipeline):
        assert spans(blank_pipeline, "The ISO published a statement.") == [("ISO", "ORG", "ISO (ambiguous)")]


def test_the_model_is_handed_a_bounded_number_of_characters_at_once(blank_pipeline, monkeypatch):
    # Issue 15: a 1 MB upload went to the model in one batch (pieces of 100,000 characters, 32 per
    # batch) and the server grew by ~3 GB; the model's memory follows the characters per batch.
    from lib.nlp import engine

    handed: list[int] = []
    real = blank_pipeline.nlp.pipe

    def spy(items, **kwargs):
        items = list(items)
        if kwargs.get("as_tuples"):  # (spaCy calls pipe again inside, with the texts alone)
            handed.append(sum(len(text) for text, _ in items))
        return real(items, **kwargs)

    monkeypatch.setattr(blank_pipeline.nlp, "pipe", spy)
    para = "Russia and NATO met in Moscow. " * 30 + "\n\n"
    text = para * (200_000 // len(para) + 1)
    progress: list[tuple[int, int]] = []
    ann = annotate(blank_pipeline, [("big", text), ("small", "NATO.")], char_progress=lambda d, t: progress.append((d, t)))
    assert len(handed) > 3 and max(handed) <= engine.BATCH_CHARS
    assert sum(handed) == len(text) + len("NATO.")
    m = ann.mentions
    assert len(m[m["doc_id"] == "big"]) == text.count("Russia") + text.count("NATO") + text.count("Moscow")
    assert (m["text"] == [({"big": text, "small": "NATO."}[d])[s:e]
                          for d, s, e in zip(m["doc_id"], m["start"], m["end"], strict=True)]).all()
    assert progress[-1] == (len(text) + 5, len(text) + 5) and [d for d, _ in progress] == sorted(d for d, _ in progress)


def test_token_strings_are_shared(blank_pipeline):
    ann = annotate(blank_pipeline, [("a", "NATO and NATO and NATO.")])
    nato = ann.tokens[ann.tokens["text"] == "NATO"]["text"].tolist()
    assert len(nato) == 3 and nato[0] is nato[1] is nato[2]
