"""The Whoosh index on disk: one writer at a time, a reused reader per thread, full rebuilds."""

from __future__ import annotations

import json
import logging
import os
import pickle
import struct
import threading
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index, LockError, clean_files
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for
from whoosh.writing import IndexWriter

from catalogue.dates.calendars import Calendar, from_gregorian
from catalogue.language.text import fold
from catalogue.search.documents import SearchDocument
from catalogue.search.engine.bulk import build_segments
from catalogue.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)
META_FILE = "qoljazba-index.json"
WRITE_LOCK = "MAIN_WRITELOCK"  # Whoosh's lock file for the index named MAIN
# What reading damaged index files raises (NOTES.md: EOFError, UnpicklingError, ...).
DAMAGE = (OSError, EOFError, struct.error, pickle.UnpicklingError, zlib.error)
WRITER_TIMEOUT = 10.0
WRITER_ATTEMPTS = 3


class IndexUnavailable(RuntimeError):
    """The index is missing, of another schema version, or damaged; it must be rebuilt."""


def centuries(doc: SearchDocument) -> list[str]:
    """Century facet values the document's date range touches, in both calendars."""
    if doc.date_from is None or doc.date_to is None:
        return []
    values: list[str] = []
    for prefix, first, last in (
        ("ce", doc.date_from.year, doc.date_to.year),
        (
            "ah",
            from_gregorian(doc.date_from, Calendar.HIJRI)[0],
            from_gregorian(doc.date_to, Calendar.HIJRI)[0],
        ),
    ):
        if first < 1:
            continue
        low, high = (first - 1) // 100 + 1, (last - 1) // 100 + 1
        if high - low <= 5:  # a wider span says nothing about a century
            values += [f"{prefix}{c}" for c in range(low, high + 1)]
    return values


def fields_of(doc: SearchDocument) -> dict[str, Any]:
    """The Whoosh fields of a document."""
    title = doc.titles.get("en") or next(iter(doc.titles.values()), doc.record_id)
    names = "\n".join(doc.names)
    return {
        "key": doc.key,
        "kind": doc.kind,
        "record_id": doc.record_id,
        "version": doc.version,
        "digest": doc.digest(),
        "titles": doc.titles,
        "page": doc.page,
        **{f"text_{lang}": doc.texts.get(lang, "") for lang in ("kk", "ru", "en", "fa")},
        "names": names,
        "skeleton": names,
        "language": ",".join(doc.languages),
        "script": ",".join(doc.scripts),
        "century": ",".join(centuries(doc)),
        "person": ",".join(doc.persons),
        "place": ",".join(doc.places),
        "subject": ",".join(doc.subjects),
        "date_from": doc.date_from.toordinal() if doc.date_from else None,
        "date_to": doc.date_to.toordinal() if doc.date_to else None,
        "sort_title": fold(title),
    }


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


