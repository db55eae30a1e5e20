"""What the kiosk's screens share: record links, page image sources, portraits, QR codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import context
from app.kiosk.screens import kiosk_url, page_sources, portrait_src, public_qr
from catalogue.db import Database
from catalogue.models import Entity, Kind, Manuscript, Person, PublicationState
from catalogue.models import Page as PageRecord
from catalogue.reading.records import get_record
from catalogue.transaction import transaction
from tests.conftest import make_settings


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


def test_qr_code_links_to_the_public_page_only_when_configured(
    client: FlaskClient, public_client: FlaskClient
) -> None:
    assert "k-qr" not in client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    page = public_client.get("/kiosk/en/people/tauke-khan").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="qr"' in page


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


@pytest.mark.parametrize(
    ("kind", "slug", "url"),
    [
        (Kind.MANUSCRIPT, "ms-01", "/kiosk/en/manuscripts/ms-01"),
        (Kind.PERSON, "tauke-khan", "/kiosk/en/people/tauke-khan"),
        (Kind.EVENT, "taikazan-casting", "/kiosk/en/events/taikazan-casting"),
        (Kind.PLACE, "astana", "/kiosk/en/places/astana"),
    ],
)
def test_a_record_leads_to_its_kiosk_screen(
    app: Flask, client: FlaskClient, kind: Kind, slug: str, url: str
) -> None:
    with app.test_request_context("/kiosk/en/"):
        app.preprocess_request()  # the kiosk's language, as a real request sets it
        record = get_record(context.session(), kind, slug)
        assert kiosk_url(record) == url
    assert client.get(url).status_code == 200


def test_sources_and_collections_have_no_kiosk_screen(app: Flask) -> None:
    with app.test_request_context("/kiosk/en/"):
        app.preprocess_request()
        for kind in (Kind.SOURCE, Kind.COLLECTION):
            assert kiosk_url(get_record_of(kind)) is None


def get_record_of(kind: Kind) -> Entity:
    """Any published record of this kind (the shipped catalogue has some of each)."""
    found = context.session().scalar(
        select(Entity).where(Entity.kind == kind, Entity.state == PublicationState.PUBLISHED)
    )
    assert found is not None
    return found


def test_page_sources_are_iiif_requests_or_placeholders() -> None:
    manuscript = Manuscript(slug="ms-x")
    scanned = PageRecord(
        position=1, folio="1", side="recto", image_key="k1", width=1000, height=3000
    )
    blank = PageRecord(position=2, folio="1", side="verso")
    manuscript.pages.extend([scanned, blank])
    first, second = page_sources(manuscript)
    assert first.position == 1 and first.info == "/iiif/3/k1/info.json"
    assert first.thumbnail == "/iiif/3/k1/full/,240/0/default.jpg"
    assert first.medium == "/iiif/3/k1/full/,600/0/default.jpg"
    assert first.large == "/iiif/3/k1/full/,1200/0/default.jpg"
    assert (second.info, second.thumbnail, second.medium, second.large) == (None,) * 4
    assert page_sources(manuscript, only=blank) == [second]


def test_a_small_scan_is_not_asked_for_larger_than_it_is() -> None:
    manuscript = Manuscript(slug="ms-x")
    manuscript.pages.append(
        PageRecord(position=1, folio="1", side="recto", image_key="k", height=500)
    )
    (source,) = page_sources(manuscript)
    assert source.thumbnail == "/iiif/3/k/full/,240/0/default.jpg"
    # The Image API refuses an upscale without "^": the whole scan, for the browser to enlarge.
    assert source.medium == source.large == "/iiif/3/k/full/max/0/default.jpg"


def test_no_portrait_is_none(app: Flask) -> None:
    with app.test_request_context("/kiosk/en/"):
        person = get_record(context.session(), Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person) and person.portrait_key is None
        assert portrait_src(person) is None
        assert portrait_src(person, "large") is None


@pytest.mark.parametrize(
    ("size", "fit"),
    [("small", "^!96,120"), ("", "^!320,400"), ("large", "^!480,600"), ("huge", "^!320,400")],
)
def test_a_portrait_not_from_a_page_fits_its_box(
    own_app: Flask, db: Database, size: str, fit: str
) -> None:
    key = "5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    with transaction(db) as session:
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person)
        person.portrait_key = key
    with own_app.test_request_context("/kiosk/en/"):
        person = get_record(context.session(), Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person)
        assert portrait_src(person, size) == f"/iiif/3/{key}/full/{fit}/0/default.jpg"


def test_no_qr_code_without_a_public_url(app: Flask) -> None:
    with app.test_request_context("/kiosk/en/"):
        assert public_qr(get_record(context.session(), Kind.PLACE, "astana")) is None
