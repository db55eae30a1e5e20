"""The scholars' page viewer: Mirador on a published manuscript's manifest, under its own CSP."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.scholar.viewer import VIEWER_POLICY
from app.security import CONTENT_SECURITY_POLICY
from catalogue.db import Database
from catalogue.models import Kind, PublicationState
from catalogue.reading.records import get_record
from catalogue.transaction import transaction
from tests.app.kiosk import conftest as kiosk

# The application over a writable copy of the shipped catalogue.
own_app = kiosk.own_app


def test_the_viewer_opens_the_manuscripts_manifest(client: FlaskClient) -> None:
    response = client.get("/manuscripts/ms-01/viewer?lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    manifest = "http://localhost/iiif/manuscripts/ms-01/manifest.json"
    assert f'data-manifest="{manifest}"' in page and f'href="{manifest}"' in page
    assert 'href="/manuscripts/ms-01"' in page
    assert client.get(manifest.removeprefix("http://localhost")).status_code == 200
    assert 'data-lang="en"' in page


def test_the_viewer_is_in_the_pages_language(client: FlaskClient) -> None:
    page = client.get("/manuscripts/ms-01/viewer?lang=fa").get_data(as_text=True)
    assert 'data-lang="fa"' in page and 'data-dir="rtl"' in page


def test_only_the_viewer_allows_inline_styles_and_blob_images(client: FlaskClient) -> None:
    policy = client.get("/manuscripts/ms-01/viewer").headers["Content-Security-Policy"]
    assert policy == VIEWER_POLICY
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["img-src"] == "'self' data: blob:"
    assert directives["script-src"] == "'self'"  # scripts stay as strict as anywhere
    strict = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    changed = {name for name in strict if strict[name] != directives[name]}
    assert changed == {"style-src", "img-src"} and set(directives) == set(strict)
    record = client.get("/manuscripts/ms-01").headers["Content-Security-Policy"]
    assert record == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "slug", ["no-such-manuscript", "Bad Slug", "x" * 300, "tauke-khan", "..%2Fetc"]
)
def test_no_viewer_for_what_is_not_a_published_manuscript(client: FlaskClient, slug: str) -> None:
    assert client.get(f"/manuscripts/{slug}/viewer").status_code == 404


def test_no_viewer_for_a_draft_manuscript(own_app: Flask, db: Database) -> None:
    client = own_app.test_client()
    assert client.get("/manuscripts/ms-03/viewer").status_code == 200
    with transaction(db) as session:
        get_record(session, Kind.MANUSCRIPT, "ms-03").state = PublicationState.DRAFT
    assert client.get("/manuscripts/ms-03/viewer").status_code == 404


def test_the_scripts_the_viewer_needs_are_served(client: FlaskClient) -> None:
    page = client.get("/manuscripts/ms-01/viewer").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert any("mirador" in src for src in scripts)
    for src in scripts:
        with client.get(src) as response:
            assert response.status_code == 200, src
