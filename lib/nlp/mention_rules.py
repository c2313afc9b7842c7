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
from collections.abc import Mapping
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
    "PLACE": "PLACE",  # our own label, on names the rules build ("United Nations Headquarters")
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
    then-president then elect president-elect comrades h.e. excellency councilor councillor
    convenor convener""".split()
)
# Forms of address that belong to no particular office: "Mr. Francis" is not Pope Francis.
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "madam", "madame", "h.e."})

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

# Capitalised common nouns of institutional prose. A span the recogniser found that is made
# of nothing else ("Member States", "the Organization", "Council", "Treaty", "Armed Forces",
# "Heads of State and Government", "Main Committees") names no particular actor; inside a
# real name ("Sudanese Armed Forces", "UN Security Council") they are kept, because the name
# has a word that is not on this list.
GENERIC_NOUNS = frozenset(
    """state states member members organization organisation organizations organisations council
    councils treaty treaties force forces armed alliance allies ally government governments summit
    summits agreement agreements accord accords convention conventions charter headquarters head
    heads committee committees bureau bureaus press release releases statement statements
    demonstration demonstrations national international assembly assemblies parliament ministry
    ministries department departments conference conferences session sessions presidency
    delegation delegations party parties union commission court army navy air general high
    level secretariat office offices agency agencies programme program mission missions embassy
    embassies administration authority authorities republic kingdom federation coalition front
    movement group groups association institute board panel forum network world leaders leader
    countries country nations nation people peoples day days action week platform women youth
    community communities establishment opposition regime cabinet senate chamber declaration
    resolution resolutions constitution act law laws bill summit member-states excellencies
    excellency delegates ladies gentlemen distinguished honourable honorable minister ministers
    secretary-general president presidents prime chair bureau debate general-assembly
    sustainable development goals goal agenda parties' remarks speech speeches address message
    interview briefing report main permanent special executive standing joint""".split()
)
# Abbreviated day and month names ("Sat 25 Feb"): dates, in a span of generic words.
_CALENDAR_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun".split())
# Nouns that make a capitalised phrase the name of a work, agreement or law: "Paris
# Agreement", "UN Charter", "NATO Treaty", "United Nations Framework Convention on Climate
# Change". Names inside such a title are not mentions (as "Korean" in "Korean War").
WORK_NOUNS = frozenset(
    """agreement agreements accord accords treaty treaties charter convention conventions protocol
    protocols declaration act doctrine pact memorandum communique communiqué resolution plan""".split()
)
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "&", "a", "an"})

# Two- and three-letter abbreviations of common nouns that the recogniser tags as
# organisations ("AI tools", "the UN's SDGs", "GDP"): not actors unless the gazetteer knows them.
COMMON_ABBREVIATIONS = frozenset(
    """ai it tv pr id pc hr ceo cfo gdp gnp sdg sdgs pm mp mps ngo ngos uav uavs ict faq pdf usd
    eur gmt utc ok cop cop21 cop26 cop28 cop30 dna rna hiv aids covid lgbt lgbtq""".split()
)

# Head words that make a known name part of the name of a place or building: "United Nations
# Headquarters", "General Assembly Hall", "Westminster Bridge", "Red Square".
PLACE_HEADS = frozenset(
    """headquarters hall square building buildings bridge palace street avenue road airport station
    harbour harbor cathedral stadium park""".split()
)

# Nouns after which a seat-of-government city reads as its government: "the Kiev government",
# "regime change in Moscow", "elites in Kiev", "few in Washington".
GOVERNMENT_NOUNS = frozenset(
    """government governments regime regimes administration administrations authorities leadership
    leaders officials official elites elite establishment policymakers planners strategists hawks
    circles change few many some those rulers junta""".split()
)
# Prepositions that make a seat the other side of a relation (STATE): "talks with Moscow",
# "a response to Moscow", "disinformation from Moscow", "vetoed by Moscow", "aims of Washington".
RELATION_PREPOSITIONS = frozenset({"with", "to", "from", "by", "of", "for", "against", "between", "towards", "toward", "on", "at"})
# Words after a seat that make it a place: "in Paris on Monday", "Paris in December".
_TIME_WORDS = frozenset({"on", "last", "this", "next", "yesterday", "today", "tomorrow", "tonight", "earlier", "later"})

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
    place_context: bool = False  # a seat alias read as the city, not its government
    title_before: str = ""  # the title or honorific just before a person's name ("pope", "mr")


# --- step 1: per processed chunk -------------------------------------------------------------


def _starts_known_name(doc: Doc, start: int, end: int, gaz: Gazetteer | None) -> bool:
    """True if a known non-person name of two or three words starts at ``start`` ("General Assembly")."""
    if gaz is None:
        return False
    for n in (3, 2):
        if start + n <= end and any(m.actor.type != "PERSON" for m in gaz.lookup(doc[start : start + n].text)):
            return True
    return False


def _strip(span: Span, gaz: Gazetteer | None = None) -> Span | None:
    """Trim determiners, titles, junk and possessives from the edges of a span.

    A title word that begins a known name stays ("General Assembly of the United Nations" is
    not "Assembly of the United Nations").
    """
    doc = span.doc
    start, end = span.start, span.end
    while start < end:
        tok = doc[start]
        low = tok.lower_
        if low in DETERMINERS:
            start += 1
        elif low in TITLE_WORDS and start + 1 < end and not _starts_known_name(doc, start, end, gaz):
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
        elif tok.lower_ in _FUNCTION_WORDS and end - 1 > start:
            end -= 1  # "Climate Action and": a name does not end in a conjunction
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
    return _is_generic(words)


def _is_generic(words: list[str]) -> bool:
    """Words (lower case) that name no particular actor: titles, generic nouns, -isms, abbreviations."""
    raw = [w for w in words if w not in _FUNCTION_WORDS]
    content = [w.strip(",;:'’") for w in raw]
    content = [w for w in content if w.strip(".")]
    if not content:
        return True

    def generic(w: str) -> bool:
        bare = w.strip(".")
        return (w in TITLE_WORDS or bare in TITLE_WORDS or bare in GENERIC_NOUNS or bare in CALENDAR_WORDS
                or bare in _CALENDAR_ABBREVIATIONS or bare.isdigit())

    if all(generic(w) for w in content):
        return True  # "Member States", "Heads of State and Government", "H.E.", "Councilor"
    if len(content) == 1:
        w = content[0].strip(".")
        if w in COMMON_ABBREVIATIONS or w.endswith(("ism", "isms", "phobia")):
            return True  # "AI", "GDP", "Islamophobia"
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", content[0]):
            return True  # "H.E." without a gazetteer entry: the initials of a title
    return False


def _ideology_prefixed(span: Span) -> bool:
    doc = span.doc
    i = span.start
    return i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].lower_ in IDEOLOGY_PREFIXES


def _after_role_of(span: Span) -> bool:
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in TITLE_WORDS


def _after_locative_in(span: Span) -> bool:
    doc, i = span.doc, span.start
    return i >= 1 and doc[i - 1].lower_ in {"in", "near", "outside"} and len(span) <= 2


def _place_context(span: Span) -> bool:
    """True where a city name means the place rather than the government seated there."""
    return _seat_reading(span) == "place"


def _prev_word(doc: Doc, i: int) -> int:
    """Index of the nearest token before ``i`` that is not a space (or -1)."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _seat_reading(span: Span) -> str:
    """How a seat-of-government city is used here: ``"government"``, ``"place"`` or ``"name"``.

    The city stands for its government only where the context makes it act or be acted on:
    it is followed by a verb ("Paris insists", "Moscow has stated", "a plan that Kyiv
    rejected"), is a possessor ("Moscow's demands"), is followed by a government noun ("the
    Kiev government"), follows one ("regime change in Moscow", "few in Washington"), or is
    the other side of a relation ("talks between Washington and Moscow", "a response to
    Moscow from Washington", "vetoed by Moscow", "sided with Washington").

    It is part of a name ("name": not an actor) when a capitalised noun follows it ("Paris
    Agreement", "Paris Climate Agreement"), and the place wherever else: "in Paris on Monday",
    "meet in Washington next week", "in Kyiv and Berlin", a dateline ("NEW YORK, 12 December"),
    a list of places, a visit or journey ("invite Putin to Washington").
    """
    doc, i, j = span.doc, span.start, span.end
    nxt = doc[j] if j < len(doc) else None
    if not doc.has_annotation("POS"):
        # Without a tagger (the gazetteer-only pipeline) verbs cannot be told from nouns: the
        # city is the place only after a place cue, as far as words alone show.
        prev_i = _prev_word(doc, i)
        low = doc[prev_i].lower_ if prev_i >= 0 else ""
        if nxt is not None and nxt.is_title and nxt.lower_ in WORK_NOUNS:
            return "name"
        if low in PLACE_CUE_WORDS:
            return "place"
        return _after_preposition(doc, prev_i) if low in {"in", "at", "near", "into", "outside"} else "government"
    k = j
    while k < len(doc) and doc[k].pos_ == "ADV" and doc[k].lower_ not in _TIME_WORDS:
        k += 1  # "Paris never ended": look past adverbs for the verb
    after = doc[k] if k < len(doc) else None
    prev_i = _prev_word(doc, i)
    prev = doc[prev_i] if prev_i >= 0 else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and nxt.pos_ in ("PROPN", "NOUN") and not nxt.is_sent_start:
        if nxt.lower_ in GOVERNMENT_NOUNS:
            return "government"  # "the Kiev Government"
        if nxt.lower_ in PLACE_HEADS or nxt.lower_ in EVENT_NOUNS:
            return "place"
        return "name"  # "Paris Agreement": a work or event named after the city
    if nxt is not None and nxt.lower_ in GOVERNMENT_NOUNS:
        return "government"
    prev_i0 = _prev_word(doc, i)
    if prev_i0 >= 0 and prev_i0 == i - 1 and doc[prev_i0].pos_ == "PROPN" and doc[prev_i0].is_title \
            and not doc[prev_i0].ent_type_ and doc[prev_i0].lower_ not in TITLE_WORDS:
        return "place"  # "Central London", "East Jerusalem": a part of the city
    if nxt is not None and (nxt.text in {"'s", "’s", "'", "’"}):
        return "government"
    if after is not None and after.pos_ in ("VERB", "AUX") and after.text[:1].islower():
        return "government"
    if prev is None or doc[i].is_sent_start:
        # Opening a sentence: a dateline ("NEW YORK, 12 December", "BEIJING, May 12") or a
        # heading is the place; a subject with a verb was caught above.
        return "place"
    low = prev.lower_
    if low in PLACE_CUE_WORDS:
        return "place"
    if low in ("and", "or", ",", "to") and prev_i >= 1:
        # A list: the reading of the item before ("in Kyiv and Berlin", "from Cardiff to
        # Colchester, London to Leeds"), or of the list's preposition ("between Washington
        # and Moscow" is a relation).
        item = _prev_word(doc, prev_i)
        if item >= 0 and doc[item].ent_id_.startswith(SEAT + "|"):
            return _seat_reading(_entity_at(doc, item))
        if item >= 0 and (doc[item].ent_type_ in ("PLACE", "GPE", "LOC", "FAC")
                          or (doc[item].pos_ == "PROPN" and not doc[item].ent_type_)):
            return "place"  # listed with places, or with names nobody knows as actors
        k = item
        while k >= 0 and (doc[k].pos_ == "PROPN" or doc[k].text in {",", "and", "or"}) and doc[k].lower_ not in LOCATIVE_PREPOSITIONS:
            k -= 1
        if k >= 0 and doc[k].lower_ == "between":
            return "government"
        if k >= 0 and (doc[k].lower_ in LOCATIVE_PREPOSITIONS or doc[k].lower_ in RELATION_PREPOSITIONS):
            return _after_preposition(doc, k)
        if low != "to":
            return "government" if item >= 0 and doc[item].ent_type_ in ("STATE", "ORG", "PERSON") else "place"
    if low in LOCATIVE_PREPOSITIONS or low in RELATION_PREPOSITIONS:
        return _after_preposition(doc, prev_i)
    if prev.pos_ in ("VERB", "AUX") and prev.lemma_.lower() not in MOTION_LEMMAS:
        return "government"  # "urged Washington to handle", "condemning Moscow's"
    return "place"


