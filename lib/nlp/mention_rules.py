"""Clean-up and canonicalisation of named-actor mentions (the rule layer).

Input: the entities of a processed spaCy ``Doc`` (gazetteer matches from the EntityRuler
and the statistical recogniser's finds). Output: mention records that follow the annotation
conventions of ``tests/data/README.md``:

* the span is the name only (no determiner, possessive, title or role);
* hyphen/slash compounds are split into their names (the tokenizer already splits them; a
  model span that swallowed the compound is cut at the hyphen);
* spaCy labels are mapped to ours with one table (:data:`SPACY_LABELS`);
* each mention gets a canonical ``actor``: the gazetteer name, or for a person named by
  surname only, the full name used elsewhere in the same document.

The work happens in two steps because a long text is processed in chunks: per chunk,
:func:`extract_candidates` cleans spans and records what each could mean; per document,
:func:`resolve_document` picks one reading per mention using the whole document (surnames,
ambiguous aliases such as "ISO" or "Labour").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from lib.nlp.gazetteer import ALIAS, DEMONYM, SEAT, SURNAME, Gazetteer, Match, normalise_key
from lib.words import normalise_apostrophes

# THE table from spaCy's labels to ours. ``None`` = not an actor (dates, numbers, events,
# works, laws, languages...). GPE and NORP are conditional: GPE is a STATE only when the name is
# a state in the gazetteer (otherwise a city/region -> PLACE); NORP is a DEMONYM only when it
# names a state or bloc (otherwise "Communists", "Zionist", "Jewish" are ideologies or
# religions, which the conventions leave out).
SPACY_LABELS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "STATE?",  # STATE if a known state, else PLACE
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "DEMONYM?",  # DEMONYM if it names a state or bloc, else dropped
    "LANGUAGE": "DEMONYM?",  # "speak Russian" evokes the state (gold convention keeps it)
    "EVENT": None,
    "WORK_OF_ART": None,
    "LAW": None,
    "PRODUCT": None,
    "DATE": None,
    "TIME": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
}


def map_spacy_label(label: str, text: str, gaz: Gazetteer) -> str | None:
    """Our label for a spaCy entity label, or None when the span is not an actor."""
    ours = SPACY_LABELS.get(label)
    if ours == "STATE?":
        return "STATE" if any(m.actor.type == "STATE" and m.kind == ALIAS for m in gaz.lookup(text)) else "PLACE"
    if ours == "DEMONYM?":
        return "DEMONYM" if any(m.kind == DEMONYM and m.actor.type in ("STATE", "ORG", "PLACE") for m in gaz.lookup(text)) else None
    return ours


# --- word lists (data, not logic) -------------------------------------------------------------

# Titles and roles written in front of a name; the span starts after them.
TITLE_WORDS = frozenset(
    """president vice prime minister chancellor secretary general secretary-general defence defense
    foreign home interior finance state deputy premier king queen prince princess emperor pope
    ayatollah sheikh sheik emir tsar czar mr mrs ms miss dr sir dame lord lady comrade chairman
    chairwoman chair leader senator sen. rep. representative congressman congresswoman governor mayor
    ambassador envoy general gen. admiral colonel col. major captain commander marshal field
    lieutenant sergeant judge justice speaker spokesman spokeswoman spokesperson minister-president
    commissioner director chief head mp mep professor prof. saint st. former late acting
    then-president then elect president-elect comrades""".split()
)

# Leading words a recogniser drags into a span at the start of a sentence or clause.
LEADING_JUNK_POS = frozenset({"DET", "ADP", "VERB", "AUX", "ADV", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "NUM", "INTJ"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s"})

# Capitalised words that are not actors under the conventions (ideologies, movements, generic
# groups, events). Compared case-insensitively on the whole cleaned span.
NOT_ACTOR_WORDS = frozenset(
    """communist communists socialist socialists stalinist stalinists trotskyist trotskyists
    trotskyism stalinism marxism marxist marxists leninist leninism maoist maoists anarchist
    anarchists capitalism capitalist imperialism imperialist zionist zionists zionism islamist
    islamists jihadist jihadists fascist fascists fascism neo-nazi neo-nazis nazism jewish muslim
    muslims christian christians catholic catholics protestant hindu hindus buddhist sunni shia
    shiite liberals bolshevism menshevik mensheviks shachtmanites pabloite pabloites wwii ww2 wwi
    covid covid-19 coronavirus omicron holocaust far-right far-left god allah euro-atlantic
    transatlantic trans-atlantic atlanticist""".split()
)
NOT_ACTOR_PHRASES = frozenset(
    {
        "world war ii", "world war i", "world war two", "world war one", "cold war", "korean war",
        "vietnam war", "third world war", "first world war", "second world war", "great depression",
        "monopoly capitalism", "working class", "the working class", "far right", "far left",
    }
)

# Prefix before a hyphen that turns a name into an ideology label ("neo-Nazi"), not an actor.
IDEOLOGY_PREFIXES = frozenset({"neo"})

# A seat-of-government city ("Moscow", "Washington") stands for its government unless the
# context is the place itself: a visit or journey ("flew to Washington", "invite Putin to
# Washington", "a visit to Moscow"), an event held there ("a rally in Paris", "talks in
# Istanbul") or a scene-setting "In Taipei, ...". "regime change in Moscow", "elites in Kiev"
# or "talks to Pyongyang" keep the government reading.
PLACE_CUE_WORDS = frozenset({"visit", "visits", "visited", "visiting", "streets", "outside", "across", "around", "near"})
MOTION_LEMMAS = frozenset(
    """go come travel fly return move arrive invite send bring drive march head flee relocate
    live stay meet land base fill reach visit""".split()
)
EVENT_NOUNS = frozenset(
    """rally rallies protest protests demonstration demonstrations march marches summit meeting
    meetings conference talks parade visit visits trip embassy embassies office offices street
    streets square airport residents people""".split()
)
LOCATIVE_PREPOSITIONS = frozenset({"to", "in", "into", "at", "from", "near", "over"})

_URLISH = re.compile(r"(?:https?://|www\.|\.(?:org|com|net|uk|nz|info)\b|@|/\w)", re.I)
_HAS_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_HYPHENS = frozenset({"-", "–", "—", "/", "‐"})


@dataclass
class Candidate:
    """A cleaned span with everything the document step needs to choose its actor."""

    start: int
    end: int
    text: str
    label: str
    source: str  # "gazetteer" | "model"
    readings: list[Match] = field(default_factory=list)
    sent_key: int = 0  # document-wide sentence number
    place_context: bool = False  # preceded by a place cue (for seat aliases)


# --- step 1: per processed chunk -------------------------------------------------------------


def _strip(span: Span) -> Span | None:
    """Trim determiners, titles, junk and possessives from the edges of a span."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end:
        tok = doc[start]
        low = tok.lower_
        if low in DETERMINERS:
            start += 1
        elif low in TITLE_WORDS and start + 1 < end:
            start += 1
        elif low in CALENDAR_WORDS and start + 1 < end:
            start += 1  # "June NATO" from the model: the month is not part of the name
        elif tok.pos_ in LEADING_JUNK_POS and not tok.is_title and start + 1 < end:
            start += 1
        elif tok.pos_ in {"VERB", "ADP", "SCONJ", "ADV"} and tok.is_sent_start and start + 1 < end and tok.lower_ not in _PROPER_OK:
            start += 1  # "Following Hegseth": a capitalised verb opening the sentence
        elif tok.text in _HYPHENS or tok.is_punct or tok.is_space:
            start += 1
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if tok.lower_ in POSSESSIVES or tok.text in {"'s", "’s"} or tok.is_punct or tok.is_space:
            end -= 1
        else:
            break
    if start >= end:
        return None
    return doc[start:end]


