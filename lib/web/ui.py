"""Shared page pieces: page set-up, navigation that carries the filter, the sidebar filter.

With ``lib/web/cached.py`` this is the only module in ``lib/`` that imports Streamlit.
Safe rendering lives in :mod:`lib.safe` (pure, testable) and is re-exported here so pages
have one place to import from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import contracts
from lib.analysis import exports
from lib.analysis.filters import Selection, filter_documents, organisations, tags
from lib.render import charts, html
from lib.safe import safe_label, show_invisible
from lib.web import urls
from lib.web.cached import CSV_EXACT_KEY, begin_run, corpus_notices, csv_exact, documents_table, offline_texts

APP_TITLE = "Party Lines"
# The browser tab's icon, served by the app itself: a ":material/...:" page icon makes the browser
# fetch it from fonts.gstatic.com (a request leaving the server, blocked by the README's CSP).
FAVICON = Path(__file__).resolve().parents[1] / "data" / "favicon.png"


@dataclass
class PageContext:
    """What every page starts from: the whole corpus, the filter and what it lets through."""

    documents: pd.DataFrame  # the whole corpus
    selection: Selection
    filtered: pd.DataFrame  # the documents the filter allows
    messages: list[str]
    arrived: bool = True  # first run of this page since arriving: initialise widgets from the address
    _filter: dict | None = field(default=None, init=False, repr=False)  # filter_params(), once

    def filter_params(self) -> dict[str, str | list[str]]:
        """The filter as query parameters, for links to other pages."""
        s = self.selection
        return urls.filter_query(s.orgs, s.date_from, s.date_to, s.tags)

    def href(self, page: str, **params: object) -> str:
        """A relative link to ``page`` carrying the filter and ``params``."""
        # Pages build a link per document (thousands on a large corpus): the filter part once.
        if self._filter is None:
            self._filter = self.filter_params()
        return urls.page_href(page, {**self._filter, **urls.query(**params)})


def params_snapshot() -> dict[str, list[str]]:
    """The current address's parameters as name → list of values."""
    qp = st.query_params
    return {name: qp.get_all(name) for name in qp.keys()}


def setup_page(page: str, *, wide: bool = True) -> PageContext:
    """Configure the page, draw navigation and the sidebar filter, and return the context.

    Every page calls this first. It reads the filter from the address (an unknown
    organisation or a bad date gives a visible notice), keeps the address in step with
    the widgets, and draws the navigation with links that carry the filter, because
    Streamlit drops the query string when moving between pages.
    """
    begin_run(page)  # the corpus and its tables are looked up once per run (lib.web.cached)
    st.set_page_config(page_title=f"{page} · {APP_TITLE}", page_icon=str(FAVICON),
                       layout="wide" if wide else "centered")
    documents = documents_table()
    params = params_snapshot()
    messages: list[str] = []
    orgs_from_url, org_msgs = urls.parse_orgs(params, organisations(documents))
    messages += org_msgs
    corpus_tags = tags(documents)
    tags_from_url, tag_msgs = urls.parse_tags(params, corpus_tags)
    messages += tag_msgs
    date_from = urls.parse_date_param(params, urls.DATE_FROM, messages)
    date_to = urls.parse_date_param(params, urls.DATE_TO, messages)
    if date_from and date_to and date_from > date_to:
        messages.append("The link's 'from' date is after its 'to' date; the date range was ignored.")
        date_from = date_to = None
    # Arriving on a page (a link, a paste, a navigation): the address is the truth and
    # widget state left over from another page must not override it.
    arrived = st.session_state.get("_pl_page") != page
    st.session_state["_pl_page"] = page
    state = UrlState({"flt_orgs": (urls.ORG, list(orgs_from_url)), "flt_from": (urls.DATE_FROM, date_from),
                      "flt_to": (urls.DATE_TO, date_to), "flt_tags": (urls.TAG, list(tags_from_url))},
                     arrived=arrived)
    selection = _sidebar_filter(documents, state, corpus_tags)
    filtered, notes = filter_documents(documents, selection)
    ctx = PageContext(documents, selection, filtered, messages, arrived)
    _navigation(ctx, page)
    if page == "Overview":
        _unknown_page(ctx)
    warn(messages)
    for note in notes:
        st.caption(safe_label(note))
    return ctx


