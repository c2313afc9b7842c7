"""Scoring the codebook's rules against the hand-coded gold (``tests/data/positions``), and coder agreement.

The gold is sentences cut from the engine's sentences at blank lines (``sentences.jsonl``), each
coded by a person who never saw the rules (``gold.jsonl``); a second person coded 20% of them
(``gold_second_coder.jsonl``). Predictions come from coding the same texts through the app's
own pipeline and rules; a coded sentence is matched to the gold sentence its span overlaps
(by character offsets, never by sentence number). Precision, recall and F1 per category and
half (``dev`` tunes the rules, ``test`` is held out), macro averages, and Cohen's kappa per
category between the two coders.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.analysis.positions import Coded

SCORE_COLUMNS = ["half", "category", "gold", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"]
KAPPA_COLUMNS = ["category", "sentences", "positives_a", "positives_b", "agree", "kappa"]


@dataclass
class GoldSet:
    """The gold material of one folder."""

    folder: Path
    sentences: pd.DataFrame  # doc, sent, start, end, text, half
    codes: dict[tuple[str, int], set[str]]  # (doc, sent) -> categories (coder A, every sentence)
    second: dict[tuple[str, int], set[str]]  # coder B, a subset
    texts: dict[str, str]
    halves: dict[str, str]  # doc -> dev | test


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _codes(rows: Iterable[dict]) -> dict[tuple[str, int], set[str]]:
    return {(str(r["doc"]), int(r["sent"])): set(r.get("categories") or []) for r in rows}


def read_gold(folder: Path | str) -> GoldSet:
    """Read ``metadata.csv``, ``sentences.jsonl``, ``gold.jsonl``, ``gold_second_coder.jsonl`` (if
    present) and the texts of a positions gold folder.

    Raises:
        FileNotFoundError: a required file is missing.
        ValueError: a gold line names a sentence that ``sentences.jsonl`` does not have.
    """
    folder = Path(folder)
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as fh:
        meta = list(csv.DictReader(fh))
    halves = {r["id"]: r["half"] for r in meta}
    texts = {r["id"]: (folder / r["file"]).read_text(encoding="utf-8") for r in meta}
    sentences = pd.DataFrame(_jsonl(folder / "sentences.jsonl"))
    sentences["half"] = sentences["doc"].map(halves)
    codes = _codes(_jsonl(folder / "gold.jsonl"))
    second_path = folder / "gold_second_coder.jsonl"
    second = _codes(_jsonl(second_path)) if second_path.is_file() else {}
    known = set(zip(sentences["doc"], sentences["sent"].astype(int), strict=False))
    for key in [*codes, *second]:
        if key not in known:
            raise ValueError(f"gold line {key[0]}:{key[1]} names no sentence of sentences.jsonl")
    return GoldSet(folder, sentences, codes, second, texts, halves)


def predicted_codes(coded: Coded, sentences: pd.DataFrame) -> dict[tuple[str, int], set[str]]:
    """Each gold sentence's predicted categories: those of the coded sentences it overlaps.

    Args:
        coded: codings of the gold texts (offsets into the texts as given).
        sentences: the gold sentences (``doc, sent, start, end``).
    """
    by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for doc, sent, start, end in zip(sentences["doc"], sentences["sent"], sentences["start"], sentences["end"],
                                     strict=False):
        by_doc[str(doc)].append((int(start), int(end), int(sent)))
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for doc, start, end, category in zip(coded.codings["doc_id"].astype(str), coded.codings["start"],
                                         coded.codings["end"], coded.codings["category"].astype(str), strict=False):
        for g_start, g_end, sent in by_doc.get(doc, []):
            if g_start < int(end) and int(start) < g_end:
                out[(doc, sent)].add(category)
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def scores(gold: Mapping[tuple[str, int], set[str]], predicted: Mapping[tuple[str, int], set[str]],
           sentences: pd.DataFrame, categories: Sequence[str]) -> pd.DataFrame:
    """Precision, recall and F1 per half and category (:data:`SCORE_COLUMNS`), plus a "macro" row per half.

    A category with no gold and no predicted sentence in a half has undefined precision and
    recall (NaN) and is left out of that half's macro average.
    """
    rows = []
    for half in sorted(sentences["half"].unique()):
        keys = [(str(d), int(s)) for d, s in zip(sentences.loc[sentences["half"] == half, "doc"],
                                                  sentences.loc[sentences["half"] == half, "sent"], strict=False)]
        per_half = []
        for cat in categories:
            g = {k for k in keys if cat in gold.get(k, set())}
            p = {k for k in keys if cat in predicted.get(k, set())}
            tp, fp, fn = len(g & p), len(p - g), len(g - p)
            precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            f1 = _ratio(2 * precision * recall, precision + recall) if tp else (0.0 if (g or p) else float("nan"))
            row = {"half": half, "category": cat, "gold": len(g), "predicted": len(p), "tp": tp, "fp": fp, "fn": fn,
                   "precision": precision if p else (0.0 if g else float("nan")), "recall": recall, "f1": f1}
            rows.append(row)
            per_half.append(row)
        frame = pd.DataFrame(per_half)
        rows.append({"half": half, "category": "macro", "gold": int(frame["gold"].sum()),
                     "predicted": int(frame["predicted"].sum()), "tp": int(frame["tp"].sum()),
                     "fp": int(frame["fp"].sum()), "fn": int(frame["fn"].sum()),
                     "precision": frame["precision"].mean(skipna=True), "recall": frame["recall"].mean(skipna=True),
                     "f1": frame["f1"].mean(skipna=True)})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa of two coders' yes/no decisions on the same items (NaN when chance agreement is 1)."""
    n = len(a)
    if n == 0 or n != len(b):
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected) if expected < 1 else float("nan")


