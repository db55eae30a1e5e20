"""Forms posted after their session ended, kept so that the curator gets them back.

Without JavaScript (which keeps a session alive while someone types), a curator can take
longer over a record than the idle timeout; their save then arrives with an expired session.
Rather than losing what they typed, the web layer keeps the posted fields here, under a random
token, bound to the account the browser was logged in as, and hands them back once that
account has logged in again. Files are JSON under generated names; kept a day at most; taken
once; catalogue/stash.py keeps the files, so nothing of the request names a path.
"""

from __future__ import annotations

import json
from pathlib import Path

from catalogue import stash

MAX_BYTES = 4 * 1024 * 1024  # a form bigger than this is not kept
SUFFIX = ".json"


def keep(root: Path, owner_id: int, path: str, fields: list[tuple[str, str]]) -> str | None:
    """Keep a posted form for this account; its token (None when too big to keep)."""
    body = json.dumps({"owner": owner_id, "path": path, "fields": fields}, ensure_ascii=False)
    data = body.encode()
    if len(data) > MAX_BYTES:
        return None
    return stash.put(root, SUFFIX, data, pattern=f"*{SUFFIX}")


def take(root: Path, token: str, owner_id: int, path: str) -> list[tuple[str, str]] | None:
    """The kept form's fields if it is this account's form for this path (then forgotten)."""
    file = stash.find(root, token, (SUFFIX,))
    if file is None:
        return None
    try:
        kept = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if kept.get("owner") != owner_id or kept.get("path") != path:
        return None
    if stash.expired(file):
        stash.delete(file)
        return None
    stash.delete(file)
    return [(str(key), str(value)) for key, value in kept.get("fields", [])]
