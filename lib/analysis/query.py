"""The query language of the concordance, the Document search and Compare's highlight.

One query, one meaning everywhere (``../shared/DESIGN.md``, "Words, normal forms and queries"):

* ``war``, ``proxy war`` — a word or phrase, matched on normal forms (:mod:`lib.words`):
  ``US`` finds the country, never the pronoun "us"; ``U.S.`` is ``US``; curly and straight
  apostrophes are alike. A phrase is consecutive words inside one sentence with nothing but
  spaces between them, and matches its own spelling only: ``secretary general`` does not
  find "secretary-general" (one word).
* ``provok*``, ``organi?ation`` — ``*`` (any run of characters) and ``?`` (one character)
  inside a word. The pattern keeps capitals only when typed in capitals (``NAT*`` finds
  "NATO", ``nat*`` finds "nato", "national").
* ``lemma:go`` — every form whose lemma is "go" ("went", "going"); per word of a phrase.
* ``case=1`` — match the spelling exactly as written (capitals included) instead of the
  normal form.
* ``re:pattern`` — a regular expression per word (space-separated words make a phrase),
  matched against the whole normal form (with ``case=1``: the spelling as written).

Invalid or too broad: :class:`QueryError` with a message in plain words, or a
:class:`Concordance` whose message gives the true total and says what was listed. Regular
expressions run with a time limit (the ``regex`` package), so no query hangs a page.

No Streamlit here: the Terms, Document and Compare pages and ``python -m lib kwic`` all use it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import regex

from lib.nlp.gazetteer import acronym_form
from lib.store.term_index import TermIndex
from lib.words import HYPHENS, straighten

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
#: Concordance lines built at most (what the page lists and its CSV holds); the total is counted beyond it.
MAX_LINES = 5_000
#: Documents whose tokens a page reads for the lines it shows (the total comes from the counts).
PAGE_DOCS = 100
#: The CSV of a concordance, made on click: at most this many lines, in at most this many seconds.
CSV_LINES = 100_000
CSV_SECONDS = 60.0
DEFAULT_WIDTH = 8  # words of context on each side
MAX_WIDTH = 40
#: Time one query may spend matching forms and reading documents (seconds), on a page.
TIME_LIMIT = 8.0
_REGEX_TIMEOUT = 0.25  # one regular-expression match (seconds)
_BATCH_DOCS = 64  # documents read at a time

SORT_KEYS = ("1L", "2L", "node", "1R", "2R", "doc", "date")
SORT_NAMES = {"1L": "1st word left", "2L": "2nd word left", "node": "the match", "1R": "1st word right",
              "2R": "2nd word right", "doc": "document", "date": "date"}
_LEGACY_SORT = {"position": [], "left": ["1L"], "right": ["1R"]}  # addresses written before these keys
LINE_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right", "L2", "L1", "node", "R1", "R2"]
RECORD_FIELDS = ["corpus_version", "doc_id", "organisation", "date", "start", "end", "left", "node", "right"]

NORM, LEMMA, TEXT = "norm", "lemma", "text"
_FIELD_UNIT = {NORM: "word", LEMMA: "lemma"}
# A typed word ending in a clitic the tokenizer splits off ("Russia’s" = "Russia" + "’s").
_CLITIC = regex.compile(r"^(.*[^\W_])(['’‘ʼ](?:s|re|ve|ll|d|m))$", regex.IGNORECASE)
_CLITIC_ALONE = regex.compile(r"['’‘ʼ](?:s|re|ve|ll|d|m)", regex.IGNORECASE)
_EDGE_PUNCT = "\"“”«»()[]{}<>,;:!¡¿.…'’‘ʼ"


class QueryError(ValueError):
    """A query that cannot be run; the message says why, in plain words."""


@dataclass(frozen=True)
class WordPattern:
    """One word of a query: what it is compared with and how."""

    typed: str  # as typed (for messages)
    field: str  # NORM, LEMMA or TEXT (the spelling as written, apostrophes and hyphens straightened)
    value: str  # the exact form, or a regular expression
    kind: str = "exact"  # "exact" | "wildcard" | "regex"

    @property
    def pattern(self) -> bool:
        return self.kind != "exact"

    def compiled(self) -> regex.Pattern | None:
        return regex.compile(self.value) if self.pattern else None


@dataclass(frozen=True)
class Query:
    """A parsed query (see the module docstring)."""

    text: str
    words: tuple[WordPattern, ...]
    case: bool = False

    @property
    def n(self) -> int:
        return len(self.words)

    @property
    def exact(self) -> bool:
        """Every word is one exact form (no wildcard, no regular expression)."""
        return not any(w.pattern for w in self.words)


def _strip_edges(piece: str) -> str:
    """Quotes, brackets and sentence punctuation typed around a word; a dotted acronym keeps its
    dot, a clitic typed alone ("'s") its apostrophe."""
    if _CLITIC_ALONE.fullmatch(piece):
        return piece
    core = piece.strip(_EDGE_PUNCT.replace(".", ""))
    while core.endswith(".") and not regex.fullmatch(r"(?:[A-Za-z]\.)+", core):
        core = core[:-1]
    return core.lstrip(".").strip(_EDGE_PUNCT.replace(".", ""))


def _wildcard(piece: str) -> str:
    return "".join(".*" if ch == "*" else "." if ch == "?" else regex.escape(ch) for ch in piece)


def _word(piece: str, *, lemma: bool, case: bool) -> WordPattern:
    field_ = LEMMA if lemma else TEXT if case else NORM
    if "*" in piece or "?" in piece:
        literal = piece.replace("*", "").replace("?", "")
        text = straighten(piece)
        if field_ != TEXT and not (literal.isupper() and len(literal) > 0):
            text = text.lower()
        return WordPattern(piece, field_, _wildcard(text), "wildcard")
    if field_ == TEXT:
        return WordPattern(piece, field_, straighten(piece))
    return WordPattern(piece, field_, acronym_form(piece))


def parse_query(text: str | None, *, case: bool = False) -> Query:
    """Read a typed query (see the module docstring).

    Args:
        text: as typed, or from the URL.
        case: match the spelling as written (``case=1``).

    Returns:
        A :class:`Query`.

    Raises:
        QueryError: empty, too long, no word in it, or an invalid regular expression.
    """
    raw = " ".join(str(text or "").split())
    if not raw:
        raise QueryError("Type a word or a phrase to look for.")
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is too long ({len(raw)} characters; at most {MAX_QUERY_CHARS}).")
    words: list[WordPattern] = []
    if raw[:3].lower() == "re:":
        body = raw[3:].strip()
        if not body:
            raise QueryError("'re:' needs a regular expression after it, e.g. re:provok(e|ed|ing).")
        for piece in body.split(" "):
            try:
                regex.compile(piece)
            except regex.error as exc:
                raise QueryError(f"'{piece}' is not a valid regular expression ({exc}).") from None
            words.append(WordPattern(piece, TEXT if case else NORM, piece, "regex"))
    else:
        for token in raw.split(" "):
            token = _strip_edges(token)
            lemma = token[:6].lower() == "lemma:"
            body = _strip_edges(token[6:]) if lemma else token
            if not body:
                continue
            if body.strip("*?") == "" and body:
                pieces = [body]
            else:
                m = _CLITIC.match(body)
                pieces = [m.group(1), m.group(2)] if m else [body]
            for piece in pieces:
                if any(ch.isalnum() or ch in "*?" for ch in piece) and piece.strip(HYPHENS):
                    words.append(_word(piece, lemma=lemma, case=case))
    if not words:
        raise QueryError(f"'{raw[:60]}' has no word to look for (letters or digits).")
    if len(words) > MAX_QUERY_WORDS:
        raise QueryError(f"A query can have at most {MAX_QUERY_WORDS} words; this one has {len(words)}.")
    return Query(raw, tuple(words), case)


def term_query(term: str, *, unit: str = "word") -> Query | None:
    """The query that finds a term of the count tables exactly as they count it.

    Args:
        term: a term as the count tables hold it (normal forms joined by spaces, e.g.
            "imperialism 's"), or as typed (each word is put in normal form).
        unit: "word" (normal forms) or "lemma".

    Returns:
        A :class:`Query` of exact words, or None for an empty term.
    """
    forms = [acronym_form(w) for w in str(term or "").split()]
    if not forms:
        return None
    field_ = LEMMA if unit == "lemma" else NORM
    return Query(" ".join(forms), tuple(WordPattern(f, field_, f) for f in forms))


# ---------------------------------------------------------------- matching words

class _Clock:
    def __init__(self, limit: float | None) -> None:
        self.deadline = None if limit is None else time.monotonic() + limit

    def over(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline


def _form_flags(word: WordPattern, forms: Sequence[str], clock: _Clock) -> np.ndarray:
    """Which of these distinct forms the word pattern accepts."""
    if not word.pattern:
        return np.asarray([f == word.value for f in forms], dtype=bool)
    compiled = word.compiled()
    flags = np.zeros(len(forms), dtype=bool)
    for k, form in enumerate(forms):
        try:
            flags[k] = compiled.fullmatch(form, timeout=_REGEX_TIMEOUT) is not None
        except TimeoutError:
            raise QueryError(f"The pattern '{word.typed}' takes too long to match; write a simpler one.") from None
        if k % 2048 == 2047 and clock.over():
            raise QueryError(f"The pattern '{word.typed}' takes too long over this many words; narrow it.")
    return flags


def _column(words: pd.DataFrame, field_: str) -> pd.Series:
    return words["text"] if field_ == TEXT else words[field_]


def _word_flags(word: WordPattern, words: pd.DataFrame, clock: _Clock) -> np.ndarray:
    codes, uniques = pd.factorize(_column(words, word.field), use_na_sentinel=False)
    forms = [straighten(str(u)) if word.field == TEXT else str(u) for u in uniques]
    return _form_flags(word, forms, clock)[codes] if len(codes) else np.zeros(0, dtype=bool)


def match_starts(query: Query, words: pd.DataFrame, *, time_limit: float | None = None) -> np.ndarray:
    """Rows of a words table where a match of the query starts (it spans ``query.n`` rows).

    Args:
        query: from :func:`parse_query`.
        words: a words table (``lib.store.counts.word_table``), in document and text order.
        time_limit: seconds for matching, or None.

    Raises:
        QueryError: a pattern took too long.
    """
    if words is None or words.empty:
        return np.zeros(0, dtype=np.int64)
    clock = _Clock(time_limit)
    is_word = words["is_word"].to_numpy(dtype=bool)
    n, size = query.n, len(words)
    m = size - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64)
    docs = pd.factorize(words["doc_id"])[0]
    sents = words["sent_id"].to_numpy()
    ok = np.ones(m, dtype=bool)
    for j, word in enumerate(query.words):
        flags = _word_flags(word, words, clock) & is_word
        ok &= flags[j:j + m]
        if j:
            ok &= (docs[j:j + m] == docs[:m]) & (sents[j:j + m] == sents[:m])
    return np.flatnonzero(ok).astype(np.int64)


def spans(query: Query, words: pd.DataFrame, *, time_limit: float | None = TIME_LIMIT) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of every match in a words table (one document's, for the reader)."""
    starts = match_starts(query, words, time_limit=time_limit)
    ends = words["end"].to_numpy()
    begins = words["start"].to_numpy()
    return [(int(begins[k]), int(ends[k + query.n - 1])) for k in starts]


