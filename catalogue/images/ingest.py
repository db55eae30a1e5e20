"""Safe ingest of page scans: refuse what is not a sound JPEG, PNG or single-page TIFF,
re-encode what is, and make its derivatives, storing nothing unless all of it succeeded."""

from __future__ import annotations

import io
import shutil
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageCms, ImageOps

from catalogue.images.pyramid import build_pyramid
from catalogue.images.store import (
    INFO,
    MASTER,
    ORIGINAL,
    TILES,
    ImageStore,
    StoredImage,
    new_key,
)
from catalogue.language.messages import Explained, Message

MAX_PIXELS = 120_000_000  # 10,000 x 12,000: larger than any scan of a leaf we expect
# The master and the tiles are JPEG, which cannot hold a side over 65,535 pixels; a
# 60,000,000 x 2 PNG (116 KB, within MAX_PIXELS) ran for 7 minutes before failing.
MAX_SIDE = 65_500
MAX_BYTES = 512 * 1024 * 1024
MASTER_QUALITY = 92

# Explicit, process-wide: Pillow itself refuses anything over twice this at open, and warns
# above it; ingest turns that warning into a refusal too.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF"}
EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF"}
SUFFIX = {"JPEG": "jpg", "PNG": "png", "TIFF": "tif"}


class ImageRejected(Explained):
    """An upload refused; the message is the reason, fit to show to the curator."""


def _expected_format(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ImageRejected(
            f"{filename!r} is not accepted: page images must be JPEG (.jpg), PNG (.png) "
            "or TIFF (.tif) files"
        )
    return EXTENSIONS[suffix]


def _copy_limited(source: BinaryIO, target: Path, max_bytes: int) -> None:
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(1024 * 1024):
            written += len(chunk)
            if written > max_bytes:
                raise ImageRejected(
                    f"the file is larger than the {max_bytes // (1024 * 1024)} MB allowed"
                )
            out.write(chunk)
    if written == 0:
        raise ImageRejected("the file is empty")


def _open_checked(path: Path, filename: str, expected: str, max_pixels: int) -> Image.Image:
    """Open and fully decode the image, refusing anything unsound."""
    try:
        image = Image.open(path, formats=list(FORMATS))
    except Image.DecompressionBombError:
        raise ImageRejected(_too_large(max_pixels)) from None
    except (OSError, SyntaxError, ValueError):
        raise ImageRejected(f"{filename!r} is not a readable JPEG, PNG or TIFF image") from None
    try:
        _check(image, filename, expected, max_pixels)
    except BaseException:
        image.close()
        raise
    return image


def _check(image: Image.Image, filename: str, expected: str, max_pixels: int) -> None:
    # Cameras write JPEGs with extra pictures (previews, depth maps) that Pillow names MPO;
    # the first picture is the photograph, and only it is read.
    multi_picture_jpeg = image.format == "MPO"
    if image.format != expected and not (multi_picture_jpeg and expected == "JPEG"):
        raise ImageRejected(
            f"{filename!r} is named as {expected} but its content is {image.format}; "
            "rename it or export it again"
        )
    # Refused by the size its header declares (Image.open decodes nothing), before any decoding.
    if max(image.size) > MAX_SIDE:
        raise ImageRejected(
            Message(
                "the image is %(width)s x %(height)s pixels; a side may be at most %(limit)s",
                width=image.width,
                height=image.height,
                limit=f"{MAX_SIDE:,}",
            )
        )
    if image.width * image.height > max_pixels:
        raise ImageRejected(_too_large(max_pixels, image.size))
    frames = int(getattr(image, "n_frames", 1))
    if frames != 1 and not multi_picture_jpeg:
        raise ImageRejected(f"{filename!r} holds {frames} images; upload one page per file")
    try:
        image.load()
    except Image.DecompressionBombError:
        raise ImageRejected(_too_large(max_pixels)) from None
    except (OSError, SyntaxError, ValueError):
        raise ImageRejected(f"{filename!r} is truncated or damaged; it could not be read") from None


def _too_large(max_pixels: int, size: tuple[int, int] | None = None) -> str:
    found = f" ({size[0]} x {size[1]})" if size else ""
    return f"the image is larger{found} than the {max_pixels:,} pixels allowed"


_DAMAGED_PROFILE = Message(
    "the image's colour profile (ICC) is damaged or does not fit its CMYK colours, which "
    "cannot be converted without it; export it again with a sound profile"
)


def _readable_profile(icc: bytes) -> bool:
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (OSError, ImageCms.PyCMSError):
        return False
    return True


def _sanitised(image: Image.Image) -> tuple[Image.Image, bytes | None]:
    """Oriented, 8-bit RGB or grey pixels and the ICC profile they are in; nothing else."""
    icc = image.info.get("icc_profile") or None
    if icc is not None and not _readable_profile(icc):
        if image.mode == "CMYK":
            raise ImageRejected(_DAMAGED_PROFILE)
        icc = None  # RGB or grey pixels read as they are; a damaged profile is not passed on
    image = ImageOps.exif_transpose(image)
    if image.mode == "CMYK" and icc:
        srgb = ImageCms.createProfile("sRGB")
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        try:
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
        except ImageCms.PyCMSError:  # e.g. an RGB profile on CMYK pixels
            raise ImageRejected(_DAMAGED_PROFILE) from None
        assert converted is not None
        image = converted
        icc = ImageCms.ImageCmsProfile(srgb).tobytes()
    elif image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.mode == "L" and icc and b"GRAY" not in icc[12:20]:
        icc = None  # an RGB profile cannot describe grey pixels
    return image, icc


def ingest_image(
    store_root: Path,
    source: BinaryIO,
    filename: str,
    *,
    max_pixels: int = MAX_PIXELS,
    max_bytes: int = MAX_BYTES,
) -> StoredImage:
    """Check, re-encode and store one page scan with its tiles; raise ImageRejected if unfit."""
    expected = _expected_format(filename)
    store = ImageStore(store_root)
    staging = store.staging()
    try:
        upload = staging / "upload"
        _copy_limited(source, upload, max_bytes)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = _open_checked(upload, filename, expected, max_pixels)
            except Image.DecompressionBombWarning:
                raise ImageRejected(_too_large(max_pixels)) from None
        try:
            clean, icc = _sanitised(image)
        finally:
            image.close()
        upload.rename(staging / f"{ORIGINAL}.{SUFFIX[expected]}")
        # The master is encoded (Pillow releases the GIL) while the pyramid is built.
        with ThreadPoolExecutor(max_workers=1) as master_writer:
            master = master_writer.submit(
                clean.save,
                staging / MASTER,
                "JPEG",
                quality=MASTER_QUALITY,
                subsampling=0,
                icc_profile=icc,
            )
            pyramid = build_pyramid(clean, staging / TILES, icc_profile=icc)
            master.result()
        key = new_key()
        stored = StoredImage(
            key, clean.width, clean.height, pyramid.tile_width, pyramid.scale_factors, pyramid.sizes
        )
        (staging / INFO).write_text(stored.to_json(), encoding="utf-8")
        store.publish(staging, key)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return stored
