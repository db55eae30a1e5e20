"""Snippets: the text of a hit around the query's words, as written, with the words marked."""

from __future__ import annotations

from typing import Any

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight
from whoosh.query import Query
from whoosh.searching import Searcher

from catalogue.language.localized import FALLBACKS
from catalogue.language.text import fold
from catalogue.search.schema import shared_schema

__all__ = ["highlighted", "query_terms"]


def highlighted(
    stored: dict[str, Any], terms: dict[str, frozenset[str]], lang: str
) -> tuple[str, str | None]:
    """The original text around the query's words (HTML, matches in <mark>) and its language,
    preferring the reader's language; names when no text holds them; "" when nothing does."""
    order = [f"text_{c}" for c in FALLBACKS.get(lang, ("en",))] + ["names"]
    schema = shared_schema()
    for fieldname in order:
        text = stored.get(fieldname)
        if not text or not terms.get(fieldname):
            continue
        if fieldname in UNSTEMMED and not _may_contain(text, terms[fieldname]):
            continue  # analysing the whole text to find nothing is most of a snippet's cost
        fragment = highlight(
            text,
            terms[fieldname],
            schema[fieldname].analyzer,
            _FRAGMENTER,
            _FORMATTER,
            top=2,
            mode="index",
        )
        if fragment:
            return fragment, fieldname.removeprefix("text_") if fieldname != "names" else None
    return "", None


UNSTEMMED = frozenset({"text_fa", "text_kk", "names"})


def _may_contain(text: str, terms: frozenset[str]) -> bool:
    # Unstemmed fields index folded words (and Persian compounds joined): a term can only be
    # in the text if it is in the folded text with its spaces removed.
    folded = "".join(fold(text).split())
    return any(term in folded for term in terms)


_FORMATTER = HtmlFormatter(tagname="mark", between=" … ")
_FRAGMENTER = ContextFragmenter(maxchars=240, surround=60)


def query_terms(parsed: Query, searcher: Searcher) -> dict[str, frozenset[str]]:
    """The words to highlight, per field, as the index holds them (prefixes expanded)."""
    # Not Query.existing_terms: in Whoosh 2.7 it reuses its `fieldname` argument as a loop
    # variable and so drops every field after the first that has a term.
    found: dict[str, set[str]] = {}
    reader = searcher.reader()
    for leaf in parsed.leaves():
        try:
            terms = list(leaf.expanded_terms(reader, phrases=True))
        except Exception:  # a query kind that cannot list its terms: no highlights from it
            continue
        for fieldname, text in terms:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            found.setdefault(fieldname, set()).add(text)
    return {fieldname: frozenset(texts) for fieldname, texts in found.items()}
