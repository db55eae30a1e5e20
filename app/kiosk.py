"""The visitors' front door at `/` (the touch kiosk proper grows here)."""

from __future__ import annotations

from flask import Blueprint, render_template

from app import context
from catalogue.models import Kind
from catalogue.records import list_records

bp = Blueprint("kiosk", __name__)


@bp.get("/")
def home() -> str:
    """The collection at a glance: the 27 manuscripts and the people, places and events."""
    session = context.session()
    sections = {
        kind: list_records(session, kind, per_page=60)
        for kind in (Kind.MANUSCRIPT, Kind.PERSON, Kind.PLACE, Kind.EVENT)
    }
    collections = list_records(session, Kind.COLLECTION, per_page=1).items
    return render_template(
        "home.html",
        sections=sections,
        collection=collections[0] if collections else None,
    )
