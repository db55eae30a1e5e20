"""The Image API 3.0 info.json of a stored image."""

from __future__ import annotations

from typing import Any

from catalogue.iiif.image_request import FORMATS, MAX_AREA, MAX_HEIGHT, MAX_WIDTH, QUALITIES
from catalogue.images.store import StoredImage

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
LEVEL2_PROFILE = "http://iiif.io/api/image/3/level2.json"
EXTRA_FEATURES = [
    "baseUriRedirect",
    "canonicalLinkHeader",
    "cors",
    "jsonldMediaType",
    "mirroring",
    "profileLinkHeader",
    "sizeUpscaling",
]


def info_document(image: StoredImage, service_id: str) -> dict[str, Any]:
    """info.json for the image served at service_id (absolute, without /info.json)."""
    return {
        "@context": IMAGE_CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": image.width,
        "height": image.height,
        # Bounds on computed output; a full image beyond them is seen through its tiles.
        "maxWidth": MAX_WIDTH,
        "maxHeight": MAX_HEIGHT,
        "maxArea": MAX_AREA,
        "sizes": [{"width": w, "height": h} for w, h in image.sizes],
        "tiles": [{"width": image.tile_width, "scaleFactors": image.scale_factors}],
        "extraQualities": [q for q in QUALITIES if q != "default"],
        "extraFormats": [f for f in FORMATS if f not in ("jpg", "png")],
        "extraFeatures": EXTRA_FEATURES,
    }
