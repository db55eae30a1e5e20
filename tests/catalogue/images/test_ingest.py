"""Ingest: what is accepted is cleaned and stored under generated names; what is refused leaves
nothing behind, and says why."""

from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from catalogue.images import ImageRejected, ImageStore, ingest_image
from catalogue.images.store import KEY, MASTER
from catalogue.language.messages import Message


def jpeg(size: tuple[int, int] = (640, 480), **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buffer, "JPEG", **save)
    return buffer.getvalue()


def png(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size without the pixels to fill it (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_jpeg_is_stored_under_a_generated_key_with_its_original(tmp_path: Path) -> None:
    data = jpeg()
    stored = ingest_image(tmp_path, io.BytesIO(data), "دیوان حافظ.jpg")
    assert KEY.match(stored.key)
    assert (stored.width, stored.height) == (640, 480)
    folder = ImageStore(tmp_path).folder(stored.key)
    assert folder is not None
    assert (folder / "original.jpg").read_bytes() == data
    names = {p.name for p in folder.rglob("*")}
    assert not any("حافظ" in name for name in names)
    assert (folder / "tiles/full/max/0/default.jpg").is_file()
    assert not (tmp_path / ".incoming").exists() or not any((tmp_path / ".incoming").iterdir())


def test_exif_orientation_is_applied_and_metadata_stripped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 clockwise to display
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N"}  # GPS
    stored = ingest_image(tmp_path, io.BytesIO(jpeg((640, 480), exif=exif)), "scan.jpg")
    assert (stored.width, stored.height) == (480, 640)
    master = ImageStore(tmp_path).master(stored.key)
    assert master is not None
    with Image.open(master) as image:
        assert image.size == (480, 640)
        assert not image.getexif()
        assert "exif" not in image.info


def test_the_icc_profile_is_kept(tmp_path: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    stored = ingest_image(tmp_path, io.BytesIO(jpeg(icc_profile=profile)), "scan.jpeg")
    master = ImageStore(tmp_path).master(stored.key)
    assert master is not None
    with Image.open(master) as image:
        assert image.info.get("icc_profile") == profile


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P", "I;16"])
def test_png_modes_become_rgb_or_grey(tmp_path: Path, mode: str) -> None:
    stored = ingest_image(tmp_path, io.BytesIO(png(mode=mode)), "page.PNG")
    master = ImageStore(tmp_path).master(stored.key)
    assert master is not None
    with Image.open(master) as image:
        assert image.mode in ("RGB", "L")


def test_a_single_page_tiff_is_accepted(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (100, 150), "white").save(buffer, "TIFF", compression="tiff_lzw")
    stored = ingest_image(tmp_path, io.BytesIO(buffer.getvalue()), "f12r.tif")
    folder = ImageStore(tmp_path).folder(stored.key)
    assert folder is not None and (folder / "original.tif").is_file()


def _multi_page_tiff() -> bytes:
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (50, 50)), Image.new("RGB", (50, 50), "white")
    first.save(buffer, "TIFF", save_all=True, append_images=[second])
    return buffer.getvalue()


def _truncated_jpeg() -> bytes:
    data = jpeg((800, 600), quality=95)
    return data[: len(data) // 2]


REFUSED = [
    ("a GIF", b"GIF89a" + b"\0" * 64, "page.gif", "must be JPEG (.jpg), PNG (.png) or TIFF"),
    ("an SVG", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "page.svg", "must be JPEG"),
    ("no extension", jpeg(), "page", "must be JPEG"),
    ("PNG named .jpg", png(), "page.jpg", "named as JPEG but its content is PNG"),
    ("JPEG named .tif", jpeg(), "page.tif", "named as TIFF but its content is JPEG"),
    ("text named .png", b"hello, this is not an image", "page.png", "not a readable"),
    ("an empty file", b"", "page.jpg", "the file is empty"),
    ("a truncated JPEG", _truncated_jpeg(), "page.jpg", "truncated or damaged"),
    ("a multi-page TIFF", _multi_page_tiff(), "pages.tiff", "holds 2 images; upload one page"),
    ("a bomb", png_header_only(50_000, 50_000), "bomb.png", "larger than the 120,000,000 pixels"),
    ("over the limit", png_header_only(11_000, 11_000), "big.png", "larger than the 120,000,000"),
]


@pytest.mark.parametrize(
    ("what", "data", "filename", "message"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_refused_inputs_say_why_and_store_nothing(
    tmp_path: Path, what: str, data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(ImageRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        ingest_image(tmp_path, io.BytesIO(data), filename)
    assert stored_files(tmp_path) == [], what


def test_an_oversized_upload_is_refused_before_decoding(tmp_path: Path) -> None:
    with pytest.raises(ImageRejected, match="larger than the 1 MB allowed"):
        ingest_image(tmp_path, io.BytesIO(b"\xff" * (2 * 1024 * 1024)), "a.jpg", max_bytes=2**20)
    assert stored_files(tmp_path) == []


def test_the_pixel_limit_is_explicit(tmp_path: Path) -> None:
    with pytest.raises(ImageRejected, match=r"larger \(640 x 480\) than the 100,000 pixels"):
        ingest_image(tmp_path, io.BytesIO(jpeg()), "a.jpg", max_pixels=100_000)
    assert stored_files(tmp_path) == []
    assert Image.MAX_IMAGE_PIXELS == 120_000_000


def test_a_script_appended_to_a_jpeg_is_not_in_what_is_served(tmp_path: Path) -> None:
    payload = b"<script>alert(1)</script>"
    stored = ingest_image(tmp_path, io.BytesIO(jpeg() + payload), "a.jpg")
    folder = ImageStore(tmp_path).folder(stored.key)
    assert folder is not None
    served = [p for p in folder.rglob("*.jpg") if p.name != "original.jpg"]
    assert served and all(payload not in p.read_bytes() for p in served)
    assert payload not in (folder / MASTER).read_bytes()


def test_a_camera_jpeg_with_extra_pictures_keeps_the_first(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    first, preview = Image.new("RGB", (400, 300), "red"), Image.new("RGB", (160, 120), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[preview])
    stored = ingest_image(tmp_path, io.BytesIO(buffer.getvalue()), "photo.jpg")
    assert (stored.width, stored.height) == (400, 300)


def long_thin_png(width: int, height: int) -> bytes:
    """A real PNG of that size, every row present (1-bit grey, so it compresses to little)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\0" + b"\0" * ((width + 7) // 8)  # filter byte, then the row's bits
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def test_a_60_million_pixel_wide_png_is_refused_by_its_header_before_decoding(
    tmp_path: Path,
) -> None:
    # Within the pixel limit (120,000,000), but no JPEG master can hold it: it ran 7 minutes.
    data = long_thin_png(60_000_000, 2)
    assert len(data) < 200_000
    started = time.monotonic()
    with pytest.raises(ImageRejected, match="a side may be at most 65,500") as refused:
        ingest_image(tmp_path, io.BytesIO(data), "strip.png")
    assert time.monotonic() - started < 5
    assert isinstance(refused.value.message, Message)
    assert stored_files(tmp_path) == []


@pytest.mark.parametrize("size", [(65_501, 2), (2, 65_501)])
def test_a_side_over_65500_pixels_is_refused(tmp_path: Path, size: tuple[int, int]) -> None:
    with pytest.raises(ImageRejected, match="a side may be at most"):
        ingest_image(tmp_path, io.BytesIO(png_header_only(*size)), "long.png")


def cmyk_jpeg(icc: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 50, 100, 0)).save(buffer, "JPEG", icc_profile=icc)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "icc",
    [
        b"not a colour profile" * 10,
        b"\0" * 200,
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),  # RGB, for CMYK
    ],
    ids=["text", "zeros", "rgb-profile"],
)
def test_cmyk_with_a_damaged_colour_profile_is_refused_with_a_message(
    tmp_path: Path, icc: bytes
) -> None:
    with pytest.raises(ImageRejected, match="colour profile"):
        ingest_image(tmp_path, io.BytesIO(cmyk_jpeg(icc)), "cmyk.jpg")
    assert stored_files(tmp_path) == []


def test_rgb_with_a_damaged_colour_profile_is_kept_without_it(tmp_path: Path) -> None:
    data = jpeg(icc_profile=b"not a colour profile" * 10)
    stored = ingest_image(tmp_path, io.BytesIO(data), "rgb.jpg")
    master_path = ImageStore(tmp_path).master(stored.key)
    assert master_path is not None
    with Image.open(master_path) as master:
        assert "icc_profile" not in master.info
