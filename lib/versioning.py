"""Version constants that decide when cached annotations and counts are stale.

This module must stay tiny and import nothing heavy: :func:`lib.store.pipeline_version`
reads it on every warm start, which must not load spaCy.

Bump a constant whenever the output of the code it names changes for the same input:
the disk cache (``lib/store.py``) then re-annotates or recounts instead of serving old tables.
"""

from __future__ import annotations

#: Version of the annotation code in ``lib/nlp.py`` (rules, clean-up, canonical names).
#: ``lib/nlp.py`` imports it from here; bump it with any change to its tables.
NLP_CODE_VERSION = "3"

#: Version of the count code in ``lib/counts.py`` and of the cache layout in ``lib/store.py``.
COUNTS_VERSION = "1"
