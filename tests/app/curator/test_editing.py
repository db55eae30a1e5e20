"""Editing records: drafts stay private, stale saves are refused, typed text is kept and inert."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.app.curator.conftest import post_form as _post

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SHORT = "<img src=x onerror=alert(1)>"


def _form(client: FlaskClient, slug: str) -> dict[str, str]:
    page = client.get(f"/curator/manuscripts/{slug}").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    return {"version": version.group(1), "state": "draft", "title.en": "The Divan"}


def test_create_a_draft_then_publish_it(curator_client: FlaskClient) -> None:
    public = curator_client.application.test_client()
    form = {"slug": "divan-1", "title.en": "The Divan of Hafez", "title.fa": "دیوان حافظ"}
    created = _post(curator_client, "/curator/manuscripts/new", form)
    assert created.status_code == 302
    assert public.get("/manuscripts/divan-1").status_code == 404
    assert public.get("/api/manuscripts/divan-1").status_code == 404
    assert public.get("/iiif/manuscripts/divan-1/manifest.json").status_code == 404
    assert "divan-1" not in public.get("/iiif/collection.json").get_data(as_text=True)
    assert "divan-1" not in public.get("/api/search?q=Hafez").get_data(as_text=True)
    page = curator_client.get("/curator/manuscripts/divan-1").get_data(as_text=True)
    assert 'dir="rtl" lang="fa"' in page and "دیوان حافظ" in page
    publish = {
        **_form(curator_client, "divan-1"),
        "state": "published",
        "title.en": "The Divan of Hafez",
        "origin_date": "1150 AH",
    }
    assert _post(curator_client, "/curator/manuscripts/divan-1", publish).status_code == 302
    assert public.get("/manuscripts/divan-1").status_code == 200
    assert public.get("/api/manuscripts/divan-1").status_code == 200
    assert public.get("/iiif/manuscripts/divan-1/manifest.json").status_code == 200
    assert "divan-1" in public.get("/iiif/collection.json").get_data(as_text=True)
    assert "divan-1" in public.get("/api/search?q=Hafez").get_data(as_text=True)
    shown = curator_client.get("/curator/manuscripts/divan-1").get_data(as_text=True)
    assert "1737" in shown and "1150" in shown  # both calendars


def test_a_stale_save_is_refused_with_both_versions(
    curator_app: object, curator_client: FlaskClient
) -> None:
    from tests.app.curator.conftest import CURATOR, log_in

    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-2", "title.en": "First"})
    other = curator_client.application.test_client()
    log_in(other, *CURATOR)
    mine, theirs = _form(curator_client, "ms-2"), _form(other, "ms-2")
    assert (
        getattr(
            _post(other, "/curator/manuscripts/ms-2", {**theirs, "title.en": "Their title"}),
            "status_code",
            0,
        )
        == 302
    )
    refused = _post(curator_client, "/curator/manuscripts/ms-2", {**mine, "title.en": "My title"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert 'value="Their title"' in page and "My title" in page
    assert 'value="Their title"' in curator_client.get("/curator/manuscripts/ms-2").get_data(
        as_text=True
    )


def test_bad_values_are_refused_and_what_was_typed_is_kept(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-3", "title.en": "Kept"})
    form = {
        **_form(curator_client, "ms-3"),
        "title.ru": "Набранный текст",
        "origin_date": "32 Rajab 1148",
        "folio_count": "many",
    }
    response = _post(curator_client, "/curator/manuscripts/ms-3", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Набранный текст"' in page and 'value="32 Rajab 1148"' in page
    assert "whole number" in page
    assert "Набранный" not in curator_client.get("/curator/manuscripts/ms-3").get_data(as_text=True)


def test_only_http_links_are_accepted(curator_client: FlaskClient) -> None:
    for url in ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "http//x"]:
        response = _post(
            curator_client,
            "/curator/sources/new",
            {"slug": "s-1", "url": url, "source_kind": "reference"},
        )
        assert response.status_code == 400
    ok = _post(
        curator_client,
        "/curator/sources/new",
        {"slug": "s-1", "url": "https://example.org/a", "source_kind": "reference"},
    )
    assert ok.status_code == 302


def test_script_in_every_text_field_is_stored_as_typed_and_rendered_inert(
    curator_client: FlaskClient,
) -> None:
    from catalogue.editing.fields import form_keys
    from catalogue.editing.sections import SECTIONS

    form = {"slug": "xss", "state": "published"}
    for field in SECTIONS["manuscripts"].fields:
        if field.kind in ("localized", "text"):
            typed = PAYLOAD if field.max_length >= len(PAYLOAD) else SHORT
            form.update({key: typed for key in form_keys(field)})
    assert _post(curator_client, "/curator/manuscripts/new", form).status_code == 302
    public = curator_client.application.test_client()
    for client, path in [
        (curator_client, "/curator/manuscripts/xss"),
        (curator_client, "/curator/manuscripts/"),
        (public, "/manuscripts/xss"),
        (public, "/manuscripts/"),
        (public, "/?lang=fa"),
    ]:
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, path
    api = public.get("/api/manuscripts/xss")
    assert api.content_type.startswith("application/json")
    assert PAYLOAD in str(api.get_json())  # stored exactly as typed


def test_unknown_sections_and_slugs_are_404(curator_client: FlaskClient) -> None:
    for path in [
        "/curator/accounts-x/",
        "/curator/manuscripts/nope",
        "/curator/manuscripts/..%2f..%2fetc",
    ]:
        assert curator_client.get(path).status_code == 404


def test_script_in_names_and_search_is_inert_everywhere(curator_client: FlaskClient) -> None:
    form = {
        "slug": "xss-person",
        "state": "published",
        "names-0.text": PAYLOAD,
        "names-0.lang": "en",
        "names-0.script": "Latn",
        "role.en": PAYLOAD,
        "summary.fa": PAYLOAD,
    }
    assert _post(curator_client, "/curator/people/new", form).status_code == 302
    public = curator_client.application.test_client()
    for path in [
        "/people/xss-person",
        "/people/",
        "/search?q=%3Cscript%3Ealert",
        "/api/people/xss-person",
        "/api/search?q=%3Cscript%3E",
        "/curator/history",
        "/curator/people/xss-person",
    ]:
        client = curator_client if path.startswith("/curator") else public
        response = client.get(path)
        assert response.status_code == 200, path
        if path.startswith("/api/"):  # data as typed, in a JSON body no browser renders
            assert response.mimetype == "application/json", path
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            continue
        assert "<script>alert" not in response.get_data(as_text=True), path


def test_traversal_in_file_and_image_names_is_404(curator_client: FlaskClient) -> None:
    for path in [
        "/iiif/3/..%2f..%2fsecret_key/info.json",
        "/iiif/3/../../secret_key",
        "/static/..%2f..%2finstance%2fsecret_key",
        "/curator/import/..%2fsecret_key",
        "/curator/manuscripts/..%2f..%2fsecret_key/scans",
    ]:
        response = curator_client.get(path)
        assert response.status_code in (404, 405), path
        assert "test-secret" not in response.get_data(as_text=True)


def test_a_bug_inside_a_save_is_a_logged_500_not_a_404(
    curator_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object) -> object:
        raise KeyError("a bug, not a missing record")

    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-bug", "title.en": "First"})
    monkeypatch.setattr("app.curator.editing.save", broken)
    response = _post(curator_client, "/curator/manuscripts/ms-bug", _form(curator_client, "ms-bug"))
    assert response.status_code == 500
    assert "unhandled error" in caplog.text and "a bug, not a missing record" in caplog.text