def _sidebar_filter(documents: pd.DataFrame, state: UrlState, corpus_tags: list[str]) -> Selection:
    pairs = organisations(documents)
    full_names = dict(pairs)
    sb = st.sidebar
    sb.markdown(f"### {APP_TITLE}")
    sb.caption("Filter (applies to every page and travels with links)")
    chosen = sb.multiselect(
        "Organisations", options=[s for s, _ in pairs], key="flt_orgs",
        format_func=lambda s: show_invisible(f"{s} — {full_names.get(s, '')}" if full_names.get(s, s) != s else s),
        placeholder="All organisations",
        on_change=state.sync, args=("flt_orgs",),
        help="Leave empty for all organisations.",
    )
    chosen_tags = sb.multiselect(
        "Tags", options=corpus_tags, key="flt_tags", format_func=show_invisible,
        placeholder="All documents" if corpus_tags else "No document is tagged",
        on_change=state.sync, args=("flt_tags",), disabled=not corpus_tags,
        help="Documents with any of the chosen tags (the tags column of metadata.csv). Leave empty for all.",
    )
    dated = documents.loc[documents["date"] != "", "date"]
    c1, c2 = sb.columns(2)
    d_from = c1.date_input("From", key="flt_from", min_value=urls.DATE_MIN, max_value=urls.DATE_MAX,
                           format="YYYY-MM-DD", on_change=state.sync, args=("flt_from",))
    d_to = c2.date_input("To", key="flt_to", min_value=urls.DATE_MIN, max_value=urls.DATE_MAX,
                         format="YYYY-MM-DD", on_change=state.sync, args=("flt_to",))
    if len(dated):
        sb.caption(safe_label(f"Corpus dates: {dated.min()} to {dated.max()}. Leave empty for no limit."))
    if d_from and d_to and d_from > d_to:
        sb.warning("'From' is after 'To': the date range is ignored.")
        d_from = d_to = None
    return Selection(tuple(chosen), d_from or None, d_to or None, tuple(chosen_tags))


def _navigation(ctx: PageContext, current: str) -> None:
    # Our own navigation (the built-in one is hidden in config.toml): links keep the filter.
    with st.sidebar:
        st.divider()
        for page, script in urls.PAGES.items():
            st.page_link(script, label=page, icon=urls.PAGE_ICONS[page], query_params=ctx.filter_params(),
                         disabled=page == current)
        _csv_option()
        notices = corpus_notices()
        if notices:
            with st.expander(f"Corpus notices ({len(notices)})"):
                for notice in notices:
                    st.caption(safe_label(notice.message))


def _unknown_page(ctx: PageContext) -> None:
    # An address naming no page (a typo, an old link) runs the Overview: say so, and offer the pages.
    asked = urls.unknown_page(st.context.url, st.get_option("server.baseUrlPath") or "")
    if asked is None:
        return
    st.warning(safe_label(f"There is no page “{urls.shorten(asked, 60)}” in Party Lines, so the Overview is shown. "
                          f"The pages are: {', '.join(urls.PAGES)}."), icon=":material/travel_explore:")
    columns = st.columns(len(urls.PAGES))
    for column, (name, script) in zip(columns, urls.PAGES.items(), strict=True):
        column.page_link(script, label=name, icon=urls.PAGE_ICONS[name], query_params=ctx.filter_params())