def _entity_at(doc: Doc, idx: int) -> Span:
    """The entity span that contains token ``idx`` (the token alone if none)."""
    for ent in doc.ents:
        if ent.start <= idx < ent.end:
            return ent
    return doc[idx : idx + 1]


def _after_preposition(doc: Doc, p: int) -> str:
    """The reading of a seat after the preposition at ``p`` ("in", "to", "with", ...)."""
    prep = doc[p].lower_
    before_i = _prev_word(doc, p)
    before = doc[before_i] if before_i >= 0 else None
    if before is not None and (before.lower_ in GOVERNMENT_NOUNS or before.lemma_.lower() in GOVERNMENT_NOUNS):
        return "government"  # "regime change in Moscow", "elites in Kiev", "few in Washington"
    if before is not None and prep not in RELATION_PREPOSITIONS and (before.lower_ in EVENT_NOUNS or before.lemma_.lower() in EVENT_NOUNS):
        return "place"  # "a rally in Paris", "talks in Istanbul" (but "talks to Pyongyang" is a relation)
    if before is not None and before.pos_ in ("VERB", "AUX") and before.lemma_.lower() in MOTION_LEMMAS:
        return "place"  # "flew to Washington", "meet in Washington"
    if prep == "to" and before_i >= 1 and doc[_prev_word(doc, before_i)].lemma_.lower() in MOTION_LEMMAS:
        return "place"  # "invite Putin to Washington"
    if prep in RELATION_PREPOSITIONS and prep not in ("at", "on"):
        return "government"
    return "place"


