"""Validate and add a document to a corpus folder, losing nothing (DESIGN.md "Safety rules").

Two steps, shared by the upload page and ``python -m lib add``:

1. :func:`prepare` checks the bytes (extension, decoding, binary, size, empty, extremely
   long lines, no words) and suggests metadata (:mod:`lib.ingest.metadata`); it collects
   warnings for a person (guessed encoding, not English, markup kept as text, invisible
   characters).
2. :func:`validate_metadata` turns what a person confirmed into a clean metadata row
   (organisation matched against the known ones with spelling variants merged), and
   :func:`add_document` writes it through the one commit protocol (:mod:`lib.ingest.commit`):
   the raw bytes copied as received under a generated file name (never the uploaded name)
   and the metadata row appended become visible together, under a lock against concurrent
   writers; a crash at any point leaves the corpus as it was or with the document added.
   A duplicate (same sha256) is refused with a message naming the document already there,
   and nothing is appended to a ``metadata.csv`` that cannot be read exactly.

:func:`read_input_file` reads a file a person named on the command line, refusing folders,
named pipes, devices and (unless asked) symbolic links with a message that says which.

Whether the app may write at all is the operator's choice: :func:`writes_allowed` reads
``PARTY_LINES_ALLOW_WRITES``. Without it, uploads stay in the visitor's session
(:func:`session_document`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from lib.contracts import METADATA_COLUMNS
from lib.ingest import commit
from lib.ingest.cleaned import Cleaned, detect_format
from lib.ingest.cleaning import clean_text
from lib.ingest.corpus import (
    MAX_YEAR,
    MIN_YEAR,
    TEXT_SUFFIXES,
    document_row,
    join_tags,
    load_document,
    make_doc_id,
    parse_date,
    read_bytes,
    sha256_bytes,
    split_tags,
)
from lib.ingest.decoding import MAX_BYTES, RefusedInput, decode_bytes
from lib.ingest.metadata import Suggestion, detect_metadata, parse_loose_date
from lib.ingest.metadata_file import is_regular_file
from lib.safe import has_invisible, safe_url, show_invisible
from lib.words import count_words, org_key

ALLOW_WRITES_ENV = "PARTY_LINES_ALLOW_WRITES"
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")  # what the upload form offers
MAX_LINE_CHARS = 50_000  # a line (paragraph) longer than this is not an article
MAX_RUN_CHARS = 5_000  # nor is a run of characters without any space
MAX_FIELD_CHARS = {"title": 300, "organisation": 120, "org_short": 30, "author": 200, "publication": 200,
                   "url": 2000, "language": 12, "source_note": 1000, "date": 40, "tags": 500}
_MARKUP_HINT = re.compile(r"<\s*(script|iframe|img|object|embed|svg|style|form)\b|javascript:|\bon\w+\s*=|\$\$|"
                          r"\$[^\s$\d][^$\n]{0,200}?[^\s$\\]\$|:[a-z]+\[", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
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
    if suffix == ".pdf":  # refused with a message if scanned, encrypted or damaged
        decoded, fmt, cleaned = read_bytes(raw, file=f"x{suffix}")
    else:
        decoded = decode_bytes(raw, max_bytes=max_bytes)
        fmt = detect_format(f"x{suffix}", decoded.text)
        longest_line = max((len(line) for line in decoded.text.splitlines()), default=0)
        if fmt != "html" and longest_line > MAX_LINE_CHARS:
            raise RefusedInput(f"The file has a line of {longest_line:,} characters; the limit is "
                               f"{MAX_LINE_CHARS:,} per line. This does not look like an article; it was not added.")
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
    headings = [cleaned.text[b.start:b.end] for b in cleaned.blocks[:12] if b.kind == "heading"]
    suggestion = detect_metadata(decoded.text, fmt=fmt, html_meta=cleaned.html_meta, raw=raw,
                                 cleaned_text=cleaned.text, headings=headings)
    warnings: list[str] = []
    if decoded.guessed:
        warnings.append(decoded.note + " Check that accented letters look right.")
    elif decoded.encoding not in ("utf-8", "utf-8-sig", "pdf"):
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


def short_name(organisation: str, taken: Iterable[str] = (), *, text: str = "") -> str:
    """A short name for a new organisation: one it is known by, else its full name.

    Only an abbreviation with evidence is suggested: one written in the name itself
    ("Workers Revolutionary Party (WRP)"), or the organisation's own usage in its text (the
    name followed by "(WRP)", or the initials standing alone, as "WRP", in the text).
    Otherwise the full name: inventing initials gave "Russian Federation" the name "RF".
    """
    name = re.sub(r"\s+", " ", organisation).strip()
    short = name
    given = re.search(r"\(([A-Z][A-Za-z0-9&.\-]{1,11})\)\s*$", name)
    if given:
        short = given.group(1)
    elif len(name) > 16:
        words = [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in _STOP_WORDS_IN_ORG]
        every = [w for w in re.findall(r"[^\W_]+", name)]
        for initials in dict.fromkeys(("".join(w[0].upper() for w in words), "".join(w[0].upper() for w in every))):
            if len(initials) >= 2 and (re.search(re.escape(name) + r"\s*\(\s*" + re.escape(initials) + r"\s*\)", text, re.I)
                                       or re.search(r"(?<![\w-])" + re.escape(initials) + r"(?![\w-])", text)):
                short = initials
                break
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


def validate_metadata(values: Mapping[str, object], *, known: Iterable[tuple[str, str]],
                      text: str = "") -> tuple[dict[str, str], list[str]]:
    """Check confirmed metadata and complete it.

    Args:
        values: ``organisation`` (required), optionally ``title``, ``author``, ``date`` (ISO or
            a recognisable date such as "3 March 2024"), ``url`` (http/https), ``publication``,
            ``language`` (a code such as "en"), ``source_note``, ``org_short`` (for a new
            organisation).
        known: ``(org_short, organisation)`` pairs already in the corpus.
        text: the document's text: a new organisation's short name is only an abbreviation
            the text itself uses (see :func:`short_name`).

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
        wanted = row["org_short"] or short_name(row["organisation"], [s for s, _ in known], text=text)
        taken = match_organisation(wanted, known)
        if taken:
            chosen = wanted
            wanted = short_name(row["organisation"] + " new", [s for s, _ in known], text=text)
            if row["org_short"]:  # the person chose it: say why their choice was not kept
                messages.append(f"The short name '{chosen}' already stands for {taken[1]}; '{wanted}' was used "
                                "instead.")
        row["org_short"] = wanted
    if row["date"]:
        try:
            parse_date(row["date"])
        except ValueError:
            year = re.match(r"^(\d{4})(?:-\d{2}){0,2}$", row["date"])
            if year and not MIN_YEAR <= int(year.group(1)) <= MAX_YEAR:
                raise RefusedInput(f"'{row['date']}' is not a publication date: the year must be between "
                                   f"{MIN_YEAR} and {MAX_YEAR}.") from None
            iso, note = parse_loose_date(row["date"])
            if not iso:
                raise RefusedInput(f"'{row['date'][:40]}' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.") from None
            messages.append(f"The date '{row['date']}' was read as {iso}{' (' + note + ')' if note else ''}.")
            row["date"] = iso
    row["tags"] = join_tags(split_tags(row["tags"]))
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


