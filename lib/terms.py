"""Term statistics shared by every page: keyness, keyword in context.

Keyness follows the corpus-linguistics standard (Rayson & Garside 2000; Hardie 2014):

* **G²** (log-likelihood) for a term with frequency ``a`` in the target (``c`` words) and
  ``b`` in the reference (``d`` words): with expected values ``E1 = c(a+b)/(c+d)`` and
  ``E2 = d(a+b)/(c+d)``, ``G² = 2 (a ln(a/E1) + b ln(b/E2))`` (a zero term contributes 0).
  Under the null hypothesis G² follows χ² with one degree of freedom, so ``p = erfc(√(G²/2))``;
  3.84 ↔ p < 0.05, 6.63 ↔ 0.01, 10.83 ↔ 0.001, 15.13 ↔ 0.0001.
* **Log ratio** (effect size): ``log2((a/c) / (b/d))``, with 0.5 in place of a zero
  frequency so a term absent on one side gets a finite value. +1 = twice as frequent
  in the target, −1 = half as frequent.

Significance says a difference is unlikely to be chance; log ratio says how big it is.
Pages show both and let the user set the G² threshold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib.words import is_word, normalise_apostrophes

KEYNESS_COLUMNS = ["term", "count_target", "count_reference", "per_1000_target", "per_1000_reference", "g2", "p",
                   "log_ratio", "direction"]
KWIC_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right"]
SIGNIFICANCE = {"p < 0.05": 3.84, "p < 0.01": 6.63, "p < 0.001": 10.83, "p < 0.0001": 15.13}


def g2(a: np.ndarray | float, b: np.ndarray | float, c: float, d: float) -> np.ndarray:
    """Log-likelihood G² for frequencies ``a`` (target of size ``c``) and ``b`` (reference of size ``d``)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    total = c + d
    e1 = c * (a + b) / total
    e2 = d * (a + b) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    return 2.0 * (t1 + t2)


def log_ratio(a: np.ndarray | float, b: np.ndarray | float, c: float, d: float) -> np.ndarray:
    """Hardie's log ratio: log2 of the ratio of relative frequencies, 0.5 for a zero count."""
    a = np.where(np.asarray(a, dtype=float) == 0, 0.5, a)
    b = np.where(np.asarray(b, dtype=float) == 0, 0.5, b)
    return np.log2((a / c) / (b / d))


def p_value(g2_values: np.ndarray) -> np.ndarray:
    """p for G² under χ² with 1 degree of freedom: erfc(sqrt(G²/2))."""
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2.0)) for v in np.atleast_1d(g2_values)])


def keyness(target: pd.Series, reference: pd.Series, *, target_words: int, reference_words: int,
            min_count: int = 1) -> pd.DataFrame:
    """Keyness of every term in a target against a reference.

    Args:
        target: term → frequency in the target (a document, an organisation, side A).
        reference: term → frequency in the reference (the rest of the filtered corpus, side B).
        target_words, reference_words: sizes in words (``documents.n_words`` sums), the
            denominators of every rate.
        min_count: drop terms whose combined frequency is below this.

    Returns:
        One row per term (``KEYNESS_COLUMNS``), sorted by G² descending; ``direction`` is
        "target" where the term is relatively more frequent in the target, else "reference".
        Empty if either side has no words.
    """
    if target_words <= 0 or reference_words <= 0:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    both = pd.concat([target.rename("a"), reference.rename("b")], axis=1).fillna(0)
    both = both[(both["a"] + both["b"]) >= max(min_count, 1)]
    if both.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    a, b = both["a"].to_numpy(float), both["b"].to_numpy(float)
    c, d = float(target_words), float(reference_words)
    scores = g2(a, b, c, d)
    out = pd.DataFrame({
        "term": both.index.astype(str),
        "count_target": a.astype(int),
        "count_reference": b.astype(int),
        "per_1000_target": a / c * 1000,
        "per_1000_reference": b / d * 1000,
        "g2": scores,
        "p": p_value(scores),
        "log_ratio": log_ratio(a, b, c, d),
    })
    out["direction"] = np.where(a / c >= b / d, "target", "reference")
    return out.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)[KEYNESS_COLUMNS]


def normalise_term(term: str) -> str:
    """How a typed term is matched: lower case, curly apostrophes straight, spaces collapsed."""
    return " ".join(normalise_apostrophes(term).lower().split())


def kwic(tokens: pd.DataFrame, texts: Mapping[str, str], term: str, *, unit: str = "word",
         width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines for a term (one to three words).

    Matching uses the same units as the count tables (``lib.counts``): runs of word
    tokens within one sentence, compared lower-cased with apostrophes normalised, on the
    token text (``unit="word"``) or its lemma (``unit="lemma"``).

    Args:
        tokens: token rows (``TOKEN_COLUMNS``) of the documents to search.
        texts: doc_id → cleaned text (the offsets' coordinate system).
        term: the term as typed; matched with :func:`normalise_term`.
        width: characters of context on each side (cut at a word boundary).

    Returns:
        ``KWIC_COLUMNS`` rows in document order; ``start``/``end`` are offsets of the
        keyword in the cleaned text.
    """
    wanted = normalise_term(term).split(" ")
    if not wanted or wanted == [""] or tokens.empty:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    key = "lemma" if unit == "lemma" else "lower"
    rows = []
    n = len(wanted)
    t = tokens[tokens["text"].map(is_word)]
    values = [normalise_apostrophes(str(v)).lower() for v in t[key]]
    docs, sents, starts, ends = t["doc_id"].tolist(), t["sent_id"].tolist(), t["start"].tolist(), \
        (t["start"] + t["text"].str.len()).tolist()
    idx = t["i"].tolist()
    for k in range(len(values) - n + 1):
        if values[k] != wanted[0]:
            continue
        if any(values[k + j] != wanted[j] for j in range(1, n)):
            continue
        # The n tokens must be consecutive within one sentence (no punctuation between).
        if any(docs[k + j] != docs[k] or sents[k + j] != sents[k] or idx[k + j] != idx[k] + j for j in range(1, n)):
            continue
        doc = docs[k]
        text = texts.get(doc, "")
        s, e = starts[k], ends[k + n - 1]
        rows.append((doc, s, e, _left(text, s, width), text[s:e], _right(text, e, width)))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def _left(text: str, start: int, width: int) -> str:
    chunk = text[max(0, start - width) : start]
    if start - width > 0 and " " in chunk:
        chunk = chunk[chunk.index(" ") + 1 :]
    return " ".join(chunk.split()) + (" " if chunk[-1:].isspace() else "")


def _right(text: str, end: int, width: int) -> str:
    chunk = text[end : end + width]
    if end + width < len(text) and " " in chunk:
        chunk = chunk[: chunk.rindex(" ")]
    return (" " if chunk[:1].isspace() else "") + " ".join(chunk.split())


def sort_kwic(lines: pd.DataFrame, *, by: str = "position") -> pd.DataFrame:
    """Sort KWIC lines by "position" (document order), "left" (words nearest the keyword
    first, as concordancers do) or "right" context, case-insensitively."""
    if lines.empty or by == "position":
        return lines
    if by == "left":
        keys = lines["left"].map(lambda s: " ".join(reversed(s.lower().split())))
    else:
        keys = lines["right"].str.lower().str.strip()
    return lines.assign(_k=keys).sort_values(["_k", "doc_id", "start"]).drop(columns="_k").reset_index(drop=True)
