"""Figures and HTML from tables: plotly charts, word clouds, every HTML builder and its stylesheet,
the colours. No Streamlit. Imports lib.analysis and below."""
