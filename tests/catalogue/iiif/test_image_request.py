"""Image API 3.0 request parsing: table-driven, against a 1000 x 800 image."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from catalogue.iiif.image_request import (
    FORMATS,
    MAX_AREA,
    MAX_ENCODER_SIDE,
    MAX_HEIGHT,
    MAX_WIDTH,
    BadImageRequest,
    Box,
    parse_request,
)
from catalogue.images.pyramid import build_pyramid

W, H = 1000, 800


@pytest.mark.parametrize(
    ("region", "size", "rotation", "qf", "canonical"),
    [
        ("full", "max", "0", "default.jpg", "full/max/0/default.jpg"),
        ("0,0,1000,800", "max", "0", "default.jpg", "full/max/0/default.jpg"),
        ("full", "500,", "0", "default.jpg", "full/500,400/0/default.jpg"),
        ("full", ",400", "0", "default.png", "full/500,400/0/default.png"),
        ("full", "pct:50", "0", "gray.jpg", "full/500,400/0/gray.jpg"),
        ("full", "!500,500", "0", "default.jpg", "full/500,400/0/default.jpg"),
        ("square", "max", "0", "default.jpg", "100,0,800,800/max/0/default.jpg"),
        ("pct:10,10,50,50", "max", "0", "default.jpg", "100,80,500,400/max/0/default.jpg"),
        ("900,700,500,500", "max", "0", "default.jpg", "900,700,100,100/max/0/default.jpg"),
        ("0,0,512,512", "256,256", "!90", "bitonal.webp", "0,0,512,512/256,256/!90/bitonal.webp"),
        ("full", "^2000,", "90", "color.jpg", "full/2000,1600/90/color.jpg"),
        ("full", "max", "!270", "default.jpg", "full/max/!270/default.jpg"),
        ("full", "max", "360", "default.jpg", "full/max/0/default.jpg"),
    ],
)
def test_requests_resolve_to_their_canonical_form(
    region: str, size: str, rotation: str, qf: str, canonical: str
) -> None:
    assert parse_request(region, size, rotation, qf, W, H).canonical_path() == canonical


def test_every_premade_file_is_at_the_canonical_path_of_its_request(tmp_path: Path) -> None:
    width, height = 1100, 700  # three levels, edge tiles and a thumbnail narrower than them
    build_pyramid(Image.new("RGB", (width, height)), tmp_path, workers=1)
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.jpg"))
    assert len(made) > 10
    for path in made:
        region, size, rotation, quality_format = path.split("/")
        request = parse_request(region, size, rotation, quality_format, width, height)
        assert request.canonical_path() == path


def test_region_pixels_are_clipped_to_the_image() -> None:
    assert parse_request("900,700,500,500", "max", "0", "default.jpg", W, H).region == Box(
        900, 700, 100, 100
    )


@pytest.mark.parametrize(
    ("region", "size", "rotation", "qf", "message"),
    [
        ("full", "max", "0", "default.gif", "format 'gif'"),
        ("full", "max", "0", "best.jpg", "quality 'best'"),
        ("full", "max", "0", "default", "quality 'default'"),
        ("1000,0,10,10", "max", "0", "default.jpg", "outside the image"),
        ("0,0,0,10", "max", "0", "default.jpg", "no width or height"),
        ("-1,0,10,10", "max", "0", "default.jpg", "region '-1,0,10,10'"),
        ("../../etc", "max", "0", "default.jpg", "region"),
        ("full", "full", "0", "default.jpg", "size 'full'"),
        ("full", "2000,", "0", "default.jpg", "must be asked for with \\^"),
        ("full", "0,", "0", "default.jpg", "zero"),
        ("full", ",", "0", "default.jpg", "neither a width nor a height"),
        ("full", "!500,", "0", "default.jpg", "needs both"),
        ("full", "^100000,", "0", "default.jpg", "exceeds the largest"),
        ("full", "max", "361", "default.jpg", "rotation '361'"),
        ("full", "max", "-90", "default.jpg", "rotation '-90'"),
        ("full", "max", "22.5", "default.jpg", "only 0, 90, 180 and 270"),
        ("full", "max", "!45", "default.jpg", "only 0, 90, 180 and 270"),
        ("full", "^5000,", "0", "default.jpg", "exceeds the largest"),  # wider than MAX_WIDTH
        ("٣,0,10,10", "max", "0", "default.jpg", "region '٣,0,10,10'"),  # ASCII digits only
        # Beyond an encoder's limit is far beyond the bounds (MAX_WIDTH, MAX_HEIGHT).
        ("full", "^65501,1", "0", "default.jpg", "exceeds the largest"),
        ("full", "^16384,1", "0", "default.webp", "exceeds the largest"),
        ("full", "^1,20000", "!90", "default.webp", "exceeds the largest"),
        # Numbers hundreds of digits long: int() refuses past 4300 digits, float() gives inf.
        *(
            pytest.param(region, size, "0", "default.jpg", message, id=f"long-{n}")
            for n, (region, size, message) in enumerate(
                [
                    ("1" * 400 + ",0,10,10", "max", "region '1111"),
                    ("0,0," + "9" * 5000 + ",10", "max", "region '0,0,9999"),
                    ("pct:0,0," + "9" * 400 + ",10", "max", "region 'pct:0,0,9999"),
                    ("full", "^" + "9" * 400 + ",", "size '\\^9999"),
                    ("full", "!" + "9" * 5000 + ",10", "size '!9999"),
                    ("full", "^pct:" + "9" * 400, "size '\\^pct:9999"),
                ]
            )
        ),
    ],
)
def test_invalid_requests_say_why(
    region: str, size: str, rotation: str, qf: str, message: str
) -> None:
    with pytest.raises(BadImageRequest, match=message):
        parse_request(region, size, rotation, qf, W, H)


# A 120-megapixel scan: what is computed from it is bounded, and `max` means the largest allowed.
BIG_W, BIG_H = 12_000, 10_000


@pytest.mark.parametrize(
    ("region", "size", "canonical"),
    [
        ("full", "max", "full/2243,1869/0/default.jpg"),  # maxArea, the shape kept
        ("full", "^max", "full/2243,1869/0/default.jpg"),
        ("0,0,12000,100", "max", "0,0,12000,100/4096,34/0/default.jpg"),  # maxWidth
        ("0,0,100,100", "^max", "0,0,100,100/2048,2048/0/default.jpg"),  # upscaled to maxArea
        ("0,0,2000,2000", "max", "0,0,2000,2000/max/0/default.jpg"),  # within the bounds
    ],
)
def test_max_is_the_largest_size_within_the_bounds(region: str, size: str, canonical: str) -> None:
    request = parse_request(region, size, "0", "default.jpg", BIG_W, BIG_H)
    assert request.width <= MAX_WIDTH and request.height <= MAX_HEIGHT
    assert request.width * request.height <= MAX_AREA
    assert request.canonical_path() == canonical


@pytest.mark.parametrize("size", ["12000,", "3000,3000", "pct:100", "!5000,5000"])
def test_sizes_beyond_the_bounds_are_400(size: str) -> None:
    with pytest.raises(BadImageRequest, match="exceeds the largest"):
        parse_request("full", size, "0", "default.jpg", BIG_W, BIG_H)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_largest_outputs_are_within_every_encoder(fmt: str) -> None:
    # The longest side allowed, turned a quarter: still within what the encoder writes.
    for size, rotation in (("^max", "0"), ("^max", "90")):
        request = parse_request("0,0,10000,1", size, rotation, f"default.{fmt}", 10_000, 10_000)
        assert max(request.width, request.height) <= MAX_ENCODER_SIDE[fmt]
