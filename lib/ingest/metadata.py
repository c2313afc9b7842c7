"""Suggest a document's metadata from the file itself (title, author, date, url, publication, language).

Suggestions only: the upload form and the command line show them for a person to confirm
or override. Sources, in order of trust:

* HTML ``<meta>`` tags (Open Graph ``og:``, ``article:published_time``, ``name=author``,
  Dublin Core ``dc.*``), the ``<title>``, ``<html lang>``;
* the top of the text: a title line, a byline such as ``By Jane Doe | 3 March 2024``, a
  date line such as ``date 2025-02-14``, ``Published: 2023-11-02``, ``Posted on 12/05/2024``
  or ``December 3, 2004 | Page 5``;
* a language check (:func:`language_warning`: script, then function words of English and
  of other languages): the pipeline is English, so a text that is not English gets a warning.

Pure Python (no Streamlit); every function is total — it never raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lib.ingest.cleaned import is_furniture, is_menu_line, is_share_line
from lib.words import iter_words

FIELDS = ("title", "author", "date", "url", "publication", "language")
HEAD_LINES = 15  # how many non-empty lines at the top of a text are searched for a title/byline/date
MAX_TITLE = 300
MIN_WORDS_FOR_LANGUAGE = 20
ENGLISH_THRESHOLD = 0.20  # share of words that are common English function words; English prose is ~0.4–0.5

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})

_ENGLISH_STOP = frozenset("""
the of and to a in is that for it as was with be by on not he i this are or his from at which but have an had
they you were their one all we can her has there been if more when will would who so no she other its our
them than these two may out into only do what about up also us my could your any him over such very through
""".split())

# Meta names, most trusted first (keys are lower-case, as lib.ingest.html_text stores them).
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title", "title"),
    "author": ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "byl",
               "parsely-author", "sailthru.author"),
    "date": ("article:published_time", "og:published_time", "published_time", "dc.date", "dcterms.date",
             "dc.date.issued", "dcterms.issued", "date", "pubdate", "publish-date", "publish_date",
             "citation_publication_date", "citation_date", "sailthru.date", "parsely-pub-date"),
    "url": ("og:url", "dc.identifier", "dcterms.identifier", "citation_public_url", "twitter:url"),
    "publication": ("og:site_name", "dc.publisher", "dcterms.publisher", "citation_journal_title",
                    "application-name"),
    "language": ("language", "dc.language", "dcterms.language", "content-language", "og:locale"),
}

_MONTH_NAME = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b"),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>" + _MONTH_NAME + r")\.?,?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<mon>" + _MONTH_NAME + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<mon>" + _MONTH_NAME + r")\.?\s+(?P<y>\d{4})", re.I),
)
_DATE_LABEL = re.compile(r"^\s*(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|issued(?:\s+on)?)"
                         r"\s*[:\-–]?\s*(?P<rest>.+)$", re.I)
_BYLINE = re.compile(r"^\s*(?:written\s+)?by[:\s]\s*(?P<author>[^|,–—\n]{2,80}?)\s*(?:(?:[|,–—]|\s-\s)\s*(?P<rest>.*))?$",
                     re.I)
_NAME = re.compile(r"^[^\W\d_][\w.’'\-]*(?:\s+(?:[^\W\d_][\w.’'\-]*|de|van|von|da|del|la|le|bin|al-?\w*)){0,5}$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_MARKUP = re.compile(r"[*_`]+")
_HTML_LANG = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)""", re.I)


@dataclass
class Suggestion:
    """Metadata suggested from a file, where each value came from, and warnings for a person.

    ``values`` has every name of :data:`FIELDS` ('' when nothing was found);
    ``sources`` says where a value came from (e.g. ``"<meta property=og:title>"``).
    """

    values: dict[str, str] = field(default_factory=lambda: {f: "" for f in FIELDS})
    sources: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    english_ratio: float | None = None  # None: too short to tell

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def _offer(self, name: str, value: str, source: str) -> None:
        value = re.sub(r"\s+", " ", value or "").strip()
        if value and not self.values.get(name):
            self.values[name] = value
            self.sources[name] = source


