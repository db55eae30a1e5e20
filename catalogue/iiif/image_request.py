"""IIIF Image API 3.0 requests: parse region, size, rotation, quality and format; canonical form."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

UPSCALE_LIMIT = 16_000_000  # pixels: upscaled (^) output is computed on demand, so bounded
QUALITIES = ("default", "color", "gray", "bitonal")
FORMATS = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
# The longest side each format's encoder writes (libjpeg: 65,500; libwebp: 16,383); beyond
# it Pillow fails while encoding, after all the work is done.
MAX_SIDE = {"jpg": 65_500, "png": 65_500, "webp": 16_383}
# A rotated output's canvas holds its corners: bounded too (a 45-degree turn of a long strip
# would otherwise ask for gigapixels). Four times the area covers a 6:1 page turned 45 degrees.
ROTATED_AREA_FACTOR = 4

# ASCII digits, and few of them: \d matches "٣", int() refuses more than 4300 digits and
# float() makes a 400-digit number infinite. Nine digits exceed any image.
_INTEGER = r"[0-9]{1,9}"
_NUMBER = rf"{_INTEGER}(?:\.[0-9]{{1,20}})?"
_PIXELS = re.compile(rf"^({_INTEGER}),({_INTEGER}),({_INTEGER}),({_INTEGER})$")
_PERCENT_REGION = re.compile(rf"^pct:({_NUMBER}),({_NUMBER}),({_NUMBER}),({_NUMBER})$")
_SIZE_WH = re.compile(rf"^(!)?({_INTEGER})?,({_INTEGER})?$")
_SIZE_PCT = re.compile(rf"^pct:({_NUMBER})$")
_ROTATION = re.compile(rf"^(!)?({_NUMBER})$")


class BadImageRequest(ValueError):
    """A request the Image API defines as invalid (HTTP 400); the message says why."""


@dataclass(frozen=True)
class Box:
    """A region of the full image in pixels."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class ImageRequest:
    """A parsed, resolved image request: pixels of the full image, output size, and so on."""

    region: Box
    width: int  # of the output, before rotation
    height: int
    mirror: bool
    rotation: float
    quality: str
    format: str
    full_width: int
    full_height: int

    @property
    def is_full(self) -> bool:
        """Whether the region is the whole image."""
        return self.region == Box(0, 0, self.full_width, self.full_height)

    def canonical_path(self) -> str:
        """The request's canonical URI path below the image id (the same image, one spelling)."""
        region = "full" if self.is_full else _box(self.region)
        same = (self.width, self.height) == (self.region.w, self.region.h)
        size = "max" if same else f"{self.width},{self.height}"
        rotation = ("!" if self.mirror else "") + _number(self.rotation)
        return f"{region}/{size}/{rotation}/{self.quality}.{self.format}"


