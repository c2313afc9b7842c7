"""The words layer's figures (issue 14 items 1–3, issue 17 item 1) → ``benchmarks/WORDS.md``.

Usage::

    .venv/bin/python -m benchmarks.words

Over the corpus, ``tests/data/heldout`` and ``tests/data/words/texts`` (annotated with the pinned
model, as the store would hold them): sentences crossing a block of the cleaned text; every
word checked against the reference count of ``../shared/DESIGN.md`` (concordance lines and the
Terms page's count); the figures the issue names ("US", "secretary-general"); junk terms;
the corpus's top terms; line-end hyphenation against hand-decided spellings. The "before"
column was measured on the code before the words layer with ``benchmarks/words_before.py``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from lib.analysis import query, terms
from lib.ingest.cleaning import clean_text
from lib.ingest.corpus import clean_source, read_source
from lib.nlp.gazetteer import acronym_form
from lib.store import counts
from lib.store.term_index import TermIndex
from lib.words import iter_words
from tests.analysis.test_reference_counts import WORD, reference_count
from tests.realtext import annotated_folders

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "WORDS.md"
WORDS_DATA = ROOT / "tests" / "data" / "words"

# Measured with benchmarks/words_before.py at commit be2f78e (the code before this work).
BEFORE = {
    "corpus": {"sentences": 207, "crossing": 46, "hyphenated": (1, 55), "US": 82, "secretary-general": 0,
               "junk": ["long-"],
               "top": "russia 77, ukraine 69, war 60, imperialism 47, imperialist 43, european 28, nato 26, class 24, "
                      "ukrainian 23, iso 21, russian 20, new 19, working 19, trump 18, china 17, europe 17, "
                      "government 17, military 17, powers 15, world 15, capitalism 14, usa 13, end 12, eu 12, "
                      "socialist 12 (\"US\" merged into the stop word \"us\": absent)"},
    "heldout": {"sentences": 64, "crossing": 24, "hyphenated": (0, 11), "US": 6, "secretary-general": 0, "junk": []},
    "texts": {"sentences": 65, "crossing": 30, "hyphenated": (1, 33), "US": 5, "secretary-general": 0,
              "junk": ["anti-", "co-", "govern-", "inter-", "long-", "nuclear-", "pre-", "self-", "us-", "zeiten-"]},
}
NAMES = {"corpus": "corpus (5 documents)", "heldout": "tests/data/heldout (8 documents)",
         "texts": "tests/data/words/texts (4 held-out documents)"}


def crossing(docs, ann) -> int:
    n = 0
    for row in docs.itertuples():
        blocks = clean_source(read_source(row.folder, row.file), file=row.file).blocks
        sents = ann.sentences[ann.sentences["doc_id"] == row.doc_id]
        for start, end in zip(sents["start"], sents["end"], strict=True):
            n += sum(1 for b in blocks if b.start < end and b.end > start) > 1
    return n


def measure_folder(name: str) -> dict:
    docs, ann = annotated_folders()[name]
    table = counts.term_counts(ann.tokens)
    indexes = {(u, n): TermIndex(table[(table["unit"] == u) & (table["n"] == n)], unit=u, n=n)
               for u in ("word", "lemma") for n in (1, 2, 3)}
    words = counts.word_table(ann.tokens)
    texts = list(docs["text"])

    def uses(term: str) -> int:
        found = terms.lookup_term(term, docs, lambda n: indexes["word", n])
        return int(found.per_doc["count"].sum()) if not found.per_doc.empty else 0

    def lines(word: str) -> int:
        conc = query.concordance(query.parse_query(word), docs, words_for=lambda ids: words[words["doc_id"].isin(ids)],
                                 index_for=lambda u, n: indexes[u, n], max_lines=None)
        return len(conc.lines)

    vocabulary = sorted({w for w in words.loc[words["is_word"], "text"] if WORD.fullmatch(w)})
    wrong = [w for w in vocabulary if not uses(w) == lines(w) == reference_count(texts, w)]
    # The same hyphenated words as the "before" measurement: every hyphenated run in the cleaned texts.
    hyphenated = sorted({m.group() for t in texts for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)+", t)}, key=str.lower)
    every = terms.term_table(terms.select_counts(indexes["word", 1], list(docs["doc_id"]), stop=True), docs)
    junk = [t for t in every["term"] if t.endswith("-") or t.startswith("-") or not any(c.isalnum() for c in t)]
    top = terms.term_table(terms.select_counts(indexes["word", 1], list(docs["doc_id"]), stop=False, nums=False), docs)
    figures = {w: (uses(w), reference_count(texts, w)) for w in ("US", "us", "NATO", "secretary-general")}
    return {
        "documents": len(docs), "sentences": len(ann.sentences), "crossing": crossing(docs, ann),
        "vocabulary": len(vocabulary), "wrong": wrong, "hyphenated": len(hyphenated),
        "hyphenated_right": sum(1 for w in hyphenated if uses(w) == reference_count(texts, w)), "figures": figures,
        "junk": junk,
        "top": ", ".join(f"{t} {c}" for t, c in zip(top["term"].head(25), top["count"].head(25), strict=True)),
        "acronyms_in_top": [t for t in top["term"].head(25) if acronym_form(t) != t.lower()],
    }


def hyphenation() -> tuple[int, list[tuple[str, str, str]]]:
    cases = [json.loads(line) for line in (WORDS_DATA / "hyphenation.jsonl").read_text().splitlines() if line]
    results = []
    for case in cases:
        source = (WORDS_DATA / "texts" / case["file"]).read_text(encoding="utf-8")
        out = clean_text(source, fmt="txt")
        start = source.index(case["broken"])
        k = next(k for k in range(len(out.text)) if out.offsets.to_source_start(k) >= start)
        results.append((case["broken"].replace("\n", "⏎"), case["expected"], next(iter_words(out.text[k:])).group()))
    return sum(1 for _, e, g in results if e == g), results


def main() -> None:
    started = time.time()
    results = {name: measure_folder(name) for name in ("corpus", "heldout", "texts")}
    right, cases = hyphenation()
    out = ["# Words, normal forms, sentences inside blocks — figures", "",
           f"Generated by `.venv/bin/python -m benchmarks.words` on {time.strftime('%Y-%m-%d %H:%M')} "
           f"({time.time() - started:.0f} s). Before: `benchmarks/words_before.py` on commit be2f78e (the code "
           "before the words layer), same texts. Do not edit by hand: re-run.", "",
           "Reference count (../shared/DESIGN.md): for a word W, the matches of `(?<![\\w-])W(?![\\w-])` in the "
           "cleaned text, case-insensitive, or case-sensitive for an acronym; a dotted spelling counts as its "
           "acronym (\"U.S.\" is \"US\") and a match spelled as an acronym is not the lower-case word (\"US\" is not "
           "\"us\"). *Terms* = the count a term's view shows (`Terms?term=W`); *lines* = concordance lines "
           "(`Terms?q=W`, `python -m lib kwic W`).", ""]
    out += ["## Before and after", "",
            "| texts | figure | before | after |", "|---|---|---:|---:|"]
    for name, r in results.items():
        b = BEFORE[name]
        label = NAMES[name]
        out.append(f"| {label} | sentences crossing a block of the cleaned text | {b['crossing']} of {b['sentences']} "
                   f"| {r['crossing']} of {r['sentences']} |")
        out.append(f"| {label} | hyphenated words whose Terms count is the reference count | {b['hyphenated'][0]} of "
                   f"{b['hyphenated'][1]} | {r['hyphenated_right']} of {r['hyphenated']} |")
        us, us_ref = r["figures"]["US"]
        out.append(f"| {label} | `Terms?term=US` (reference {us_ref}) | {b['US']} | {us} |")
        sg, sg_ref = r["figures"]["secretary-general"]
        if sg_ref:
            out.append(f"| {label} | `Terms?term=secretary-general` (reference {sg_ref}) | {b['secretary-general']} "
                       f"| {sg} |")
        out.append(f"| {label} | junk terms (a dangling hyphen, only punctuation) | {len(b['junk'])} "
                   f"({', '.join(b['junk']) or '—'}) | {len(r['junk'])} ({', '.join(r['junk']) or '—'}) |")
    out += ["", "## Every word against the reference", "",
            "| texts | words (with a letter) | Terms count = lines = reference | not equal |", "|---|---:|---:|---|"]
    for name, r in results.items():
        out.append(f"| {NAMES[name]} | {r['vocabulary']:,} | {r['vocabulary'] - len(r['wrong']):,} | "
                   f"{', '.join(r['wrong']) or '—'} |")
    out += ["", "Other figures (Terms count / reference):", ""]
    for name, r in results.items():
        out.append(f"- {NAMES[name]}: " + "; ".join(f"`{w}` {u} / {ref}" for w, (u, ref) in r["figures"].items()))
    out += ["", "## Top terms of the corpus (the Terms page's first view: words, stop words and numbers off)", "",
            f"- before: {BEFORE['corpus']['top']}", f"- after: {results['corpus']['top']}",
            f"- acronyms kept in capitals among them: {', '.join(results['corpus']['acronyms_in_top'])}", "",
            "## Line-end hyphenation (tests/data/words/hyphenation.jsonl)", "",
            f"{right} of {len(cases)} broken words cleaned to the spelling a careful reader would write (decided "
            "before cleaning was run on the text):", "", "| broken in the source | expected | cleaned |",
            "|---|---|---|"]
    out += [f"| `{b}` | {e} | {g}{'' if e == g else ' ✗'} |" for b, e, g in cases]
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
