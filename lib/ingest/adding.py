"""Validate and add a document to a corpus folder, losing nothing (DESIGN.md "Safety rules").

Two steps, shared by the upload page and ``python -m lib add``:

1. :func:`prepare` checks the bytes (extension, decoding, binary, size, empty, extremely
   long lines, no words) and suggests metadata (:mod:`lib.ingest.metadata`); it collects
   warnings for a person (guessed encoding, not English, markup kept as text, invisible
   characters).
2. :func:`validate_metadata` turns what a person confirmed into a clean metadata row
   (organisation matched against the known ones with spelling variants merged), and
   :func:`add_document` writes it: the raw bytes copied as received under a generated
   file name (never the uploaded name), the metadata row appended — each written to a
   temporary file and moved into place with ``os.replace``, under a lock file
   (``fcntl.flock``) against concurrent adds. A duplicate (same sha256) is refused with a
   message naming the document already there. If any step fails, what was written is
   removed and the corpus is exactly as it was.

Whether the app may write at all is the operator's choice: :func:`writes_allowed` reads
``PARTY_LINES_ALLOW_WRITES``. Without it, uploads stay in the visitor's session
(:func:`session_document`).
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from lib.contracts import METADATA_COLUMNS, METADATA_FILE
from lib.ingest.cleaned import Cleaned, detect_format
from lib.ingest.cleaning import clean_text
from lib.ingest.corpus import (
    TEXT_SUFFIXES,
    document_row,
    load_document,
    make_doc_id,
    parse_date,
    read_metadata,
    sha256_bytes,
)
from lib.ingest.decoding import MAX_BYTES, RefusedInput, decode_bytes
from lib.ingest.metadata import Suggestion, detect_metadata, parse_loose_date
from lib.safe import has_invisible, safe_url, show_invisible
from lib.words import count_words, org_key

ALLOW_WRITES_ENV = "PARTY_LINES_ALLOW_WRITES"
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm")  # what the upload form offers
MAX_LINE_CHARS = 50_000  # a line (paragraph) longer than this is not an article
MAX_RUN_CHARS = 5_000  # nor is a run of characters without any space
MAX_FIELD_CHARS = {"title": 300, "organisation": 120, "org_short": 30, "author": 200, "publication": 200,
                   "url": 2000, "language": 12, "source_note": 1000, "date": 40}
_MARKUP_HINT = re.compile(r"<\s*(script|iframe|img|object|embed|svg|style|form)\b|javascript:|\bon\w+\s*=|\$\$|"
                          r"\$[^\s$\d][^$\n]{0,200}?[^\s$\\]\$|:[a-z]+\[", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_STOP_WORDS_IN_ORG = {"of", "the", "and", "for", "in", "de", "la", "le", "du", "des"}


def writes_allowed(env: Mapping[str, str] | None = None) -> bool:
    """True if the operator allowed the app to write to the shared corpus (``PARTY_LINES_ALLOW_WRITES=1``)."""
    value = (env if env is not None else os.environ).get(ALLOW_WRITES_ENV, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass
class Prepared:
    """A file that passed the checks, with its suggested metadata and warnings."""

    raw: bytes
    suffix: str  # ".txt", ".md", ".html", ... (lower case)
    fmt: str
    encoding: str
    guessed: bool
    cleaned: Cleaned
    suggestion: Suggestion
    sha256: str
    warnings: list[str] = field(default_factory=list)

    @property
    def n_words(self) -> int:
        return count_words(self.cleaned.text)


def _suffix(name: str) -> str:
    # Only the extension of the name is used (never the name as a path).
    return PurePath(str(name or "").replace("\\", "/")).suffix.lower()


def prepare(raw: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Prepared:
    """Check a received file and suggest its metadata.

    Args:
        raw: the bytes as received.
        name: the name it arrived with; only its extension is used.
        max_bytes: size limit (the refusal names it).

    Returns:
        A :class:`Prepared` document.

    Raises:
        RefusedInput: with a message for a person: wrong extension, empty, whitespace only,
            too large, binary, extremely long lines, or no words.
    """
    suffix = _suffix(name)
    if suffix not in TEXT_SUFFIXES:
        allowed = ", ".join(UPLOAD_SUFFIXES)
        raise RefusedInput(f"Only text files can be added ({allowed}); this file's extension is "
                           f"'{show_invisible(suffix[:20]) or 'none'}'.")
    decoded = decode_bytes(raw, max_bytes=max_bytes)
    fmt = detect_format(f"x{suffix}", decoded.text)
    longest_line = max((len(line) for line in decoded.text.splitlines()), default=0)
    if fmt != "html" and longest_line > MAX_LINE_CHARS:
        raise RefusedInput(f"The file has a line of {longest_line:,} characters; the limit is {MAX_LINE_CHARS:,} "
                           "per line. This does not look like an article; it was not added.")
    cleaned = clean_text(decoded.text, fmt=fmt)
    longest_line = max((len(line) for line in cleaned.text.splitlines()), default=0)
    if longest_line > MAX_LINE_CHARS:
        raise RefusedInput(f"The text has a paragraph of {longest_line:,} characters; the limit is "
                           f"{MAX_LINE_CHARS:,}. This does not look like an article; it was not added.")
    run = max((len(m.group()) for m in re.finditer(r"\S+", cleaned.text)), default=0)
    if run > MAX_RUN_CHARS:
        raise RefusedInput(f"The text has a run of {run:,} characters without a space (the limit is "
                           f"{MAX_RUN_CHARS:,}). This does not look like an article; it was not added.")
    if count_words(cleaned.text) == 0:
        raise RefusedInput("No words are left once the page's markup and furniture are removed; "
                           "there is nothing to analyse.")
    suggestion = detect_metadata(decoded.text, fmt=fmt, html_meta=cleaned.html_meta, raw=raw,
                                 cleaned_text=cleaned.text)
    warnings: list[str] = []
    if decoded.guessed:
        warnings.append(decoded.note + " Check that accented letters look right.")
    elif decoded.encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"The file is encoded as {decoded.encoding}; it was read as such.")
    warnings += suggestion.warnings
    if _MARKUP_HINT.search(cleaned.text):
        warnings.append("The text contains markup or formula syntax (such as <script>, javascript: links, $…$ or "
                        ":colour[…]). It is kept as plain text: it is shown literally and never run.")
    if has_invisible(cleaned.text):
        found = sorted({show_invisible(ch) for ch in cleaned.text if has_invisible(ch)})
        warnings.append(f"The text contains invisible or direction-changing characters ({', '.join(found[:6])}). "
                        "They are kept in the stored text and shown as visible markers.")
    return Prepared(raw=raw, suffix=suffix, fmt=fmt, encoding=decoded.encoding, guessed=decoded.guessed,
                    cleaned=cleaned, suggestion=suggestion, sha256=sha256_bytes(raw), warnings=warnings)


# ---------------------------------------------------------------- organisations and metadata

def known_organisations(rows: Iterable[Mapping[str, str]]) -> list[tuple[str, str]]:
    """Distinct ``(org_short, organisation)`` pairs of metadata rows or documents, in first-seen order."""
    seen: dict[str, tuple[str, str]] = {}
    for row in rows:
        full = (row.get("organisation") or "").strip()
        short = (row.get("org_short") or "").strip() or full
        if full and org_key(full) not in seen and full != "unknown":
            seen[org_key(full)] = (short, full)
    return list(seen.values())


def match_organisation(name: str, known: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The known ``(org_short, organisation)`` that ``name`` spells (case, apostrophes and spacing ignored)."""
    key = org_key(name)
    for short, full in known:
        if key in (org_key(full), org_key(short)):
            return short, full
    return None


