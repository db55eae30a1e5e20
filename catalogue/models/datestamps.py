"""A record's `updated_at` moves whenever anything in it changes, not only its own row.

OAI-PMH harvesters, the API's `updated_since` and ETags rely on it: a new name variant,
an edited shelfmark or seal, a page, a relation or a citation all change what a record says.
`catalogue.write_hooks` runs the rule before every flush of a write session.
"""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from catalogue.models.base import utcnow
from catalogue.models.entity import Entity
from catalogue.models.ownership import owner_ids


def _own_columns_changed(record: Entity) -> bool:
    state = inspect(record)
    return any(
        state.attrs[column.key].history.has_changes() for column in state.mapper.column_attrs
    )


def touch_owners(session: Session) -> None:
    """Stamp the records whose parts (or collections of parts) change in this flush."""
    owners: set[int] = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, Entity):
            if (
                obj in session.dirty
                and obj not in session.deleted
                and session.is_modified(obj)
                and not _own_columns_changed(obj)
            ):
                obj.updated_at = utcnow()  # only a collection (names, pages, ...) changed
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        owners |= owner_ids(obj)
    with session.no_autoflush:
        for owner_id in owners:
            owner = session.get(Entity, owner_id)
            if owner is not None and owner not in session.deleted:
                owner.updated_at = utcnow()
