"""Was anything acknowledged lost? The acknowledgement log checked against the database."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.load.site import CURATORS, Site


@dataclass
class Verdict:
    """What a run's acknowledged writes look like in the database afterwards."""

    acknowledged: dict[str, int] = field(default_factory=dict)  # kind -> how many
    lost: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every acknowledged write is there."""
        return not self.lost


def read_log(path: Path) -> list[dict[str, Any]]:
    """The log's entries in order (a line cut short by a kill is skipped)."""
    entries = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
    return entries


def _url(site: Site) -> str:
    return site.database_url or f"sqlite:///{site.data_dir / 'qoljazba.sqlite3'}"


def image_pages(site: Site) -> dict[str, list[str]]:
    """Manuscript slug -> the image keys of its pages that have a scan."""
    engine = create_engine(_url(site))
    pages: dict[str, list[str]] = defaultdict(list)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT e.slug, p.image_key FROM page p JOIN entity e ON e.id = p.manuscript_id"
                    " WHERE p.image_key IS NOT NULL"
                )
            )
            for slug, key in rows:
                pages[slug].append(key)
    finally:
        engine.dispose()
    return pages


def verify(site: Site, log: Path, baseline: dict[str, list[str]]) -> Verdict:
    """Check every acknowledged create, edit and upload (and its history entry) is stored."""
    entries = read_log(log)
    verdict = Verdict()
    acks = [e for e in entries if e.get("event") == "ack"]
    for entry in acks:
        verdict.acknowledged[entry["kind"]] = verdict.acknowledged.get(entry["kind"], 0) + 1
    engine = create_engine(_url(site))
    try:
        with engine.connect() as conn:
            slugs = set(conn.scalars(text("SELECT slug FROM entity")))
            for entry in acks:
                if entry["kind"] == "create" and entry["slug"] not in slugs:
                    verdict.lost.append(f"created record {entry['slug']}")
            stored = {
                slug: str(value)
                for slug, value in conn.execute(
                    text(
                        "SELECT e.slug, m.condition FROM manuscript m JOIN entity e ON e.id = m.id"
                    )
                )
            }
            verdict.lost += _lost_edits(entries, stored)
            history = _history(conn)
            verdict.facts["history_changesets"] = history
            saves = sum(1 for e in acks if e["kind"] in ("create", "edit", "upload"))
            if history is not None and history < saves:
                verdict.lost.append(f"history: {history} changesets for {saves} acknowledged saves")
    finally:
        engine.dispose()
    verdict.lost += _lost_uploads(site, acks, baseline)
    return verdict


def _lost_edits(entries: list[dict[str, Any]], stored: dict[str, str]) -> list[str]:
    # The value stored must be the last acknowledged one, or one sent after it (its answer may
    # have been lost with the connection): each record is edited by one curator, in order.
    lost = []
    by_slug: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        if entry.get("kind") == "edit":
            by_slug[entry["slug"]].append(entry)
    for slug, events in by_slug.items():
        last_ack = max((i for i, e in enumerate(events) if e["event"] == "ack"), default=None)
        if last_ack is None:
            continue
        allowed = {e["marker"] for e in events[last_ack:]}
        if not any(marker in stored.get(slug, "") for marker in allowed):
            lost.append(f"edit of {slug} ({events[last_ack]['marker']})")
    return lost


def _history(conn: Any) -> int | None:
    names = ", ".join(f"'{n}'" for n in CURATORS)
    try:
        return int(
            conn.scalar(
                text(
                    "SELECT count(DISTINCT changeset) FROM audit_entry"
                    f" WHERE actor_name IN ({names})"
                )
            )
        )
    except Exception:  # no audit history in this version of the schema
        conn.rollback()
        return None


def _lost_uploads(
    site: Site, acks: list[dict[str, Any]], baseline: dict[str, list[str]]
) -> list[str]:
    lost = []
    now = image_pages(site)
    uploads: dict[str, int] = defaultdict(int)
    for entry in acks:
        if entry["kind"] == "upload":
            uploads[entry["slug"]] += 1
    for slug, count in uploads.items():
        added = len(now.get(slug, [])) - len(baseline.get(slug, []))
        if added < count:
            lost.append(f"uploads to {slug}: {count} acknowledged, {added} pages added")
    images = site.data_dir / "images"
    for slug, keys in now.items():
        for key in keys:
            if (
                not (images / key[:2] / key / "image.json").is_file()
                or not (images / key[:2] / key / "master.jpg").is_file()
            ):
                lost.append(f"page image {key} of {slug}: files missing")
    return lost


def check(site: Site) -> tuple[bool, str]:
    """`qoljazba check --no-repair`: (clean, its output)."""
    result = site.qoljazba("check", "--no-repair", check=False)
    return result.returncode == 0, (result.stdout + result.stderr).strip()
