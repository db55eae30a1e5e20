"""Exhibits as the kiosk reads them: published only, steps in order, drafts skipped."""

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.editing.saving import Refused, save
from catalogue.language.localized import LocalizedText
from catalogue.models import Exhibit, ExhibitStep, Manuscript, Page, Person, PublicationState
from catalogue.reading.exhibits import (
    ExhibitNotFound,
    exhibits_skipping,
    get_exhibit,
    hidden_steps,
    list_exhibits,
    visible_steps,
)
from catalogue.reading.gallery import manuscripts_with_pages


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


def _story(session: Session, *steps: ExhibitStep, state: PublicationState) -> Exhibit:
    exhibit = Exhibit(slug=f"story-{state.value}", state=state, steps=list(steps))
    session.add(exhibit)
    session.flush()
    return exhibit


def test_a_step_on_a_draft_manuscripts_page_is_skipped(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    shown = make_manuscript(number=1)
    withdrawn = make_manuscript(number=2, state=PublicationState.DRAFT)
    shown.pages = [Page(position=1, folio="1", side="recto", image_key="k1")]
    withdrawn.pages = [Page(position=1, folio="3", side="verso", image_key="k2")]
    person = make_person()
    _story(
        session,
        ExhibitStep(position=1, entity=shown, page=shown.pages[0]),
        ExhibitStep(position=2, entity=person, page=withdrawn.pages[0]),  # a published record
        ExhibitStep(position=3, page=withdrawn.pages[0]),
        ExhibitStep(position=4, heading=LocalizedText({"en": "text only"})),
        state=PublicationState.PUBLISHED,
    )
    session.expire_all()
    exhibit = get_exhibit(session, "story-published")
    assert [s.position for s in visible_steps(exhibit)] == [1, 4]
    assert [(n, str(why)) for n, why in hidden_steps(exhibit)] == [
        (2, f"page 3v belongs to the draft manuscript {withdrawn.slug!r}"),
        (3, f"page 3v belongs to the draft manuscript {withdrawn.slug!r}"),
    ]


def test_published_exhibits_that_skip_a_withdrawn_record_are_named(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    manuscript = make_manuscript(number=1)
    manuscript.pages = [Page(position=1, folio="1", side="recto", image_key="k1")]
    person = make_person()
    published = _story(
        session,
        ExhibitStep(position=1, entity=person),
        ExhibitStep(position=2, page=manuscript.pages[0]),
        ExhibitStep(position=3, entity=manuscript),
        state=PublicationState.PUBLISHED,
    )
    _story(session, ExhibitStep(position=1, entity=manuscript), state=PublicationState.DRAFT)
    assert exhibits_skipping(session, manuscript) == []  # still published: nothing skipped
    manuscript.state = PublicationState.DRAFT
    person.state = PublicationState.DRAFT
    session.flush()
    assert exhibits_skipping(session, manuscript) == [(published, [2, 3])]
    assert exhibits_skipping(session, person) == [(published, [1])]
    assert visible_steps(published) == []


def _exhibit_form(**steps: str) -> dict[str, str]:
    return {"slug": "tour", "state": "published", "title.en": "A tour", **steps}


def test_publishing_an_exhibit_with_a_hidden_step_is_refused(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    make_manuscript(slug="ms-shown", number=1)
    draft = make_manuscript(slug="ms-draft", number=2, state=PublicationState.DRAFT)
    draft.pages = [Page(position=1, folio="5", side="recto")]
    make_person(slug="withdrawn", state=PublicationState.DRAFT)
    session.flush()
    form = _exhibit_form(
        **{
            "steps-0.entity": "ms-shown",
            "steps-1.heading.en": "",  # an empty row: dropped, the numbering of the form kept
            "steps-2.entity": "withdrawn",
            "steps-3.entity": "ms-shown",
            "steps-3.page": "ms-draft/5r",
        }
    )
    with pytest.raises(Refused) as refused:
        save(session, "exhibits", None, form)
    assert set(refused.value.errors) == {"steps-2.entity", "steps-3.page"}
    assert "'withdrawn' is a draft" in refused.value.errors["steps-2.entity"]
    assert "keep the exhibit as a draft" in refused.value.errors["steps-3.page"]
    assert session.scalar(select(Exhibit).where(Exhibit.slug == "tour")) is None
    as_draft = save(session, "exhibits", None, {**form, "state": "draft"})  # a draft may
    assert isinstance(as_draft, Exhibit)
    assert [s.entity.slug for s in as_draft.steps if s.entity] == [
        "ms-shown",
        "withdrawn",
        "ms-shown",
    ]
    assert [(n, str(why)) for n, why in hidden_steps(as_draft)] == [
        (2, "the record 'withdrawn' is a draft"),
        (3, "page 5r belongs to the draft manuscript 'ms-draft'"),
    ]
