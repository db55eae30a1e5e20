"""The audit history: every flushed change recorded field by field, listed, and undone.

`record_flush` runs after every flush of a write session (`catalogue.write_hooks`, attached by
`catalogue.transaction`, the one place writes go through), so no use-case, importer or command
can change the catalogue unrecorded.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.types import Enum as EnumType

from catalogue.models import AuditEntry, Base, LoginFailure, User
from catalogue.models.base import utcnow
from catalogue.models.ownership import owner_ids
from catalogue.models.tabledata import from_plain, to_plain

UNAUDITED: tuple[type[Base], ...] = (AuditEntry, LoginFailure)
NOISE = frozenset({"version", "updated_at", "created_at"})  # bookkeeping, not content
# Accounts are recorded (who created, deactivated, reset, changed the role of whom), but
# never their secrets: a new password hash shows as "password: changed", a new session token
# (every login and logout) not at all.
SECRETS = frozenset({"password_hash", "session_token"})


@dataclass(frozen=True)
class Actor:
    """Who makes a change (None in a session means the system: init, migrations, commands)."""

    id: int | None
    name: str


class UndoRefused(ValueError):
    """An undo that cannot be made; the message says why."""


def _owner(obj: Any) -> int | None:
    owners = owner_ids(obj)
    return min(owners) if owners else None


def _row(obj: Any, action: str) -> dict[str, Any] | None:
    state = inspect(obj)
    mapper: Mapper[Any] = state.mapper
    changes: dict[str, list[Any]] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in NOISE or (isinstance(obj, User) and key in SECRETS):
            continue
        value = to_plain(getattr(obj, key))
        if action == "create":
            if value is not None:
                changes[key] = [None, value]
        elif action == "delete":
            changes[key] = [value, None]
        else:
            history = state.attrs[key].history
            if history.has_changes():
                before = to_plain(history.deleted[0]) if history.deleted else None
                if before != value:
                    changes[key] = [before, value]
    if isinstance(obj, User) and (action == "create" or state.attrs.password_hash.history.deleted):
        changes["password"] = [None, "set" if action == "create" else "changed"]
    if not changes:
        return None
    return {
        "action": action,
        "model": mapper.class_.__name__,
        "row_id": obj.id,
        "entity_id": _owner(obj),
        "changes": changes,
    }


def deleted_in_flush(session: Session, flush_context: Any) -> list[Any]:
    """Every object a flush deletes: those passed to `Session.delete`, and the rows removed
    from a parent's list (a name variant, a contents item, a citation), which the flush
    deletes as orphans without their ever being in `Session.deleted`."""
    found = list(session.deleted)
    seen = {id(obj) for obj in found}
    for state, (is_delete, list_only) in getattr(flush_context, "states", {}).items():
        obj = state.obj()
        if is_delete and not list_only and obj is not None and id(obj) not in seen:
            found.append(obj)
            seen.add(id(obj))
    return found


def start_changeset(session: Session) -> None:
    """Give a write session the changeset id its entries share (one save, undone as one)."""
    session.info.setdefault("changeset", uuid.uuid4().hex)


def record_flush(session: Session, flush_context: Any) -> None:
    """Record what one flush changed, row by row (run after every flush of a write session)."""
    rows = []
    for action, objects in (
        ("create", list(session.new)),
        ("update", list(session.dirty)),
        ("delete", deleted_in_flush(session, flush_context)),
    ):
        for obj in objects:
            if isinstance(obj, UNAUDITED) or not isinstance(obj, Base):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            row = _row(obj, action)
            if row is not None:
                rows.append(row)
    if not rows:
        return
    actor: Actor | None = session.info.get("actor")
    common = {
        "changeset": session.info["changeset"],
        "at": utcnow(),
        "actor_id": actor.id if actor else None,
        "actor_name": actor.name if actor else "system",
        "undoes": session.info.get("undoes"),
    }
    session.connection().execute(insert(AuditEntry), [{**common, **row} for row in rows])


def history(
    session: Session, *, entity_id: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The newest changes first, of one record (and its parts) or of the whole catalogue."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(session.scalars(query))


def latest_change(session: Session) -> int:
    """The id of the newest audit entry (0 for none): it grows with every committed change.

    Every write goes through `catalogue.transaction`, which records it here, so anything
    derived from the catalogue (a rendered kiosk screen) stays valid while this is unchanged.
    """
    return session.scalar(select(func.max(AuditEntry.id))) or 0


def _model(name: str) -> type[Any]:
    for mapper in Base.registry.mappers:
        if mapper.class_.__name__ == name:
            return mapper.class_
    raise UndoRefused(f"unknown kind of row {name!r}")


def _value(model: type[Any], key: str, plain: Any) -> Any:
    column = inspect(model).columns[key]
    value = from_plain(column, plain)
    if value is not None and isinstance(column.type, EnumType) and column.type.enum_class:
        value = column.type.enum_class(value)
    return value


def undo(session: Session, changeset: str) -> int:
    """Revert one save (every row it touched), if nothing has changed those fields since.

    The undo is itself a change, recorded like any other (and can be undone in turn).
    """
    entries = list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.changeset == changeset)
            .order_by(AuditEntry.id.desc())
        )
    )
    if not entries:
        raise UndoRefused("there is no such change")
    if any(entry.model == User.__name__ for entry in entries):
        raise UndoRefused("changes to accounts are not undone here; use the accounts page")
    session.info["undoes"] = changeset
    _revert(session, entries)
    session.flush()
    return len(entries)


def _revert(session: Session, entries: list[AuditEntry]) -> None:
    with session.no_autoflush:  # restored rows are inserted together, parents first
        for entry in entries:
            model = _model(entry.model)
            current = session.get(model, entry.row_id)
            if entry.action == "create":
                if current is not None:
                    session.delete(current)
                continue
            if entry.action == "delete":
                if current is not None:
                    raise UndoRefused("that row exists again; nothing to restore")
                values = {
                    k: _value(model, k, before) for k, (before, _after) in entry.changes.items()
                }
                session.add(model(**values))
                continue
            if current is None:
                raise UndoRefused("that record has been deleted since; undo the deletion first")
            for key, (before, after) in entry.changes.items():
                if to_plain(getattr(current, key)) != after:
                    raise UndoRefused(
                        f"{key} has been changed again since; undo the later change first"
                    )
                setattr(current, key, _value(model, key, before))