def parse_loose_date(text: str, *, day_first: bool = True) -> tuple[str, str]:
    """Find a date in free text and return it as a (possibly partial) ISO date.

    Args:
        text: e.g. ``"2025-02-14"``, ``"3 March 2024"``, ``"December 3, 2004 | Page 5"``,
            ``"12/05/2024"``, ``"2023-11-02T10:00:00Z"``, ``"August 2025"``.
        day_first: how to read an ambiguous ``12/05/2024`` (True: 12 May, as in Britain and
            Ireland, where most of the first corpus comes from; a first number over 12 is
            always a day, a second number over 12 always makes it month-first).

    Returns:
        ``(iso_date, note)``: ``("2024-05-12", "read 12/05/2024 as day/month/year")`` or
        ``("", "")`` when no real date is found. ``note`` is '' unless an assumption was made.
    """
    text = (text or "")[:300]
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        note = ""
        try:
            year = int(g["y"])
            if year < 100:
                year += 2000 if year < 70 else 1900
            if g.get("mon"):
                month = _MONTHS[g["mon"].lower()[:3]]
            elif g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                if a > 12 or (day_first and b <= 12):
                    day, month = a, b
                else:
                    month, day = a, b
                if a <= 12 and b <= 12 and a != b:
                    note = f"read {m.group(0)} as {'day/month' if (day, month) == (a, b) else 'month/day'}/year"
                g["d"] = str(day)
            else:
                month = int(g["m"])
            if g.get("d") is None:
                dt.date(year, month, 1)
                return f"{year:04d}-{month:02d}", note
            day = int(g["d"])
            dt.date(year, month, day)
        except (ValueError, KeyError):
            continue
        if not 1800 <= year <= 2100:
            continue
        return f"{year:04d}-{month:02d}-{day:02d}", note
    return "", ""


def english_ratio(text: str, *, sample_words: int = 2000) -> float | None:
    """Share of the first ``sample_words`` words that are common English function words.

    Returns:
        A number in [0, 1], or None for a text under :data:`MIN_WORDS_FOR_LANGUAGE` words.
    """
    words = _sample_words(text, sample_words)
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    return sum(w in _ENGLISH_STOP for w in words) / len(words)


def _sample_words(text: str, limit: int) -> list[str]:
    words = []
    for m in iter_words(text or ""):
        words.append(m.group().lower())
        if len(words) >= limit:
            break
    return words


# Function words of the languages a left-wing article in Europe is most often written in,
# without those that are English too ("in", "a", "on"...): evidence *for* another language,
# so that a short English text with few function words (a headline-style statement) is not
# called foreign for lacking them.
_OTHER_STOP = {name: frozenset(words.split()) - _ENGLISH_STOP for name, words in {
    "French": "le la les des du de et est un une dans pour que qui pas sur au aux ce cette sont avec par plus ne se "
              "nous vous ils elle leur été être mais où son sa ses lui comme",
    "German": "der die das und ist nicht ein eine den dem des mit sich auf für von zu im auch es sie wir ich werden "
              "wird sind dass aber oder nach bei aus",
    "Spanish": "el la los las de del y que en un una es por para con se su al lo como más pero sus le ya este esta "
               "entre",
    "Italian": "il lo la gli le di e che è un una per non con del della dei delle da sono si ma come anche nel alla",
    "Portuguese": "o os as de do da dos das e que em um uma é para com não se por mais na ao como mas foi",
    "Dutch": "de het een en van dat niet te zijn met voor er maar ook als aan bij dan nog wordt",
    "Swedish": "och att det som en på är för med inte av till den har de",
    "Polish": "w na z się nie do że jest to jak ale po od za",
}.items()}
_STOP_LANGUAGES: dict[str, tuple[str, ...]] = {}  # function word → the languages it belongs to
for _name, _stop in _OTHER_STOP.items():
    for _word in _stop:
        _STOP_LANGUAGES[_word] = (*_STOP_LANGUAGES.get(_word, ()), _name)
