"""Named actors: the spaCy pipeline, the gazetteer and its ruler, the mention rules and their evaluation.
The only package that imports spaCy. Imports lib.ingest and below."""
