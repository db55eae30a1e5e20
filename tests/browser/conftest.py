"""Browser fixtures: the app served on a loopback port, one headless Chromium per session.

Pages of manuscript ms-01 get synthetic "SAMPLE" images, served by a mock of the IIIF image
route (Playwright answers /iiif/3/... from a Pillow image made here); nothing is written to
the shipped catalogue and no request leaves the loopback address.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from flask import Flask
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from catalogue.db import Database
from catalogue.language.localized import LocalizedText
from catalogue.models import Entity, Exhibit, ExhibitStep, Manuscript, Person, PublicationState
from catalogue.models import Page as PageRecord
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import Backend, make_settings

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "kiosk-screenshots"
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
SAMPLE_SIZE = (2400, 3200)
PUBLIC_URL = "https://qoljazba.example.org"


@dataclass
class Served:
    """A running server: its base URL and the thread serving it."""

    url: str
    server: BaseWSGIServer
    thread: threading.Thread
    app: Flask

    def stop(self) -> None:
        """Stop serving and close the app's database connections and index."""
        from app import context

        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()
        with self.app.app_context():
            context.database().dispose()
            context.search_index().close()

    @property
    def host(self) -> str:
        return self.url.split("://", 1)[1]


def _sample_image() -> Image.Image:
    """A synthetic page, visibly labelled as a sample (never shipped)."""
    image = Image.new("RGB", SAMPLE_SIZE, (226, 210, 178))
    draw = ImageDraw.Draw(image)
    for y in range(200, SAMPLE_SIZE[1] - 200, 90):
        draw.line([(260, y), (SAMPLE_SIZE[0] - 260, y)], fill=(90, 60, 30), width=6)
    draw.rectangle(
        [150, 150, SAMPLE_SIZE[0] - 150, SAMPLE_SIZE[1] - 150], outline=(120, 40, 20), width=20
    )
    draw.text((300, 100), "SAMPLE (synthetic test image)", fill=(150, 0, 0))
    return image


