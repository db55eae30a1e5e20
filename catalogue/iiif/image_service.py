"""Answer Image API requests from the store: a pre-made file, a cached one, or a computed one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalogue.errors import NotFound
from catalogue.iiif.image_render import render
from catalogue.iiif.image_request import FORMATS, BadImageRequest, parse_request
from catalogue.images.store import ImageStore, StoredImage, write_atomically


class UnknownImage(NotFound):
    """No stored image has this identifier."""


@dataclass(frozen=True)
class ImageFile:
    """A file answering a request, with its media type and canonical path below the image id."""

    path: Path
    media_type: str
    canonical: str
    premade: bool


def find_image(store: ImageStore, key: str) -> StoredImage:
    """The stored image, or UnknownImage."""
    image = store.info(key)
    if image is None:
        raise UnknownImage(key)
    return image


def image_file(
    store: ImageStore, key: str, region: str, size: str, rotation: str, quality_format: str
) -> ImageFile:
    """The file for one request (computed and cached if not pre-made).

    Raises UnknownImage for an unknown key and BadImageRequest for an invalid request.
    """
    image = find_image(store, key)
    request = parse_request(region, size, rotation, quality_format, image.width, image.height)
    canonical = request.canonical_path()
    media_type = FORMATS[request.format]
    premade = store.derivative(key, canonical)
    cached = store.derivative(key, canonical, cached=True)
    if premade is None or cached is None:
        raise BadImageRequest("the request cannot be answered")  # unreachable for valid input
    if premade.is_file():
        return ImageFile(premade, media_type, canonical, True)
    if not cached.is_file():
        master = store.master(key)
        if master is None:
            raise UnknownImage(key)
        write_atomically(cached, render(master, request))
    return ImageFile(cached, media_type, canonical, False)
