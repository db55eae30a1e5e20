"""The scholars' page viewer: Mirador (vendored) opened on a manuscript's IIIF manifest."""

from __future__ import annotations

from flask import Blueprint, Response, make_response, render_template, url_for

from app.scholar.arguments import published_manuscript
from app.security import CONTENT_SECURITY_POLICY
from app.urls import absolute, record_url
from catalogue.models import Kind

bp = Blueprint("viewer", __name__)
# Mirador (React with emotion) writes its styles into <style> elements at run time; scripts stay
# 'self' only, and every other directive is the site's.
VIEWER_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
).replace("img-src 'self' data:", "img-src 'self' data: blob:")


@bp.get("/manuscripts/<slug>/viewer")
def manuscript_viewer(slug: str) -> Response:
    """Mirador on one published manuscript, in the page's interface language."""
    record = published_manuscript(slug)
    manifest = absolute(url_for("iiif.manuscript_manifest", slug=slug))
    response = make_response(
        render_template(
            "viewer.html",
            record=record,
            manifest=manifest,
            record_page=record_url(Kind.MANUSCRIPT, slug),
        )
    )
    response.headers["Content-Security-Policy"] = VIEWER_POLICY
    return response
