"""Mirador, vendored, renders a manuscript's manifest in real headless Chromium, in the page's
language, with no request to any other host.

The app is served on a loopback port over a database holding one manuscript whose pages were
ingested through catalogue.images (the IIIF validator's test image, and a synthetic scan
labelled as such); placeholders stay placeholders.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Request
from werkzeug.serving import make_server

from catalogue.db import Database
from catalogue.images import add_page_image, images_root
from catalogue.language.localized import LocalizedText
from catalogue.models import Manuscript, Page, PublicationState, Side
from catalogue.transaction import transaction
from tests.conftest import make_settings

CHROMIUM = "/usr/bin/chromium"
TEST_IMAGE = (
    Path(__file__).parent.parent / "data" / "iiif" / "67352ccc-d1b0-11e1-89ae-279075081939.png"
)


def _synthetic_scan() -> io.BytesIO:
    image = Image.new("RGB", (1600, 2200), (226, 210, 178))
    draw = ImageDraw.Draw(image)
    draw.text((100, 100), "SYNTHETIC TEST IMAGE - NOT A MANUSCRIPT", fill=(150, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


@pytest.fixture
def served(tmp_path: Path, db: Database) -> Iterator[str]:
    """The application on a loopback port; yields its base URL."""
    from app import context, create_app

    with transaction(db) as session:
        manuscript = Manuscript(
            slug="ms-view",
            state=PublicationState.PUBLISHED,
            title=LocalizedText({"en": "Viewer test", "ru": "Тест просмотра"}),
        )
        session.add(manuscript)
        session.flush()
        store = images_root(tmp_path)
        with TEST_IMAGE.open("rb") as source:
            add_page_image(session, store, manuscript, source, "a.png", "1", Side.RECTO)
        add_page_image(session, store, manuscript, _synthetic_scan(), "b.jpg", "1", Side.VERSO)
        session.add(Page(manuscript_id=manuscript.id, position=3, folio="2", side=Side.RECTO))
    app = create_app({"SETTINGS": make_settings(tmp_path, db.url), "TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            context.database().dispose()
            context.search_index().close()


# `browser`: the one headless Chromium of the session (tests/browser/conftest.py); Playwright's
# sync API allows a single instance per thread, so test modules share it.


@pytest.mark.parametrize(
    ("lang", "zoom_in", "direction"),
    [
        ("ru", "Увеличить", "ltr"),
        ("kk", "Үлкейту", "ltr"),
        ("en", "Zoom in", "ltr"),
        ("fa", "بزرگنمایی", "rtl"),  # Mirador's own Persian (written without a ZWNJ)
    ],
)
def test_mirador_renders_the_manifest_offline(
    served: str, browser: Browser, lang: str, zoom_in: str, direction: str
) -> None:
    host = urlsplit(served).netloc
    requests: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()

    def _record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", _record)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tile_seen = page.expect_response(
            lambda r: "/iiif/3/" in r.url and r.url.endswith(".jpg") and r.status == 200,
            timeout=30_000,
        )
        with tile_seen:
            page.goto(f"{served}/manuscripts/ms-view/viewer?lang={lang}")
        page.wait_for_selector(".openseadragon-canvas canvas", timeout=30_000)
        page.wait_for_selector(f'button[aria-label="{zoom_in}"]', timeout=15_000)
        assert page.evaluate("document.documentElement.dir") == direction
        assert errors == []
        manifest_loaded = any(
            u.endswith("/iiif/manuscripts/ms-view/manifest.json") for u in requests
        )
        assert manifest_loaded, requests
        foreign = [
            u
            for u in requests
            if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host
        ]
        assert foreign == [], foreign
    finally:
        context.close()


def test_the_record_page_links_to_the_viewer_and_manifest(served: str, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served}/manuscripts/ms-view?lang=en")
        page.click("text=Open in the page viewer (Mirador)")
        page.wait_for_url("**/manuscripts/ms-view/viewer**")
        page.wait_for_selector(".openseadragon-canvas canvas", timeout=30_000)
    finally:
        context.close()
