"""The index follows the database: after commits, at start-up, and through `check`."""

import threading
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from sqlalchemy import select

from catalogue.db import Database
from catalogue.language.localized import LocalizedText
from catalogue.models import Manuscript, NameVariant, Person, Place, PublicationState, Seal
from catalogue.search import (
    SearchIndex,
    connect,
    drift,
    ensure_index,
    rebuild,
    reconcile,
    reconcile_if_requested,
    request_reconcile,
)
from catalogue.search.documents import SearchDocument
from catalogue.search.index import IndexUnavailable
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.catalogue.search.conftest import keys, run


def _person(slug: str, name: str, state: PublicationState = PublicationState.PUBLISHED) -> Person:
    return Person(
        slug=slug,
        state=state,
        names=[NameVariant(text=name, lang="en", script="Latn", preferred=True)],
        summary=LocalizedText({"en": f"{name} is a test person"}),
    )


def test_a_commit_is_searchable_within_a_second(db: Database, index: SearchIndex) -> None:
    rebuild(db, index)
    connect(db, index)
    started = time.monotonic()
    with transaction(db) as session:
        session.add(_person("zhanibek", "Zhanibek"))
    assert keys(run(index, "Zhanibek")) == ["person:zhanibek"]
    assert time.monotonic() - started < 1.0
    with transaction(db) as session:
        person = session.scalars(select(Person)).one()
        person.summary = LocalizedText({"en": "renamed in the summary: Kerey"})
    assert keys(run(index, "Kerey")) == ["person:zhanibek"]
    with transaction(db) as session:
        session.scalars(select(Person)).one().state = PublicationState.DRAFT
    assert keys(run(index, "Zhanibek")) == []
    with transaction(db) as session:
        session.delete(session.scalars(select(Person)).one())
    assert run(index).total == 0


def test_a_record_is_indexed_again_when_one_it_links_to_is_published_or_withdrawn(
    db: Database, index: SearchIndex
) -> None:
    rebuild(db, index)
    connect(db, index)
    draft = PublicationState.DRAFT
    with transaction(db) as session:
        place = Place(slug="otrar", state=draft, place_kind="city")
        manuscript = Manuscript(
            slug="ms-z",
            state=PublicationState.PUBLISHED,
            title=LocalizedText({"en": "Zeta letter"}),
            origin_place=place,
        )
        manuscript.seals.append(Seal(owner=_person("kerey", "Kerey", draft)))
        session.add(manuscript)

    def linked() -> tuple[list[str], list[str]]:
        facets = run(index, "Zeta").facets
        return [v for v, _ in facets.get("place", [])], [v for v, _ in facets.get("person", [])]

    assert linked() == ([], [])
    for state, expected in (
        (PublicationState.PUBLISHED, (["otrar"], ["kerey"])),
        (draft, ([], [])),
    ):
        with transaction(db) as session:
            for record in (*session.scalars(select(Place)), *session.scalars(select(Person))):
                record.state = state
        assert linked() == expected
        assert drift(db, index).clean


def test_drafts_are_never_indexed(db: Database, index: SearchIndex) -> None:
    with transaction(db) as session:
        session.add(_person("secret", "Unpublished", PublicationState.DRAFT))
    rebuild(db, index)
    assert run(index, "Unpublished").total == 0


def test_drift_made_by_hand_is_found_and_repaired(db: Database, index: SearchIndex) -> None:
    with transaction(db) as session:
        load_shipped_catalogue(session)
    rebuild(db, index)
    assert drift(db, index).clean
    # Behind the index's back: the database changes and the index is not told.
    with transaction(db) as session:
        hafez = session.scalars(select(Person).where(Person.slug == "hafez")).one()
        hafez.summary = LocalizedText({"en": "Edited without the index knowing: Quokkaesque"})
        session.add(_person("ghost", "Ghost"))
    index.update([], ["place:isfahan"])
    found = drift(db, index)
    assert found.stale == ["person:hafez"]
    assert found.missing == ["person:ghost", "place:isfahan"]
    reconcile(db, index)
    assert drift(db, index).clean
    assert keys(run(index, "Quokkaesque")) == ["person:hafez"]


# Whoosh leaves the damaged TOC file open when it fails to read it; the rebuild is what counts.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_missing_or_corrupt_index_is_rebuilt_at_start_up(db: Database, tmp_path: Path) -> None:
    with transaction(db) as session:
        session.add(_person("kept", "Kerey"))
    index = SearchIndex(tmp_path / "index")
    assert "built" in ensure_index(db, index)
    assert keys(run(index, "Kerey")) == ["person:kept"]
    index.close()
    for file in (tmp_path / "index").iterdir():
        if file.suffix in (".toc", ".seg"):
            file.write_bytes(b"\x00garbage")
    damaged = SearchIndex(tmp_path / "index")
    assert "built" in ensure_index(db, damaged)
    assert keys(run(damaged, "Kerey")) == ["person:kept"]
    damaged.close()


