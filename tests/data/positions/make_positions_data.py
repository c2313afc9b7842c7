"""Rebuild metadata.csv and sentences.jsonl of a positions gold set from its texts/ (issue 20).

    .venv/bin/python tests/data/positions/make_positions_data.py [SET_DIR]

SET_DIR (default: this script's folder) holds texts/*.txt and set.json (organisations, split).

The dev/test split is drawn once per organisation with a fixed seed, half and half, so that it
was not chosen by looking at which categories each text expresses. Sentences come from the app's
own pipeline (lib.nlp.engine), so their offsets are those the store will hold for the same text.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from lib.nlp.engine import annotate, load_pipeline  # noqa: E402

# The engine's sentence recogniser (senter of en_core_web_sm) runs titles and paragraph ends into
# the next sentence; a sentence of the gold never crosses a blank line.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# A piece that is only a list number ("1.") or ends with no sentence-final mark ("Anti" before
# "-militarism ...") is a fragment of the senter's; it joins the next piece of its paragraph.
FINAL = re.compile(r"""[.!?:;"\u201d\u2019')]$""")
LIST_MARK = re.compile(r"^\(?\d+[.)]$")

# A set's organisations and split live in its own set.json, so that every gold set (positions,
# positions_test2, ...) is rebuilt by this one script with the same sentence logic.
# split.seed: never change it after coding (it would change the split); split.halves: the halves
# drawn half and half within each organisation, or split.half: one half for every text.
SET_FILE = "set.json"


def load_set(folder: Path) -> dict:
    return json.loads((folder / SET_FILE).read_text(encoding="utf-8"))


FIELDS = ["id", "file", "organisation", "org_short", "tradition", "title", "source", "basis_url", "half", "words"]


def split(ids: list[str], orgs: dict, how: dict) -> dict[str, str]:
    """Half and half within each organisation, drawn with the set's fixed seed (the first half
    gets the smaller share of an odd count); or one named half for every text."""
    if "half" in how:
        return {doc: how["half"] for doc in ids if doc.rsplit("-", 1)[0] in orgs}
    first, second = how["halves"]
    rng = random.Random(how["seed"])
    halves: dict[str, str] = {}
    for prefix in orgs:
        mine = sorted(i for i in ids if i.rsplit("-", 1)[0] == prefix)
        rng.shuffle(mine)
        for n, doc in enumerate(mine):
            halves[doc] = first if n < len(mine) // 2 else second
    return halves


def paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at blank lines, each piece without surrounding whitespace."""
    pieces = []
    cuts = [start] + [x for m in PARAGRAPH_BREAK.finditer(text, start, end) for x in (m.start(), m.end())] + [end]
    for s, e in zip(cuts[::2], cuts[1::2]):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            pieces.append((s, e))
    return pieces


def join_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join each fragment to the next span when no blank line separates them."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            piece = text[prev_start:prev_end]
            fragment = LIST_MARK.match(piece) or not FINAL.search(piece)
            if fragment and not PARAGRAPH_BREAK.search(text, prev_end, start) and "\n" not in text[prev_end:start]:
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def main(folder: Path) -> None:
    config = load_set(folder)
    orgs = config["organisations"]
    paths = sorted((folder / "texts").glob("*.txt"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in paths}
    halves = split(list(texts), orgs, config["split"])
    missing = set(texts) - set(halves)
    if missing:
        raise SystemExit(f"texts with no organisation: {sorted(missing)}")

    rows = []
    for doc, text in texts.items():
        prefix, number = doc.rsplit("-", 1)
        entry = orgs[prefix]
        org, short, tradition, urls = entry["organisation"], entry["short"], entry["tradition"], entry["basis_urls"]
        rows.append({
            "id": doc, "file": f"texts/{doc}.txt", "organisation": org, "org_short": short,
            "tradition": tradition, "title": text.split("\n", 1)[0].strip(),
            "source": f"written in the style of {org}", "basis_url": urls.get(number, urls.get("*", "")),
            "half": halves[doc], "words": len(text.split()),
        })
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    result = annotate(load_pipeline(), sorted(texts.items()))
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in result.sentences.itertuples(index=False):
        spans.setdefault(row.doc_id, []).extend(paragraph_pieces(texts[row.doc_id], int(row.start), int(row.end)))
    count = 0
    with open(folder / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for doc in sorted(spans):
            text = texts[doc]
            for sent, (start, end) in enumerate(join_fragments(text, spans[doc])):
                record = {"doc": doc, "sent": sent, "start": start, "end": end, "text": text[start:end]}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    print(f"{len(rows)} texts, {count} sentences", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE)