# ---------------------------------------------------------------- counting with the term index

def _index_counts(query: Query, doc_ids: Sequence[str], index_for: Callable[[str, int], TermIndex],
                  clock: _Clock) -> pd.Series | None:
    """Matches per document from the term counts, when the query can be read there (one unit,
    at most three words, normal forms or lemmas); else None."""
    fields_ = {w.field for w in query.words}
    if len(fields_) != 1 or TEXT in fields_ or query.n > 3:
        return None
    unit = _FIELD_UNIT[fields_.pop()]
    index = index_for(unit, query.n)
    if query.exact:  # one term: no need for the list of every term (millions for trigrams out of core)
        return index.doc_sums(doc_ids, [" ".join(w.value for w in query.words)])
    names = index.term_names
    if not len(names):
        return pd.Series(dtype=np.int64)
    if query.n == 1:
        wanted = _form_flags(query.words[0], list(names), clock)
    else:
        parts = pd.Series(names, dtype=object).str.split(" ", n=query.n - 1, expand=True)
        wanted = np.ones(len(names), dtype=bool)
        for j, word in enumerate(query.words):
            codes, uniques = pd.factorize(parts[j], use_na_sentinel=False)
            wanted &= _form_flags(word, [str(u) for u in uniques], clock)[codes]
    return index.doc_sums(doc_ids, names[wanted])


