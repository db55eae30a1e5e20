"""Image API requests answered from the store, directly: a pre-made file, a cached one, or one
computed once; unknown images and bad requests refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from catalogue.iiif.image_request import BadImageRequest
from catalogue.iiif.image_service import UnknownImage, find_image, image_file
from catalogue.images.ingest import ingest_image
from catalogue.images.store import ImageStore


@pytest.fixture
def stored(tmp_path: Path) -> tuple[ImageStore, str]:
    """A store holding one 1100x700 scan, its key."""
    buffer = io.BytesIO()
    Image.new("RGB", (1100, 700), (200, 30, 30)).save(buffer, "JPEG")
    buffer.seek(0)
    image = ingest_image(tmp_path, buffer, "scan.jpg")
    return ImageStore(tmp_path), image.key


def test_a_known_image_is_found_and_an_unknown_one_refused(stored: tuple[ImageStore, str]) -> None:
    store, key = stored
    assert find_image(store, key).width == 1100
    for unknown in ("0123abcd-0000-4000-8000-000000000009", "../etc", ""):
        with pytest.raises(UnknownImage):
            find_image(store, unknown)
        with pytest.raises(UnknownImage):
            image_file(store, unknown, "full", "max", "0", "default.jpg")


def test_a_tile_made_at_ingest_is_served_as_it_is(stored: tuple[ImageStore, str]) -> None:
    store, key = stored
    found = image_file(store, key, "0,0,512,512", "512,512", "0", "default.jpg")
    assert found.premade and found.media_type == "image/jpeg"
    assert found.canonical == "0,0,512,512/max/0/default.jpg"
    assert found.path == store.derivative(key, found.canonical)


def test_another_request_is_computed_once_then_cached(stored: tuple[ImageStore, str]) -> None:
    store, key = stored
    found = image_file(store, key, "square", "100,", "90", "gray.png")
    assert not found.premade and found.media_type == "image/png"
    assert found.canonical == "200,0,700,700/100,100/90/gray.png"
    with Image.open(found.path) as image:
        assert image.size == (100, 100) and image.mode in ("L", "LA")
    # The same file, not written again (a new file would be a new inode: write_atomically);
    # its time is touched when served, which the cache's trimming reads as "recently used".
    made = found.path.stat().st_ino
    again = image_file(store, key, "200,0,700,700", "100,100", "90", "gray.png")
    assert again.path == found.path and again.path.stat().st_ino == made


def test_the_same_image_spelt_differently_is_one_file(stored: tuple[ImageStore, str]) -> None:
    store, key = stored
    one = image_file(store, key, "full", "550,", "0", "default.jpg")
    two = image_file(store, key, "0,0,1100,700", "550,350", "0", "default.jpg")
    assert one.path == two.path and one.canonical == two.canonical


def test_bad_requests_are_refused(stored: tuple[ImageStore, str]) -> None:
    store, key = stored
    for region, size, rotation, quality in (
        ("2000,0,10,10", "max", "0", "default.jpg"),
        ("full", "max", "45x", "default.jpg"),
        ("full", "max", "0", "default.gif"),
        ("full", "max", "0", "sepia.jpg"),
    ):
        with pytest.raises(BadImageRequest):
            image_file(store, key, region, size, rotation, quality)
