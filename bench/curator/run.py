"""Curator timings: saving a manuscript with 50 contents items; importing a 1,000-row CSV.

SYNTHETIC data only, in a temporary SQLite database (or QOLJAZBA_DATABASE_URL). Every write
goes through catalogue.transaction, so the audit history and the search index are included.
The manuscript is saved twice over: created in one transaction, then edited ten times through
its whole form (`catalogue.editing.saving.save`, what the curator's Save button runs).
Run: .venv/bin/python bench/curator/run.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.editing.saving import find, record_form, save
from catalogue.formats.table.reader import guess_mapping, read_csv, run_import
from catalogue.language.localized import LocalizedText
from catalogue.models import ContentsItem, Manuscript
from catalogue.schema import upgrade
from catalogue.search import SearchIndex, connect, rebuild
from catalogue.transaction import transaction

ACTOR = Actor(None, "bench")


def _save_with_contents(db: Database, n: int) -> float:
    began = time.perf_counter()
    with transaction(db, ACTOR) as session:
        ms = Manuscript(slug=f"synthetic-ms-{n}", title=LocalizedText({"en": f"[SYNTHETIC] {n}"}))
        ms.contents = [
            ContentsItem(
                position=i,
                locus=f"ff. {i}r–{i}v",
                title=LocalizedText({"en": f"[SYNTHETIC] work {i}", "fa": f"رسالهٔ {i}"}),
                incipit="بسم الله الرحمن الرحیم " * 3,
            )
            for i in range(50)
        ]
        session.add(ms)
    return time.perf_counter() - began


def _save_through_the_form(db: Database, n: int) -> float:
    """What the curator's Save does: the record's whole form (50 contents rows, every
    four-language input with its review status) read, checked and saved, one title changed."""
    with db.read() as session:
        found = find(session, Manuscript, "synthetic-ms-0")
        assert found is not None
        form = record_form(found, "manuscripts")
    form[f"contents-{n % 50}.title.en"] = f"[SYNTHETIC] work {n % 50}, edited {n}"
    form[f"contents-{n % 50}.title.en.status"] = "checked"
    began = time.perf_counter()
    with transaction(db, ACTOR) as session:
        save(session, "manuscripts", "synthetic-ms-0", form)
    return time.perf_counter() - began


def _csv(rows: int) -> bytes:
    lines = ["slug,title.en,title.fa,origin_date,folio_count"]
    lines += [
        f"synthetic-{i},[SYNTHETIC] {i},نسخهٔ {i},{1100 + i % 100} AH,{i % 300 + 1}"
        for i in range(rows)
    ]
    return "\n".join(lines).encode()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/bench.sqlite3")
        upgrade(db)
        index = SearchIndex(Path(tmp) / "index")
        rebuild(db, index)
        connect(db, index)
        saves = [_save_with_contents(db, n) for n in range(10)]
        print(
            "save a manuscript with 50 contents items: "
            f"median {statistics.median(saves) * 1000:.0f} ms, max {max(saves) * 1000:.0f} ms"
        )
        edits = [_save_through_the_form(db, n) for n in range(10)]
        print(
            "edit it through its form (every row read and checked): "
            f"median {statistics.median(edits) * 1000:.0f} ms, max {max(edits) * 1000:.0f} ms"
        )
        table = read_csv(_csv(1000))
        mapping = guess_mapping("manuscripts", table.headers)
        for dry in (True, False):
            began = time.perf_counter()
            report = run_import(db, "manuscripts", table, mapping, dry_run=dry, actor=ACTOR)
            took = time.perf_counter() - began
            assert not report.errors and report.written is not dry
            print(f"import 1,000 CSV rows, {'dry run' if dry else 'real'}: {took:.2f} s")
        index.close()
        db.dispose()


if __name__ == "__main__":
    main()