_SCRIPT_NAMES = {"CJK": "Chinese (Han)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
                 "HANGUL": "Korean", "CYRILLIC": "Cyrillic", "GREEK": "Greek", "ARABIC": "Arabic",
                 "HEBREW": "Hebrew", "DEVANAGARI": "Devanagari", "THAI": "Thai"}
MIN_LETTERS_FOR_SCRIPT = 12  # letters needed before the script of a text is judged
FOREIGN_MIN_HITS = 2  # function words of another language needed to call a text foreign
VERY_LOW_ENGLISH = 0.08  # a longer Latin-script text this poor in English function words is not English prose
LONG_TEXT_WORDS = 60  # ... "longer": under this, a terse English statement can have almost none


def language_warning(text: str) -> tuple[float | None, str]:
    """Whether a text looks English, for the warning the upload form and ``add`` show.

    Three tests, in order: the script (a text mostly in Han, Cyrillic, Arabic... letters is not
    English, however short); function words of another language outnumbering the English ones
    (at least :data:`FOREIGN_MIN_HITS`); a text of :data:`LONG_TEXT_WORDS` words or more with
    almost no English function words (under :data:`VERY_LOW_ENGLISH`). A short English text with few function words is
    not flagged: lacking evidence is not evidence of another language.

    Returns:
        ``(english_ratio, warning)``: the ratio (None if too short to measure) and '' or a
        sentence for a person.
    """
    sample = (text or "")[:20000]
    # Counted once per file by add, the upload worker and every file of an import (where it was
    # over half the checking time): ASCII letters are all Latin, and each word is looked up once.
    words = _sample_words(sample, 2000)
    english = sum(w in _ENGLISH_STOP for w in words)
    ratio = english / len(words) if len(words) >= MIN_WORDS_FOR_LANGUAGE else None  # = english_ratio(sample)
    letters = [] if sample.isascii() else [ch for ch in sample if ch.isalpha()]
    if len(letters) >= MIN_LETTERS_FOR_SCRIPT:
        scripts: dict[str, int] = {}
        for ch in letters[:5000]:
            script = unicodedata.name(ch, "?").split(" ")[0]
            scripts[script] = scripts.get(script, 0) + 1
        top, count = max(scripts.items(), key=lambda kv: kv[1])
        if top != "LATIN" and count > scripts.get("LATIN", 0):
            name = _SCRIPT_NAMES.get(top, top.title())
            return ratio, (f"This text is written mostly in {name} script, not English. The language pipeline is "
                           "English: names and terms found in it may be wrong.")
    if not words:
        return ratio, ""
    counts = dict.fromkeys(_OTHER_STOP, 0)
    for w in words:
        for name in _STOP_LANGUAGES.get(w, ()):
            counts[name] += 1
    language, hits = max(counts.items(), key=lambda item: item[1])
    if hits >= FOREIGN_MIN_HITS and hits > english:
        return ratio, (f"This text does not look like English (it reads like {language}: {hits} of its "
                       f"{len(words)} words are common {language} words, {english} English). The language "
                       "pipeline is English: names and terms found in it may be wrong.")
    if len(words) >= LONG_TEXT_WORDS and english < VERY_LOW_ENGLISH * len(words):
        return ratio, (f"This text does not look like English (only {english / len(words):.0%} of its words are common English "
                       "words). The language pipeline is English: names and terms found in it may be wrong.")
    return ratio, ""


def _head_lines(text: str, fmt: str) -> list[str]:
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if fmt == "md":
            line = _MD_MARKUP.sub("", _MD_HEADING.sub("", line)).strip()
        if line:
            lines.append(line[:1000])
        if len(lines) >= HEAD_LINES:
            break
    return lines


def _language_code(value: str) -> str:
    m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", value or "")
    return m.group(1).lower() if m else ""


# --- titles, bylines and dates of real pages ----------------------------------------------------

