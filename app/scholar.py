"""The scholars' search: /search (HTML, no JavaScript needed) and its shareable URLs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import ServiceUnavailable

from app import context
from app.i18n import both_calendars, current_language
from app.urls import KINDS, SECTIONS
from catalogue.dates import Calendar, HistoricalDate, Precision
from catalogue.models import Kind
from catalogue.records import labels
from catalogue.search import (
    IndexUnavailable,
    QueryError,
    SearchHit,
    SearchQuery,
    SearchResults,
    search,
)
from catalogue.search.schema import FACETS
from catalogue.slots import Busy

bp = Blueprint("scholar", __name__)
# A search waits this long for a slot (QOLJAZBA_SEARCHES), then is a 503: a search waiting holds
# its worker (one thread each), and the kiosk's screens may be queued behind it.
SEARCH_WAIT_SECONDS = 0.2
KIND_SECTIONS = {kind.value: section for kind, section in SECTIONS.items()}


def _year(args: MultiDict[str, str], name: str) -> int | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    if not raw.lstrip("-").isdigit() or not -5000 <= int(raw) <= 5000:
        raise QueryError(f"“{raw}” is not a year")
    return int(raw)


def query_from(args: MultiDict[str, str], lang: str, per_page: int) -> SearchQuery:
    """A SearchQuery from request arguments (shared by the page and the API)."""
    calendar = {"ah": Calendar.HIJRI, "ce": Calendar.GREGORIAN}.get(args.get("cal", "ce"))
    if calendar is None:
        raise QueryError("cal must be ce or ah")
    page = args.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= 10_000:
        raise QueryError("page must be a whole number from 1")
    size = args.get("per_page", str(per_page))
    if not size.isdigit():
        raise QueryError("per_page must be a whole number")
    return SearchQuery(
        text=args.get("q", ""),
        filters={f: tuple(args.getlist(f)) for f in FACETS if args.getlist(f)},
        year_from=_year(args, "from"),
        year_to=_year(args, "to"),
        calendar=calendar,
        sort=args.get("sort", "relevance"),
        page=int(page),
        per_page=int(size),
        lang=lang,
    )


def run_search(query: SearchQuery) -> SearchResults:
    """The search, in one of the slots for searches (503 with Retry-After when none is free)."""
    try:
        with context.slots("search", context.settings().searches, SEARCH_WAIT_SECONDS).take():
            return search(context.search_index(), query)
    except Busy as busy:
        raise ServiceUnavailable(
            "many searches are running; try again in a moment", retry_after=busy.retry_after
        ) from None


def hit_url(kind: str, record_id: str, page: str | None) -> str:
    """Where a hit leads: the record's page (a page hit, to its manuscript at that folio)."""
    section = KIND_SECTIONS.get(kind, "manuscripts")
    url = url_for("records.record", section=section, slug=record_id)
    return f"{url}#f{page}" if page else url


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
        from app.exports import search_export  # exports builds on this module

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
