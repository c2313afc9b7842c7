"""Scoring the codebook's rules against the hand-coded gold (``tests/data/positions``), and coder agreement.

The gold is sentences cut from the engine's sentences at blank lines (``sentences.jsonl``), each
coded by a person who never saw the rules (``gold.jsonl``); 20% of them were coded a second time
(``gold_second_coder.jsonl`` by another coder, or ``gold_recode.jsonl`` by the same coder later).
Predictions come from coding the same texts through the app's own pipeline and rules; a coded
sentence is matched to the gold sentence its span overlaps (by character offsets, never by
sentence number). Precision, recall and F1 per category and half (``dev`` tunes the rules, a
held-out half such as ``test`` or ``test2`` is scored once), optionally over pools of halves,
macro averages, and Cohen's kappa per category between the two codings.

Several gold folders can be scored together (:func:`combine`): their halves sit side by side
(``dev``, ``test`` of ``tests/data/positions`` and ``test2`` of ``tests/data/positions_test2``).
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
# The second coding of a subset: by another coder (the first set) or by the same coder at least
# thirty minutes later, blind to the first coding (positions_test2). The first file found is read.
SECOND_CODING_FILES = ("gold_second_coder.jsonl", "gold_recode.jsonl")


@dataclass
class GoldSet:
    """The gold material of one folder."""

    folder: Path
    sentences: pd.DataFrame  # doc, sent, start, end, text, half
    codes: dict[tuple[str, int], set[str]]  # (doc, sent) -> categories (coder A, every sentence)
    second: dict[tuple[str, int], set[str]]  # coder B, a subset
    texts: dict[str, str]
    halves: dict[str, str]  # doc -> dev | test | test2 ...
    organisations: dict[str, str] | None = None  # doc -> organisation (metadata.csv)
    second_file: str = ""  # which of SECOND_CODING_FILES was read ("" when none)
    spent: dict[str, str] | None = None  # held-out halves already scored -> why (set.json "spent")
    parts: tuple[GoldSet, ...] = ()  # the folders a combined set was made of

    @property
    def folders(self) -> list[Path]:
        return [g.folder for g in self.parts] if self.parts else [self.folder]

    def half_names(self) -> list[str]:
        """The halves in the order the folders list them (``dev`` before the held-out ones)."""
        seen: list[str] = []
        for half in self.sentences["half"]:
            if half not in seen:
                seen.append(half)
        return sorted(seen, key=lambda h: (h != "dev", seen.index(h)))


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _codes(rows: Iterable[dict]) -> dict[tuple[str, int], set[str]]:
    return {(str(r["doc"]), int(r["sent"])): set(r.get("categories") or []) for r in rows}


def read_gold(folder: Path | str) -> GoldSet:
    """Read ``metadata.csv``, ``sentences.jsonl``, ``gold.jsonl``, the second coding (the first of
    :data:`SECOND_CODING_FILES` present, if any) and the texts of a positions gold folder.

    Raises:
        FileNotFoundError: a required file is missing.
        ValueError: a gold line names a sentence that ``sentences.jsonl`` does not have.
    """
    folder = Path(folder)
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as fh:
        meta = list(csv.DictReader(fh))
    halves = {r["id"]: r["half"] for r in meta}
    organisations = {r["id"]: r.get("org_short") or r.get("organisation") or "" for r in meta}
    texts = {r["id"]: (folder / r["file"]).read_text(encoding="utf-8") for r in meta}
    sentences = pd.DataFrame(_jsonl(folder / "sentences.jsonl"))
    sentences["half"] = sentences["doc"].map(halves)
    codes = _codes(_jsonl(folder / "gold.jsonl"))
    second_path = next((folder / name for name in SECOND_CODING_FILES if (folder / name).is_file()), None)
    second = _codes(_jsonl(second_path)) if second_path else {}
    known = set(zip(sentences["doc"], sentences["sent"].astype(int), strict=False))
    for key in [*codes, *second]:
        if key not in known:
            raise ValueError(f"gold line {key[0]}:{key[1]} names no sentence of sentences.jsonl")
    return GoldSet(folder, sentences, codes, second, texts, halves, organisations,
                   second_path.name if second_path else "", _spent(folder))


def _spent(folder: Path) -> dict[str, str]:
    """The halves ``set.json`` marks as spent: scored once and used as development data since."""
    path = folder / "set.json"
    if not path.is_file():
        return {}
    spent = json.loads(path.read_text(encoding="utf-8")).get("spent") or {}
    return {str(k): str(v) for k, v in spent.items()}


def combine(golds: Sequence[GoldSet]) -> GoldSet:
    """Several gold folders as one: their sentences, codes and halves side by side.

    Raises:
        ValueError: two folders share a text id (sentences are keyed by text id and number), or
            share a half name (their halves would be scored as one).
    """
    if len(golds) == 1:
        return golds[0]
    seen_docs: dict[str, Path] = {}
    seen_halves: dict[str, Path] = {}
    for g in golds:
        for doc in g.texts:
            if doc in seen_docs:
                raise ValueError(f"text id {doc} is in both {seen_docs[doc]} and {g.folder}")
            seen_docs[doc] = g.folder
        for half in set(g.halves.values()):
            if half in seen_halves:
                raise ValueError(f"half {half!r} is in both {seen_halves[half]} and {g.folder}")
            seen_halves[half] = g.folder
    return GoldSet(
        folder=golds[0].folder,
        sentences=pd.concat([g.sentences for g in golds], ignore_index=True),
        codes={k: v for g in golds for k, v in g.codes.items()},
        second={k: v for g in golds for k, v in g.second.items()},
        texts={k: v for g in golds for k, v in g.texts.items()},
        halves={k: v for g in golds for k, v in g.halves.items()},
        organisations={k: v for g in golds for k, v in (g.organisations or {}).items()},
        second_file=", ".join(sorted({g.second_file for g in golds if g.second_file})),
        spent={k: v for g in golds for k, v in (g.spent or {}).items()},
        parts=tuple(golds),
    )


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
           sentences: pd.DataFrame, categories: Sequence[str],
           pools: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """Precision, recall and F1 per half and category (:data:`SCORE_COLUMNS`), plus a "macro" row per half.

    ``pools`` adds groups scored as one half each, e.g. ``{"development": ["dev", "test"]}`` for
    the first set's two halves once its test half has been spent; a pool's rows follow the halves'.
    A category with no gold and no predicted sentence in a half has undefined precision and
    recall (NaN) and is left out of that half's macro average.
    """
    rows = []
    groups = [(half, [half]) for half in sorted(sentences["half"].unique())]
    groups += [(name, list(members)) for name, members in (pools or {}).items()]
    for half, members in groups:
        chosen = sentences["half"].isin(members)
        keys = [(str(d), int(s)) for d, s in zip(sentences.loc[chosen, "doc"], sentences.loc[chosen, "sent"],
                                                  strict=False)]
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


def _describe_folder(g: GoldSet) -> str:
    """One line of the report's material list: what one gold folder holds."""
    sents = g.sentences
    orgs = len(set((g.organisations or {}).values()))
    halves = [h for h in ("dev", "test") if h in set(g.halves.values())]
    halves += sorted(set(g.halves.values()) - set(halves))
    parts = []
    for h in halves:
        n_texts = sum(1 for v in g.halves.values() if v == h)
        parts.append(f"{h} {n_texts} texts / {int((sents['half'] == h).sum())} sentences")
    second = ""
    if g.second:
        keys = sorted(set(g.codes) & set(g.second))
        who = "by another coder" if g.second_file == "gold_second_coder.jsonl" else "a second time by the same coder"
        second = (f" {len(keys)} sentences of {len({d for d, _ in keys})} texts were coded {who} "
                  f"(`{g.second_file}`).")
    return (f"`{_shown(g.folder)}` — {len(g.texts)} texts written in the styles of {orgs} organisations, "
            f"{len(sents)} sentences: {'; '.join(parts)}.{second}")


