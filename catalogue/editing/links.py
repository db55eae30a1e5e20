"""Fields that link to other records: typed as a record's identifier, checked, and offered.

A link is typed as the other record's slug (a page as `<manuscript>/<folio>`, e.g.
`ms-01/12r`; a portrait as a page image's key). The form offers the catalogue's records of the
right kind as choices (a datalist), but whatever is typed is checked here: an unknown
identifier, or a record of the wrong kind, is refused with a message that says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.editing.children import LINK_KINDS
from catalogue.editing.fields import Field, FieldError
from catalogue.language.localized import LocalizedText
from catalogue.language.words import either, kind_word
from catalogue.models import Entity, Kind, Manuscript, Page, Person, PublicationState, Side

PAGE_REF = re.compile(
    r"^(?P<ms>[a-z0-9][a-z0-9-]{0,79})/(?P<folio>[0-9A-Za-z]{1,12}?)(?P<side>[rv]?)$"
)
IMAGE_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Choice:
    """One record a link field may name: what to type, and what it is."""

    value: str
    label: LocalizedText
    hint: str = ""


__all__ = [
    "LINK_COLUMNS",
    "LINK_KINDS",
    "Choice",
    "choices",
    "draft_page_keys",
    "image_keys",
    "page_ref",
    "resolve",
    "slugs_of",
]


def _wanted(field: Field) -> str:
    return either(kind_word(kind) for kind in field.kinds)


def resolve(session: Session, field: Field, raw: str) -> Any:
    """The record (or page, or image key) a typed link names; FieldError when none fits."""
    if field.kind == "page":
        return _page(session, raw)
    if field.kind == "image":
        if not IMAGE_KEY.match(raw) or raw not in image_keys(session):
            raise FieldError("choose one of the catalogue's page images")
        if raw in draft_page_keys(session):
            # A published person would show it: the draft's scan would be public by its key.
            raise FieldError(
                "this page image belongs to a draft manuscript: publish the manuscript first, "
                "or choose another image"
            )
        return raw
    found = session.scalar(select(Entity).where(Entity.slug == raw))
    if found is None and not field.kinds:
        raise FieldError("there is no record with the identifier %(typed)r", typed=raw)
    if found is None:
        raise FieldError(
            "there is no %(kind)s with the identifier %(typed)r", kind=_wanted(field), typed=raw
        )
    if field.kinds and found.kind.value not in field.kinds:
        raise FieldError(
            "%(typed)r is a %(found)s, not a %(kind)s",
            typed=raw,
            found=kind_word(found.kind.value),
            kind=_wanted(field),
        )
    return found


def _page(session: Session, raw: str) -> Page:
    match = PAGE_REF.match(raw)
    if match is None:
        raise FieldError("write the manuscript's identifier and the folio, e.g. ms-01/12r")
    manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == match["ms"]))
    if manuscript is None:
        raise FieldError("there is no manuscript with the identifier %(typed)r", typed=match["ms"])
    folio = raw.split("/", 1)[1]
    side = {"r": Side.RECTO, "v": Side.VERSO, "": Side.NONE}[match["side"]]
    page = None
    for wanted_folio, wanted_side in ((match["folio"], side), (folio, Side.NONE)):
        page = page or session.scalar(
            select(Page).where(
                Page.manuscript_id == manuscript.id,
                Page.folio == wanted_folio,
                Page.side == wanted_side,
            )
        )
    if page is None:
        raise FieldError(
            "manuscript %(typed)r has no page %(folio)r", typed=match["ms"], folio=folio
        )
    return page


def page_ref(page: Page | None) -> str:
    """A page as a link field shows it: `<manuscript>/<folio>`."""
    if page is None:
        return ""
    return f"{page.manuscript.slug}/{page.label}"


def image_keys(session: Session) -> set[str]:
    """Every page image's and portrait's key (what a portrait may be)."""
    pages = set(session.scalars(select(Page.image_key)))
    portraits = set(session.scalars(select(Person.portrait_key)))
    return {key for key in pages | portraits if key}


def draft_page_keys(session: Session) -> set[str]:
    """The image keys of the pages of unpublished manuscripts (no portrait may be one)."""
    found = session.scalars(
        select(Page.image_key)
        .join(Manuscript, Manuscript.id == Page.manuscript_id)
        .where(Manuscript.state != PublicationState.PUBLISHED, Page.image_key.is_not(None))
    )
    return {key for key in found if key}


# Columns of the history that hold another record's id (shown with its identifier).
LINK_COLUMNS = frozenset(
    {
        "collection_id",
        "origin_place_id",
        "author_id",
        "owner_id",
        "place_id",
        "agent_id",
        "parent_id",
        "source_id",
        "entity_id",
        "subject_id",
        "object_id",
    }
)


def slugs_of(session: Session, ids: set[int]) -> dict[int, str]:
    """The identifiers (slugs) of the records with these ids."""
    if not ids:
        return {}
    found = session.execute(select(Entity.id, Entity.slug).where(Entity.id.in_(ids)))
    return {row_id: slug for row_id, slug in found}


def choices(session: Session, field: Field) -> list[Choice]:
    """What a link field may name, for the form to offer."""
    if field.kind in ("page", "image"):
        query = (
            select(Page)
            .join(Manuscript, Manuscript.id == Page.manuscript_id)
            .order_by(Manuscript.slug, Page.position)
            .options(selectinload(Page.manuscript))
        )
        if field.kind == "image":
            query = query.where(Page.image_key.is_not(None))
        return [
            Choice(
                page.image_key or "" if field.kind == "image" else page_ref(page),
                page.manuscript.label(),
                page_ref(page),
            )
            for page in session.scalars(query)
        ]
    records = select(Entity).options(selectinload(Entity.names)).order_by(Entity.slug)
    if field.kinds:
        records = records.where(Entity.kind.in_([Kind(kind) for kind in field.kinds]))
    return [Choice(record.slug, record.label()) for record in session.scalars(records)]
