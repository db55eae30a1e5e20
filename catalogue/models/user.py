"""User: a curator or administrator of the catalogue."""

from __future__ import annotations

import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.models.base import Base, UTCDateTime, enum_column, utcnow


class Role(StrEnum):
    """Admins manage accounts; curators edit the catalogue."""

    ADMIN = "admin"
    CURATOR = "curator"


class User(Base):
    """An account; `session_token` changes on logout, password change and deactivation."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = enum_column(Role, default=Role.CURATOR)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginFailure(Base):
    """One failed login, kept in the database so that throttling holds across worker processes."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)  # as typed, lowercased
    address: Mapped[str] = mapped_column(String(64), index=True)  # the client's IP address
    at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
