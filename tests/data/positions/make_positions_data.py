"""Rebuild metadata.csv and sentences.jsonl of the positions gold from texts/ (issue 20).

    .venv/bin/python tests/data/positions/make_positions_data.py

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

SEED = 20  # the issue number; changing it changes the split, so never change it after coding

# prefix -> (organisation, short name, tradition, basis URLs by text number or "*" for all)
ORGS = {
    "wsws": ("International Committee of the Fourth International", "ICFI/WSWS", "Trotskyist", {
        "*": "https://www.wsws.org/en/articles/2022/02/25/pers-f25.html",
        "3": "https://www14.wsws.org/en/articles/2022/05/17/more-m17.html"}),
    "fi": ("Fourth International", "FI", "Trotskyist", {
        "*": "https://fourth.international/en/566/europe/505",
        "1": "https://fourth.international/index.php/en/world-congresses/874/europe/673"}),
    "sr": ("Sotsialnyi Rukh (Social Movement)", "SR", "Ukrainian left", {
        "*": "https://links.org.au/social-movement-ukraine-statement-one-year-anniversary-russias-full-scale-invasion",
        "2": "https://anticapitalistresistance.org/russian-imperialism-makes-power-grab-against-ukraine/",
        "4": "https://www.cancel-ukrainian-debt.org/ukraine-solidarity-campaign/"}),
    "rsd": ("Russian Socialist Movement", "RSD", "Russian left in exile", {
        "*": "https://links.org.au/author/russian-socialist-movement",
        "1": "https://tempestmag.org/2023/02/we-say-war-on-war/",
        "4": "https://links.org.au/russian-socialist-movement-stop-war-has-mean-death-dictatorship"}),
    "cpgbml": ("Communist Party of Great Britain (Marxist-Leninist)", "CPGB-ML", "Stalinist/anti-imperialist", {
        "*": "https://wapnews.org/index.php?rest_route=%2Fwp%2Fv2%2Fposts%2F5117"}),
    "cprf": ("Communist Party of the Russian Federation", "CPRF", "Stalinist/anti-imperialist", {
        "*": "https://libya360.wordpress.com/2022/02/24/statement-of-the-central-committee-of-the-communist-party-of-the-russian-federation-on-ukraine/"}),
    "kke": ("Communist Party of Greece", "KKE", "Marxist-Leninist (inter-imperialist line)", {
        "*": "https://www.idcommunism.com/2022/02/kke-statement-on-russian-invasion-of.html",
        "1": "http://fr.kke.gr/pt/articles/RESOLUCAO-DO-COMITE-CENTRAL-DO-KKE-SOBRE-A-GUERRA-IMPERIALISTA-NA-UCRANIA/",
        "2": "https://www.iccr.gr/en/issue_article/The-justification-of-the-imperialist-war-is-used-for-pooling-the-wool-over-the-peoples-eyes/",
        "3": "http://fr.kke.gr/en/articles/On-the-so-called-World-Anti-Imperialist-Platform-and-its-damaging-and-disorienting-position/",
        "4": "https://mltoday.com/two-years-of-imperialist-war-in-ukraine/"}),
    "cpb": ("Communist Party of Britain", "CPB", "Communist (peace-movement line)", {
        "1": "https://www.communistparty.org.uk/stop-the-war-start-the-peace/",
        "2": "https://msd7.gn.apc.org/article/e/tuc-should-not-endorse-escalation-war-ukraine",
        "3": "https://theleftchapter.com/post/british-communists-demand-that-starmer-prepare-for-peace-not-more-war",
        "4": "https://communistparty.org.uk/2022/03/15/28626-2"}),
    "linke": ("Die Linke", "Linke", "social-democratic/left", {
        "*": "https://linksfraktion.de/presse/pressemitteilungen/detail/bellizisten-eine-absage-erteilen",
        "2": "https://zlive-news.de/linken-partei-warnt-waffenlieferungen-an-ukraine-tragen-eskalationsgefahr-in-sich",
        "3": "https://zlive-news.de/linken-partei-warnt-waffenlieferungen-an-ukraine-tragen-eskalationsgefahr-in-sich",
        "4": "https://www.abgeordnetenwatch.de/fragen-antworten?page=12&topic=1583"}),
    "acg": ("Anarchist Communist Group", "ACG", "anarchist", {
        "*": "https://nowar.solidarite.online/blog/british-anarchism-succumbs-to-war-fever",
        "1": "https://libcom.org/article/no-war-class-war-against-state-nationalism-and-inter-imperialist-war-ukraine",
        "3": "https://anarcomuk.uk/tag/war",
        "4": "https://anarcomuk.uk/tag/nato"}),
}

FIELDS = ["id", "file", "organisation", "org_short", "tradition", "title", "source", "basis_url", "half", "words"]


def split(ids: list[str]) -> dict[str, str]:
    """Half dev, half test within each organisation, drawn with the fixed seed."""
    rng = random.Random(SEED)
    halves: dict[str, str] = {}
    for prefix in ORGS:
        mine = sorted(i for i in ids if i.rsplit("-", 1)[0] == prefix)
        rng.shuffle(mine)
        for n, doc in enumerate(mine):
            halves[doc] = "dev" if n < len(mine) // 2 else "test"
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


def main() -> None:
    paths = sorted((HERE / "texts").glob("*.txt"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in paths}
    halves = split(list(texts))
    missing = set(texts) - set(halves)
    if missing:
        raise SystemExit(f"texts with no organisation: {sorted(missing)}")

    rows = []
    for doc, text in texts.items():
        prefix, number = doc.rsplit("-", 1)
        org, short, tradition, urls = ORGS[prefix]
        rows.append({
            "id": doc, "file": f"texts/{doc}.txt", "organisation": org, "org_short": short,
            "tradition": tradition, "title": text.split("\n", 1)[0].strip(),
            "source": f"written in the style of {org}", "basis_url": urls.get(number, urls.get("*", "")),
            "half": halves[doc], "words": len(text.split()),
        })
    with open(HERE / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    result = annotate(load_pipeline(), sorted(texts.items()))
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in result.sentences.itertuples(index=False):
        spans.setdefault(row.doc_id, []).extend(paragraph_pieces(texts[row.doc_id], int(row.start), int(row.end)))
    count = 0
    with open(HERE / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for doc in sorted(spans):
            text = texts[doc]
            for sent, (start, end) in enumerate(join_fragments(text, spans[doc])):
                record = {"doc": doc, "sent": sent, "start": start, "end": end, "text": text[start:end]}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    print(f"{len(rows)} texts, {count} sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
