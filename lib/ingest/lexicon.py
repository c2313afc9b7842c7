"""Is this an English word? For one decision only: joining a word broken at a line end.

A plain-text or PDF source may break "govern-" + newline + "ment"; cleaning joins the two
halves when the joined letters are a word. The vocabulary is the lemma index of the pinned
spaCy model (WordNet 3.0 base forms and irregular forms, ``lib/data/english_words.txt.gz``;
see ``lib/data/ENGLISH_WORDS.md``), and an inflected form counts when the model's own suffix
rules take it to a listed base form ("governments" → "government", "stopped" → "stop").

No spaCy here (ingest sits below nlp): the list is a plain file read once per process.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "english_words.txt.gz"
# Changing the list changes cleaned texts: change this line (the documents cache hashes this
# module's source) and bump lib.contracts.NLP_CODE_VERSION (annotations index cleaned texts).
WORDS_VERSION = "wordnet-3.0 via en_core_web_sm-3.8.0, 83,105 words"

# The suffix rules of the model's rule lemmatizer (noun, verb, adjective tables), in its order.
_SUFFIX_RULES = (
    ("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
    ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)


@functools.cache
def vocabulary() -> frozenset[str]:
    """The listed words (lower case). Empty if the file is missing: then nothing is joined."""
    try:
        return frozenset(gzip.decompress(WORDS_FILE.read_bytes()).decode("utf-8").split())
    except (OSError, EOFError, UnicodeDecodeError):
        return frozenset()


def is_english_word(word: str) -> bool:
    """True if ``word`` (letters only, any case) is in the vocabulary or inflects a word that is.

    Args:
        word: a candidate such as "government", "governments", "nonimperialist".
    """
    w = word.lower()
    if not w.isalpha() or not w.isascii():
        return False
    vocab = vocabulary()
    if w in vocab:
        return True
    for suffix, replacement in _SUFFIX_RULES:
        if len(w) > len(suffix) + 1 and w.endswith(suffix):
            base = w[: -len(suffix)] + replacement
            if base in vocab:
                return True
            # A doubled final consonant before -ed/-ing/-er/-est: "stopped" → "stop".
            if not replacement and len(base) > 2 and base[-1] == base[-2] and base[:-1] in vocab:
                return True
    return False