# Capitalised words tagged VERB/ADP that still open names ("United", "Following" is not one).
_PROPER_OK = frozenset({"united", "democratic", "workers", "fight", "young", "free", "socialist", "national", "green", "right"})


# Lower-case particles joined to a name by a hyphen belong to it ("al-Bashir", "el-Sisi").
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "ben", "bint", "abu", "ould", "de", "da", "di", "van", "von"})


def _split_compounds(span: Span, gaz: Gazetteer) -> list[Span]:
    """Cut a span at hyphen/slash tokens when that separates names: "US-NATO" -> "US", "NATO".

    A compound is only cut when one of its parts is a name the gazetteer knows, so an unknown
    hyphenated name stays whole ("Hewlett-Packard"), and never after a name particle
    ("Omar al-Bashir").
    """
    cuts = [
        tok.i
        for tok in span
        if tok.text in _HYPHENS and not (tok.i > span.start and span.doc[tok.i - 1].lower_ in NAME_PARTICLES)
    ]
    if not cuts:
        return [span]
    parts: list[Span] = []
    begin = span.start
    for cut in cuts:
        if cut > begin:
            parts.append(span.doc[begin:cut])
        begin = cut + 1
    if begin < span.end:
        parts.append(span.doc[begin : span.end])
    if not any(gaz.lookup_exact(p.text) for p in parts):
        return [span]
    return parts


