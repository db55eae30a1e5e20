"""Search fixtures: the shipped catalogue indexed once; fresh indexes for tests that write."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue.search import SearchIndex, SearchQuery, SearchResults, search


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    """An index of this test's own."""
    made = SearchIndex(tmp_path / "index")
    yield made
    made.close()


def run(index: SearchIndex, text: str = "", **options: object) -> SearchResults:
    """Search with up to 100 hits per page."""
    return search(index, SearchQuery(text=text, per_page=100, **options))  # type: ignore[arg-type]


def keys(results: SearchResults) -> list[str]:
    """The hits as kind:id, in order."""
    return [f"{hit.kind}:{hit.record_id}" for hit in results.hits]