def short_name(organisation: str, taken: Iterable[str] = ()) -> str:
    """A short name for a new organisation: itself if short, else the initials of its main words."""
    name = re.sub(r"\s+", " ", organisation).strip()
    if len(name) <= 16:
        short = name
    else:
        words = [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in _STOP_WORDS_IN_ORG]
        short = "".join(w[0].upper() for w in words)[:12] or name[:16]
    taken_keys = {org_key(t) for t in taken}
    candidate, n = short, 2
    while org_key(candidate) in taken_keys:
        candidate, n = f"{short}{n}", n + 1
    return candidate


def _clean_field(name: str, value: object, messages: list[str]) -> str:
    text = "" if value is None else str(value)
    if _CONTROL.search(text) or "\n" in text or "\r" in text:
        messages.append(f"Line breaks and control characters were removed from the {name}.")
        text = _CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " "))
    text = re.sub(r"[ \t]+", " ", text).strip()
    limit = MAX_FIELD_CHARS.get(name, 500)
    if len(text) > limit:
        raise RefusedInput(f"The {name} is {len(text):,} characters long; the limit is {limit}.")
    return text


def validate_metadata(values: Mapping[str, object], *, known: Iterable[tuple[str, str]]) -> tuple[dict[str, str], list[str]]:
    """Check confirmed metadata and complete it.

    Args:
        values: ``organisation`` (required), optionally ``title``, ``author``, ``date`` (ISO or
            a recognisable date such as "3 March 2024"), ``url`` (http/https), ``publication``,
            ``language`` (a code such as "en"), ``source_note``, ``org_short`` (for a new
            organisation).
        known: ``(org_short, organisation)`` pairs already in the corpus.

    Returns:
        ``(row, messages)``: a metadata row with every column of ``METADATA_COLUMNS`` except
        ``id`` and ``file`` (filled by the caller), and messages about what was changed
        (organisation merged with a known spelling, line breaks removed, date read).

    Raises:
        RefusedInput: no organisation, an impossible date, a URL that is not http(s), a
            malformed language code, or a field over its length limit.
    """
    messages: list[str] = []
    known = list(known)
    row = {c: _clean_field(c, values.get(c, ""), messages) for c in METADATA_COLUMNS if c not in ("id", "file")}
    if not row["organisation"]:
        raise RefusedInput("An organisation is required: choose a known one or type a new name.")
    match = match_organisation(row["organisation"], known)
    if match:
        if match[1] != row["organisation"] and match[0] != row["organisation"]:
            messages.append(f"'{row['organisation']}' was taken as the known organisation '{match[1]}'.")
        row["org_short"], row["organisation"] = match
    else:
        wanted = row["org_short"] or short_name(row["organisation"], [s for s, _ in known])
        if match_organisation(wanted, known):
            wanted = short_name(row["organisation"] + " new", [s for s, _ in known])
        row["org_short"] = wanted
    if row["date"]:
        try:
            parse_date(row["date"])
        except ValueError:
            iso, note = parse_loose_date(row["date"])
            if not iso:
                raise RefusedInput(f"'{row['date'][:40]}' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.") from None
            messages.append(f"The date '{row['date']}' was read as {iso}{' (' + note + ')' if note else ''}.")
            row["date"] = iso
    if row["url"] and not safe_url(row["url"]):
        raise RefusedInput("The URL must be a plain web address starting with http:// or https://.")
    if row["language"]:
        row["language"] = row["language"].lower() if len(row["language"]) <= 3 else row["language"]
        if not _LANGUAGE.match(row["language"]):
            raise RefusedInput(f"'{row['language'][:12]}' is not a language code (use e.g. en, fr, de).")
    return row, messages


