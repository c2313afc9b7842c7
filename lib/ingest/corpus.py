"""Load a corpus folder: raw files (never modified) + ``metadata.csv`` → documents table.

Everything a page shows about a document starts here. Loading never fails as a whole:
a bad row or file is skipped or loaded with what is known, and the problem is reported
as a :class:`Notice` naming the file and row, for the page to show.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.contracts import DOCUMENT_COLUMNS, METADATA_COLUMNS, METADATA_FILE
from lib.ingest.cleaned import Cleaned, detect_format
from lib.ingest.cleaning import clean_text
from lib.ingest.decoding import Decoded, RefusedInput, decode_bytes
from lib.words import count_words

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
UNKNOWN = "unknown"  # what an empty field shows as; also the organisation of a file with no row

_DATE_FORMATS = (
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
)


@dataclass(frozen=True)
class Notice:
    """Something a user should know about the corpus as loaded."""

    message: str
    level: str = "warning"  # "warning" | "info"


@dataclass
class LoadedCorpus:
    """The documents table plus what went wrong or was assumed while loading."""

    documents: pd.DataFrame
    notices: list[Notice] = field(default_factory=list)


def corpus_dir() -> Path:
    """The corpus folder: ``CORPUS_DIR`` (relative to the working directory) or ``corpus/``."""
    return Path(os.environ.get("CORPUS_DIR") or "corpus")


def parse_date(value: str) -> tuple[str, str]:
    """Validate a possibly partial ISO date.

    Returns:
        ``(date, precision)`` with precision "year", "month", "day", or ``("", "")`` if empty.

    Raises:
        ValueError: the value is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real date.
    """
    value = (value or "").strip()
    if not value:
        return "", ""
    for pattern, precision in _DATE_FORMATS:
        if pattern.match(value):
            full = value + {"year": "-01-01", "month": "-01", "day": ""}[precision]
            pd.Timestamp(full)  # raises on 2025-13-40
            if not 1 <= int(full[5:7]) <= 12:
                raise ValueError(value)
            return value, precision
    raise ValueError(value)


def slugify(text: str, *, max_words: int = 6) -> str:
    """Lower-case ASCII slug of at most ``max_words`` words (for readable document ids)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words])


