"""Files kept for a while under random tokens: nothing of a request ever names a path.

The mechanics shared by the forms kept across a login (`accounts/form_stash.py`) and the import
uploads kept between the dry run and the import (`formats/upload_stash.py`): a file is written
under a generated token (plus a suffix its keeper chooses) in its account's folder
(`root/<account id>/`), found again only by that account and a token of the right shape, and
forgotten after a day. Each account keeps at most `max_files` files and `max_bytes` bytes (the
oldest go first), so no one account, nor a cookie acting for it, can fill the data dir; every
write, and the application's start-up (`sweep`), deletes the files nobody came back for.
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


def _files(folder: Path) -> list[Path]:
    """The kept files in one folder (vanishing ones skipped: another worker may sweep too)."""
    try:
        return [path for path in folder.iterdir() if path.is_file()]
    except FileNotFoundError:
        return []


def sweep(root: Path, keep_seconds: float = KEEP_SECONDS) -> int:
    """Delete every kept file older than its keeping time, in every account's folder; how many."""
    if not root.is_dir():
        return 0
    # Files straight under root are from before the per-account folders: swept alike.
    folders = [root, *(folder for folder in root.iterdir() if folder.is_dir())]
    gone = 0
    for folder in folders:
        for path in _files(folder):
            try:
                if expired(path, keep_seconds):
                    path.unlink(missing_ok=True)
                    gone += 1
            except FileNotFoundError:
                continue
    return gone


def _account_folder(root: Path, owner: int) -> Path:
    return root / str(int(owner))


def _make_room(folder: Path, size: int, max_files: int, max_bytes: int) -> None:
    """Delete this account's oldest files until one more of `size` bytes fits its bounds."""
    kept: list[tuple[float, int, Path]] = []
    for path in _files(folder):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        kept.append((stat.st_mtime, stat.st_size, path))
    kept.sort()
    count = len(kept)
    total = sum(entry[1] for entry in kept)
    for _mtime, file_size, path in kept:
        if count + 1 <= max_files and total + size <= max_bytes:
            break
        path.unlink(missing_ok=True)
        count -= 1
        total -= file_size


def put(root: Path, owner: int, suffix: str, data: bytes, *, max_files: int, max_bytes: int) -> str:
    """Keep data for this account under a new token, within its bounds (oldest out); the token."""
    if len(data) > max_bytes or max_files < 1:
        raise ValueError("more than an account may keep")
    sweep(root)
    folder = _account_folder(root, owner)
    folder.mkdir(parents=True, exist_ok=True)
    _make_room(folder, len(data), max_files, max_bytes)
    token = secrets.token_hex(16)
    (folder / f"{token}{suffix}").write_bytes(data)
    return token


def find(root: Path, owner: int, token: str, suffixes: Iterable[str]) -> Path | None:
    """This account's unexpired file kept under this token with one of these suffixes; else None."""
    if not TOKEN.match(token):
        return None
    folder = _account_folder(root, owner)
    for suffix in suffixes:
        path = folder / f"{token}{suffix}"
        if path.is_file():
            if expired(path):
                delete(path)
                return None
            return path
    return None


def delete(path: Path) -> None:
    """Forget a kept file (gone already is fine)."""
    path.unlink(missing_ok=True)
