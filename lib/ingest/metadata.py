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
from collections.abc import Mapping
from dataclasses import dataclass, field

from lib.words import iter_words

FIELDS = ("title", "author", "date", "url", "publication", "language")
HEAD_LINES = 12  # how many non-empty lines at the top of a text are searched for a title/byline/date
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
    letters = [ch for ch in sample if ch.isalpha()]
    ratio = english_ratio(sample)
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
    words = _sample_words(sample, 2000)
    if not words:
        return ratio, ""
    english = sum(w in _ENGLISH_STOP for w in words)
    language, hits = max(((name, sum(w in stop for w in words)) for name, stop in _OTHER_STOP.items()),
                         key=lambda item: item[1])
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


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= 30 and len(line) <= MAX_TITLE and not line.endswith((".", ",", ";", ":"))
            and not _DATE_LABEL.match(line) and not _BYLINE.match(line))


def detect_metadata(text: str, *, fmt: str, html_meta: Mapping[str, str] | None = None,
                    raw: bytes | None = None, cleaned_text: str | None = None) -> Suggestion:
    """Suggest metadata for one document.

    Args:
        text: the decoded file (for HTML, the source; for txt/md, the text).
        fmt: ``"txt"``, ``"md"`` or ``"html"`` (:func:`lib.ingest.cleaning.detect_format`).
        html_meta: ``Cleaned.html_meta`` of an HTML file (``<title>`` and ``<meta>`` values,
            lower-case keys).
        raw: the raw bytes (for ``<html lang>``), optional.
        cleaned_text: the cleaned text (what the pipeline reads); searched for the title
            line, byline and date line, and checked for language. Default: ``text``.

    Returns:
        A :class:`Suggestion`. Its warnings name what was assumed (an ambiguous date) and a
        text that does not look English.
    """
    s = Suggestion()
    meta = {str(k).lower(): str(v) for k, v in (html_meta or {}).items()}
    body = cleaned_text if cleaned_text is not None else text
    # Title, byline and date lines are read from the file as received (cleaning strips a
    # leading date line); for HTML from its extracted text.
    head_source = body if fmt == "html" else text
    notes: list[str] = []
    if fmt == "html":
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
                if value:
                    label = "<title>" if key == "title" else f"<meta {key}>"
                    s._offer(name, value, label)
                    break
        if raw is not None and not s.get("language"):
            m = _HTML_LANG.search(raw[:8192])
            if m:
                s._offer("language", _language_code(m.group(1).decode("ascii", "ignore")), "<html lang>")
        title, site = s.get("title"), s.get("publication")
        if title and site:  # "Article title | Site name" → "Article title"
            for sep in (" | ", " - ", " – ", " — ", " :: "):
                if title.endswith(sep + site):
                    s.values["title"] = title[: -len(sep + site)].strip()
    lines = _head_lines(head_source, fmt)
    for line in lines:
        by = _BYLINE.match(line)
        if by and _NAME.match(by.group("author").strip()):
            s._offer("author", by.group("author"), "byline")
            if by.group("rest"):
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
    if not s.get("title"):
        for line in lines[:4]:
            if _looks_like_title(line):
                s._offer("title", line[:MAX_TITLE], "first line")
                break
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
