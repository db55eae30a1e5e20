"""Saving a record from a form: every field checked first, nothing half-saved, no stale saves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.editing.fields import Field, FieldError, Form, from_form, to_form
from catalogue.models import CataloguingStatus, Entity, Manuscript, PublicationState, Source
from catalogue.vocabulary import vocabulary

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
STATES = tuple(s.value for s in PublicationState)

MANUSCRIPT_FIELDS: tuple[Field, ...] = (
    Field("state", "choice", choices=STATES),
    Field("number", "int", low=1, high=10_000),
    Field("accession_number", "text", max_length=80),
    Field("cataloguing_status", "choice", choices=tuple(s.value for s in CataloguingStatus)),
    Field("title", "localized", max_length=1000),
    Field("summary", "localized", max_length=20_000),
    Field("origin_date", "date", max_length=200),
    Field("origin_note", "localized", max_length=5000),
    Field("scribe_name", "text", max_length=300),
    Field("folio_count", "int", low=1, high=10_000),
    Field("leaf_height_mm", "float", high=5000),
    Field("leaf_width_mm", "float", high=5000),
    Field("lines_per_page", "text", max_length=40),
    Field("binding", "localized", max_length=5000),
    Field("condition", "localized", max_length=5000),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field("state", "choice", choices=STATES),
    Field("source_kind", "choice", choices=tuple(vocabulary().keys("source_kinds")), required=True),
    Field("title", "localized", max_length=1000),
    Field("author", "text", max_length=300),
    Field("publisher", "text", max_length=300),
    Field("url", "url", max_length=500),
    Field("date", "date", max_length=200),
)

EDITABLE: dict[str, tuple[type[Entity], tuple[Field, ...]]] = {
    "manuscripts": (Manuscript, MANUSCRIPT_FIELDS),
    "sources": (Source, SOURCE_FIELDS),
}


@dataclass
class Refused(ValueError):
    """A save that was not made: field errors, or a newer version saved by someone else."""

    errors: dict[str, str] = field(default_factory=dict)
    theirs: dict[str, str] | None = None  # the stored version, when the save was stale
    their_version: int | None = None


def record_form(record: Entity, fields: tuple[Field, ...]) -> dict[str, str]:
    """The record's values as a form shows them (plus its slug and version)."""
    values = {"slug": record.slug, "version": str(record.version)}
    for f in fields:
        values.update(to_form(f, getattr(record, f.name)))
    return values


def find(session: Session, model: type[Entity], slug: str) -> Entity | None:
    """The record of this kind with this slug, draft or published."""
    return session.scalar(select(model).where(model.slug == slug))


def save(session: Session, section: str, slug: str | None, form: Form) -> Entity:
    """Create (slug None) or update a record from a form; Refused says why nothing was saved."""
    model, fields = EDITABLE[section]
    record: Entity | None
    if slug is None:
        new_slug = form.get("slug", "").strip().lower()
        if not SLUG.match(new_slug):
            raise Refused({"slug": "2–80 lowercase latin letters, digits and hyphens"})
        if session.scalar(select(Entity.id).where(Entity.slug == new_slug)) is not None:
            raise Refused({"slug": f"{new_slug!r} is taken already"})
        record = model(slug=new_slug, state=PublicationState.DRAFT)
    else:
        record = find(session, model, slug)
        if record is None:
            raise LookupError(slug)
        if form.get("version", "") != str(record.version):
            raise Refused(theirs=record_form(record, fields), their_version=record.version)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for f in fields:
        try:
            values[f.name] = from_form(f, form, getattr(record, f.name, None))
        except FieldError as error:
            errors[f.name] = str(error)
    if errors:
        raise Refused(errors)
    for name, value in values.items():
        if name == "state":
            value = PublicationState(value or PublicationState.DRAFT.value)
        elif name == "cataloguing_status":
            value = CataloguingStatus(value or CataloguingStatus.IN_PROGRESS.value)
        if getattr(record, name) != value:
            setattr(record, name, value)
    if slug is None:
        session.add(record)
    session.flush()
    return record


def list_for_curators(session: Session, section: str) -> list[Entity]:
    """Every record of a section, drafts included, newest change first."""
    model, _fields = EDITABLE[section]
    return list(session.scalars(select(model).order_by(model.updated_at.desc())))