def test_a_save_made_during_a_rebuild_is_in_the_rebuilt_index(
    db: Database, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild(db, index)
    connect(db, index)
    real_rebuild = SearchIndex.rebuild

    def rebuild_while_a_curator_saves(
        self: SearchIndex, documents: Iterable[SearchDocument], *, procs: int = 1
    ) -> int:
        snapshot = list(documents)  # what the rebuild read
        with transaction(db) as session:  # committed after it, indexed into the old index
            session.add(_person("late", "Latecomer"))
        return real_rebuild(self, snapshot, procs=procs)

    monkeypatch.setattr(SearchIndex, "rebuild", rebuild_while_a_curator_saves)
    rebuild(db, index)
    assert drift(db, index).clean
    assert keys(run(index, "Latecomer")) == ["person:late"]


def test_an_update_that_failed_is_caught_up_by_the_next_commit(
    db: Database, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild(db, index)
    connect(db, index)
    real_update = SearchIndex.update

    def disk_full(self: SearchIndex, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SearchIndex, "update", disk_full)
    with transaction(db) as session:  # committed; its index update fails
        session.add(_person("first", "Kerey"))
    assert index.behind and not drift(db, index).clean
    monkeypatch.setattr(SearchIndex, "update", real_update)
    with transaction(db) as session:
        session.add(_person("second", "Zhanibek"))
    assert not index.behind
    assert drift(db, index).clean
    assert keys(run(index, "Kerey")) == ["person:first"]


def test_a_process_reopens_an_index_rebuilt_by_another(
    db: Database, index: SearchIndex, tmp_path: Path
) -> None:
    # The fault test of corrupting the index while serving: workers kept the damaged index
    # open and went on failing searches after `qoljazba check` (another process) rebuilt it.
    with transaction(db) as session:
        session.add(_person("zhanibek", "Zhanibek"))
    rebuild(db, index)
    worker = SearchIndex(index.path)
    assert keys(run(worker, "Zhanibek")) == ["person:zhanibek"]
    for path in index.path.iterdir():
        if path.is_file() and path.stat().st_size:
            path.write_bytes(b"\x8f" * path.stat().st_size)
    with pytest.raises(IndexUnavailable):
        run(worker, "Zhanibek")
    checker = SearchIndex(index.path)
    assert not checker.available()
    rebuild(db, checker)
    assert keys(run(worker, "Zhanibek")) == ["person:zhanibek"]
    connect(db, worker)  # the worker's saves go into the rebuilt index
    with transaction(db) as session:
        session.add(_person("kerey", "Kerey"))
    assert keys(run(checker, "Kerey")) == ["person:kerey"]
    assert drift(db, checker).clean
    worker.close()
    checker.close()


def test_a_rebuild_waits_for_another_process_writing(db: Database, index: SearchIndex) -> None:
    rebuild(db, index)
    other = SearchIndex(index.path)
    with other.writer() as writer:  # holds Whoosh's write lock, as a worker saving does
        started = time.monotonic()
        done = threading.Event()

        def create() -> None:
            index.create()
            done.set()

        threading.Thread(target=create, daemon=True).start()
        assert not done.wait(0.5)  # create() waits for the lock
        writer.cancel()
    assert done.wait(10)
    assert time.monotonic() - started >= 0.5
    other.close()


def test_index_files_damaged_under_an_open_searcher_make_it_unavailable(
    db: Database, index: SearchIndex
) -> None:
    rebuild(db, index)
    with pytest.raises(IndexUnavailable), index.searcher():
        raise OSError(22, "Invalid argument")  # as a seek into an overwritten segment raised


def test_a_worker_that_died_before_indexing_its_save_is_repaired_by_the_next(
    db: Database, index: SearchIndex
) -> None:
    # kill -9 of a worker between its commit and its index update (the fault test).
    rebuild(db, index)
    with transaction(db) as session:  # committed, never indexed: no hook connected
        session.add(_person("zhanibek", "Zhanibek"))
    assert reconcile_if_requested(db, index) is None  # nobody asked: nothing read
    request_reconcile(index.path)  # the server's master, when the worker exits
    found = reconcile_if_requested(db, index)  # the replacement worker, as it starts
    assert found is not None and found.missing == ["person:zhanibek"]
    assert keys(run(index, "Zhanibek")) == ["person:zhanibek"]
    assert reconcile_if_requested(db, index) is None  # done once
