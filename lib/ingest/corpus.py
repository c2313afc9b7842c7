"""Load a corpus folder: raw files (never modified) + ``metadata.csv`` → documents table.

Everything a page shows about a document starts here. Loading never fails as a whole:
a bad row or file is skipped or loaded with what is known, and the problem is reported
as a :class:`Notice` naming the file and row, for the page to show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.contracts import DOCUMENT_COLUMNS, METADATA_COLUMNS, METADATA_FILE, TAG_SEPARATOR
from lib.ingest import commit
from lib.ingest.cleaned import Cleaned, detect_format
from lib.ingest.cleaning import clean_text
from lib.ingest.decoding import Decoded, RefusedInput, decode_bytes
from lib.ingest.metadata_file import is_regular_file, read_metadata_file
from lib.ingest.pdf_text import clean_pdf
from lib.words import count_words, normalise_apostrophes

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"}  # the files a corpus reads
UNKNOWN = "unknown"  # what an empty field shows as; also the organisation of a file with no row
MIN_YEAR, MAX_YEAR = 1000, 2100  # a publication date outside these is a typo (0000, 20245 cut short, ...)
_WAIT_ATTEMPTS, _MAX_READS = 100, 4  # waits of 50 ms for a writer placing files; reads of a changing folder

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
        ValueError: the value is not YYYY, YYYY-MM or YYYY-MM-DD, not a real date (2025-13-40),
            or its year is outside :data:`MIN_YEAR`–:data:`MAX_YEAR` (0000 is no year).
    """
    value = (value or "").strip()
    if not value:
        return "", ""
    for pattern, precision in _DATE_FORMATS:
        if pattern.match(value):
            full = value + {"year": "-01-01", "month": "-01", "day": ""}[precision]
            year, month, day = (int(part) for part in full.split("-"))
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(value)
            dt.date(year, month, day)  # raises on 2025-13-40 and 2023-02-29
            return value, precision
    raise ValueError(value)


def slugify(text: str, *, max_words: int = 6) -> str:
    """Lower-case ASCII slug of at most ``max_words`` words (for readable document ids).

    An apostrophe inside a word keeps the word whole: "Ukraine's" is ``ukraines``, not
    ``ukraine-s`` (a stray "s" read as a word of its own).
    """
    text = re.sub(r"(?<=\w)'(?=\w)", "", normalise_apostrophes(text))
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


def split_tags(value: object) -> list[str]:
    """The tags of a ``tags`` field: split on ``;``, spaces trimmed and collapsed, empty ones and repeats
    (ignoring case) dropped, first spelling kept, in the order given."""
    seen: dict[str, str] = {}
    for part in str(value or "").split(TAG_SEPARATOR):
        tag = re.sub(r"\s+", " ", part).strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


def join_tags(tags: list[str]) -> str:
    """The ``tags`` field of a list of tags (see :func:`split_tags`)."""
    return TAG_SEPARATOR.join(split_tags(TAG_SEPARATOR.join(tags)))


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


#: Metadata the annotation reads: a document's own names and its author (mention roles).
ABOUT_FIELDS = ("organisation", "org_short", "publication", "author")


