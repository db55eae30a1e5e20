"""Health of the catalogue's database: reachable, at the right schema, internally consistent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from catalogue.db import Database
from catalogue.language.vocabulary import vocabulary
from catalogue.models import Citation, Entity, Relation
from catalogue.schema import current_revision, head_revision, schema_drift


@dataclass
class CheckReport:
    """The result of `qoljazba check`: problems found (none: healthy) and what was seen."""

    problems: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def database_state(db: Database) -> dict[str, Any]:
    """A quick summary for /healthz: reachable, schema revision, how many records."""
    try:
        revision = current_revision(db)
        with db.read() as session:
            records = session.scalar(select(func.count()).select_from(Entity)) if revision else 0
    except SQLAlchemyError as error:
        return {"ok": False, "error": type(error).__name__}
    return {
        "ok": revision == head_revision(),
        "backend": db.engine.dialect.name,
        "schema_revision": revision,
        "expected_revision": head_revision(),
        "records": records,
    }


def check_database(db: Database) -> CheckReport:
    """Integrity checks: engine-level integrity, schema version and drift, dangling references."""
    report = CheckReport()
    revision = current_revision(db)
    report.facts["schema_revision"] = revision
    if revision != head_revision():
        report.problems.append(
            f"schema is at {revision!r}, this version needs {head_revision()!r}: "
            "run `qoljazba init`"
        )
        return report
    drift = schema_drift(db)
    if drift:
        report.problems.append(f"tables differ from the models: {drift}")
    with db.read() as session:
        if db.is_sqlite:
            integrity: list[str] = list(session.execute(text("PRAGMA integrity_check")).scalars())
            if integrity != ["ok"]:
                report.problems.append(f"SQLite integrity check: {integrity}")
            broken = session.execute(text("PRAGMA foreign_key_check")).all()
            if broken:
                report.problems.append(f"{len(broken)} rows refer to rows that do not exist")
        predicates = vocabulary().predicates
        for relation in session.scalars(select(Relation)):
            predicate = predicates.get(relation.predicate)
            if predicate is None:
                report.problems.append(
                    f"relation {relation.id}: unknown type {relation.predicate!r}"
                )
            elif not predicate.allows(relation.subject.kind, relation.object.kind):
                report.problems.append(
                    f"relation {relation.id}: {relation.predicate} cannot link "
                    f"{relation.subject.kind} to {relation.object.kind}"
                )
        orphans = session.scalar(
            select(func.count())
            .select_from(Citation)
            .where(
                Citation.entity_id.is_(None),
                Citation.relation_id.is_(None),
                Citation.provenance_id.is_(None),
            )
        )
        if orphans:
            report.problems.append(f"{orphans} citations belong to no record")
        counts = session.execute(select(Entity.kind, func.count()).group_by(Entity.kind)).all()
        report.facts["records"] = {str(kind): count for kind, count in counts}
    return report
