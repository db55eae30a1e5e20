"""An existing record as a TEI document describes it, written as the curator's form.

The TEI upload (`tei_upload.py`) updates a record through `catalogue.editing.records.save`,
like the curator's form and the CSV import: validation, optimistic locking and parts are
done there. The form is the record's own (`record_form`), with what the TEI carries put
over it; everything else (publication state, portraits, relations and citations, the
citations of provenance rows, a collection's names) keeps its value. A localized text the
TEI leaves as it is keeps its review status; a changed one needs review (from_form's rule),
whatever @cert the file says: the review status is the curator's, not the file's.
"""

from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from catalogue.editing.children import part_form, row_count
from catalogue.editing.fields import to_form
from catalogue.editing.records import Record, record_form
from catalogue.editing.sections import SECTIONS
from catalogue.localized import Status
from catalogue.models import Entity, Kind

# The section a TEI element's records are edited in: an msDesc document, then the authority
# file's person, place and item (collection) entries.
SECTION_OF = {
    "manuscript": "manuscripts",
    "person": "people",
    "place": "places",
    "item": "collections",
}
KIND_OF = {
    "manuscripts": Kind.MANUSCRIPT,
    "people": Kind.PERSON,
    "places": Kind.PLACE,
    "collections": Kind.COLLECTION,
}

# The fields and parts (rows) a TEI document carries, per section; the rest is kept.
_MANUSCRIPT_FIELDS = tuple(f.name for f in SECTIONS["manuscripts"].fields if f.name != "state")
TEI_FIELDS: dict[str, tuple[str, ...]] = {
    "manuscripts": _MANUSCRIPT_FIELDS,
    "people": ("role", "summary", "birth", "death", "active", "wikidata_id", "viaf_id"),
    "places": (
        "place_kind",
        "parent",
        "latitude",
        "longitude",
        "summary",
        "wikidata_id",
        "viaf_id",
    ),
    "collections": ("title", "summary", "subjects"),
}
TEI_PARTS: dict[str, tuple[str, ...]] = {
    "manuscripts": ("shelfmarks", "contents", "seals", "provenance"),
    "people": ("names",),
    "places": ("names",),
    "collections": (),
}
# Fields of a row the TEI does not carry: kept from the record's row at the same position.
KEPT_IN_ROWS: dict[str, tuple[str, ...]] = {"provenance": ("citations",)}


def stand_ins(session: Session) -> dict[str, Entity]:
    """Every record's slug, as a record of its kind in no session (what a TEI reference names).

    A manuscript built from its TEI to be read as a form points at these, never at the
    catalogue's records, so that building it changes nothing in the session.
    """
    kinds = inspect(Entity).polymorphic_map
    found = session.execute(select(Entity.slug, Entity.kind))
    return {slug: kinds[kind].class_(slug=slug) for slug, kind in found}


def update_form(record: Record, section: str, described: Entity) -> dict[str, str]:
    """The record's form with what the TEI describes (`described`, built from it) put over it."""
    form = record_form(record, section)
    spec = SECTIONS[section]
    for f in spec.fields:
        if f.name in TEI_FIELDS[section]:
            form.update(to_form(f, getattr(described, f.name)))
    for part in spec.parts:
        if part.attr not in TEI_PARTS[section]:
            continue
        prefix = f"{part.attr}-"
        old = {key: form.pop(key) for key in [k for k in form if k.startswith(prefix)]}
        new = part_form(described, part)
        for i in range(row_count(new, part)):
            for name in KEPT_IN_ROWS.get(part.attr, ()):
                key = f"{prefix}{i}.{name}"
                new[key] = old.get(key, "")
        form.update(new)
    if section == "places":
        before = record_form(record, section)
        if any(form[key] != before[key] for key in ("latitude", "longitude")):
            form["coordinates_status"] = Status.REVIEW.value  # moved: to be checked again
    return form
