"""Scoring named-actor mentions against hand annotation (gold).

Metrics, all over the labels in scope (PERSON, ORG, STATE by default) and ignoring mentions
(gold or predicted) that overlap furniture regions:

* detection, overlap: a predicted mention is correct if it overlaps (any character, same
  document) a gold mention; a gold mention is found if a prediction overlaps it;
* detection, exact: the same with identical (start, end);
* label: predictions and gold are paired one-to-one by overlap; a pair counts when the labels
  agree (precision over predictions, recall over gold);
* grouping: B-cubed precision/recall over the matched pairs, corpus-wide: does the pipeline
  put the same mentions together under one actor as the gold canonical names do?
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SCOPE = ("PERSON", "ORG", "STATE")


@dataclass(frozen=True)
class Mention:
    """A span with a label and a canonical actor, gold or predicted."""

    doc: str
    start: int
    end: int
    label: str
    actor: str


@dataclass(frozen=True)
class PRF:
    """Precision, recall, F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf(correct_pred: int, n_pred: int, correct_gold: int, n_gold: int) -> PRF:
    """PRF from counts; an empty side scores 1.0 (nothing to get wrong) only if both are empty."""
    p = correct_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = correct_gold / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    return PRF(p, r)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end


def _by_doc(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        out[m.doc].append(m)
    return out


def detection(gold: Sequence[Mention], pred: Sequence[Mention], *, exact: bool) -> PRF:
    """Span detection (overlap or exact)."""
    gd, pd_ = _by_doc(gold), _by_doc(pred)

    def hit(m: Mention, others: list[Mention]) -> bool:
        if exact:
            return any(o.start == m.start and o.end == m.end for o in others)
        return any(_overlaps(m, o) for o in others)

    cp = sum(hit(p, gd.get(p.doc, [])) for p in pred)
    cg = sum(hit(g, pd_.get(g.doc, [])) for g in gold)
    return prf(cp, len(pred), cg, len(gold))


def match_pairs(gold: Sequence[Mention], pred: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """One-to-one pairs of overlapping gold and predicted mentions, largest overlap first."""
    candidates = []
    pd_ = _by_doc(pred)
    for gi, g in enumerate(gold):
        for p in pd_.get(g.doc, []):
            if _overlaps(g, p):
                overlap = min(g.end, p.end) - max(g.start, p.start)
                candidates.append((-overlap, g.start, p.start, gi, p))
    candidates.sort(key=lambda c: c[:3])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, _, gi, p in candidates:
        if gi in used_g or id(p) in used_p:
            continue
        used_g.add(gi)
        used_p.add(id(p))
        pairs.append((gold[gi], p))
    return pairs


def label_score(gold: Sequence[Mention], pred: Sequence[Mention]) -> PRF:
    """Matched pairs with the same label, over all predictions (P) and all gold (R)."""
    correct = sum(g.label == p.label for g, p in match_pairs(gold, pred))
    return prf(correct, len(pred), correct, len(gold))


def bcubed(pairs: Sequence[tuple[str, str]]) -> PRF:
    """B-cubed precision/recall of a clustering.

    Args:
        pairs: one (gold cluster, predicted cluster) per item.

    For each item, precision is the share of items in its predicted cluster that share its
    gold cluster; recall the share of items in its gold cluster that share its predicted
    cluster; both averaged over items.
    """
    if not pairs:
        return PRF(1.0, 1.0)
    by_gold: dict[str, int] = defaultdict(int)
    by_pred: dict[str, int] = defaultdict(int)
    both: dict[tuple[str, str], int] = defaultdict(int)
    for g, p in pairs:
        by_gold[g] += 1
        by_pred[p] += 1
        both[(g, p)] += 1
    precision = sum(both[(g, p)] / by_pred[p] for g, p in pairs) / len(pairs)
    recall = sum(both[(g, p)] / by_gold[g] for g, p in pairs) / len(pairs)
    return PRF(precision, recall)


def grouping_score(gold: Sequence[Mention], pred: Sequence[Mention]) -> PRF:
    """B-cubed over matched pairs: gold canonical vs predicted actor (corpus-wide)."""
    return bcubed([(g.actor, p.actor) for g, p in match_pairs(gold, pred)])


def in_scope(mentions: Iterable[Mention], regions: dict[str, list[tuple[int, int]]], scope: Sequence[str] = SCOPE) -> list[Mention]:
    """Mentions with a label in scope that do not overlap a furniture region."""
    return [
        m
        for m in mentions
        if m.label in scope and not any(m.start < e and s < m.end for s, e in regions.get(m.doc, []))
    ]


@dataclass
class Scores:
    """All figures for one system on one gold set."""

    detection_overlap: PRF
    detection_exact: PRF
    label: PRF
    grouping: PRF
    n_gold: int
    n_pred: int


def score(gold: Sequence[Mention], pred: Sequence[Mention], regions: dict[str, list[tuple[int, int]]] | None = None, scope: Sequence[str] = SCOPE) -> Scores:
    """Score predictions against gold (both filtered to scope, furniture ignored)."""
    regions = regions or {}
    g = in_scope(gold, regions, scope)
    p = in_scope(pred, regions, scope)
    return Scores(
        detection_overlap=detection(g, p, exact=False),
        detection_exact=detection(g, p, exact=True),
        label=label_score(g, p),
        grouping=grouping_score(g, p),
        n_gold=len(g),
        n_pred=len(p),
    )


# --- gold files ------------------------------------------------------------------------------


def read_gold(path: Path) -> list[dict]:
    """Rows of a gold jsonl file (doc, start, end, text, type, canonical)."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def gold_mentions(rows: Iterable[dict]) -> list[Mention]:
    return [Mention(r["doc"], int(r["start"]), int(r["end"]), r["type"], r["canonical"]) for r in rows]


def read_regions(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Furniture regions by document (empty when the file is absent)."""
    regions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if path.is_file():
        for row in read_gold(path):
            regions[row["doc"]].append((int(row["start"]), int(row["end"])))
    return dict(regions)


def format_table(rows: Sequence[tuple[str, str, Scores]]) -> str:
    """A plain-text table: one line per (gold set, system)."""
    head = f"{'gold set':<10} {'system':<8} {'n_gold':>6} {'n_pred':>6} | " + " | ".join(
        f"{name:^17}" for name in ("detect overlap", "detect exact", "label", "grouping B3")
    )
    sub = " " * 41 + "| " + " | ".join(f"{'P':>5} {'R':>5} {'F1':>5}" for _ in range(4))
    lines = [head, sub, "-" * len(head)]
    for gold_set, system, s in rows:
        cells = " | ".join(
            f"{m.precision:5.3f} {m.recall:5.3f} {m.f1:5.3f}" for m in (s.detection_overlap, s.detection_exact, s.label, s.grouping)
        )
        lines.append(f"{gold_set:<10} {system:<8} {s.n_gold:>6} {s.n_pred:>6} | {cells}")
    return "\n".join(lines)


# --- actor probes: short sentences with the actors they must (and must not) yield ----------------


def read_probes(path: Path) -> list[dict]:
    """Rows of a probes jsonl file: ``text``, ``expected`` (``text``, ``type``, ``canonical``,
    optionally ``role``), optionally ``about`` (the document's metadata) and ``case``."""
    return read_gold(path) if path.is_file() else []


def probe_passes(probe: dict, mentions: Iterable[dict], scope: Sequence[str] = SCOPE) -> tuple[bool, list[tuple]]:
    """Whether the mentions found in a probe's text are exactly the expected ones (within scope).

    Compared as a multiset of (text, label, actor); where an expected row gives a ``role`` the
    role must match too. Returns ``(passed, what was found)`` for the report.
    """
    found = sorted((m["text"], m["label"], m["actor"], m.get("role", "") or "") for m in mentions if m["label"] in scope)
    want = sorted((e["text"], e["type"], e["canonical"], e.get("role")) for e in probe.get("expected", [])
                  if e["type"] in scope)
    if len(found) != len(want):
        return False, found
    pool = list(found)
    for text, label, actor, role in want:
        hit = next((f for f in pool if f[:3] == (text, label, actor) and (role is None or f[3] == role)), None)
        if hit is None:
            return False, found
        pool.remove(hit)
    return True, found


# --- metadata (title, author, date) against hand-recorded values ----------------------------------


def same_text(expected: str, got: str) -> bool:
    """Issue 14's rule for titles and authors: equal after NFKC, lower case and every run of
    non-word characters made one space."""
    import re
    import unicodedata

    def norm(v: str) -> str:
        return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", v or "").lower()).strip()

    return norm(expected) == norm(got)


def same_date(expected: str, got: str) -> bool:
    """A date is right when its first 10 characters match (a partial date at its precision)."""
    return (expected or "")[:10] == (got or "")[:10]


@dataclass
class MetadataScore:
    """How many documents got each field right."""

    n: int = 0
    titles: int = 0
    authors: int = 0
    dates: int = 0
    misses: list = None  # (file, field, expected, got)

    def add(self, file: str, expected: dict, got: dict) -> None:
        self.misses = self.misses if self.misses is not None else []
        self.n += 1
        for name, ok in (("title", same_text(expected["title"], got.get("title", ""))),
                         ("author", same_text(expected["author"], got.get("author", ""))),
                         ("date", same_date(expected["date"], got.get("date", "")))):
            if ok:
                setattr(self, name + "s", getattr(self, name + "s") + 1)
            else:
                self.misses.append((file, name, expected[name], got.get(name, "")))


def format_metadata_table(rows: Sequence[tuple[str, str, MetadataScore]]) -> str:
    lines = [f"{'metadata':<10} {'system':<12} {'docs':>5} {'titles':>7} {'authors':>8} {'dates':>6}"]
    for set_name, system, s in rows:
        lines.append(f"{set_name:<10} {system:<12} {s.n:>5} {s.titles:>7} {s.authors:>8} {s.dates:>6}")
    return "\n".join(lines)