_GEO_NOUNS = frozenset({"rainforest", "rainforests", "forest", "forests", "river", "basin", "delta", "jungle", "region", "valley", "desert"})


def _place_typed(span: Span) -> bool:
    """A one-word organisation name where the context wants a place: "in the Amazon", "the Amazon rainforest"."""
    doc, i, j = span.doc, span.start, span.end
    if len(span) != 1 or span.text.isupper():
        return False  # acronyms ("in the EU") keep their type
    if j < len(doc) and doc[j].lower_ in _GEO_NOUNS:
        return True
    return i >= 2 and doc[i - 1].lower_ == "the" and doc[i - 2].lower_ in {"in", "across", "into", "through", "throughout"}


def _in_work_title(span: Span) -> bool:
    """True for a name inside the title of a work or agreement: "UN Charter", "NATO Treaty",
    "United Nations Framework Convention on Climate Change", "the Charter of the United Nations"."""
    doc, j = span.doc, span.end
    seen = 0
    while j < len(doc) and seen < 5:
        tok = doc[j]
        if tok.is_title or tok.is_upper:
            if not tok.is_alpha:
                break
            if tok.lower_ in WORK_NOUNS:
                return True
        elif tok.lower_ not in ("on", "of", "for", "and"):
            break
        j += 1
        seen += 1
    i = _prev_word(doc, span.start)
    if i >= 0 and doc[i].lower_ == "the":
        i = _prev_word(doc, i)
    if i >= 1 and doc[i].lower_ == "of":
        k = _prev_word(doc, i)
        return k >= 0 and doc[k].is_title and doc[k].lower_ in WORK_NOUNS
    return False


def _title_before(span: Span) -> str:
    """The title or honorific written just before a name ("pope", "mr."), else ''."""
    doc, i = span.doc, span.start
    k = _prev_word(doc, i)
    if k < 0:
        return ""
    low = doc[k].lower_
    if low == "." and k >= 1 and doc[k - 1].lower_ + "." in HONORIFICS:
        return doc[k - 1].lower_ + "."
    return low if low in TITLE_WORDS or low in HONORIFICS else ""


