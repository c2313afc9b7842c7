"""The one commit protocol for every write to a corpus folder (``add``, the Corpus page, ``import``).

A write adds files and rows of ``metadata.csv`` together: after a crash at any moment the
loader sees the corpus either as it was or with everything added, never a document without
its row (an "unknown" orphan) or a row without its document.

How (all under an exclusive ``fcntl.flock`` on the corpus folder, so writers queue)::

    corpus/.commit/<id>.staging/   1. new files and the new metadata.csv are written here
                                      (fsync'd; the loader never reads this folder); the new
                                      metadata.csv is read back and must hold exactly the old
                                      rows plus the new ones; journal.json lists the moves
    corpus/.commit/<id>.commit/    2. the commit point: one atomic rename of the folder
    corpus/<files>, metadata.csv   3. each file moved into place, metadata.csv last
                                   4. the folder removed

:func:`recover` (run before every write, and by the loader) finishes what a killed writer
left: a ``.staging`` folder is deleted (nothing was visible yet: the corpus is as it was), a
``.commit`` folder is rolled forward (the moves it lists are done again; each is idempotent),
and temporary ``.tmp-add-*.part`` files of the previous add code are removed. If the
metadata.csv was changed by hand between the crash and the recovery, the write is rolled
back instead (the files it had placed are removed) and a notice says so.

Readers take no lock (a hosted app may not be allowed to write the folder): the loader
checks with :func:`settled` that no commit was being applied while it read, and reads again
if one was (:func:`visible_state` changes with every commit).

API::

    with transaction(folder) as tx:          # lock, recover, parse metadata.csv strictly
        tx.metadata.rows                     # the current rows (RefusedInput if not exact)
        tx.stage("005_ab12.txt", data)       # a new file (name must be free)
        tx.append({"id": ..., "file": "005_ab12.txt", ...})
    # leaving the block commits; an exception rolls everything back

    commit(folder, {"005_ab12.txt": data}, [row])    # the same in one call
    recover(folder) -> list[Recovery]                # what was completed or rolled back

``PARTY_LINES_COMMIT_PAUSE`` (tests only) prints ``commit step: <name>`` to stderr after each
step and pauses: ``"0.3"`` after every step, ``"60@committed"`` only after the steps whose
name starts with "committed" — so a test can kill a writer at a chosen point.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.contracts import METADATA_FILE
from lib.ingest.decoding import RefusedInput
from lib.ingest.metadata_file import MetadataFile, append_rows, parse_metadata, read_metadata_file, same_rows

COMMIT_DIR = ".commit"
JOURNAL = "journal.json"
STAGING, COMMITTED = ".staging", ".commit"
LEGACY_PARTS = ".tmp-add-*.part"  # temporary files of the add code before this protocol
PAUSE_ENV = "PARTY_LINES_COMMIT_PAUSE"


@dataclass(frozen=True)
class Recovery:
    """What :func:`recover` did, for a person; ``level`` as in ``lib.ingest.corpus.Notice``."""

    message: str
    level: str = "info"


@dataclass(frozen=True)
class Committed:
    """A finished commit: the files placed, the number of rows appended, notes for a person."""

    files: tuple[str, ...]
    rows: int
    notes: tuple[str, ...] = ()


def _step(name: str) -> None:
    # A test hook (see the module docstring); costs one environment lookup otherwise.
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        seconds, _, only = pause.partition("@")
        print(f"commit step: {name}", file=sys.stderr, flush=True)
        if name.startswith(only):
            time.sleep(float(seconds))


# ---------------------------------------------------------------- small file helpers

def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Create ``path`` (never overwrite), write and (``sync``) fsync; permissions follow the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def safe_file_name(name: str) -> bool:
    """A plain, visible file name inside the folder (no path, not hidden, not metadata.csv)."""
    return (bool(name) and name == os.path.basename(name) and "\\" not in name and "\x00" not in name
            and not name.startswith(".") and name != METADATA_FILE)


@contextlib.contextmanager
def _lock(directory: Path, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive flock on the folder itself (no lock file: a refused write leaves no trace).

    Yields False (without the lock) when ``wait`` is False and another writer holds it.
    """
    fd = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- reading without a lock

