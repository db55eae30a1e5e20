"""AuditEntry: one row's change (who, when, field by field), grouped by the save it was part of."""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.models.base import Base, JSONVariant, UTCDateTime, utcnow


class AuditEntry(Base):
    """A created, changed or deleted row; `changes` maps each field to [before, after]."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changeset: Mapped[str] = mapped_column(String(32), index=True)  # one committed transaction
    at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    actor_name: Mapped[str] = mapped_column(String(200), default="system")
    action: Mapped[str] = mapped_column(String(8))  # create | update | delete
    model: Mapped[str] = mapped_column(String(40))  # the model class, e.g. "Manuscript"
    row_id: Mapped[int] = mapped_column(Integer)
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)  # its record
    changes: Mapped[dict[str, Any]] = mapped_column(JSONVariant, default=dict)
    undoes: Mapped[str | None] = mapped_column(String(32), nullable=True)  # changeset it reverted
