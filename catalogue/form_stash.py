"""Forms posted after their session ended, kept so that the curator gets them back.

Without JavaScript (which keeps a session alive while someone types), a curator can take
longer over a record than the idle timeout; their save then arrives with an expired session.
Rather than losing what they typed, the web layer keeps the posted fields here, under a random
token, bound to the account the browser was logged in as, and hands them back once that
account has logged in again. Files are JSON under generated names; kept a day at most; taken
once. Like `catalogue/importers/stash.py`, nothing of the request names a path.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP_SECONDS = 24 * 3600
MAX_BYTES = 4 * 1024 * 1024  # a form bigger than this is not kept


def keep(root: Path, owner_id: int, path: str, fields: list[tuple[str, str]]) -> str | None:
    """Keep a posted form for this account; its token (None when too big to keep)."""
    body = json.dumps({"owner": owner_id, "path": path, "fields": fields}, ensure_ascii=False)
    if len(body.encode()) > MAX_BYTES:
        return None
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("*.json"):  # forget forms nobody came back for
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (root / f"{token}.json").write_text(body, encoding="utf-8")
    return token


def take(root: Path, token: str, owner_id: int, path: str) -> list[tuple[str, str]] | None:
    """The kept form's fields if it is this account's form for this path (then forgotten)."""
    if not TOKEN.match(token):
        return None
    file = root / f"{token}.json"
    try:
        kept = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if kept.get("owner") != owner_id or kept.get("path") != path:
        return None
    if file.stat().st_mtime < time.time() - KEEP_SECONDS:
        file.unlink(missing_ok=True)
        return None
    file.unlink(missing_ok=True)
    return [(str(key), str(value)) for key, value in kept.get("fields", [])]
