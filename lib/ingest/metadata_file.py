"""``metadata.csv`` read strictly and appended exactly (issue 15, "never rewritten lossily").

The loader, ``add`` and the commit protocol (:mod:`lib.ingest.commit`) read the file through
:func:`parse_metadata`, which never guesses:

* the bytes must be UTF-8 (a byte-order mark is allowed and kept). A line that is not UTF-8
  is reported with its number; the rows still load (the bad bytes shown as "�") so the app
  keeps working, but :attr:`MetadataFile.exact` is False and nothing may be appended until the
  file is fixed — appending used to re-encode the whole file and double-encode every accent;
* every record is parsed on its own, with the line it starts on. A row with an unclosed quote,
  the wrong number of fields or a NUL byte is reported by line and skipped (its file then loads
  as "unknown"); parsing resumes at the next line, so one bad row never swallows the rows after
  it. A quoted field may span lines (a spreadsheet writes a note with a line break that way)
  only when the record it ends has the header's number of fields;
* the header must name ``id`` and ``file``, each column once.

:func:`append_rows` returns the new bytes of the file: the old bytes unchanged, then the new
rows in the file's own column order and line ending. It refuses a file that is not exact.
Pure Python; imports only :mod:`lib.contracts`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.contracts import METADATA_COLUMNS, METADATA_FILE, OPTIONAL_METADATA_COLUMNS

REQUIRED_COLUMNS = ("id", "file")
MAX_METADATA_BYTES = 256 * 1024 * 1024  # far above any real table; a bigger "metadata.csv" is not one
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file: the line it starts on (0: the file as a whole) and what."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class MetadataFile:
    """``metadata.csv`` as parsed.

    ``rows`` are the well-formed rows (every name of ``METADATA_COLUMNS``, values stripped),
    ``lines`` the line each of them starts on; ``problems`` name every line that could not be
    read exactly. ``exists`` is False when there is no file (then nothing is wrong).
    """

    exists: bool = False
    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    newline: str = "\n"
    raw: bytes = b""

    @property
    def exact(self) -> bool:
        """True if every byte was understood: rows may be appended without losing anything."""
        return not self.problems

    def describe_problems(self, limit: int = 8) -> str:
        """The problems as one sentence list for a person (at most ``limit``, then a count)."""
        shown = "; ".join(str(p) for p in self.problems[:limit])
        more = len(self.problems) - limit
        return shown + (f"; and {more} more" if more > 0 else "")


def read_metadata_file(directory: Path | str) -> MetadataFile:
    """Read and parse ``<directory>/metadata.csv``; never raises.

    A folder, a named pipe or an unreadable file in its place is one problem (line 0).
    """
    path = Path(directory) / METADATA_FILE
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return MetadataFile(exists=True, problems=[Problem(0, f"{METADATA_FILE} is a link to a file that "
                                                                  "does not exist.")])
        return MetadataFile()
    except OSError as exc:
        return MetadataFile(exists=True, problems=[Problem(0, f"{METADATA_FILE} cannot be read ({_reason(exc)}).")])
    if stat.S_ISDIR(info.st_mode):
        return MetadataFile(exists=True, problems=[Problem(0, f"{METADATA_FILE} is a folder, not a file.")])
    if not stat.S_ISREG(info.st_mode):
        # Reading a named pipe would wait for ever.
        return MetadataFile(exists=True, problems=[Problem(0, f"{METADATA_FILE} is not a regular file.")])
    if info.st_size > MAX_METADATA_BYTES:
        return MetadataFile(exists=True, problems=[Problem(0, f"{METADATA_FILE} is {info.st_size / 1048576:,.0f} MB: "
                                                              "too large to be a metadata table.")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return MetadataFile(exists=True, problems=[Problem(0, f"{METADATA_FILE} cannot be read ({_reason(exc)}).")])
    return parse_metadata(raw)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


class _Feed:
    """The physical lines, handed to ``csv.reader`` one at a time; ``pos`` is the next line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines, self.pos = lines, 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