def _gazetteer_candidate(span: Span, gaz: Gazetteer, *, sent_key: int, offset: int) -> Candidate | None:
    kind = span.ent_id_.split("|", 1)[0] if span.ent_id_ else ALIAS
    readings = [m for m in gaz.lookup(span.text) if m.kind == kind] or gaz.lookup(span.text)
    if not readings:
        return None
    if _ideology_prefixed(span):
        return None  # "neo-Nazi", "neo-Nazis": an ideology label, whatever form matched
    reading = _seat_reading(span) if kind == SEAT else ""
    if reading == "name":
        return None  # "Paris Agreement": the city names a work or event, not an actor
    if kind in (ALIAS, SEAT) and readings[0].actor.type != "PERSON" and _in_work_title(span):
        return None  # "UN Charter", "NATO Treaty": a name inside the title of a work
    label = "DEMONYM" if kind == DEMONYM else readings[0].actor.type
    if label == "ORG" and kind == ALIAS and _place_typed(span):
        readings = []  # "in the Amazon": the forest, not the company
        label = "PLACE"
    # The span is the name only: a matched "the" inside an alias ("the States") is still a
    # determiner, and a title inside a person's alias ("Pope Francis", "Sir Keir Starmer") is
    # still a title.
    sub = span
    first = span[0]
    if first.lower_ == "the" and len(span) > 1 and not (readings and first.text == "The" and readings[0].actor.name.startswith("The ")):
        sub = span[1:]
    while label == "PERSON" and len(sub) > 1 and (sub[0].lower_ in TITLE_WORDS or sub[0].lower_ in HONORIFICS):
        sub = sub[1:]
    title = _title_before(sub) if label == "PERSON" else ""
    return Candidate(
        start=offset + sub.start_char,
        end=offset + span.end_char,
        text=sub.text,
        label=label,
        source="gazetteer",
        readings=readings,
        sent_key=sent_key,
        place_context=reading == "place",
        title_before=title,
    )


def _model_candidates(span: Span, gaz: Gazetteer, *, sent_key: int, offset: int) -> list[Candidate]:
    out: list[Candidate] = []
    for part in (p for line in _split_lines(span) for p in _split_compounds(line, gaz)):
        cleaned = _strip(part, gaz)
        if cleaned is None:
            continue
        readings = gaz.lookup_exact(cleaned.text)
        known = bool(readings)
        if _is_junk(cleaned.text, known=known):
            continue
        if not known and _glued_to_slash(cleaned):
            continue  # "ENV/DEV/1659": part of a document symbol or path
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
            head = gaz.lookup_exact(cleaned[0].text) if len(cleaned) > 1 else []
            if head and head[0].kind != SURNAME and _is_generic([t.lower_ for t in cleaned[1:]]):
                # "French Presidency of the Conference": a known name followed by generic
                # nouns only; the known name is the mention.
                kind = head[0].kind
                out.append(Candidate(start=offset + cleaned[0].idx, end=offset + cleaned[0].idx + len(cleaned[0].text),
                                     text=cleaned[0].text, label="DEMONYM" if kind == DEMONYM else head[0].actor.type,
                                     source="gazetteer", readings=head, sent_key=sent_key))
                continue
            # A lower-case first word left after stripping is descriptive ("western Ukraine").
            if not cleaned[0].text[:1].isupper():
                continue
            # A name has a proper noun in it; "Eastern" (regions) or "Speech" is a capitalised
            # common word. (Only where the pipeline tags parts of speech.)
            if cleaned.doc.has_annotation("POS") and not any(t.pos_ == "PROPN" for t in cleaned):
                continue
            if _after_role_of(cleaned):
                continue  # "Secretary of State", "Commissioner for Climate Action": part of a role
            if _in_title_case_line(cleaned) and not all(t.pos_ == "PROPN" for t in cleaned if t.is_alpha):
                continue  # "Secretary-General Hails History-Making Ceremony": a headline's capitals
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
                place_context=_place_context(cleaned) if any(m.kind == SEAT for m in readings) else False,
                title_before=_title_before(cleaned) if label == "PERSON" else "",
            )
        )
    return out


def _glued_to_slash(span: Span) -> bool:
    text, a, b = span.doc.text, span.start_char, span.end_char
    return (b < len(text) and text[b] == "/" and b + 1 < len(text) and text[b + 1].isalnum()) or (
        a > 0 and text[a - 1] == "/" and a > 1 and text[a - 2].isalnum())


def _split_lines(span: Span) -> list[Span]:
    """Cut a span at line breaks: a name never runs from one line or paragraph into the next."""
    doc = span.doc
    parts: list[Span] = []
    begin = span.start
    for tok in span:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            end = tok.i if "\n" in tok.text else tok.i + 1
            if end > begin:
                parts.append(doc[begin:end])
            begin = tok.i + 1
    if begin < span.end:
        parts.append(doc[begin : span.end])
    return parts


def _in_title_case_line(span: Span) -> bool:
    """True inside a line whose words are mostly capitalised (a headline in title case)."""
    doc = span.doc
    lo, hi = span.start, span.end
    while lo > 0 and "\n" not in doc[lo - 1].text and "\n" not in doc[lo - 1].whitespace_:
        lo -= 1
    while hi < len(doc) and "\n" not in doc[hi].text and "\n" not in doc[hi - 1].whitespace_:
        hi += 1
    words = [t for t in doc[lo:hi] if t.is_alpha and len(t) > 3]
    return len(words) >= 5 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


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
            if j > end and doc[j - 1].lower_ in PLACE_HEADS and ent.label_ != "PLACE":
                # "United Nations Headquarters", "Westminster Bridge": a place named after an actor.
                while i + 1 < len(ents) and ents[i + 1].start < j:
                    i += 1
                out.append((Span(doc, start, j, label="PLACE"), False))
                i += 1
                continue
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
    if ent.label_ not in ("PERSON", "DEMONYM") or len(ent) != 1 or ent.start == 0 or not doc.has_annotation("POS"):
        return None
    if ent.label_ == "DEMONYM":
        # "Lindsey German said": a demonym that is a family name is followed by what a person
        # does (a verb, a possessive) or ends the clause, never by the noun it qualifies.
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and not (nxt.pos_ in ("VERB", "AUX") or nxt.text in {"'s", "’s", ",", ".", ";", ":", ")"}):
            return None
    prev = doc[ent.start - 1]
    if ent.label_ == "DEMONYM" and prev.is_sent_start:
        return None  # "Then German troops": a capitalised first word is no given name
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
    out += _subtoken_candidates(doc, gaz, sent_of, offset=offset, sent_base=sent_base)
    out += _titled_name_parts(doc, out, sent_of, offset=offset, sent_base=sent_base)
    _people_in_lists(doc, out, offset=offset)
    return out