def held_as(raw: bytes, documents: pd.DataFrame, session_rows: Iterable[Mapping[str, object]] = ()) -> str | None:
    """The id of the document that already holds exactly these bytes (corpus or session), or None.

    Asked as soon as a file is read, before anyone fills in its metadata: a duplicate is refused
    then, not after the form (the sha256 is the one the loader stores for every document).
    """
    sha = sha256_bytes(raw)
    if "sha256" in documents.columns:
        hit = documents.loc[documents["sha256"].astype(str) == sha, "doc_id"]
        if len(hit):
            return str(hit.iloc[0])
    for row in session_rows:
        if row.get("sha256") == sha:
            return str(row.get("doc_id"))
    return None


def already_held_message(doc_id: str) -> str:
    """What a person is told when the file they chose is already there."""
    return (f"This file is already in the corpus as '{doc_id}' (the same file, byte for byte); it was not added "
            "again.")


def _existing_hashes(tx: commit.Transaction) -> dict[str, str]:
    """sha256 → a name for the document already holding it (its id, or its file)."""
    ids = {row["file"]: row["id"] for row in tx.rows if row.get("file")}
    out: dict[str, str] = {}
    for path in sorted(tx.directory.iterdir()):
        if path.suffix.lower() in TEXT_SUFFIXES and is_regular_file(path):
            try:
                out.setdefault(sha256_bytes(path.read_bytes()), ids.get(path.name) or path.name)
            except OSError:
                continue  # an unreadable file holds no content to compare; the loader reports it
    return out


def _next_file_name(tx: commit.Transaction, sha: str, suffix: str) -> str:
    numbers = [int(m.group(1)) for p in tx.directory.iterdir() if (m := re.match(r"^(\d+)_", p.name))]
    name = f"{(max(numbers) + 1) if numbers else 0:03d}_{sha[:16]}{suffix}"
    while tx.taken(name):  # another write's staged name (a bulk import adds several)
        numbers.append(int(name.split("_", 1)[0]))
        name = f"{max(numbers) + 1:03d}_{sha[:16]}{suffix}"
    return name


