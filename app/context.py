"""Per-application state (settings, database) and the per-request read session."""

from __future__ import annotations

import logging

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from catalogue.db import Database, connection_lost
from catalogue.iiif.slots import Slots
from catalogue.iiif.visibility import PublicImages
from catalogue.search import SearchIndex
from catalogue.settings import Settings

_KEY = "qoljazba"
log = logging.getLogger(__name__)


def install(app: Flask, settings: Settings, database: Database, index: SearchIndex) -> None:
    """Attach settings, database and index to the app; close sessions after each request."""
    app.extensions[_KEY] = {"settings": settings, "database": database, "index": index}

    @app.teardown_appcontext
    def _close_session(_error: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is None:
            return
        try:
            session.close()
        except Exception as error:
            # The response is made; a server that went away meanwhile (a PostgreSQL restart)
            # fails the closing ROLLBACK, which turned a finished request into a bare 500.
            if not connection_lost(error):
                raise
            log.warning("database connection lost while closing a session: %s", error)


def settings() -> Settings:
    """This application's settings."""
    value: Settings = current_app.extensions[_KEY]["settings"]
    return value


def database() -> Database:
    """This application's database."""
    value: Database = current_app.extensions[_KEY]["database"]
    return value


def search_index() -> SearchIndex:
    """This application's search index."""
    value: SearchIndex = current_app.extensions[_KEY]["index"]
    return value


_PUBLIC_IMAGES = "qoljazba_public_images"
# A publication or withdrawal reaches the image service within this many seconds (app config
# IIIF_VISIBILITY_SECONDS): tiles in between cost no database query.
VISIBILITY_SECONDS = 1.0


def public_image(key: str) -> bool:
    """Whether the public may see the image with this key (IIIF, and the kiosk's portraits)."""
    public: PublicImages | None = current_app.extensions.get(_PUBLIC_IMAGES)
    if public is None:
        recheck = float(current_app.config.get("IIIF_VISIBILITY_SECONDS", VISIBILITY_SECONDS))
        public = current_app.extensions.setdefault(_PUBLIC_IMAGES, PublicImages(recheck=recheck))
    return public.is_public(session(), key)


def session() -> Session:
    """A read session for this request, opened on first use and closed at its end."""
    if "db_session" not in g:
        g.db_session = database().reader()
    value: Session = g.db_session
    return value


def slots(name: str, count: int, wait: float) -> Slots:
    """``count`` slots for costly work, shared by every worker of this data dir."""
    return Slots(settings().data_dir / ".slots", name, count, wait)
