"""A benchmark corpus whose vocabulary grows as a real archive's does (issue 19).

The old generator (:mod:`benchmarks.synth`) resamples ~160 real sentences: per-document
table sizes are right, but the vocabulary stops growing after a few dozen documents, so
global term tables (and the in-memory term index) are far smaller than a real archive's
of the same size. Here every placed sentence keeps its syntax, punctuation, stop words and
named actors, and about half of its content words (nouns, verbs, adjectives, adverbs
outside any actor mention) are replaced by words drawn from a large English frequency
list with their real frequencies: the `wordfreq` package's "large" English list (321,180
entries, ~250,000 after keeping lower-case a–z words that are not stop words). Drawing
from a Zipf-shaped list of that size makes the number of distinct words grow with the
number of words read (Heaps' law) as running text does, not level off.

``lib/data/english_words.txt.gz`` (83,105 WordNet lemmas) was not enough: it carries no
frequencies, so words would be drawn uniformly (or with a made-up rank), and it holds no
inflected forms, names or rare spellings — the long tail that makes a real vocabulary
keep growing.

A document's substitutions are a pure function of its doc_id (seeded), so the corpus
writer and the :class:`Composer` that lays the annotation over the written text make the
same sentences without storing them: the tables stay consistent with the texts (every
token's text is the text at its offset; mentions are untouched and shifted with the words
before them).

Pure Python + NumPy/pandas; no spaCy, no Streamlit.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from benchmarks import synth

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
SUBSTITUTE_RATE = 0.5  # share of eligible content words replaced
SEED = 19
_WORD = re.compile(r"[a-z]+")


# ================================================================ the lexicon
@dataclass(frozen=True)
class Lexicon:
    """Words and their cumulative probabilities (draw with ``searchsorted(cdf, u)``)."""

    words: np.ndarray  # object array of str
    cdf: np.ndarray  # float64, increasing, last == 1
    lengths: np.ndarray  # int64, len of each word
    capitalised: np.ndarray  # object array: each word with its first letter upper-cased

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Indices of ``size`` words drawn with their frequencies."""
        return np.minimum(np.searchsorted(self.cdf, rng.random(size), side="right"), len(self.words) - 1)


def wordfreq_lexicon(exclude: Iterable[str] = ()) -> Lexicon:
    """The wordfreq "large" English list: lower-case a–z words of two letters or more,
    minus ``exclude`` (the pool's stop words), with their frequencies."""
    import wordfreq  # benchmark-only dependency (pinned in requirements.txt)

    exclude = {w.lower() for w in exclude}
    freqs = wordfreq.get_frequency_dict("en", wordlist="large")
    pairs = [(w, f) for w, f in freqs.items() if len(w) >= 2 and _WORD.fullmatch(w) and w not in exclude]
    return lexicon_from(pairs)


def lexicon_from(pairs: Sequence[tuple[str, float]]) -> Lexicon:
    words = np.array([w for w, _ in pairs], dtype=object)
    p = np.array([f for _, f in pairs], dtype=np.float64)
    cdf = np.cumsum(p / p.sum())
    cdf[-1] = 1.0
    return Lexicon(words=words, cdf=cdf, lengths=np.fromiter((len(w) for w in words), np.int64, len(words)),
                   capitalised=np.array([w[:1].upper() + w[1:] for w in words], dtype=object))


# ================================================================ one document's sentences
@dataclass
class Variant:
    """One document's sentences after substitution, aligned with the pool rows they come from.

    ``tok_rows``/``men_rows`` index the pool's token/mention tables; ``tok_place``/``men_place``
    say which of the document's sentences (0…S-1) each row belongs to.
    """

    texts: list[str]
    tok_rows: np.ndarray
    tok_place: np.ndarray
    tok_rel: np.ndarray
    tok_text: np.ndarray
    tok_lower: np.ndarray
    tok_lemma: np.ndarray
    tok_stop: np.ndarray
    tok_alpha: np.ndarray
    men_rows: np.ndarray
    men_place: np.ndarray
    men_start: np.ndarray
    men_end: np.ndarray


