"""Security headers on every page, and cookies that follow the scheme."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


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


def test_curator_pages_are_never_cached(client: FlaskClient) -> None:
    assert client.get("/curator/login").headers["Cache-Control"] == "no-store"


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
