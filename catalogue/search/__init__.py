"""Full-text search over the published catalogue (Whoosh), behind one small interface."""

from catalogue.search.documents import SearchDocument, all_documents, documents_for
from catalogue.search.index import IndexUnavailable, SearchIndex
from catalogue.search.query import QueryError, SearchHit, SearchQuery, SearchResults, search
from catalogue.search.sync import (
    Drift,
    connect,
    drift,
    ensure_index,
    rebuild,
    reconcile,
    reconcile_if_requested,
    request_reconcile,
)

__all__ = [
    "Drift",
    "IndexUnavailable",
    "QueryError",
    "SearchDocument",
    "SearchHit",
    "SearchIndex",
    "SearchQuery",
    "SearchResults",
    "all_documents",
    "connect",
    "documents_for",
    "drift",
    "ensure_index",
    "rebuild",
    "reconcile",
    "reconcile_if_requested",
    "request_reconcile",
    "search",
]
