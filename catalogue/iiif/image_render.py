"""Compute an Image API request with Pillow: from the pre-made tiles of the pyramid level that
has enough detail, or else from the master (decoding a JPEG at reduced scale if it helps).

Any computation from the master decodes the whole master: a region of a 120-megapixel scan at
full resolution meant 360 MB and seconds of decoding, whatever the region's size. The tiles of
one level of the pyramid hold the same pixels (box-filtered per level) in 512-pixel pieces, so a
request assembled from them costs about as much as its output, and never touches the master.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from catalogue.iiif.image_request import ImageRequest
from catalogue.images.pyramid import tile_path


@dataclass(frozen=True)
class Tiles:
    """Where an image's pre-made tiles are, and how they were cut (images/pyramid.py)."""

    folder: Path  # the tiles below their canonical request paths
    tile_width: int
    scale_factors: list[int]


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


def _from_tiles(tiles: Tiles, request: ImageRequest) -> tuple[Image.Image, bytes | None] | None:
    """The region at the requested size, from the tiles of the coarsest level that still has
    at least the output's detail; None when a tile is missing (then the master is used)."""
    box = request.region
    # Full-resolution pixels per output pixel (under 1 when upscaling: the finest level).
    detail = max(1.0, min(box.w / request.width, box.h / request.height))
    scale = max((s for s in tiles.scale_factors if s <= detail), default=None)
    if scale is None:
        return None
    full = (request.full_width, request.full_height)
    step = tiles.tile_width * scale
    first_x, first_y = box.x // step * step, box.y // step * step
    origin = (first_x // scale, first_y // scale)  # of the canvas, in the level's pixels
    canvas: Image.Image | None = None
    icc: bytes | None = None
    for y in range(first_y, box.y + box.h, step):
        for x in range(first_x, box.x + box.w, step):
            w, h = min(step, full[0] - x), min(step, full[1] - y)
            path = tiles.folder / tile_path(
                x, y, w, h, math.ceil(w / scale), math.ceil(h / scale), full
            )
            try:
                tile = Image.open(path, formats=["JPEG"])
                tile.load()
            except OSError:
                return None
            if canvas is None:
                right = math.ceil(min(box.x + box.w + step, full[0]) / scale)
                bottom = math.ceil(min(box.y + box.h + step, full[1]) / scale)
                canvas = Image.new(tile.mode, (right - origin[0], bottom - origin[1]))
                icc = tile.info.get("icc_profile")
            canvas.paste(tile, (x // scale - origin[0], y // scale - origin[1]))
    if canvas is None:
        return None
    source = (
        box.x / scale - origin[0],
        box.y / scale - origin[1],
        (box.x + box.w) / scale - origin[0],
        (box.y + box.h) / scale - origin[1],
    )
    size = (request.width, request.height)
    return canvas.resize(size, Image.Resampling.LANCZOS, box=source, reducing_gap=3.0), icc


def render(master: Path, request: ImageRequest, tiles: Tiles | None = None) -> bytes:
    """The encoded bytes answering the request (from ``tiles`` where they hold it)."""
    assembled = _from_tiles(tiles, request) if tiles is not None else None
    if assembled is not None:
        image, icc = assembled
    else:
        image = _region(master, request)
        icc = image.info.get("icc_profile")
    if request.mirror:
        image = ImageOps.mirror(image)
    if request.rotation:  # a quarter turn (image_request.ROTATIONS): a transpose, no resampling
        image = image.transpose(_TRANSPOSE[int(request.rotation)])
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
