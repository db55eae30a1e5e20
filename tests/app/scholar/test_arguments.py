"""A scholar's request: search arguments, hit links, the manuscript and citation asked for."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, NotFound

from app import context
from app.scholar.arguments import citation_for, hit_url, published_manuscript, query_from
from catalogue.dates.calendars import Calendar
from catalogue.models import Kind, Manuscript
from catalogue.reading.records import RecordNotFound, get_record
from catalogue.search import QueryError
from catalogue.search.query import MAX_PER_PAGE


def _query(**args: str | list[str]) -> MultiDict[str, str]:
    made: MultiDict[str, str] = MultiDict()
    for name, value in args.items():
        for one in value if isinstance(value, list) else [value]:
            made.add(name, one)
    return made


def test_a_bare_request_is_the_first_page_by_relevance() -> None:
    query = query_from(_query(), "kk", 20)
    assert (query.text, query.page, query.per_page, query.sort) == ("", 1, 20, "relevance")
    assert (query.year_from, query.year_to, query.filters) == (None, None, {})
    assert query.calendar is Calendar.GREGORIAN and query.lang == "kk"


def test_every_argument_is_read() -> None:
    args = _query(
        q="Абылай",
        cal="ah",
        page="3",
        per_page="7",
        sort="date",
        to="1250",
        person=["ablai-khan", "tauke-khan"],
        kind="manuscript",
        unknown="ignored",
        **{"from": "۱۲۰۰"},  # typed on a Persian keyboard
    )
    query = query_from(args, "en", 20)
    assert query.text == "Абылай" and query.calendar is Calendar.HIJRI
    assert (query.page, query.per_page, query.sort) == (3, 7, "date")
    assert (query.year_from, query.year_to) == (1200, 1250)
    assert query.filters == {"kind": ("manuscript",), "person": ("ablai-khan", "tauke-khan")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"cal": "jalali"}, "cal must be ce or ah"),
        ({"page": "0"}, "page must be a whole number from 1"),
        ({"page": "10001"}, "page must be a whole number from 1"),
        ({"page": "1.5"}, "page must be a whole number from 1"),
        ({"per_page": "0"}, f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"),
        ({"per_page": str(MAX_PER_PAGE + 1)}, "per_page must be a whole number"),
        ({"from": "twelve hundred"}, "“twelve hundred” is not a year"),
        ({"to": "5001"}, "“5001” is not a year"),
        ({"from": "x" * 100}, "“" + "x" * 40 + "” is not a year"),
    ],
)
def test_unusable_arguments_are_refused_saying_why(args: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError) as refused:
        query_from(_query(**args), "en", 20)
    assert message in str(refused.value)


def test_the_limits_themselves_are_accepted() -> None:
    query = query_from(
        _query(page="10000", per_page=str(MAX_PER_PAGE), to="-5000", **{"from": " 5000 "}),
        "en",
        20,
    )
    assert (query.page, query.per_page, query.year_from, query.year_to) == (
        10_000,
        MAX_PER_PAGE,
        5000,
        -5000,
    )


@pytest.mark.parametrize(
    ("kind", "page", "url"),
    [
        ("manuscript", None, "/manuscripts/ms-01"),
        ("manuscript", "12v", "/manuscripts/ms-01#f12v"),
        ("person", None, "/people/ms-01"),
        ("collection", "", "/collections/ms-01"),
        ("page", "3r", "/manuscripts/ms-01#f3r"),  # a page hit leads to its manuscript
    ],
)
def test_a_hit_leads_to_its_record(app: Flask, kind: str, page: str | None, url: str) -> None:
    with app.test_request_context("/"):
        assert hit_url(kind, "ms-01", page) == url


def test_the_published_manuscript_asked_for(app: Flask) -> None:
    with app.test_request_context("/"):
        found = published_manuscript("ms-01")
        assert isinstance(found, Manuscript) and found.slug == "ms-01"
        assert published_manuscript("ms-01", whole=True).slug == "ms-01"
        for slug in ("Not A Slug", "../ms-01", "", "x" * 300):
            with pytest.raises(NotFound):  # not even looked up
                published_manuscript(slug)
        for slug in ("no-such-one", "tauke-khan"):  # a person's id is no manuscript's
            with pytest.raises(RecordNotFound):
                published_manuscript(slug)


def test_a_citation_in_the_pages_language_at_the_folio_asked_for(app: Flask) -> None:
    with app.test_request_context("/manuscripts/ms-01?lang=en&folio=12v"):
        app.preprocess_request()
        record = get_record(context.session(), Kind.MANUSCRIPT, "ms-01")
        citation = citation_for(record)
        assert citation.url == "http://localhost/manuscripts/ms-01#f12v"
        assert (citation.folio, citation.lang, citation.kind) == ("12v", "en", Kind.MANUSCRIPT)


def test_a_folio_that_cannot_be_cited_is_a_400(app: Flask) -> None:
    with app.test_request_context("/manuscripts/ms-01?folio=%3D1"):
        app.preprocess_request()
        record = get_record(context.session(), Kind.MANUSCRIPT, "ms-01")
        with pytest.raises(BadRequest):
            citation_for(record)