def _candidate_docs(query: Query, doc_ids: Sequence[str], index_for: Callable[[str, int], TermIndex] | None,
                    clock: _Clock) -> list[str]:
    """Documents that may hold a match: those using a form each word could match (by the
    unigram counts), or all of them when that cannot be told (a regular expression on spellings)."""
    chosen = list(doc_ids)
    if index_for is None:
        return chosen
    for word in query.words:
        if word.field == TEXT:
            if word.kind == "regex":  # no safe superset among normal forms: read every document
                continue
            index = index_for("word", 1)
            if word.kind == "wildcard":  # tried case-insensitively on normal forms
                probe = WordPattern(word.typed, NORM, "(?i)" + word.value, "regex")
            else:  # a spelling's normal form is a function of it
                probe = WordPattern(word.typed, NORM, acronym_form(word.value))
        else:
            index, probe = index_for(_FIELD_UNIT[word.field], 1), word
        names = index.term_names
        present = index.docs_using(chosen, names[_form_flags(probe, list(names), clock)])
        chosen = [d for d in chosen if d in present]
        if not chosen:
            break
    return chosen


# ---------------------------------------------------------------- concordance lines

def _context(text: str, a: int, b: int) -> str:
    return " ".join(text[a:b].split())


def lines_for(query: Query, words: pd.DataFrame, texts: dict[str, str], *, width: int = DEFAULT_WIDTH,
              time_limit: float | None = None, starts: np.ndarray | None = None) -> pd.DataFrame:
    """Concordance lines of the query in a words table.

    Args:
        query: from :func:`parse_query`.
        words: a words table of some documents (``lib.store.counts.word_table``).
        texts: doc_id → cleaned text (the offsets' coordinate system).
        width: words of context on each side (punctuation between them comes along).
        time_limit: seconds for matching, or None.
        starts: the match rows when already found (:func:`match_starts`).

    Returns:
        ``LINE_COLUMNS``: ``start``/``end`` of the match in the cleaned text, ``left`` and
        ``right`` context (spaces collapsed), ``keyword`` the match as written; ``L2``,
        ``L1``, ``node``, ``R1``, ``R2`` the normal forms of the words around it (sort keys;
        "" at a document's edge). In words-table order.
    """
    if starts is None:
        starts = match_starts(query, words, time_limit=time_limit)
    if not len(starts):
        return pd.DataFrame(columns=LINE_COLUMNS)
    n = query.n
    width = max(0, min(int(width), MAX_WIDTH))
    is_word = words["is_word"].to_numpy(dtype=bool)
    doc_codes = pd.factorize(words["doc_id"])[0]
    rank = np.cumsum(is_word) - 1  # position among word rows
    word_rows = np.flatnonzero(is_word)
    w_doc = doc_codes[word_rows]
    begins, ends = words["start"].to_numpy(), words["end"].to_numpy()
    norms = words["norm"].to_numpy(dtype=object)
    docs = words["doc_id"].to_numpy(dtype=object)
    rows = []
    for k in starts:
        last = k + n - 1
        doc, d = docs[k], doc_codes[k]
        text = texts.get(doc, "")
        r0, r1 = rank[k], rank[last]

        def word_at(r: int, d: int = d) -> int | None:
            return int(word_rows[r]) if 0 <= r < len(word_rows) and w_doc[r] == d else None

        left_rows = [word_at(r0 - j) for j in range(1, max(width, 2) + 1)]
        right_rows = [word_at(r1 + j) for j in range(1, max(width, 2) + 1)]
        lw = [x for x in left_rows[:width] if x is not None]
        rw = [x for x in right_rows[:width] if x is not None]
        s, e = int(begins[k]), int(ends[last])
        left = _context(text, int(begins[lw[-1]]), s) if lw else ""
        right = _context(text, e, int(ends[rw[-1]])) if rw else ""
        rows.append((doc, s, e, left, text[s:e], right,
                     *(norms[x] if x is not None else "" for x in (left_rows[1], left_rows[0])),
                     " ".join(norms[k:last + 1][is_word[k:last + 1]]),
                     *(norms[x] if x is not None else "" for x in (right_rows[0], right_rows[1]))))
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


