"""Exports: the whole corpus as one zip (CSV + Parquet tables), and citations.

* :func:`corpus_zip` — documents (with texts), metadata, every annotation table, as both
  CSV (UTF-8 with BOM, for spreadsheets) and Parquet (typed, for pandas/R/DuckDB), plus the
  raw files as received, a README and the citation.
* :func:`cite_corpus`, :func:`cite_view`, :func:`cite_passage` — plain text and BibTeX, with
  the view's link and the corpus version (:func:`lib.ingest.corpus.corpus_version`).

Untrusted values (titles, organisations) are escaped for BibTeX; the plain text is plain
(pages show it in ``st.code``, which renders nothing).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pandas as pd

from lib.ingest.corpus import corpus_version, display, title_of
from lib.ingest.corpus_info import CorpusInfo
from lib.safe import show_invisible

APP_NAME = "Party Lines"
TABLE_ORDER = ("documents", "sentences", "tokens", "mentions", "term_counts", "actor_counts", "actor_types", "cooc",
               "doc_stats")
EXCERPT_CHARS = 300
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")
_BIBTEX_REPLACE = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class Citation:
    """A citation in plain text and BibTeX."""

    text: str
    bibtex: str


def absolute_link(base_url: str | None, href: str) -> str:
    """An absolute address for a relative page link (``./Terms?org=RCG``), given the app's URL.

    Args:
        base_url: the app's address as the browser sees it (``st.context.url``), or None.
        href: a relative link from :func:`lib.web.urls.page_href`.

    Returns:
        The absolute link, or ``href`` itself when the base is unknown or not http(s).
    """
    if not base_url or not re.match(r"^https?://", base_url, flags=re.I):
        return href
    return urljoin(base_url if base_url.endswith("/") else base_url.rsplit("/", 1)[0] + "/", href)


def bibtex_escape(value: object) -> str:
    """Escape a value for a BibTeX field (braces, backslash, %, &, #, $, _, ^, ~; no line breaks)."""
    text = re.sub(r"\s+", " ", "" if value is None else str(value)).strip()
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACE.get(m.group(1), "\\" + m.group(1)), text)


def _key(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]+", "-", "-".join(p for p in parts if p)).strip("-")[:80] or "partylines"


def _bibtex(kind: str, key: str, fields: Mapping[str, str]) -> str:
    lines = [f"@{kind}{{{key},"]
    for name, value in fields.items():
        if value:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


def _span(documents: pd.DataFrame) -> str:
    dates = sorted(d for d in documents["date"].astype(str) if d)
    if not dates:
        return "undated"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def _today(accessed: dt.date | None) -> str:
    return (accessed or dt.date.today()).isoformat()


def _about(info: CorpusInfo | None) -> tuple[str, str, str]:
    """(the corpus's name, its curator, its licence) from ``corpus.yaml``; the app's name when untitled."""
    if info is None:
        return APP_NAME + " corpus", "", ""
    return (info.title or APP_NAME + " corpus"), info.curator, info.licence.rstrip(". ")


def _licence_note(licence: str) -> str:
    return f"; licence: {licence}" if licence else ""


def cite_corpus(documents: pd.DataFrame, *, url: str, accessed: dt.date | None = None,
                info: CorpusInfo | None = None) -> Citation:
    """A citation for the whole corpus.

    Args:
        documents: the whole documents table.
        url: the app's address (the overview with no filter).
        accessed: the access date (default today).
        info: the corpus's ``corpus.yaml``: its title names the corpus, its curator is the
            author, its licence goes in the note.

    Returns:
        :class:`Citation` naming the number of documents and organisations, the date span and
        the corpus version.
    """
    version = corpus_version(documents)
    n, k = len(documents), documents["organisation"].nunique()
    day = _today(accessed)
    name, curator, licence = _about(info)
    title = f"{name}: {n:,} documents from {k:,} organisations ({_span(documents)})"
    text = (f"{curator + '. ' if curator else ''}{title}. Corpus version {version}. {url} (accessed {day})."
            + (f" Licence: {licence}." if licence else ""))
    bib = _bibtex("misc", _key("partylines", version), {
        "author": bibtex_escape(curator), "title": bibtex_escape(title), "howpublished": rf"\url{{{url}}}", "url": url,
        "note": bibtex_escape(f"Corpus version {version}; accessed {day}{_licence_note(licence)}"),
        "year": day[:4],
    })
    return Citation(text, bib)


