"""add_page_image: a scan fills the placeholder waiting for it, or becomes the next page."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy.orm import Session

from catalogue.images import ImageRejected, ImageStore, add_page_image
from catalogue.models import Manuscript, Page, Side


def _scan() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), "white").save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def test_a_scan_fills_its_placeholder(
    session: Session, make_manuscript: Callable[..., Manuscript], tmp_path: Path
) -> None:
    manuscript = make_manuscript()
    placeholder = Page(manuscript_id=manuscript.id, position=1, folio="7", side=Side.VERSO)
    session.add(placeholder)
    session.flush()
    page = add_page_image(session, tmp_path, manuscript, _scan(), "x.jpg", "7", Side.VERSO)
    assert page is placeholder
    assert not page.is_placeholder and (page.width, page.height) == (120, 160)


def test_other_scans_are_appended(
    session: Session, make_manuscript: Callable[..., Manuscript], tmp_path: Path
) -> None:
    manuscript = make_manuscript()
    first = add_page_image(session, tmp_path, manuscript, _scan(), "a.jpg")
    second = add_page_image(session, tmp_path, manuscript, _scan(), "b.jpg", folio="2a")
    assert (first.position, first.folio) == (1, "1")
    assert (second.position, second.label) == (2, "2a")
    assert first.image_key != second.image_key
    assert first.image_key is not None and ImageStore(tmp_path).info(first.image_key)


def test_a_refused_scan_adds_no_page(
    session: Session, make_manuscript: Callable[..., Manuscript], tmp_path: Path
) -> None:
    manuscript = make_manuscript()
    with pytest.raises(ImageRejected):
        add_page_image(session, tmp_path, manuscript, io.BytesIO(b"junk"), "a.png")
    session.flush()
    assert session.query(Page).filter_by(manuscript_id=manuscript.id).count() == 0