def parse_sort(value: str | None) -> tuple[list[str], list[str]]:
    """Sort keys from a URL value: a comma list of up to three of :data:`SORT_KEYS`.

    Returns:
        ``(keys, messages)``: the known keys in the order given (no repeats, at most three),
        and a message per value not understood. The old values "position", "left" and
        "right" still work (document order, 1L, 1R).
    """
    text = (value or "").strip()
    if text in _LEGACY_SORT:
        return list(_LEGACY_SORT[text]), []
    keys: list[str] = []
    messages: list[str] = []
    lookup = {k.casefold(): k for k in SORT_KEYS}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        key = lookup.get(part.casefold())
        if key is None:
            messages.append(f"'{part[:40]}' is not a sort key (use {', '.join(SORT_KEYS)}); it was ignored.")
        elif key not in keys:
            keys.append(key)
    if len(keys) > 3:
        messages.append("At most three sort keys are used; the others were ignored.")
    return keys[:3], messages


def sort_lines(lines: pd.DataFrame, keys: Sequence[str], *, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Concordance lines sorted by up to three keys, then in document order.

    Word keys compare normal forms case-insensitively (an acronym sorts with its letters);
    ``doc`` sorts by document id, ``date`` by the document's date (undated last). Without
    keys: the documents' order in ``documents`` (the selection's), then position.
    """
    if lines.empty:
        return lines
    order = {d: k for k, d in enumerate(documents["doc_id"])} if documents is not None else {}
    frame = lines.assign(_doc=lines["doc_id"].map(order).fillna(len(order)) if order else 0)
    columns, ascending = [], []
    for key in keys:
        col = f"_k{len(columns)}"
        if key in ("1L", "2L", "1R", "2R", "node"):
            source = {"1L": "L1", "2L": "L2", "1R": "R1", "2R": "R2", "node": "node"}[key]
            frame[col] = frame[source].fillna("").astype(str).str.casefold()
        elif key == "doc":
            frame[col] = frame["doc_id"].astype(str)
        elif key == "date" and documents is not None:
            dates = dict(zip(documents["doc_id"], documents["date"].fillna("").astype(str), strict=False))
            frame[col] = frame["doc_id"].map(dates).fillna("").replace("", "\uffff")
        else:
            continue
        columns.append(col)
        ascending.append(True)
    frame = frame.sort_values([*columns, "_doc", "start"], kind="stable")
    return frame.drop(columns=[c for c in frame.columns if c.startswith("_")]).reset_index(drop=True)


@dataclass
class Concordance:
    """A query's concordance over a selection of documents.

    Attributes:
        query: the parsed query.
        lines: :data:`LINE_COLUMNS`, in the selection's document order (at most ``max_lines``).
        total: matches in the selection; exact unless ``exact`` is False (then at least this many).
        documents: documents with a match (of those counted).
        exact: whether ``total`` counts every match.
        messages: what the user should know (limits reached, how the total was counted).
    """

    query: Query
    lines: pd.DataFrame
    total: int
    documents: int
    exact: bool = True
    messages: list[str] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return len(self.lines) < self.total


def concordance(query: Query, documents: pd.DataFrame, *, words_for: Callable[[list[str]], pd.DataFrame],
                index_for: Callable[[str, int], TermIndex] | None = None, width: int = DEFAULT_WIDTH,
                max_lines: int | None = MAX_LINES, max_docs: int | None = None,
                time_limit: float | None = TIME_LIMIT,
                texts_for: Callable[[list[str]], Mapping[str, str]] | None = None) -> Concordance:
    """Every match of a query in some documents, as concordance lines, with the true total.

    Counting: where the query can be read from the term counts (normal forms or lemmas, one
    to three words) the total comes from ``index_for`` at once, whatever the corpus size;
    otherwise the documents that may hold a match are read until the time limit.

    Args:
        query: from :func:`parse_query`.
        documents: the selection (``doc_id``; ``text`` unless ``texts_for`` is given), in the order lines are listed.
        words_for: doc_ids → their words table (``lib.store.counts.word_table`` of their tokens).
        index_for: (unit, n) → the :class:`TermIndex` of the whole corpus, or None.
        width: words of context on each side.
        max_lines: lines built at most (None: all).
        max_docs: lines come from this many documents at most (their tokens are read; None: no
            limit). The total still counts every document.
        time_limit: seconds for reading documents and matching forms (None: no limit).
        texts_for: doc_ids → their texts, for the documents lines are made from (the app's
            documents table holds no texts: ``lib.web.cached.texts_for``); default ``documents["text"]``.

    Returns:
        A :class:`Concordance`.

    Raises:
        QueryError: a pattern is too slow to match.
    """
    clock = _Clock(time_limit)
    doc_ids = [str(d) for d in documents["doc_id"]]
    if texts_for is None:
        held = dict(zip(documents["doc_id"].astype(str), documents["text"].astype(str), strict=False))

        def texts_for(ids: list[str]) -> Mapping[str, str]:
            return held
    counted = _index_counts(query, doc_ids, index_for, clock) if index_for is not None else None
    if counted is not None:
        todo = [d for d in doc_ids if d in counted.index]
    else:
        todo = _candidate_docs(query, doc_ids, index_for, clock)
    parts: list[pd.DataFrame] = []
    built = found = docs_found = read = 0
    stopped = False
    b = 0
    while b < len(todo):
        wanted = (max_lines is None or built < max_lines) and (max_docs is None or read < max_docs)
        if counted is not None and not wanted:
            break  # the total is known: only lines needed reading
        if clock.over():
            stopped = True
            break
        size = _BATCH_DOCS if not wanted or max_docs is None else min(_BATCH_DOCS, max_docs - read)
        batch = todo[b:b + size]
        b += len(batch)
        words = words_for(batch)
        starts = match_starts(query, words, time_limit=None if clock.deadline is None else
                              max(clock.deadline - time.monotonic(), 0.5))
        read += len(batch)
        found += len(starts)
        if len(starts):
            docs_found += len(set(words["doc_id"].to_numpy()[starts]))
        if len(starts) and wanted:
            take = starts if max_lines is None else starts[: max_lines - built]
            texts = texts_for(sorted(set(words["doc_id"].to_numpy()[take].astype(str))))
            part = lines_for(query, words, texts, width=width, starts=take)
            parts.append(part)
            built += len(part)
    lines = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=LINE_COLUMNS)
    lines = sort_lines(lines, [], documents=documents)
    messages: list[str] = []
    if counted is not None:
        total, n_docs, exact = int(counted.sum()), int(len(counted)), True
    else:
        total, n_docs, exact = found, docs_found, not stopped
        if stopped:
            messages.append(f"The search stopped after {time_limit:g} seconds, having read {read:,} of "
                            f"{len(todo):,} documents that may hold a match: at least {found:,} match(es). "
                            "Narrow the query or the selection for a full count.")
    if len(lines) < total:
        used = lines["doc_id"].nunique()
        messages.append(f"{total:,} matches: lines were made for the first {len(lines):,}, from the first {used:,} "
                        "document(s) in document order. Every line: python -m lib kwic "
                        f"\"{query.text}\"{' --case' if query.case else ''}")
    return Concordance(query, lines, total, n_docs, exact, messages)


def all_records(query: Query, documents: pd.DataFrame, *, words_for: Callable[[list[str]], pd.DataFrame],
                index_for: Callable[[str, int], TermIndex] | None, width: int, sort_keys: Sequence[str],
                corpus_version: str, max_lines: int | None = CSV_LINES,
                time_limit: float | None = CSV_SECONDS,
                texts_for: Callable[[list[str]], Mapping[str, str]] | None = None) -> pd.DataFrame:
    """Every line of a concordance (up to ``max_lines``), sorted as chosen, as :func:`records`:
    what a page's CSV download holds (made when it is clicked) and the command line prints."""
    conc = concordance(query, documents, words_for=words_for, index_for=index_for, width=width, max_lines=max_lines,
                       time_limit=time_limit, texts_for=texts_for)
    return records(sort_lines(conc.lines, sort_keys, documents=documents), documents, corpus_version=corpus_version)


