"""The kiosk's screens as HTTP: every screen in every language, partial swaps, caching, QR codes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from catalogue.db import Database
from catalogue.images import add_page_image, images_root
from catalogue.language.localized import LocalizedText
from catalogue.models import Exhibit, ExhibitStep, Kind, Manuscript, Person, PublicationState
from catalogue.models import Page as PageRecord
from catalogue.reading.records import get_record
from catalogue.transaction import transaction

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
