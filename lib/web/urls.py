"""The URL contract: every view is reproducible from its address (DESIGN.md "URL contract").

All parameter names live here, with the functions that parse an address into a view
and build an address from one. Parsing never raises: a bad value yields a message for
the page to show (as plain text) and a sensible default. Pure Python, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote_plus, unquote, urlencode, urlparse

from lib.contracts import ACTOR_TYPES, TYPE_NAMES, TYPE_WORDS
from lib.words import org_key

# Page name → script path (relative to the app root). The name is the URL path.
PAGES: dict[str, str] = {
    "Overview": "app.py",
    "Document": "pages/1_Document.py",
    "Compare": "pages/2_Compare.py",
    "Terms": "pages/3_Terms.py",
    "Actors": "pages/4_Actors.py",
    "Positions": "pages/6_Positions.py",
    "Corpus": "pages/5_Corpus.py",
}
# Material icons ship with Streamlit's own font, so they render even where no emoji font is installed.
PAGE_ICONS = {"Overview": ":material/dashboard:", "Document": ":material/article:", "Compare": ":material/compare:",
              "Terms": ":material/text_fields:", "Actors": ":material/groups:", "Corpus": ":material/folder_open:",
              "Positions": ":material/fact_check:"}

# Parameter names (one place; pages import these, never spell them).
ORG, DATE_FROM, DATE_TO = "org", "from", "to"
TAG = "tag"  # every page: a document tag (repeatable; a document with any of them passes)
DOC, AT = "doc", "at"
A, B = "a", "b"
TERM, UNIT, NGRAM, STOP, MIN_COUNT, RATE = "term", "unit", "n", "stop", "min", "rate"
ACTOR, TYPES, DEMONYMS = "actor", "types", "demonyms"
# Actors: own=1 counts a document's own organisation, publication and byline author among
# the actors it names (off by default: who writes a text is not whom it names).
OWN = "own"
# The reader (Document, Compare): search box, reader page, original file shown, per-side page.
SEARCH, READER_PAGE, ORIGINAL = "q", "page", "original"
PAGE_A, PAGE_B = "page_a", "page_b"
HIT = "hit"  # Document: the search hit the reader is on (1-based; 0 or absent: none yet)
END = "end"  # Corpus page: end offset of a cited passage (with doc and at = its start)
# Terms and Actors views: extra stop words (comma-separated), KWIC sort, collocate window,
# significance threshold (a lib.analysis.terms.SIGNIFICANCE key as "0.05" ...), network minimum edge weight.
EXTRA_STOP, KWIC_SORT, WINDOW, SIGNIF, MIN_WEIGHT = "xstop", "sort", "window", "p", "minw"
# The query language (lib.analysis.query): SEARCH ("q") is the query on Terms (concordance),
# Document (search) and Compare (highlight); CASE=1 matches the spelling as written; KWIC_WIDTH
# is the concordance's context in words; KWIC_SORT a comma list of up to three keys
# (1L,2L,node,1R,2R,doc,date). NUMS=1 brings numbers, dates and months back into Terms' lists.
CASE, KWIC_WIDTH, NUMS = "case", "width", "nums"
# Tabs (Terms, Actors, Document): the open tab's label. TAB: the page's own tabs; SECTION: the
# tabs of one item's view (a term's, an actor's, a document's terms); KEY_ORG: the organisation
# shown under Terms' distinctive terms.
TAB, SECTION, KEY_ORG = "tab", "section", "korg"
# Terms' word clouds: what sizes a word — "freq" (its count or rate) or "key" (how distinctive it
# is of the organisation against the rest of the selection: G² of the keyness test).
CLOUD = "cloud"
CLOUD_MODES = ("freq", "key")
# Terms statistics (lib/analysis/stats.py). Distinctive terms: the reference (rest | all | an
# organisation), the mode (each organisation | two groups) and the two pooled groups.
REFERENCE, KEY_MODE, GROUP_A, GROUP_B = "ref", "kmode", "ga", "gb"
# A term's collocates: left and right window (WINDOW, when given, is the default of both),
# minimum co-occurrences and collocate frequency, the measure ranked by, side by side per organisation.
WINDOW_LEFT, WINDOW_RIGHT, MIN_COOC, MIN_FREQ, MEASURE, BY_ORG = "wl", "wr", "cmin", "fmin", "stat", "byorg"
# A term's clusters (length: 2, 3, 4 or all) and their minimum frequency; its trend: other
# terms on the same chart (comma-separated), organisations pooled, period (year | month).
CLUSTER_LEN, CLUSTER_MIN, TREND_TERMS, POOLED, PERIOD = "clen", "clmin", "vs", "pool", "per"
# Positions (issue 20): CAT the codebook category whose evidence is shown; BASIS how codings were
# made (rules; reviewed/both when people's reviews exist); KEY_ORG the organisation of the
# evidence (a matrix cell: the sidebar's org filter keeps choosing the matrix's columns);
# ORG_A/ORG_B the two organisations side by side; RATE=1 puts sentences per 1,000 words over time.
CAT, BASIS, ORG_A, ORG_B = "cat", "basis", "oa", "ob"
# Terms and Actors: how many items the "Top" chart shows (TOP: "Terms shown", "Actors shown") and how
# many rows the matrix tab shows (MATRIX_TOP); Overview: PERIOD (year | month) of its timeline.
TOP, MATRIX_TOP = "top", "mtop"
FILTER_PARAMS = (ORG, DATE_FROM, DATE_TO, TAG)
REPEATED = (ORG, TAG, GROUP_A, GROUP_B)  # written once per value (org=A&org=B); other lists are comma-joined

MAX_VALUE_LENGTH = 200  # longer values are refused: no id, term or name is that long
# The range of the sidebar's date inputs (Streamlit's date_input raises on a value outside it, and
# would take every page down with a shared link): a date in the address outside it is refused here.
DATE_MIN, DATE_MAX = dt.date(1800, 1, 1), dt.date(2100, 12, 31)
MAX_VALUES = 50  # repeated parameters beyond this are ignored

Params = Mapping[str, Sequence[str]]


def shorten(value: str, limit: int = 60) -> str:
    """A value cut to ``limit`` characters, for quoting in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def get_all(params: Params, name: str) -> list[str]:
    """All values of a parameter (a mapping of name → list of strings, or of strings)."""
    raw = params.get(name, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    return values[:MAX_VALUES]


def get_one(params: Params, name: str, messages: list[str]) -> str | None:
    """The parameter's first value, or None; an oversized value is refused with a message."""
    values = get_all(params, name)
    if not values:
        return None
    value = values[0]
    if len(value) > MAX_VALUE_LENGTH:
        messages.append(f"The '{name}' value in the link is too long ({len(value)} characters) and was ignored.")
        return None
    return value


def parse_orgs(params: Params, organisations: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Resolve ``org`` values to known short names.

    Args:
        params: the address's parameters.
        organisations: pairs ``(org_short, organisation)`` known to the corpus.

    Returns:
        ``(org_shorts, messages)``: matched short names in the order given, without
        duplicates, and one message per value that matched nothing.
    """
    lookup: dict[str, str] = {}
    for short, full in organisations:
        lookup.setdefault(org_key(full), short)
        lookup[org_key(short)] = short
    chosen: list[str] = []
    messages: list[str] = []
    for value in get_all(params, ORG):
        short = lookup.get(org_key(value[:MAX_VALUE_LENGTH]))
        if short is None:
            messages.append(f"Unknown organisation '{shorten(value)}' in the link was ignored.")
        elif short not in chosen:
            chosen.append(short)
    return chosen, messages


def parse_tags(params: Params, known: Iterable[str]) -> tuple[list[str], list[str]]:
    """Resolve ``tag`` values to the corpus's tags (case ignored).

    Returns:
        ``(tags, messages)``: the corpus's spelling of each matched tag, in the order given,
        without duplicates, and one message per value that matched nothing.
    """
    lookup = {t.casefold(): t for t in known}
    chosen: list[str] = []
    messages: list[str] = []
    for value in get_all(params, TAG):
        tag = lookup.get(value[:MAX_VALUE_LENGTH].strip().casefold())
        if tag is None:
            messages.append(f"Unknown tag '{shorten(value)}' in the link was ignored.")
        elif tag not in chosen:
            chosen.append(tag)
    return chosen, messages


def parse_types(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """Actor types from ``types`` values: repeated or comma-separated, labels or plain names.

    ``types=PERSON,STATE``, ``types=people&types=states`` and ``types=person`` all work, on
    every page (the one parser of this parameter).

    Returns:
        ``(types, messages)``: known types in ``ACTOR_TYPES`` order (all of them when none is
        given or none is valid), and one message per value not understood.
    """
    chosen: set[str] = set()
    messages: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            kind = TYPE_WORDS.get(part.casefold())
            if kind not in ACTOR_TYPES:  # demonyms have their own switch (DEMONYMS)
                names = ", ".join(TYPE_NAMES[t] for t in ACTOR_TYPES)
                messages.append(f"Unknown actor type '{shorten(part, 40)}' in the link was ignored (use {names}).")
            else:
                chosen.add(kind)
    return ([t for t in ACTOR_TYPES if t in chosen] or list(ACTOR_TYPES)), messages


def parse_date_param(params: Params, name: str, messages: list[str]) -> dt.date | None:
    """An ISO date parameter (YYYY-MM-DD, or YYYY / YYYY-MM meaning its first/last day) between
    :data:`DATE_MIN` and :data:`DATE_MAX`; anything else → None with a message."""
    value = get_one(params, name, messages)
    if not value:
        return None
    value = value.strip()
    try:
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):  # fromisoformat alone takes 20240101, 2024-W01
            raise ValueError(value)
        if re.fullmatch(r"[0-9]{4}", value):
            date = dt.date(int(value), 1, 1) if name == DATE_FROM else dt.date(int(value), 12, 31)
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            y, m = map(int, value.split("-"))
            first = dt.date(y, m, 1)
            date = first if name == DATE_FROM else \
                (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            date = dt.date.fromisoformat(value)
    except ValueError:
        messages.append(f"'{shorten(value)}' is not a date (use YYYY-MM-DD); the '{name}' limit was ignored.")
        return None
    if not DATE_MIN <= date <= DATE_MAX:
        messages.append(f"'{shorten(value)}' is outside the dates this app handles ({DATE_MIN.year}–{DATE_MAX.year}); "
                        f"the '{name}' limit was ignored.")
        return None
    return date


def parse_int(params: Params, name: str, *, default: int, lo: int, hi: int, messages: list[str]) -> int:
    """An integer parameter within ``[lo, hi]``; anything else → ``default`` with a message."""
    value = get_one(params, name, messages)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        messages.append(f"'{shorten(value)}' is not a whole number; '{name}' is {default}.")
        return default
    if not lo <= number <= hi:
        messages.append(f"'{name}' must be between {lo} and {hi}; it is {default}.")
        return default
    return number


def parse_offset(params: Params, name: str, *, length: int, messages: list[str]) -> int:
    """A character position in a document's text (``at``), or -1 when the link gives none.

    A bad position gets a message in the reader's terms (where the passage was meant to be and
    how long the document is), not the parameter's range: the document is then shown from its start.
    """
    value = get_one(params, name, messages)
    if value is None or value.strip() == "":
        return -1
    try:
        number = int(value.strip())
    except ValueError:
        messages.append(f"The link's passage position '{shorten(value, 30)}' is not a number (it counts characters "
                        "from the start of the text); the document is shown from its start.")
        return -1
    if number < 0:
        messages.append(f"The link points to a passage before the start of the text (position {number:,}); the "
                        "document is shown from its start.")
        return -1
    if number >= length:
        messages.append(f"The link points to a passage at character {number:,}, but this document has only "
                        f"{length:,} characters (it may have been shortened since the link was made); the document "
                        "is shown from its start.")
        return -1
    return number


def unknown_page(url: str | None, base_path: str = "") -> str | None:
    """The page name an address asked for when it is none of :data:`PAGES`, else None.

    Streamlit runs the first page for an address naming no page (``/NoSuchPage``) and rewrites the
    address to it; only the first run still sees the path asked for (``st.context.url``).
    """
    if not url:
        return None
    path = urlparse(url).path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    if not path or path.casefold() in {p.casefold() for p in PAGES}:
        return None
    return unquote(path)


def parse_choice(params: Params, name: str, *, choices: Sequence[str], default: str, messages: list[str]) -> str:
    """A parameter that must be one of ``choices``."""
    value = get_one(params, name, messages)
    if value is None or value == "":
        return default
    if value not in choices:
        messages.append(f"'{shorten(value)}' is not a valid '{name}' (one of {', '.join(choices)}); using {default}.")
        return default
    return value


def parse_flag(params: Params, name: str, *, default: bool, messages: list[str]) -> bool:
    """A 1/0 parameter."""
    return parse_choice(params, name, choices=("1", "0"), default="1" if default else "0", messages=messages) == "1"


def query(**values: object) -> dict[str, str | list[str]]:
    """Query parameters from keyword values: None/''/[] dropped, bools as 1/0, lists repeated.

    Use the constants above as keys through ``**{ORG: [...], DOC: ...}``.
    """
    out: dict[str, str | list[str]] = {}
    for name, value in values.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, bool):
            out[name] = "1" if value else "0"
        elif isinstance(value, (list, tuple)):
            out[name] = [str(v) for v in value]
        else:
            out[name] = str(value)
    return out


def filter_query(orgs: Sequence[str] = (), date_from: dt.date | None = None,
                 date_to: dt.date | None = None, tags: Sequence[str] = ()) -> dict[str, str | list[str]]:
    """The filter part of every address."""
    return query(**{ORG: list(orgs), DATE_FROM: date_from.isoformat() if date_from else None,
                    DATE_TO: date_to.isoformat() if date_to else None, TAG: list(tags)})


def page_href(page: str, params: Mapping[str, str | list[str]] | None = None) -> str:
    """A relative link to a page with parameters, e.g. ``Document?doc=x&org=RCG``."""
    if page not in PAGES:
        raise KeyError(page)
    path = "" if page == "Overview" else page
    qs = urlencode(params or {}, doseq=True)
    return f"./{path}?{qs}" if qs else f"./{path}"


def page_hrefs(page: str, params: Mapping[str, str | list[str]] | None, name: str, values: Iterable[object]) -> list[str]:
    """``page_href(page, {**params, name: v})`` for each value: links that differ in one parameter.

    The shared part is encoded once (a common actor or term is in thousands of documents,
    each with its own link).
    """
    params = dict(params or {})
    if name in params:  # the value would take the earlier key's place: no shared prefix
        return [page_href(page, {**params, name: str(v)}) for v in values]
    head = page_href(page, params)
    glue = "&" if "?" in head else "?"
    return [f"{head}{glue}{quote_plus(name)}={quote_plus(str(v))}" for v in values]
