"""A SYNTHETIC page scan for load and fault tests: labelled on its face, never a manuscript."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

LABEL = "SYNTHETIC TEST SCAN - NOT A MANUSCRIPT"


def synthetic_scan(seed: int, width: int = 1200, height: int = 1600) -> bytes:
    """A JPEG of the given size with the label written across it and some seeded texture."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (236, 224, 196))
    draw = ImageDraw.Draw(image)
    for _ in range(400):  # lines of "text", so the JPEG is not trivially small
        x, y = rng.randrange(width), rng.randrange(height)
        draw.line((x, y, x + rng.randrange(40, 300), y), fill=(60, 40, 20), width=2)
    for row in range(0, height, 200):
        draw.text((40, row + 40), f"{LABEL} #{seed}", fill=(180, 0, 0))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
