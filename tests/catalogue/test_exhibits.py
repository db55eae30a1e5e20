"""Exhibits as the kiosk reads them: published only, steps in order, drafts skipped."""

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from catalogue.exhibits import ExhibitNotFound, get_exhibit, list_exhibits, visible_steps
from catalogue.gallery import manuscripts_with_pages
from catalogue.localized import LocalizedText
from catalogue.models import Exhibit, ExhibitStep, Manuscript, Page, Person, PublicationState


def test_only_published_exhibits_are_played(
    session: Session, make_person: Callable[..., Person]
) -> None:
    shown = make_person()
    hidden = make_person(state=PublicationState.DRAFT)
    session.add_all(
        [
            Exhibit(
                slug="b-story",
                position=2,
                state=PublicationState.PUBLISHED,
                title=LocalizedText({"en": "B"}),
                steps=[
                    ExhibitStep(position=2, entity=hidden),
                    ExhibitStep(position=1, entity=shown),
                    ExhibitStep(position=3, heading=LocalizedText({"en": "text only"})),
                ],
            ),
            Exhibit(slug="a-story", position=1, state=PublicationState.PUBLISHED),
            Exhibit(slug="draft", position=0, state=PublicationState.DRAFT),
        ]
    )
    session.flush()
    assert [e.slug for e in list_exhibits(session)] == ["a-story", "b-story"]
    steps = visible_steps(get_exhibit(session, "b-story"))
    assert [s.position for s in steps] == [1, 3]
    with pytest.raises(ExhibitNotFound):
        get_exhibit(session, "draft")


def test_the_gallery_loads_pages_in_order(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    second = make_manuscript(number=2)
    first = make_manuscript(number=1)
    first.pages = [
        Page(position=2, folio="1", side="verso"),
        Page(position=1, folio="1", side="recto", image_key="k1"),
    ]
    make_manuscript(number=3, state=PublicationState.DRAFT)
    session.flush()
    session.expire_all()
    found = manuscripts_with_pages(session)
    assert [m.id for m in found] == [first.id, second.id]
    assert [p.label for p in found[0].pages] == ["1r", "1v"]
