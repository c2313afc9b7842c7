"""Streamlit glue: page set-up, cached accessors, URL names, parsing and binding. The only package
that imports Streamlit; pages call it."""
