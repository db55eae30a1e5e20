"""The kiosk's grid of manuscripts, and the sizes of stored page images."""

from __future__ import annotations

import pytest

from catalogue.db import Database
from catalogue.language.localized import LocalizedText
from catalogue.models import Manuscript, Page, PublicationState
from catalogue.reading.gallery import height_size, image_size, manuscripts_with_pages
from catalogue.transaction import transaction


def test_image_size_comes_from_the_page_that_holds_the_image(db: Database) -> None:
    with transaction(db) as session:
        manuscript = Manuscript(
            slug="ms-x",
            number=1,
            state=PublicationState.PUBLISHED,
            title=LocalizedText({"en": "X"}),
        )
        manuscript.pages = [
            Page(position=1, folio="1", side="recto", image_key="k-1", width=2400, height=3200),
            Page(position=2, folio="1", side="verso", image_key=None),
        ]
        session.add(manuscript)
    with db.read() as session:
        assert image_size(session, "k-1") == (2400, 3200)
        assert image_size(session, "not-a-page") is None
        shown = manuscripts_with_pages(session)
        assert [m.slug for m in shown] == ["ms-x"] and len(shown[0].pages) == 2


@pytest.mark.parametrize(
    ("height", "wanted", "size"),
    [
        (3000, 240, ",240"),
        (241, 240, ",240"),
        (240, 240, "max"),
        (200, 240, "max"),
        (None, 240, ",240"),
    ],
)
def test_a_scan_is_never_asked_for_taller_than_it_is(
    height: int | None, wanted: int, size: str
) -> None:
    assert height_size(height, wanted) == size