def cite_view(view: pd.DataFrame, *, corpus: pd.DataFrame, url: str, description: str,
              accessed: dt.date | None = None, info: CorpusInfo | None = None) -> Citation:
    """A citation for the current view (a filtered selection on a page).

    Args:
        view: the documents the view shows.
        corpus: the whole documents table (for the corpus version).
        url: the view's absolute link (it reproduces the view).
        description: what the view is, in words (e.g. "organisations RCG, WSWS; 2022 to 2025").
        accessed: the access date (default today).
        info: the corpus's ``corpus.yaml`` (see :func:`cite_corpus`).
    """
    version = corpus_version(corpus)
    day = _today(accessed)
    name, curator, licence = _about(info)
    corpus_name = "the corpus" if info is None or not info.title else f"“{info.title}”"
    title = f"{APP_NAME}, view of {corpus_name}: {description or 'all documents'} ({len(view)} documents, {_span(view)})"
    text = (f"{curator + '. ' if curator else ''}{title}. Corpus version {version}. {url} (accessed {day})."
            + (f" Licence: {licence}." if licence else ""))
    bib = _bibtex("misc", _key("partylines", version, "view"), {
        "author": bibtex_escape(curator), "title": bibtex_escape(title), "howpublished": rf"\url{{{url}}}", "url": url,
        "note": bibtex_escape(f"Corpus version {version}; accessed {day}{_licence_note(licence)}"), "year": day[:4],
    })
    return Citation(text, bib)


