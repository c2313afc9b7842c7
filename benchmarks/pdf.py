"""Measure PDF text extractors for quality and speed → ``benchmarks/PDF.md``.

Usage::

    python -m benchmarks.pdf [--real DIR] [--pages N]

Candidates: pypdf (``extract_text()``, and its ``extraction_mode="layout"``), pdfplumber's
``extract_text()``, and ours (``lib.ingest.pdf_text.clean_pdf``: pdfplumber's words, then
columns, furniture and hyphenation). PyMuPDF is not measured: it is AGPL-3.0 (a deployment
that serves it over a network must offer its source) and ~20 MB of native code.

On generated party papers (``benchmarks/pdfpaper.py``: known text, two or three columns,
running header, footer, page numbers, words cut at line ends):

* **order** — share of the true text's adjacent word pairs that are adjacent in the output
  (words cut at a line end are re-joined first, so this measures reading order only);
* **furniture left** — header, footer and page-number strings still in the output;
* **cut words whole** — share of the words cut at a line end that come out whole.

On real PDFs made by other software (LaTeX documentation shipped in Debian packages), where
no true text exists: **known words** (share of word tokens the model's vocabulary knows:
words glued together or split apart lower it), **bare numbers** (lines that are only a page
number), and seconds per page.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
from pathlib import Path

from benchmarks.pdfpaper import party_paper
from lib.ingest.pdf_text import clean_pdf
from lib.ingest.vocabulary import is_word

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "PDF.md"


def _pypdf(raw: bytes, *, layout: bool = False, pages: int | None = None) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(raw))
    chosen = reader.pages[:pages] if pages else reader.pages
    mode = {"extraction_mode": "layout"} if layout else {}
    return "\n".join(p.extract_text(**mode) or "" for p in chosen)


def _plumber(raw: bytes, *, pages: int | None = None) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw), pages=list(range(1, pages + 1)) if pages else None) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def _ours(raw: bytes, *, pages: int | None = None) -> str:
    if pages:
        raw = _first_pages(raw, pages)
    return clean_pdf(raw)[1].text


def _first_pages(raw: bytes, pages: int) -> bytes:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(raw))
    writer = pypdf.PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


METHODS = {
    "pypdf extract_text": lambda raw, pages=None: _pypdf(raw, pages=pages),
    "pypdf layout mode": lambda raw, pages=None: _pypdf(raw, layout=True, pages=pages),
    "pdfplumber extract_text": _plumber,
    "ours (pdfplumber words + lib.ingest.pdf_text)": _ours,
}


def _words(text: str) -> list[str]:
    joined = re.sub(r"([^\W\d_])-\s*\n\s*([a-z])", r"\1\2", text)  # re-join words cut at a line end
    return [w.casefold() for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)?", joined)]


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


def score_paper(text: str, paper) -> dict[str, float]:
    truth = _words("\n".join(paper.paragraphs))
    got_pairs = _pairs(_words(text))
    order = sum(1 for p in _pairs(truth) if p in got_pairs) / max(len(_pairs(truth)), 1)
    lines = [ln.strip() for ln in text.splitlines()]
    left = sum(1 for f in set(paper.furniture)  # a bare page number must be a line of its own
               if any((f == ln) if f.isdigit() else (f in ln) for ln in lines))
    tokens = set(re.findall(r"[^\W\d_]+", text))
    whole = sum(1 for w in paper.cut_words if w in tokens) / max(len(paper.cut_words), 1)
    return {"order": order, "furniture_left": left, "furniture": len(set(paper.furniture)), "cut_whole": whole}


def score_real(text: str) -> dict[str, float]:
    tokens = re.findall(r"[^\W\d_]{2,}", text)
    known = sum(1 for t in tokens if is_word(t)) / max(len(tokens), 1)
    bare = sum(1 for ln in text.splitlines() if re.fullmatch(r"\s*\d{1,4}\s*", ln))
    return {"known": known, "bare_numbers": bare, "words": len(tokens)}


def _time(fn, *args, repeat: int = 1, **kwargs) -> tuple[str, float]:
    best, out = float("inf"), ""
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t)
    return out, best


def _sentences_text() -> list[str]:
    paragraphs = []
    for f in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md")):
        for p in f.read_text(encoding="utf-8").split("\n\n"):
            p = re.sub(r"\s+", " ", re.sub(r"[#*_>\[\]]", "", p)).strip()
            if len(p.split()) > 30:
                paragraphs.append(p)
    return paragraphs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=None, help="a folder of real PDFs (e.g. Debian documentation)")
    parser.add_argument("--pages", type=int, default=20, help="pages of each real PDF to read")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    paragraphs = _sentences_text()
    papers = {"2 columns, 'Page N' footer": party_paper(paragraphs[:24]),
              "3 columns, bare page numbers": party_paper(paragraphs[24:44] or paragraphs[:20], columns=3,
                                                          page_numbers="{n}")}
    rows = []
    for name, paper in papers.items():
        for method, fn in METHODS.items():
            text, seconds = _time(fn, paper.pdf, repeat=2)
            rows.append({"pdf": name, "pages": paper.pages, "method": method, "s_page": seconds / paper.pages,
                         **score_paper(text, paper)})
            print(f"{name} / {method}: {rows[-1]}", file=sys.stderr)
    real_rows = []
    for path in sorted(args.real.glob("*.pdf")) if args.real else []:
        raw = path.read_bytes()
        import pypdf

        n = min(args.pages, len(pypdf.PdfReader(io.BytesIO(raw)).pages))
        for method, fn in METHODS.items():
            text, seconds = _time(fn, raw, pages=n)
            real_rows.append({"pdf": path.name, "pages": n, "method": method, "s_page": seconds / n, **score_real(text)})
            print(f"{path.name} / {method}: {real_rows[-1]}", file=sys.stderr)
    args.out.write_text(render(rows, real_rows), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def render(rows: list[dict], real_rows: list[dict]) -> str:
    import platform

    import pdfplumber
    import pypdf

    lines = ["# PDF text: which library, and how well", "",
             f"Generated by `python -m benchmarks.pdf --real DIR` on {time.strftime('%Y-%m-%d %H:%M')} "
             f"(pypdf {pypdf.__version__}, pdfplumber {pdfplumber.__version__}, Python {platform.python_version()}; "
             "a shared 2-core machine: compare speeds within a table, not across runs).", "",
             "## Generated party papers (known text)", "",
             "| PDF | pages | extractor | order | furniture left | cut words whole | s/page |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['pdf']} | {r['pages']} | {r['method']} | {r['order']:.1%} | "
                     f"{r['furniture_left']} of {r['furniture']} | {r['cut_whole']:.0%} | {r['s_page']:.3f} |")
    if real_rows:
        lines += ["", "## Real PDFs made by other software (first pages of each)", "",
                  "| PDF | pages | extractor | known words | bare page numbers left | s/page |",
                  "|---|---:|---|---:|---:|---:|"]
        for r in real_rows:
            lines.append(f"| {r['pdf']} | {r['pages']} | {r['method']} | {r['known']:.1%} | {r['bare_numbers']} | "
                         f"{r['s_page']:.3f} |")
        by = {}
        for r in real_rows:
            by.setdefault(r["method"], []).append(r["s_page"])
        lines += ["", "Median seconds per page over the real PDFs: " + "; ".join(
            f"{m} {statistics.median(v):.3f}" for m, v in by.items()) + "."]
    lines += ["", "## Decision", "", DECISION, ""]
    return "\n".join(lines)


DECISION = """\
**pdfplumber** (MIT, on pdfminer.six, MIT) is the extractor. Measured above:

