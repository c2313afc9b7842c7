"""Safe rendering of untrusted strings: document text, metadata, URL values.

Three destinations, three functions (DESIGN.md "Safety rules"):

* :func:`escape_html` — a piece of text that goes into HTML we build (the reader).
  Everything is ``html.escape``d; only our own tags are added around it.
* :func:`safe_label` — a string Streamlit renders as Markdown (titles, captions,
  widget labels, ``st.markdown``): Markdown, ``$…$`` math, ``:color[…]`` directives,
  HTML and links are all neutralised by backslash-escaping every ASCII punctuation mark.
* :func:`plot_text` — a string plotly draws (tick labels, hover text): plotly reads
  ``<b>``, ``<br>`` and ``<a href>``, so it is HTML-escaped.

Invisible and direction-changing characters (right-to-left override, zero-width
space...) are made visible as ``[U+202E]`` in labels and as a marked token in the
reader: they are kept in the stored text, but can never silently reorder what a
reader sees.

``lib/web/ui.py`` re-exports these; this module has no Streamlit import so it is testable
and usable from the command line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Bidirectional controls and zero-width characters, plus any other format/control
# character except tab and newline.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad\u180e"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~&=\"'^@%;/?])")


def describe_invisible(ch: str) -> str:
    """``[U+202E]`` for an invisible character."""
    return f"[U+{ord(ch):04X}]"


def show_invisible(text: str) -> str:
    """Replace invisible/direction characters by a visible ``[U+XXXX]`` marker."""
    return _INVISIBLE.sub(lambda m: describe_invisible(m.group()), text)


def has_invisible(text: str) -> bool:
    return bool(_INVISIBLE.search(text or ""))


def safe_label(value: object, *, max_length: int | None = None, one_line: bool = True) -> str:
    """Make an untrusted value inert as Streamlit Markdown.

    Args:
        value: any value; None becomes ''.
        max_length: cut (with an ellipsis) before escaping, for long titles in labels.
        one_line: collapse newlines (labels, captions, table-of-contents entries).

    Returns:
        The text with invisible characters shown and every Markdown-significant ASCII
        punctuation mark backslash-escaped (CommonMark treats ``\\x`` as a literal x).
    """
    text = "" if value is None else str(value)
    if one_line:
        text = re.sub(r"\s+", " ", text).strip()
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    text = show_invisible(text)
    return _MD_SPECIAL.sub(r"\\\1", text)


def escape_html(value: object) -> str:
    """HTML-escape an untrusted value (quotes included) for HTML we build ourselves."""
    return html.escape("" if value is None else str(value), quote=True)


def plot_text(value: object, *, max_length: int | None = 60) -> str:
    """Make an untrusted value inert as plotly text (labels, hover), shortened for axes."""
    text = re.sub(r"\s+", " ", "" if value is None else str(value)).strip()
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return html.escape(show_invisible(text), quote=False)


def plot_texts(values: Iterable[object], *, max_length: int | None = 60) -> list[str]:
    return [plot_text(v, max_length=max_length) for v in values]


def safe_url(url: object) -> str | None:
    """The URL if it is a plain http(s) address, else None (no ``javascript:``, no data:)."""
    text = str(url or "").strip()
    if re.fullmatch(r"https?://[^\s<>\"'`]+", text, flags=re.I) and not has_invisible(text):
        return text
    return None


# --- the reader ------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A highlighted span of the text: ``[start, end)``, css classes, a tooltip."""

    start: int
    end: int
    css: str
    title: str = ""


def _escape_segment(text: str) -> str:
    # Escape, then make invisible characters visible as our own (trusted) markup.
    out = []
    last = 0
    for m in _INVISIBLE.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f'<span class="pl-ctl" title="invisible character">{describe_invisible(m.group())}</span>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def highlight_html(text: str, spans: Sequence[Span], *, offset: int = 0) -> str:
    """Escaped HTML of ``text`` with ``spans`` wrapped in ``<mark>``.

    Spans may overlap (a search hit inside an actor): the text is cut at every span
    boundary and each piece carries the classes of all spans covering it.

    Args:
        text: the untrusted text of one block.
        spans: spans in the coordinates of the *document*; ``offset`` is where ``text``
            starts in the document.
    """
    bounds = {0, len(text)}
    local = []
    for s in spans:
        a, b = max(0, s.start - offset), min(len(text), s.end - offset)
        if a < b:
            local.append((a, b, s))
            bounds.update((a, b))
    cuts = sorted(bounds)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for (sa, sb, s) in local if sa <= a and b <= sb]
        piece = _escape_segment(text[a:b])
        if covering:
            css = " ".join(dict.fromkeys(c for s in covering for c in s.css.split()))
            title = "; ".join(dict.fromkeys(s.title for s in covering if s.title))
            piece = f'<mark class="{escape_html(css)}" title="{escape_html(title)}">{piece}</mark>'
        out.append(piece)
    return "".join(out)