_PIECE = re.compile(r"[^-/–‐]+")


def _subtoken_candidates(doc: Doc, gaz: Gazetteer, sent_of: dict[int, int], *, offset: int,
                         sent_base: int) -> list[Candidate]:
    """Names inside one token joined by a hyphen or slash: "U.S.-Russia" -> "U.S." + "Russia".

    The tokenizer keeps some compounds whole (a dotted acronym before a hyphen); the
    conventions split them into their names. Only pieces the gazetteer knows, written with a
    capital, count; a piece after "neo-" or a name particle ("al-") does not.
    """
    out: list[Candidate] = []
    for tok in doc:
        if tok.ent_type_ or len(tok.text) < 4 or not any(h in tok.text for h in "-/–‐"):
            continue
        pieces = list(_PIECE.finditer(tok.text))
        if len(pieces) < 2:
            continue
        for n, m in enumerate(pieces):
            piece = m.group()
            if not piece[:1].isupper():
                continue
            if n > 0 and pieces[n - 1].group().lower() in IDEOLOGY_PREFIXES | NAME_PARTICLES:
                continue
            readings = gaz.lookup_exact(piece)
            if not readings or readings[0].kind == SURNAME:
                continue
            kind = readings[0].kind
            label = "DEMONYM" if kind == DEMONYM else readings[0].actor.type
            out.append(Candidate(start=offset + tok.idx + m.start(), end=offset + tok.idx + m.end(), text=piece,
                                 label=label, source="gazetteer", readings=readings,
                                 sent_key=sent_of.get(tok.i, sent_base)))
    return out


def _titled_name_parts(doc: Doc, cands: list[Candidate], sent_of: dict[int, int], *, offset: int,
                       sent_base: int) -> list[Candidate]:
    """A part of a full name used after a title when the recogniser missed it: "Secretary-General Ban".

    Only words of a person named in full in the same chunk ("Ban Ki-moon"), only right after
    a title or form of address, and only where no other candidate covers them; the document
    step then resolves them to that full name.
    """
    parts: set[str] = set()
    for c in cands:
        words = c.text.split()
        if c.label == "PERSON" and len(words) >= 2:
            parts.update({normalise_key(words[0]), normalise_key(words[-1])})
    if not parts:
        return []
    taken = [(c.start - offset, c.end - offset) for c in cands]
    out: list[Candidate] = []
    for tok in doc:
        if tok.ent_type_ or not tok.is_title or tok.lower_ not in parts or tok.i == 0:
            continue
        k = _prev_word(doc, tok.i)
        if k < 0 or (doc[k].lower_ not in TITLE_WORDS and doc[k].lower_ not in HONORIFICS):
            continue
        a, b = tok.idx, tok.idx + len(tok.text)
        if any(s < b and a < e for s, e in taken):
            continue
        out.append(Candidate(start=offset + a, end=offset + b, text=tok.text, label="PERSON", source="model",
                             sent_key=sent_of.get(tok.i, sent_base), title_before=doc[k].lower_))
    return out


def _people_in_lists(doc: Doc, cands: list[Candidate], *, offset: int) -> None:
    """An unknown name the recogniser called an organisation, listed between people, is a person.

    "celebrities, including Riz Ahmed, Paloma Faith and Steve Coogan": the middle name is
    relabelled PERSON when the names on both sides of it are people and only a comma or
    "and" separates them.
    """
    ordered = sorted(cands, key=lambda c: c.start)
    text = doc.text

    def joined(a: Candidate, b: Candidate) -> bool:
        between = text[a.end - offset : b.start - offset].strip()
        return between in {",", "and", ", and", "&"}

    for n in range(1, len(ordered) - 1):
        c, before, after = ordered[n], ordered[n - 1], ordered[n + 1]
        if c.source != "model" or c.readings or c.label != "ORG" or not 2 <= len(c.text.split()) <= 3:
            continue
        if any(w.lower() in ORG_HEADS or w.lower() in GENERIC_NOUNS for w in c.text.split()):
            continue
        if before.label == "PERSON" and after.label == "PERSON" and joined(before, c) and joined(c, after):
            c.label = "PERSON"


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


#: Suffix of the actor given to a form the document does not settle ("ISO (ambiguous)").
AMBIGUOUS = " (ambiguous)"


def _local_countries(c: Candidate, same_sentence: list[Candidate], text: str | None) -> Counter:
    """Countries that speak for one reading of an ambiguous form from right beside it.

    A country (or an actor of one) written next to the form, with at most a few characters
    and no sentence punctuation between ("New Zealand's ISO", "the ISO in New Zealand", "In
    the United States, the ISO", "UK Labour"), and organisations and people of a country
    named in the same sentence ("DSA and ex-ISO members"). A state merely discussed in the
    sentence ("the threats from the US") is weaker evidence than the document's own full name
    of the organisation, so it does not count here.
    """
    local: Counter = Counter()
    for o in same_sentence:
        if o is c or not o.readings or len({(m.actor.country, m.actor.name) for m in o.readings}) != 1:
            continue
        actor = o.readings[0].actor
        if not actor.country:
            continue
        if actor.type in ("ORG", "PERSON") and o.readings[0].kind != DEMONYM:
            local[actor.country] += 1
        elif text is not None:
            gap = text[o.end : c.start] if o.end <= c.start else text[c.end : o.start]
            if len(gap) <= 10 and not re.search(r"[.!?;:\n]", gap):
                local[actor.country] += 1
    return local


