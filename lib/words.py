"""The one definition of a word: counting, the words layer over tokens, normal forms.

Two views of the same idea, both here so they cannot drift apart:

* :func:`count_words` over a cleaned text (the denominator of every rate "per 1,000
  words"): a run of letters or digits, optionally joined by an internal apostrophe (straight
  or curly) or hyphen — ``don't``, ``workers’``, ``pro-Russia`` and ``2022`` are one word each.
* :func:`words_from_tokens` over the token table (terms, n-grams, concordance, search): the
  spaCy tokens written without a space between them are put back together where the join is
  *inside* a word — two letters or digits touching ("do" + "n't", "can" + "not") or a single
  hyphen between letters or digits ("secretary" + "-" + "general"). A word therefore ends
  exactly where the reference pattern ``(?<![\\w-])W(?![\\w-])`` says it does: "Russia’s" is
  "Russia" + "’s", "US-NATO" is one word, "long-" (a suspended hyphen) is no term at all.
  Actor spans keep the spaCy tokens ("US-NATO" names US and NATO).

The **normal form** of a word (what terms are counted as and queries match): apostrophes
and hyphens straightened, lower case — except acronyms written in capitals that the
vocabulary knows ("US", "NATO", "G7"), which keep them; dotted forms fold ("U.S." → "US").
Ignoring case never merges two normal forms: "US" (the country) and "us" (the pronoun)
stay apart. The vocabulary is :data:`COMMON_ACRONYMS` plus the gazetteer's aliases written
in capitals (``lib.nlp.gazetteer.acronyms``), passed in by the caller so this module stays
at the bottom of the house.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence

import numpy as np
import pandas as pd

APOSTROPHES = "'’‘ʼ"
WORD_RE = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"\-][^\W_]+)*")
#: Characters that join the parts of a hyphenated word: ASCII hyphen-minus, Unicode hyphen
#: and non-breaking hyphen (en and em dashes are punctuation between words, not inside one).
HYPHENS = "-\u2010\u2011"


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Yield each word of ``text`` as a regex match (``.start()``, ``.group()``)."""
    return WORD_RE.finditer(text)


def count_words(text: str) -> int:
    """Return the number of words in ``text`` (see the module docstring)."""
    return sum(1 for _ in WORD_RE.finditer(text))


def is_word(token: str) -> bool:
    """True if ``token`` contains at least one letter or digit."""
    return any(ch.isalnum() for ch in token)


def is_term_word(surface: str) -> bool:
    """True if a word of the words layer can be a term: it has a letter or digit and no
    dangling hyphen at either end ("long-" of "long- and short-term" is not a term)."""
    return is_word(surface) and surface[:1] not in HYPHENS and surface[-1:] not in HYPHENS


# Built once: the normaliser runs per token. A backtick typed for an apostrophe ("O`Neill")
# is folded too, though it never joins a word.
APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES[1:] + "`"})
_FORM_TABLE = str.maketrans({**{c: "'" for c in APOSTROPHES[1:] + "`"}, **{c: "-" for c in HYPHENS[1:]}})


def normalise_apostrophes(text: str) -> str:
    """The one apostrophe normaliser: curly, modifier and backtick apostrophes become ``'``.

    ``workers’`` == ``workers'`` for terms, ``O’Neill`` == ``O'Neill`` for actor names.
    """
    return text.translate(APOSTROPHE_TABLE)


def straighten(text: str) -> str:
    """Apostrophes (curly, modifier, backtick) and hyphens (Unicode hyphen, non-breaking
    hyphen) made plain ASCII; case and everything else kept (a spelling compared "as written")."""
    return text.translate(_FORM_TABLE)


def org_key(name: str) -> str:
    """Matching key for an organisation: case-, apostrophe- and spacing-insensitive."""
    name = normalise_apostrophes(name or "").replace("'", "")
    return re.sub(r"\s+", " ", name).strip().casefold()


# ---------------------------------------------------------------- normal forms

