"""Fixtures for the kiosk: the application over a writable copy of the shipped catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import context
from catalogue.db import Database
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import make_settings


@pytest.fixture
def own_app(db: Database, tmp_path: Path, shipped_index_path: Path) -> Iterator[Flask]:
    """The application over this test's own copy of the shipped catalogue (it may write)."""
    from app import create_app

    with transaction(db) as session:
        load_shipped_catalogue(session)
    (tmp_path / "index").symlink_to(shipped_index_path)
    made = create_app({"SETTINGS": make_settings(tmp_path, db.url), "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()