def _choose(c: Candidate, per_sent: dict[int, Counter], total: Counter, *, in_document: Counter,
            home: set[str], local: Counter | None = None) -> Match | None:
    """Pick one reading of an ambiguous form, or None when nothing in the document supports one.

    Evidence, strongest first: countries right beside the mention or of the organisations
    and people of its sentence (``local``, :func:`_local_countries`); a reading named
    unambiguously elsewhere in the document (its full name or another form only it has); the
    countries named in the mention's own sentence; the document's own organisation or
    country (``home``); the countries of the neighbouring sentences and of the whole document.
    """
    local = local or Counter()
    readings = c.readings
    if len({m.actor.name for m in readings}) == 1:
        return readings[0]
    sent = per_sent.get(c.sent_key, Counter())

    def best(score) -> Match | None:
        scores = [score(m) for m in readings]
        top = max(scores)
        winners = [m for m, v in zip(readings, scores) if v == top]
        return winners[0] if top > 0 and len({m.actor.name for m in winners}) == 1 else None

    near = Counter()
    for k in (c.sent_key - 1, c.sent_key + 1):
        near.update(per_sent.get(k, Counter()))
    for score in (
        lambda m: local.get(m.actor.country, 0) if m.actor.country else 0,
        lambda m: in_document.get(m.actor.name, 0),
        lambda m: sent.get(m.actor.country, 0) if m.actor.country else 0,
        lambda m: int(m.actor.country in home or m.actor.name in home),
        lambda m: near.get(m.actor.country, 0) if m.actor.country else 0,
        lambda m: total.get(m.actor.country, 0) if m.actor.country else 0,
    ):
        chosen = best(score)
        if chosen is not None:
            return chosen
    return None


def _last_word(text: str) -> str:
    words = normalise_apostrophes(text).split()
    return words[-1] if words else ""


def _initials(name: str) -> set[str]:
    """Acronyms a name may be shortened to: "Central Election Commission" -> {"CEC"}, "Ministry
    of Foreign Affairs" -> {"MFA", "MOFA"}."""
    words = [w for w in re.findall(r"[^\W\d_]+", name)]
    if len(words) < 2:
        return set()
    every = "".join(w[0] for w in words).upper()
    main = "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS).upper()
    return {every, main}


def _about_keys(about: Mapping[str, str] | None, gaz: Gazetteer) -> tuple[set[str], set[str], set[str]]:
    """What the document says about itself: keys of its own names, its author, and its home.

    Returns ``(self_keys, author_keys, home)``: normalised forms of the organisation, its
    short name and the publication plus the canonical names the gazetteer gives them; the
    author's full name; the organisation's and publication's countries and canonical names.
    """
    self_keys: set[str] = set()
    author_keys: set[str] = set()
    home: set[str] = set()
    if not about:
        return self_keys, author_keys, home
    for field_name in ("organisation", "org_short", "publication"):
        value = str(about.get(field_name) or "").strip()
        # "Fight Racism! Fight Imperialism! no. 307": the publication, not its issue.
        value = re.sub(r"[\s,]*(?:no\.?|issue|vol\.?|volume|#)\s*\d+\b.*$", "", value, flags=re.I).strip()
        if not value or value.lower() == "unknown":
            continue
        self_keys.add(normalise_key(value))
        for m in gaz.lookup(value):
            self_keys.add(normalise_key(m.actor.name))
            home.add(m.actor.name)
            if m.actor.country:
                home.add(m.actor.country)
    author = str(about.get("author") or "").strip()
    for name in re.split(r"\s*(?:,|;|\band\b|&)\s*", author):
        if len(name.split()) >= 2:
            author_keys.add(normalise_key(name))
    return self_keys, author_keys, home


def _role(label: str, actor: str, text: str, self_keys: set[str], author_keys: set[str]) -> str:
    """``"self"`` for the document's own organisation or publication, ``"author"`` for its byline author."""
    if normalise_key(actor) in self_keys or normalise_key(text) in self_keys:
        return "self"
    if label == "PERSON" and author_keys:
        key = normalise_key(actor)
        if key in author_keys or any(a.split()[-1] == key.split()[-1] and len(key.split()) == 1 for a in author_keys):
            return "author"
    return ""


def _title_word(actor_name: str) -> str:
    """The title a person's canonical name starts with ("pope" for "Pope Francis"), else ''."""
    first = actor_name.split()[0].lower() if actor_name.split() else ""
    return first if first in TITLE_WORDS and len(actor_name.split()) > 1 else ""


def _person_alias_ok(c: Candidate, match: Match, named_in_full: set[str]) -> bool:
    """Whether a one-word alias ("Francis") may stand for its famous bearer here.

    Never after a form of address or another office's title ("Mr. Francis" is not Pope
    Francis); for a person known by title and name, only with that title or the full name
    in the document ("Pope Francis ... Francis").
    """
    actor = match.actor
    if actor.type != "PERSON" or match.kind != ALIAS or len(c.text.split()) != 1:
        return True
    if actor.surname and normalise_key(actor.surname) == normalise_key(c.text):
        return True  # the family name: "Trump", "Mr. Trump"
    own_title = _title_word(actor.name)
    before = c.title_before.rstrip(".")
    if before and (before + "." in HONORIFICS or before in HONORIFICS) and before != own_title:
        return False
    if own_title:
        return before == own_title or actor.name in named_in_full
    return True