# ---------------------------------------------------------------- writing

@dataclass(frozen=True)
class Added:
    """The result of an add: the new id, the file name inside the corpus, messages for a person."""

    doc_id: str
    file: str
    messages: tuple[str, ...] = ()


@contextlib.contextmanager
def corpus_lock(directory: Path) -> Iterator[None]:
    """An exclusive ``fcntl.flock`` on the corpus folder itself (blocks while another add runs).

    Locking the folder's own descriptor creates no lock file, so a refused or failed add
    leaves the folder byte for byte as it was.
    """
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _existing_hashes(directory: Path, rows: list[dict[str, str]]) -> dict[str, str]:
    """sha256 → a name for the document already holding it (its id, or its file)."""
    ids = {row["file"]: row["id"] for row in rows if row.get("file")}
    out: dict[str, str] = {}
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            out.setdefault(sha256_bytes(path.read_bytes()), ids.get(path.name) or path.name)
    return out


def _next_file_name(directory: Path, sha: str, suffix: str) -> str:
    numbers = [int(m.group(1)) for p in directory.iterdir() if (m := re.match(r"^(\d+)_", p.name))]
    return f"{(max(numbers) + 1) if numbers else 0:03d}_{sha[:16]}{suffix}"


def _metadata_bytes(directory: Path, row: dict[str, str]) -> bytes:
    """The new metadata.csv: the old bytes unchanged, plus one row (header written if new)."""
    path = directory / METADATA_FILE
    buffer = io.StringIO()
    if not path.exists():
        writer = csv.DictWriter(buffer, fieldnames=METADATA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow({c: row.get(c, "") for c in METADATA_COLUMNS})
        return buffer.getvalue().encode("utf-8")
    old = path.read_bytes()
    decoded = decode_bytes(old)
    header = next(csv.reader(io.StringIO(decoded.text)), None) or METADATA_COLUMNS
    newline = "\r\n" if "\r\n" in decoded.text[:2000] else "\n"
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator=newline, extrasaction="ignore")
    writer.writerow({c: row.get(c, "") for c in header})
    if decoded.encoding in ("utf-8", "utf-8-sig"):
        separator = b"" if old.endswith((b"\n", b"\r")) else newline.encode()
        return old + separator + buffer.getvalue().encode("utf-8")
    # Another encoding: rewrite once as UTF-8 (the text is unchanged).
    text = decoded.text if decoded.text.endswith(("\n", "\r")) else decoded.text + newline
    return (text + buffer.getvalue()).encode("utf-8")