#: Acronyms that keep their capitals even when no gazetteer entry names them (the gazetteer's
#: own capitalised aliases are added by the caller). Only forms written in capitals count:
#: "Nato" and "nato" are the word "nato", "NATO" the acronym.
COMMON_ACRONYMS = frozenset({
    "US", "USA", "UK", "EU", "UN", "NATO", "USSR", "GDP", "GNP", "NGO", "IMF", "WTO", "WHO", "CIA", "FBI", "NSA",
    "NHS", "BBC", "CNN", "AI", "IT", "TV", "PR", "PM", "MP", "CEO", "CFO", "HQ", "DC", "LGBT", "LGBTQ", "HIV",
    "AIDS", "UAE", "DPRK", "PRC", "ROK", "OPEC", "BRICS", "ASEAN", "AU", "IAEA", "ICC", "ICJ", "OSCE", "OECD",
    "UNSC", "UNGA", "UNHCR", "UNICEF", "G7", "G8", "G20", "KGB", "FSB", "IDF", "PLO", "ANC", "TUC", "NUM", "RMT",
    "CPI", "VAT", "NYT", "WSWS", "ISO", "DSA", "SWP", "RCG", "WRP",
})

_DOTTED = re.compile(r"(?:[A-Z]\.){2,}|[A-Z](?:\.[A-Z])+\.?")


def _part_form(part: str, acronyms: Collection[str]) -> str:
    if part.isupper():  # every cased character a capital: "US", "G7", "NATO", "U.S."
        folded = part.replace(".", "") if _DOTTED.fullmatch(part) else part
        if folded in acronyms:
            return folded
    return part.lower()


def normal_form(surface: str, acronyms: Collection[str] = COMMON_ACRONYMS) -> str:
    """The normal form of one word (see the module docstring).

    Each hyphen-joined part is normalised on its own: "US-led" → "US-led", "Anti-NATO" →
    "anti-NATO", "Secretary-General" → "secretary-general".

    Args:
        surface: the word as written.
        acronyms: the vocabulary of acronyms that keep their capitals.
    """
    text = surface.translate(_FORM_TABLE)
    if "-" not in text:
        return _part_form(text, acronyms)
    return "-".join(_part_form(p, acronyms) for p in text.split("-"))


def has_capitals(form: str) -> bool:
    """True for a normal form that kept capitals (an acronym, or a word with one)."""
    return form != form.lower()


# ---------------------------------------------------------------- numbers, dates, months

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# 2022, 1,000, 3.5, 30%, 1940s, 13th, 2022-23, 14/02/2025, 2025-02-14, £300, $1.5bn.
_NUMERIC = re.compile(r"[£$€¥]?\d[\d,.]*(?:%|st|nd|rd|th|s|bn|m|k)?(?:[-/.–]\d[\d,.]*(?:%|st|nd|rd|th|s)?)*")


def is_numeric_word(form: str) -> bool:
    """True for a number, a date, a month or a weekday name (a normal form).

    These are left out of distinctive terms and word clouds unless the user asks for them
    (URL ``nums=1``): "2022" or "june" say when, not how an organisation writes. "may" and
    "march" are left out with the months (a modal verb that is a stop word anyway; a protest
    march is the price of "March 2022").
    """
    return bool(_NUMERIC.fullmatch(form)) or form in MONTHS or form in WEEKDAYS


# ---------------------------------------------------------------- the words layer

WORD_COLUMNS = ["doc_id", "sent_id", "i", "start", "end", "text", "norm", "lemma", "is_stop", "is_word"]


def _char_flags(chars: pd.Series) -> np.ndarray:
    """``ch.isalnum()`` of every (one-character) value, computed once per distinct value."""
    codes, uniques = pd.factorize(chars, use_na_sentinel=False)
    flags = np.fromiter((isinstance(u, str) and u.isalnum() for u in uniques), dtype=bool, count=len(uniques))
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)


def empty_words() -> pd.DataFrame:
    """A words table with :data:`WORD_COLUMNS` and no rows."""
    return pd.DataFrame({
        "doc_id": pd.Series(dtype=object), "sent_id": pd.Series(dtype="int64"), "i": pd.Series(dtype="int64"),
        "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64"), "text": pd.Series(dtype=object),
        "norm": pd.Series(dtype=object), "lemma": pd.Series(dtype=object), "is_stop": pd.Series(dtype=bool),
        "is_word": pd.Series(dtype=bool)})


# Characters that end a word even inside one token: the tokenizer leaves "people”—the",
# "and/or" and "wsws.org/contact" whole, the reference pattern does not. A comma or colon
# between digits stays ("1,000", "12:30").
_GLUE = re.compile(r"[/\\—–“”\"«»()\[\]{};!?…|]|(?<!\d)[,:]|[,:](?!\d)")