class Substitution:
    """Replaces content words of pool sentences, deterministically per document."""

    def __init__(self, pool: synth.AnnotatedPool, lexicon: Lexicon, *, rate: float = SUBSTITUTE_RATE,
                 seed: int = SEED) -> None:
        self.pool, self.lexicon, self.rate, self.seed = pool, lexicon, rate, seed
        tok = pool.tokens
        self.rel = tok["rel"].to_numpy(np.int64)
        self.text = tok["text"].astype(str).to_numpy(dtype=object)
        self.lower = tok["lower"].astype(str).to_numpy(dtype=object)
        self.lemma = tok["lemma"].astype(str).to_numpy(dtype=object)
        self.stop = tok["is_stop"].to_numpy(bool)
        self.alpha = tok["is_alpha"].to_numpy(bool)
        self.length = np.fromiter((len(t) for t in self.text), np.int64, len(self.text))
        upper = np.fromiter((t[:1].isupper() for t in self.text), bool, len(self.text))
        self.upper = upper
        ascii_word = np.fromiter((bool(_WORD.fullmatch(t.lower())) for t in self.text), bool, len(self.text))
        in_mention = np.zeros(len(tok), dtype=bool)
        tk = tok["k"].to_numpy(np.int64)
        men = pool.mentions
        for k, s, e in zip(men["k"].to_numpy(np.int64), men["rel_start"].to_numpy(np.int64),
                           men["rel_end"].to_numpy(np.int64), strict=True):
            a, b = pool.tok_ptr[k], pool.tok_ptr[k + 1]
            inside = (self.rel[a:b] < e) & (self.rel[a:b] + self.length[a:b] > s)
            in_mention[a:b] |= inside
        del tk
        self.eligible = (tok["pos"].astype(str).isin(CONTENT_POS).to_numpy() & self.alpha & ascii_word
                         & ~self.stop & ~in_mention)

    def rng(self, doc_id: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(doc_id.encode("utf-8"))])

    def document(self, doc_id: str, ks: Sequence[int]) -> Variant:
        ks = np.asarray(ks, dtype=np.int64)
        pool = self.pool
        rows, place = synth._gather(pool.tok_ptr, ks)
        rng = self.rng(doc_id)
        sub = self.eligible[rows] & (rng.random(len(rows)) < self.rate)
        picks = self.lexicon.draw(rng, int(sub.sum()))
        text = self.text[rows].copy()
        lower = self.lower[rows].copy()
        lemma = self.lemma[rows].copy()
        stop = self.stop[rows].copy()
        alpha = self.alpha[rows].copy()
        where = np.flatnonzero(sub)
        text[where] = np.where(self.upper[rows][where], self.lexicon.capitalised[picks], self.lexicon.words[picks])
        lower[where] = self.lexicon.words[picks]
        lemma[where] = self.lexicon.words[picks]
        stop[where] = False
        alpha[where] = True
        delta = np.zeros(len(rows), dtype=np.int64)
        delta[where] = self.lexicon.lengths[picks] - self.length[rows][where]
        # Shift of each token: the deltas of the substituted tokens before it in its sentence.
        cum = np.cumsum(delta)
        excl = cum - delta
        first = np.searchsorted(place, np.arange(len(ks)), side="left")
        base = np.zeros(len(ks), dtype=np.int64)
        has = first < len(place)
        base[has] = excl[first[has]]
        rel = self.rel[rows] + excl - base[place] if len(rows) else self.rel[rows]

        # Sentence texts: rebuilt only where something changed.
        texts = [pool.texts[k] for k in ks]
        if len(where):
            old_len = self.length[rows]
            orig_rel = self.rel[rows]
            for s in np.unique(place[where]):
                sel = where[place[where] == s]
                source, out, at = texts[s], [], 0
                for r in sel:
                    out.append(source[at:orig_rel[r]])
                    out.append(text[r])
                    at = orig_rel[r] + old_len[r]
                out.append(source[at:])
                texts[s] = "".join(out)

        mrows, mplace = synth._gather(pool.men_ptr, ks)
        men = pool.mentions
        mstart = men["rel_start"].to_numpy(np.int64)[mrows]
        mend = men["rel_end"].to_numpy(np.int64)[mrows]
        if len(mrows) and len(where):
            # Shift = deltas of the substituted tokens of the same sentence that start before the mention.
            big = np.int64(1 << 32)
            tkey = place.astype(np.int64) * big + self.rel[rows]
            mkey = mplace.astype(np.int64) * big + mstart
            last = np.searchsorted(tkey, mkey, side="left") - 1
            ok = (last >= 0) & (place[np.maximum(last, 0)] == mplace)
            shift = np.where(ok, cum[np.maximum(last, 0)] - base[mplace], 0)
            mstart, mend = mstart + shift, mend + shift
        return Variant(texts=texts, tok_rows=rows, tok_place=place, tok_rel=rel, tok_text=text, tok_lower=lower,
                       tok_lemma=lemma, tok_stop=stop, tok_alpha=alpha, men_rows=mrows, men_place=mplace,
                       men_start=mstart, men_end=mend)