_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
_MD_LINK_TEXT = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_DOMAIN_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\S*$", re.I)
# "Statement of the editorial board", "Remarks by Mr. Dennis Francis, President of ...":
# who speaks, not what the text is called.
_SPEAKER_LINE = re.compile(
    r"^\s*(?:an?\s+|the\s+)?(?:joint\s+)?(?:statement|remarks|speech|address|message|editorial|interview|letter|"
    r"column|commentary|opinion|op-ed|article|report|briefing|lecture|keynote)s?\s+(?:of|by|from)\b", re.I)
_SPEAKER_BY = re.compile(
    r"\b(?:statement|remarks|speech|address|message|interview|op-ed|lecture|keynote|press conference)\s+by\s+(?P<who>.+)$", re.I)
_STANDFIRST_BY = re.compile(r"\b(?:argues|writes|reports|explains|asks|says)\s+(?P<who>[^\W\d_][^,;:]{2,60})\s*$")
# Words of an office or a form of address written before a name in a byline.
_ROLE_WORD = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|h\.?e|his|her|excellency|president|vice|prime|deputy|foreign|home|"
    r"defence|defense|secretary|general|secretary-general|minister|ambassador|senator|representative|"
    r"chancellor|chair|chairman|chairwoman|spokesperson|spokesman|spokeswoman|director|editor|comrade|"
    r"professor|governor|mayor|commissioner|high|representative|state|of|the|nato|un|eu)\.?$", re.I)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+|[A-Z]\.|de|van|von|da|del|la|le|bin|al|al-\w+|el|ben)$")
# Byline words that name a desk or an organisation, not a person.
_NOT_A_PERSON = re.compile(r"\b(?:report|reporter|reporters|staff|desk|editor|editors|editorial|board|news|agency|"
                           r"online|network|team|correspondent|office|ministry|coalition|party|committee|"
                           r"statement|website|web site|service|press)\b", re.I)
# "PRESS RELEASE : ...", "BREAKING: ...": a label in capitals before the title.
_TITLE_LABEL = re.compile(r"^\s*[A-Z][A-Z ]{2,30}\s*:\s+(?=\S)")
# "... [September 2023]", "... (2023)": a date tag after the title.
_TITLE_DATE_TAG = re.compile(r"\s*[\[(](?:[A-Za-z]+\.?\s+)?(?:\d{1,2}\s+)?(?:[A-Za-z]+\s+)?\d{4}[\])]\s*$")
_DATE_PHRASE = re.compile(r"\b(?:issued|published|posted|released|dated|delivered|made)\b[^.!?]{0,80}?\bon\s+(?P<rest>.{6,40})", re.I)


def _norm(text: str) -> str:
    """Comparison form of a title or name: lower case, every run of non-word characters one space."""
    import unicodedata

    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text or "").lower()).strip()


def person_name(text: str) -> str:
    """The person a byline names, or '' when it names none.

    "By Foreign Secretary Liz Truss." -> "Liz Truss"; "Secretary General Jens Stoltenberg
    ahead of the NATO Summit" -> "Jens Stoltenberg"; "Mr. Dennis Francis, President of the
    78th session" -> "Dennis Francis"; "F.P. Report", "Stop the War", "Statement" -> "".
    """
    text = re.sub(r"^\s*(?:written\s+)?by[:\s]\s*", "", text or "", flags=re.I).strip()
    text = re.split(r"\s*[,;|(–—]|\s-\s|\s+(?:ahead|at|on|in|for|during|to|from|and)\s", text, maxsplit=1)[0].strip(" .")
    words = text.split()
    while words and _ROLE_WORD.match(words[0]):
        words.pop(0)
    name: list[str] = []
    for w in words:
        if not _NAME_WORD.match(w) or _ROLE_WORD.match(w) and name:
            break
        name.append(w)
    name = name[:4]
    joined = " ".join(name).strip(" .")
    if len(name) < 2 or _NOT_A_PERSON.search(joined) or any(ch.isdigit() for ch in joined):
        return ""
    return joined.title() if joined.isupper() else joined