def _write_temp(directory: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(dir=directory, prefix=".tmp-add-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o666 & ~_UMASK)  # mkstemp makes 0600; a corpus file is as readable as any other
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def add_document(directory: Path | str, raw: bytes, *, name: str, metadata: Mapping[str, object],
                 max_bytes: int = MAX_BYTES) -> Added:
    """Add one document to a corpus folder, atomically.

    Args:
        directory: the corpus folder (created if missing).
        raw: the file's bytes, stored exactly as received.
        name: the name it arrived with; only its extension is used. The stored name is
            generated: ``NNN_<sha256 prefix><ext>``.
        metadata: confirmed metadata (see :func:`validate_metadata`); fields left empty are
            filled from the file's suggestions.
        max_bytes: size limit.

    Returns:
        :class:`Added` with the new ``doc_id``.

    Raises:
        RefusedInput: the file or metadata is refused, or the same content is already in the
            corpus (the message names the document). The corpus is unchanged.
        OSError: writing failed; the corpus is unchanged (what was written is removed).
    """
    directory = Path(directory)
    prepared = prepare(raw, name=name, max_bytes=max_bytes)
    directory.mkdir(parents=True, exist_ok=True)
    with corpus_lock(directory):
        rows, notices = read_metadata(directory)
        if (directory / METADATA_FILE).exists() and notices:
            raise RefusedInput(f"The corpus's {METADATA_FILE} cannot be read safely ({notices[0].message}); "
                               "nothing was added.")
        existing = _existing_hashes(directory, rows)
        if prepared.sha256 in existing:
            raise RefusedInput(f"This file is already in the corpus as '{existing[prepared.sha256]}'; "
                               "it was not added again.")
        filled = {**{k: v for k, v in prepared.suggestion.values.items()}, **{k: v for k, v in metadata.items() if v}}
        row, messages = validate_metadata(filled, known=known_organisations(rows))
        file_name = _next_file_name(directory, prepared.sha256, prepared.suffix)
        doc_id = make_doc_id(org_short=row["org_short"], date=row["date"], title=row["title"] or "untitled",
                             taken={r["id"] for r in rows})
        row = {**row, "id": doc_id, "file": file_name}
        load_document(raw, file=file_name, meta=row)  # the row must load exactly as the app will load it
        meta_tmp = doc_tmp = None
        placed: Path | None = None
        try:
            meta_tmp = _write_temp(directory, _metadata_bytes(directory, row))
            doc_tmp = _write_temp(directory, raw)
            target = directory / file_name
            if target.exists():
                raise RefusedInput(f"A file named {file_name} is already in the corpus; nothing was added.")
            os.replace(doc_tmp, target)
            placed, doc_tmp = target, None
            os.replace(meta_tmp, directory / METADATA_FILE)
            meta_tmp = None
        except BaseException:
            if placed is not None:
                placed.unlink(missing_ok=True)
            raise
        finally:
            for tmp in (meta_tmp, doc_tmp):
                if tmp is not None:
                    tmp.unlink(missing_ok=True)
    return Added(doc_id, file_name, tuple(prepared.warnings + messages))


# ---------------------------------------------------------------- session documents (hosted mode)

SESSION_NOTE = "Uploaded in this browser session only: not saved to the shared corpus; gone when you leave."


def session_document(prepared: Prepared, metadata: Mapping[str, object], *, documents: pd.DataFrame,
                     session_rows: Iterable[Mapping[str, object]] = ()) -> tuple[dict, list[str]]:
    """A documents-table row for an upload kept only in the visitor's session.

    Args:
        prepared: the checked file.
        metadata: confirmed metadata (see :func:`validate_metadata`).
        documents: the shared corpus's documents table (for organisations, ids, duplicates).
        session_rows: documents already uploaded in this session.

    Returns:
        ``(row, messages)``: a row in ``lib.contracts.DOCUMENT_COLUMNS`` built by
        :func:`lib.ingest.corpus.load_document`, and messages for a person.

    Raises:
        RefusedInput: refused metadata, or the same content already in the corpus or session.
    """
    session_rows = list(session_rows)
    for frame_rows in (documents.to_dict("records"), session_rows):
        for existing in frame_rows:
            if existing.get("sha256") == prepared.sha256:
                raise RefusedInput(f"This file is already loaded as '{existing.get('doc_id')}'; it was not added again.")
    known = known_organisations(list(documents.to_dict("records")) + session_rows)
    filled = {**prepared.suggestion.values, **{k: v for k, v in metadata.items() if v}}
    row, messages = validate_metadata(filled, known=known)
    taken = set(documents["doc_id"].astype(str)) | {str(r.get("doc_id")) for r in session_rows}
    doc_id = make_doc_id(org_short=row["org_short"], date=row["date"], title=row["title"] or "untitled", taken=taken)
    file_name = f"session_{prepared.sha256[:16]}{prepared.suffix}"
    note = " ".join(p for p in (row.get("source_note", ""), SESSION_NOTE) if p)
    # Built from what prepare() found: an upload is decoded and cleaned once (in its worker process).
    record = document_row({**row, "id": doc_id, "file": file_name, "source_note": note}, file=file_name,
                          encoding=prepared.encoding + (" (guessed)" if prepared.guessed else ""), fmt=prepared.fmt,
                          text=prepared.cleaned.text, sha256=prepared.sha256)
    return record, list(prepared.warnings) + messages