# ================================================================ corpus and tables
def render_text(plan: synth.DocPlan, variant: Variant) -> str:
    """As :func:`benchmarks.synth.render_text`, with the document's substituted sentences."""
    paragraphs, pos = [], 0
    for size in plan.paragraphs:
        paragraphs.append(" ".join(variant.texts[pos:pos + size]))
        pos += size
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(directory: Path | str, plans: Sequence[synth.DocPlan], subs: Substitution) -> Path:
    """Write the corpus folder as :func:`benchmarks.synth.write_corpus` does, with substituted texts."""
    return synth.write_corpus(directory, plans, subs.pool.texts,
                              render=lambda plan, _pool: render_text(plan, subs.document(plan.doc_id, plan.sentences)))


class Composer(synth.Composer):
    """:class:`benchmarks.synth.Composer` for substituted documents: each document's
    sentences and annotation rows come from :meth:`Substitution.document`."""

    def __init__(self, subs: Substitution, plans: Iterable[synth.DocPlan]) -> None:
        super().__init__(subs.pool, plans)
        self.subs = subs

    def __call__(self, items: list[tuple[str, str]]) -> SimpleNamespace:
        # Arrays per document, one DataFrame per table at the end (a DataFrame per document
        # cost ~5 ms each: most of the time at 100,000 documents).
        S: dict[str, list] = {c: [] for c in ("doc", "sent_id", "start", "end", "text")}
        T: dict[str, list] = {c: [] for c in ("doc", "sent_id", "i", "start", "text", "lower", "lemma", "row",
                                                "is_stop", "is_alpha")}
        M: dict[str, list] = {c: [] for c in ("doc", "sent_id", "start", "end", "row")}
        names: list[str] = []
        for doc_id, text in items:
            plan = self.plans.get(doc_id)
            if plan is None:
                continue
            v = self.subs.document(doc_id, plan.sentences)
            starts = np.full(len(v.texts), -1, dtype=np.int64)
            pos = 0
            for s, sentence in enumerate(v.texts):
                found = text.find(sentence, pos)
                if found < 0:
                    self.missed += 1
                    continue
                starts[s] = found
                pos = found + len(sentence)
            placed = starts >= 0
            sent_id = np.cumsum(placed) - 1
            self.placed += int(placed.sum())
            code = len(names)
            names.append(doc_id)
            kept = np.flatnonzero(placed)
            lengths = np.fromiter((len(v.texts[s]) for s in kept), np.int64, len(kept))
            S["doc"].append(np.full(len(kept), code, np.int32))
            S["sent_id"].append(sent_id[kept])
            S["start"].append(starts[kept])
            S["end"].append(starts[kept] + lengths)
            S["text"].append(np.array([v.texts[s] for s in kept], dtype=object))
            t = placed[v.tok_place]
            tp = v.tok_place[t]
            T["doc"].append(np.full(len(tp), code, np.int32))
            T["sent_id"].append(sent_id[tp])
            T["i"].append(np.arange(len(tp)))
            T["start"].append(v.tok_rel[t] + starts[tp])
            for c, arr in (("text", v.tok_text), ("lower", v.tok_lower), ("lemma", v.tok_lemma),
                           ("row", v.tok_rows), ("is_stop", v.tok_stop), ("is_alpha", v.tok_alpha)):
                T[c].append(arr[t])
            m = placed[v.men_place]
            mp = v.men_place[m]
            M["doc"].append(np.full(len(mp), code, np.int32))
            M["sent_id"].append(sent_id[mp])
            M["start"].append(v.men_start[m] + starts[mp])
            M["end"].append(v.men_end[m] + starts[mp])
            M["row"].append(v.men_rows[m])

        docs = np.array(names, dtype=object)

        def join(parts: dict[str, list], col: str, dtype: object = None) -> np.ndarray:
            return np.concatenate(parts[col]) if parts[col] else np.array([], dtype=dtype)

        pt, pm = self.pool.tokens, self.pool.mentions
        trow, mrow = join(T, "row", np.int64), join(M, "row", np.int64)
        sentences = pd.DataFrame({"doc_id": docs[join(S, "doc", np.int32)], "sent_id": join(S, "sent_id", np.int64),
                                  "start": join(S, "start", np.int64), "end": join(S, "end", np.int64),
                                  "text": join(S, "text", object)})
        tokens = pd.DataFrame({"doc_id": docs[join(T, "doc", np.int32)], "sent_id": join(T, "sent_id", np.int64),
                               "i": join(T, "i", np.int64), "start": join(T, "start", np.int64),
                               "text": join(T, "text", object), "lower": join(T, "lower", object),
                               "lemma": join(T, "lemma", object), "pos": pt["pos"].to_numpy()[trow],
                               "is_stop": join(T, "is_stop", bool), "is_alpha": join(T, "is_alpha", bool)})
        mentions = pd.DataFrame({"doc_id": docs[join(M, "doc", np.int32)], "sent_id": join(M, "sent_id", np.int64),
                                 "start": join(M, "start", np.int64), "end": join(M, "end", np.int64),
                                 **{c: pm[c].to_numpy()[mrow] for c in synth.MENTION_POOL_COLUMNS[3:]}})
        return SimpleNamespace(sentences=sentences, tokens=tokens, mentions=mentions)


