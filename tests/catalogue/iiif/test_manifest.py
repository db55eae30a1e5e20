"""IIIF Presentation 3.0 documents made directly: a canvas per page (placeholders said to be
so), ranges for contents items whose locus names pages, and the collection of manifests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from catalogue.iiif.manifest import (
    DONE,
    IN_PROGRESS,
    NO_PAGES,
    NO_SCAN,
    PLACEHOLDER_SIZE,
    PRESENTATION_CONTEXT,
    RIGHTS,
    Links,
    collection,
    language_map,
    manifest,
)
from catalogue.language.localized import LocalizedText
from catalogue.models import CataloguingStatus, ContentsItem, Manuscript, Page, Shelfmark, Side

LINKS = Links("https://example.org")
KEY = "0123abcd-0000-4000-8000-000000000001"


def _paged(session: Session, make: Callable[..., Manuscript], **values: Any) -> Manuscript:
    """A manuscript with a scanned 1r and placeholders for 1v and 2r."""
    manuscript = make(slug="ms-1", **values)
    manuscript.pages += [
        Page(folio="1", side=Side.RECTO, position=1, image_key=KEY, width=1200, height=1600),
        Page(folio="1", side=Side.VERSO, position=2),
        Page(folio="2", side=Side.RECTO, position=3),
    ]
    session.flush()
    return manuscript


def _body(canvas: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = canvas["items"][0]["items"][0]["body"]
    return body


def test_a_language_map_has_the_languages_the_value_has() -> None:
    value = LocalizedText({"ru": "Диван", "fa": "دیوان"})
    assert language_map(value) == {"fa": ["دیوان"], "ru": ["Диван"]}
    assert language_map(LocalizedText()) == {"none": [""]}
    assert language_map(LocalizedText(), {"en": ["x"]}) == {"en": ["x"]}


def test_a_canvas_per_page_scanned_or_placeholder(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript, title=LocalizedText({"en": "Divan"}))
    document = manifest(manuscript, LINKS)
    json.dumps(document)
    assert document["@context"] == PRESENTATION_CONTEXT and document["type"] == "Manifest"
    assert document["id"] == "https://example.org/iiif/manuscripts/ms-1/manifest.json"
    assert document["label"] == {"en": ["Divan"]} and document["rights"] == RIGHTS
    assert document["viewingDirection"] == "right-to-left" and document["behavior"] == ["paged"]
    scanned, placeholder, _ = document["items"]
    assert scanned["label"] == {"none": ["1r"]}
    assert (scanned["width"], scanned["height"]) == (1200, 1600)
    body = _body(scanned)
    assert body["id"] == f"https://example.org/iiif/3/{KEY}/full/max/0/default.jpg"
    assert body["service"][0]["id"] == f"https://example.org/iiif/3/{KEY}"
    assert scanned["thumbnail"][0]["id"].endswith("/full/300,400/0/default.jpg")
    assert placeholder["label"]["en"] == [f"1v: {NO_SCAN['en'][0]}"]
    assert _body(placeholder)["format"] == "image/svg+xml"
    assert (placeholder["width"], placeholder["height"]) == PLACEHOLDER_SIZE
    assert "thumbnail" not in placeholder
    assert document["thumbnail"] == scanned["thumbnail"]
    canvas_ids = [c["id"] for c in document["items"]]
    assert len(set(canvas_ids)) == 3 and all("/ms-1/canvas/p" in c for c in canvas_ids)


def test_a_manuscript_without_pages_has_one_placeholder_canvas(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    document = manifest(make_manuscript(slug="ms-empty"), LINKS)
    (canvas,) = document["items"]
    assert canvas["label"] == NO_PAGES and canvas["id"].endswith("/canvas/placeholder")
    assert document["label"] == {"none": ["ms-empty"]}  # untitled: its identifier
    assert "thumbnail" not in document and "structures" not in document


def test_metadata_says_shelfmarks_cataloguing_and_the_record(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript)
    manuscript.shelfmarks.append(Shelfmark(kind="shelfmark", institution="L", idno="Ms. 1"))
    session.flush()
    values = [entry["value"] for entry in manifest(manuscript, LINKS)["metadata"]]
    assert values == [
        {"none": ["Ms. 1"]},
        IN_PROGRESS,
        {"none": ["https://example.org/manuscripts/ms-1"]},
    ]
    manuscript.cataloguing_status = CataloguingStatus.DONE
    assert manifest(manuscript, LINKS)["metadata"][1]["value"] == DONE


def test_contents_items_are_ranges_over_the_pages_their_locus_names(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript)
    manuscript.contents += [
        ContentsItem(locus="ff. 1v–2r", title=LocalizedText({"en": "A poem"}), position=0),
        ContentsItem(locus="f. 1", position=1),  # a folio: both its sides
        ContentsItem(locus="ff. 7r-9v", position=2),  # pages we do not have
        ContentsItem(locus=None, position=3),
    ]
    session.flush()
    document = manifest(manuscript, LINKS)
    canvases = [c["id"] for c in document["items"]]
    poem, folio = document["structures"]
    assert poem["label"] == {"en": ["A poem"]} and poem["type"] == "Range"
    assert [i["id"] for i in poem["items"]] == canvases[1:]
    assert folio["label"] == {"none": ["f. 1"]}
    assert [i["id"] for i in folio["items"]] == canvases[:2]


def test_the_collection_lists_each_manifest(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    scanned = _paged(session, make_manuscript, title=LocalizedText({"fa": "دیوان"}))
    bare = make_manuscript(slug="ms-2")
    document = collection([scanned, bare], LINKS, LocalizedText())
    assert document["id"] == "https://example.org/iiif/collection.json"
    assert document["label"] == {"en": ["Qoljazba manuscripts"]}
    first, second = document["items"]
    assert first["id"] == LINKS.manifest("ms-1") and first["label"] == {"fa": ["دیوان"]}
    assert "thumbnail" in first and "thumbnail" not in second
    assert second["label"] == {"none": ["ms-2"]}