def _box(box: Box) -> str:
    return f"{box.x},{box.y},{box.w},{box.h}"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def parse_region(text: str, width: int, height: int) -> Box:
    """The region's pixels, clipped to the image; 400 for malformed or empty regions."""
    if text == "full":
        return Box(0, 0, width, height)
    if text == "square":
        side = min(width, height)
        return Box((width - side) // 2, (height - side) // 2, side, side)
    match = _PIXELS.match(text)
    if match:
        x, y, w, h = (int(v) for v in match.groups())
    else:
        match = _PERCENT_REGION.match(text)
        if not match:
            raise BadImageRequest(
                f"region {text[:40]!r} is not full, square, x,y,w,h or pct:x,y,w,h"
            )
        px, py, pw, ph = (float(v) for v in match.groups())
        x, y = round(px * width / 100), round(py * height / 100)
        w, h = round(pw * width / 100), round(ph * height / 100)
    if w <= 0 or h <= 0:
        raise BadImageRequest("the region has no width or height")
    if x >= width or y >= height:
        raise BadImageRequest("the region lies outside the image")
    return Box(x, y, min(w, width - x), min(h, height - y))


def parse_size(text: str, region: Box, max_area: int) -> tuple[int, int]:
    """The output width and height; 400 for malformed sizes and unmarked upscaling."""
    upscale = text.startswith("^")
    body = text[1:] if upscale else text
    rw, rh = region.w, region.h
    if body == "max":
        w, h = rw, rh
        if upscale and w * h < max_area:
            factor = math.sqrt(max_area / (w * h))
            w, h = int(w * factor), int(h * factor)
    elif match := _SIZE_PCT.match(body):
        pct = float(match.group(1))
        w, h = round(rw * pct / 100), round(rh * pct / 100)
    elif match := _SIZE_WH.match(body):
        confined, sw, sh = match.group(1), match.group(2), match.group(3)
        if confined:
            if sw is None or sh is None:
                raise BadImageRequest(f"size {text[:40]!r}: !w,h needs both a width and a height")
            scale = min(int(sw) / rw, int(sh) / rh)
            w, h = round(rw * scale), round(rh * scale)
        elif sw is not None and sh is not None:
            w, h = int(sw), int(sh)
        elif sw is not None:
            w = int(sw)
            h = round(rh * w / rw)
        elif sh is not None:
            h = int(sh)
            w = round(rw * h / rh)
        else:
            raise BadImageRequest(f"size {text[:40]!r} gives neither a width nor a height")
    else:
        raise BadImageRequest(f"size {text[:40]!r} is not max, w,, ,h, w,h, !w,h or pct:n")
    if w <= 0 or h <= 0:
        raise BadImageRequest("the requested size is zero")
    if not upscale and (w > rw or h > rh):
        raise BadImageRequest("a size larger than the region must be asked for with ^")
    if w * h > max_area:
        raise BadImageRequest(f"the requested size exceeds the largest allowed ({max_area} pixels)")
    return w, h


def parse_rotation(text: str) -> tuple[bool, float]:
    """Mirroring and the clockwise angle, 0 to 360."""
    match = _ROTATION.match(text)
    if not match or float(match.group(2)) > 360:
        raise BadImageRequest(f"rotation {text[:40]!r} is not a number from 0 to 360 (! to mirror)")
    angle = float(match.group(2)) % 360
    return bool(match.group(1)), angle


def max_area(width: int, height: int) -> int:
    """The largest output in pixels: the full image, or more with ^ up to a bound on the work."""
    return max(width * height, min(4 * width * height, UPSCALE_LIMIT))


def parse_request(
    region: str, size: str, rotation: str, quality_format: str, width: int, height: int
) -> ImageRequest:
    """Parse the four path segments of an image request against an image's dimensions."""
    quality, dot, fmt = quality_format.partition(".")
    if not dot or quality not in QUALITIES:
        raise BadImageRequest(f"quality {quality[:40]!r} is not one of {', '.join(QUALITIES)}")
    if fmt not in FORMATS:
        raise BadImageRequest(f"format {fmt[:40]!r} is not one of {', '.join(FORMATS)}")
    box = parse_region(region, width, height)
    out_w, out_h = parse_size(size, box, max_area=max_area(width, height))
    mirror, angle = parse_rotation(rotation)
    _check_canvas(out_w, out_h, angle, fmt, max_area(width, height))
    return ImageRequest(box, out_w, out_h, mirror, angle, quality, fmt, width, height)


def _check_canvas(width: int, height: int, angle: float, fmt: str, area: int) -> None:
    """400 for an output the encoder cannot write or whose rotated canvas is too large."""
    turn = math.radians(angle)
    cos, sin = abs(math.cos(turn)), abs(math.sin(turn))
    if angle % 90:  # Pillow's canvas holds the turned corners, a pixel more when rounding
        width, height = (
            math.ceil(width * cos + height * sin) + 1,
            math.ceil(width * sin + height * cos) + 1,
        )
    elif angle % 180:
        width, height = height, width
    if max(width, height) > MAX_SIDE[fmt]:
        raise BadImageRequest(
            f"the output would be {width} x {height} pixels; {fmt} allows at most "
            f"{MAX_SIDE[fmt]} on a side"
        )
    if width * height > ROTATED_AREA_FACTOR * area:
        raise BadImageRequest(
            f"the rotated output would exceed {ROTATED_AREA_FACTOR * area} pixels"
        )
