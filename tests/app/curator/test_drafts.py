"""Drafts of every kind stay out of the public pages, the API and search until published."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from catalogue.editing.sections import SECTIONS
from tests.app.curator.conftest import csrf_of

API = {"manuscripts": "/api/manuscripts/", "people": "/api/people/"}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_a_draft_is_invisible_until_published(curator_client: FlaskClient, section: str) -> None:
    required = {f.name: f.choices[0] for f in SECTIONS[section].fields if f.required}
    slug = f"draft-{section}"
    form = {
        "slug": slug,
        "title.en": "Zanzibarian draft",
        "summary.en": "Zanzibarian draft",
        "names-0.text": "Zanzibarian draft",
        "names-0.lang": "en",
        "names-0.script": "Latn",
        **required,
        "csrf_token": csrf_of(curator_client, "/curator/"),
    }
    assert curator_client.post(f"/curator/{section}/new", data=form).status_code == 302
    public = curator_client.application.test_client()
    paths = [
        f"/{section}/{slug}",
        f"/{section}/",
        "/",
        "/iiif/collection.json",
        "/api/search?q=Zanzibarian",
        "/search?q=Zanzibarian",
    ]
    if section in API:
        paths += [API[section] + slug, API[section].rstrip("/")]
    for path in paths:
        response = public.get(path)
        if path.endswith(slug):  # asked for by name: answered "no such record", as for any other
            assert response.status_code == 404, path
            continue
        if not path.startswith("/search"):  # the search page echoes the query itself
            assert "Zanzibarian" not in response.get_data(as_text=True), path
        assert slug not in response.get_data(as_text=True), path
    assert public.get(f"/{section}/{slug}").status_code == 404