def _is_junk(text: str, *, known: bool) -> bool:
    """Spans that are never actors: no capital letter, contractions, URLs, ideology words."""
    stripped = text.strip()
    if len(stripped) < 2 and not known:
        return True
    if _URLISH.search(stripped):
        return True
    if known:
        return False
    if not _HAS_UPPER.search(stripped):
        return True  # "n't", "the working class"
    key = normalise_key(stripped)
    if key in NOT_ACTOR_PHRASES:
        return True
    words = key.split()
    if words and all(w in NOT_ACTOR_WORDS for w in words):
        return True
    if any(ch.isdigit() for ch in stripped) and not re.search(r"[A-Za-z]{2}", stripped):
        return True
    return False


def _ideology_prefixed(span: Span) -> bool:
    doc = span.doc
    i = span.start
    return i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].lower_ in IDEOLOGY_PREFIXES


def _after_role_of(span: Span) -> bool:
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TITLE_WORDS


def _after_locative_in(span: Span) -> bool:
    doc, i = span.doc, span.start
    return i >= 1 and doc[i - 1].lower_ in {"in", "near", "outside"} and len(span) <= 2


def _place_context(span: Span) -> bool:
    """True where a city name means the place rather than the government seated there."""
    doc, i = span.doc, span.start
    if i == 0:
        return False
    prev = doc[i - 1]
    if prev.lower_ in PLACE_CUE_WORDS:
        return True
    if prev.lower_ not in LOCATIVE_PREPOSITIONS or i < 2:
        return False
    before = doc[i - 2]
    if prev.lower_ == "in" and prev.is_sent_start:
        return True  # "In Taipei, the opposition ..."
    if before.pos_ in {"VERB", "AUX"} and before.lemma_.lower() in MOTION_LEMMAS:
        return True
    if before.lower_ in EVENT_NOUNS or before.lemma_.lower() in EVENT_NOUNS:
        return True
    # "invite Putin to Washington": a motion verb two words back, over the person invited.
    return i >= 3 and prev.lower_ == "to" and doc[i - 3].lemma_.lower() in MOTION_LEMMAS


def _gazetteer_candidate(span: Span, gaz: Gazetteer, *, sent_key: int, offset: int) -> Candidate | None:
    kind = span.ent_id_.split("|", 1)[0] if span.ent_id_ else ALIAS
    readings = [m for m in gaz.lookup(span.text) if m.kind == kind] or gaz.lookup(span.text)
    if not readings:
        return None
    if kind == DEMONYM and _ideology_prefixed(span):
        return None  # "neo-Nazi" is an ideology label
    label = "DEMONYM" if kind == DEMONYM else readings[0].actor.type
    start_char = span.start_char
    text = span.text
    # A matched "the" inside an alias ("the States") is still a determiner under the conventions.
    first = span[0]
    if first.lower_ == "the" and len(span) > 1 and not (first.text == "The" and readings[0].actor.name.startswith("The ")):
        sub = span[1:]
        start_char, text = sub.start_char, sub.text
    return Candidate(
        start=offset + start_char,
        end=offset + span.end_char,
        text=text,
        label=label,
        source="gazetteer",
        readings=readings,
        sent_key=sent_key,
        place_context=_place_context(span),
    )