def link(ctx: PageContext, page: str, label: str, *, icon: str | None = None, **params: object) -> None:
    """A page link that carries the filter plus ``params`` (label made safe).

    A link is one line, cut to its column: a long label is also its tooltip, so what is cut can
    still be read."""
    st.page_link(urls.PAGES[page], label=safe_label(label, max_length=120), icon=icon,
                 query_params={**ctx.filter_params(), **urls.query(**params)},
                 help=safe_label(label, max_length=300) if len(label) > 30 else None)


def ranked_links(items: Sequence[tuple[str, str, str]], *, limit: int = 100, height: int = 560,
                 more: str = "the CSV has them all") -> None:
    """A ranked list beside a chart: each name whole, as a link, then its figures.

    A narrow table cut names and numbers with no way to read them (no tooltip on a cut cell); a
    list wraps, so nothing is cut, on a laptop or a phone. Long lists scroll inside a box.

    Args:
        items: (name, href, figures) in rank order; names and figures are untrusted text.
        limit: at most this many are listed (a note says how many more there are).
        height: the box's height in pixels when the list is long.
        more: where the rest can be found.
    """
    lines = [f"{k}. [{safe_label(name, max_length=150)}]({href}) · {safe_label(figures)}"
             for k, (name, href, figures) in enumerate(items[:limit], start=1)]
    with st.container(height=height if len(lines) > 14 else "content", border=len(lines) > 14):
        st.markdown("\n".join(lines) if lines else "")
    if len(items) > limit:
        st.caption(f"The first {limit:,} of {len(items):,}; {more}.")


