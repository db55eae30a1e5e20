"""An existing record as a TEI document describes it, written as the curator's form.

The TEI upload (`tei_upload.py`) updates a record through `catalogue.editing.saving.save`,
like the curator's form and the CSV import: validation, optimistic locking and parts are
done there. The form is the record's own (`record_form`), with what the TEI carries put
over it; everything else (publication state, portraits, relations and citations, the
citations of provenance rows, a collection's names, name variants' notes) keeps its value. A
localized text or a name variant the TEI leaves as it is keeps its review status; a changed one
needs review (from_form's rule), whatever @cert the file says: the review status is the
curator's, not the file's.
"""

from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from catalogue.editing.children import part_form, row_count
from catalogue.editing.fields import status_key, to_form
from catalogue.editing.saving import Record, record_form
from catalogue.editing.sections import SECTIONS
from catalogue.formats.table.name_columns import known_variant, variants
from catalogue.language.localized import LANGUAGES, Status
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


def _texts(values: dict[str, str]) -> dict[str, str]:
    """Form values without the review statuses of their translations."""
    return {key: value for key, value in values.items() if not key.endswith(".status")}


def _keep_what_names_had(new: dict[str, str], old: dict[str, str]) -> None:
    """A name variant the record has already (same language and text) keeps its review status
    and note; a new or changed one needs review (a changed one keeps its row's note)."""
    before = variants(old)
    for i, variant in enumerate(variants(new)):
        same = known_variant(before, variant["lang"], variant["text"])
        here = before[i] if i < len(before) and before[i].get("lang") == variant["lang"] else None
        new[f"names-{i}.status"] = same.get("status", "") if same else Status.REVIEW.value
        new[f"names-{i}.note"] = (same or here or {}).get("note", "")


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
            # Texts only: the review statuses are left to from_form's rule.
            form.update(_texts(to_form(f, getattr(described, f.name))))
            for lang in LANGUAGES if f.kind == "localized" else ():
                form.pop(status_key(f, lang), None)
    for part in spec.parts:
        if part.attr not in TEI_PARTS[section]:
            continue
        prefix = f"{part.attr}-"
        old = {key: form.pop(key) for key in [k for k in form if k.startswith(prefix)]}
        new = _texts(part_form(described, part))
        for i in range(row_count(new, part)):
            for name in KEPT_IN_ROWS.get(part.attr, ()):
                # Every input of that field in the record's row (citations are rows in a row).
                new.update({k: v for k, v in old.items() if k.startswith(f"{prefix}{i}.{name}")})
        if part.attr == "names":
            _keep_what_names_had(new, old)
        form.update(new)
    if section == "places":
        before = record_form(record, section)
        if any(form[key] != before[key] for key in ("latitude", "longitude")):
            form["coordinates_status"] = Status.REVIEW.value  # moved: to be checked again
    return form