def _byline_author(line: str) -> str:
    """The author a head line gives: "By X", "Statement by X", "..., argues X"."""
    by = _BYLINE.match(line)
    if by:
        return person_name(line)
    m = _SPEAKER_BY.search(line)
    if m:
        return person_name(m.group("who"))
    m = _STANDFIRST_BY.search(line)
    if m:
        return person_name(m.group("who"))
    return ""


def _is_prose(line: str) -> bool:
    """A line of running text: the body has begun, no title comes after it."""
    words = line.split()
    return len(words) >= 30 or (len(words) >= 12 and line.rstrip("”\"'’ )").endswith((".", ";")))


def _is_anchor(line: str) -> bool:
    """A date line, byline or speaker line: the title is usually right above one."""
    text = _MD_LINK_TEXT.sub(r"\1", line).strip().strip("*_#> ").strip()
    if not text:
        return False
    if _BYLINE.match(text) or _SPEAKER_LINE.match(text) or _DATE_LABEL.match(text) or _DATE_PHRASE.search(text):
        return True
    if re.search(r"\b(?:editor|reporter|correspondent|staff writer|report)s?\s*$", text, re.I) and len(text.split()) <= 5:
        return True  # "FAN Editor", "F.P. Report"
    return bool(parse_loose_date(text)[0]) and len(text.split()) <= 8


def _title_candidate(line: str) -> bool:
    """A head line that could be the title: not furniture, a menu, a domain, a date, a byline or a sentence."""
    text = _MD_LINK_TEXT.sub(r"\1", line).strip().strip("*_#> ").strip()
    words = text.split()
    if not 2 <= len(words) <= 40 or len(text) > MAX_TITLE:
        return False
    if is_furniture(line) or is_menu_line(line) or is_share_line(text) or _DOMAIN_LINE.match(text):
        return False
    if " | " in text and all(len(p.split()) <= 4 for p in text.split(" | ")):
        return False  # "United Nations | General Assembly": a masthead of short parts
    if _DATE_LABEL.match(text) or _BYLINE.match(text) or _SPEAKER_LINE.match(text) or text.lower().startswith("tag"):
        return False
    if parse_loose_date(text)[0] and len(words) <= 8:
        return False  # "(Xinhua) 16:43, March 07, 2022"
    if text.endswith((".", ",", ";")) and not text.endswith("..."):
        return False
    return not re.search(r"\b(?:editor|reporter|correspondent|staff writer)s?\s*$", text, re.I)


def clean_title(title: str) -> str:
    """A title without a capitals label before it or a date tag after it ("PRESS RELEASE : X [May 2023]" -> "X")."""
    out = _TITLE_DATE_TAG.sub("", title or "").strip()
    m = _TITLE_LABEL.match(out)
    if m and len(out[m.end():].split()) >= 3:
        out = out[m.end():]
    return out.strip()


def text_title(lines: list[str], *, fmt: str) -> str:
    """The title of a plain or Markdown text, or '' (never a sentence of the body).

    Mastheads, menus, banners, domain lines, bylines and date lines are passed over; a
    Markdown level-1 heading before the body is the title; otherwise the title is the last
    candidate line before the body begins (titles sit right above the byline, date or first
    paragraph; mastheads sit at the top).
    """
    head: list[str] = []
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        plain = _MD_LINK_TEXT.sub(r"\1", line).strip()
        if _is_prose(plain) and not _MD_HEADING.match(line):
            break
        if fmt in ("md", "txt") and re.match(r"^\s{0,3}#\s+", line):  # saved .txt articles carry Markdown too
            heading = _MD_MARKUP.sub("", _MD_HEADING.sub("", plain)).strip()
            if _title_candidate(heading) or len(heading.split()) >= 2:
                return clean_title(heading)
        head.append(line)
    # A line that is only a person's name above a date line is a byline ("Tom Peters").
    candidates = [n for n, line in enumerate(head) if _title_candidate(line)
                  and not (n + 1 < len(head) and _is_anchor(head[n + 1]) and person_name(line) == line.strip(" ."))]
    if not candidates:
        return ""
    # The first candidate right above a date line or byline; else the last one above the body.
    chosen = next((n for n in candidates if n + 1 < len(head) and _is_anchor(head[n + 1])), candidates[-1])
    plain = _MD_LINK_TEXT.sub(r"\1", head[chosen]).strip()
    return clean_title(_MD_MARKUP.sub("", _MD_HEADING.sub("", plain)).strip())


