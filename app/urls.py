"""Where each kind of record lives on the site, and permalinks to it."""

from __future__ import annotations

from flask import request, url_for

from app import context
from catalogue.models import Kind

SECTIONS: dict[Kind, str] = {
    Kind.MANUSCRIPT: "manuscripts",
    Kind.PERSON: "people",
    Kind.PLACE: "places",
    Kind.EVENT: "events",
    Kind.SOURCE: "sources",
    Kind.COLLECTION: "collections",
}
KINDS: dict[str, Kind] = {section: kind for kind, section in SECTIONS.items()}


def record_url(kind: Kind, slug: str) -> str:
    """The public page of a record (site-relative)."""
    return url_for("records.record", section=SECTIONS[kind], slug=slug)


def api_record_url(kind: Kind, slug: str) -> str:
    """The API document of a record (site-relative)."""
    return url_for("api.record", section=SECTIONS[kind], slug=slug)


def absolute(path: str) -> str:
    """An absolute URL: on QOLJAZBA_PUBLIC_URL when set, else on the address of this request."""
    base = context.settings().public_url or request.host_url.rstrip("/")
    return base + path


def permalink(kind: Kind, slug: str) -> str:
    """The absolute, citable URL of a record's public page."""
    return absolute(record_url(kind, slug))
