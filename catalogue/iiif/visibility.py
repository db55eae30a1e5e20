"""Which stored images the public may see: the scans of published manuscripts (and portraits).

A scan's key is unguessable but not secret (it travels in manifests, logs and shared links),
so a draft manuscript's images are refused by key as well. Asking the database on every tile
would make the cheapest request in the application cost a query over pages; instead each
process keeps the set of public keys together with the catalogue's *version*, the newest
audit-history row (every write is recorded there, so any publication, withdrawal, new scan or
removed page moves it), and rebuilds the set only when that version changes. Even that
one-row query is asked at most every `recheck` seconds (the app uses 1 s): a kiosk opening
a page fetches dozens of tiles at once, and those then cost no query at all.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.audit import latest_change as catalogue_version
from catalogue.models import Manuscript, Page, Person, PublicationState
from catalogue.versioned import MAX_AGE_SECONDS, Versioned

__all__ = ["MAX_AGE_SECONDS", "PublicImages", "catalogue_version", "public_image_keys"]


def public_image_keys(session: Session) -> frozenset[str]:
    """The keys of every image the public may see."""
    published = PublicationState.PUBLISHED
    pages = (
        select(Page.image_key)
        .join(Manuscript, Manuscript.id == Page.manuscript_id)
        .where(Manuscript.state == published, Page.image_key.is_not(None))
    )
    draft_pages = (
        select(Page.image_key)
        .join(Manuscript, Manuscript.id == Page.manuscript_id)
        .where(Manuscript.state != published, Page.image_key.is_not(None))
    )
    portraits = select(Person.portrait_key).where(
        Person.state == published, Person.portrait_key.is_not(None)
    )
    # A portrait chosen from a draft's page stays private until the manuscript is published
    # (the editor refuses such a choice; this holds for one made before, or by an import).
    keys = (set(session.scalars(pages)) | set(session.scalars(portraits))) - set(
        session.scalars(draft_pages)
    )
    return frozenset(key for key in keys if key)


class PublicImages:
    """One process's cached answer to "may the public see this image?"."""

    def __init__(self, max_age: float = MAX_AGE_SECONDS, recheck: float = 0.0) -> None:
        self._keys = Versioned(public_image_keys, recheck, max_age)

    def is_public(self, session: Session, key: str) -> bool:
        """Whether the image with this key belongs to published work."""
        return key in self._keys.get(session)
