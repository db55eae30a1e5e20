"""The kiosk's screens as HTTP: every screen in every language, partial swaps, caching, QR codes."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from app import context
from catalogue.db import Database
from catalogue.images import add_page_image, images_root
from catalogue.language.localized import LocalizedText
from catalogue.models import Exhibit, ExhibitStep, Kind, Manuscript, Person, PublicationState
from catalogue.models import Page as PageRecord
from catalogue.reading.records import get_record
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import make_settings

SCREENS = [
    "/kiosk/{lang}/",
    "/kiosk/{lang}/manuscripts/",
    "/kiosk/{lang}/manuscripts/ms-01",
    "/kiosk/{lang}/people/",
    "/kiosk/{lang}/people/tauke-khan",
    "/kiosk/{lang}/timeline",
    "/kiosk/{lang}/events/taikazan-casting",
    "/kiosk/{lang}/map",
    "/kiosk/{lang}/places/astana",
    "/kiosk/{lang}/exhibits/",
]


@pytest.fixture
def public_client(
    tmp_path: Path, shipped_url: str, shipped_index_path: Path
) -> Iterator[FlaskClient]:
    """A client of an app whose QOLJAZBA_PUBLIC_URL is set (QR codes shown)."""
    from app import create_app

    data_dir = tmp_path / "public"
    data_dir.mkdir()
    (data_dir / "index").symlink_to(shipped_index_path)
    settings = replace(
        make_settings(data_dir, shipped_url), public_url="https://qoljazba.example.org"
    )
    made = create_app({"SETTINGS": settings, "TESTING": True})
    yield made.test_client()
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


@pytest.mark.parametrize("lang", ["kk", "ru", "en", "fa"])
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_in_every_language(client: FlaskClient, screen: str, lang: str) -> None:
    response = client.get(screen.format(lang=lang))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    direction = "rtl" if lang == "fa" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}" class="kiosk">' in page
    assert "Set-Cookie" not in response.headers  # the kiosk remembers nothing
    assert "<script>" not in page and "onclick=" not in page


def test_the_attract_loop_is_in_the_default_language_whatever_the_browser_says(
    client: FlaskClient,
) -> None:
    page = client.get("/", headers={"Accept-Language": "fa"}).get_data(as_text=True)
    assert '<html lang="kk" dir="ltr"' in page
    # The invitation is offered in all four languages.
    for lang in ("kk", "ru", "en", "fa"):
        assert f'href="/kiosk/{lang}/"' in page
    assert "Бастау үшін экранды түртіңіз" in page and "برای شروع، صفحه را لمس کنید" in page


def test_a_partial_is_only_the_swappable_part(client: FlaskClient) -> None:
    response = client.get("/kiosk/en/people/", headers={"X-Kiosk-Partial": "1"})
    page = response.get_data(as_text=True)
    assert page.startswith('<div id="kiosk-app"') and "<html" not in page
    assert "X-Kiosk-Partial" in response.headers["Vary"]


def test_screens_are_revalidated_with_etags(client: FlaskClient) -> None:
    first = client.get("/kiosk/en/manuscripts/")
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = client.get("/kiosk/en/manuscripts/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_every_link_stays_in_the_kiosk(client: FlaskClient) -> None:
    for screen in SCREENS:
        page = client.get(screen.format(lang="en")).get_data(as_text=True)
        for href in re.findall(r'href="([^"]+)"', page):
            assert href.startswith(("/kiosk/", "/assets/", "/")) and "//" not in href, href


def test_qr_code_links_to_the_public_page_only_when_configured(
    client: FlaskClient, public_client: FlaskClient
) -> None:
    assert "k-qr" not in client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    page = public_client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="qr"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/kiosk/de/",
        "/kiosk/en/people/nobody",
        "/kiosk/en/people/ms-01",
        "/kiosk/en/manuscripts/" + "x" * 300,
        "/kiosk/en/exhibits/nothing/1",
        "/kiosk/en/places/..%2Fetc",
    ],
)
def test_unknown_screens_are_404_not_500(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_idle_settings_reach_the_page(app: Flask, client: FlaskClient) -> None:
    page = client.get("/kiosk/en/").get_data(as_text=True)
    assert 'data-idle-seconds="90"' in page
    assert 'data-confirm-seconds="20"' in page  # at least 20 s to answer "still there?"


def test_rendered_screens_are_kept_per_catalogue_version(app: Flask, client: FlaskClient) -> None:
    from app.kiosk.cache import ScreenCache
    from catalogue.audit import latest_change

    cache = app.extensions["qoljazba_kiosk_cache"]
    assert isinstance(cache, ScreenCache) and cache.seconds == 3600
    first = client.get("/kiosk/en/people/")
    assert "cache;desc=miss" in first.headers["Server-Timing"]
    with app.app_context():
        version = latest_change(context.session())
    assert version > 0
    assert cache.get((version, "/kiosk/en/people/?", False)) is not None
    again = client.get("/kiosk/en/people/")
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert "cache;desc=hit" in again.headers["Server-Timing"]
    assert "Content-Security-Policy" in again.headers
    revalidated = client.get("/kiosk/en/people/", headers={"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304
    # Scholars' pages are not the kiosk's: never cached here.
    scholars = client.get("/people/")
    assert cache.get((version, "/people/?", False)) is None
    assert "cache;" not in scholars.headers["Server-Timing"]


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


def test_a_change_to_the_catalogue_shows_on_the_next_request(own_app: Flask, db: Database) -> None:
    client = own_app.test_client()
    path = "/kiosk/en/people/tauke-khan"
    assert "cache;desc=miss" in client.get(path).headers["Server-Timing"]
    assert "cache;desc=hit" in client.get(path).headers["Server-Timing"]
    with transaction(db) as session:
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person)
        person.summary = LocalizedText({"en": "A summary changed by the test."})
    changed = client.get(path)
    assert "cache;desc=miss" in changed.headers["Server-Timing"]
    assert "A summary changed by the test." in changed.get_data(as_text=True)


def test_a_person_with_a_portrait_shows_it_and_others_the_placeholder(
    own_app: Flask, db: Database
) -> None:
    key = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    with transaction(db) as session:
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person)
        person.portrait_key = key
    client = own_app.test_client()
    page = client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    large = f'src="/iiif/3/{key}/full/^!480,600/0/default.jpg"'
    assert large in page and 'alt="Portrait of Tauke Khan"' in page
    people = client.get("/kiosk/ru/people/").get_data(as_text=True)
    assert f"/iiif/3/{key}/full/^!320,400/0/default.jpg" in people
    assert people.count('class="k-portrait__img"') == 1  # everyone else: the designed arch
    assert people.count("k-portrait__initial") >= 5
    assert 'alt="Портрет: Тауке-хан"' in people


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [(2400, 3200, "!480,600"), (500, 400, "!480,600"), (400, 520, "max")],
)
def test_a_portrait_from_a_page_image_is_fitted_by_its_size(
    own_app: Flask, db: Database, width: int, height: int, size: str
) -> None:
    key = "1f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    with transaction(db) as session:
        manuscript = get_record(session, Kind.MANUSCRIPT, "ms-03")
        assert isinstance(manuscript, Manuscript)
        manuscript.pages.append(
            PageRecord(
                position=1, folio="1", side="recto", image_key=key, width=width, height=height
            )
        )
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person)
        person.portrait_key = key
    page = own_app.test_client().get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    assert f'src="/iiif/3/{key}/full/{size}/0/default.jpg"' in page


def test_the_images_of_a_small_scan_are_served_not_refused(
    own_app: Flask, db: Database, tmp_path: Path
) -> None:
    scan = io.BytesIO()
    Image.new("RGB", (150, 200), (200, 180, 150)).save(scan, "JPEG")  # under 240 px high
    scan.seek(0)
    with transaction(db) as session:
        manuscript = get_record(session, Kind.MANUSCRIPT, "ms-03")
        assert isinstance(manuscript, Manuscript)
        key = add_page_image(session, images_root(tmp_path), manuscript, scan, "s.jpg").image_key
    client = own_app.test_client()
    screens = [
        client.get(path).get_data(as_text=True)
        for path in ("/kiosk/en/manuscripts/", "/kiosk/en/manuscripts/ms-03", "/kiosk/en/")
    ]
    asked = {
        url
        for screen in screens
        for url in re.findall(rf"/iiif/3/{key}/full/[^/]+/0/default.jpg", screen)
    }
    assert asked
    for url in asked:
        response = client.get(url, buffered=True)
        assert response.status_code == 200, (url, response.get_data(as_text=True))


def test_a_portrait_from_a_draft_manuscripts_page_is_not_shown_until_it_is_published(
    own_app: Flask, db: Database
) -> None:
    key = "3f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    with transaction(db) as session:
        manuscript = get_record(session, Kind.MANUSCRIPT, "ms-03")
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(manuscript, Manuscript) and isinstance(person, Person)
        manuscript.pages.append(
            PageRecord(position=1, folio="1", image_key=key, width=400, height=520)
        )
        manuscript.state = PublicationState.DRAFT
        person.portrait_key = key  # chosen before the editor refused such choices
    own_app.config["IIIF_VISIBILITY_SECONDS"] = 0
    client = own_app.test_client()
    assert key not in client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    assert client.get(f"/iiif/3/{key}/info.json").status_code == 404
    with transaction(db) as session:
        get_record(
            session, Kind.MANUSCRIPT, "ms-03", include_drafts=True
        ).state = PublicationState.PUBLISHED
    assert key in client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)


def test_an_exhibit_skips_a_step_on_a_draft_manuscripts_page(own_app: Flask, db: Database) -> None:
    key = "2f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    with transaction(db) as session:
        manuscript = get_record(session, Kind.MANUSCRIPT, "ms-03")
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(manuscript, Manuscript) and isinstance(person, Person)
        page = PageRecord(position=1, folio="7", side="recto", image_key=key)
        manuscript.pages.append(page)
        session.add(
            Exhibit(
                slug="withdrawn-page",
                state=PublicationState.PUBLISHED,
                title=LocalizedText({"en": "A tour"}),
                steps=[
                    ExhibitStep(position=1, entity=person, page=page, caption=_caption("one")),
                    ExhibitStep(position=2, entity=person, caption=_caption("two")),
                ],
            )
        )
    client = own_app.test_client()
    first = client.get("/kiosk/en/exhibits/withdrawn-page/1").get_data(as_text=True)
    assert "Caption one" in first and key in first and "Step 1 of 2" in first
    with transaction(db) as session:
        manuscript = get_record(session, Kind.MANUSCRIPT, "ms-03")
        assert isinstance(manuscript, Manuscript)
        manuscript.state = PublicationState.DRAFT  # withdrawn: its scans are hidden from IIIF
    first = client.get("/kiosk/en/exhibits/withdrawn-page/1").get_data(as_text=True)
    assert "Caption two" in first and "Step 1 of 1" in first
    assert "Caption one" not in first and key not in first  # no empty image frame
    assert client.get("/kiosk/en/exhibits/withdrawn-page/2").status_code == 404


def _caption(word: str) -> LocalizedText:
    return LocalizedText({"en": f"Caption {word}"})