def _shown(folder: Path) -> str:
    """A gold folder as the report names it: relative to the working directory when inside it."""
    try:
        return str(Path(folder).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(folder)


HALF_TITLES = {"dev": "Development half (the rules were tuned here)", "test": "Test half (held out, scored once)",
               "test2": "Second test set (fresh texts, held out, scored once)",
               "development": "All development data (dev and the spent halves; the rules are tuned here)"}


def report_markdown(table: pd.DataFrame, agreement: pd.DataFrame | Mapping[str, pd.DataFrame], *, gold: GoldSet, codebook, halves: Sequence[str],
                    pipeline: str, kept: str = "", generated: str | None = None, command: str = "",
                    held_out: Sequence[str] = ("test",), titles: Mapping[str, str] | None = None) -> str:
    """The evaluation report (``docs/EVALUATION_POSITIONS.md``): material, the bar on every
    held-out half scored, a table per half (and pool), a kappa table per gold folder
    (``agreement``: one table, or folder name → table); whatever follows :data:`NOTES_MARKER`
    in ``kept`` is carried over."""
    import datetime as dt

    stamp = generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    rules = sum(len(c.rules) for c in codebook.categories)
    command = command or "python -m lib evaluate --codebook --report docs/EVALUATION_POSITIONS.md"
    lines = [
        "# Positions: how well the codebook's rules code sentences (issue 20)",
        "",
        f"Generated by `{command}` on {stamp}. "
        "Do not edit the tables by hand: run the command again.",
        "",
        f"- Codebook: `{codebook.source or 'codebook.yaml'}`, version `{codebook.version}` "
        f"({len(codebook.categories)} categories, {rules} rules, {len(codebook.queries())} words and phrases).",
        f"- Pipeline: `{pipeline}` (the app's own sentences, words, lemmas and actor mentions).",
    ]
    for part in (gold.parts or (gold,)):
        lines.append(f"- Gold: {_describe_folder(part)}")
    lines += [
        "- Every sentence was coded against the definitions by a coder who never saw the rules; each gold was "
        "committed with its hash before it was first scored.",
        "- Matching: each coded sentence of the pipeline is matched to the gold sentence it overlaps, by "
        "character offsets. A gold sentence is predicted to express a category when an overlapping coded "
        "sentence has it.",
        "- Rules are tuned on development data only; a held-out half is scored once per codebook version.",
        "",
        "## The bar",
        "",
    ]
    macro = table[table["category"] == "macro"].set_index("half")
    scored = [h for h in held_out if h in macro.index]
    for half in scored:
        p, r = float(macro.loc[half, "precision"]), float(macro.loc[half, "recall"])
        ok = p >= BAR_PRECISION and r >= BAR_RECALL
        lines.append(f"Held-out half `{half}`: macro precision **{_f(p)}** (bar {BAR_PRECISION:.2f}), macro recall "
                     f"**{_f(r)}** (bar {BAR_RECALL:.2f}): **{'reached' if ok else 'not reached'}**.")
    if not scored:
        lines.append("No held-out half was scored in this run.")
    tables = agreement if isinstance(agreement, Mapping) else {_shown(gold.folder): agreement}
    for where, kappa in tables.items():
        if not len(kappa) or not int(kappa["sentences"].max()):
            continue
        mean_k = float(kappa.loc[kappa["category"] == "mean", "kappa"].iloc[0])
        low = kappa[(kappa["category"] != "mean") & (kappa["kappa"] < BAR_KAPPA)]
        lines.append(f"Agreement between the codings of `{where}`: mean κ **{_f(mean_k)}** (bar {BAR_KAPPA:.2f})"
                     + (f"; below the bar: {', '.join(f'`{c}` ({_f(k)})' for c, k in zip(low['category'], low['kappa'], strict=False))}."
                        if len(low) else "; every category reaches it."))
    lines.append("")
    names = {**HALF_TITLES, **{h: f"{h.capitalize()} half (spent: {why})"
                               for h, why in (gold.spent or {}).items()}, **(titles or {})}
    shown = [*halves, *[h for h in dict.fromkeys(table["half"]) if h not in halves]]
    for half in shown:
        lines += [f"## {names.get(half, half)}", "", markdown_scores(table, half), ""]
    for where, kappa in tables.items():
        if not len(kappa) or not int(kappa["sentences"].max()):
            continue
        lines += [f"## Agreement between the two codings of `{where}` (Cohen's κ per category)", "",
                  f"On the {int(kappa['sentences'].max())} sentences coded twice. A category with few positives "
                  "has an unstable κ.", "", markdown_kappas(kappa), ""]
    lines += [NOTES_MARKER, ""]
    notes = kept.split(NOTES_MARKER, 1)[1].lstrip("\n") if NOTES_MARKER in kept else ""
    return "\n".join(lines) + notes
