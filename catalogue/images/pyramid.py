"""Static derivatives made at ingest: a IIIF tile pyramid and whole-image sizes, as files."""

from __future__ import annotations

import io
import math
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

TILE = 512
THUMBNAIL_WIDTH = 300  # a grid thumbnail, for the kiosk and viewers' thumbnail strips
LARGEST_SIZE = 2048  # whole-image sizes are pre-made up to this many pixels on a side
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Pyramid:
    """What was made: tile width, scale factors and the whole-image sizes (width, height)."""

    tile_width: int
    scale_factors: list[int]
    sizes: list[tuple[int, int]]


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    """The pre-made thumbnail of an image this size (the image itself when it is narrower)."""
    if width <= THUMBNAIL_WIDTH:
        return width, height
    return THUMBNAIL_WIDTH, max(1, round(height * THUMBNAIL_WIDTH / width))


def tile_path(x: int, y: int, w: int, h: int, out_w: int, out_h: int, full: tuple[int, int]) -> str:
    """The IIIF canonical path of a pre-made tile or size (jpg, default quality, no rotation)."""
    # The IIIF service finds pre-made files by a request's canonical path; a test checks that
    # every file made here is at the canonical path of the request it answers.
    region = "full" if (x, y, w, h) == (0, 0, *full) else f"{x},{y},{w},{h}"
    size = "max" if (out_w, out_h) == (w, h) else f"{out_w},{out_h}"
    return f"{region}/{size}/0/default.jpg"


def _encode(
    image: Image.Image, path: Path, icc: bytes | None, box: tuple[int, int, int, int] | None = None
) -> None:
    buffer = io.BytesIO()
    tile = image.crop(box) if box else image
    tile.save(buffer, "JPEG", quality=JPEG_QUALITY, icc_profile=icc)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _level_tiles(
    scale: int, full: tuple[int, int], tiles: Path
) -> list[tuple[tuple[int, int, int, int], Path]]:
    width, height = full
    step = TILE * scale
    jobs = []
    for y in range(0, height, step):
        for x in range(0, width, step):
            rw, rh = min(step, width - x), min(step, height - y)
            ow, oh = math.ceil(rw / scale), math.ceil(rh / scale)
            box = (x // scale, y // scale, x // scale + ow, y // scale + oh)
            canonical = tile_path(x, y, rw, rh, ow, oh, full)
            jobs.append((box, tiles / canonical))
    return jobs


BAND = 1024  # rows of a level halved by one job (even, so bands halve exactly)


def _halve(pool: ThreadPoolExecutor, level: Image.Image) -> list[tuple[int, Future[Image.Image]]]:
    return [
        (y // 2, pool.submit(level.reduce, 2, (0, y, level.width, min(y + BAND, level.height))))
        for y in range(0, level.height, BAND)
    ]


def _assemble(level: Image.Image, halves: list[tuple[int, Future[Image.Image]]]) -> Image.Image:
    half = Image.new(level.mode, (math.ceil(level.width / 2), math.ceil(level.height / 2)))
    for y, band in halves:
        half.paste(band.result(), (0, y))
    return half


def build_pyramid(
    image: Image.Image, tiles: Path, *, icc_profile: bytes | None = None, workers: int | None = None
) -> Pyramid:
    """Write every tile and pre-made size of an RGB or L image below `tiles`.

    The image is decoded once; each level is the previous one halved (a box filter, as
    pyvips and the IIIF level-0 profile assume) and tiles are encoded on a thread pool
    while the next level is computed (Pillow releases the GIL while encoding).
    """
    full = image.size
    width, height = full
    scale_factors: list[int] = []
    sizes: list[tuple[int, int]] = []
    pending: dict[Path, Future[None]] = {}
    with ThreadPoolExecutor(max_workers=workers or 2 * (os.cpu_count() or 1)) as pool:
        level, scale = image, 1
        thumb_source = image  # the smallest level still as wide as a thumbnail
        while True:
            scale_factors.append(scale)
            last = level.width <= TILE and level.height <= TILE
            # The next level is halved band by band on the pool, ahead of this level's tiles.
            halves = [] if last else _halve(pool, level)
            for box, path in _level_tiles(scale, full, tiles):
                pending[path] = pool.submit(_encode, level, path, icc_profile, box)
            if level.width >= THUMBNAIL_WIDTH:
                thumb_source = level
            if max(level.size) <= LARGEST_SIZE:
                sizes.append(level.size)
                path = tiles / tile_path(0, 0, width, height, *level.size, full)
                if path not in pending:  # the top level's single tile is the same request
                    pending[path] = pool.submit(_encode, level, path, icc_profile)
            if last:
                break
            level, scale = _assemble(level, halves), scale * 2
        thumb_size = thumbnail_size(width, height)
        path = tiles / tile_path(0, 0, width, height, *thumb_size, full)
        if path not in pending:
            thumb = thumb_source.resize(thumb_size, Image.Resampling.LANCZOS)
            sizes.append(thumb_size)
            pending[path] = pool.submit(_encode, thumb, path, icc_profile)
        for future in pending.values():
            future.result()
    return Pyramid(TILE, scale_factors, sorted(sizes))
