"""Keeping the index in step with the database: after each commit, at start-up, on `check`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from catalogue.db import Database
from catalogue.models import Entity
from catalogue.search.documents import SearchDocument, all_documents, documents_for, linking_to
from catalogue.search.index import IndexUnavailable, SearchIndex
from catalogue.transaction import Changes

log = logging.getLogger(__name__)


@dataclass
class Drift:
    """How the index differs from what the database says it should hold."""

    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    stale: list[str] = field(default_factory=list)  # in both, with other content
    extra: list[str] = field(default_factory=list)  # in the index only (deleted or unpublished)

    @property
    def clean(self) -> bool:
        """True when the index matches the database exactly."""
        return not (self.missing or self.stale or self.extra)

    def __str__(self) -> str:
        return f"{len(self.missing)} missing, {len(self.stale)} stale, {len(self.extra)} extra" + (
            f" (e.g. {(self.missing + self.stale + self.extra)[0]})" if not self.clean else ""
        )


def index_changes(db: Database, index: SearchIndex, changes: Changes) -> None:
    """Bring the records a commit touched up to date in the index (the after-commit hook).

    When an update fails (a full disk, an index being rebuilt), the next commit of this
    process reconciles the whole index, so it catches up without waiting for `check`.
    """
    if not changes.touched and not changes.deleted:
        return
    try:
        with db.read() as session:
            # The records linking to a touched one too: its publication or withdrawal changes
            # their facets.
            linking = linking_to(session, changes.touched)
            records = session.scalars(
                select(Entity)
                .where(Entity.id.in_(changes.touched | changes.deleted | linking))
                .options(selectinload(Entity.names))
            ).all()
            found = {r.id for r in records}
            documents: list[SearchDocument] = []
            removed: list[str] = []
            for record in records:
                docs = documents_for(session, record)
                documents += docs
                if not docs:  # a draft, or unpublished: out of search
                    removed.append(f"{record.kind.value}:{record.slug}")
        gone = changes.deleted - found
        index.update(documents, removed)
        if gone or index.behind:
            # Deleted records are identified by id only, and an earlier update may have failed:
            # a reconcile finds and repairs exactly what differs.
            reconcile(db, index)
            index.behind = False
    except IndexUnavailable:
        index.behind = True
        log.warning("search index unavailable; it will be rebuilt at the next start or check")
    except Exception:
        # The database has committed; the index is derived, and is caught up at the next commit,
        # start or `qoljazba check`.
        index.behind = True
        log.exception("could not update the search index after a commit")


def drift(db: Database, index: SearchIndex) -> Drift:
    """Compare the index with the published catalogue, record by record."""
    with db.read() as session:
        wanted = {doc.key: doc.digest() for doc in all_documents(session)}
    held = index.stored_digests()
    return Drift(
        missing=sorted(set(wanted) - set(held)),
        stale=sorted(k for k in set(wanted) & set(held) if wanted[k] != held[k]),
        extra=sorted(set(held) - set(wanted)),
    )


def reconcile(db: Database, index: SearchIndex) -> Drift:
    """Find the drift and repair exactly those documents; returns what was found."""
    found = drift(db, index)
    if found.clean:
        return found
    with db.read() as session:
        docs = {doc.key: doc for doc in all_documents(session)}
    index.update([docs[k] for k in found.missing + found.stale], found.extra)
    return found


def rebuild(db: Database, index: SearchIndex, *, procs: int = 1) -> int:
    """Index the whole published catalogue afresh, then catch up with saves made meanwhile."""
    with db.read() as session:
        documents = all_documents(session)
    count = index.rebuild(documents, procs=procs)
    # A save committed while the rebuild ran was indexed by its own hook into the index being
    # replaced, or not at all while the index was missing: the fault test of deleting the index
    # while curators saved found one such record stale after the rebuild.
    reconcile(db, index)
    return count


def ensure_index(db: Database, index: SearchIndex) -> str:
    """At start-up: rebuild a missing or damaged index, else repair any drift. Never raises."""
    try:
        (index.path / RECONCILE_MARKER).unlink(missing_ok=True)  # done here, for everything
        if not index.available():
            count = rebuild(db, index)
            return f"search index built ({count} documents)"
        found = reconcile(db, index)
        return "search index up to date" if found.clean else f"search index repaired: {found}"
    except Exception as error:
        log.exception("search index could not be prepared")
        return f"search index unavailable: {error}"


RECONCILE_MARKER = ".reconcile-requested"


def request_reconcile(index_path: Path) -> None:
    """Ask the next process that starts serving to reconcile the index (a worker died).

    A worker killed between its database commit and its index update leaves that record
    stale, and no other process knows (the fault test of killing workers during saves found
    two such records). The server's master marks it; the replacement worker repairs it.
    """
    try:
        index_path.mkdir(parents=True, exist_ok=True)
        (index_path / RECONCILE_MARKER).touch()
    except OSError:
        log.warning("could not ask for an index reconcile", exc_info=True)


def reconcile_if_requested(db: Database, index: SearchIndex) -> Drift | None:
    """Reconcile once if a reconcile was asked for (the first process to see it does it)."""
    try:
        (index.path / RECONCILE_MARKER).unlink()
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("could not take the index reconcile request", exc_info=True)
        return None
    try:
        found = reconcile(db, index)
    except Exception:
        index.behind = True  # the next commit of this process tries again
        log.exception("could not reconcile the search index after a worker exited")
        return None
    if not found.clean:
        log.warning("search index repaired after a worker exited: %s", found)
    return found


def index_state(index: SearchIndex) -> dict[str, object]:
    """A quick summary for /healthz (drift is left to `qoljazba check`: it reads everything)."""
    try:
        with index.searcher() as searcher:
            return {"ok": True, "documents": searcher.doc_count()}
    except IndexUnavailable as error:
        return {"ok": False, "error": str(error)}


def connect(db: Database, index: SearchIndex) -> None:
    """Keep the index updated after every commit made through this Database."""
    db.after_commit.append(lambda changes: index_changes(db, index, changes))