def _entries(directory: Path) -> list[Path]:
    try:
        return sorted((directory / COMMIT_DIR).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


def pending(directory: Path | str) -> bool:
    """True if :func:`recover` has something to do (a commit folder or a legacy ``.part`` file)."""
    directory = Path(directory)
    # An empty .commit folder counts: a writer killed between removing its journal and the
    # folder leaves one.
    return (directory / COMMIT_DIR).exists() or any(True for _ in directory.glob(LEGACY_PARTS))


def visible_state(directory: Path | str) -> tuple[bool, tuple[int, int, int] | None]:
    """``(a commit is being applied, identity of metadata.csv)``: equal before and after a
    read means no commit changed what the reader saw (every commit replaces metadata.csv)."""
    directory = Path(directory)
    applying = any(e.name.endswith(COMMITTED) for e in _entries(directory))
    try:
        st = os.stat(directory / METADATA_FILE)
        ident = (st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:
        ident = None
    return applying, ident


def settled(before: tuple[bool, tuple[int, int, int] | None], directory: Path | str) -> bool:
    """True if a read that began at ``before`` (:func:`visible_state`) saw one state of the corpus."""
    after = visible_state(directory)
    return not before[0] and not after[0] and before[1] == after[1]


# ---------------------------------------------------------------- recovery

def recover(directory: Path | str, *, wait: bool = True) -> list[Recovery]:
    """Finish or undo what an interrupted writer left in a corpus folder.

    Args:
        directory: the corpus folder.
        wait: wait for a writer that holds the lock (False: return at once; a live writer's
            staging folder is not stale and is left alone).

    Returns:
        One :class:`Recovery` per commit completed or rolled back and per group of stale
        files removed; ``level`` "warning" when something could not be done (e.g. the folder
        is read-only for this user).
    """
    directory = Path(directory)
    if not directory.is_dir() or not pending(directory):
        return []
    try:
        with _lock(directory, wait=wait) as locked:
            return _recover_locked(directory) if locked else []
    except OSError as exc:
        return [Recovery(f"An interrupted write to the corpus folder could not be finished ({_reason(exc)}); "
                         "it will be finished by the next load or add by a user who may write to the folder.",
                         "warning")]


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _recover_locked(directory: Path) -> list[Recovery]:
    out: list[Recovery] = []
    stale = 0
    for entry in _entries(directory):
        try:
            if entry.name.endswith(COMMITTED) and entry.is_dir():
                out.append(_finish(directory, entry))
            elif entry.name.endswith(STAGING) or entry.name.startswith(".tmp-"):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
                stale += 1
        except OSError as exc:
            out.append(Recovery(f"An interrupted write ({entry.name}) could not be finished "
                                f"({_reason(exc)}).", "warning"))
    for part in directory.glob(LEGACY_PARTS):
        try:
            part.unlink()
            stale += 1
        except OSError as exc:
            out.append(Recovery(f"A temporary file of an interrupted add ({part.name}) could not be removed "
                                f"({_reason(exc)}).", "warning"))
    if stale:
        out.append(Recovery(f"{stale} unfinished write{'s' if stale > 1 else ''} that had not yet changed the "
                            "corpus (the writer was stopped) left temporary files; they were removed."))
    with contextlib.suppress(OSError):
        (directory / COMMIT_DIR).rmdir()  # only if empty: keeps the folder as it was
    return out


def _finish(directory: Path, entry: Path) -> Recovery:
    """Roll a committed entry forward (or back, if metadata.csv changed since the commit point)."""
    try:
        journal = json.loads((entry / JOURNAL).read_text(encoding="utf-8"))
        moves = [(str(m["staged"]), str(m["final"]), str(m["sha256"])) for m in journal["files"]]
        old_sha = journal["metadata"]["old_sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(entry)
        return Recovery(f"An interrupted write ({entry.name}) had no readable journal; it was discarded. "
                        "Documents it may have placed load as 'unknown' with a notice.", "warning")
    names = ", ".join(final for _, final, _ in moves) or "no files"
    if _roll_forward(directory, entry, moves, old_sha):
        return Recovery(f"An interrupted write was completed: {names} and {METADATA_FILE} now hold what was added.")
    _roll_back(directory, entry, moves)
    return Recovery(f"An interrupted write ({names}) was undone: {METADATA_FILE} was changed after it began. "
                    "Add those documents again.", "warning")


def _roll_forward(directory: Path, entry: Path, moves: Sequence[tuple[str, str, str]], old_sha: str | None) -> bool:
    """Do the journal's moves, metadata.csv last; False (nothing more done) on a conflict."""
    staged_meta = entry / METADATA_FILE
    if staged_meta.exists() and _sha(directory / METADATA_FILE) != old_sha:
        return False  # someone edited metadata.csv meanwhile: never overwrite their work
    for staged, final, sha in moves:
        source, target = entry / staged, directory / final
        if not source.exists():
            continue  # moved before the crash
        if target.exists() or target.is_symlink():
            if _sha(target) != sha:
                return False
            source.unlink()
            continue
        os.replace(source, target)
        _step(f"moved {final}")
    _fsync_dir(directory)
    if staged_meta.exists():
        os.replace(staged_meta, directory / METADATA_FILE)
        _fsync_dir(directory)
        _step("metadata replaced")
    # Done: what is left is an empty journal folder, which recovery removes if this fails.
    shutil.rmtree(entry, ignore_errors=True)
    _step("journal removed")
    return True


def _roll_back(directory: Path, entry: Path, moves: Sequence[tuple[str, str, str]]) -> None:
    """Remove what a commit placed (metadata.csv is never touched: it was not replaced)."""
    for staged, final, sha in moves:
        target = directory / final
        if not (entry / staged).exists() and not target.is_symlink() and _sha(target) == sha:
            target.unlink()
    shutil.rmtree(entry, ignore_errors=True)
    with contextlib.suppress(OSError):
        _fsync_dir(directory)


# ---------------------------------------------------------------- writing

@dataclass
class Transaction:
    """One write in progress (see :func:`transaction`); only the lock holder has one."""

    directory: Path
    metadata: MetadataFile
    notes: list[str] = field(default_factory=list)
    committed: Committed | None = None  # set when the ``with`` block has committed
    # Columns of metadata.csv's rows Party Lines does not use (an import's table had them):
    # added to the header so their values are kept (lib.ingest.metadata_file.append_rows).
    extra_columns: list[str] = field(default_factory=list)
    _staged: dict[str, tuple[str, str]] = field(default_factory=dict)  # final name → (staged name, sha256)
    _rows: list[dict[str, str]] = field(default_factory=list)
    _entry: Path | None = None

    @property
    def rows(self) -> list[dict[str, str]]:
        """The rows of metadata.csv as they will be: the current ones, then those appended."""
        return [*self.metadata.rows, *self._rows]

    def taken(self, name: str) -> bool:
        """True if a file of that name is in the folder or staged in this write."""
        path = self.directory / name
        return name in self._staged or path.exists() or path.is_symlink()

    def stage(self, name: str, data: bytes) -> None:
        """Write a new file to the staging folder; it appears as ``<folder>/<name>`` on commit.

        Raises:
            ValueError: not a plain file name, or the name is taken.
            OSError: writing failed (the caller's ``with`` block then rolls back).
        """
        if not safe_file_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
        if self.taken(name):
            raise ValueError(f"a file named {name} is already in the corpus")
        entry = self._staging()
        staged = f"f{len(self._staged):06d}"
        # Synced all together before the commit point (_commit): one fsync per file as it is
        # staged cost an import of 1,000 files a journal commit each (10 of its 27 s on a busy
        # disk); fsyncs in a row after the writes mostly find their data already on disk.
        _write_new(entry / staged, data, sync=False)
        self._staged[name] = (staged, hashlib.sha256(data).hexdigest())

    def append(self, row: Mapping[str, str]) -> None:
        """Add a metadata row; its ``file`` must be staged in this write or already in the folder.

        Raises:
            ValueError: no id or file, an id already used, or a file that is not there.
        """
        row = {k: "" if v is None else str(v) for k, v in row.items()}
        if not row.get("id") or not row.get("file"):
            raise ValueError("a metadata row needs an id and a file")
        if row["id"] in {r["id"] for r in self.rows}:
            raise ValueError(f"the id {row['id']} is already used")
        if row["file"] not in self._staged and not (self.directory / row["file"]).is_file():
            raise ValueError(f"no file {row['file']} in the corpus or in this write")
        self._rows.append(row)

    def _staging(self) -> Path:
        if self._entry is None:
            (self.directory / COMMIT_DIR).mkdir(exist_ok=True)
            self._entry = self.directory / COMMIT_DIR / f"{uuid.uuid4().hex[:16]}{STAGING}"
            self._entry.mkdir()
        return self._entry

    def _discard(self) -> None:
        if self._entry is not None:
            shutil.rmtree(self._entry, ignore_errors=True)
        with contextlib.suppress(OSError):
            (self.directory / COMMIT_DIR).rmdir()

    def _commit(self) -> Committed:
        if not self._staged and not self._rows:
            self._discard()
            return Committed((), 0, tuple(self.notes))
        entry = self._staging()
        for staged, _ in self._staged.values():  # every new file on disk before the journal names it
            _fsync_file(entry / staged)
        data, dropped = append_rows(self.metadata, self._rows, extra_columns=self.extra_columns)
        for name in dropped:
            self.notes.append(f"{METADATA_FILE} has no column '{name}': that value was not stored.")
        _write_new(entry / METADATA_FILE, data)
        # Verified by reading back what is on disk: exactly the old rows and the new ones.
        written = parse_metadata((entry / METADATA_FILE).read_bytes())
        widened = written.header != self.metadata.header and bool(self.metadata.header)  # a column added (tags)
        if not same_rows(written, self.rows) or not (widened or written.raw.startswith(self.metadata.raw)):
            raise RefusedInput(f"The new {METADATA_FILE} would not read back as written; nothing was added.")
        _step("staged")
        journal = {"version": 1,
                   "files": [{"staged": s, "final": f, "sha256": h} for f, (s, h) in self._staged.items()],
                   "metadata": {"old_sha256": hashlib.sha256(self.metadata.raw).hexdigest()
                                if self.metadata.exists else None}}
        _write_new(entry / JOURNAL, json.dumps(journal, indent=1).encode())
        _fsync_dir(entry)
        _step("journal written")
        committed = entry.with_name(entry.name.removesuffix(STAGING) + COMMITTED)
        os.rename(entry, committed)  # the commit point
        self._entry = None
        _fsync_dir(committed.parent)
        _step("committed")
        moves = [(s, f, h) for f, (s, h) in self._staged.items()]
        try:
            if not _roll_forward(self.directory, committed, moves, journal["metadata"]["old_sha256"]):
                raise OSError(errno.EEXIST, "the corpus changed while writing")
        except BaseException:
            if (committed / METADATA_FILE).exists():
                # metadata.csv not replaced yet: undo now, so "nothing was added" is true
                # (if even that fails, recover() finishes the job on the next start).
                with contextlib.suppress(OSError):
                    _roll_back(self.directory, committed, moves)
                raise
            # Everything is in place; only tidying failed (recover() removes the rest).
        finally:
            with contextlib.suppress(OSError):
                (self.directory / COMMIT_DIR).rmdir()
        _step("done")
        return Committed(tuple(self._staged), len(self._rows), tuple(self.notes))


@contextlib.contextmanager
def transaction(directory: Path | str) -> Iterator[Transaction]:
    """Lock the folder, recover, parse ``metadata.csv`` strictly; commit when the block ends.

    Args:
        directory: the corpus folder (created if missing).

    Yields:
        A :class:`Transaction`. After the block, ``tx.committed`` holds the :class:`Committed`.

    Raises:
        RefusedInput: ``metadata.csv`` cannot be parsed exactly (each problem named by line);
            nothing is written until it is fixed.
        OSError: writing failed; the corpus is unchanged.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with _lock(directory):
        recovered = _recover_locked(directory)
        metadata = read_metadata_file(directory)
        if not metadata.exact:
            raise RefusedInput(f"{METADATA_FILE} cannot be read exactly, so nothing can be added until it is "
                               f"fixed: {metadata.describe_problems()}.")
        _step("locked")
        tx = Transaction(directory, metadata, notes=[r.message for r in recovered])
        try:
            yield tx
            tx.committed = tx._commit()
        except BaseException:
            tx._discard()
            raise


def commit(directory: Path | str, files: Mapping[str, bytes], rows: Sequence[Mapping[str, str]]) -> Committed:
    """Add ``files`` (name → bytes) and metadata ``rows`` to a corpus folder, all or nothing.

    Names must be free plain file names; every row needs a new ``id`` and a ``file`` that is
    one of ``files`` or already in the folder. See :func:`transaction` for errors.
    """
    with transaction(directory) as tx:
        for name, data in files.items():
            tx.stage(name, data)
        for row in rows:
            tx.append(row)
    assert tx.committed is not None
    return tx.committed
