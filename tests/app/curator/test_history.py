"""The audit history: who changed what, field by field; undo of any save."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.app.curator.conftest import post_form as _post


def _version(client: FlaskClient, slug: str) -> str:
    page = client.get(f"/curator/manuscripts/{slug}").get_data(as_text=True)
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found
    return found.group(1)


def _changesets(page: str) -> list[str]:
    return re.findall(r"/curator/history/([0-9a-f]{32})/undo", page)


def test_a_change_is_recorded_field_by_field_and_undone(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-h", "title.en": "Old title"})
    form = {
        "version": _version(curator_client, "ms-h"),
        "title.en": "New title",
        "title.fa": "عنوان",
    }
    assert _post(curator_client, "/curator/manuscripts/ms-h", form).status_code == 302
    page = curator_client.get("/curator/manuscripts/ms-h/history").get_data(as_text=True)
    assert "Old title" in page and "New title" in page and "cura" in page and "title" in page
    latest = _changesets(page)[0]
    done = _post(
        curator_client, f"/curator/history/{latest}/undo", {"back": "/curator/manuscripts/ms-h"}
    )
    assert done.status_code == 302 and done.location == "/curator/manuscripts/ms-h"
    edited = curator_client.get("/curator/manuscripts/ms-h").get_data(as_text=True)
    assert 'value="Old title"' in edited and "عنوان" not in edited
    site = curator_client.get("/curator/history").get_data(as_text=True)
    assert "an undo" in site


def test_undo_of_a_creation_deletes_the_record(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-gone", "title.en": "Gone"})
    latest = _changesets(curator_client.get("/curator/history").get_data(as_text=True))[0]
    assert _post(curator_client, f"/curator/history/{latest}/undo", {}).status_code == 302
    assert curator_client.get("/curator/manuscripts/ms-gone").status_code == 404


def test_an_undo_over_a_later_change_is_refused(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-l", "title.en": "One"})
    _post(
        curator_client,
        "/curator/manuscripts/ms-l",
        {"version": _version(curator_client, "ms-l"), "title.en": "Two"},
    )
    _post(
        curator_client,
        "/curator/manuscripts/ms-l",
        {"version": _version(curator_client, "ms-l"), "title.en": "Three"},
    )
    older = _changesets(curator_client.get("/curator/history").get_data(as_text=True))[1]
    refused = _post(curator_client, f"/curator/history/{older}/undo", {})
    assert refused.status_code == 409 and "changed again since" in refused.get_data(as_text=True)
    assert 'value="Three"' in curator_client.get("/curator/manuscripts/ms-l").get_data(as_text=True)


def test_undo_redirects_only_within_the_site(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-r", "title.en": "R"})
    latest = _changesets(curator_client.get("/curator/history").get_data(as_text=True))[0]
    done = _post(
        curator_client, f"/curator/history/{latest}/undo", {"back": "https://evil.example/"}
    )
    assert done.location == "/curator/"
    assert _post(curator_client, "/curator/history/nothing/undo", {}).status_code == 404