def _model_candidates(span: Span, gaz: Gazetteer, *, sent_key: int, offset: int) -> list[Candidate]:
    out: list[Candidate] = []
    for part in _split_compounds(span, gaz):
        cleaned = _strip(part)
        if cleaned is None:
            continue
        readings = gaz.lookup_exact(cleaned.text)
        known = bool(readings)
        if _is_junk(cleaned.text, known=known):
            continue
        if known:
            kind = readings[0].kind
            label = "DEMONYM" if kind == DEMONYM else readings[0].actor.type
            if kind == DEMONYM and _ideology_prefixed(cleaned):
                continue
            source = "gazetteer"
        else:
            label = map_spacy_label(span.label_, cleaned.text, gaz)
            if label is None or label == "DEMONYM":
                continue  # an unknown NORP/LANGUAGE ("Communists") is not a state or bloc
            # A lower-case first word left after stripping is descriptive ("western Ukraine").
            if not cleaned[0].text[:1].isupper():
                continue
            # A name has a proper noun in it; "Eastern" (regions) or "Speech" is a capitalised
            # common word. (Only where the pipeline tags parts of speech.)
            if cleaned.doc.has_annotation("POS") and not any(t.pos_ == "PROPN" for t in cleaned):
                continue
            if _after_role_of(cleaned):
                continue  # "Secretary of State", "Minister of Defence": part of a role
            if label in ("PERSON", "ORG") and _after_locative_in(cleaned):
                label = "PLACE"  # "in Lyon", "in Bamako": an unknown name after "in" is a place
            source = "model"
        out.append(
            Candidate(
                start=offset + cleaned.start_char,
                end=offset + cleaned.end_char,
                text=cleaned.text,
                label=label,
                source=source,
                readings=readings,
                sent_key=sent_key,
                place_context=_place_context(cleaned),
            )
        )
    return out


# Head nouns that end an organisation's name: "Sudanese Communist Party", "US Army".
ORG_HEADS = frozenset(
    """party parties front movement union congress council group organisation organization army
    navy league federation alliance committee association institute centre center confederation
    forces force brigade battalion regiment church court assembly parliament ministry agency
    bureau corporation company bank fund foundation network coalition tendency club""".split()
)


# Month and day names are capitalised but never part of an actor's name ("24-25 June NATO").
CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def _name_token(tok) -> bool:
    """A capitalised word that can continue a name (not a title, ideology word, date or entity)."""
    return (
        tok.lower_ not in CALENDAR_WORDS
        and not tok.ent_id_  # free, or inside a model entity (the model often finds part of the name)
        and (tok.is_title or tok.is_upper)
        and tok.is_alpha
        and tok.lower_ not in TITLE_WORDS
        and tok.lower_ not in DETERMINERS
        and (tok.pos_ in {"PROPN", "NOUN", "ADJ"} or not tok.doc.has_annotation("POS"))
    )


