"""Where to start: the Overview's links into the views that answer the usual first questions.

Pure Python (no Streamlit): each step is a question in words and the address of the view that
answers it, built from the names in :mod:`lib.web.urls` (a test opens every one).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis.overview import comparable_pair
from lib.web import urls

# The tab labels the steps open (the pages' url_tabs labels; tests/web/test_start.py opens each link).
TERMS_DISTINCTIVE = "Distinctive terms"
ACTORS_BY_ORG = "Actor × organisation"


@dataclass(frozen=True)
class Step:
    """One suggestion: the question it answers, the page and its parameters (filter added by the page)."""

    question: str
    page: str
    params: dict[str, str | list[str]]
    icon: str


def next_steps(documents: pd.DataFrame, *, has_codebook: bool) -> list[Step]:
    """Three or four first questions for this selection, each with the view that answers it.

    Args:
        documents: the filtered documents (a step that needs two organisations or two documents
            is left out when the selection has fewer).
        has_codebook: the corpus has a codebook (the Positions page has something to show).
    """
    orgs = documents["org_short"].nunique() if len(documents) else 0
    steps: list[Step] = []
    if orgs >= 2:
        steps.append(Step("Words that set each organisation apart", "Terms",
                          urls.query(**{urls.TAB: TERMS_DISTINCTIVE}), ":material/text_fields:"))
        steps.append(Step("Whom each organisation names, and how often", "Actors",
                          urls.query(**{urls.TAB: ACTORS_BY_ORG}), ":material/groups:"))
    else:
        steps.append(Step("The words used most", "Terms", {}, ":material/text_fields:"))
        steps.append(Step("Who is named, and how often", "Actors", {}, ":material/groups:"))
    pair = comparable_pair(documents)
    if pair is not None:
        steps.append(Step("Two of the texts side by side", "Compare",
                          urls.query(**{urls.A: pair[0], urls.B: pair[1]}), ":material/compare:"))
    if has_codebook and orgs >= 1:
        steps.append(Step("Where each organisation stands (codebook)", "Positions", {},
                          ":material/fact_check:"))
    return steps[:4]
