"""Public record pages: a stable, readable page for every published record, in four languages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from app import context
from app.scholar.arguments import citation_for
from app.urls import KINDS, SECTIONS, permalink
from catalogue.formats.jsonld import jsonld
from catalogue.language.numbers import whole_number
from catalogue.models.entity import SLUG
from catalogue.reading.records import get_record, links, list_records

bp = Blueprint("records", __name__)
PER_PAGE = 60


def _page_number() -> int:
    number = whole_number(request.args.get("page", "1"), 1, 100_000)
    if number is None:
        abort(400, description="page must be a whole number from 1")
    return number


@bp.get("/<section>/")
def listing(section: str) -> str:
    """All published records of one kind."""
    kind = KINDS.get(section)
    if kind is None:
        abort(404)
    page = list_records(context.session(), kind, page=_page_number(), per_page=PER_PAGE)
    return render_template("records/list.html", kind=kind, section=section, page=page)


@bp.get("/<section>/<slug>")
def record(section: str, slug: str) -> str:
    """One record's page."""
    kind = KINDS.get(section)
    if kind is None or not SLUG.match(slug):
        abort(404)
    session = context.session()
    found = get_record(session, kind, slug, whole=True)
    return render_template(
        f"records/{kind.value}.html",
        record=found,
        kind=kind,
        section=SECTIONS[kind],
        links=links(session, found, citations=True),
        permalink=permalink(kind, slug),
        citation=citation_for(found),
        jsonld=jsonld(found, permalink),
    )
