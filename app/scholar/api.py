"""The read-only JSON API under /api, described by /api/openapi.json."""

from __future__ import annotations

import datetime
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for
from flask_babel import force_locale

from app import context
from app.i18n import translated
from app.scholar.arguments import hit_url, query_from, run_search
from app.scholar.openapi import openapi_document
from app.urls import KINDS, SECTIONS, absolute, permalink
from catalogue.formats.record_json import record_json, summary_json
from catalogue.language.numbers import whole_number
from catalogue.models import CataloguingStatus, Kind
from catalogue.models.entity import SLUG
from catalogue.reading.records import (
    MAX_PER_PAGE,
    filter_columns,
    get_record,
    list_records,
)
from catalogue.search import IndexUnavailable, QueryError

bp = Blueprint("api", __name__, url_prefix="/api")


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    value = whole_number(raw, low, high)
    if value is None:
        abort(400, description=f"{name} must be a whole number from {low} to {high}")
    return value


SEARCH_SINGLE = ("q", "from", "to", "cal", "sort", "page", "per_page", "lang")
SEARCH_ENUMS = {
    "lang": ("kk", "ru", "en", "fa"),
    "cal": ("ce", "ah"),
    "sort": ("relevance", "date", "title"),
}


def _check_args(single: tuple[str, ...], enums: dict[str, tuple[str, ...]]) -> None:
    """400 for a repeated single-valued argument or a value outside its documented set."""
    for name in single:
        if len(request.args.getlist(name)) > 1:
            abort(400, description=f"{name} may be given once")
    for name, allowed in enums.items():
        value = request.args.get(name)
        if value is not None and value not in allowed:
            abort(400, description=f"{name} must be one of {', '.join(allowed)}")


def _enum_filters(kind: Kind) -> dict[str, tuple[str, ...]]:
    if kind is Kind.MANUSCRIPT:
        return {"cataloguing_status": tuple(s.value for s in CataloguingStatus)}
    return {}


def _since() -> datetime.datetime | None:
    raw = request.args.get("updated_since")
    if raw is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        abort(400, description="updated_since must be an ISO 8601 date or date-time")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)  # read as UTC, as documented
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        # 0001-01-01T00:00+05:00 is before the first moment datetime holds in UTC (so since
        # then is everything), 9999-12-31T23:00-05:00 after its last (so nothing is newer).
        edge = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


def _cached(payload: Any) -> Response:
    response = jsonify(payload)
    response.headers["Cache-Control"] = "public, max-age=60"
    response.add_etag()
    response.make_conditional(request)
    return response


@bp.get("/")
def index() -> Response:
    """What the API offers."""
    return _cached(
        {
            "openapi": url_for("api.openapi"),
            "collections": {s: url_for("api.listing", section=s) for s in SECTIONS.values()},
        }
    )


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return _cached(openapi_document(absolute("")))


@bp.get("/search")
def search_api() -> Response:
    """Full-text search: total, hits (kind, id, title, url, snippet) and facet counts."""
    _check_args(SEARCH_SINGLE, SEARCH_ENUMS)
    lang = request.args.get("lang", "en")
    for name in ("from", "to"):  # the page's form may leave them blank; the API says integer
        if request.args.get(name) == "":
            abort(400, description=f"{name} must be a year (leave it out for no bound)")
    try:
        query = query_from(request.args, lang, per_page=20)
        results = run_search(query)
    except QueryError as error:
        abort(400, description=str(error))
    except IndexUnavailable:
        abort(503, description="the search index is being rebuilt; try again shortly")
    with force_locale(lang):  # notices in the language asked for, as titles and snippets
        notices = [translated(notice) for notice in results.notices]
    return _cached(
        {
            "total": results.total,
            "page": results.page,
            "per_page": results.per_page,
            "pages": results.pages,
            "notices": notices,
            "hits": [
                {
                    "kind": hit.kind,
                    "id": hit.record_id,
                    "title": hit.title,
                    "url": absolute(hit_url(hit.kind, hit.record_id, hit.page)),
                    "snippet": hit.snippet,
                    "page": hit.page,
                    "score": hit.score,
                    "date_from": hit.date_from.isoformat() if hit.date_from else None,
                    "date_to": hit.date_to.isoformat() if hit.date_to else None,
                }
                for hit in results.hits
            ],
            "facets": {
                name: [{"value": value, "count": count} for value, count in values]
                for name, values in results.facets.items()
            },
        }
    )


@bp.get("/<section>")
def listing(section: str) -> Response:
    """A page of the published records of one kind."""
    kind = KINDS.get(section)
    if kind is None:
        abort(404, description=f"no such collection of records: {section!r}")
    filters = filter_columns(kind)
    _check_args(("page", "per_page", "updated_since", *filters), _enum_filters(kind))
    page_number = _int_arg("page", 1, 1, 100_000)
    per_page = _int_arg("per_page", 50, 1, MAX_PER_PAGE)
    where = {name: request.args[name] for name in filters if name in request.args}
    page = list_records(
        context.session(),
        kind,
        page=page_number,
        per_page=per_page,
        updated_since=_since(),
        where=where,
    )

    def link(number: int) -> str | None:
        if 1 <= number <= page.pages and number != page_number:
            args: dict[str, Any] = {
                k: v for k, v in request.args.items() if k not in ("page", "per_page")
            }
            return url_for("api.listing", section=section, page=number, per_page=per_page, **args)
        return None

    return _cached(
        {
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "pages": page.pages,
            "links": {"next": link(page_number + 1), "prev": link(page_number - 1)},
            "items": [summary_json(item, permalink) for item in page.items],
        }
    )


@bp.get("/<section>/<slug>")
def record(section: str, slug: str) -> Response:
    """One published record in full."""
    kind = KINDS.get(section)
    if kind is None:
        abort(404, description=f"no such collection of records: {section!r}")
    if not SLUG.match(slug):
        abort(404, description=f"no {kind.value} with id {slug!r}")
    session = context.session()
    found = get_record(session, kind, slug, whole=True)
    return _cached(record_json(session, found, permalink))