def records(lines: pd.DataFrame, documents: pd.DataFrame, *, corpus_version: str) -> pd.DataFrame:
    """Concordance lines as the command line writes them (:data:`RECORD_FIELDS`), also the page's CSV.

    ``organisation`` is the short name, ``date`` as stored (possibly partial), ``node`` the
    match as written; offsets index the cleaned text.
    """
    meta = documents.drop_duplicates("doc_id").set_index("doc_id")
    doc = lines["doc_id"].astype(str)
    return pd.DataFrame({
        "corpus_version": corpus_version,
        "doc_id": doc,
        "organisation": doc.map(meta["org_short"]).fillna("").astype(str),
        "date": doc.map(meta["date"]).fillna("").astype(str),
        "start": lines["start"].astype("int64"),
        "end": lines["end"].astype("int64"),
        "left": lines["left"].astype(str),
        "node": lines["keyword"].astype(str),
        "right": lines["right"].astype(str),
    }, columns=RECORD_FIELDS)


# ---------------------------------------------------------------- many queries over one words table

class WordsIndex:
    """A words table prepared once for many queries (the codebook's coding of every sentence).

    :func:`match_starts` factorises a column and lists its distinct forms for every word of
    every query, which is most of its time when hundreds of queries run over the same rows.
    Here each field is factorised once, an exact word is found by a dictionary lookup, a pattern
    is tried once per distinct form (with :func:`_form_flags`, the same test as
    :func:`match_starts`), and the rows of a form come from an inverted index, so a query costs
    what it matches. ``match_starts`` here returns exactly what :func:`match_starts` returns.

    Args:
        words: a words table (``lib.store.counts.word_table``), in document and text order.
        pattern_cache: optional, shared across the indexes of successive batches: for each
            pattern word, the verdict on every form already tried (a form seen in an earlier batch
            is not tried again).
    """

    def __init__(self, words: pd.DataFrame, *, pattern_cache: dict | None = None) -> None:
        self.words = words
        self.size = len(words)
        self.is_word = words["is_word"].to_numpy(dtype=bool) if self.size else np.zeros(0, dtype=bool)
        self.docs = pd.factorize(words["doc_id"])[0] if self.size else np.zeros(0, dtype=np.int64)
        self.sents = words["sent_id"].to_numpy() if self.size else np.zeros(0, dtype=np.int64)
        self._fields: dict[str, tuple[np.ndarray, list[str], dict[str, int], np.ndarray, np.ndarray]] = {}
        self._flags: dict[tuple[str, str, str], np.ndarray] = {}
        self.pattern_cache = pattern_cache if pattern_cache is not None else {}

    def _field(self, field_: str):
        if field_ not in self._fields:
            codes, uniques = pd.factorize(_column(self.words, field_), use_na_sentinel=False)
            forms = [straighten(str(u)) if field_ == TEXT else str(u) for u in uniques]
            order = np.argsort(codes, kind="stable")
            bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(forms)))])
            self._fields[field_] = (codes, forms, {f: k for k, f in enumerate(forms)}, order, bounds)
        return self._fields[field_]

    def _form_flags(self, word: WordPattern, clock: _Clock) -> np.ndarray:
        key = (word.field, word.kind, word.value)
        if key not in self._flags:
            _, forms, lookup, _, _ = self._field(word.field)
            flags = np.zeros(len(forms), dtype=bool)
            if not word.pattern:
                k = lookup.get(word.value)
                if k is not None:
                    flags[k] = True
            else:
                seen = self.pattern_cache.setdefault(key, {})
                new = [f for f in forms if f not in seen]
                if new:
                    seen.update(zip(new, _form_flags(word, new, clock).tolist(), strict=True))
                flags = np.fromiter((seen[f] for f in forms), dtype=bool, count=len(forms))
            self._flags[key] = flags
        return self._flags[key]

    def match_starts(self, query: Query, *, time_limit: float | None = None) -> np.ndarray:
        """:func:`match_starts` of ``query`` over this index's words table."""
        n = query.n
        if self.size - n + 1 <= 0:
            return np.zeros(0, dtype=np.int64)
        clock = _Clock(time_limit)
        first = query.words[0]
        codes, _, _, order, bounds = self._field(first.field)
        wanted = np.flatnonzero(self._form_flags(first, clock))
        if not len(wanted):
            return np.zeros(0, dtype=np.int64)
        rows = np.sort(np.concatenate([order[bounds[k]:bounds[k + 1]] for k in wanted]))
        rows = rows[(rows <= self.size - n) & self.is_word[rows]]
        for j, word in enumerate(query.words[1:], start=1):
            codes_j = self._field(word.field)[0]
            nxt = rows + j
            keep = (self._form_flags(word, clock)[codes_j[nxt]] & self.is_word[nxt]
                    & (self.docs[nxt] == self.docs[rows]) & (self.sents[nxt] == self.sents[rows]))
            rows = rows[keep]
        return rows.astype(np.int64)