def _fill_catalogue(url: str) -> None:
    database = Database(url)
    with transaction(database) as session:
        load_shipped_catalogue(session)
    with transaction(database) as session:
        ms = session.query(Manuscript).filter(Entity.slug == "ms-01").one()
        for n in range(1, 5):
            ms.pages.append(
                PageRecord(
                    position=n,
                    folio=str((n + 1) // 2),
                    side="recto" if n % 2 else "verso",
                    image_key=f"sample-ms01-{n}",
                    width=SAMPLE_SIZE[0],
                    height=SAMPLE_SIZE[1],
                )
            )
        ms.pages.append(PageRecord(position=5, folio="3", side="recto", image_key=None))
        session.flush()
        person = session.query(Person).filter(Entity.slug == "tauke-khan").one()
        person.portrait_key = "sample-portrait"  # a synthetic SAMPLE image from the mock
        exhibit = Exhibit(
            slug="sample-exhibit",
            position=1,
            state=PublicationState.PUBLISHED,
            title=LocalizedText({"en": "Sample exhibit (test)", "kk": "Үлгі көрме (сынақ)"}),
            introduction=LocalizedText({"en": "A sample story made by the tests."}),
        )
        exhibit.steps = [
            ExhibitStep(
                position=1,
                entity=ms,
                page=ms.pages[0],
                heading=LocalizedText({"en": "A page"}),
                caption=LocalizedText({"en": "A synthetic sample page."}),
            ),
            ExhibitStep(position=2, entity=person, heading=LocalizedText({"en": "A khan"})),
        ]
        session.add(exhibit)
    database.dispose()


@pytest.fixture(scope="session")
def kiosk_database(backend: Backend) -> str:
    """A database with the shipped catalogue, sample pages on ms-01 and a sample exhibit."""
    url = backend.fresh_url()
    _fill_catalogue(url)
    return url


def _serve(data_dir: Path, database_url: str, index: Path, **config: Any) -> Served:
    from app import create_app

    (data_dir / "index").symlink_to(index)
    overrides = {k: v for k, v in config.items() if k.isupper()}
    settings = make_settings(
        data_dir, database_url, **{k: v for k, v in config.items() if not k.isupper()}
    )
    app = create_app({"SETTINGS": settings, "TESTING": True, **overrides})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return Served(f"http://127.0.0.1:{server.server_port}", server, thread, app)


@pytest.fixture(scope="session")
def kiosk_server(
    kiosk_database: str, shipped_index_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The kiosk on a loopback port with QR codes on."""
    served = _serve(
        tmp_path_factory.mktemp("kiosk"), kiosk_database, shipped_index_path, public_url=PUBLIC_URL
    )
    yield served
    served.stop()


@pytest.fixture(scope="session")
def idle_server(
    kiosk_database: str, shipped_index_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The kiosk with a 2 s idle time and a 2 s question, for the reset test."""
    served = _serve(
        tmp_path_factory.mktemp("idle"),
        kiosk_database,
        shipped_index_path,
        kiosk_idle_seconds=2,
        KIOSK_CONFIRM_SECONDS=2,
    )
    yield served
    served.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium (Debian's) for the whole session."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


_TILE = re.compile(r"/iiif/3/(?P<key>[^/]+)/(?P<rest>.+)$")


def _iiif_mock(image: Image.Image) -> Callable[[Route], None]:
    """A level-1 IIIF image service for the sample images (info.json, regions, sizes)."""
    width, height = image.size

    def handle(route: Route) -> None:
        url = route.request.url
        match = _TILE.search(url.split("?", 1)[0])
        if not match:
            route.fulfill(status=404, body="")
            return
        rest = match.group("rest")
        if rest == "info.json":
            base = url.rsplit("/info.json", 1)[0]
            info = {
                "@context": "http://iiif.io/api/image/3/context.json",
                "id": base,
                "type": "ImageService3",
                "protocol": "http://iiif.io/api/image",
                "profile": "level1",
                "width": width,
                "height": height,
                "tiles": [{"width": 512, "scaleFactors": [1, 2, 4, 8]}],
            }
            import json

            route.fulfill(status=200, content_type="application/json", body=json.dumps(info))
            return
        region, size = (unquote(part) for part in rest.split("/")[0:2])
        if region == "full":
            box = (0, 0, width, height)
        else:
            x, y, w, h = (int(v) for v in region.split(","))
            box = (x, y, min(x + w, width), min(y + h, height))
        crop = image.crop(box)
        if size.lstrip("^").startswith("!"):  # fit into a box (enlarging when ^)
            bw, bh = (int(v) for v in size.lstrip("^")[1:].split(","))
            scale = min(bw / crop.width, bh / crop.height)
            size = f"{max(1, round(crop.width * scale))},{max(1, round(crop.height * scale))}"
        if size not in ("max", "full"):
            sw, _, sh = size.partition(",")
            if sw:
                new_w = int(sw)
                new_h = (sh and int(sh)) or max(1, round(crop.height * new_w / crop.width))
            else:
                new_h = int(sh)
                new_w = max(1, round(crop.width * new_h / crop.height))
            crop = crop.resize((int(new_w), int(new_h)))
        out = io.BytesIO()
        crop.save(out, "JPEG", quality=70)
        route.fulfill(status=200, content_type="image/jpeg", body=out.getvalue())

    return handle


@dataclass
class Kiosk:
    """A browser tab on the kiosk, with every request it made."""

    page: Page
    context: BrowserContext
    base: str
    requests: list[str]
    tiles: list[str]

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def tap(self, selector: str) -> None:
        """Tap an element and wait until the next screen has been painted."""
        if self.page.locator("#kiosk-app").count() == 0:  # the attract loop: a new document
            with self.page.expect_navigation():
                self.page.locator(selector).first.tap()
            self.page.wait_for_load_state("load")
            return
        before = self.page.evaluate("window.__kioskTimings.length")
        self.page.locator(selector).first.tap()
        self.page.wait_for_function(f"() => window.__kioskTimings.length > {before}")

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture(scope="session")
def sample_image() -> Image.Image:
    return _sample_image()


@pytest.fixture(params=["landscape", "portrait"])
def orientation(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def real_images_server(
    backend: Backend,
    shipped_index_path: Path,
    sample_image: Image.Image,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Served]:
    """The kiosk over the real IIIF image service: one synthetic SAMPLE page ingested on ms-02."""
    from catalogue.images import add_page_image, images_root
    from catalogue.models import Kind
    from catalogue.reading.records import get_record

    data_dir = tmp_path_factory.mktemp("real-images")
    url = backend.fresh_url()
    database = Database(url)
    with transaction(database) as session:
        load_shipped_catalogue(session)
    scan = io.BytesIO()
    sample_image.save(scan, "JPEG", quality=80)
    scan.seek(0)
    with transaction(database) as session:
        manuscript = get_record(session, Kind.MANUSCRIPT, "ms-02")
        assert isinstance(manuscript, Manuscript)
        add_page_image(session, images_root(data_dir), manuscript, scan, "sample.jpg")
    database.dispose()
    served = _serve(data_dir, url, shipped_index_path)
    yield served
    served.stop()


def open_kiosk(
    browser: Browser,
    served: Served,
    sample: Image.Image,
    viewport: dict[str, int],
    *,
    mock_iiif: bool = True,
) -> Kiosk:
    """A new touch-enabled context on the served kiosk, recording every request."""
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=False)  # type: ignore[arg-type]
    requests: list[str] = []
    tiles: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    handler = _iiif_mock(sample)

    def iiif(route: Route) -> None:
        tiles.append(route.request.url)
        handler(route)

    if mock_iiif:
        context.route(re.compile(r".*/iiif/3/.*"), iiif)
    else:
        context.on("request", lambda r: tiles.append(r.url) if "/iiif/3/" in r.url else None)
    page = context.new_page()
    return Kiosk(page, context, served.url, requests, tiles)


@pytest.fixture
def kiosk(browser: Browser, kiosk_server: Served, sample_image: Image.Image) -> Iterator[Kiosk]:
    """A landscape kiosk tab."""
    made = open_kiosk(browser, kiosk_server, sample_image, LANDSCAPE)
    yield made
    made.context.close()
