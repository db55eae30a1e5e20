"""The Image API 3.0 info.json of a stored image: what a level 2 viewer needs to ask for tiles."""

from __future__ import annotations

import json

from catalogue.iiif.image_info import EXTRA_FEATURES, IMAGE_CONTEXT, info_document
from catalogue.iiif.image_request import MAX_AREA, MAX_HEIGHT, MAX_WIDTH
from catalogue.images.store import StoredImage

IMAGE = StoredImage(
    key="0123abcd-0000-4000-8000-000000000001",
    width=1100,
    height=700,
    tile_width=512,
    scale_factors=[1, 2, 4],
    sizes=[(275, 175), (550, 350), (1100, 700)],
)
SERVICE = "https://example.org/iiif/3/0123abcd-0000-4000-8000-000000000001"


def test_the_info_document_describes_the_image_and_its_tiles() -> None:
    info = info_document(IMAGE, SERVICE)
    json.dumps(info)
    assert info["@context"] == IMAGE_CONTEXT and info["type"] == "ImageService3"
    assert info["id"] == SERVICE and info["profile"] == "level2"
    assert (info["width"], info["height"]) == (1100, 700)
    # Bounds on computed output (issue 22); the whole image of a small scan is within them.
    assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (
        MAX_WIDTH,
        MAX_HEIGHT,
        MAX_AREA,
    )
    assert info["maxArea"] >= 1100 * 700
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2, 4]}]
    assert info["sizes"] == [
        {"width": 275, "height": 175},
        {"width": 550, "height": 350},
        {"width": 1100, "height": 700},
    ]


def test_only_what_level_2_does_not_promise_is_listed_as_extra() -> None:
    info = info_document(IMAGE, SERVICE)
    assert info["extraQualities"] == ["color", "gray", "bitonal"]
    assert info["extraFormats"] == ["webp"]
    assert info["extraFeatures"] == EXTRA_FEATURES
    # Quarter turns only: arbitrary angles are refused (issue 22).
    assert "rotationArbitrary" not in EXTRA_FEATURES and "sizeUpscaling" in EXTRA_FEATURES
