"""Image API requests computed with Pillow, directly: the right part of the image, at the right
size, mirrored and turned clockwise, in the quality and format asked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from catalogue.iiif.image_render import render
from catalogue.iiif.image_request import parse_request

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


def test_an_arbitrary_angle_grows_the_canvas_and_fills_it(master: Path) -> None:
    jpeg = _render(master, "full", "160,", "45", "default.jpg")
    assert jpeg.width > 160 and jpeg.height > 100
    assert jpeg.convert("RGB").getpixel((0, 0)) == (255, 255, 255)  # white corners
    png = _render(master, "full", "160,", "45", "default.png")
    assert png.mode == "RGBA" and png.getpixel((0, 0))[3] == 0  # type: ignore[index]


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