def resolve_document(cands: list[Candidate], gaz: Gazetteer, *, about: Mapping[str, str] | None = None,
                     text: str | None = None) -> list[dict]:
    """Choose one label and canonical actor per candidate, using the whole document.

    Args:
        cands: the candidates of every chunk of one document.
        gaz: the gazetteer.
        about: what the document's metadata says about it (``organisation``, ``org_short``,
            ``publication``, ``author``): its own names are marked ``role="self"``, its byline
            author ``role="author"``, and its organisation's country decides between readings
            of an ambiguous form when its text does not.
        text: the document's text (offsets of the candidates index it). With it, one person
            written several ways in the document is one actor (:func:`_link_people`).

    Returns mention dicts with keys start, end, text, label, actor, source, sent_key, role,
    sorted by start; overlapping candidates keep the longest.
    """
    cands = _drop_overlaps(cands)
    per_sent, total = _countries_by_sentence(cands)
    self_keys, author_keys, home = _about_keys(about, gaz)

    # Actors named unambiguously in this document (full names, forms only one actor has).
    in_document: Counter = Counter()
    named_in_full: set[str] = set()
    for c in cands:
        if c.readings and len({m.actor.name for m in c.readings}) == 1:
            in_document[c.readings[0].actor.name] += 1
            actor_name = c.readings[0].actor.name
            if len(c.text.split()) >= 2 or (c.title_before and c.title_before.rstrip(".") == _title_word(actor_name)):
                named_in_full.add(actor_name)  # "Pope Francis" in full, or "Pope" + "Francis"

    # Full names of people in this document, by surname: "Cory Kinnunen" lets "Kinnunen" resolve.
    full_names: dict[str, str] = {}
    for c in cands:
        if c.label != "PERSON" or len(c.text.split()) < 2:
            continue
        name = c.readings[0].actor.name if c.readings else _known_spelling(c.text, gaz)
        full_names.setdefault(normalise_key(_last_word(c.text)), name)
        if c.readings and c.readings[0].actor.surname:
            full_names.setdefault(normalise_key(c.readings[0].actor.surname), name)

    # Family-name-first names ("Kim Jong Un", "Lee Jae-myung"): the first word alone refers
    # to the person when no other full name in the document ends with it. First seen wins.
    for c in cands:
        if c.label == "PERSON" and len(c.text.split()) >= 2:
            name = c.readings[0].actor.name if c.readings else _known_spelling(c.text, gaz)
            full_names.setdefault(normalise_key(c.text.split()[0]), name)

    # Acronyms of unknown organisation names in this document: "CEC" is the "Central
    # Election Commission", "MOFA" the "Ministry of Foreign Affairs".
    acronyms: dict[str, str] = {}
    for c in cands:
        if c.label == "ORG" and not c.readings and len(c.text.split()) >= 2:
            for acr in _initials(c.text):
                acronyms.setdefault(acr, normalise_apostrophes(" ".join(c.text.split())))

    by_sentence: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault(c.sent_key, []).append(c)

    out: list[dict] = []
    for c in cands:
        label, actor = c.label, None
        one_word_key = normalise_key(c.text) if len(c.text.split()) == 1 else None
        readings = c.readings
        if readings and one_word_key and not all(_person_alias_ok(c, m, named_in_full) for m in readings if m.actor.type == "PERSON"):
            readings = [m for m in readings if m.actor.type != "PERSON"]  # "Mr. Francis" is not Pope Francis
            label = "PERSON"
        if one_word_key and one_word_key in full_names and label in ("PERSON", "ORG") and not (readings and _is_other_actor(c)):
            label, actor = "PERSON", full_names[one_word_key]
        elif one_word_key and one_word_key in full_names and (not readings or readings[0].kind == SURNAME):
            # A surname used alone is the person named in full in the same document.
            label, actor = "PERSON", full_names[one_word_key]
        elif readings:
            match = _choose(Candidate(c.start, c.end, c.text, c.label, c.source, readings, c.sent_key), per_sent,
                            total, in_document=in_document, home=home,
                            local=_local_countries(c, by_sentence.get(c.sent_key, []), text))
            if match is None:
                types = {m.actor.type for m in readings}
                label = "DEMONYM" if readings[0].kind == DEMONYM else (types.pop() if len(types) == 1 else readings[0].actor.type)
                actor = normalise_apostrophes(" ".join(c.text.split())) + AMBIGUOUS
            else:
                actor = match.actor.name
                if match.kind == DEMONYM:
                    label = "DEMONYM"
                elif match.kind == SEAT and c.place_context:
                    label, actor = "PLACE", match.place or c.text
                else:
                    label = match.actor.type
        elif c.label == "ORG" and c.text.isupper() and c.text.strip() in acronyms:
            actor = acronyms[c.text.strip()]
        elif c.label == "ORG" and _inverted_name(c.text, gaz):
            actor = _inverted_name(c.text, gaz)
        elif c.label == "PERSON" and len(c.text.split()) >= 2:
            actor = _known_spelling(c.text, gaz)
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
                "role": _role(label, actor, c.text, self_keys, author_keys),
                "known": bool(readings),
            }
        )
    if text is not None:
        out = _link_people(out, text)
        for m in out:
            m["role"] = _role(m["label"], m["actor"], m["text"], self_keys, author_keys)
    for m in out:
        del m["known"]
    return out


