"""The static derivatives made at ingest: every tile and size at its canonical path, each the
right size and the right part of the image."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from catalogue.images.pyramid import (
    LARGEST_SIZE,
    THUMBNAIL_WIDTH,
    TILE,
    build_pyramid,
    thumbnail_size,
    tile_path,
)


@pytest.mark.parametrize(
    ("size", "thumb"),
    [
        ((1200, 1600), (300, 400)),
        ((300, 90), (300, 90)),
        ((200, 50), (200, 50)),
        ((3000, 1), (300, 1)),
    ],
)
def test_the_thumbnail_is_300_wide_or_the_image_itself(
    size: tuple[int, int], thumb: tuple[int, int]
) -> None:
    assert thumbnail_size(*size) == thumb


def _quadrants(width: int, height: int) -> Image.Image:
    """An image whose four quarters are red, green, blue and white."""
    image = Image.new("RGB", (width, height), "white")
    half_w, half_h = width // 2, height // 2
    image.paste((255, 0, 0), (0, 0, half_w, half_h))
    image.paste((0, 255, 0), (half_w, 0, width, half_h))
    image.paste((0, 0, 255), (0, half_h, half_w, height))
    return image


def _near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) < 40 for a, b in zip(pixel[:3], colour, strict=True))


def test_a_pyramid_of_tiles_levels_and_sizes(tmp_path: Path) -> None:
    full = (1100, 700)  # three levels: 1100, 550 and 275 wide
    made = build_pyramid(_quadrants(*full), tmp_path, workers=2)
    assert made.tile_width == TILE and made.scale_factors == [1, 2, 4]
    assert made.sizes == [(275, 175), (300, 191), (550, 350), (1100, 700)]
    # Full resolution: tiles of 512 from the top left, the last ones cut to the image.
    first = tmp_path / tile_path(0, 0, 512, 512, 512, 512, full)
    last = tmp_path / tile_path(1024, 512, 76, 188, 76, 188, full)
    with Image.open(first) as tile:
        assert tile.size == (512, 512) and _near(tile.getpixel((10, 10)), (255, 0, 0))
    with Image.open(last) as tile:
        assert tile.size == (76, 188) and _near(tile.getpixel((70, 180)), (255, 255, 255))
    # Scale 2: a tile covers 1024 pixels of the original at half size.
    with Image.open(tmp_path / tile_path(1024, 0, 76, 700, 38, 350, full)) as tile:
        assert tile.size == (38, 350) and _near(tile.getpixel((20, 10)), (0, 255, 0))
    # Whole-image sizes, the thumbnail among them.
    for width, height in made.sizes:
        path = tmp_path / tile_path(0, 0, *full, width, height, full)
        with Image.open(path) as whole:
            assert whole.size == (width, height) and whole.format == "JPEG"
            assert _near(whole.getpixel((width - 2, height - 2)), (255, 255, 255))
            assert _near(whole.getpixel((1, height - 2)), (0, 0, 255))
    written = sorted(p for p in tmp_path.rglob("*.jpg"))
    assert len(written) == 6 + 2 + 1 + 4 - 1  # tiles per level, sizes (the top tile is one)


def test_a_small_image_is_one_tile_and_its_own_thumbnail(tmp_path: Path) -> None:
    made = build_pyramid(Image.new("L", (200, 120), 128), tmp_path)
    assert made.scale_factors == [1] and made.sizes == [(200, 120)]
    assert [p.name for p in tmp_path.rglob("*.jpg")] == ["default.jpg"]


def test_sizes_are_pre_made_only_up_to_the_largest(tmp_path: Path) -> None:
    made = build_pyramid(Image.new("RGB", (LARGEST_SIZE * 2 + 2, 600), "white"), tmp_path)
    assert max(max(size) for size in made.sizes) <= LARGEST_SIZE
    assert (THUMBNAIL_WIDTH, round(600 * THUMBNAIL_WIDTH / (LARGEST_SIZE * 2 + 2))) in made.sizes


def test_the_colour_profile_goes_into_every_file(tmp_path: Path) -> None:
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    build_pyramid(Image.new("RGB", (600, 100), "white"), tmp_path, icc_profile=icc)
    for path in tmp_path.rglob("*.jpg"):
        with Image.open(path) as made:
            assert made.info.get("icc_profile") == icc, path