def make_doc_id(*, org_short: str, date: str, title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A short readable id: organisation, date, title words; suffixed if already taken."""
    base = "-".join(p for p in (slugify(org_short, max_words=3), date, slugify(title, max_words=5)) if p) or "doc"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_metadata(directory: Path) -> tuple[list[dict[str, str]], list[Notice]]:
    """Rows of ``metadata.csv`` as dicts (all strings), with notices for unreadable input."""
    path = directory / METADATA_FILE
    if not path.exists():
        return [], [Notice(f"No {METADATA_FILE} in the corpus folder: every file loads as '{UNKNOWN}'.", "info")]
    try:
        text = decode_bytes(path.read_bytes()).text
    except RefusedInput as exc:
        return [], [Notice(f"{METADATA_FILE} could not be read ({exc}); files load without metadata.")]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("id", "file") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [Notice(f"{METADATA_FILE} has no column {', '.join(missing)}; files load without metadata.")]
    rows = []
    for row in reader:
        rows.append({c: (row.get(c) or "").strip() for c in METADATA_COLUMNS})
    return rows, []


def _safe_name(name: str) -> bool:
    # Metadata names a file inside the corpus folder, never a path elsewhere.
    return bool(name) and name == Path(name).name and name not in (".", "..")


def load_document(raw: bytes, *, file: str, meta: dict[str, str]) -> tuple[dict, Cleaned]:
    """Build one documents-table row from a file's bytes and its metadata row.

    Raises:
        RefusedInput: the bytes are not acceptable text (see :func:`lib.ingest.decoding.decode_bytes`).
    """
    decoded = decode_bytes(raw)
    fmt = detect_format(file, decoded.text)
    cleaned = clean_text(decoded.text, fmt=fmt)
    encoding = decoded.encoding + (" (guessed)" if decoded.guessed else "")
    return document_row(meta, file=file, encoding=encoding, fmt=fmt, text=cleaned.text,
                        sha256=sha256_bytes(raw)), cleaned


def document_row(meta: dict[str, str], *, file: str, encoding: str, fmt: str, text: str, sha256: str) -> dict:
    """One documents-table row from a metadata row and what decoding and cleaning found.

    :func:`load_document` decodes and cleans first; an upload already checked (and cleaned) in its
    worker process is turned into a row with this alone, without decoding it again.

    Raises:
        ValueError: the metadata's date is not a date (see :func:`parse_date`).
    """
    date, precision = parse_date(meta.get("date", ""))
    return {
        "doc_id": meta.get("id", ""),
        "file": file,
        "title": meta.get("title", ""),
        "organisation": meta.get("organisation", "") or UNKNOWN,
        "org_short": meta.get("org_short", "") or meta.get("organisation", "") or UNKNOWN,
        "publication": meta.get("publication", ""),
        "author": meta.get("author", ""),
        "date": date,
        "date_precision": precision,
        "url": meta.get("url", ""),
        "language": meta.get("language", ""),
        "encoding": encoding,
        "format": fmt,
        "source_note": meta.get("source_note", ""),
        "n_words": count_words(text),
        "sha256": sha256,
        "text": text,
    }


def load_corpus(directory: Path | str | None = None) -> LoadedCorpus:
    """Load every document of a corpus folder.

    Args:
        directory: the corpus folder; default :func:`corpus_dir`.

    Returns:
        A :class:`LoadedCorpus`: one row per loadable document in ``DOCUMENT_COLUMNS``
        order (sorted by organisation, date, id), and notices naming each file or row
        that was skipped or loaded with assumptions.
    """
    directory = Path(directory) if directory is not None else corpus_dir()
    notices: list[Notice] = []
    if not directory.is_dir():
        return LoadedCorpus(empty_documents(), [Notice(f"The corpus folder '{directory}' does not exist.")])
    rows, meta_notices = read_metadata(directory)
    notices.extend(meta_notices)
    files = {p.name: p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES}
    records: list[dict] = []
    seen_ids: set[str] = set()
    described: set[str] = set()
    for line_no, meta in enumerate(rows, start=2):  # row 1 is the header
        where = f"{METADATA_FILE} row {line_no}"
        name = meta["file"]
        if not meta["id"]:
            notices.append(Notice(f"{where} ({name or 'no file'}): no id; the row was skipped."))
            continue
        if meta["id"] in seen_ids:
            notices.append(Notice(f"{where} ({name}): duplicate id '{meta['id']}'; the row was skipped."))
            continue
        if not _safe_name(name) or name not in files:
            notices.append(Notice(f"{where}: file '{name}' is not in the corpus folder; the row was skipped."))
            continue
        try:
            parse_date(meta["date"])
        except ValueError:
            notices.append(Notice(f"{where} ({name}): date '{meta['date']}' is not YYYY, YYYY-MM or "
                                  "YYYY-MM-DD; the document loads without a date."))
            meta = {**meta, "date": ""}
        described.add(name)
        seen_ids.add(meta["id"])
        record = _load_file(files[name], meta, where, notices)
        if record:
            records.append(record)
    for name in sorted(set(files) - described):
        stem = Path(name).stem
        meta = {c: "" for c in METADATA_COLUMNS}
        meta["id"] = make_doc_id(org_short="", date="", title=stem, taken=seen_ids) if slugify(stem) else \
            make_doc_id(org_short="", date="", title="doc", taken=seen_ids)
        seen_ids.add(meta["id"])
        notices.append(Notice(f"'{name}' has no row in {METADATA_FILE}: it loads with organisation "
                              f"'{UNKNOWN}'.", "info"))
        record = _load_file(files[name], meta, name, notices)
        if record:
            records.append(record)
    documents = pd.DataFrame(records, columns=DOCUMENT_COLUMNS) if records else empty_documents()
    documents = documents.sort_values(["org_short", "date", "doc_id"], kind="stable").reset_index(drop=True)
    documents["n_words"] = documents["n_words"].astype("int64")
    return LoadedCorpus(documents, notices)


def _load_file(path: Path, meta: dict[str, str], where: str, notices: list[Notice]) -> dict | None:
    try:
        record, _ = load_document(path.read_bytes(), file=path.name, meta=meta)
    except RefusedInput as exc:
        notices.append(Notice(f"{where} ({path.name}): {exc} It was skipped."))
        return None
    if "guessed" in record["encoding"]:
        notices.append(Notice(f"{path.name}: encoding not declared; read as {record['encoding']}.", "info"))
    return record


def empty_documents() -> pd.DataFrame:
    """A documents table with the contract's columns and no rows."""
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in DOCUMENT_COLUMNS})
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame


def read_source(directory: Path | str, file: str) -> Decoded:
    """The file as received, decoded (for 'show the original' and offset mapping)."""
    if not _safe_name(file):
        raise RefusedInput(f"'{file}' is not a file name inside the corpus.")
    return decode_bytes((Path(directory) / file).read_bytes())


def clean_source(decoded: Decoded, *, file: str) -> Cleaned:
    """Re-clean a decoded source to get its blocks and offset map (cheap, deterministic)."""
    return clean_text(decoded.text, fmt=detect_format(file, decoded.text))


def corpus_version(documents: pd.DataFrame) -> str:
    """A short, stable fingerprint of the corpus content (ids and file hashes)."""
    h = hashlib.sha256()
    for doc_id, digest in sorted(zip(documents["doc_id"], documents["sha256"])):
        h.update(f"{doc_id}:{digest}\n".encode())
    return h.hexdigest()[:12]


def display(value: object) -> str:
    """How a metadata value reads on a page: empty → 'unknown'."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if text.strip() else UNKNOWN


def title_of(row: pd.Series | dict) -> str:
    """A document's title, or a clear stand-in when the source gives none."""
    title = str(row.get("title") or "").strip()
    return title or f"(untitled: {row.get('doc_id', '')})"
