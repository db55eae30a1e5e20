"""Files kept for a while under random tokens: nothing of a request ever names a path.

The mechanics shared by the forms kept across a login (`accounts/form_stash.py`) and the import
uploads kept between the dry run and the import (`formats/upload_stash.py`): a file is written
under a generated token (plus a suffix its keeper chooses), found again only by a token of the
right shape, and forgotten after a day.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterable
from pathlib import Path

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP_SECONDS = 24 * 3600


def expired(path: Path, keep_seconds: float = KEEP_SECONDS) -> bool:
    """Whether this kept file is older than its keeping time."""
    return path.stat().st_mtime < time.time() - keep_seconds


def forget_expired(root: Path, pattern: str = "*", keep_seconds: float = KEEP_SECONDS) -> None:
    """Delete the kept files (matching pattern) that nobody came back for."""
    for old in root.glob(pattern):
        if old.is_file() and expired(old, keep_seconds):
            old.unlink(missing_ok=True)


def put(root: Path, suffix: str, data: bytes, *, pattern: str = "*") -> str:
    """Keep data under a new token (forgetting expired files first); the token."""
    root.mkdir(parents=True, exist_ok=True)
    forget_expired(root, pattern)
    token = secrets.token_hex(16)
    (root / f"{token}{suffix}").write_bytes(data)
    return token


def find(root: Path, token: str, suffixes: Iterable[str]) -> Path | None:
    """The file kept under this token with one of these suffixes; None for a malformed token."""
    if not TOKEN.match(token):
        return None
    for suffix in suffixes:
        path = root / f"{token}{suffix}"
        if path.is_file():
            return path
    return None


def delete(path: Path) -> None:
    """Forget a kept file (gone already is fine)."""
    path.unlink(missing_ok=True)
