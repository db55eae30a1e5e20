"""Page images: safe ingest, the image store and the static IIIF derivatives made at ingest."""

from catalogue.images.ingest import MAX_BYTES, MAX_PIXELS, ImageRejected, ingest_image
from catalogue.images.pages import (
    add_page_image,
    ingest_then_record,
    page_folio,
    place_page_image,
)
from catalogue.images.portraits import add_portrait
from catalogue.images.store import ImageStore, StoredImage, images_root

__all__ = [
    "MAX_BYTES",
    "MAX_PIXELS",
    "ImageRejected",
    "ImageStore",
    "StoredImage",
    "add_page_image",
    "add_portrait",
    "images_root",
    "ingest_image",
    "ingest_then_record",
    "page_folio",
    "place_page_image",
]
