"""Saving a record from a form: every field checked first, nothing half-saved, no stale saves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.editing.children import (
    LINK_KINDS,
    Part,
    apply_part,
    part_form,
    read_part,
    typed_rows,
)
from catalogue.editing.fields import FieldError, Form, from_form, to_form
from catalogue.editing.links import resolve
from catalogue.editing.sections import SECTIONS
from catalogue.errors import NotFound
from catalogue.language.localized import Status
from catalogue.language.messages import Message
from catalogue.models import CataloguingStatus, Entity, Exhibit, Place, PublicationState
from catalogue.models.base import utcnow
from catalogue.models.entity import SLUG
from catalogue.reading.exhibits import why_hidden

Record = Entity | Exhibit  # what a curator edits: catalogue records, and exhibits


@dataclass
class Refused(ValueError):
    """A save that was not made: field errors, or a newer version saved by someone else."""

    errors: dict[str, str] = field(default_factory=dict)
    theirs: dict[str, str] | None = None  # the stored version, when the save was stale
    their_version: int | None = None


def record_form(record: Record, section: str) -> dict[str, str]:
    """The record's values as a form shows them (plus its slug, version and parts)."""
    spec = SECTIONS[section]
    values = {"slug": record.slug, "version": str(record.version)}
    for f in spec.fields:
        values.update(to_form(f, getattr(record, f.name)))
    for part in spec.parts:
        values.update(part_form(record, part))
    return values


def find(session: Session, model: type[Record], slug: str) -> Record | None:
    """The record of this kind with this slug, draft or published."""
    found = session.scalar(select(model).where(model.slug == slug))
    return found if isinstance(found, Entity | Exhibit) else None


def save(session: Session, section: str, slug: str | None, form: Form) -> Record:
    """Create (slug None) or update a record from a form; Refused says why nothing was saved."""
    spec = SECTIONS[section]
    model, fields = spec.model, spec.fields
    record: Record | None
    if slug is None:
        new_slug = form.get("slug", "").strip().lower()
        if not SLUG.match(new_slug):
            raise Refused({"slug": Message("2–80 lowercase latin letters, digits and hyphens")})
        table = Entity if issubclass(model, Entity) else model  # slugs are unique per table
        if session.scalar(select(table.id).where(table.slug == new_slug)) is not None:
            raise Refused({"slug": Message("%(slug)r is taken already", slug=new_slug)})
        record = model(slug=new_slug, state=PublicationState.DRAFT)
    else:
        record = find(session, model, slug)
        if record is None:
            raise NotFound(slug)
        if form.get("version", "") != str(record.version):
            raise Refused(theirs=record_form(record, section), their_version=record.version)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for f in fields:
        try:
            values[f.name] = from_form(f, form, getattr(record, f.name, None))
            if f.kind in LINK_KINDS and values[f.name]:
                values[f.name] = resolve(session, f, values[f.name])
        except FieldError as error:
            errors[f.name] = error.message
    if isinstance(record, Place) and _encloses(record, values.get("parent")):
        errors["parent"] = Message("a place cannot lie within itself")
    part_rows = {}
    for part in spec.parts:
        rows, part_errors = read_part(part, form, record, lambda f, raw: resolve(session, f, raw))
        part_rows[part.attr] = rows
        errors.update(part_errors)
        if isinstance(record, Exhibit) and values.get("state") == PublicationState.PUBLISHED:
            errors.update(_hidden_steps(part, form, rows, errors))
    if errors:
        raise Refused(errors)
    for name, value in values.items():
        if name == "state":
            value = PublicationState(value or PublicationState.DRAFT.value)
        elif name == "cataloguing_status":
            value = CataloguingStatus(value or CataloguingStatus.IN_PROGRESS.value)
        elif name == "coordinates_status":
            value = Status(value or Status.REVIEW.value)
        if getattr(record, name) != value:
            setattr(record, name, value)
    parts_changed = [apply_part(record, part, part_rows[part.attr]) for part in spec.parts]
    if any(parts_changed) and slug is not None:
        record.updated_at = utcnow()  # a change to a part is a change to the record: new version
    if slug is None:
        session.add(record)
    session.flush()
    return record


def _hidden_steps(
    part: Part, form: Form, rows: list[dict[str, Any]], errors: dict[str, str]
) -> dict[str, str]:
    """Refusals for the steps of an exhibit being published that visitors would not see."""
    refused: dict[str, str] = {}
    # The form's row numbers of the rows read (read_part drops empty rows).
    for i, row in zip(typed_rows(part, form), rows, strict=True):
        prefix = f"{part.attr}-{i}."
        if any(key.startswith(prefix) for key in errors):
            continue  # a row with a typing error names nothing yet
        hidden = why_hidden(row.get("entity"), row.get("page"))
        if hidden:
            refused[prefix + hidden[0]] = Message(
                "visitors would not see this step: %(reason)s. Publish it first,"
                " or keep the exhibit as a draft",
                reason=hidden[1],
            )
    return refused


def _encloses(place: Place, parent: Any) -> bool:
    seen = 0
    while isinstance(parent, Place) and seen < 100:
        if parent is place:
            return True
        parent, seen = parent.parent, seen + 1
    return False


def list_for_curators(session: Session, section: str) -> list[Record]:
    """Every record of a section, drafts included, newest change first."""
    model = SECTIONS[section].model
    return list(session.scalars(select(model).order_by(model.updated_at.desc())))
