"""Per-application state and the per-request read session: one per request, closed at its end."""

from __future__ import annotations

import pytest
from flask import Flask, g
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app import context
from catalogue.db import Database
from catalogue.iiif.visibility import PublicImages
from catalogue.models import Manuscript, Page, PublicationState
from catalogue.transaction import transaction
from tests.app.curator import conftest as curator

# An application over a writable database (this test's own): the curator workspace's.
curator_app = curator.curator_app


def test_a_connection_lost_while_closing_the_session_keeps_the_response(app: Flask) -> None:
    @app.get("/finished")
    def finished() -> str:
        session = context.session()

        def close() -> None:
            # The closing ROLLBACK on a server that went away.
            lost = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
            lost.connection_invalidated = True  # as SQLAlchemy marks a disconnect
            raise lost

        session.close = close  # type: ignore[method-assign]
        return "done"

    response = app.test_client().get("/finished")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "done")


def test_any_other_error_while_closing_the_session_is_not_hidden(app: Flask) -> None:
    @app.get("/finished")
    def finished() -> str:
        session = context.session()

        def close() -> None:
            raise RuntimeError("a bug in closing")

        session.close = close  # type: ignore[method-assign]
        return "done"

    with pytest.raises(RuntimeError, match="a bug in closing"):
        app.test_client().get("/finished")


def test_a_request_has_one_read_session_closed_at_its_end(app: Flask) -> None:
    closed: list[object] = []
    with app.test_request_context("/"):
        first = context.session()
        assert context.session() is first
        original = first.close

        def close() -> None:
            closed.append(first)
            original()

        first.close = close  # type: ignore[method-assign]
    assert closed == [first]
    with app.test_request_context("/"):
        assert "db_session" not in g  # opened on first use only
        assert context.session() is not first


def test_the_application_holds_what_it_was_given(app: Flask) -> None:
    with app.app_context():
        held = app.extensions["qoljazba"]
        assert context.settings() is held["settings"]
        assert context.database() is held["database"]
        assert context.search_index() is held["index"]
        assert context.database().url == context.settings().database_url


PUBLISHED_KEY = "3f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
DRAFT_KEY = "4f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"


def test_public_images_are_those_of_published_manuscripts(curator_app: Flask, db: Database) -> None:
    with transaction(db) as session:
        for slug, state, key in [
            ("ms-shown", PublicationState.PUBLISHED, PUBLISHED_KEY),
            ("ms-draft", PublicationState.DRAFT, DRAFT_KEY),
        ]:
            manuscript = Manuscript(slug=slug, state=state)
            manuscript.pages.append(Page(position=1, folio="1", image_key=key))
            session.add(manuscript)
    curator_app.config["IIIF_VISIBILITY_SECONDS"] = 0
    with curator_app.test_request_context("/"):
        assert context.public_image(PUBLISHED_KEY)
        assert not context.public_image(DRAFT_KEY)
        assert not context.public_image("00000000-0000-4000-8000-000000000000")
        made = curator_app.extensions["qoljazba_public_images"]
        assert isinstance(made, PublicImages)
    with transaction(db) as session:
        draft = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-draft"))
        assert draft is not None
        draft.state = PublicationState.PUBLISHED
    with curator_app.test_request_context("/"):
        assert context.public_image(DRAFT_KEY)  # no grace asked for: seen at once
        assert curator_app.extensions["qoljazba_public_images"] is made  # one per process