class SearchIndex:
    """One process's handle on the index folder; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ix: Index | None = None
        self._build: str | None = None  # the build id of the opened index (see create)
        self._meta_seen: tuple[int, int, int] | None = None  # the META_FILE it was read from
        self._lock = threading.Lock()
        self._local = threading.local()
        self.behind = False  # an update after a commit failed: the next one reconciles

    # -- opening -----------------------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads((self.path / META_FILE).read_text())
            return data
        except (OSError, ValueError):
            return {}

    def _meta_signature(self) -> tuple[int, int, int] | None:
        try:
            stat = (self.path / META_FILE).stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _replaced(self) -> bool:
        """Whether the index on disk is no longer the one this process opened.

        `create` (a rebuild by `qoljazba check` or `reindex` in another process) writes a new
        build id. A process that kept the old index open went on failing every search after
        its index had been damaged and rebuilt (the fault test of corrupting the index).
        """
        signature = self._meta_signature()
        if signature == self._meta_seen:
            return False
        meta = self._meta()
        return signature is None or meta.get("build") != self._build

    def _forget(self) -> None:
        """Close the opened index; the next use opens whatever is on disk then."""
        if self._ix is not None:
            try:
                self._ix.close()
            except Exception:  # a damaged index may fail to close; it is dropped all the same
                log.debug("closing a replaced index failed", exc_info=True)
        self._ix, self._build, self._meta_seen = None, None, None

    def index(self) -> Index:
        """The opened index (reopened when replaced); IndexUnavailable when it cannot be used."""
        with self._lock:
            if self._ix is not None and self._replaced():
                self._forget()
            if self._ix is None:
                signature = self._meta_signature()
                meta = self._meta()
                if meta.get("schema_version") != SCHEMA_VERSION:
                    raise IndexUnavailable(f"no index of schema version {SCHEMA_VERSION} here")
                try:
                    self._ix = whoosh_index.open_dir(str(self.path), schema=build_schema())
                except Exception as error:  # EmptyIndexError, EOFError, UnpicklingError, ...
                    raise IndexUnavailable(f"the index cannot be opened: {error!r}") from error
                self._build, self._meta_seen = meta.get("build"), signature
            return self._ix

    def available(self) -> bool:
        """Whether the index can be opened and read."""
        try:
            with self.searcher() as searcher:
                searcher.doc_count()
        except IndexUnavailable:
            return False
        return True

    def create(self) -> None:
        """Make a new, empty index here (replacing whatever was there), with a new build id.

        It holds Whoosh's write lock meanwhile (and keeps its file): a worker committing a save
        into the old index either finishes first or waits and then writes into the new one.
        """
        with self._lock:
            self._forget()
            self._local.__dict__.clear()
            self.path.mkdir(parents=True, exist_ok=True)
            lock = FileStorage(str(self.path)).lock(WRITE_LOCK)
            deadline = time.monotonic() + WRITER_TIMEOUT * WRITER_ATTEMPTS
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise LockError("the index is being written by another process")
                time.sleep(0.05)
            try:
                for stale in self.path.iterdir():
                    if stale.is_file() and stale.name != WRITE_LOCK:
                        stale.unlink()
                whoosh_index.create_in(str(self.path), build_schema())
                meta = {"schema_version": SCHEMA_VERSION, "build": uuid.uuid4().hex}
                temporary = self.path / f".{META_FILE}.{os.getpid()}"
                temporary.write_text(json.dumps(meta))
                temporary.replace(self.path / META_FILE)
            finally:
                lock.release()

    # -- reading -----------------------------------------------------------------------------

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """This thread's searcher, refreshed to the newest commit."""
        ix = self.index()
        current: Searcher | None = getattr(self._local, "searcher", None)
        if current is not None and getattr(self._local, "ix", None) is not ix:
            # The index was replaced since this thread's searcher was made.
            with suppress(Exception):
                current.close()
            current = None
        try:
            current = ix.searcher() if current is None else current.refresh()
        except FileNotFoundError:
            # A writer replaced the table of contents while we listed it: try once more.
            current = ix.searcher()
        except Exception as error:
            raise IndexUnavailable(f"the index cannot be read: {error!r}") from error
        self._local.searcher, self._local.ix = current, ix
        try:
            yield current
        except DAMAGE as error:
            # Files overwritten under an open index fail only when read (the fault test of
            # corrupting the index while serving answered one search 500 this way).
            self._local.__dict__.clear()
            raise IndexUnavailable(f"the index cannot be read: {error!r}") from error

    def stored_digests(self) -> dict[str, str]:
        """key -> content digest of everything in the index."""
        with self.searcher() as searcher:
            return {f["key"]: f.get("digest", "") for f in searcher.all_stored_fields()}

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def writer(self, **options: Any) -> Iterator[IndexWriter]:
        """The index's single writer, waiting for another process's writer to finish."""
        ix = self.index()
        for attempt in range(1, WRITER_ATTEMPTS + 1):
            try:
                writer = ix.writer(timeout=WRITER_TIMEOUT, delay=0.05, **options)
                break
            except LockError:
                if attempt == WRITER_ATTEMPTS:
                    raise
                time.sleep(0.1 * attempt)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise

    def update(self, documents: Iterable[SearchDocument], delete_records: Iterable[str]) -> None:
        """Replace documents, and remove every document of the records named (by kind:slug)."""
        with self.writer() as writer:
            for key in delete_records:
                kind, _, slug = key.partition(":")
                writer.delete_by_term("key", key)
                if kind == "manuscript":
                    self._delete_pages(writer, slug)
            for doc in documents:
                if doc.kind == "manuscript":
                    self._delete_pages(writer, doc.record_id)
                writer.update_document(**_clean(fields_of(doc)))
            writer.commit()

    @staticmethod
    def _delete_pages(writer: IndexWriter, slug: str) -> None:
        from whoosh.query import And, Term

        writer.delete_by_query(And([Term("kind", "page"), Term("record_id", slug)]))

    def rebuild(self, documents: Iterable[SearchDocument], *, procs: int = 1) -> int:
        """Replace the whole index with these documents; readers see the old one until done.

        The segments are written by ``catalogue.search.engine.bulk`` (``procs`` processes, each
        writing one segment; more than one only from the CLI, never inside web workers), under
        the index's write lock, and the new table of contents replaces the old in one rename.
        """
        if not self.available():
            self.create()
        docs = list(documents)
        ix = self.index()
        lock = ix.lock("WRITELOCK")
        for attempt in range(1, WRITER_ATTEMPTS + 1):
            if try_for(lock.acquire, timeout=WRITER_TIMEOUT, delay=0.05):
                break
            if attempt == WRITER_ATTEMPTS:
                raise LockError("the search index is locked by another writer")
            time.sleep(0.1 * attempt)
        try:
            toc = ix._read_toc()
            segments = build_segments(
                ix.storage,
                ix.indexname,
                toc.schema,
                docs,
                lambda doc: _clean(fields_of(doc)),
                procs=procs,
            )
            generation = toc.generation + 1
            TOC(toc.schema, segments, generation).write(ix.storage, ix.indexname)
            clean_files(ix.storage, ix.indexname, generation, segments)
        finally:
            lock.release()
        return len(docs)

    def close(self) -> None:
        """Close this thread's searcher and the index."""
        searcher: Searcher | None = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
        self._local.__dict__.clear()
        with self._lock:
            self._forget()