def kappas(first: Mapping[tuple[str, int], set[str]], second: Mapping[tuple[str, int], set[str]],
           categories: Sequence[str]) -> pd.DataFrame:
    """Cohen's kappa per category on the sentences both coders coded (:data:`KAPPA_COLUMNS`), and a "mean" row."""
    keys = sorted(set(first) & set(second))
    rows = []
    for cat in categories:
        a = [cat in first[k] for k in keys]
        b = [cat in second[k] for k in keys]
        rows.append({"category": cat, "sentences": len(keys), "positives_a": sum(a), "positives_b": sum(b),
                     "agree": sum(x == y for x, y in zip(a, b, strict=True)), "kappa": cohen_kappa(a, b)})
    frame = pd.DataFrame(rows, columns=KAPPA_COLUMNS)
    mean = {"category": "mean", "sentences": len(keys), "positives_a": int(frame["positives_a"].sum()),
            "positives_b": int(frame["positives_b"].sum()), "agree": int(frame["agree"].sum()),
            "kappa": frame["kappa"].mean(skipna=True)}
    return pd.concat([frame, pd.DataFrame([mean])], ignore_index=True)


def _f(value: float, digits: int = 2) -> str:
    return "–" if value != value else f"{value:.{digits}f}"  # NaN != NaN


