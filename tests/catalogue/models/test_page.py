"""Page: how a folio is cited, placeholders, one text per kind and language, locking."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from catalogue.language.localized import Status
from catalogue.models import Manuscript, Page, PageText, Side, TextKind


@pytest.mark.parametrize(
    ("folio", "side", "label"),
    [
        ("12", Side.RECTO, "12r"),
        ("12", Side.VERSO, "12v"),
        ("front cover", Side.NONE, "front cover"),
    ],
)
def test_a_page_is_labelled_as_scholars_cite_it(folio: str, side: Side, label: str) -> None:
    assert Page(folio=folio, side=side, position=1).label == label


def test_a_page_is_a_placeholder_until_a_scan_is_uploaded() -> None:
    page = Page(folio="1", position=1)
    assert page.is_placeholder
    page.image_key = "abc123"
    assert not page.is_placeholder


def test_a_new_page_has_no_side_and_starts_at_version_one(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    page = Page(position=1, folio="1", manuscript=make_manuscript())
    session.add(page)
    session.flush()
    assert page.side is Side.NONE
    assert page.version == 1
    assert page.label == "1"


def test_one_text_per_kind_and_language(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    page = Page(
        position=1,
        folio="1",
        texts=[
            PageText(kind=TextKind.TRANSCRIPTION, lang="fa", text="بسم الله"),
            PageText(kind=TextKind.TRANSLATION, lang="fa", text="به نام خدا"),
            PageText(kind=TextKind.TRANSLATION, lang="en", text="In the name of God"),
        ],
    )
    page.manuscript = make_manuscript()
    session.add(page)
    session.flush()
    assert page.texts[0].status is Status.REVIEW
    page.texts.append(PageText(kind=TextKind.TRANSLATION, lang="en", text="Again"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_removing_a_page_deletes_its_texts(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript()
    manuscript.pages.append(
        Page(
            position=1,
            folio="1",
            texts=[PageText(kind=TextKind.TRANSCRIPTION, lang="fa", text="x")],
        )
    )
    session.flush()
    manuscript.pages.clear()
    session.flush()
    assert session.scalar(select(func.count()).select_from(PageText)) == 0


def test_a_page_saved_by_someone_else_meanwhile_is_refused(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    page = Page(position=1, folio="1", manuscript=make_manuscript())
    session.add(page)
    session.flush()
    session.execute(
        update(Page).where(Page.id == page.id).values(version=5),
        execution_options={"synchronize_session": False},
    )
    page.folio = "2"
    with pytest.raises(StaleDataError):
        session.flush()
    session.rollback()