def _decode(raw: bytes, problems: list[Problem]) -> str:
    """Strict UTF-8; each line that is not UTF-8 becomes a problem and is read with '�'."""
    body = raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    out = []
    for number, line in enumerate(body.split(b"\n"), start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            byte = line[exc.start]
            problems.append(Problem(number, f"not UTF-8 (byte 0x{byte:02X} at character {exc.start + 1}); "
                                            "the file must be saved as UTF-8"))
            out.append(line.decode("utf-8", errors="replace"))
    return "\n".join(out)


def _records(text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """``(line, fields)`` of each record; a bad record is skipped alone and reading resumes on
    the line after the one it started on (one reader while all is well: it pulls lines from
    the feed one record at a time, so ``feed.pos`` says where each record starts)."""
    lines = _LINE.findall(text)
    feed = _Feed(lines)
    reader = csv.reader(feed, strict=True)
    width: int | None = None

    def resync(start: int, why: str) -> None:
        nonlocal reader
        problems.append(Problem(start + 1, f"{why}; the row was skipped"))
        feed.pos = start + 1
        reader = csv.reader(feed, strict=True)  # a fresh reader: the old one may be mid-field

    while feed.pos < len(lines):
        start = feed.pos
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "end of data" in str(exc):
                resync(start, "a quote is opened but never closed")
            elif "field limit" in str(exc):
                resync(start, f"a quoted field runs over {csv.field_size_limit():,} characters (a quote never closed?)")
            else:
                resync(start, f"bad quoting ({exc})")
            continue
        span = feed.pos - start
        if not fields or all(not f.strip() for f in fields):
            continue  # a blank line
        if any("\x00" in f for f in fields):
            if span > 1:
                resync(start, "contains a NUL byte (not text)")
            else:
                problems.append(Problem(start + 1, "contains a NUL byte (not text); the row was skipped"))
            continue
        if width is not None and span > 1 and (len(fields) != width or _holds_rows(lines[start + 1:feed.pos], width)):
            # A quoted field over several lines is legitimate (a note with a line break), but
            # not when its lines are themselves whole rows: then a quote was left open.
            resync(start, f"a quote opened on this line closes only on line {feed.pos}")
            continue
        if width is not None and len(fields) != width:
            problems.append(Problem(start + 1, f"has {len(fields)} fields where the header has {width}; "
                                               "the row was skipped"))
            continue
        if width is None:
            width = len(fields)
        yield start + 1, fields


def _holds_rows(lines: list[str], width: int) -> bool:
    """True if one of these lines, read alone, is a row of ``width`` fields."""
    for line in lines:
        try:
            if len(next(csv.reader([line]), [])) == width:
                return True
        except csv.Error:
            continue
    return False


def parse_metadata(raw: bytes) -> MetadataFile:
    """Parse the bytes of a metadata table strictly (see the module docstring); never raises."""
    result = MetadataFile(exists=True, raw=raw)
    text = _decode(raw, result.problems)
    result.newline = "\r\n" if "\r\n" in text[:4096] else "\n"
    records = _records(text, result.problems)
    first = next(records, None)
    if first is None:
        if any(p.line for p in result.problems):
            result.problems.append(Problem(0, "no readable header line"))
        return result  # an empty file: rows can be appended under a new header
    header_line, header = first
    header = [h.strip() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    unreadable = any(0 < p.line < header_line and "UTF-8" not in p.message for p in result.problems)
    if missing or repeated or unreadable:
        if unreadable:
            result.problems.append(Problem(0, "the header line is not readable"))
        elif missing:
            result.problems.append(Problem(header_line, f"the header has no column {', '.join(missing)}"))
        if repeated:
            result.problems.append(Problem(header_line, f"the header names {', '.join(repeated)} twice"))
        for _ in records:  # still report every bad line
            pass
        return result
    result.header = header
    for line, fields in records:
        values = dict(zip(header, fields, strict=True))
        result.rows.append({c: (values.get(c) or "").strip() for c in METADATA_COLUMNS})
        result.lines.append(line)
    return result


def append_rows(metadata: MetadataFile, rows: Sequence[Mapping[str, str]], *,
                extra_columns: Sequence[str] = ()) -> tuple[bytes, list[str]]:
    """The bytes of the file with ``rows`` appended; the old bytes are kept exactly.

    Args:
        metadata: the parsed file (:func:`parse_metadata` or :func:`read_metadata_file`; a
            missing or empty file gets the standard header).
        rows: new rows (``METADATA_COLUMNS`` names; a value must not contain a line break).
        extra_columns: columns Party Lines does not use that the rows fill (an import's table
            had them): added at the end of the header, so their values are kept, not dropped.

    Returns:
        ``(data, dropped)``: the new file, and the names of columns the rows fill that the
        file's header does not have (those values are not stored; the caller says so).

    Raises:
        ValueError: the file is not exact (its problems are named), or a value holds a line break.
    """
    if not metadata.exact:
        raise ValueError(f"{METADATA_FILE} cannot be read exactly: {metadata.describe_problems()}")
    filled = [c for c in (*OPTIONAL_METADATA_COLUMNS, *extra_columns) if any(str(r.get(c) or "").strip() for r in rows)]
    extra = [c for c in dict.fromkeys(extra_columns) if c not in METADATA_COLUMNS and c in filled]
    added = [c for c in (*OPTIONAL_METADATA_COLUMNS, *extra) if metadata.header and c not in metadata.header
             and c in filled]
    if added:  # an optional column (tags) an older file lacks: added once, every value kept
        metadata = with_columns(metadata, added)
    buffer = io.StringIO()
    header = metadata.header or [*METADATA_COLUMNS, *extra]
    writer = csv.writer(buffer, lineterminator=metadata.newline)
    if not metadata.header:
        writer.writerow(header)
    dropped: list[str] = []
    for row in rows:
        for name, value in row.items():
            if "\n" in str(value) or "\r" in str(value):
                raise ValueError(f"the {name} holds a line break")
            if value and name not in header and name not in dropped:
                dropped.append(name)
        writer.writerow([str(row.get(c, "") or "") for c in header])
    old = metadata.raw
    ends_open = old.removeprefix(codecs.BOM_UTF8) and not old.endswith((b"\n", b"\r"))
    separator = metadata.newline.encode() if ends_open else b""
    return old + separator + buffer.getvalue().encode("utf-8"), dropped


def with_columns(metadata: MetadataFile, names: Sequence[str]) -> MetadataFile:
    """The file with more (empty) columns at the end, parsed again.

    The only case in which the old bytes are not kept: a value the file already holds is
    checked to read back unchanged, else the file is left alone and the caller refused.

    Raises:
        ValueError: a value would not read back the same.
    """
    bom = codecs.BOM_UTF8 if metadata.raw.startswith(codecs.BOM_UTF8) else b""
    text = metadata.raw[len(bom):].decode("utf-8")
    records = [r for r in csv.reader(io.StringIO(text)) if r]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=metadata.newline)
    writer.writerow([*records[0], *names])
    writer.writerows([*r, *([""] * len(names))] for r in records[1:])
    again = parse_metadata(bom + buffer.getvalue().encode("utf-8"))
    if not again.exact or again.rows != metadata.rows:
        raise ValueError(f"{METADATA_FILE} could not be given the column(s) {', '.join(names)} without changing "
                         "other values; add the column to its header by hand")
    return again


def same_rows(metadata: MetadataFile, expected: Sequence[Mapping[str, str]]) -> bool:
    """True if the parsed file is exact and holds exactly ``expected`` (values compared stripped)."""
    want = [{c: str(r.get(c, "") or "").strip() for c in METADATA_COLUMNS} for r in expected]
    return metadata.exact and metadata.rows == want


def is_regular_file(path: Path) -> bool:
    """True for a regular file (not a folder, pipe, socket or device), following symlinks."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
