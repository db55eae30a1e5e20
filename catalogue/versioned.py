"""A value derived from the catalogue, kept per process until the catalogue's version moves.

The *version* is the newest audit-history entry (`catalogue.audit.latest_change`): every write
is recorded there, so any change moves it. A `Versioned` value is rebuilt only when the version
has moved; the version itself is asked at most every `recheck` seconds, and a snapshot older
than `max_age` is rebuilt regardless (a change that bypassed the history: a restore, a
hand-made change). A caller that has just read the version passes it in, and never gets a
value older than that version. One snapshot is kept per database (engine).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy.orm import Session

from catalogue.audit import latest_change

T = TypeVar("T")
MAX_AGE_SECONDS = 60.0


@dataclass
class _Snapshot(Generic[T]):
    version: int
    value: T
    taken: float
    checked: float


class Versioned(Generic[T]):
    """`load(session)`, cached per process and database while the catalogue's version stays."""

    def __init__(
        self,
        load: Callable[[Session], T],
        recheck: float = 0.0,
        max_age: float = MAX_AGE_SECONDS,
    ) -> None:
        self.load = load
        self.recheck = recheck
        self.max_age = max_age
        self._snapshots: WeakKeyDictionary[object, _Snapshot[T]] = WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, session: Session, version: int | None = None) -> T:
        """The value for the catalogue as it is; `version`: one the caller has just read."""
        bind = session.get_bind()
        engine = getattr(bind, "engine", bind)
        snapshot = self._snapshots.get(engine)
        now = time.monotonic()
        if snapshot is not None and now - snapshot.taken <= self.max_age:
            if version is None and now - snapshot.checked < self.recheck:
                return snapshot.value
            if version is None:
                version = latest_change(session)
            if snapshot.version == version:
                snapshot.checked = now
                return snapshot.value
        current = latest_change(session)  # read before the value: a later change moves it
        snapshot = _Snapshot(current, self.load(session), now, now)
        with self._lock:
            self._snapshots[engine] = snapshot
        return snapshot.value

    def recheck_soon(self) -> None:
        """Ask for the version on the next lookup (this process has just written)."""
        with self._lock:
            for snapshot in self._snapshots.values():
                snapshot.checked = float("-inf")