def csv_later(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The CSV of ``frame`` (:func:`lib.analysis.exports.csv_bytes`), made only when someone clicks
    its download button: spreadsheet-safe unless the visitor chose exact values.

    ``st.download_button`` runs a callable on click, in its own thread. Encoding every table of
    a view on each run cost more than drawing it (the documents table with texts: ~1.5 s at
    10,000 documents); the frame captured here is the one the page showed, and so is the choice.
    """
    exact = csv_exact()
    return lambda: exports.csv_bytes(frame, exact=exact)


def documents_csv_later(frame: pd.DataFrame) -> Callable[[], bytes]:
    """:func:`csv_later` of a documents table with each document's text added when clicked (the
    app's table holds no texts: ``lib.web.cached.texts_for``), columns in the contract's order."""
    exact, texts = csv_exact(), offline_texts()

    def make() -> bytes:
        found = texts(list(frame["doc_id"].astype(str)))
        full = frame.assign(text=[found.get(str(d), "") for d in frame["doc_id"]])
        order = [c for c in contracts.DOCUMENT_COLUMNS if c in full.columns]
        return exports.csv_bytes(full[order + [c for c in full.columns if c not in order]], exact=exact)

    return make


def _csv_option() -> None:
    def changed() -> None:
        st.session_state[CSV_EXACT_KEY] = st.session_state["pl-csv-exact"]  # kept apart: survives pages

    st.toggle("Exact values in CSV downloads", value=csv_exact(), key="pl-csv-exact", on_change=changed,
              help="Off (the default): a text cell that begins with =, +, -, @, a tab or a carriage return gets a "
                   "single quote in front, so that a spreadsheet shows it as text instead of running it as a "
                   "formula. On: every value exactly as it is (open such a file as text). The Parquet files of "
                   "the corpus export are always exact.")


def download_csv(frame: pd.DataFrame, name: str, *, label: str = "Download CSV", key: str | None = None) -> None:
    """A CSV download button for a table behind a chart or view (encoded on click)."""
    st.download_button(label, csv_later(frame), file_name=f"{name}.csv", mime="text/csv", key=key or f"dl-{name}",
                       icon=":material/download:")


def download_csv_made(make: Callable[[], pd.DataFrame], name: str, *, label: str = "Download CSV",
                      key: str | None = None) -> None:
    """A CSV download whose table is computed only when the button is clicked.

    ``make`` runs outside the page's run (``st.download_button`` calls it on click): it must use
    plain library objects, no Streamlit (``lib.web.cached.offline_sources``).
    """
    exact = csv_exact()  # read now: the click runs outside the page's run
    st.download_button(label, lambda: exports.csv_bytes(make(), exact=exact), file_name=f"{name}.csv", mime="text/csv",
                       key=key or f"dl-{name}", icon=":material/download:")


def url_tabs(labels: list[str], param: str) -> Sequence:
    """Tabs whose open tab is part of the address (``?param=<label>``), drawn lazily.

    Switching tabs reruns the page; the page computes only the open tab's content (check each
    tab's ``.open``): the other tabs' charts and token reads cost more than the open one. A
    label typed plainly (``korg=CPGB-ML`` for the tab drawn from ``safe_label``, "CPGB\\-ML")
    opens its tab; an unknown one gets a message and the first tab (a bound widget would drop
    it silently).
    """
    wanted = st.query_params.get_all(param)
    if wanted and wanted[0] not in labels:
        same = [label for label in labels if label == safe_label(wanted[0])]
        if same:
            st.session_state[param] = same[0]  # before the widget exists: it opens on that tab
        else:
            st.warning(safe_label(f"There is no tab “{urls.shorten(wanted[0])}” here; showing "
                                  f"“{labels[0]}”."), icon=":material/tab:")
    return st.tabs(labels, key=param, on_change="rerun", bind="query-params")


def theme_type() -> str | None:
    """"light" or "dark": the theme the visitor's browser shows, once it has told the server
    (None on a first run, in tests, or with an older Streamlit)."""
    try:
        kind = st.context.theme.type
    except AttributeError:
        return None
    return kind if kind in ("light", "dark") else None


PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def show_chart(fig, *, key: str) -> None:
    """Draw a plotly figure with the image-export toolbar always available (its title and a legend
    above the plot kept clear of that toolbar: :func:`lib.render.charts.clear_top`)."""
    st.plotly_chart(charts.clear_top(fig), config=PLOTLY_CONFIG, key=key, width="stretch")


def empty_state(message: str) -> None:
    """Why a view shows nothing, and what to change (the one style of that message)."""
    st.info(safe_label(message), icon=":material/info:")


NO_DOCUMENTS = "No documents match the filter. Clear the organisations or the dates in the sidebar."


def stop_if_no_documents(empty: bool) -> None:
    """The one message for an empty filter; the page stops there."""
    if empty:
        empty_state(NO_DOCUMENTS)
        st.stop()


def warn(messages: Sequence[str]) -> None:
    """What the address asked for that could not be shown (as plain text, never markup)."""
    for message in messages:
        st.warning(safe_label(message), icon=":material/warning:")


# ---------------------------------------------------------------- widgets bound to the address
# One way for every page: a UrlState initialises its widgets from the address on arrival and
# writes a changed widget back (its ``sync`` is the widgets' on_change); write_params is the
# one writer of the address. Streamlit's own ``bind="query-params"`` is used for tabs
# (url_tabs), where it works in Chromium; it drops an invalid value silently, so the other
# settings are parsed by lib.web.urls (with a message) and bound here.

def url_value(name: str, value: object) -> str | list[str] | None:
    """A setting as the address writes it: bools 1/0, dates ISO, lists repeated (``org``) or
    comma-joined (``types=PERSON,STATE``), every value capped at ``urls.MAX_VALUE_LENGTH``."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        items = [str(v).strip()[: urls.MAX_VALUE_LENGTH] for v in value if str(v).strip()]
        if name in urls.REPEATED:
            return items or None
        return ",".join(items) or None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "" if value is None else str(value).strip()[: urls.MAX_VALUE_LENGTH]
    return text or None


def write_params(values: Mapping[str, object]) -> None:
    """Write settings to the address: ``None``, ``""`` and ``[]`` remove the parameter."""
    for name, value in values.items():
        written = url_value(name, value)
        if written is None:
            if name in st.query_params:
                del st.query_params[name]
        else:
            st.query_params[name] = written


class UrlState:
    """A page's settings bound to the address.

    ``fields`` maps a widget's session key to ``(URL name, value parsed from the address)``.
    On arrival (``arrived``: the first run of this page since a link, a paste or a
    navigation) each widget is initialised from the address; :meth:`sync` (an ``on_change``
    callback) writes a changed widget back, leaving ``defaults`` out so links stay short.
    """

    def __init__(self, fields: Mapping[str, tuple[str, object]], defaults: Mapping[str, str] | None = None, *,
                 arrived: bool) -> None:
        self.fields: dict[str, tuple[str, object]] = {}
        self.defaults = dict(defaults or {})
        self.arrived = arrived
        for key, (name, value) in fields.items():
            self.add(key, name, value)

    def add(self, key: str, name: str, value: object, *, default: str | None = None) -> None:
        """Bind one more widget (one whose range is known only later, e.g. a page number)."""
        self.fields[key] = (name, value)
        if default is not None:
            self.defaults[name] = default
        if self.arrived or key not in st.session_state:
            st.session_state[key] = value

    def _written(self, key: str) -> str | list[str] | None:
        name = self.fields[key][0]
        value = url_value(name, st.session_state.get(key))
        return None if value is None or self.defaults.get(name) == value else value

    def params(self, *, exclude: tuple[str, ...] = (), **extra: object) -> dict[str, object]:
        """The current settings as URL values (defaults left out), plus ``extra``, for links."""
        out = {name: self._written(key) for key, (name, _) in self.fields.items() if name not in exclude}
        return {**{k: v for k, v in out.items() if v is not None}, **extra}

    def sync(self, key: str) -> None:
        """Widget ``key`` → its URL parameter."""
        write_params({self.fields[key][0]: self._written(key)})


# ---------------------------------------------------------------- HTML from lib.render.html

def reader(text: str, blocks, spans, *, key: str, legend=(), empty: str = "No text to show.", marks=None,
           scroll_to: tuple[str, str] | None = None) -> None:
    """Draw a reader: the blocks of ``text`` with ``spans`` highlighted and a legend.

    All document text is escaped by :func:`lib.safe.highlight_html` (through
    :func:`lib.render.html.reader_html`); the HTML carries only our own tags. ``key`` prefixes
    the element id so two readers can sit side by side. ``scroll_to``: ``(css class of a mark,
    which one)`` — the page scrolls to that mark once (:func:`lib.render.html.scroll_to_html`,
    the app's one script, loaded from the app itself; no document text is in it).
    """
    body = html.reader_html(text, blocks, spans, key=key, legend=legend, empty=empty, marks=marks)
    if scroll_to is None:
        st.html(body)
        return
    css, which = scroll_to
    st.html(body + html.scroll_to_html(f"#{html.reader_id(key)} [data-offset] mark.{css}", which), unsafe_allow_javascript=True)


def original_text(source: str, *, key: str) -> None:
    """The file as received, as escaped preformatted text (invisible characters shown)."""
    st.html(html.original_html(source, key=key))


def concordance(lines, *, key: str, hrefs=None, labels=None, sides=None, limit: int | None = None) -> None:
    """Keyword-in-context lines (:func:`lib.render.html.concordance_html`).

    With links, through ``st.markdown``: ``st.html`` sanitises the ``target`` that keeps a
    "Read" link in the same tab. The string is built from escaped pieces only.
    """
    fragment = html.concordance_html(lines, key=key, hrefs=hrefs, labels=labels, sides=sides, limit=limit)
    if hrefs is None:
        st.html(fragment)
    else:
        st.markdown(fragment, unsafe_allow_html=True)


def sentence_list(rows, actor_rows, hrefs, *, labels, limit: int = 100) -> None:
    """Sentences naming an actor, the names marked, each with a link (:func:`lib.render.html.sentences_html`)."""
    st.markdown(html.sentences_html(rows, actor_rows, hrefs, labels=labels, limit=limit), unsafe_allow_html=True)