def _pieces(text: str) -> list[tuple[int, str]]:
    """``(offset, piece)`` of a token cut at glued punctuation (each punctuation mark a piece)."""
    pieces, pos = [], 0
    for m in _GLUE.finditer(text):
        if m.start() > pos:
            pieces.append((pos, text[pos:m.start()]))
        pieces.append((m.start(), m.group()))
        pos = m.end()
    if pos < len(text):
        pieces.append((pos, text[pos:]))
    return pieces


def _per_form(codes: np.ndarray, uniques: Sequence[str], test: Callable[[str], bool]) -> np.ndarray:
    """``test`` of every value, run once per distinct value."""
    flags = np.fromiter((bool(test(u)) for u in uniques), dtype=bool, count=len(uniques))
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)


def words_from_tokens(tokens: pd.DataFrame, acronyms: Collection[str] = COMMON_ACRONYMS) -> pd.DataFrame:
    """The words layer: tokens put back together into words (see the module docstring).

    Every token ends up in exactly one row, punctuation included (its ``is_word`` is False),
    so a run of consecutive word rows is a run of words with nothing between them but spaces
    — except a possessive apostrophe written against a word ending in "s" ("workers’ party"),
    which is left out: "workers’ party" is the phrase "workers party", as a reader types it.
    A token with punctuation glued inside it ("people”—the", "and/or") is cut at it first.
    Vectorised: per-token work is NumPy, per-form work runs once per distinct form.

    Args:
        tokens: token rows (``doc_id, sent_id, i, start, text``; ``lemma`` and ``is_stop``
            when present), in any order.
        acronyms: the acronyms that keep their capitals in normal forms.

    Returns:
        :data:`WORD_COLUMNS`, in document then text order: ``i`` and ``sent_id`` of the
        word's first token, ``start``/``end`` offsets of the whole word, ``text`` as written,
        ``norm`` its normal form, ``lemma`` the normal form of its lemma (a word of several
        tokens: its hyphenated parts as written and the last part's lemma; an acronym: its
        normal form; no lemma: the word's normal form), ``is_stop`` (a single token flagged
        a stop word that is not an acronym, or several tokens all flagged), ``is_word``
        (:func:`is_term_word`).
    """
    if tokens is None or len(tokens) == 0:
        return empty_words()
    n = len(tokens)
    doc = tokens["doc_id"].astype(str).to_numpy(dtype=object)
    pos = tokens["i"].to_numpy(dtype=np.int64)
    code = pd.factorize(doc, sort=True)[0]
    order = None
    if n > 1 and not ((np.diff(code) > 0) | ((np.diff(code) == 0) & (np.diff(pos) > 0))).all():
        order = np.lexsort((pos, code))

    def column(name: str, default: object, dtype: object) -> np.ndarray:
        if name not in tokens:
            return np.full(n, default, dtype=dtype)
        values = tokens[name].to_numpy(dtype=object)
        values = np.where(pd.isna(values), default, values).astype(dtype)
        return values if order is None else values[order]

    if order is not None:
        doc, pos, code = doc[order], pos[order], code[order]
    sent = column("sent_id", 0, np.int64)
    start = column("start", 0, np.int64)
    texts = column("text", "", object)
    lemmas = column("lemma", "", object)
    stop_tok = column("is_stop", False, bool)

    # Cut tokens with glued punctuation into pieces (rare: a loop over those tokens only).
    t_codes, t_uniques = pd.factorize(texts, use_na_sentinel=False)
    t_uniques = [str(u) for u in t_uniques]
    glued = np.flatnonzero(_per_form(t_codes, t_uniques, lambda u: len(u) > 1 and _GLUE.search(u) is not None))
    if len(glued):
        cut = {int(k): _pieces(str(texts[k])) for k in glued}
        count = np.ones(n, dtype=np.int64)
        for k, pieces in cut.items():
            count[k] = len(pieces)
        source = np.repeat(np.arange(n), count)
        first_row = np.cumsum(count) - count
        doc, pos, code, sent = doc[source], pos[source], code[source], sent[source]
        start, texts, lemmas, stop_tok = start[source], texts[source].copy(), lemmas[source].copy(), stop_tok[source]
        for k, pieces in cut.items():
            wordy = sum(1 for _, p in pieces if is_word(p))
            for j, (offset, piece) in enumerate(pieces):
                row = first_row[k] + j
                start[row] += offset
                texts[row], lemmas[row] = piece, ""
                stop_tok[row] = bool(stop_tok[row]) and wordy == 1 and is_word(piece)
        t_codes, t_uniques = pd.factorize(texts, use_na_sentinel=False)
        t_uniques = [str(u) for u in t_uniques]
        n = len(texts)

    length = np.fromiter((len(u) for u in t_uniques), dtype=np.int64, count=len(t_uniques))[t_codes]
    end = start + length
    first_alnum = _per_form(t_codes, t_uniques, lambda u: u[:1].isalnum())
    last_alnum = _per_form(t_codes, t_uniques, lambda u: u[-1:].isalnum())
    hyphen = _per_form(t_codes, t_uniques, lambda u: len(u) == 1 and u in HYPHENS)
    same = code[1:] == code[:-1]
    touch = same & (start[1:] == end[:-1])  # touch[k]: token k+1 starts where token k ends
    # joint[j]: token j belongs to the word of token j-1.
    joint = np.zeros(n, dtype=bool)
    joint[1:] = touch & last_alnum[:-1] & first_alnum[1:]
    if n >= 3:
        # k-1 | hyphen k | k+1, all touching, letters or digits on both sides.
        mid = hyphen[1:-1] & touch[:-1] & touch[1:] & last_alnum[:-2] & first_alnum[2:]
        hyph_at = np.flatnonzero(mid) + 1
        joint[hyph_at] = True
        joint[hyph_at + 1] = True
    # A possessive apostrophe written against a plural ("workers’ party", "States’ rights") is no
    # word and no break: its row is left out, so the phrase reads "workers party" as typed.
    possessive = np.zeros(n, dtype=bool)
    if n >= 2:
        apostrophe = _per_form(t_codes, t_uniques, lambda u: len(u) == 1 and u in APOSTROPHES)
        ends_s = _per_form(t_codes, t_uniques, lambda u: u[-1:] in ("s", "S"))
        possessive[1:] = apostrophe[1:] & touch & ends_s[:-1]
        possessive[1:-1] &= ~touch[1:]  # nothing written against it on the right
    first = np.flatnonzero(~joint)
    last = np.append(first[1:] - 1, n - 1)
    multi = np.flatnonzero(last > first)

    surface = texts[first].copy()
    lemma_raw = lemmas[first].copy()
    stop = stop_tok[first].copy()
    for w in multi:
        a, b = first[w], last[w]
        surface[w] = "".join(texts[a:b + 1])
        # Hyphenated: the last part's lemma ("non-imperialists" → "non-imperialist"); joined
        # without a hyphen ("do" + "n't"): the word as written, lower-cased.
        lemma_raw[w] = ("".join(texts[a:b]) + lemmas[b]) if hyphen[b - 1] and lemmas[b] else ""
        parts = ~hyphen[a:b + 1]
        stop[w] = bool(stop_tok[a:b + 1][parts].all()) if parts.any() else False

    # Per distinct form: normal forms, word flags.
    s_codes, s_uniques = pd.factorize(surface, use_na_sentinel=False)
    s_norm = np.asarray([normal_form(str(u), acronyms) for u in s_uniques], dtype=object)
    s_word = np.fromiter((is_term_word(str(u)) for u in s_uniques), dtype=bool, count=len(s_uniques))
    norm = s_norm[s_codes]
    caps = np.fromiter((has_capitals(f) for f in s_norm), dtype=bool, count=len(s_norm))[s_codes]
    l_codes, l_uniques = pd.factorize(lemma_raw, use_na_sentinel=False)
    l_norm = np.asarray([str(u).translate(_FORM_TABLE).lower() for u in l_uniques], dtype=object)
    lemma = l_norm[l_codes]
    lemma = np.where((lemma == "") | caps, norm, lemma)
    stop &= ~caps  # "US" is the country, never the stop word "us"

    out = pd.DataFrame({
        "doc_id": doc[first], "sent_id": sent[first], "i": pos[first], "start": start[first], "end": end[last],
        "text": surface, "norm": norm, "lemma": lemma, "is_stop": stop, "is_word": s_word[s_codes],
    })[WORD_COLUMNS]
    dropped = possessive[first]
    return out[~dropped].reset_index(drop=True) if dropped.any() else out
