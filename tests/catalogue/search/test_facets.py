"""Facet counts from per-segment tables agree with Whoosh's own facet counting.

(Spans of years are left out: Whoosh's own numeric ranges are wrong on the unsigned date
fields, which is why ``docsets`` reads them from columns; test_docsets checks those.)
"""

from __future__ import annotations

import pytest
from whoosh import sorting

from catalogue.search import SearchIndex, SearchQuery, search
from catalogue.search.query import _filter, parse
from catalogue.search.schema import FACETS


def whoosh_counts(index: SearchIndex, request: SearchQuery) -> dict[str, list[tuple[str, int]]]:
    facets = {
        name: sorting.FieldFacet(name, allow_overlap=True, maptype=sorting.Count) for name in FACETS
    }
    with index.searcher() as searcher:
        results = searcher.search(
            parse(request.text, []), limit=None, filter=_filter(request), groupedby=facets
        )
        return {
            name: sorted(
                ((str(v), int(c)) for v, c in results.groups(name).items() if v),
                key=lambda item: (-item[1], item[0]),
            )
            for name in FACETS
        }


@pytest.mark.parametrize(
    "request_",
    [
        SearchQuery(),
        SearchQuery(text="khan"),
        SearchQuery(text="ایران"),
        SearchQuery(text="Tauke OR Abulkhair"),
        SearchQuery(text="khan", filters={"kind": ("event",)}),
    ],
    ids=repr,
)
def test_counts_are_whooshs(shipped_index: SearchIndex, request_: SearchQuery) -> None:
    assert search(shipped_index, request_).facets == whoosh_counts(shipped_index, request_)
