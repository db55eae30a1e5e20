"""Image API requests computed with Pillow, directly: the right part of the image, at the right
size, mirrored and turned clockwise, in the quality and format asked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from catalogue.iiif.image_render import Tiles, render
from catalogue.iiif.image_request import BadImageRequest, ImageRequest, parse_request
from catalogue.images.ingest import ingest_image
from catalogue.images.store import TILES, ImageStore

WIDTH, HEIGHT = 1600, 1000


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JPEG master: the left half red, the right half blue, a green top-left corner."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (220, 0, 0))
    image.paste((0, 0, 220), (WIDTH // 2, 0, WIDTH, HEIGHT))
    image.paste((0, 200, 0), (0, 0, 200, 200))
    path = tmp_path_factory.mktemp("master") / "master.jpg"
    image.save(path, "JPEG", quality=95)
    return path


def _render(master: Path, region: str, size: str, rotation: str, quality: str) -> Image.Image:
    request = parse_request(region, size, rotation, quality, WIDTH, HEIGHT)
    image = Image.open(io.BytesIO(render(master, request)))
    image.load()
    return image


def _colour(image: Image.Image, x: int, y: int) -> str:
    r, g, b = image.convert("RGB").getpixel((x, y))[:3]  # type: ignore[index]
    return max((r, "red"), (g, "green"), (b, "blue"))[1] if max(r, g, b) > 120 else "dark"


def test_a_region_at_full_size_is_a_crop(master: Path) -> None:
    image = _render(master, "700,0,200,100", "max", "0", "default.jpg")
    assert image.format == "JPEG" and image.size == (200, 100)
    assert _colour(image, 10, 50) == "red" and _colour(image, 190, 50) == "blue"


def test_a_reduced_size_is_decoded_small_and_still_true(master: Path) -> None:
    image = _render(master, "full", "200,", "0", "default.jpg")
    assert image.size == (200, 125)
    assert _colour(image, 5, 5) == "green" and _colour(image, 50, 100) == "red"
    assert _colour(image, 150, 100) == "blue"


def test_mirroring_and_quarter_turns_clockwise(master: Path) -> None:
    mirrored = _render(master, "full", "160,", "!0", "default.jpg")
    assert _colour(mirrored, 155, 3) == "green" and _colour(mirrored, 20, 80) == "blue"
    turned = _render(master, "full", "160,", "90", "default.jpg")
    assert turned.size == (100, 160)
    assert _colour(turned, 96, 3) == "green"  # the top left goes to the top right
    assert _colour(turned, 50, 150) == "blue"  # the right half goes to the bottom


def test_only_quarter_turns_are_computed(master: Path) -> None:
    # Arbitrary angles are refused at parsing (issue 22): no computation grows the canvas.
    with pytest.raises(BadImageRequest, match="only 0, 90, 180 and 270"):
        _render(master, "full", "160,", "45", "default.jpg")


@pytest.mark.parametrize(
    ("quality", "modes"), [("gray.jpg", {"L"}), ("gray.png", {"L", "LA"}), ("bitonal.png", {"1"})]
)
def test_gray_and_bitonal(master: Path, quality: str, modes: set[str]) -> None:
    image = _render(master, "full", "80,", "0", quality)
    assert image.mode in modes
    assert "icc_profile" not in image.info


def test_webp_and_png_formats(master: Path) -> None:
    assert _render(master, "full", "80,", "0", "color.webp").format == "WEBP"
    png = _render(master, "full", "80,", "0", "default.png")
    assert png.format == "PNG" and png.size == (80, 50)


# From the pyramid's tiles: the same pixels as from the master, at the cost of the output.
SW, SH = 2300, 1700  # not a multiple of the tile size: edge tiles are narrower


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tiles]:
    """An ingested SYNTHETIC scan: its master and its tiles."""
    image = Image.new("RGB", (SW, SH), (236, 224, 196))
    draw = ImageDraw.Draw(image)
    for n in range(0, SW, 37):  # detail everywhere, so a misplaced tile shows
        draw.line((n, 0, SW - n, SH), fill=(n % 255, 40, 120), width=3)
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
    request = parse_request(region, size, rotation, "default.png", SW, SH)
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
    request = parse_request("full", "max", "90", "default.jpg", SW, SH)
    elsewhere = Tiles(tmp_path / "no-tiles", tiles.tile_width, tiles.scale_factors)
    assert Image.open(io.BytesIO(render(master, request, elsewhere))).size == (SH, SW)


def _turned(request: ImageRequest) -> tuple[int, int]:
    width, height = request.width, request.height
    return (height, width) if request.rotation in (90, 270) else (width, height)