* *Text quality.* pypdf's `extract_text` glues the words of some producers' output together
  (AutoMultipleChoice manual: 53 % of its tokens are known words against 87 % with pdfplumber:
  "Usagenotes", "Atextthatpresents"); elsewhere the two are level. pdfplumber gives every word
  with its box, which is what reading order across columns, furniture at the page edges and a
  page's start offset need; pypdf gives positions only through a text-operator visitor, without
  word widths.
* *Reading order.* Neither orders columns itself: pdfplumber's `extract_text` interleaves the
  columns line by line (86-89 % of word pairs kept); pypdf keeps the order of the content
  stream, which is right for these generated papers (reportlab writes column after column) but
  is the producer's choice, not the page's. Ours (`lib/ingest/pdf_text.py` on pdfplumber's
  words) reads 100 % of the word pairs in order on two and three columns.
* *Furniture and hyphenation.* Both leave every running header, footer and page number, and
  every word cut at a line end; ours leaves none of the generated papers' furniture and no
  bare page number in the real PDFs, and restores every cut word.
* *Speed.* The cost: pypdf reads a page in ~0.13 s (median here), pdfplumber in ~0.6 s, ours in
  ~0.9 s on this shared machine — a 300-page manual takes a few minutes, paid once per file
  when the corpus is loaded (the documents cache and the build keep the result) and when that
  document is opened in the reader (the last few are kept in memory). Party papers and
  leaflets are a few pages.

PyMuPDF was not adopted: it is AGPL-3.0, which obliges anyone who serves the app over a network
to publish their source — wrong for a project others deploy — and its wheels carry ~20 MB of
native code."""


if __name__ == "__main__":
    sys.exit(main())
