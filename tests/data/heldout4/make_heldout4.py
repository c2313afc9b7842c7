"""Build the fourth held-out set: excerpts of real public texts, saved as web pages and texts.

Every text below is a short excerpt of a public page (the source URL is kept with it and in
``sources.csv``); the page furniture around it (menus, mastheads, cookie banners, share lines,
``<title>`` suffixes, date lines) is written in the style of the site it comes from. Actors
and metadata were annotated by hand, following tests/data/README.md, BEFORE any rule was
changed for this set (the set is untuned; see README.md here).

Markup:
* ``[[surface|TYPE|Canonical name]]`` — an actor mention;
* ``{{ ... }}`` — a furniture region (a byline, a menu with names, a photo credit): mentions,
  gold or predicted, that overlap it are ignored by the evaluation.

Outputs: each file, ``gold.jsonl`` (offsets into the decoded file; for HTML into the
source), ``furniture.jsonl`` (the regions) and ``metadata_gold.csv`` (title, author, date as
a reader would give them: no site name, author a person or empty, date ISO).

    .venv/bin/python tests/data/heldout4/make_heldout4.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
TOKEN = re.compile(r"\[\[([^|\[\]]+)\|([A-Z]+)\|([^\]]+)\]\]|\{\{|\}\}")



sys.path.insert(0, str(HERE))
from articles import ARTICLES  # noqa: E402  (the texts, one module of data)


def build(article: dict) -> tuple[str, list[dict], list[dict]]:
    """The decoded text, gold rows and furniture regions of one article."""
    marked = article["text"]
    out: list[str] = []
    length = 0
    rows: list[dict] = []
    regions: list[dict] = []
    open_at: int | None = None
    pos = 0
    for m in TOKEN.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        pos = m.end()
        tok = m.group(0)
        if tok == "{{":
            assert open_at is None, (article["file"], length)
            open_at = length
        elif tok == "}}":
            assert open_at is not None, (article["file"], length)
            regions.append({"doc": article["file"], "start": open_at, "end": length})
            open_at = None
        else:
            surface, label, canonical = m.group(1), m.group(2), m.group(3)
            assert open_at is None, f"mention inside furniture: {surface}"
            rows.append({"doc": article["file"], "start": length, "end": length + len(surface), "text": surface,
                         "type": label, "canonical": canonical})
            out.append(surface)
            length += len(surface)
    out.append(marked[pos:])
    assert open_at is None
    text = "".join(out)
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"], r
    return text, rows, regions


def main() -> None:
    gold: list[dict] = []
    furniture: list[dict] = []
    for article in ARTICLES:
        text, rows, regions = build(article)
        (HERE / article["file"]).write_bytes(text.encode(article.get("encoding", "utf-8")))
        gold += rows
        furniture += regions
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in gold)
    with (HERE / "furniture.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in furniture)
    with (HERE / "metadata_gold.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "title", "author", "date", "organisation", "source_url"])
        for a in ARTICLES:
            w.writerow([a["file"], a["title"], a["author"], a["date"], a["org"], a["url"]])
    orgs = {a["org"] for a in ARTICLES}
    print(f"{len(ARTICLES)} documents by {len(orgs)} organisations, {len(gold)} gold mentions, "
          f"{len(furniture)} furniture regions")


if __name__ == "__main__":
    main()