def about_documents(documents: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Per ``doc_id``, the :data:`ABOUT_FIELDS` of the documents table (for ``engine.annotate(about=...)``)."""
    cols = [c for c in ABOUT_FIELDS if c in documents.columns]
    out: dict[str, dict[str, str]] = {}
    for row in documents[["doc_id", *cols]].itertuples(index=False):
        values = {c: "" if pd.isna(v) else str(v) for c, v in zip(cols, row[1:], strict=False)}
        out[str(row[0])] = values
    return out


def annotation_keys(documents: pd.DataFrame) -> list[str]:
    """What a document's annotation depends on besides the pipeline: its content and :data:`ABOUT_FIELDS`.

    The file's sha256, followed by a digest of those metadata values when any is set, so that
    correcting a document's organisation or author re-annotates it.
    """
    cols = [c for c in ABOUT_FIELDS if c in documents.columns]
    shas = documents["sha256"].astype(str).tolist()
    if not cols:
        return shas
    out = []
    for sha, row in zip(shas, documents[cols].fillna("").astype(str).itertuples(index=False), strict=False):
        about = "\0".join(row)
        out.append(sha if not about.strip("\0") else f"{sha}+{hashlib.sha256(about.encode()).hexdigest()[:12]}")
    return out


def read_metadata(directory: Path) -> tuple[list[dict[str, str]], list[int], list[Notice]]:
    """Rows of ``metadata.csv`` (all strings), the line each starts on, and notices.

    Read strictly (:mod:`lib.ingest.metadata_file`): each line that is not UTF-8 or cannot be
    parsed exactly is named in a notice; the rows that can be read still load.
    """
    metadata = read_metadata_file(directory)
    if not metadata.exists:
        return [], [], [Notice(f"No {METADATA_FILE} in the corpus folder: every file loads as '{UNKNOWN}'.", "info")]
    notices = [Notice(f"{METADATA_FILE} {problem}." if problem.line else
                      f"{problem} Files it does not describe load as '{UNKNOWN}'.") for problem in metadata.problems]
    if metadata.problems:
        notices.append(Notice(f"Until {METADATA_FILE} is fixed, nothing can be added to the corpus (adding would "
                              "have to rewrite lines it cannot read exactly)."))
    return metadata.rows, metadata.lines, notices


def _safe_name(name: str) -> bool:
    # Metadata names a file inside the corpus folder, never a path elsewhere.
    return bool(name) and name == Path(name).name and name not in (".", "..")


def read_bytes(raw: bytes, *, file: str) -> tuple[Decoded, str, Cleaned]:
    """Bytes → ``(decoded source, format, cleaned text)``; a PDF by its extension.

    For a PDF the "decoded source" is its text as extracted (every line, furniture included;
    :func:`lib.ingest.pdf_text.clean_pdf`), with the encoding "pdf".

    Raises:
        RefusedInput: not acceptable text, or a PDF that cannot be read (scanned, encrypted, damaged).
    """
    if detect_format(file) == "pdf":
        source, cleaned = clean_pdf(raw)
        return Decoded(source, "pdf"), "pdf", cleaned
    decoded = decode_bytes(raw)
    fmt = detect_format(file, decoded.text)
    return decoded, fmt, clean_text(decoded.text, fmt=fmt)


def load_document(raw: bytes, *, file: str, meta: dict[str, str]) -> tuple[dict, Cleaned]:
    """Build one documents-table row from a file's bytes and its metadata row.

    Raises:
        RefusedInput: the bytes are not acceptable text (see :func:`lib.ingest.decoding.decode_bytes`),
            or an unreadable PDF.
    """
    decoded, fmt, cleaned = read_bytes(raw, file=file)
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
        "tags": join_tags(split_tags(meta.get("tags", ""))),
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
    if not directory.is_dir():
        return LoadedCorpus(empty_documents(), [Notice(f"The corpus folder '{directory}' does not exist.")])
    recovered: list[Notice] = []
    loaded: LoadedCorpus | None = None
    reads, settled, stuck = 0, False, False
    for attempt in range(_WAIT_ATTEMPTS):
        # An interrupted write is finished first. A write being applied (milliseconds) is
        # waited for; one applied while we read (commit.settled) means a mixed view, so the
        # folder is read again: the old corpus or the new one, never half of a write.
        if commit.pending(directory):
            done = [Notice(r.message, r.level) for r in commit.recover(directory, wait=False)]
            stuck = stuck or any(n.level == "warning" for n in done)  # e.g. a read-only folder
            recovered += done
        before = commit.visible_state(directory)
        if before[0] and not stuck and attempt < _WAIT_ATTEMPTS - 1:
            time.sleep(0.05)
            continue
        loaded, reads = _load_folder(directory), reads + 1
        settled = commit.settled(before, directory)
        if settled or stuck or reads >= _MAX_READS:
            break
    assert loaded is not None
    if not settled and not stuck:
        loaded.notices.append(Notice("The corpus was being written while it loaded; reload to see the result."))
    loaded.notices[:0] = recovered
    return loaded


def _load_folder(directory: Path) -> LoadedCorpus:
    notices: list[Notice] = []
    rows, lines, meta_notices = read_metadata(directory)
    notices.extend(meta_notices)
    files = {p.name: p for p in directory.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and is_regular_file(p)}
    records: list[dict] = []
    seen_ids: set[str] = set()
    described: set[str] = set()
    for line_no, meta in zip(lines, rows, strict=True):
        where = f"{METADATA_FILE} line {line_no}"
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
            notices.append(Notice(f"{where} ({name}): date '{meta['date']}' is not a real date in the form YYYY, "
                                  f"YYYY-MM or YYYY-MM-DD (years {MIN_YEAR}–{MAX_YEAR}); the document loads "
                                  "without a date."))
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
    except OSError as exc:
        notices.append(Notice(f"{where} ({path.name}): the file cannot be read "
                              f"({(exc.strerror or str(exc)).lower()}). It was skipped."))
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
    """The file as received, decoded (for 'show the original' and offset mapping); a PDF's extracted text."""
    return source_and_cleaned(directory, file)[0] if detect_format(file) == "pdf" else _read_text(directory, file)


def _read_text(directory: Path | str, file: str) -> Decoded:
    if not _safe_name(file):
        raise RefusedInput(f"'{file}' is not a file name inside the corpus.")
    return decode_bytes((Path(directory) / file).read_bytes())


def clean_source(decoded: Decoded, *, file: str) -> Cleaned:
    """Re-clean a decoded source to get its blocks and offset map (cheap, deterministic; not for a PDF,
    whose cleaning needs the positions on the page: see :func:`source_and_cleaned`)."""
    return clean_text(decoded.text, fmt=detect_format(file, decoded.text))


def source_and_cleaned(directory: Path | str, file: str) -> tuple[Decoded, Cleaned]:
    """A corpus file as received (decoded) and cleaned again, for the reader (its blocks, its pages).

    Raises:
        RefusedInput: not a file name inside the corpus, or refused content.
        OSError: the file cannot be read.
    """
    if not _safe_name(file):
        raise RefusedInput(f"'{file}' is not a file name inside the corpus.")
    path = Path(directory) / file
    if detect_format(file) == "pdf":
        stat = path.stat()
        return _pdf_source(str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    decoded = decode_bytes(path.read_bytes())
    return decoded, clean_source(decoded, file=file)


@lru_cache(maxsize=8)
def _pdf_source(path: str, size: int, mtime_ns: int) -> tuple[Decoded, Cleaned]:
    # Extracting a PDF takes a fraction of a second a page: a reader's reruns reuse the last few.
    decoded, _, cleaned = read_bytes(Path(path).read_bytes(), file=path)
    return decoded, cleaned


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
