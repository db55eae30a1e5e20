"""Reading a scholar's request: search arguments, hit links, the manuscript and citation asked for.

Shared by the search page, the API, the downloads, the record pages, the viewer and IIIF, so
that no view module takes helpers from another.
"""

from __future__ import annotations

import datetime

from flask import abort, request, url_for
from flask_babel import gettext
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import ServiceUnavailable

from app import context
from app.i18n import current_language, plain
from app.urls import SECTIONS, permalink
from catalogue.dates.calendars import Calendar
from catalogue.formats.citations import Citable, citable
from catalogue.iiif.slots import Busy
from catalogue.language.numbers import whole_number
from catalogue.language.text import fold_persian
from catalogue.models import Entity, Kind, Manuscript
from catalogue.models.entity import SLUG
from catalogue.reading.records import get_record
from catalogue.search import QueryError, SearchQuery, SearchResults, search
from catalogue.search.query import MAX_PER_PAGE
from catalogue.search.schema import FACETS

KIND_SECTIONS = {kind.value: section for kind, section in SECTIONS.items()}
# A search waits this long for a slot (QOLJAZBA_SEARCHES), then is a 503: a search waiting holds
# its worker (one thread each), and the kiosk's screens may be queued behind it.
SEARCH_WAIT_SECONDS = 0.2


def _year(args: MultiDict[str, str], name: str) -> int | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    # Typed by a person: a year on a Persian or Arabic keyboard (۱۲۰۰) is a year too.
    year = whole_number(fold_persian(raw), -5000, 5000)
    if year is None:
        raise QueryError(f"“{raw[:40]}” is not a year")
    return year


def query_from(args: MultiDict[str, str], lang: str, per_page: int) -> SearchQuery:
    """A SearchQuery from request arguments (shared by the page and the API)."""
    calendar = {"ah": Calendar.HIJRI, "ce": Calendar.GREGORIAN}.get(args.get("cal", "ce"))
    if calendar is None:
        raise QueryError("cal must be ce or ah")
    page = whole_number(args.get("page", "1"), 1, 10_000)
    if page is None:
        raise QueryError("page must be a whole number from 1")
    size = whole_number(args.get("per_page", str(per_page)), 1, MAX_PER_PAGE)
    if size is None:
        raise QueryError(f"per_page must be a whole number from 1 to {MAX_PER_PAGE}")
    return SearchQuery(
        text=args.get("q", ""),
        filters={f: tuple(args.getlist(f)) for f in FACETS if args.getlist(f)},
        year_from=_year(args, "from"),
        year_to=_year(args, "to"),
        calendar=calendar,
        sort=args.get("sort", "relevance"),
        page=page,
        per_page=size,
        lang=lang,
    )


def run_search(query: SearchQuery) -> SearchResults:
    """The search, in one of the slots for searches (503 with Retry-After when none is free)."""
    try:
        with context.slots("search", context.settings().searches, SEARCH_WAIT_SECONDS).take():
            return search(context.search_index(), query)
    except Busy as busy:
        raise ServiceUnavailable(
            gettext("many searches are running; try again in a moment"),
            retry_after=busy.retry_after,
        ) from None


def hit_url(kind: str, record_id: str, page: str | None) -> str:
    """Where a hit leads: the record's page (a page hit, to its manuscript at that folio)."""
    section = KIND_SECTIONS.get(kind, "manuscripts")
    url = url_for("records.record", section=section, slug=record_id)
    return f"{url}#f{page}" if page else url


def published_manuscript(slug: str, *, whole: bool = False) -> Manuscript:
    """The published manuscript with this id, or a 404 (whole: with every part loaded)."""
    if not SLUG.match(slug):
        abort(404)
    found = get_record(context.session(), Kind.MANUSCRIPT, slug, whole=whole)
    assert isinstance(found, Manuscript)
    return found


def citation_for(record: Entity) -> Citable:
    """The citation of this record in the page's language, for ?folio= when given (400 if bad)."""
    folio = request.args.get("folio") or None
    try:
        return citable(
            record,
            title=plain(record.label()),
            lang=current_language(),
            url=permalink(record.kind, record.slug),
            accessed=datetime.datetime.now(datetime.UTC).date(),
            folio=folio,
        )
    except ValueError as error:
        abort(400, description=str(error))
