"""A few slots for costly work, shared by every worker process and thread of one data dir.

The server runs several worker processes of one thread each, and the kiosk's screens are
answered by the same workers: work that anyone may ask for and that takes seconds (computing
an image) must never occupy more than a few of them at once. A per-process semaphore cannot
see the other processes, so a slot is an exclusive ``flock`` on one of a few files: the kernel
releases it when its holder ends, however it ends (a killed worker never keeps a slot).

Computing images (``image_service``) was the first such work; the scholars' search door takes
its slots from here too.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(RuntimeError):
    """Every slot stayed taken for the whole wait; try again in ``retry_after`` seconds."""

    def __init__(self, name: str, retry_after: int) -> None:
        super().__init__(f"all {name} slots are busy")
        self.retry_after = retry_after


class Slots:
    """``count`` slots named ``name`` in ``folder``; ``take`` waits at most ``wait`` seconds."""

    POLL = 0.02  # seconds between tries while every slot is taken

    def __init__(self, folder: Path, name: str, count: int, wait: float) -> None:
        self.folder = folder
        self.name = name
        self.count = count
        self.wait = wait

    @contextmanager
    def take(self) -> Iterator[int]:
        """Hold a free slot (its number) while the block runs; Busy after waiting in vain."""
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait
        while True:
            for number in range(self.count):
                path = self.folder / f"{self.name}-{number}.lock"
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                try:
                    yield number
                finally:
                    os.close(fd)  # closing the descriptor releases the lock
                return
            if time.monotonic() >= deadline:
                raise Busy(self.name, retry_after=max(1, round(self.wait * 2)))
            time.sleep(self.POLL)
