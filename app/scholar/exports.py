"""Downloads: TEI of a manuscript and the authority file; CSV, JSON and Dublin Core of any
search result or of the whole published catalogue."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, url_for

from app import context
from app.i18n import current_language
from app.scholar.arguments import published_manuscript, query_from, run_search
from app.urls import absolute, permalink
from catalogue.formats.tabular import records_csv, records_dublin_core, records_json
from catalogue.formats.tei.files import authority_file
from catalogue.formats.tei.writer import manuscript_tei, to_bytes
from catalogue.models import Entity
from catalogue.reading.records import all_published, published_by_slug
from catalogue.search import IndexUnavailable, QueryError
from catalogue.search.query import MAX_PER_PAGE

bp = Blueprint("exports", __name__)
FORMATS = ("csv", "json", "dc")
MAX_EXPORT_PAGES = 100  # at MAX_PER_PAGE hits each: far beyond this catalogue


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "public, max-age=60"
    response.add_etag()
    response.make_conditional(request)
    return response


def _render(records: list[Entity], fmt: str, stem: str) -> Response:
    if fmt == "csv":
        # A byte-order mark so that spreadsheet programs read the UTF-8 (Persian, Kazakh) right.
        return _download("\ufeff" + records_csv(records, permalink), "text/csv", f"{stem}.csv")
    if fmt == "json":
        body = records_json(context.session(), records, permalink)
        return _download(body, "application/json", f"{stem}.json")
    if fmt == "dc":
        return _download(
            records_dublin_core(records, permalink), "application/xml", f"{stem}.dc.xml"
        )
    abort(400, description=f"format must be one of {', '.join(FORMATS)}")


@bp.get("/manuscripts/<slug>.tei.xml")
def manuscript_tei_file(slug: str) -> Response:
    """One manuscript as TEI P5 (msDesc); people and places point into authority.xml."""
    found = published_manuscript(slug, whole=True)
    return _download(
        to_bytes(manuscript_tei(found, permalink)), "application/tei+xml", f"{slug}.xml"
    )


@bp.get("/manuscripts/authority.xml")
def authority() -> Response:
    """The people, places and collections as a TEI file (listPerson, listPlace)."""
    here = absolute(url_for("exports.authority"))
    body = authority_file(context.session(), permalink, here)
    return _download(body, "application/tei+xml", "authority.xml")


@bp.get("/export/catalogue.<fmt>")
def whole_catalogue(fmt: str) -> Response:
    """Every published record as CSV, JSON or Dublin Core."""
    if fmt not in FORMATS:
        abort(404)
    return _render(all_published(context.session()), fmt, "qoljazba-catalogue")


def search_export(fmt: str) -> Response:
    """Every record a search finds (all its pages), in one of FORMATS; called by /search."""
    if fmt not in FORMATS:
        abort(400, description=f"format must be one of {', '.join(FORMATS)}")
    args = request.args.copy()
    args.pop("page", None)
    args["per_page"] = str(MAX_PER_PAGE)
    slugs: list[str] = []
    try:
        for number in range(1, MAX_EXPORT_PAGES + 1):
            args["page"] = str(number)
            results = run_search(query_from(args, current_language(), 20))  # within the limits
            slugs += [hit.record_id for hit in results.hits]
            if number >= results.pages:
                break
    except QueryError as error:
        abort(400, description=str(error))
    except IndexUnavailable:
        abort(503)
    return _render(published_by_slug(context.session(), slugs), fmt, "qoljazba-search")
