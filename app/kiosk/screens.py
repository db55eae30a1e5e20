"""What the kiosk's screens share: where a record lives in the kiosk, page images, QR codes."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup

from app import context
from app.urls import permalink
from catalogue.models import Entity, Kind, Manuscript, Page, Person
from catalogue.reading.gallery import height_size, image_size
from catalogue.reading.qr import qr_svg

KIOSK_ENDPOINTS = frozenset(
    {
        "kiosk.hub",
        "kiosk.manuscripts",
        "kiosk.manuscript",
        "kiosk.people",
        "kiosk.person",
        "kiosk.timeline",
        "kiosk.event",
        "kiosk.map_screen",
        "kiosk.place",
        "kiosk.exhibits",
        "kiosk.exhibit",
    }
)
_RECORD_ENDPOINTS = {
    Kind.MANUSCRIPT: "kiosk.manuscript",
    Kind.PERSON: "kiosk.person",
    Kind.EVENT: "kiosk.event",
    Kind.PLACE: "kiosk.place",
}


def kiosk_url(record: Entity) -> str | None:
    """The kiosk screen of a record, or None for kinds the kiosk does not show (sources)."""
    endpoint = _RECORD_ENDPOINTS.get(record.kind)
    return url_for(endpoint, slug=record.slug) if endpoint else None


@dataclass(frozen=True)
class PageSource:
    """One page for the viewer: its label, IIIF info.json and thumbnail, or none (placeholder)."""

    position: int
    label: str
    info: str | None
    thumbnail: str | None
    medium: str | None = None  # 600 px high: the attract loop
    large: str | None = None  # 1200 px high: an exhibit's page


def page_sources(manuscript: Manuscript, only: Page | None = None) -> list[PageSource]:
    """The manuscript's pages in reading order, as the viewer and thumbnail strip need them."""
    pages = [only] if only is not None else manuscript.pages
    return [
        PageSource(
            position=page.position,
            label=page.label,
            info=f"/iiif/3/{page.image_key}/info.json" if page.image_key else None,
            thumbnail=_size(page, 240),
            medium=_size(page, 600),
            large=_size(page, 1200),
        )
        for page in pages
    ]


def _size(page: Page, height: int) -> str | None:
    """An IIIF image request for the whole page at a height (level 1: sizeByH)."""
    if not page.image_key:
        return None
    return f"/iiif/3/{page.image_key}/full/{height_size(page.height, height)}/0/default.jpg"


# A portrait is shown fitted into a box (CSS px x 1.33 for sharp screens): a larger image is
# scaled down to it (`!w,h`), a smaller one sent as it is (`max`) for the browser to enlarge.
PORTRAIT_BOXES = {"small": (96, 120), "": (320, 400), "large": (480, 600)}


def portrait_src(person: Person, size: str = "") -> str | None:
    """The IIIF URL of the person's portrait fitted to a box, or None when none is set."""
    key = person.portrait_key
    if not key or not context.public_image(key):  # a draft manuscript's page: not shown yet
        return None
    width, height = PORTRAIT_BOXES.get(size, PORTRAIT_BOXES[""])
    known = image_size(context.session(), key)
    if known is None:  # not a page's image: let the service enlarge it if need be (up to 2x)
        fit = f"^!{width},{height}"
    elif known[0] <= width and known[1] <= height:
        fit = "max"
    else:
        fit = f"!{width},{height}"
    return f"/iiif/3/{key}/full/{fit}/0/default.jpg"


def public_qr(record: Entity) -> Markup | None:
    """A QR code to the record's public page at QOLJAZBA_PUBLIC_URL; None when that is unset."""
    if not context.settings().public_url:
        return None
    # Generated from the configured base and a slug the database holds: safe to inline.
    return Markup(qr_svg(permalink(record.kind, record.slug)))
