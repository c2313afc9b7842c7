"""The shared vocabulary: table columns, actor types and their names, units, cache versions.

Every package imports these names from here, so a column, a label or its display name is
defined once. This module imports nothing heavy: it is read on every warm start.

Bump a version constant whenever the output of the code it names changes for the same input:
the disk cache (``lib/store/annotations.py``) then re-annotates or recounts instead of serving
old tables.
"""

from __future__ import annotations

import re
from pathlib import Path

# ---------------------------------------------------------------- cache versions
#: Version of the annotation code in ``lib/nlp/`` (rules, clean-up, canonical names).
NLP_CODE_VERSION = "7"  # 4: sentences start at every block; 5: actors in context, roles; 6: long texts in 20,000-character pieces; 7: one person written several ways, accents, local evidence for ambiguous forms
#: Version of the count code in ``lib/store/counts.py`` and of the cache layout in ``lib/store/``.
COUNTS_VERSION = "5"  # 3: terms are words of the words layer (lib.words), in normal form; 4: roles (self/author) counted apart; 5: a lemma is a stop word by its own form (not by its partition)
#: Version of the codebook coding in ``lib/analysis/positions.py`` (part of every coding's cache key).
POSITIONS_VERSION = "1"

# ---------------------------------------------------------------- files
#: The general actor gazetteer that ships with the code (a corpus may add ``actors.yaml``).
SHIPPED_ACTORS = Path(__file__).parent / "data" / "actors.yaml"
CORPUS_ACTORS = "actors.yaml"
METADATA_FILE = "metadata.csv"
#: The corpus's codebook (categories and rules of the Positions page), in the corpus folder.
CODEBOOK_FILE = "codebook.yaml"
#: What the corpus is about (title, subject, description, curator, licence), in the corpus folder; optional.
CORPUS_INFO_FILE = "corpus.yaml"

# ---------------------------------------------------------------- tables
METADATA_COLUMNS = ["id", "file", "title", "organisation", "org_short", "publication", "author", "date", "url",
                    "language", "source_note", "tags"]
DOCUMENT_COLUMNS = ["doc_id", "file", "title", "organisation", "org_short", "publication", "author", "date",
                    "date_precision", "url", "language", "encoding", "format", "source_note", "tags", "n_words",
                    "sha256", "text"]
#: ``tags`` holds a document's tags joined by this (``metadata.csv`` and the documents table).
TAG_SEPARATOR = ";"
#: Columns a corpus may lack (older metadata.csv files): the first write that fills one adds it.
OPTIONAL_METADATA_COLUMNS = ("tags",)
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "sent_id", "i", "start", "text", "lower", "lemma", "pos", "is_stop", "is_alpha"]
#: ``role``: "self" (the document's own organisation or publication), "author" (its byline
#: author) or "" — the first two are left out of who a document names unless asked for.
MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "actor", "source", "role"]
#: Mention roles a document's own names take (see ``MENTION_COLUMNS``).
OWN_ROLES = ("self", "author")
TERM_COUNT_COLUMNS = ["doc_id", "unit", "n", "term", "count", "stop_edge"]
ACTOR_COUNT_COLUMNS = ["doc_id", "actor", "label", "count", "own"]
ACTOR_TYPE_COLUMNS = ["actor", "type"]
COOC_COLUMNS = ["doc_id", "actor_a", "actor_b", "sentences", "with_demonyms"]
DOC_STAT_COLUMNS = ["doc_id", "n_sentences", "n_tokens", "mattr"]

# ---------------------------------------------------------------- units
UNITS = ("word", "lemma")  # what a term is counted as
NGRAMS = (1, 2, 3)  # term lengths in words

# ---------------------------------------------------------------- actor types
DEMONYM = "DEMONYM"
#: The types an actor can have (the gazetteer's ``type``), in display order.
ACTOR_TYPES = ("PERSON", "ORG", "STATE", "PLACE")
#: Every mention label: an actor type, or a demonym ("Russian") that evokes a state or bloc.
LABELS = (*ACTOR_TYPES, DEMONYM)
#: Display names, plural ("people") and singular ("person").
TYPE_NAMES = {"PERSON": "people", "ORG": "organisations", "STATE": "states", "PLACE": "places",
              DEMONYM: "demonyms"}
TYPE_SINGULAR = {"PERSON": "person", "ORG": "organisation", "STATE": "state", "PLACE": "place", DEMONYM: "demonym"}
#: Every spelling of a type a person may type in a URL (``types=people``, ``types=ORG``, ``types=state``).
TYPE_WORDS = {
    **{t.casefold(): t for t in LABELS},
    **{v.casefold(): k for k, v in TYPE_NAMES.items()},
    **{v.casefold(): k for k, v in TYPE_SINGULAR.items()},
    "organization": "ORG", "organizations": "ORG", "orgs": "ORG", "org": "ORG",
}

# ---------------------------------------------------------------- highlight kinds
# CSS classes of what the reader marks: the model (lib.analysis.reader) tags spans with them,
# lib.render.html styles them. Our own names: the only markup added around escaped text.
ACTOR_CLASS = "pl-actor"
SEARCH_CLASS = "pl-hit"
FOCUS_CLASS = "pl-focus"  # the chosen actor or term (Compare)
PASSAGE_CLASS = "pl-at"  # the passage an ``at=`` link points to
CURRENT_CLASS = "pl-current"  # the search hit the reader is on (Document's previous / next)
CODED_CLASS = "pl-coded"  # what a codebook rule matched in a coded sentence (Positions evidence)


def type_class(label: str) -> str:
    """CSS class of an actor type, e.g. ``pl-t-STATE``."""
    return f"pl-t-{re.sub(r'[^A-Z]', '', str(label).upper()) or 'OTHER'}"
