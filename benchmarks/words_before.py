"""The "before" figures of benchmarks/WORDS.md, on the code before the words layer (commit be2f78e).

Run in an export of that commit, pointing at this checkout's texts:

    git archive be2f78e | tar -x -C /tmp/base && cd /tmp/base && ln -s <venv> .venv
    PYTHONPATH=. .venv/bin/python <this checkout>/benchmarks/words_before.py <this checkout>

Uses the old API (``terms.lookup_term`` on token-based counts, the old cleaner's blocks).
"""
import re
import sys

from lib.analysis import terms
from lib.ingest.corpus import clean_source, load_corpus, read_source
from lib.nlp import engine
from lib.store import counts
from lib.store.term_index import TermIndex

p = engine.load_pipeline()
W = (sys.argv[1] if len(sys.argv) > 1 else ".").rstrip("/") + "/"
def ref(texts, w):
    cs = w.isupper()
    pat = re.compile(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", 0 if cs else re.I)
    return sum(len(pat.findall(t)) for t in texts.values())
for folder in [W+"corpus", W+"tests/data/heldout", W+"tests/data/words/texts"]:
    docs = load_corpus(folder).documents
    ann = engine.annotate(p, list(zip(docs["doc_id"], docs["text"])))
    cross = 0
    for _, d in docs.iterrows():
        cl = clean_source(read_source(folder, d["file"]), file=d["file"])
        s = ann.sentences[ann.sentences.doc_id == d["doc_id"]]
        for a, b in zip(s.start, s.end):
            if len([bl for bl in cl.blocks if bl.start < b and bl.end > a]) > 1:
                cross += 1
    print(f"== {folder}: {len(docs)} docs, {len(ann.sentences)} sentences, crossing blocks {cross}")
    tc = counts.term_counts(ann.tokens, units=["word"], ns=[1, 2, 3])
    idx = {k: TermIndex(tc[tc.n == k], unit="word", n=k) for k in (1, 2, 3)}
    texts = dict(zip(docs.doc_id, docs.text))
    hyph = sorted({m.group() for t in texts.values() for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)+", t)}, key=str.lower)
    words = hyph + ["US", "us", "UN", "U.S.", "NATO"]
    rows = []
    for w in words:
        found = terms.lookup_term(w, docs, idx.__getitem__)
        k = int(found.per_doc["count"].sum()) if not found.per_doc.empty else 0
        r = ref(texts, w)
        rows.append((w, k, r))
    print(f"hyphenated words: {len(hyph)}; Terms?term=W equal to the reference for {sum(k == r for w, k, r in rows[:len(hyph)])} of {len(hyph)}")
    for w, k, r in rows:
        if w in ("US", "us", "UN", "U.S.", "NATO") or "secretary" in w.lower() or k != r:
            print(f"   {w!r}: Terms {k}, reference {r}")
    rows1 = terms.select_counts(idx[1], list(docs.doc_id), stop=False)
    tab = terms.term_table(rows1, docs)
    print("top terms:", ", ".join(f"{t} {c}" for t, c in zip(tab.term.head(25), tab["count"].head(25))))
    allt = terms.term_table(terms.select_counts(idx[1], list(docs.doc_id), stop=True), docs)
    junk = [t for t in allt.term if t.endswith("-") or not any(c.isalnum() for c in t)]
    print("junk terms:", junk)