def html_title(raw_title: str, *, headings: list[str], site: str = "") -> str:
    """The article's title from a page's ``<title>``/``og:title`` and its headings.

    A heading of the page that the raw title contains is the title ("Pre-summit press
    conference" inside "NATO - Opinion: Pre-summit press conference by ..., 05-Jul.-2024");
    otherwise the site's name is cut from the end or the start ("Title | Site name").
    """
    raw_title = re.sub(r"\s+", " ", raw_title or "").strip()
    norm_raw = _norm(raw_title)
    site_n = _norm(site)
    inside = [h for h in headings if len(_norm(h).split()) >= 2 and _norm(h) in norm_raw and _norm(h) != site_n]
    if inside:
        return clean_title(max(inside, key=lambda h: len(_norm(h))))
    title = raw_title
    if site:
        for sep in (*_TITLE_SEPARATORS, "-", ": "):
            if _norm(title).endswith(site_n) and sep in title:
                head, _, tail = title.rpartition(sep)
                if _norm(tail) == site_n:
                    title = head
                    break
            if _norm(title).startswith(site_n) and sep in title:
                head, _, tail = title.partition(sep)
                if _norm(head) == site_n:
                    title = tail
                    break
    return clean_title(title.strip())


def library_metadata(source: str) -> dict[str, str]:
    """Title, author, date and site name that trafilatura (with htmldate) reads from a page, or {}.

    Used for metadata only; our own extractor keeps the text and its offsets.
    """
    try:
        import trafilatura  # deferred: parsing HTML with lxml only when a page is added

        doc = trafilatura.extract_metadata(source)
    except Exception:  # noqa: BLE001 - a suggestion must never fail: a page the library cannot read gets none
        return {}
    if doc is None:
        return {}
    return {k: str(getattr(doc, k, "") or "") for k in ("title", "author", "date", "sitename")}


