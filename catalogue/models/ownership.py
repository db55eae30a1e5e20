"""Which record owns a row: a record owns itself; names, pages, seals, relations and citations
belong to the record(s) they hang off.

The audit history, the datestamps and the search index's change tracking all ask this one rule.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from catalogue.models.entity import Entity
from catalogue.models.manuscript import ProvenanceEntry
from catalogue.models.relation import Relation


def owner_ids(obj: Any) -> set[int]:
    """The ids of the records a row belongs to (itself, for a record)."""
    # Child rows (names, pages, seals, relations...) belong to the record(s) they hang off.
    if isinstance(obj, Entity):
        return {obj.id} if obj.id is not None else set()
    owners: set[int] = set()
    for attr in ("entity_id", "manuscript_id", "subject_id", "object_id"):
        value = getattr(obj, attr, None)
        if isinstance(value, int):
            owners.add(value)
    page = getattr(obj, "page", None)
    if page is not None and isinstance(getattr(page, "manuscript_id", None), int):
        owners.add(page.manuscript_id)
    # A citation of a provenance row or of a relation belongs to that row's record(s).
    session = object_session(obj)
    if session is not None:
        for attr, model in (("provenance_id", ProvenanceEntry), ("relation_id", Relation)):
            parent_id = getattr(obj, attr, None)
            if isinstance(parent_id, int):
                parent = session.get(model, parent_id)
                if parent is not None:
                    owners |= owner_ids(parent)
    return owners
