"""The scholars' search: /search (HTML, no JavaScript needed) and its shareable URLs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from app import context
from app.i18n import both_calendars, current_language
from app.scholar.arguments import hit_url, query_from, run_search
from app.scholar.exports import search_export
from app.urls import KINDS
from catalogue.dates.calendars import Calendar, HistoricalDate, Precision
from catalogue.models import Kind
from catalogue.reading.records import labels
from catalogue.search import (
    IndexUnavailable,
    QueryError,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from catalogue.search.schema import FACETS

bp = Blueprint("scholar", __name__)


def hit_dates(hit: SearchHit) -> str:
    """A hit's date range in both calendars."""
    if hit.date_from is None and hit.date_to is None:
        return ""
    span = HistoricalDate("", Calendar.GREGORIAN, Precision.RANGE, hit.date_from, hit.date_to)
    return both_calendars(span)


def search_url(**changes: Any) -> str:
    """This search's URL with some arguments changed (None removes one)."""
    args = MultiDict(request.args)
    for name, value in changes.items():
        args.setlist(name, [] if value is None else [str(value)])
    if "page" not in changes:
        args.poplist("page")
    return _with_args(args)


def toggle_url(facet: str, value: str) -> str:
    """The URL that adds this facet value to the filters, or removes it if present."""
    args = MultiDict(request.args)
    values = args.getlist(facet)
    args.setlist(facet, [v for v in values if v != value] if value in values else [*values, value])
    args.poplist("page")
    return _with_args(args)


def _with_args(args: MultiDict[str, str]) -> str:
    return f"{url_for('scholar.search_page')}?{urlencode(list(args.items(multi=True)))}"


def facet_labels(results: SearchResults) -> dict[str, dict[str, Any]]:
    """Labels for the person and place facet values (ids are what the index holds)."""
    ids = [v for name in ("person", "place") for v, _ in results.facets.get(name, [])]
    found = labels(context.session(), ids)
    return {"records": found}


@bp.get("/search")
def search_page() -> tuple[str, int] | Response:
    """Search results with facets, or the browsable catalogue for an empty query.

    With ?format=csv|json|dc, every record the search finds, as a download.
    """
    if request.args.get("format"):
        return search_export(request.args["format"])
    lang = current_language()
    status = 200
    results: SearchResults | None = None
    error = None
    try:
        query = query_from(request.args, lang, per_page=20)
        results = run_search(query)
    except QueryError as problem:
        error, status = str(problem), 400
        query = SearchQuery(text=request.args.get("q", "")[:500], lang=lang)
    except IndexUnavailable:
        abort(503)
    return (
        render_template(
            "search.html",
            query=query,
            results=results,
            error=error,
            facets=FACETS,
            labels=facet_labels(results) if results else {"records": {}},
            hit_url=hit_url,
            hit_dates=hit_dates,
            search_url=search_url,
            toggle_url=toggle_url,
            kinds=[k.value for k in KINDS.values() if k is not Kind.COLLECTION] + ["page"],
        ),
        status,
    )