def _merged_org_names(doc: Doc) -> list[tuple[Span, bool]]:
    """Entities with multi-word organisation names made whole (no nested mentions).

    A known name followed by capitalised words that end in an organisation head or continue
    with "of <Name>" is one ORG: "Sudanese Communist Party", "Supreme Court of Ukraine",
    "Ukrainian Gromada of Wellington", "US Army". A capitalised word just before a known
    organisation joins it too ("National Congress"). Adjacent names stay separate when nothing
    but entities sit between them ("UK Labour government" -> "UK" + "Labour").

    Returns (span, from_gazetteer) pairs; a merged name is a new, unknown organisation.
    """
    ents = list(doc.ents)
    out: list[tuple[Span, bool]] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        start, end = ent.start, ent.end
        if ent.label_ in ("DEMONYM", "STATE", "ORG", "PLACE") and ent.ent_id_:
            j = end
            while j < len(doc) and _name_token(doc[j]):
                j += 1
            extended = j > end and doc[j - 1].lower_ in ORG_HEADS
            k = j
            if (j > end or ent.label_ == "ORG") and k + 1 < len(doc) and doc[k].lower_ == "of":
                m = k + 1
                if m < len(doc) and doc[m].lower_ == "the":
                    m += 1
                n = m
                while n < len(doc) and (doc[n].is_title or doc[n].is_upper) and doc[n].is_alpha and doc[n].lower_ not in TITLE_WORDS:
                    n += 1
                if n > m:
                    j, extended = n, True
            if ent.label_ == "ORG" and start > 0 and _name_token(doc[start - 1]) and not doc[start - 1].is_sent_start:
                start -= 1
                extended = True
                j = max(j, end)
            elif ent.label_ == "ORG" and out and not out[-1][1] and out[-1][0].end == start and out[-1][0].label_ == "ORG":
                # The model's "the National" + known "Congress" -> "National Congress".
                start = out.pop()[0].start
                extended = True
                j = max(j, end)
            if extended:
                # Swallow entities inside the new span; it is one organisation.
                while i + 1 < len(ents) and ents[i + 1].start < j:
                    i += 1
                    j = max(j, ents[i].end)
                out.append((Span(doc, start, j, label="ORG"), False))
                i += 1
                continue
        out.append((ent, bool(ent.ent_id_)))
        i += 1
    return out


def _unknown_first_name(ent: Span) -> int | None:
    """Token index of a given name just before a one-word known PERSON, else None.

    Only with a tagged pipeline: the word must be a proper noun that is not a title,
    a date word or part of another entity ("President Putin" and "June Trump" do not count).
    """
    doc = ent.doc
    if ent.label_ != "PERSON" or len(ent) != 1 or ent.start == 0 or not doc.has_annotation("POS"):
        return None
    prev = doc[ent.start - 1]
    if prev.pos_ == "PROPN" and _name_token(prev) and prev.text[:1].isupper() and not prev.is_upper:
        return prev.i
    return None


def extract_candidates(doc: Doc, gaz: Gazetteer, *, offset: int = 0, sent_base: int = 0) -> list[Candidate]:
    """Clean the entities of one processed chunk into candidates.

    Args:
        doc: the processed chunk.
        gaz: the gazetteer the ruler was built from.
        offset: character offset of the chunk in the whole text.
        sent_base: number of sentences in the text before this chunk.
    """
    sent_of: dict[int, int] = {}
    for n, sent in enumerate(doc.sents):
        for tok in sent:
            sent_of[tok.i] = sent_base + n
    out: list[Candidate] = []
    for ent, known in _merged_org_names(doc):
        sent_key = sent_of.get(ent.start, sent_base)
        first_name = _unknown_first_name(ent)
        if known and first_name is not None:
            # "Tom Peters" is not the known "Peters" (Winston Peters): a different person
            # whose family name a gazetteer surname alias happens to match.
            out.extend(_model_candidates(Span(doc, first_name, ent.end, label="PERSON"), gaz,
                                         sent_key=sent_key, offset=offset))
        elif known:  # from the EntityRuler: a known actor
            cand = _gazetteer_candidate(ent, gaz, sent_key=sent_key, offset=offset)
            if cand is not None:
                out.append(cand)
        else:
            out.extend(_model_candidates(ent, gaz, sent_key=sent_key, offset=offset))
    return out


# --- step 2: per document --------------------------------------------------------------------


def _countries_by_sentence(cands: list[Candidate]) -> tuple[dict[int, Counter], Counter]:
    """Which countries each sentence (and the document) talks about, for disambiguation."""
    per_sent: dict[int, Counter] = {}
    total: Counter = Counter()
    for c in cands:
        if len({(m.actor.country, m.actor.name) for m in c.readings}) != 1:
            continue  # ambiguous mentions do not vote
        actor = c.readings[0].actor
        if actor.country:
            per_sent.setdefault(c.sent_key, Counter())[actor.country] += 1
            total[actor.country] += 1
    return per_sent, total


