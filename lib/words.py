"""The one definition of a word, used for every count and every rate.

A word is a run of letters or digits, optionally joined by an internal apostrophe
(straight or curly) or hyphen: ``don't``, ``workers’``, ``pro-Russia`` and ``2022``
are one word each; punctuation and symbols are not words. Rates "per 1,000 words"
everywhere divide by :func:`count_words` of the cleaned text, so a chart and a
metadata card can never disagree about a document's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

APOSTROPHES = "'’‘ʼ"
WORD_RE = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"\-][^\W_]+)*")


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Yield each word of ``text`` as a regex match (``.start()``, ``.group()``)."""
    return WORD_RE.finditer(text)


def count_words(text: str) -> int:
    """Return the number of words in ``text`` (see the module docstring)."""
    return sum(1 for _ in WORD_RE.finditer(text))


def is_word(token: str) -> bool:
    """True if ``token`` contains at least one letter or digit (a spaCy token that counts)."""
    return any(ch.isalnum() for ch in token)


# Built once: the normaliser runs per token. A backtick typed for an apostrophe ("O`Neill")
# is folded too, though it never joins a word.
APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES[1:] + "`"})


def normalise_apostrophes(text: str) -> str:
    """The one apostrophe normaliser: curly, modifier and backtick apostrophes become ``'``.

    ``workers’`` == ``workers'`` for terms, ``O’Neill`` == ``O'Neill`` for actor names.
    """
    return text.translate(APOSTROPHE_TABLE)


def org_key(name: str) -> str:
    """Matching key for an organisation: case-, apostrophe- and spacing-insensitive."""
    name = normalise_apostrophes(name or "").replace("'", "")
    return re.sub(r"\s+", " ", name).strip().casefold()
