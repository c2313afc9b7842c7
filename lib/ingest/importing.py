"""Bulk import: many documents from a folder, a zip or a table, in one commit (issue 18).

``python -m lib import PATH`` and the Corpus page's "several files or a zip" both come here.
Every document goes through the same checks and messages as ``add``
(:func:`lib.ingest.adding.prepare`, :func:`lib.ingest.adding.validate_metadata`, and the
document must load exactly as the app will load it); what is refused is named with its reason
and the rest goes on. All documents that pass become visible together, through ONE commit of
the shared protocol (:mod:`lib.ingest.commit`): a crash at any moment leaves the corpus as it
was or with the whole import in it.

Where documents come from (:func:`sources`):

* a folder, walked recursively in name order; hidden files and folders (``.git``, ``.DS_Store``)
  are skipped and counted; symbolic links are refused (as ``add`` refuses them) unless asked;
* a zip archive, read in memory entry by entry (nothing is extracted to disk), with limits
  against hostile archives (:class:`ZipLimits`): entries whose names climb out of the archive
  (``../``, absolute paths, drive letters), links, encrypted entries and entries compressed
  suspiciously well (zip bombs) are refused, and an archive with too many entries or too many
  bytes in all is refused whole before anything is read;
* a table, CSV or JSON Lines, one document per record: a ``text`` column holding the text
  itself (stored as a UTF-8 ``.txt`` file), or a ``file`` (or ``path``) column naming a file
  relative to the table's folder; the other columns are metadata, named as in ``metadata.csv``.

Metadata for a folder or zip comes from ``--metadata FILE`` (a table whose ``file`` column is
the path inside the folder or zip, or the bare file name when it is unique), else from a
``metadata.csv`` at its top (so an exported or copied corpus imports as it is). A value given
for a document wins over what is detected in the file; ``--org`` is the organisation of the
documents whose metadata names none. A column Party Lines does not know is reported and kept:
its values are written to ``metadata.csv`` as an extra column, which the app ignores.

Duplicates are refused by content hash, against the corpus (each corpus file hashed once per
run, not once per document) and inside the batch. ``dry_run`` reads and checks everything and
writes nothing (not even the recovery of an interrupted write, nor the corpus folder).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lib.contracts import METADATA_COLUMNS, METADATA_FILE
from lib.ingest import adding, commit
from lib.ingest.corpus import document_row, make_doc_id, sha256_bytes
from lib.ingest.decoding import MAX_BYTES, RefusedInput
from lib.ingest.metadata_file import read_metadata_file
from lib.safe import show_invisible
from lib.words import org_key

MIB = 1024 * 1024
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
TEXT_COLUMN = "text"
PATH_COLUMNS = ("file", "path")  # the file of a record, relative to the table's folder
KNOWN_COLUMNS = (*[c for c in METADATA_COLUMNS if c != "file"], TEXT_COLUMN, *PATH_COLUMNS)
MAX_TABLE_BYTES = 512 * MIB  # a table holding its texts; far above 1,000 articles
MAX_EXTRA_CHARS = 1000  # a value of a column Party Lines does not know
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_COLUMN_NAME = re.compile(r"^[^\x00-\x1f\x7f,\"]{1,64}$")

Progress = Callable[[int, "int | None", str], None]
"""``progress(done, total, name)``: ``done`` documents of ``total`` (None while unknown) handled."""


@dataclass(frozen=True)
class ZipLimits:
    """What one zip archive may hold (defaults for the command line; the page passes smaller ones).

    Attributes:
        entries: entries in the archive (folders included); more is refused whole.
        total_bytes: uncompressed bytes of all entries together; more is refused whole.
        file_bytes: uncompressed bytes of one entry (``add``'s limit by default).
        ratio: largest uncompressed/compressed ratio of an entry over ``ratio_floor`` bytes:
            text compresses 3-10 times; a zip bomb thousands of times.
        ratio_floor: smaller entries are never refused for their ratio.
    """

    entries: int = 20_000
    total_bytes: int = 2048 * MIB
    file_bytes: int = MAX_BYTES
    ratio: int = 100
    ratio_floor: int = MIB


@dataclass
class Item:
    """One document to import: how the summary names it, its metadata, and how to read its bytes."""

    name: str
    file_name: str  # a name whose extension tells the format (``x.txt`` for a table's text)
    load: Callable[[], bytes]
    metadata: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # columns Party Lines does not know
    refusal: str | None = None  # refused before reading (a hostile zip entry, a link)


@dataclass
class Source:
    """What :func:`sources` found: the documents (read lazily), their number, and notes."""

    items: Iterable[Item]
    total: int | None
    notes: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Imported:
    """A document added (or, in a dry run, that would be)."""

    name: str
    doc_id: str
    file: str


@dataclass
class Summary:
    """What an import did: added, refused (name → reason), warnings (name → message)."""

    dry_run: bool = False
    added: list[Imported] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def headline(self) -> str:
        n, r = len(self.added), len(self.refused)
        verb = "would be added (dry run: nothing was written)" if self.dry_run else "added"
        return (f"{n:,} document{'' if n == 1 else 's'} {verb}; {r:,} refused; "
                f"{len(self.warnings):,} warning{'' if len(self.warnings) == 1 else 's'}.")

    def lines(self) -> list[str]:
        """The summary for a person, one line each (what the command prints and the page shows)."""
        out = [self.headline]
        if self.unknown_columns:
            out.append(f"Columns Party Lines does not use: {', '.join(self.unknown_columns)} — "
                       f"{'would be' if self.dry_run else 'were'} kept in {METADATA_FILE} as extra columns.")
        out += self.notes
        out += [f"refused: {name} → {reason}" for name, reason in self.refused]
        out += [f"warning: {name} → {message}" if name else f"warning: {message}" for name, message in self.warnings]
        return out


# ---------------------------------------------------------------- tables (CSV, JSON Lines)

def _clean(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text


def read_table(raw: bytes, *, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[str]]:
    """A CSV or JSON Lines table → ``(columns, [(line, record)], problems)``.

    Records are strings (a JSON number or list is kept as its JSON text). A line that cannot be
    read is one problem (``"line N: why"``); the others are still read.

    Raises:
        RefusedInput: not UTF-8, no header, a repeated column, or too large.
    """
    if len(raw) > MAX_TABLE_BYTES:
        raise RefusedInput(f"{name} is {len(raw) / MIB:,.0f} MB; a table may hold {MAX_TABLE_BYTES // MIB} MB.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise RefusedInput(f"{name} is not UTF-8 (line {line}); save it as UTF-8 and import it again.") from None
    problems: list[str] = []
    records: list[tuple[int, dict[str, str]]] = []
    columns: list[str] = []
    if PurePosixPath(name.lower()).suffix in (".jsonl", ".ndjson"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                problems.append(f"line {n}: not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                problems.append(f"line {n}: not a JSON object")
                continue
            for key in record:
                if str(key) not in columns:
                    columns.append(str(key))
            records.append((n, {str(k): _clean(v) for k, v in record.items()}))
        return columns, records, problems
    csv.field_size_limit(MAX_TABLE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise RefusedInput(f"{name}: the header line cannot be read ({exc}).") from None
    if not header or not any(h.strip() for h in header):
        raise RefusedInput(f"{name} has no header line naming its columns.")
    columns = [h.strip() for h in header]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise RefusedInput(f"{name}: the header names {', '.join(repeated)} twice.")
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {line}: {exc}")
            continue
        if not fields or not any(f.strip() for f in fields):
            continue
        if len(fields) != len(columns):
            problems.append(f"line {line}: {len(fields)} fields where the header names {len(columns)}")
            continue
        records.append((line, dict(zip(columns, fields, strict=True))))
    return columns, records, problems


def _split_record(record: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """A record → (metadata of ``metadata.csv``'s names, values of unknown columns)."""
    meta = {k: str(v).strip() for k, v in record.items() if k in METADATA_COLUMNS and k != "file"}
    extra = {k: _CONTROL.sub(" ", str(v).replace("\r", " ").replace("\n", " ")).strip()[:MAX_EXTRA_CHARS]
             for k, v in record.items() if k not in KNOWN_COLUMNS}
    return meta, {k: v for k, v in extra.items() if v}


def _unknown(columns: Sequence[str]) -> list[str]:
    unknown = [c for c in columns if c not in KNOWN_COLUMNS]
    bad = [c for c in unknown if not _COLUMN_NAME.match(c) or c != c.strip()]
    if bad:
        raise RefusedInput(f"The column name {show_invisible(bad[0][:40])!r} cannot be a column of {METADATA_FILE} "
                           "(empty, too long, or holding a comma, a quote or a control character).")
    return unknown


class _Lookup:
    """Metadata records of a table found by the path of a file inside a folder or zip."""

    def __init__(self, records: list[tuple[int, dict[str, str]]], *, where: str) -> None:
        self.by_path: dict[str, tuple[int, dict[str, str]]] = {}
        self.by_name: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.where = where
        self.problems: list[str] = []
        for line, record in records:
            path = next((record[c] for c in PATH_COLUMNS if record.get(c, "").strip()), "").strip()
            key = _norm(path)
            if not key:
                self.problems.append(f"line {line}: no file named (a 'file' column is needed)")
                continue
            if key in self.by_path:
                self.problems.append(f"line {line}: {path} is described twice; the first row is used")
                continue
            self.by_path[key] = (line, record)
            self.by_name.setdefault(PurePosixPath(key).name, []).append(key)

    def find(self, path: str) -> dict[str, str]:
        key = _norm(path)
        if key not in self.by_path:
            names = self.by_name.get(PurePosixPath(key).name, [])
            if len(names) != 1:
                return {}
            key = names[0]
        self.used.add(key)
        return self.by_path[key][1]

    def unused(self) -> list[str]:
        return [f"{self.where} line {line} describes {show_invisible(key)}, which is not in the import."
                for key, (line, _) in self.by_path.items() if key not in self.used]


def _norm(path: str) -> str:
    return str(PurePosixPath(path.replace("\\", "/").strip().lstrip("./"))) if path.strip() else ""


def _metadata_lookup(raw: bytes, *, name: str, where: str) -> tuple[_Lookup, list[str]]:
    columns, records, problems = read_table(raw, name=name)
    if not any(c in columns for c in PATH_COLUMNS):
        raise RefusedInput(f"{where} has no 'file' column naming the file each row describes.")
    lookup = _Lookup(records, where=where)
    lookup.problems = [f"{where} {p}" for p in problems + lookup.problems]
    return lookup, _unknown([c for c in columns if c not in PATH_COLUMNS])


# ---------------------------------------------------------------- folders

def _folder_files(root: Path, *, skip: Path | None) -> tuple[list[tuple[str, Path]], list[tuple[str, str]], int]:
    """``([(relative path, path)], [(relative path, refusal)], hidden entries skipped)`` in name order."""
    files: list[tuple[str, Path]] = []
    refused: list[tuple[str, str]] = []
    hidden = 0
    for top, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for d in list(dirs):
            path = Path(top) / d
            if d.startswith("."):
                dirs.remove(d)
                hidden += 1
            elif path.is_symlink():
                dirs.remove(d)
                refused.append((path.relative_to(root).as_posix(),
                                f"a symbolic link to a folder ({os.readlink(path)}); it was not followed."))
        for n in sorted(names):
            path = Path(top) / n
            if n.startswith("."):
                hidden += 1
                continue
            if skip is not None and path.resolve() == skip:
                continue
            files.append((path.relative_to(root).as_posix(), path))
    return sorted(files), refused, hidden


def _folder(root: Path, *, metadata: bytes | None, metadata_name: str, follow_symlinks: bool,
            file_bytes: int, skip: Path | None) -> Source:
    files, refused, hidden = _folder_files(root, skip=skip)
    notes: list[str] = []
    unknown: list[str] = []
    lookup = None
    own = root / METADATA_FILE
    if metadata is None and adding.is_regular_file(own):
        metadata, metadata_name = own.read_bytes(), f"{METADATA_FILE} in the folder"
        notes.append(f"Metadata read from the folder's own {METADATA_FILE}.")
        files = [(rel, p) for rel, p in files if rel != METADATA_FILE]
    if metadata is not None:
        lookup, unknown = _metadata_lookup(metadata, name=metadata_name, where=metadata_name)
        notes += lookup.problems
    if hidden:
        notes.append(f"{hidden} hidden file{'s' if hidden > 1 else ''} or folder{'s' if hidden > 1 else ''} "
                     "(names starting with '.') skipped.")

    def items() -> Iterator[Item]:
        for rel, why in refused:
            yield Item(rel, rel, lambda: b"", refusal=why)
        for rel, path in files:  # a file removed since the walk is refused, not a crash
            yield Item(rel, path.name, _file_reader(path, follow_symlinks, file_bytes))

    return Source(_with_lookup(items(), lookup, notes), len(files) + len(refused), notes, unknown)


def _with_lookup(items: Iterator[Item], lookup: _Lookup | None, notes: list[str]) -> Iterator[Item]:
    for item in items:
        if lookup is not None and item.refusal is None:
            item.metadata, item.extra = _split_record(lookup.find(item.name))
        yield item
    if lookup is not None:  # known once every document has been seen
        notes += lookup.unused()


# ---------------------------------------------------------------- zip archives

def _entry_refusal(info: zipfile.ZipInfo, limits: ZipLimits) -> str | None:
    """Why a zip entry is not read, or None."""
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if ("\x00" in name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts):
        return ("its name is a path that points outside the archive (absolute, a drive, or '..'); "
                "it was not read.")
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        return "it is a symbolic link; links in an archive are not followed."
    if info.flag_bits & 0x1:
        return "it is encrypted; Party Lines does not read encrypted archives."
    if info.file_size > limits.file_bytes:
        return f"it is {info.file_size / MIB:.1f} MB unpacked; the limit is {limits.file_bytes / MIB:.0f} MB per file."
    if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
        return (f"it unpacks to {info.file_size / max(info.compress_size, 1):,.0f} times its packed size, as a "
                "zip bomb does; it was not read.")
    return None


def _zip(data: bytes | Path, *, name: str, metadata: bytes | None, metadata_name: str,
         limits: ZipLimits) -> Source:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise RefusedInput(f"{name} is not a readable zip archive ({exc}).") from None
    if len(infos) > limits.entries:
        raise RefusedInput(f"{name} holds {len(infos):,} entries; an import may hold {limits.entries:,}. "
                           "Split it into smaller archives.")
    declared = sum(i.file_size for i in infos)
    if declared > limits.total_bytes:
        raise RefusedInput(f"{name} unpacks to {declared / MIB:,.0f} MB; an import may unpack to "
                           f"{limits.total_bytes / MIB:,.0f} MB. Split it into smaller archives.")
    notes: list[str] = []
    entries = [i for i in infos if not i.is_dir()]
    # Hidden entries (".DS_Store", "__MACOSX/") are skipped; ".." is not hidden: it is refused below.
    hidden = [i for i in entries if _entry_refusal(i, limits) is None
              and any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in i.filename.split("/"))]
    entries = [i for i in entries if i not in hidden]
    if hidden:
        notes.append(f"{len(hidden)} hidden entr{'ies' if len(hidden) > 1 else 'y'} (names starting with '.', "
                     "or __MACOSX) skipped.")
    unknown: list[str] = []
    lookup = None
    own = next((i for i in entries if i.filename == METADATA_FILE), None)
    if metadata is None and own is not None and _entry_refusal(own, limits) is None:
        metadata, metadata_name = _read_entry(archive, own, limits), f"{METADATA_FILE} in {name}"
        notes.append(f"Metadata read from the archive's own {METADATA_FILE}.")
    if own is not None and metadata_name == f"{METADATA_FILE} in {name}":
        entries.remove(own)
    if metadata is not None:
        lookup, unknown = _metadata_lookup(metadata, name=metadata_name, where=metadata_name)
        notes += lookup.problems
    read_so_far = [0]

    def reader(info: zipfile.ZipInfo) -> Callable[[], bytes]:
        def load() -> bytes:
            data = _read_entry(archive, info, limits)
            read_so_far[0] += len(data)
            if read_so_far[0] > limits.total_bytes:
                raise RefusedInput(f"the archive has unpacked to more than {limits.total_bytes / MIB:,.0f} MB so far; "
                                   "the rest was not read.")
            return data
        return load

    def items() -> Iterator[Item]:
        for info in entries:
            shown = show_invisible(info.filename)
            why = _entry_refusal(info, limits)
            yield Item(shown, PurePosixPath(info.filename.replace("\\", "/")).name or "x", reader(info), refusal=why)

    return Source(_with_lookup(items(), lookup, notes), len(entries), notes, unknown)


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
    """An entry's bytes, never more than the limit (the sizes in an archive's directory can lie)."""
    try:
        with archive.open(info) as handle:
            data = handle.read(limits.file_bytes + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise RefusedInput(f"it cannot be unpacked ({exc}).") from None
    if len(data) > limits.file_bytes:
        raise RefusedInput(f"it unpacks to more than {limits.file_bytes / MIB:.0f} MB (more than the archive "
                           "declares); the limit is per file.")
    return data


# ---------------------------------------------------------------- tables of documents

def _table(path: Path, raw: bytes, *, follow_symlinks: bool, file_bytes: int) -> Source:
    columns, records, problems = read_table(raw, name=path.name)
    if TEXT_COLUMN not in columns and not any(c in columns for c in PATH_COLUMNS):
        raise RefusedInput(f"{path.name} has no '{TEXT_COLUMN}' column (the text of each document) and no 'file' "
                           "column (the file of each document); one of them is needed.")
    unknown = _unknown(columns)
    notes = [f"{path.name} {p}; that line was not read." for p in problems]
    base = path.parent

    def items() -> Iterator[Item]:
        for line, record in records:
            meta, extra = _split_record(record)
            text = record.get(TEXT_COLUMN, "")
            target = next((record[c] for c in PATH_COLUMNS if record.get(c, "").strip()), "").strip()
            name = f"{path.name} line {line}" + (f" ({show_invisible(target[:80])})" if target else "")
            if text.strip():
                data = text.encode("utf-8")
                yield Item(name, "x.txt", lambda data=data: data, meta, extra)
            elif target:
                file = (base / target) if not Path(target).is_absolute() else Path(target)
                yield Item(name, file.name, _file_reader(file, follow_symlinks, file_bytes), meta, extra)
            else:
                yield Item(name, "x.txt", lambda: b"", meta, extra,
                           refusal=f"neither a '{TEXT_COLUMN}' nor a 'file' value; there is nothing to add.")

    return Source(items(), len(records), notes, unknown)


def _file_reader(path: Path, follow_symlinks: bool, max_bytes: int) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            return adding.read_input_file(path, follow_symlinks=follow_symlinks, max_bytes=max_bytes)
        except FileNotFoundError:
            raise RefusedInput(f"no such file: {show_invisible(str(path))}.") from None
    return load


# ---------------------------------------------------------------- finding the documents

def sources(path: Path | str, *, metadata: Path | str | None = None, follow_symlinks: bool = False,
            zip_limits: ZipLimits | None = None) -> Source:
    """The documents at ``path``: a folder, a zip archive, or a CSV/JSON Lines table.

    Raises:
        FileNotFoundError: nothing at ``path`` (or at ``metadata``).
        RefusedInput: an unreadable archive or table, an archive over its limits, a
            metadata table without a ``file`` column, ``metadata`` given for a table.
    """
    path = Path(path)
    limits = zip_limits or ZipLimits()
    meta_raw = adding.read_input_file(metadata, follow_symlinks=True, max_bytes=MAX_TABLE_BYTES) \
        if metadata is not None else None
    meta_name = Path(metadata).name if metadata is not None else ""
    if path.is_dir():
        return _folder(path, metadata=meta_raw, metadata_name=meta_name, follow_symlinks=follow_symlinks,
                       file_bytes=limits.file_bytes,
                       skip=Path(metadata).resolve() if metadata is not None else None)
    if not path.exists() and not path.is_symlink():
        raise FileNotFoundError(path)
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        if metadata is not None:
            raise RefusedInput("--metadata is for a folder or a zip; a table holds its metadata in its own columns.")
        raw = adding.read_input_file(path, follow_symlinks=follow_symlinks, max_bytes=MAX_TABLE_BYTES)
        return _table(path, raw, follow_symlinks=follow_symlinks, file_bytes=limits.file_bytes)
    if suffix == ".zip" or (adding.is_regular_file(path) and zipfile.is_zipfile(path)):
        if path.is_symlink() and not follow_symlinks:
            raise RefusedInput(f"{path} is a symbolic link (to {os.readlink(path)}); it was not followed. Import the "
                               "archive itself, or use --follow-symlinks if you mean the file it points to.")
        if not adding.is_regular_file(path):
            raise RefusedInput(f"{path} is not a regular file; only a folder, a regular zip file or a table "
                               "can be imported.")
        # Read from the file as needed (an archive may be far larger than memory should hold).
        return _zip(path, name=path.name, metadata=meta_raw, metadata_name=meta_name, limits=limits)
    raise RefusedInput(f"{path.name} is not a folder, a .zip archive or a table ({', '.join(TABLE_SUFFIXES)}); "
                       "to add one document, use `python -m lib add`.")


def uploaded_sources(files: Sequence[tuple[str, bytes]], *, zip_limits: ZipLimits) -> Source:
    """Files received by the Corpus page (several at once; a zip among them is opened).

    Only the contents of what was received are read: nothing on the server's disk, so a zip's
    ``metadata.csv`` describes only the entries of that zip.
    """
    parts: list[Source] = []
    singles: list[Item] = []
    for name, data in files:
        shown = show_invisible(PurePosixPath(str(name).replace("\\", "/")).name or "upload")
        if shown.lower().endswith(".zip"):
            try:
                part = _zip(data, name=shown, metadata=None, metadata_name="", limits=zip_limits)
            except RefusedInput as exc:
                singles.append(Item(shown, shown, lambda: b"", refusal=str(exc)))
                continue
            part.items = _prefixed(part.items, shown)
            parts.append(part)
        else:
            singles.append(Item(shown, shown, lambda data=data: data))

    notes: list[str] = []

    def items() -> Iterator[Item]:
        yield from singles
        for part in parts:
            yield from part.items
            notes.extend(part.notes)

    total = len(singles) + sum(p.total or 0 for p in parts)
    return Source(items(), total, notes, list(dict.fromkeys(c for p in parts for c in p.unknown_columns)))


def _prefixed(items: Iterable[Item], prefix: str) -> Iterator[Item]:
    for item in items:
        item.name = f"{prefix}: {item.name}"
        yield item


# ---------------------------------------------------------------- importing

@dataclass
class _ReadOnly:
    """What :func:`adding._existing_hashes` reads of a transaction, for a dry run (no lock, no write)."""

    directory: Path
    rows: list[dict[str, str]]


class _Names:
    """Generated file names ``NNN_<sha256 prefix><ext>`` (as ``add`` names them), the folder listed once."""

    def __init__(self, directory: Path, taken: Callable[[str], bool]) -> None:
        try:
            numbers = [int(m.group(1)) for p in directory.iterdir() if (m := re.match(r"^(\d+)_", p.name))]
        except FileNotFoundError:
            numbers = []
        self.next = max(numbers) + 1 if numbers else 0
        self.taken = taken

    def new(self, sha: str, suffix: str) -> str:
        name = f"{self.next:03d}_{sha[:16]}{suffix}"
        while self.taken(name):
            self.next += 1
            name = f"{self.next:03d}_{sha[:16]}{suffix}"
        self.next += 1
        return name


def run_import(directory: Path | str, source: Source, *, org: str = "", tags: str = "", dry_run: bool = False,
               max_bytes: int = MAX_BYTES, progress: Progress | None = None) -> Summary:
    """Check every document of ``source`` and add those that pass to the corpus in one commit.

    Args:
        directory: the corpus folder.
        source: what :func:`sources` or :func:`uploaded_sources` found.
        org: organisation of documents whose metadata names none.
        tags: tags (``;``-separated) added to every document's own.
        dry_run: check everything, write nothing.
        max_bytes: size limit of one document.
        progress: called after each document.

    Returns:
        The :class:`Summary`.

    Raises:
        RefusedInput: ``metadata.csv`` cannot be read exactly (nothing can be added until it is
            fixed), or the new ``metadata.csv`` would not read back as written.
        OSError: writing failed; the corpus is unchanged.
    """
    directory = Path(directory)
    summary = Summary(dry_run=dry_run, unknown_columns=list(source.unknown_columns))
    if dry_run:
        metadata = read_metadata_file(directory)
        if not metadata.exact:
            raise RefusedInput(f"{METADATA_FILE} cannot be read exactly, so nothing can be added until it is "
                               f"fixed: {metadata.describe_problems()}.")
        if commit.pending(directory):
            summary.notes.append("An interrupted write is waiting to be finished; the import will finish it first.")
        view = _ReadOnly(directory, list(metadata.rows))
        _import(view, source, summary, org=org, tags=tags, max_bytes=max_bytes, progress=progress,
                names=_Names(directory, lambda n: (directory / n).exists()), stage=None)
        summary.notes = [*source.notes, *summary.notes]  # the source's notes are complete once it is read
        return summary
    with commit.transaction(directory) as tx:
        if source.unknown_columns:
            tx.extra_columns = list(source.unknown_columns)
        _import(tx, source, summary, org=org, tags=tags, max_bytes=max_bytes, progress=progress,
                names=_Names(directory, tx.taken), stage=tx)
    assert tx.committed is not None
    summary.notes = [*source.notes, *summary.notes, *(n for n in tx.committed.notes if n not in summary.notes)]
    return summary


def _import(tx: commit.Transaction | _ReadOnly, source: Source, summary: Summary, *, org: str, tags: str,
            max_bytes: int, progress: Progress | None, names: _Names, stage: commit.Transaction | None) -> None:
    rows = tx.rows if stage is None else []  # a transaction keeps its own rows
    # Every corpus file hashed once, for the whole import (a dry run may name a folder not made yet).
    existing = adding._existing_hashes(tx) if tx.directory.is_dir() else {}
    in_batch: dict[str, str] = {}
    known: dict[str, tuple[str, str]] = {org_key(full): (short, full)
                                         for short, full in adding.known_organisations(tx.rows)}
    taken_ids = {r["id"] for r in tx.rows}
    done = 0
    for item in source.items:
        try:
            added = _one(item, existing=existing, in_batch=in_batch, known=known, taken_ids=taken_ids, org=org,
                         tags=tags, max_bytes=max_bytes, names=names, stage=stage, summary=summary)
        except RefusedInput as exc:
            summary.refused.append((item.name, str(exc)))
        else:
            if stage is None:
                rows.append(added)
        done += 1
        commit._step(f"import {done}")  # the kill tests' hook (PARTY_LINES_COMMIT_PAUSE="60@import 10")
        if progress is not None:
            progress(done, source.total, item.name)


def _one(item: Item, *, existing: dict[str, str], in_batch: dict[str, str], known: dict[str, tuple[str, str]],
         taken_ids: set[str], org: str, tags: str, max_bytes: int, names: _Names,
         stage: commit.Transaction | None, summary: Summary) -> dict[str, str]:
    """Check, name and stage one document (the steps of :func:`adding.add_document`); its row."""
    if item.refusal:
        raise RefusedInput(item.refusal)
    raw = item.load()
    sha = sha256_bytes(raw)  # a duplicate is refused before the work of checking it
    if sha in existing:
        raise RefusedInput(f"This file is already in the corpus as '{existing[sha]}'; it was not added again.")
    if sha in in_batch:
        raise RefusedInput(f"The same content is already in this import as '{in_batch[sha]}'; "
                           "it was not added twice.")
    prepared = adding.prepare(raw, name=item.file_name, max_bytes=max_bytes)
    given = {k: v for k, v in item.metadata.items() if v and k != "id"}
    if not given.get("organisation") and org:
        given["organisation"] = org
    if tags:
        given["tags"] = ";".join(t for t in (given.get("tags", ""), tags) if t)
    if not given.get("organisation"):
        raise RefusedInput("An organisation is required: give --org, or an 'organisation' column in the metadata.")
    filled = {**prepared.suggestion.values, **given}
    row, messages = adding.validate_metadata(filled, known=list(known.values()), text=prepared.cleaned.text)
    wanted = item.metadata.get("id", "").strip()
    if wanted and _DOC_ID.match(wanted) and wanted not in taken_ids:
        doc_id = wanted
    else:
        if wanted:
            messages.append(f"The id '{show_invisible(wanted[:100])}' is "
                            f"{'taken' if wanted in taken_ids else 'not a plain id (letters, digits, . _ -)'}; "
                            "a new one was made.")
        doc_id = make_doc_id(org_short=row["org_short"], date=row["date"], title=row["title"] or "untitled",
                             taken=taken_ids)
    file_name = names.new(prepared.sha256, prepared.suffix)
    row = {**row, "id": doc_id, "file": file_name, **item.extra}
    # The row must load as the app will load it; built from what prepare() decoded and cleaned
    # (as for a session upload), not by decoding and cleaning the same bytes a second time.
    document_row(row, file=file_name, encoding=prepared.encoding, fmt=prepared.fmt, text=prepared.cleaned.text,
                 sha256=sha)
    if stage is not None:
        stage.stage(file_name, raw)
        stage.append(row)
    known.setdefault(org_key(row["organisation"]), (row["org_short"], row["organisation"]))
    taken_ids.add(doc_id)
    in_batch[prepared.sha256] = item.name
    summary.added.append(Imported(item.name, doc_id, file_name))
    for message in list(prepared.warnings) + messages:
        summary.warnings.append((item.name, message))
    return row
