"""Annotate files as received: decode, clean, annotate, map offsets back to the decoded source.

Shared by ``python -m lib annotate`` and ``python -m lib evaluate`` so the evaluation scores
exactly what users get from the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lib.ingest.cleaned import Cleaned, detect_format
from lib.ingest.cleaning import clean_text
from lib.ingest.decoding import decode_bytes
from lib.nlp.engine import Pipeline, annotate
from lib.nlp.mention_rules import map_spacy_label

RECORD_FIELDS = ("doc", "start", "end", "text", "label", "actor")


@dataclass
class SourceText:
    """A file decoded (BOM removed, no newline translation) and cleaned for analysis."""

    name: str
    source: str
    cleaned: Cleaned


def read_source_text(path: Path | str, *, name: str | None = None) -> SourceText:
    """Decode and clean one file.

    Raises:
        lib.ingest.corpus.RefusedInput: binary, empty or oversized content.
        OSError: the file cannot be read.
    """
    path = Path(path)
    decoded = decode_bytes(path.read_bytes())
    fmt = detect_format(path.name, decoded.text)
    return SourceText(name=name or str(path), source=decoded.text, cleaned=clean_text(decoded.text, fmt=fmt))


def _to_source(src: SourceText, start: int, end: int) -> tuple[int, int] | None:
    """Map a cleaned span to the source; None if it does not land on the same characters.

    In HTML an entity (``&amp;``) or a tag inside a name makes the source slice differ from
    the cleaned text; the record then carries the exact source slice (the contract), but a span
    that maps to nothing is dropped.
    """
    offsets = src.cleaned.offsets
    s, e = offsets.to_source_start(start), offsets.to_source_end(end)
    if not 0 <= s < e <= len(src.source):
        return None
    return s, e


def records_for(sources: Sequence[SourceText], pipeline: Pipeline, *, progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Mention records (RECORD_FIELDS) for decoded files, sorted by (doc, start)."""
    ann = annotate(pipeline, [(str(n), s.cleaned.text) for n, s in enumerate(sources)], progress=progress)
    records: list[dict] = []
    for row in ann.mentions.itertuples(index=False):
        src = sources[int(row.doc_id)]
        span = _to_source(src, int(row.start), int(row.end))
        if span is None:
            continue
        s, e = span
        records.append({"doc": src.name, "start": s, "end": e, "text": src.source[s:e], "label": row.label, "actor": row.actor})
    order = {s.name: n for n, s in enumerate(sources)}
    records.sort(key=lambda r: (order[r["doc"]], r["start"], r["end"]))
    return records


def plain_records_for(sources: Sequence[SourceText], nlp, gazetteer) -> list[dict]:
    """The plain model's mentions, for comparison: spaCy's entities, labels mapped with the same
    table, the surface text as canonical name, no gazetteer and no clean-up rules."""
    records: list[dict] = []
    for src, doc in zip(sources, nlp.pipe(s.cleaned.text for s in sources), strict=True):
        for ent in doc.ents:
            label = map_spacy_label(ent.label_, ent.text, gazetteer)
            if label is None:
                continue
            span = _to_source(src, ent.start_char, ent.end_char)
            if span is None:
                continue
            s, e = span
            records.append({"doc": src.name, "start": s, "end": e, "text": src.source[s:e], "label": label, "actor": ent.text})
    return records
