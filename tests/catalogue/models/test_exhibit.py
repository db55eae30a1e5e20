"""Exhibit: a kiosk story in ordered steps; steps go with the exhibit or the record they show."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from catalogue.language.localized import LocalizedText
from catalogue.models import Entity, Exhibit, ExhibitStep, Manuscript, Page, PublicationState


def _steps(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ExhibitStep)) or 0


def test_a_new_exhibit_is_an_unplayed_draft_first_on_the_menu(session: Session) -> None:
    exhibit = Exhibit(slug="story")
    session.add(exhibit)
    session.flush()
    assert exhibit.state is PublicationState.DRAFT
    assert not exhibit.published
    assert exhibit.position == 0
    assert exhibit.version == 1
    assert exhibit.title == LocalizedText()
    exhibit.state = PublicationState.PUBLISHED
    assert exhibit.published


def test_exhibit_slugs_are_unique(session: Session) -> None:
    session.add(Exhibit(slug="twice"))
    session.flush()
    session.add(Exhibit(slug="twice"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_steps_play_in_position_order(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    record = make_manuscript()
    exhibit = Exhibit(
        slug="ordered",
        steps=[
            ExhibitStep(position=2, entity=record, caption=LocalizedText({"en": "second"})),
            ExhibitStep(position=1, caption=LocalizedText({"en": "first"})),
        ],
    )
    session.add(exhibit)
    session.flush()
    session.expire_all()
    read = session.get(Exhibit, exhibit.id)
    assert read is not None
    assert [s.caption.text("en") for s in read.steps] == ["first", "second"]
    assert read.steps[1].entity is not None and read.steps[1].entity.slug == record.slug


def test_deleting_an_exhibit_deletes_its_steps(session: Session) -> None:
    exhibit = Exhibit(slug="gone", steps=[ExhibitStep(), ExhibitStep(position=1)])
    session.add(exhibit)
    session.flush()
    session.delete(exhibit)
    session.flush()
    assert _steps(session) == 0


def test_a_step_goes_with_its_record_but_only_forgets_a_deleted_page(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    shown, paged = make_manuscript(), make_manuscript()
    page = Page(position=1, folio="1", manuscript=paged)
    session.add(page)
    exhibit = Exhibit(
        slug="mixed",
        steps=[
            ExhibitStep(position=0, entity=shown),
            ExhibitStep(position=1, entity=paged, page=page),
        ],
    )
    session.add(exhibit)
    session.flush()
    session.execute(delete(Entity).where(Entity.id == shown.id))
    session.execute(delete(Page).where(Page.id == page.id))
    session.expire_all()
    read = session.get(Exhibit, exhibit.id)
    assert read is not None
    assert len(read.steps) == 1
    assert read.steps[0].entity_id == paged.id
    assert read.steps[0].page_id is None


def test_an_exhibit_saved_by_someone_else_meanwhile_is_refused(session: Session) -> None:
    exhibit = Exhibit(slug="locked")
    session.add(exhibit)
    session.flush()
    session.execute(
        update(Exhibit).where(Exhibit.id == exhibit.id).values(version=3),
        execution_options={"synchronize_session": False},
    )
    exhibit.position = 4
    with pytest.raises(StaleDataError):
        session.flush()
    session.rollback()