def _choose(c: Candidate, per_sent: dict[int, Counter], total: Counter) -> Match:
    """Pick one reading of an ambiguous form: the sentence's country, else the document's."""
    readings = c.readings
    if len(readings) == 1:
        return readings[0]
    sent = per_sent.get(c.sent_key, Counter())
    near = Counter()
    for k in (c.sent_key - 1, c.sent_key + 1):
        near.update(per_sent.get(k, Counter()))

    def score(m: Match) -> tuple[int, int, int]:
        country = m.actor.country
        return (sent.get(country, 0), near.get(country, 0), total.get(country, 0)) if country else (0, 0, 0)

    return max(readings, key=score)  # max keeps the first (gazetteer order) on ties


def _last_word(text: str) -> str:
    words = normalise_apostrophes(text).split()
    return words[-1] if words else ""


def resolve_document(cands: list[Candidate], gaz: Gazetteer) -> list[dict]:
    """Choose one label and canonical actor per candidate, using the whole document.

    Returns mention dicts with keys start, end, text, label, actor, source, sent_key, sorted
    by start; overlapping candidates keep the longest.
    """
    cands = _drop_overlaps(cands)
    per_sent, total = _countries_by_sentence(cands)

    # Full names of people in this document, by surname: "Cory Kinnunen" lets "Kinnunen" resolve.
    full_names: dict[str, str] = {}
    for c in cands:
        if c.label != "PERSON" or len(c.text.split()) < 2:
            continue
        name = c.readings[0].actor.name if c.readings else normalise_apostrophes(" ".join(c.text.split()))
        full_names.setdefault(normalise_key(_last_word(c.text)), name)
        if c.readings and c.readings[0].actor.surname:
            full_names.setdefault(normalise_key(c.readings[0].actor.surname), name)

    # Family-name-first names ("Kim Jong Un", "Lee Jae-myung"): the first word alone refers
    # to the person when no other full name in the document ends with it. First seen wins.
    for c in cands:
        if c.label == "PERSON" and len(c.text.split()) >= 2:
            name = c.readings[0].actor.name if c.readings else normalise_apostrophes(" ".join(c.text.split()))
            full_names.setdefault(normalise_key(c.text.split()[0]), name)

    out: list[dict] = []
    for c in cands:
        label, actor = c.label, None
        one_word_key = normalise_key(c.text) if len(c.text.split()) == 1 else None
        if one_word_key and one_word_key in full_names and c.label in ("PERSON", "ORG") and not _is_other_actor(c):
            label, actor = "PERSON", full_names[one_word_key]
        elif one_word_key and one_word_key in full_names and (not c.readings or c.readings[0].kind == SURNAME):
            # A surname used alone is the person named in full in the same document.
            label, actor = "PERSON", full_names[one_word_key]
        elif c.readings:
            match = _choose(c, per_sent, total)
            actor = match.actor.name
            if match.kind == DEMONYM:
                label = "DEMONYM"
            elif match.kind == SEAT and c.place_context:
                label, actor = "PLACE", match.place or c.text
            else:
                label = match.actor.type
        else:
            actor = normalise_apostrophes(" ".join(c.text.split()))
        out.append(
            {
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "label": label,
                "actor": actor,
                "source": c.source,
                "sent_key": c.sent_key,
            }
        )
    return out


def _is_other_actor(c: Candidate) -> bool:
    """A gazetteer form that names something other than a person ("Labour", "NATO")."""
    return bool(c.readings) and c.readings[0].kind != SURNAME and c.readings[0].actor.type != "PERSON"


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per region: gazetteer before model, then the longer span.

    Kept spans never overlap, so a sorted list of their starts and bisection finds the only
    neighbours that could clash (linear-logarithmic: a long text has tens of thousands).
    """
    ordered = sorted(cands, key=lambda c: (c.source != "gazetteer", -(c.end - c.start), c.start))
    starts: list[int] = []
    kept: list[Candidate] = []
    for c in ordered:
        if c.end <= c.start:
            continue
        pos = bisect.bisect_left(starts, c.start)
        if pos > 0 and kept[pos - 1].end > c.start:
            continue
        if pos < len(kept) and kept[pos].start < c.end:
            continue
        starts.insert(pos, c.start)
        kept.insert(pos, c)
    return kept
