"""A hostile corpus: every payload of issue 6 in texts and metadata (shared by page and browser tests).

Each payload must show as inert text wherever it appears: reader, tables, chart labels, hover
text, the sidebar filter. ``build_hostile_corpus(folder)`` writes the files and metadata.csv.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

SCRIPT = "<script>alert('xss-script')</script>"
IMG = "<img src=x onerror=alert('xss-img')>"
IFRAME = "<iframe srcdoc=\"<script>alert('xss-iframe')</script>\"></iframe>"
JS_LINK = "[click me](javascript:alert('xss-link'))"
MARKDOWN = "**bold?** _em?_ # heading? > quote? `code?`"
KATEX = "$\\frac{a}{b}$ and $$x^2$$"
COLOUR = ":red[red?] :material/warning:"
RTL = "abc\u202edcba\u202c"
ZWSP = "zero\u200bwidth"
PAYLOADS = (SCRIPT, IMG, IFRAME, JS_LINK, MARKDOWN, KATEX, COLOUR, RTL, ZWSP)
MARKERS = ("xss-script", "xss-img", "xss-iframe", "xss-link")  # appear in text; must never run

HOSTILE_TITLE = f"Title {SCRIPT} {IMG}"
HOSTILE_ORG = f"Org {IMG} <b>bold</b>"
HOSTILE_SHORT = "<b>EVIL</b>"
BODY = ("The war in Ukraine goes on. Vladimir Putin met NATO leaders in Moscow while the United States sent "
        "weapons to Kyiv. Workers in Britain and France say the war is not theirs. ")

TEXT_DOC = "\n\n".join([
    "Hostile plain text",
    f"{BODY}{SCRIPT} inside a sentence about Russia and Ukraine.",
    f"An image {IMG} and a frame {IFRAME} near Joe Biden.",
    f"A link {JS_LINK} and Markdown {MARKDOWN}.",
    f"Maths {KATEX} and colour {COLOUR} beside Emmanuel Macron.",
    f"Direction {RTL} and {ZWSP} characters with Germany and China.",
    BODY,
])
MD_DOC = "\n\n".join([
    "# Hostile **Markdown** $x$",
    f"{BODY} [a link](javascript:alert('xss-link')) and <span onclick=alert(1)>span</span>.",
    f"$$\\begin{{matrix}} a \\end{{matrix}}$$ and {COLOUR} with Olaf Scholz in Berlin.",
])
HTML_DOC = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>HTML page {SCRIPT}</title><meta name="author" content="{IMG.replace('"', '&quot;')}">
<script>alert('xss-head')</script></head><body>
<p>{BODY}</p>
<p>Escaped markup as text: &lt;script&gt;alert('xss-script')&lt;/script&gt; and &lt;img src=x onerror=alert('xss-img')&gt;.</p>
<p><img src=x onerror="alert('xss-real-img')"> A real image tag with onerror, dropped; Emmanuel Macron spoke.</p>
<p><a href="javascript:alert('xss-real-link')">a javascript link</a> in Paris and London.</p>
<iframe srcdoc="<script>alert('xss-real-iframe')</script>"></iframe>
<p>Direction {RTL} and {ZWSP}; maths {KATEX}.</p>
</body></html>"""

ROWS = [
    {"id": "hostile-text", "file": "h1.txt", "title": HOSTILE_TITLE, "organisation": HOSTILE_ORG,
     "org_short": HOSTILE_SHORT, "publication": f"Pub {KATEX}", "author": f"Author {COLOUR}", "date": "2024-03-01",
     "url": "javascript:alert('xss-url')", "language": "en", "source_note": f"Note {JS_LINK} {RTL}"},
    {"id": "hostile-md", "file": "h2.md", "title": f"Markdown {MARKDOWN} {KATEX}", "organisation": f"Org {RTL}",
     "org_short": f"R{ZWSP}TL", "publication": "", "author": "", "date": "2024-04", "url": "", "language": "en",
     "source_note": ""},
    {"id": "hostile-html", "file": "h3.html", "title": "", "organisation": "Plain Org", "org_short": "PLAIN",
     "publication": "", "author": "", "date": "2024", "url": "https://example.org/a?x=<script>", "language": "en",
     "source_note": ""},
]


def build_hostile_corpus(folder: Path) -> Path:
    """Write the hostile corpus into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "h1.txt").write_text(TEXT_DOC, encoding="utf-8")
    (folder / "h2.md").write_text(MD_DOC, encoding="utf-8")
    (folder / "h3.html").write_text(HTML_DOC, encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ROWS[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(ROWS)
    (folder / "metadata.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder
