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

import threading
import time
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.models import AuditEntry, Manuscript, Page, Person, PublicationState

# A write that somehow bypassed the history (a restore, a hand-made change) is seen after this.
MAX_AGE_SECONDS = 60.0


def catalogue_version(session: Session) -> int:
    """A number that changes whenever the catalogue does (the newest history entry's id)."""
    return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)


def public_image_keys(session: Session) -> frozenset[str]:
    """The keys of every image the public may see."""
    published = PublicationState.PUBLISHED
    pages = (
        select(Page.image_key)
        .join(Manuscript, Manuscript.id == Page.manuscript_id)
        .where(Manuscript.state == published, Page.image_key.is_not(None))
    )
    portraits = select(Person.portrait_key).where(
        Person.state == published, Person.portrait_key.is_not(None)
    )
    keys = set(session.scalars(pages)) | set(session.scalars(portraits))
    return frozenset(key for key in keys if key)


@dataclass
class _Snapshot:
    version: int
    keys: frozenset[str]
    taken: float
    checked: float


class PublicImages:
    """One process's cached answer to "may the public see this image?"."""

    def __init__(self, max_age: float = MAX_AGE_SECONDS, recheck: float = 0.0) -> None:
        self.max_age = max_age
        self.recheck = recheck
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    def is_public(self, session: Session, key: str) -> bool:
        """Whether the image with this key belongs to published work."""
        snapshot = self._snapshot
        now = time.monotonic()
        if snapshot is not None and now - snapshot.checked < self.recheck:
            return key in snapshot.keys
        version = catalogue_version(session)
        if snapshot is None or snapshot.version != version or now - snapshot.taken > self.max_age:
            with self._lock:
                snapshot = _Snapshot(version, public_image_keys(session), now, now)
                self._snapshot = snapshot
        else:
            snapshot.checked = now
        return key in snapshot.keys
