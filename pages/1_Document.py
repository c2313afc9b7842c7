"""Document page (being built)."""

from lib.ui import setup_page

ctx = setup_page("Document")