def passage(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Clamp ``[start, end)`` to the text and return it with the excerpt (cut to EXCERPT_CHARS)."""
    start = max(0, min(int(start), len(text)))
    end = max(start, min(int(end), len(text)))
    excerpt = re.sub(r"\s+", " ", text[start:end]).strip()
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
    return start, end, excerpt


def cite_passage(row: Mapping[str, object] | pd.Series, start: int, end: int, *, corpus: pd.DataFrame, url: str,
                 accessed: dt.date | None = None, page: int | None = None, info: CorpusInfo | None = None) -> Citation:
    """A citation for a passage of one document (character offsets into its cleaned text).

    Args:
        row: the document's row of the documents table.
        start, end: character offsets into ``row["text"]`` (clamped to the text).
        corpus: the whole documents table (for the corpus version).
        url: the passage's absolute link (``Document?doc=…&at=…``).
        accessed: the access date (default today).
        page: the PDF page the passage starts on (:func:`lib.analysis.reader.pdf_page`), if a PDF.
        info: the corpus's ``corpus.yaml``: the corpus is named by its title (and curator).
    """
    version = corpus_version(corpus)
    day = _today(accessed)
    start, end, excerpt = passage(str(row.get("text") or ""), start, end)
    who = str(row.get("author") or "").strip() or display(row.get("organisation"))
    date = str(row.get("date") or "").strip() or "n.d."
    title = title_of(row)
    venue = str(row.get("publication") or "").strip() or display(row.get("organisation"))
    original = str(row.get("url") or "").strip()
    at = f"p. {page}, characters {start}–{end}" if page else f"characters {start}–{end}"
    name, curator, _ = _about(info)
    in_corpus = f"In {name}{f' (curated by {curator})' if curator else ''}, " if info is not None and info.title else ""
    text = (f"{who} ({date}). {title}. {venue}. Passage at {at}: “{excerpt}”. "
            f"{in_corpus}{APP_NAME} corpus version {version}, document {row.get('doc_id')}. {url} (accessed {day}).")
    if original:
        text += f" Original: {original}"
    bib = _bibtex("misc", _key(str(row.get("doc_id") or ""), str(start)), {
        "author": bibtex_escape(who), "title": bibtex_escape(title), "organization": bibtex_escape(venue),
        "year": date[:4] if date[:4].isdigit() else "", "date": date if date != "n.d." else "",
        "howpublished": rf"\url{{{url}}}", "url": url,
        "note": bibtex_escape(f"Passage at characters {start}-{end}: “{excerpt}”. {in_corpus}{APP_NAME} corpus version "
                              f"{version}, document {row.get('doc_id')}; accessed {day}"
                              + (f". Original: {original}" if original else "")),
    })
    return Citation(text, bib)


# ---------------------------------------------------------------- CSV (spreadsheet-safe by default)
# A spreadsheet runs a cell that begins with =, +, -, @ (or a tab or carriage return before one)
# as a formula: a title such as =HYPERLINK("http://evil", "x") in a document's metadata would
# become a live link, or worse, in the researcher's spreadsheet. The OWASP recipe ("CSV
# Injection"): put a single quote in front of such a cell, so it is shown as text; quote every
# field that needs it and double embedded quotes (the csv writer does). Numbers are left alone:
# a negative number is a number, not a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = re.compile(r"^[=+\-@\t\r]")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells a spreadsheet will not run as formulas.

    A text cell that begins with one of :data:`FORMULA_START` gets a single quote (``'``) in
    front; every other cell, and every number, is unchanged.
    """
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        elif series.dtype != object and not pd.api.types.is_string_dtype(series.dtype):
            continue
        mask = series.map(lambda v: isinstance(v, str) and _FORMULA.match(v) is not None).astype(bool)
        if mask.any():
            out[col] = series.where(~mask, "'" + series.where(mask, "").astype(str))
    return out


def csv_bytes(frame: pd.DataFrame, *, exact: bool = False) -> bytes:
    """``frame`` as CSV, UTF-8 with a byte-order mark (so spreadsheet programs read accents right).

    Rows end in CRLF (RFC 4180), so a field holding a line break of either kind is quoted: a bare
    carriage return in a text would otherwise start a new row in a spreadsheet.

    Args:
        exact: every value exactly as it is; by default text cells that a spreadsheet would run
            as a formula are neutralised (:func:`spreadsheet_safe`).
    """
    table = frame if exact else spreadsheet_safe(frame)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# ---------------------------------------------------------------- the zip

def _parquet_ready(frame: pd.DataFrame) -> pd.DataFrame:
    # Mixed object columns (a concatenation of categorical and plain) become strings.
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
    return out


def corpus_zip(tables: Mapping[str, pd.DataFrame], *, corpus: pd.DataFrame, citation: Citation,
               metadata_csv: bytes | None = None, raw_files: Mapping[str, bytes] | None = None,
               notes: str = "", exact: bool = False) -> bytes:
    """The corpus as one zip archive.

    Args:
        tables: name → table (``documents``, ``sentences``, ``tokens``, ``mentions``,
            ``term_counts``, ``actor_counts``, ``actor_types``, ``cooc``, ``doc_stats``;
            others are added too). Each becomes ``csv/<name>.csv`` and ``parquet/<name>.parquet``.
        corpus: the documents table (for the version and README counts).
        citation: the corpus citation (written as CITATION.txt and CITATION.bib).
        metadata_csv: the corpus's ``metadata.csv`` bytes as they are, if any.
        raw_files: stored file name → bytes as received (under ``files/``).
        notes: extra lines for the README (e.g. "includes 1 document uploaded in this session").
        exact: CSV values exactly as they are; by default spreadsheet-safe (:func:`csv_bytes`).
            The Parquet files are always exact.

    Returns:
        The zip file's bytes (deflate-compressed).
    """
    buffer = io.BytesIO()
    names = [n for n in TABLE_ORDER if n in tables] + sorted(n for n in tables if n not in TABLE_ORDER)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            frame = tables[name]
            zf.writestr(f"csv/{name}.csv", csv_bytes(frame, exact=exact))
            pq = io.BytesIO()
            _parquet_ready(frame).to_parquet(pq, index=False)
            zf.writestr(f"parquet/{name}.parquet", pq.getvalue())
        if metadata_csv is not None:
            zf.writestr("metadata.csv", metadata_csv)
        for file_name, data in sorted((raw_files or {}).items()):
            zf.writestr(f"files/{re.sub(r'[^A-Za-z0-9._-]', '_', file_name)}", data)
        zf.writestr("CITATION.txt", citation.text + "\n")
        zf.writestr("CITATION.bib", citation.bibtex + "\n")
        readme = [
            f"{APP_NAME} corpus export", "",
            f"Corpus version: {corpus_version(corpus)}",
            f"Documents: {len(corpus)}; organisations: {corpus['organisation'].nunique()}; dates: {_span(corpus)}",
            "", "Tables (each as csv/<name>.csv, UTF-8 with BOM, and parquet/<name>.parquet):",
            *[f"  {n}: {len(tables[n]):,} rows; columns {', '.join(map(str, tables[n].columns))}" for n in names],
            "", "Offsets (start, end) index documents.text, the cleaned text.",
            "files/ holds the documents' files exactly as received; metadata.csv is the corpus's own.",
            *(["The CSV files hold every value exactly as it is: a cell may begin with =, +, - or @, which a",
               "spreadsheet would run as a formula (open them as text). The Parquet files are exact too."] if exact else
              ["In the CSV files a text cell that begins with =, +, -, @, a tab or a carriage return has a single",
               "quote (') in front, so that a spreadsheet shows it as text instead of running it as a formula.",
               "The Parquet files hold every value exactly."]),
        ]
        if notes:
            readme += ["", notes]
        readme += ["", "Cite as:", citation.text]
        zf.writestr("README.txt", "\n".join(readme) + "\n")
    return buffer.getvalue()


# ---------------------------------------------------------------- for the corpus page

METADATA_VIEW_COLUMNS = ["doc_id", "title", "organisation", "org_short", "date", "author", "publication", "url",
                         "language", "format", "encoding", "n_words", "file", "source_note"]


def metadata_table(documents: pd.DataFrame) -> pd.DataFrame:
    """The metadata table as shown on the corpus page: no texts; invisible and direction-changing
    characters shown as ``[U+XXXX]`` so they cannot reorder a cell."""
    out = documents.reindex(columns=METADATA_VIEW_COLUMNS).copy()
    for col in out.columns:
        if col != "n_words":
            out[col] = out[col].fillna("").astype(str).map(show_invisible)
    return out.reset_index(drop=True)


def view_description(orgs: tuple[str, ...] | list[str], date_from: dt.date | None, date_to: dt.date | None) -> str:
    """The sidebar filter in words, for a view's citation ("organisations RCG, WSWS; from 2024-01-01")."""
    parts = []
    if orgs:
        parts.append(f"organisations {', '.join(orgs)}")
    if date_from:
        parts.append(f"from {date_from.isoformat()}")
    if date_to:
        parts.append(f"to {date_to.isoformat()}")
    return "; ".join(parts) or "all documents"


def concat_tables(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables of the same columns (term-count slices), categories as plain values."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame()
    return pd.concat([_parquet_ready(p) if any(p[c].dtype.name == "category" for c in p.columns) else p
                      for p in parts], ignore_index=True)


def corpus_files(directory: Path, names: Iterable[str]) -> dict[str, bytes]:
    """The named files of a corpus folder as received (names that are not plain file names are skipped)."""
    out: dict[str, bytes] = {}
    for name in names:
        name = str(name)
        path = directory / name
        if name == Path(name).name and path.is_file():
            out[name] = path.read_bytes()
    return out


def read_if_file(path: Path) -> bytes | None:
    """The file's bytes, or None if there is no such file."""
    return path.read_bytes() if path.is_file() else None
