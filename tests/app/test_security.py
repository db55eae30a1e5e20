"""Security headers on every page, and cookies that follow the scheme."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_settings


@pytest.mark.parametrize(
    "path", ["/", "/manuscripts/", "/search?q=x", "/api/manuscripts", "/curator/login", "/nowhere"]
)
def test_every_page_has_the_security_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers


def test_tls_pages_ask_for_tls_from_then_on(client: FlaskClient) -> None:
    assert "max-age=" in client.get("https://localhost/").headers["Strict-Transport-Security"]


def test_no_template_has_inline_script_or_handlers() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app" / "templates"
    for template in root.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        # A script element either loads a file or is a data block (JSON-LD), never code.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", text), (
            template
        )
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert "javascript:" not in text, template


PUBLIC_PATHS = [
    "/",
    "/kiosk/en/",
    "/manuscripts/",
    "/manuscripts/ms-01",
    "/manuscripts/ms-01.tei.xml",
    "/search?q=Tauke",
    "/api/",
    "/api/openapi.json",
    "/api/manuscripts",
    "/api/manuscripts/ms-01",
    "/api/search?q=Tauke",
    "/iiif/collection.json",
    "/iiif/manuscripts/ms-01/manifest.json",
    "/iiif/3/00000000-0000-4000-8000-000000000000",
    "/oai?verb=Identify",
    "/curator/login",
    "/healthz",
    "/nowhere",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_a_request_for_another_host_is_refused_and_the_host_never_repeated(
    client: FlaskClient, path: str
) -> None:
    for host in ("evil.example", "evil.example:443", "localhost.evil.example"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, (path, host)
        assert b"evil.example" not in response.get_data(), (path, host)
        assert not any("evil.example" in value for _, value in response.headers), (path, host)


def test_the_refusal_is_in_the_chosen_language(client: FlaskClient) -> None:
    response = client.get("/?lang=ru", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "Этот сервер не отвечает" in response.get_data(as_text=True)


def test_loopback_names_are_answered_on_any_port(client: FlaskClient) -> None:
    for host in ("localhost", "127.0.0.1:5000", "localhost:8080"):
        response = client.get("/api/", headers={"Host": host})
        assert response.status_code == 200, host
        assert response.get_json()["openapi"] == "/api/openapi.json"


@pytest.fixture
def app_with(tmp_path: Path, shipped_url: str) -> Iterator[Callable[..., Flask]]:
    """Makes the application over the shipped catalogue with some settings changed."""
    from app import context, create_app

    made: list[Flask] = []

    def make(**settings: Any) -> Flask:
        made.append(create_app({"SETTINGS": make_settings(tmp_path, shipped_url, **settings)}))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            context.database().dispose()
            context.search_index().close()


def test_with_a_public_url_its_host_is_answered_and_ids_use_it(
    app_with: Callable[..., Flask],
) -> None:
    app = app_with(public_url="https://museum.example")
    client = app.test_client()
    for host in ("museum.example", "localhost"):
        manifest = client.get("/iiif/manuscripts/ms-01/manifest.json", headers={"Host": host})
        assert manifest.status_code == 200
        assert manifest.get_json()["id"].startswith("https://museum.example/iiif/")
        record = client.get("/api/manuscripts/ms-01", headers={"Host": host}).get_json()
        assert record["url"].startswith("https://museum.example/")
    assert client.get("/api/", headers={"Host": "kiosk.local"}).status_code == 400


def test_allowed_hosts_are_answered_and_ids_follow_them(app_with: Callable[..., Flask]) -> None:
    app = app_with(allowed_hosts=("kiosk.local", ".museum.example"))
    client = app.test_client()
    manifest = client.get("/iiif/collection.json", base_url="http://kiosk.local:8080")
    assert manifest.get_json()["id"].startswith("http://kiosk.local:8080/iiif/")
    assert client.get("/api/", base_url="http://hall.museum.example").status_code == 200
    assert client.get("/api/", base_url="http://museum.example.evil").status_code == 400
