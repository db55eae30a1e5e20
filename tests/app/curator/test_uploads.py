"""Scan upload: many files at once, each with its own result; traversal in names goes nowhere."""

from __future__ import annotations

import io
import re
import time
from typing import Any, cast

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.test import TestResponse

from catalogue.db import Database
from catalogue.editing.pages import folio_from_filename
from catalogue.images import StoredImage, ingest, pages
from catalogue.models import Side
from tests.app.curator.conftest import csrf_of, login_while
from tests.conftest import write_lock_free


def _jpeg(size: tuple[int, int] = (300, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def _upload(
    client: FlaskClient, files: list[tuple[bytes, str]], json: bool = False
) -> TestResponse:
    data = {
        "csrf_token": csrf_of(client, "/curator/"),
        "file": [(io.BytesIO(content), name) for content, name in files],
    }
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        "/curator/manuscripts/ms-s/scans",
        data=data,
        content_type="multipart/form-data",
        headers=headers,
    )


def _manuscript(client: FlaskClient) -> None:
    form = {"slug": "ms-s", "title.en": "Scanned", "csrf_token": csrf_of(client, "/curator/")}
    assert client.post("/curator/manuscripts/new", data=form).status_code == 302


def test_many_scans_at_once_each_with_its_own_result(curator_client: FlaskClient) -> None:
    _manuscript(curator_client)
    assert "data-upload" in curator_client.get("/curator/manuscripts/ms-s/scans").get_data(
        as_text=True
    )
    response = _upload(
        curator_client,
        [
            (_jpeg(), "1r.jpg"),
            (b"not an image", "2r.jpg"),
            (_jpeg(), "../../etc/passwd.jpg"),
            (_jpeg(), "1v.jpg"),
        ],
        json=True,
    )
    results = response.get_json()
    assert response.status_code == 400  # one file was refused
    assert [bool(r["ok"]) for r in results] == [True, False, True, True]
    assert results[0]["page"] == "1r" and results[3]["page"] == "1v"
    assert results[1]["error"]
    pages = curator_client.get("/curator/manuscripts/ms-s/pages").get_data(as_text=True)
    assert re.findall(r'name="page-\d+\.folio" value="([^"]*)"', pages)[:3] == ["1", "2", "1"]


def test_without_the_script_the_form_still_uploads(curator_client: FlaskClient) -> None:
    _manuscript(curator_client)
    page = _upload(curator_client, [(_jpeg(), "scan.jpg")]).get_data(as_text=True)
    assert "page 1" in page


def test_scan_pages_need_a_manuscript_and_files(curator_client: FlaskClient) -> None:
    assert curator_client.get("/curator/manuscripts/nope/scans").status_code == 404
    _manuscript(curator_client)
    empty = curator_client.post(
        "/curator/manuscripts/ms-s/scans", data={"csrf_token": csrf_of(curator_client, "/curator/")}
    )
    assert empty.status_code == 400


def test_folio_and_side_from_file_names() -> None:
    assert folio_from_filename("12r.jpg") == ("12", Side.RECTO)
    assert folio_from_filename("f012v.tif") == ("12", Side.VERSO)
    assert folio_from_filename("fol_7a-recto.png") == ("7a", Side.RECTO)
    assert folio_from_filename("3.jpg") == ("3", Side.NONE)
    assert folio_from_filename("IMG_2231 copy.jpg") == (None, None)
    assert folio_from_filename("..\\..\\12r.jpg") == ("12", Side.RECTO)


def test_the_scan_is_shown_beside_the_texts(curator_client: FlaskClient) -> None:
    _manuscript(curator_client)
    _upload(curator_client, [(_jpeg(), "5v.jpg")])
    pages = curator_client.get("/curator/manuscripts/ms-s/pages").get_data(as_text=True)
    page_id = re.search(r'name="page-0\.id" value="(\d+)"', pages)
    assert page_id
    editor = curator_client.get(f"/curator/manuscripts/ms-s/pages/{page_id.group(1)}").get_data(
        as_text=True
    )
    image = re.search(r'<img src="(/iiif/3/[^"]+)"', editor)
    assert image
    served = curator_client.get(image.group(1))
    served.close()  # a file response: close it, as a server does
    assert served.status_code == 200


def test_a_login_is_not_kept_waiting_while_a_scan_is_decoded_and_tiled(
    curator_app: Flask, curator_client: FlaskClient, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pathological scan took 7 minutes inside the write transaction, and a login meanwhile
    # failed with "database is locked": the ingest must run with no write transaction open.
    _manuscript(curator_client)
    seen: dict[str, object] = {}
    real = ingest.ingest_image

    def slow_ingest(*args: Any, **kwargs: Any) -> StoredImage:
        seen["lock free"] = write_lock_free(db)
        seen["login"] = login_while(curator_app)
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "ingest_image", slow_ingest)
    response = _upload(curator_client, [(_jpeg(), "1r.jpg")], json=True)
    assert response.status_code == 200, response.get_json()
    assert seen["lock free"] is True
    status, seconds = cast(tuple[int, float], seen["login"])
    assert status == 302 and seconds < 5
    assert write_lock_free(db)


def test_a_60_million_pixel_wide_png_is_refused_at_once_with_a_translated_message(
    curator_client: FlaskClient,
) -> None:
    from tests.catalogue.images.test_ingest import long_thin_png

    _manuscript(curator_client)
    started = time.monotonic()
    response = _upload(curator_client, [(long_thin_png(60_000_000, 2), "strip.png")], json=True)
    assert time.monotonic() - started < 10
    assert response.status_code == 400
    assert "a side may be at most 65,500" in response.get_json()[0]["error"]
    curator_client.set_cookie("lang", "ru")
    response = _upload(curator_client, [(long_thin_png(70_000, 2), "strip.png")], json=True)
    assert "65,500" in response.get_json()[0]["error"]
    assert "a side may be" not in response.get_json()[0]["error"]