def add_document(directory: Path | str, raw: bytes, *, name: str, metadata: Mapping[str, object],
                 max_bytes: int = MAX_BYTES) -> Added:
    """Add one document to a corpus folder through the commit protocol (:mod:`lib.ingest.commit`).

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
        RefusedInput: the file or metadata is refused, the same content is already in the
            corpus (the message names the document), or ``metadata.csv`` cannot be read
            exactly (each bad line named). The corpus is unchanged.
        OSError: writing failed; the corpus is unchanged.
    """
    prepared = prepare(raw, name=name, max_bytes=max_bytes)
    with commit.transaction(directory) as tx:
        existing = _existing_hashes(tx)
        if prepared.sha256 in existing:
            raise RefusedInput(f"This file is already in the corpus as '{existing[prepared.sha256]}'; "
                               "it was not added again.")
        filled = {**prepared.suggestion.values, **{k: v for k, v in metadata.items() if v}}
        row, messages = validate_metadata(filled, known=known_organisations(tx.rows), text=prepared.cleaned.text)
        file_name = _next_file_name(tx, prepared.sha256, prepared.suffix)
        doc_id = make_doc_id(org_short=row["org_short"], date=row["date"], title=row["title"] or "untitled",
                             taken={r["id"] for r in tx.rows})
        row = {**row, "id": doc_id, "file": file_name}
        load_document(raw, file=file_name, meta=row)  # the row must load exactly as the app will load it
        tx.stage(file_name, raw)
        tx.append(row)
    return Added(doc_id, file_name, tuple(prepared.warnings + messages + tx.notes))


_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def read_input_file(path: Path | str, *, follow_symlinks: bool = False, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file a person asked to add, refusing what is not one plain file.

    Args:
        path: the file.
        follow_symlinks: read the file a symbolic link points to (otherwise a link is refused:
            it may point anywhere on the machine).
        max_bytes: refuse larger files before reading them.

    Raises:
        FileNotFoundError: nothing at that path.
        RefusedInput: a folder, a named pipe, a socket or device, a symbolic link (unless
            ``follow_symlinks``), an unreadable or too large file — the message says which.
    """
    path = Path(path)
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise RefusedInput(f"{path} cannot be read ({(exc.strerror or str(exc)).lower()}).") from exc
    if stat.S_ISLNK(link.st_mode) and not follow_symlinks:
        target = os.readlink(path)
        raise RefusedInput(f"{path} is a symbolic link (to {target}); it was not followed. Add the file itself, "
                           "or use --follow-symlinks if you mean the file it points to.")
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a named pipe must not wait for a writer
    except FileNotFoundError:
        if stat.S_ISLNK(link.st_mode):
            raise RefusedInput(f"{path} is a symbolic link to {os.readlink(path)}, which does not exist.") from None
        raise
    except IsADirectoryError:
        raise RefusedInput(f"{path} is a folder, not a file: add takes one file at a time.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedInput(f"{path} is a symbolic link; it was not followed.") from exc
        raise RefusedInput(f"{path} cannot be read ({(exc.strerror or str(exc)).lower()}).") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise RefusedInput(f"{path} is a folder, not a file: add takes one file at a time.")
        for test, kind in _FILE_KINDS:
            if test(info.st_mode):
                raise RefusedInput(f"{path} is {kind}, not a regular file; only regular files can be added.")
        if info.st_size > max_bytes:
            raise RefusedInput(f"The file is {info.st_size / 1048576:.1f} MB; the limit is "
                               f"{max_bytes / 1048576:.0f} MB.")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise RefusedInput(f"{path} cannot be read ({(exc.strerror or str(exc)).lower()}).") from exc
    finally:
        os.close(fd)
    return data


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
    row, messages = validate_metadata(filled, known=known, text=prepared.cleaned.text)
    taken = set(documents["doc_id"].astype(str)) | {str(r.get("doc_id")) for r in session_rows}
    doc_id = make_doc_id(org_short=row["org_short"], date=row["date"], title=row["title"] or "untitled", taken=taken)
    file_name = f"session_{prepared.sha256[:16]}{prepared.suffix}"
    note = " ".join(p for p in (row.get("source_note", ""), SESSION_NOTE) if p)
    # Built from what prepare() found: an upload is decoded and cleaned once (in its worker process).
    record = document_row({**row, "id": doc_id, "file": file_name, "source_note": note}, file=file_name,
                          encoding=prepared.encoding + (" (guessed)" if prepared.guessed else ""), fmt=prepared.fmt,
                          text=prepared.cleaned.text, sha256=prepared.sha256)
    return record, list(prepared.warnings) + messages
