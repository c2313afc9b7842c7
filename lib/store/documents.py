"""A disk cache of the loaded documents table, so a second start does not re-read every file.

Loading a corpus decodes and cleans every file (:func:`lib.ingest.corpus.load_corpus`); that is
about 17 ms per document here, i.e. 17 s at 1,000 documents and three minutes at 10,000,
on every start of the app. The result depends only on the files and on the loading code,
so it is kept as Parquet under the cache folder (:func:`lib.store.annotations.cache_root`, never
inside the corpus folder) and read back in a fraction of a second.

Key: the corpus folder's absolute path, every file's name, size and modification time
(the same cheap stamp the in-memory cache in ``lib/web/cached.py`` trusts), and a hash of
the source of the modules that decode, clean and count (plus the versions of the
packages they use), so a change to the loading code is never served stale tables.
Only the newest entry per corpus folder is kept, and at most ``MAX_ENTRIES`` folders. Any failure to read or write the cache
falls back to loading the folder: the cache can make a start faster, never wrong.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import uuid
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from lib.contracts import DOCUMENT_COLUMNS
from lib.ingest.corpus import LoadedCorpus, Notice, load_corpus
from lib.store.annotations import cache_root

FORMAT_VERSION = "1"
SUBDIR = "documents"
MAX_ENTRIES = 16  # corpus folders remembered at once (oldest dropped first)
# The modules whose code decides the documents table (lib.ingest.corpus and what it calls).
LOADER_MODULES = ("lib.ingest.corpus", "lib.ingest.cleaning", "lib.ingest.decoding", "lib.ingest.html_text", "lib.ingest.offsets", "lib.words",
                  "lib.ingest.lexicon")
LOADER_PACKAGES = ("charset-normalizer", "beautifulsoup4", "pandas")


@cache  # the loading code does not change while a process runs
def _loader_fingerprint() -> str:
    h = hashlib.sha256(f"format={FORMAT_VERSION}\n".encode())
    for name in LOADER_MODULES:
        spec = importlib.util.find_spec(name)
        try:
            h.update(Path(spec.origin).read_bytes() if spec and spec.origin else name.encode())
        except OSError:
            h.update(name.encode())
    for package in LOADER_PACKAGES:
        try:
            h.update(f"{package}={importlib.metadata.version(package)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{package}=-\n".encode())
    return h.hexdigest()


def folder_stamp(directory: Path) -> str:
    """Names, sizes and modification times of the folder's files (cheap; not a content hash)."""
    parts = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_file():
            stat = entry.stat()
            parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def cache_key(directory: Path | str) -> tuple[str, str]:
    """``(folder_part, key)``: the first names the corpus folder, the second its current state."""
    directory = Path(directory).resolve()
    folder = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    state = hashlib.sha256(f"{directory}\n{_loader_fingerprint()}\n{folder_stamp(directory)}".encode()).hexdigest()[:20]
    return folder, state


def load_corpus_cached(directory: Path | str, *, cache_dir: Path | str | None = None) -> LoadedCorpus:
    """:func:`lib.ingest.corpus.load_corpus`, served from the disk cache when nothing changed.

    Args:
        directory: the corpus folder.
        cache_dir: the cache folder; default :func:`lib.store.annotations.cache_root`.

    Returns:
        The same :class:`~lib.ingest.corpus.LoadedCorpus` :func:`~lib.ingest.corpus.load_corpus` returns.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return load_corpus(directory)
    try:
        folder, state = cache_key(directory)
    except OSError:
        return load_corpus(directory)
    root = cache_root(cache_dir) / SUBDIR
    entry = root / f"{folder}-{state}"
    cached = _read(entry)
    if cached is not None:
        return cached
    loaded = load_corpus(directory)
    if cache_key(directory) == (folder, state):  # unchanged while loading: safe to keep
        _write(root, entry, folder, loaded)
    return loaded


def _read(entry: Path) -> LoadedCorpus | None:
    try:
        meta = json.loads((entry / "notices.json").read_text(encoding="utf-8"))
        documents = pq.read_table(entry / "documents.parquet").to_pandas()
    except (OSError, ValueError, pa.ArrowException):
        return None
    if list(documents.columns) != DOCUMENT_COLUMNS or meta.get("format") != FORMAT_VERSION:
        return None
    documents["n_words"] = documents["n_words"].astype("int64")
    notices = [Notice(n["message"], n["level"]) for n in meta.get("notices", [])]
    return LoadedCorpus(documents, notices)


def _write(root: Path, entry: Path, folder: str, loaded: LoadedCorpus) -> None:
    tmp = root / f".tmp-{entry.name}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
        table = pa.Table.from_pandas(loaded.documents.astype({c: object for c in DOCUMENT_COLUMNS if c != "n_words"}),
                                     preserve_index=False)
        pq.write_table(table, tmp / "documents.parquet", compression="zstd")
        (tmp / "notices.json").write_text(json.dumps({
            "format": FORMAT_VERSION,
            "notices": [{"message": n.message, "level": n.level} for n in loaded.notices],
        }), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        return
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for old in root.glob(f"{folder}-*"):  # one entry per corpus folder
        if old.name != entry.name:
            shutil.rmtree(old, ignore_errors=True)
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime)
    for old in entries[:-MAX_ENTRIES]:
        shutil.rmtree(old, ignore_errors=True)
