"""Compute an Image API request with Pillow, decoding JPEG masters at reduced scale if it helps."""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageOps

from catalogue.iiif.image_request import ImageRequest

_TRANSPOSE = {
    90: Image.Transpose.ROTATE_270,  # IIIF turns clockwise; Pillow's ROTATE_n counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def _region(master: Path, request: ImageRequest) -> Image.Image:
    """The requested region at the requested size (before mirroring and rotation)."""
    box = request.region
    with Image.open(master, formats=["JPEG"]) as image:
        # draft() decodes at 1/2, 1/4 or 1/8 scale, as long as the result stays large enough.
        scale_x, scale_y = request.width / box.w, request.height / box.h
        wanted = (
            math.ceil(request.full_width * scale_x),
            math.ceil(request.full_height * scale_y),
        )
        image.draft(image.mode, wanted)
        reduction = 1 << max(0, round(math.log2(request.full_width / image.width)))
        source = (
            box.x / reduction,
            box.y / reduction,
            min((box.x + box.w) / reduction, image.width),
            min((box.y + box.h) / reduction, image.height),
        )
        size = (request.width, request.height)
        if reduction == 1 and size == (box.w, box.h):
            return image.crop((box.x, box.y, box.x + box.w, box.y + box.h))
        return image.resize(size, Image.Resampling.LANCZOS, box=source, reducing_gap=3.0)


def render(master: Path, request: ImageRequest) -> bytes:
    """The encoded bytes answering the request."""
    image = _region(master, request)
    icc = image.info.get("icc_profile")
    if request.mirror:
        image = ImageOps.mirror(image)
    angle = request.rotation
    if angle in _TRANSPOSE:
        image = image.transpose(_TRANSPOSE[int(angle)])
    elif angle:
        transparent = request.format in ("png", "webp")
        if transparent:
            image = image.convert("RGBA")
        fill = (0, 0, 0, 0) if transparent else ("white" if image.mode == "RGB" else 255)
        image = image.rotate(-angle, Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    if request.quality == "gray":
        image = image.convert("LA" if image.mode == "RGBA" else "L")
        icc = None
    elif request.quality == "bitonal":
        image = image.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")
        icc = None
    buffer = io.BytesIO()
    if request.format == "jpg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("L" if image.mode in ("1", "LA") else "RGB")
        image.save(buffer, "JPEG", quality=85, icc_profile=icc)
    elif request.format == "png":
        image.save(buffer, "PNG", compress_level=3, icc_profile=icc)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.mode else "RGB")
        image.save(buffer, "WEBP", quality=85, icc_profile=icc)
    return buffer.getvalue()