# ================================================================ Heaps' law
def heaps_curve(docs: Iterable[Iterable[str]], checkpoints: Sequence[int]) -> list[tuple[int, int]]:
    """(tokens read, distinct types) after each checkpoint number of tokens, reading ``docs`` in order.

    ``docs`` yields each document's words (already normalised: lower case, alphabetic).
    """
    seen: set[str] = set()
    out, total, marks = [], 0, list(checkpoints)
    for words in docs:
        words = list(words)
        seen.update(words)
        total += len(words)
        while marks and total >= marks[0]:
            out.append((total, len(seen)))
            marks.pop(0)
        if not marks:
            break
    if marks:
        out.append((total, len(seen)))
    return out


def heaps_fit(curve: Sequence[tuple[int, int]]) -> tuple[float, float]:
    """Least-squares fit of V = K·N^β on log scales: returns (K, β)."""
    n = np.log([c[0] for c in curve])
    v = np.log([c[1] for c in curve])
    beta, log_k = np.polyfit(n, v, 1)
    return float(np.exp(log_k)), float(beta)


def words_old(pool: synth.AnnotatedPool, plans: Iterable[synth.DocPlan]) -> Iterable[list[str]]:
    """Each document's alphabetic lower-case tokens under the old generator (resampled sentences)."""
    lower = pool.tokens["lower"].astype(str).to_numpy(dtype=object)
    alpha = pool.tokens["is_alpha"].to_numpy(bool)
    for plan in plans:
        rows, _ = synth._gather(pool.tok_ptr, np.asarray(plan.sentences, dtype=np.int64))
        yield lower[rows[alpha[rows]]].tolist()


def words_new(subs: Substitution, plans: Iterable[synth.DocPlan]) -> Iterable[list[str]]:
    """Each document's alphabetic lower-case tokens under substitution."""
    for plan in plans:
        v = subs.document(plan.doc_id, plan.sentences)
        yield v.tok_lower[v.tok_alpha].tolist()
