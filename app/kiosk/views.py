"""The exhibition kiosk: the attract loop at `/` and the touch screens under /kiosk/<lang>/.

Every screen is a whole page at its own URL (so it works, and is tested, without script);
the kiosk's script fetches the next screen with `X-Kiosk-Partial: 1` and swaps it in,
replacing the history entry, so a visit leaves no back-stack behind. The language is part of
the URL: the kiosk sets no cookie and ignores the browser's language.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    make_response,
    render_template,
    request,
)
from flask_babel import force_locale, gettext

from app import context
from app.i18n import plain
from app.kiosk.screens import KIOSK_ENDPOINTS, kiosk_url, page_sources, portrait_src, public_qr
from catalogue.language.localized import LANGUAGES
from catalogue.models import Event, Kind, Manuscript, Person, Place
from catalogue.reading.exhibits import get_exhibit, list_exhibits, visible_steps
from catalogue.reading.gallery import manuscripts_with_pages
from catalogue.reading.records import get_record, links, list_records
from catalogue.reading.schematic_map import build_map
from catalogue.reading.timeline import build_timeline

bp = Blueprint("kiosk", __name__)
PARTIAL_HEADER = "X-Kiosk-Partial"
# The "still there?" question stays at least this long before the kiosk resets (issue 5).
CONFIRM_SECONDS = 20


@bp.url_value_preprocessor
def _take_language(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is None or "lang" not in values:
        return
    lang = values.pop("lang")
    if lang not in LANGUAGES:
        abort(404)
    g.language = lang


@bp.url_defaults
def _keep_language(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint in KIOSK_ENDPOINTS and "lang" not in values and "language" in g:
        values["lang"] = g.language


def _screen(template: str, **values: Any) -> Response:
    """Render a screen (whole, or only its swappable part), with an ETag and revalidation."""
    partial = request.headers.get(PARTIAL_HEADER) == "1"
    settings = context.settings()
    body = render_template(
        template,
        partial=partial,
        idle_seconds=settings.kiosk_idle_seconds,
        # Tests shorten the question through the app config; the kiosk never goes below 20 s.
        confirm_seconds=int(current_app.config.get("KIOSK_CONFIRM_SECONDS", CONFIRM_SECONDS)),
        default_language=settings.default_language,
        kiosk_url=kiosk_url,
        portrait_src=portrait_src,
        **values,
    )
    response = make_response(body)
    response.cache_control.no_cache = True  # revalidate every time: an ETag answers with 304
    response.vary.add(PARTIAL_HEADER)
    response.add_etag()
    response.make_conditional(request)
    return response


def _record(kind: Kind, slug: str) -> Any:
    return get_record(context.session(), kind, slug)


@bp.get("/")
def home() -> Response:
    """The attract loop, always in the default language: touch to begin."""
    g.language = context.settings().default_language
    session = context.session()
    manuscripts = manuscripts_with_pages(session, limit=6)
    people = list_records(session, Kind.PERSON, per_page=60).items
    invitations = []
    for lang in LANGUAGES:
        with force_locale(lang):
            invitations.append((lang, gettext("Touch the screen to begin")))
    collections = list_records(session, Kind.COLLECTION, per_page=1).items
    return _screen(
        "kiosk/attract.html",
        manuscripts=manuscripts,
        people=[p for p in people if isinstance(p, Person) and p.summary][:6],
        collection=collections[0] if collections else None,
        invitations=invitations,
        page_sources=page_sources,
    )


@bp.get("/kiosk/<lang>/")
def hub() -> Response:
    """The sections, as large tiles."""
    session = context.session()
    return _screen(
        "kiosk/hub.html",
        counts={
            "manuscripts": list_records(session, Kind.MANUSCRIPT, per_page=1).total,
            "people": list_records(session, Kind.PERSON, per_page=1).total,
            "exhibits": len(list_exhibits(session)),
        },
    )


@bp.get("/kiosk/<lang>/manuscripts/")
def manuscripts() -> Response:
    """The 27 manuscripts as a grid."""
    items = manuscripts_with_pages(context.session())
    return _screen("kiosk/manuscripts.html", manuscripts=items, page_sources=page_sources)


@bp.get("/kiosk/<lang>/manuscripts/<slug>")
def manuscript(slug: str) -> Response:
    """One manuscript: its story for visitors and its pages in the deep-zoom viewer."""
    record: Manuscript = _record(Kind.MANUSCRIPT, slug)
    return _screen(
        "kiosk/manuscript.html",
        record=record,
        pages=(pages := page_sources(record)),
        pages_json=[asdict(p) for p in pages],
        qr=public_qr(record),
    )


@bp.get("/kiosk/<lang>/people/")
def people() -> Response:
    """The people, with portraits or designed placeholders."""
    items = list_records(context.session(), Kind.PERSON, per_page=200).items
    return _screen("kiosk/people.html", people=items)


@bp.get("/kiosk/<lang>/people/<slug>")
def person(slug: str) -> Response:
    """One person: life in both calendars and how they connect to the rest."""
    record: Person = _record(Kind.PERSON, slug)
    return _screen(
        "kiosk/person.html",
        record=record,
        links=_visitor_links(record),
        qr=public_qr(record),
    )


@bp.get("/kiosk/<lang>/timeline")
def timeline() -> Response:
    """From the Taikazan (1399) to the presentation of the manuscripts."""
    return _screen("kiosk/timeline.html", timeline=build_timeline(context.session()))


@bp.get("/kiosk/<lang>/events/<slug>")
def event(slug: str) -> Response:
    """One event of the timeline."""
    record: Event = _record(Kind.EVENT, slug)
    return _screen(
        "kiosk/event.html", record=record, links=_visitor_links(record), qr=public_qr(record)
    )


@bp.get("/kiosk/<lang>/map")
def map_screen() -> Response:
    """The schematic map of the places."""
    return _screen(
        "kiosk/map.html",
        chart=build_map(context.session(), label=lambda place: plain(place.label())),
    )


@bp.get("/kiosk/<lang>/places/<slug>")
def place(slug: str) -> Response:
    """One place."""
    record: Place = _record(Kind.PLACE, slug)
    return _screen(
        "kiosk/place.html", record=record, links=_visitor_links(record), qr=public_qr(record)
    )


@bp.get("/kiosk/<lang>/exhibits/")
def exhibits() -> Response:
    """The curators' published exhibits."""
    return _screen("kiosk/exhibits.html", exhibits=list_exhibits(context.session()))


@bp.get("/kiosk/<lang>/exhibits/<slug>/<int:number>")
def exhibit(slug: str, number: int) -> Response:
    """One step of an exhibit, with the way forward and back."""
    found = get_exhibit(context.session(), slug)
    steps = visible_steps(found)
    if not 1 <= number <= max(len(steps), 1):
        abort(404)
    step = steps[number - 1] if steps else None
    return _screen(
        "kiosk/exhibit.html",
        exhibit=found,
        step=step,
        number=number,
        total=len(steps),
        pages=page_sources(step.page.manuscript, only=step.page) if step and step.page else [],
    )


def _visitor_links(record: Any) -> list[Any]:
    """Connections a visitor can follow in the kiosk (sources are for scholars' pages)."""
    return [link for link in links(context.session(), record) if kiosk_url(link.other)]