# "Mohammed al-Masri, commonly known as Mohammed Deif", "Al-Masri (known as Deif)".
_KNOWN_AS = re.compile(
    r"\s*,?\s*\(?\s*(?:(?:also|commonly|more commonly|better|best|widely|popularly|otherwise|simply)\s+)?"
    r"(?:known|referred to)\s+as\s*[\"“‘']?\s*$|\s*,?\s*\(?\s*(?:a\.k\.a\.?|aka|alias)\s+$",
    re.IGNORECASE,
)
# An editor's bracketed given name just before the family name: "President [of Russia,
# Vladimir] Putin", "Prime Minister [Denys] Shmyhal".
_BRACKETED_GIVEN_NAME = re.compile(r"\[(?:[^\[\]\n]{0,60}?[,\s])?([A-Z][^\W\d_]+(?:[-'’][A-Za-z][^\W\d_]*)?)\]\s+$")


def _link_people(out: list[dict], text: str) -> list[dict]:
    """One actor for one person written several ways in the same document.

    * an unknown full name and a longer one with the same first and last word ("Mohammed
      al-Masri", "Mohammed Diab Ibrahim Al-Masri"), or the same name with other accents
      or capitals, are the longer (first written) name;
    * "A, known as B" (also "commonly known as", "aka", "alias"): A is B (the gazetteer's
      person where one of the two is known, else the name the person is known by);
    * an editor's bracketed given name before a family name ("[of Russia, Vladimir] Putin",
      "[Denys] Shmyhal") is that person, found or added as a mention.
    """
    people = [m for m in out if m["label"] == "PERSON"]
    merge: dict[str, str] = {}

    def find(actor: str) -> str:
        seen = set()
        while actor in merge and actor not in seen:
            seen.add(actor)
            actor = merge[actor]
        return actor

    # Variants of an unknown full name.
    full = [m for m in people if len(m["text"].split()) >= 2]
    for m in full:
        if m["known"]:
            continue
        words = [normalise_key(w) for w in m["text"].split()]
        same = {o["actor"] for o in full if o["actor"] != m["actor"] and normalise_key(o["text"]) == " ".join(words)
                and o["start"] < m["start"]}
        longer = {o["actor"] for o in full
                  if len(o["text"].split()) > len(words)
                  and normalise_key(o["text"].split()[0]) == words[0] and normalise_key(o["text"].split()[-1]) == words[-1]}
        target = same or longer
        if len(target) == 1:
            merge.setdefault(m["actor"], target.pop())

    # "A, known as B".
    for a, b in zip(people, people[1:]):
        if a["end"] <= b["start"] and _KNOWN_AS.fullmatch(text[a["end"] : b["start"]]):
            src, dst = find(a["actor"]), find(b["actor"])
            if a["known"] and not b["known"]:
                src, dst = dst, src
            if src != dst:
                merge[src] = dst

    # Bracketed given names.
    added: list[dict] = []
    for m in out:
        if m["label"] != "PERSON":
            continue
        found = _BRACKETED_GIVEN_NAME.search(text, max(0, m["start"] - 80), m["start"])
        if not found:
            continue
        a, b = found.span(1)
        given = [o for o in out if o["start"] < b and a < o["end"]]
        if given and all(o["label"] in ("PERSON", "ORG") and o["text"] == found.group(1) for o in given):
            for o in given:
                o["label"], o["actor"] = "PERSON", m["actor"]
                o["linked_to"] = m
        elif not given:
            added.append({"start": a, "end": b, "text": found.group(1), "label": "PERSON", "actor": m["actor"],
                          "source": "model", "sent_key": m["sent_key"], "role": "", "known": False, "linked_to": m})
    out = sorted(out + added, key=lambda m: m["start"])

    for m in out:
        if m["label"] == "PERSON":
            linked = m.pop("linked_to", None)
            m["actor"] = find(linked["actor"] if linked is not None else m["actor"])
    return out


_OF_NAME = re.compile(r"(.+?)\s+of\s+(?:the\s+)?(.+)", re.IGNORECASE)


def _inverted_name(text: str, gaz: Gazetteer) -> str:
    """The known organisation an "X of (the) Y" name spells the other way round, else ''.

    "General Assembly of the United Nations" is the "United Nations General Assembly", and
    "Security Council of the United Nations" the "United Nations Security Council": only
    when that form is a gazetteer name of one organisation.
    """
    m = _OF_NAME.fullmatch(normalise_apostrophes(" ".join(text.split())))
    if not m:
        return ""
    readings = {r.actor.name for r in gaz.lookup(f"{m.group(2)} {m.group(1)}") if r.kind == ALIAS and r.actor.type == "ORG"}
    return readings.pop() if len(readings) == 1 else ""


def _known_spelling(text: str, gaz: Gazetteer) -> str:
    """A full name, or the known person it spells another way ("Anthony Blinken" -> "Antony Blinken").

    Only when the family name is a known person's and the given names agree on their first
    three letters; otherwise the name as written.
    """
    name = normalise_apostrophes(" ".join(text.split()))
    words = name.split()
    if len(words) < 2:
        return name
    for m in gaz.lookup(words[-1]):
        if m.kind == SURNAME and m.actor.type == "PERSON":
            known_first = m.actor.name.split()[0]
            if known_first[:3].lower() == words[0][:3].lower() and len(m.actor.name.split()) == len(words):
                return m.actor.name
    return name


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
