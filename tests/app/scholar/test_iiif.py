"""IIIF routes: Image API 3.0 (files and computed requests) and Presentation 3.0 documents."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from catalogue.db import Database
from catalogue.images import add_page_image, images_root
from catalogue.language.localized import LocalizedText
from catalogue.models import ContentsItem, Manuscript, Page, PublicationState, Side
from catalogue.transaction import transaction
from tests.app.curator.conftest import csrf_of
from tests.conftest import make_settings

DATA = Path(__file__).parents[2] / "data" / "iiif"
TEST_IMAGE = DATA / "67352ccc-d1b0-11e1-89ae-279075081939.png"
SCHEMA = json.loads((DATA / "iiif_3_0.json").read_text(encoding="utf-8"))


def validate_presentation(document: dict[str, Any]) -> None:
    """Validate against the IIIF Presentation 3.0 JSON schema."""
    jsonschema.validate(document, SCHEMA)


def _scan(size: tuple[int, int]) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 150)).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


@pytest.fixture
def iiif_app(tmp_path: Path, db: Database) -> Iterator[Flask]:
    """An app over a manuscript with two scanned pages, a placeholder and a contents item."""
    from app import context, create_app

    store = images_root(tmp_path)
    with transaction(db) as session:
        manuscript = Manuscript(
            slug="ms-test",
            state=PublicationState.PUBLISHED,
            title=LocalizedText({"en": "Test manuscript", "fa": "نسخهٔ آزمایشی"}),
            summary=LocalizedText({"en": "A test.", "ru": "Тест.", "kk": "Сынақ.", "fa": "آزمون"}),
        )
        manuscript.contents.append(
            ContentsItem(locus="ff. 1r–1v", title=LocalizedText({"en": "The first work"}))
        )
        manuscript.contents.append(ContentsItem(locus="ff. 90r–91v"))
        session.add(manuscript)
        session.flush()
        with TEST_IMAGE.open("rb") as source:
            add_page_image(session, store, manuscript, source, "v.png", folio="1", side=Side.RECTO)
        add_page_image(session, store, manuscript, _scan((2000, 1500)), "b.jpg", "1", Side.VERSO)
        session.add(Page(manuscript_id=manuscript.id, position=3, folio="2", side=Side.RECTO))
        session.add(Manuscript(slug="ms-empty", state=PublicationState.PUBLISHED))
    made = create_app({"SETTINGS": make_settings(tmp_path, db.url), "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


@pytest.fixture
def iiif_client(iiif_app: Flask) -> FlaskClient:
    """A client whose responses are read whole and closed (files are streamed otherwise)."""

    class Buffered(FlaskClient):
        def open(self, *args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("buffered", True)
            return super().open(*args, **kwargs)

    iiif_app.test_client_class = Buffered
    return iiif_app.test_client()


def _keys(client: FlaskClient) -> list[str]:
    manifest = client.get("/iiif/manuscripts/ms-test/manifest.json").get_json()
    services = []
    for canvas in manifest["items"]:
        body = canvas["items"][0]["items"][0]["body"]
        services += [s["id"].rsplit("/", 1)[1] for s in body.get("service", [])]
    return services


def test_info_json_ids_follow_the_request_host(iiif_client: FlaskClient) -> None:
    key = _keys(iiif_client)[0]
    response = iiif_client.get(f"/iiif/3/{key}/info.json", base_url="http://127.0.0.1:8080")
    info = response.get_json()
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.mimetype == "application/json"
    assert info["id"] == f"http://127.0.0.1:8080/iiif/3/{key}"
    assert info["type"] == "ImageService3" and info["profile"] == "level2"
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2]}]
    assert {"width": 300, "height": 300} in info["sizes"]
    ld = iiif_client.get(f"/iiif/3/{key}/info.json", headers={"Accept": "application/ld+json"})
    assert ld.headers["Content-Type"].startswith("application/ld+json")


def test_info_json_ids_follow_the_public_url(iiif_app: Flask, iiif_client: FlaskClient) -> None:
    key = _keys(iiif_client)[0]
    extension = iiif_app.extensions["qoljazba"]
    extension["settings"] = replace(extension["settings"], public_url="https://museum.example")
    info = iiif_client.get(f"/iiif/3/{key}/info.json").get_json()
    assert info["id"] == f"https://museum.example/iiif/3/{key}"


def test_a_premade_tile_is_a_cacheable_file(iiif_client: FlaskClient) -> None:
    key = _keys(iiif_client)[1]  # 2000 x 1500
    url = f"/iiif/3/{key}/512,0,512,512/512,512/0/default.jpg"
    response = iiif_client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert 'rel="canonical"' in response.headers["Link"]
    etag = response.headers["ETag"]
    with iiif_client.get(url, headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304
    # The same tile spelt another way is the same file.
    assert iiif_client.get(f"/iiif/3/{key}/512,0,512,512/512,/0/default.jpg").data == response.data


def test_other_requests_are_computed_once_and_cached(
    iiif_client: FlaskClient, tmp_path: Path
) -> None:
    key = _keys(iiif_client)[1]
    url = f"/iiif/3/{key}/pct:10,10,30,30/^!900,900/!90/gray.png"
    response = iiif_client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    with Image.open(io.BytesIO(response.data)) as image:
        assert image.mode in ("L", "LA") and image.size == (675, 900)
    cached = list((images_root(tmp_path)).rglob("cache/**/gray.png"))
    assert len(cached) == 1
    assert iiif_client.get(url).data == response.data


def test_base_uri_redirects_to_info(iiif_client: FlaskClient) -> None:
    key = _keys(iiif_client)[0]
    response = iiif_client.get(f"/iiif/3/{key}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/iiif/3/{key}/info.json")


@pytest.mark.parametrize(
    "path",
    [
        "/iiif/3/00000000-0000-4000-8000-000000000000/info.json",
        "/iiif/3/not-a-key/info.json",
        "/iiif/3/..%2F..%2Fqoljazba.sqlite3/info.json",
        "/iiif/3/../images/info.json",
        "/iiif/3/%2e%2e/full/max/0/default.jpg",
        "/iiif/3/00000000-0000-4000-8000-000000000000/full/max/0/default.jpg",
        "/iiif/3/a/b/full/max/0/default.jpg",
    ],
)
def test_unknown_ids_and_path_tricks_are_404(iiif_client: FlaskClient, path: str) -> None:
    assert iiif_client.get(path).status_code == 404


def test_bad_requests_are_400_with_a_reason(iiif_client: FlaskClient) -> None:
    key = _keys(iiif_client)[0]
    response = iiif_client.get(f"/iiif/3/{key}/full/2000,/0/default.jpg")
    assert response.status_code == 400
    assert b"^" in response.data
    assert iiif_client.get(f"/iiif/3/{key}/full/max/0/..%2Fmaster.jpg").status_code in (400, 404)


@pytest.mark.parametrize(
    "request_path",
    [
        "0,0,2000,1/^65501,1/0/default.jpg",  # more than JPEG can encode on a side
        "0,0,2000,1/^16384,1/0/default.webp",
        "0,0," + "9" * 5000 + ",1/max/0/default.jpg",
        "pct:0,0," + "9" * 400 + ",1/max/0/default.jpg",
    ],
)
def test_outputs_beyond_the_encoders_and_endless_numbers_are_400(
    iiif_client: FlaskClient, request_path: str
) -> None:
    key = _keys(iiif_client)[1]  # 2000 x 1500
    response = iiif_client.get(f"/iiif/3/{key}/{request_path}")
    assert response.status_code == 400


def test_the_manifest_validates_and_marks_placeholders(iiif_client: FlaskClient) -> None:
    response = iiif_client.get("/iiif/manuscripts/ms-test/manifest.json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    manifest = response.get_json()
    validate_presentation(manifest)
    assert manifest["viewingDirection"] == "right-to-left"
    assert manifest["behavior"] == ["paged"]
    assert manifest["label"] == {"en": ["Test manuscript"], "fa": ["نسخهٔ آزمایشی"]}
    assert set(manifest["summary"]) == {"fa", "kk", "ru", "en"}
    assert set(manifest["requiredStatement"]["value"]) == {"fa", "kk", "ru", "en"}
    assert manifest["rights"].startswith("http://rightsstatements.org/")
    assert manifest["thumbnail"][0]["id"].endswith("/full/300,300/0/default.jpg")
    labels = [canvas["label"] for canvas in manifest["items"]]
    assert labels[:2] == [{"none": ["1r"]}, {"none": ["1v"]}]
    assert "placeholder" in labels[2]["en"][0]
    placeholder = manifest["items"][2]["items"][0]["items"][0]["body"]
    assert placeholder["id"].endswith("/static/img/placeholder-page.svg")
    [structure] = manifest["structures"]  # the second item's locus names no page we have
    assert structure["label"] == {"en": ["The first work"]}
    assert [c["id"] for c in structure["items"]] == [c["id"] for c in manifest["items"][:2]]


def test_a_manuscript_without_pages_has_one_placeholder_canvas(iiif_client: FlaskClient) -> None:
    manifest = iiif_client.get("/iiif/manuscripts/ms-empty/manifest.json").get_json()
    validate_presentation(manifest)
    [canvas] = manifest["items"]
    assert "placeholder" in canvas["label"]["en"][0]
    assert "thumbnail" not in manifest


def test_the_thumbnail_is_a_premade_size(iiif_client: FlaskClient) -> None:
    manifest = iiif_client.get("/iiif/manuscripts/ms-test/manifest.json").get_json()
    url = manifest["items"][1]["thumbnail"][0]["id"]
    assert url.endswith("/full/300,225/0/default.jpg")
    response = iiif_client.get(url.replace("http://localhost", ""))
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]


def test_a_thumbnail_asked_by_width_alone_is_the_premade_file(
    iiif_client: FlaskClient, tmp_path: Path
) -> None:
    key = _keys(iiif_client)[1]  # 2000 x 1500: the thumbnail is 300 x 225
    response = iiif_client.get(f"/iiif/3/{key}/full/300,/0/default.jpg")
    assert response.status_code == 200
    assert response.headers["Link"].startswith(f"<http://localhost/iiif/3/{key}/full/300,225/")
    assert not list(images_root(tmp_path).rglob("cache/*"))  # nothing had to be computed


def test_the_collection_validates(iiif_client: FlaskClient) -> None:
    collection = iiif_client.get("/iiif/collection.json").get_json()
    validate_presentation(collection)
    ids = [item["id"] for item in collection["items"]]
    assert ids == [
        "http://localhost/iiif/manuscripts/ms-empty/manifest.json",
        "http://localhost/iiif/manuscripts/ms-test/manifest.json",
    ]


def test_unknown_manuscripts_are_404(iiif_client: FlaskClient) -> None:
    assert iiif_client.get("/iiif/manuscripts/ms-nope/manifest.json").status_code == 404
    assert iiif_client.get("/iiif/manuscripts/ms-test%00/manifest.json").status_code == 404
    assert iiif_client.get("/iiif/manuscripts/MS-TEST/manifest.json").status_code == 404


def test_every_shipped_manifest_validates(client: FlaskClient) -> None:
    collection = client.get("/iiif/collection.json").get_json()
    validate_presentation(collection)
    assert len(collection["items"]) == 27
    for item in collection["items"]:
        manifest = client.get(item["id"].replace("http://localhost", "")).get_json()
        validate_presentation(manifest)
        assert set(manifest["label"]) == {"fa", "kk", "ru", "en"}


def _set_state(app: Flask, slug: str, state: PublicationState) -> None:
    from app import context

    with app.app_context(), transaction(context.database()) as session:
        manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == slug))
        assert manuscript is not None
        manuscript.state = state


def test_a_drafts_scans_are_404_to_anyone_holding_the_key(
    iiif_app: Flask, iiif_client: FlaskClient
) -> None:
    iiif_app.config["IIIF_VISIBILITY_SECONDS"] = 0  # follow every change at once, for the test
    keys = _keys(iiif_client)
    small, large = keys[0], keys[1]
    tile = f"/iiif/3/{large}/512,0,512,512/512,512/0/default.jpg"
    thumb = f"/iiif/3/{small}/full/max/0/default.jpg"
    computed = f"/iiif/3/{large}/pct:10,10,30,30/200,/0/default.png"
    paths = [f"/iiif/3/{small}", f"/iiif/3/{small}/info.json", tile, thumb, computed]
    for path in paths:  # published: served (and the per-process set of public keys is warm)
        assert iiif_client.get(path).status_code in (200, 303), path
    _set_state(iiif_app, "ms-test", PublicationState.DRAFT)
    for path in paths:  # withdrawn: the cached set follows the catalogue's version at once
        assert iiif_client.get(path).status_code == 404, path
    assert iiif_client.get("/iiif/manuscripts/ms-test/manifest.json").status_code == 404
    _set_state(iiif_app, "ms-test", PublicationState.PUBLISHED)
    for path in paths:
        assert iiif_client.get(path).status_code in (200, 303), path


def test_a_logged_in_curator_sees_a_drafts_scans_privately(
    iiif_app: Flask, iiif_client: FlaskClient
) -> None:
    from app import context
    from catalogue.accounts.users import create_user
    from catalogue.models import Role
    from tests.app.curator.conftest import log_in

    iiif_app.config["IIIF_VISIBILITY_SECONDS"] = 0
    keys = _keys(iiif_client)
    _set_state(iiif_app, "ms-test", PublicationState.DRAFT)
    with iiif_app.app_context(), transaction(context.database()) as session:
        create_user(session, "cura", "curator password 1", role=Role.CURATOR)
    curator = iiif_app.test_client()
    assert log_in(curator, "cura", "curator password 1").status_code == 302
    for path in [f"/iiif/3/{keys[0]}/info.json", f"/iiif/3/{keys[1]}/full/max/0/default.jpg"]:
        with curator.get(path) as response:
            assert response.status_code == 200, path
            assert response.headers["Cache-Control"] == "private, no-store"
        assert iiif_client.get(path).status_code == 404, path
    curator.post("/curator/logout", data={"csrf_token": csrf_of(curator, "/curator/")})
    assert curator.get(f"/iiif/3/{keys[0]}/info.json").status_code == 404


def _big_app(tmp_path: Path, db: Database, **settings: Any) -> tuple[Flask, str]:
    """An app over one published page scan larger than computed output may be (7.7 MP)."""
    from app import create_app

    noise = Image.effect_noise((3200, 2400), 60).convert("RGB")
    scan = io.BytesIO()
    noise.save(scan, "JPEG", quality=80)
    scan.seek(0)
    with transaction(db) as session:
        manuscript = Manuscript(slug="ms-big", state=PublicationState.PUBLISHED)
        session.add(manuscript)
        session.flush()
        page = add_page_image(session, images_root(tmp_path), manuscript, scan, "big.jpg", "1")
        key = page.image_key
    assert key is not None
    made = create_app({"SETTINGS": make_settings(tmp_path, db.url, **settings), "TESTING": True})
    return made, key


@pytest.fixture
def big_client(tmp_path: Path, db: Database) -> Iterator[tuple[FlaskClient, str]]:
    """A client over one large published page scan, and its image key."""
    from app import context

    made, key = _big_app(tmp_path, db)
    yield made.test_client(), key
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


def test_info_json_announces_the_bounds_and_only_quarter_turns(
    big_client: tuple[FlaskClient, str],
) -> None:
    from catalogue.iiif.image_request import MAX_AREA, MAX_HEIGHT, MAX_WIDTH

    client, key = big_client
    info = client.get(f"/iiif/3/{key}/info.json").get_json()
    assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (
        MAX_WIDTH,
        MAX_HEIGHT,
        MAX_AREA,
    )
    assert "rotationArbitrary" not in info["extraFeatures"]
    assert all(w * h <= MAX_AREA for w, h in ((s["width"], s["height"]) for s in info["sizes"]))


def test_full_max_of_a_large_scan_is_the_largest_allowed(
    big_client: tuple[FlaskClient, str],
) -> None:
    from catalogue.iiif.image_request import MAX_AREA

    client, key = big_client
    with client.get(f"/iiif/3/{key}/full/max/90/default.jpg", buffered=True) as response:
        assert response.status_code == 200
        assert response.headers["Link"].startswith(
            f"<http://localhost/iiif/3/{key}/full/2364,1773/"
        )
        with Image.open(io.BytesIO(response.data)) as image:
            assert image.size == (1773, 2364)  # turned a quarter
            assert image.width * image.height <= MAX_AREA
    for too_much in (
        "full/3200,/0/default.jpg",
        "full/max/45/default.jpg",
        "full/max/!22.5/gray.jpg",
    ):
        assert client.get(f"/iiif/3/{key}/{too_much}").status_code == 400, too_much


def test_a_computed_image_is_a_503_while_every_render_slot_is_taken(
    big_client: tuple[FlaskClient, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.scholar import iiif
    from catalogue.iiif.slots import Slots

    monkeypatch.setattr(iiif, "RENDER_WAIT_SECONDS", 0.05)
    client, key = big_client
    premade = f"/iiif/3/{key}/0,0,512,512/512,512/0/default.jpg"
    computed = f"/iiif/3/{key}/0,0,512,512/512,512/180/default.jpg"
    with Slots(tmp_path / ".slots", "iiif-render", 1, 0).take():
        busy = client.get(computed)
        assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
        with client.get(premade, buffered=True) as tile:  # files need no slot
            assert tile.status_code == 200
    assert client.get(computed, buffered=True).status_code == 200


def test_the_cache_of_computed_images_is_kept_within_its_limit(
    tmp_path: Path, db: Database
) -> None:
    from app import context

    made, key = _big_app(tmp_path, db, iiif_cache_mb=1)
    client = made.test_client()
    for angle in (90, 180, 270):  # each a new computed file of a few megabytes
        url = f"/iiif/3/{key}/full/max/{angle}/gray.png"
        with client.get(url, buffered=True) as response:
            assert response.status_code == 200
    cached = [p for p in images_root(tmp_path).rglob("cache/**/*") if p.is_file()]
    assert [p.parent.name for p in cached] == ["270"]  # the newest stays, however large
    with made.app_context():
        context.database().dispose()
        context.search_index().close()
