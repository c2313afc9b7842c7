"""The annotation store on disk (Parquet) and in memory: annotations, the documents cache, per-document
counts, the term index, a session's uploads laid over the shared store. Imports lib.nlp and below."""
