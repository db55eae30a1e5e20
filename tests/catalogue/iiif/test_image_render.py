"""Computed requests: from the pyramid's tiles, the same pixels as from the master, cheaply."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from catalogue.iiif.image_render import Tiles, render
from catalogue.iiif.image_request import parse_request
from catalogue.images.ingest import ingest_image
from catalogue.images.store import TILES, ImageStore

W, H = 2300, 1700  # not a multiple of the tile size: edge tiles are narrower


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tiles]:
    """An ingested SYNTHETIC scan: its master and its tiles."""
    image = Image.new("RGB", (W, H), (236, 224, 196))
    draw = ImageDraw.Draw(image)
    for n in range(0, W, 37):  # detail everywhere, so a misplaced tile shows
        draw.line((n, 0, W - n, H), fill=(n % 255, 40, 120), width=3)
    source = io.BytesIO()
    image.save(source, "JPEG", quality=92)
    source.seek(0)
    root = tmp_path_factory.mktemp("images")
    found = ingest_image(root, source, "synthetic.jpg")
    store = ImageStore(root)
    master, folder = store.master(found.key), store.folder(found.key)
    assert master is not None and folder is not None
    return master, Tiles(folder / TILES, found.tile_width, found.scale_factors)


@pytest.mark.parametrize(
    ("region", "size", "rotation"),
    [
        ("full", "max", "90"),
        ("full", "1000,", "0"),
        ("300,200,1500,1100", "max", "180"),  # full resolution, across tiles
        ("1900,1400,400,300", "200,", "!270"),  # at the edges, a coarser level
        ("pct:10,10,30,30", "^!900,900", "0"),  # upscaled, from the finest level
    ],
)
def test_tiles_give_the_masters_pixels(
    stored: tuple[Path, Tiles], tmp_path: Path, region: str, size: str, rotation: str
) -> None:
    master, tiles = stored
    request = parse_request(region, size, rotation, "default.png", W, H)
    from_master = Image.open(io.BytesIO(render(master, request))).convert("RGB")
    # A master that is not there: the answer can only have come from the tiles.
    from_tiles = Image.open(io.BytesIO(render(tmp_path / "none.jpg", request, tiles)))
    assert from_tiles.size == from_master.size == _turned(request)
    difference = ImageStat.Stat(ImageChops.difference(from_tiles.convert("RGB"), from_master))
    assert max(difference.mean) < 10  # JPEG tiles and box-filtered levels: close, not equal


def test_a_missing_tile_falls_back_to_the_master(
    stored: tuple[Path, Tiles], tmp_path: Path
) -> None:
    master, tiles = stored
    request = parse_request("full", "max", "90", "default.jpg", W, H)
    elsewhere = Tiles(tmp_path / "no-tiles", tiles.tile_width, tiles.scale_factors)
    assert Image.open(io.BytesIO(render(master, request, elsewhere))).size == (H, W)


def _turned(request: object) -> tuple[int, int]:
    width, height = request.width, request.height  # type: ignore[attr-defined]
    return (height, width) if request.rotation in (90, 270) else (width, height)  # type: ignore[attr-defined]
