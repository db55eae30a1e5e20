"""Uploaded import files kept between the dry run and the import, under generated names only."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from catalogue.errors import NotFound

TOKEN = re.compile(r"^[0-9a-f]{32}$")
EXTENSIONS = (".csv", ".xlsx", ".xml")
KEEP_SECONDS = 24 * 3600


def stash(root: Path, filename: str, data: bytes) -> str:
    """Keep an upload; returns the token that names it (never the uploader's file name)."""
    extension = next((e for e in EXTENSIONS if filename.lower().endswith(e)), None)
    if extension is None:
        raise ValueError("send a .csv, .xlsx or .xml file")
    root.mkdir(parents=True, exist_ok=True)
    for old in root.iterdir():  # forget abandoned uploads
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (root / f"{token}{extension}").write_bytes(data)
    return token


def unstash(root: Path, token: str) -> tuple[str, bytes]:
    """The kept upload's name (token and extension) and content; NotFound when there is none."""
    if not TOKEN.match(token):
        raise NotFound(token)
    for extension in EXTENSIONS:
        path = root / f"{token}{extension}"
        if path.is_file():
            return path.name, path.read_bytes()
    raise NotFound(token)