def detect_metadata(text: str, *, fmt: str, html_meta: Mapping[str, str] | None = None,
                    raw: bytes | None = None, cleaned_text: str | None = None,
                    headings: Sequence[str] = ()) -> Suggestion:
    """Suggest metadata for one document.

    Args:
        text: the decoded file (for HTML, the source; for txt/md, the text).
        fmt: ``"txt"``, ``"md"`` or ``"html"`` (:func:`lib.ingest.cleaning.detect_format`).
        html_meta: ``Cleaned.html_meta`` of an HTML file (``<title>`` and ``<meta>`` values,
            lower-case keys).
        raw: the raw bytes (for ``<html lang>``), optional.
        cleaned_text: the cleaned text (what the pipeline reads); searched for the title
            line, byline and date line, and checked for language. Default: ``text``.
        headings: the texts of the first heading blocks of the cleaned text (an HTML page's
            ``<h1>``...): the article's title is the heading its ``<title>`` contains.

    Returns:
        A :class:`Suggestion`. Its warnings name what was assumed (an ambiguous date) and a
        text that does not look English. No title is suggested rather than a sentence of
        the body (the app shows such a document as "untitled").
    """
    s = Suggestion()
    meta = {str(k).lower(): str(v) for k, v in (html_meta or {}).items()}
    body = cleaned_text if cleaned_text is not None else text
    # Title, byline and date lines are read from the file as received (cleaning strips a
    # leading date line); for HTML from its extracted text.
    head_source = body if fmt == "html" else text
    notes: list[str] = []
    raw_title, title_source = "", ""
    if fmt == "html":
        library = library_metadata(text)
        for name, keys in _META_KEYS.items():
            for key in keys:
                value = meta.get(key, "")
                if name == "author" and value.lower().startswith(("http://", "https://")):
                    continue  # article:author is often a profile URL
                if name == "date" and value:
                    value, note = parse_loose_date(value)
                    if note:
                        notes.append(note)
                if name == "url" and value and not value.lower().startswith(("http://", "https://")):
                    continue
                if name == "language":
                    value = _language_code(value)
                if name == "title":
                    if value and not raw_title:
                        raw_title, title_source = value, ("<title>" if key == "title" else f"<meta {key}>")
                    continue
                if value:
                    s._offer(name, value, f"<meta {key}>")
                    break
        if raw is not None and not s.get("language"):
            m = _HTML_LANG.search(raw[:8192])
            if m:
                s._offer("language", _language_code(m.group(1).decode("ascii", "ignore")), "<html lang>")
        if not raw_title and library.get("title"):
            raw_title, title_source = library["title"], "trafilatura"
        site = s.get("publication") or library.get("sitename", "")
        if raw_title:
            s._offer("title", html_title(raw_title, headings=list(headings), site=site), title_source)
        elif headings:
            s._offer("title", clean_title(headings[0]), "first heading")
        if s.get("author") and not person_name(s.get("author")):
            s.values["author"] = ""  # "<meta name=author content='Staff'>": no person
            s.sources.pop("author", None)
        if not s.get("author") and person_name(library.get("author", "")):
            s._offer("author", person_name(library["author"]), "trafilatura")
        if not s.get("date") and library.get("date"):
            date, note = parse_loose_date(library["date"])
            s._offer("date", date, "trafilatura (htmldate)")
            notes.append(note)
    if not s.get("title"):
        title = text_title(head_source.splitlines()[:60], fmt=fmt)
        if title:
            s._offer("title", title[:MAX_TITLE], "title line")
    lines = _head_lines(head_source, fmt)
    for n, line in enumerate(lines):
        author = _byline_author(line)
        if not author and n + 1 < len(lines) and len(line) <= 40 and _is_anchor(lines[n + 1]) \
                and person_name(line) == line.strip(" .") and _norm(line) != _norm(s.get("title")):
            author = person_name(line)  # "Tom Peters" on its own line, above "30 March 2022"
        if author:
            s._offer("author", author, "byline")
            by = _BYLINE.match(line)
            if by and by.group("rest"):
                date, note = parse_loose_date(by.group("rest"))
                if date:
                    s._offer("date", date, "byline")
                    notes.append(note)
            continue
        label = _DATE_LABEL.match(line)
        if label:
            date, note = parse_loose_date(label.group("rest"))
            if date:
                s._offer("date", date, "date line")
                notes.append(note)
                continue
        date, note = parse_loose_date(line)
        if date and len(line) <= 60:  # a line that is little more than a date ("December 3, 2004 | Page 5")
            s._offer("date", date, "date line")
            notes.append(note)
            continue
        phrase = _DATE_PHRASE.search(line)
        if phrase:  # "The press release issued by the Foreign Office on 29 September 2023."
            date, note = parse_loose_date(phrase.group("rest"))
            if date:
                s._offer("date", date, "date phrase")
                notes.append(note)
    ratio, foreign = language_warning(body)
    s.english_ratio = ratio
    if foreign:
        s.warnings.append(foreign)
        if not s.get("language"):
            s.values["language"] = ""
    elif not s.get("language") and ratio is not None and ratio >= ENGLISH_THRESHOLD:
        s._offer("language", "en", "language check")
    elif s.get("language") and s.get("language") != "en" and ratio is not None:
        s.warnings.append(f"The file declares its language as '{s.get('language')}'. The language pipeline is "
                          "English: names and terms found in it may be wrong.")
    s.warnings += [f"Date: {n}." for n in dict.fromkeys(notes) if n]
    return s
