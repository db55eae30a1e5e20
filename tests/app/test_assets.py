"""Static files under a versioned URL: a content-hash build id, a year's cache, no escape."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.assets import build_id


def test_static_assets_have_versioned_immutable_urls(client: FlaskClient) -> None:
    page = client.get("/kiosk/en/").get_data(as_text=True)
    css = re.search(r'href="(/assets/[0-9a-f]{12}/kiosk/kiosk\.css)"', page)
    assert css
    with client.get(css.group(1)) as response:
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=31536000" in response.headers["Cache-Control"]
    with client.get("/assets/000000000000/kiosk/kiosk.css") as stale:
        assert stale.status_code == 200 and "no-cache" in stale.headers["Cache-Control"]
    with client.get(css.group(1).replace("kiosk.css", "../../app/kiosk/views.py")) as escaped:
        assert escaped.status_code == 404


def _tree(root: Path, files: dict[str, bytes]) -> str:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return str(root)


def test_the_build_id_follows_the_content_of_every_file(tmp_path: Path) -> None:
    folder = _tree(tmp_path, {"a.css": b"a{}", "sub/b.js": b"1"})
    first = build_id(folder)
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert build_id(folder) == first  # nothing changed: the same id
    (tmp_path / "sub" / "b.js").write_bytes(b"2")
    changed = build_id(folder)
    assert changed != first
    (tmp_path / "c.svg").write_bytes(b"<svg/>")
    assert build_id(folder) not in (first, changed)  # a new file is a new build too


def test_the_build_id_names_the_content_not_the_file_times(tmp_path: Path) -> None:
    one = _tree(tmp_path / "one", {"a.css": b"a{}"})
    two = _tree(tmp_path / "two", {"a.css": b"a{}"})
    os.utime(Path(two) / "a.css", ns=(1, 1))
    assert build_id(one) == build_id(two)  # two servers with the same files agree
    renamed = _tree(tmp_path / "three", {"b.css": b"a{}"})
    assert build_id(renamed) != build_id(one)  # the names count, not only the bytes


def test_asset_url_is_under_the_current_build(app: Flask) -> None:
    from app.assets import asset_url

    with app.test_request_context("/"):
        url = asset_url("css/site.css")
    assert url == f"/assets/{app.extensions['qoljazba_assets']}/css/site.css"
    assert app.extensions["qoljazba_assets"] == build_id(str(app.static_folder))


@pytest.mark.parametrize(
    ("filename", "mimetype"),
    [
        ("fonts/noto-sans-latin-400.woff2", "font/woff2"),
        ("js/viewer.js", "text/javascript"),
        ("css/site.css", "text/css"),
        ("img/favicon.svg", "image/svg+xml"),
    ],
)
def test_each_asset_is_served_as_its_type(
    app: Flask, client: FlaskClient, filename: str, mimetype: str
) -> None:
    build = app.extensions["qoljazba_assets"]
    with client.get(f"/assets/{build}/{filename}") as response:
        assert response.status_code == 200
        assert response.mimetype == mimetype
        assert response.get_data() == (Path(str(app.static_folder)) / filename).read_bytes()


def test_an_asset_is_revalidated_by_its_etag(app: Flask, client: FlaskClient) -> None:
    path = f"/assets/{app.extensions['qoljazba_assets']}/css/site.css"
    with client.get(path) as first:
        etag = first.headers["ETag"]
    with client.get(path, headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304 and again.get_data() == b""


@pytest.mark.parametrize("filename", ["css", "nothing.css", "css/", "../app/assets.py"])
def test_folders_missing_files_and_escapes_are_404(
    app: Flask, client: FlaskClient, filename: str
) -> None:
    with client.get(f"/assets/{app.extensions['qoljazba_assets']}/{filename}") as response:
        assert response.status_code == 404
