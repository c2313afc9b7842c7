"""Tables in, tables out: filters, overview, terms and keyness, actors, compare, the reader model,
exports. No Streamlit, no plotting. Imports lib.store and below."""
