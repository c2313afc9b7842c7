"""Speed and memory benchmark of Party Lines (issue 7): ``make bench`` → ``benchmarks/RESULTS.md``.

Modules:

* :mod:`benchmarks.synth` — corpora of any size built from the real corpus's sentences
  (real corpus folders: files + ``metadata.csv``), and the composer that assembles their
  annotation tables from already-annotated sentences.
* :mod:`benchmarks.measure` — the measurements, each in a fresh child process
  (annotation throughput, the app's warm start, page renders, peak memory).
* :mod:`benchmarks.report` — machine description and the Markdown report.
* :mod:`benchmarks.run` — the entry point (``python -m benchmarks.run``).

Nothing here runs under ``make test``: only the small unit tests of the corpus builder
(``tests/test_benchmarks_synth.py``) do.
"""