def markdown_scores(table: pd.DataFrame, half: str, labels: Mapping[str, str] | None = None) -> str:
    """One half's scores as a Markdown table."""
    part = table[table["half"] == half]
    lines = ["| category | gold | predicted | TP | FP | FN | precision | recall | F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in part.itertuples(index=False):
        name = f"**{row.category}**" if row.category == "macro" else f"`{row.category}`"
        lines.append(f"| {name} | {row.gold} | {row.predicted} | {row.tp} | {row.fp} | {row.fn} | "
                     f"{_f(row.precision)} | {_f(row.recall)} | {_f(row.f1)} |")
    return "\n".join(lines)


def markdown_kappas(table: pd.DataFrame) -> str:
    """The kappa table as Markdown."""
    lines = ["| category | sentences | positives (coder A) | positives (coder B) | agree | κ |",
             "|---|---:|---:|---:|---:|---:|"]
    for row in table.itertuples(index=False):
        name = f"**{row.category}**" if row.category == "mean" else f"`{row.category}`"
        lines.append(f"| {name} | {row.sentences} | {row.positives_a} | {row.positives_b} | {row.agree} | "
                     f"{_f(row.kappa)} |")
    return "\n".join(lines)


def plain_table(table: pd.DataFrame) -> str:
    """A score or kappa table as aligned plain text (the command's stdout)."""
    shown = table.copy()
    for col in shown.columns:
        if shown[col].dtype.kind == "f":
            shown[col] = shown[col].map(_f)
    return shown.to_string(index=False)


NOTES_MARKER = "<!-- notes: written by hand below this line; kept when the report is regenerated -->"
BAR_PRECISION, BAR_RECALL, BAR_KAPPA = 0.60, 0.50, 0.60


def report_markdown(table: pd.DataFrame, agreement: pd.DataFrame, *, gold: GoldSet, codebook, halves: Sequence[str],
                    pipeline: str, kept: str = "", generated: str | None = None) -> str:
    """The evaluation report (``docs/EVALUATION_POSITIONS.md``): material, the bar, a table per
    half, the kappa table; whatever follows :data:`NOTES_MARKER` in ``kept`` is carried over."""
    import datetime as dt

    stamp = generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    sents = gold.sentences
    n_texts = {h: sum(1 for v in gold.halves.values() if v == h) for h in ("dev", "test")}
    n_sents = {h: int((sents["half"] == h).sum()) for h in ("dev", "test")}
    both = sorted(set(gold.codes) & set(gold.second))
    rules = sum(len(c.rules) for c in codebook.categories)
    lines = [
        "# Positions: how well the codebook's rules code sentences (issue 20)",
        "",
        f"Generated by `python -m lib evaluate --codebook --report docs/EVALUATION_POSITIONS.md` on {stamp}. "
        "Do not edit the tables by hand: run the command again.",
        "",
        f"- Codebook: `{codebook.source or 'codebook.yaml'}`, version `{codebook.version}` "
        f"({len(codebook.categories)} categories, {rules} rules, {len(codebook.queries())} words and phrases).",
        f"- Pipeline: `{pipeline}` (the app's own sentences, words, lemmas and actor mentions).",
        f"- Gold: `tests/data/positions` — {n_texts['dev'] + n_texts['test']} texts written in the styles of ten "
        f"organisations, {len(sents)} sentences; development half {n_texts['dev']} texts / {n_sents['dev']} sentences, "
        f"test half {n_texts['test']} texts / {n_sents['test']} sentences (split by text, seeded, before any coding). "
        "Coder A coded every sentence against the definitions without seeing any rule; the gold was committed "
        "with its hash before the first rule. Coder B coded "
        f"{len(both)} sentences of {len({d for d, _ in both})} texts independently.",
        "- Matching: each coded sentence of the pipeline is matched to the gold sentence it overlaps, by "
        "character offsets. A gold sentence is predicted to express a category when an overlapping coded "
        "sentence has it.",
        "- Rules were written and tuned on the development half only; the test half was scored once, at the end.",
        "",
        "## The bar",
        "",
    ]
    macro = table[table["category"] == "macro"].set_index("half")
    if "test" in macro.index:
        p, r = float(macro.loc["test", "precision"]), float(macro.loc["test", "recall"])
        ok = p >= BAR_PRECISION and r >= BAR_RECALL
        lines.append(f"Test half: macro precision **{_f(p)}** (bar {BAR_PRECISION:.2f}), macro recall **{_f(r)}** "
                     f"(bar {BAR_RECALL:.2f}): **{'reached' if ok else 'not reached'}**.")
    else:
        lines.append("The test half was not scored in this run.")
    mean_k = float(agreement.loc[agreement["category"] == "mean", "kappa"].iloc[0]) if len(agreement) else float("nan")
    low = agreement[(agreement["category"] != "mean") & (agreement["kappa"] < BAR_KAPPA)]
    lines.append(f"Agreement between the coders: mean κ **{_f(mean_k)}** (bar {BAR_KAPPA:.2f})"
                 + (f"; below the bar: {', '.join(f'`{c}` ({_f(k)})' for c, k in zip(low['category'], low['kappa'], strict=False))}."
                    if len(low) else "; every category reaches it."))
    lines.append("")
    titles = {"dev": "Development half (the rules were tuned here)", "test": "Test half (held out, scored once)"}
    for half in halves:
        lines += [f"## {titles.get(half, half)}", "", markdown_scores(table, half), ""]
    lines += ["## Agreement between the two coders (Cohen's κ per category)", "",
              f"On the {len(both)} sentences both coders coded. A category with few positives has an unstable κ.",
              "", markdown_kappas(agreement), "", NOTES_MARKER, ""]
    notes = kept.split(NOTES_MARKER, 1)[1].lstrip("\n") if NOTES_MARKER in kept else ""
    return "\n".join(lines) + notes
