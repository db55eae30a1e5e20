"""Login throttling: counted in the database, checked before hashing, across processes."""

from __future__ import annotations

import datetime
import subprocess
import sys
import time

from sqlalchemy import func, select

from catalogue.accounts.login import MAX_FAILURES, WINDOW, attempt_login, authenticate
from catalogue.accounts.users import create_user
from catalogue.db import Database
from catalogue.models import LoginFailure
from catalogue.models.base import utcnow
from catalogue.transaction import transaction

PASSWORD = "the right password"


def _with_user(db: Database) -> None:
    with transaction(db) as session:
        create_user(session, "aigerim", PASSWORD)


def _failures(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(LoginFailure)) or 0


def test_five_failures_per_account_lock_it_even_from_elsewhere(db: Database) -> None:
    _with_user(db)
    for n in range(MAX_FAILURES):
        assert attempt_login(db, "aigerim", "wrong", f"10.0.0.{n}").user_id is None
    refused = attempt_login(db, "Aigerim", PASSWORD, "10.0.0.99")
    assert refused.user_id is None and refused.retry_after is not None
    assert _failures(db) == MAX_FAILURES  # a refused attempt is not even checked


def test_five_failures_per_address_lock_it_for_every_account(db: Database) -> None:
    _with_user(db)
    for n in range(MAX_FAILURES):
        attempt_login(db, f"guess{n}", "wrong", "10.0.0.1")
    assert attempt_login(db, "aigerim", PASSWORD, "10.0.0.1").retry_after is not None
    assert attempt_login(db, "aigerim", PASSWORD, "10.0.0.2").user_id is not None


def test_the_lock_lifts_after_the_window_and_success_clears_the_account(db: Database) -> None:
    _with_user(db)
    start = utcnow()
    with transaction(db) as session:
        for _ in range(MAX_FAILURES):
            authenticate(session, "aigerim", "wrong", "10.0.0.1", now=start)
    with transaction(db) as session:
        later = start + WINDOW + datetime.timedelta(seconds=1)
        assert authenticate(session, "aigerim", PASSWORD, "10.0.0.1", now=later).user is not None
    assert _failures(db) == 0


def test_refusals_cost_no_hashing(db: Database) -> None:
    _with_user(db)
    for _ in range(MAX_FAILURES):
        attempt_login(db, "aigerim", "wrong", "10.0.0.1")
    began = time.perf_counter()
    for _ in range(20):
        attempt_login(db, "aigerim", "wrong", "10.0.0.1")
    assert time.perf_counter() - began < 20 * 0.05  # argon2id alone takes ~0.1 s a check


WORKER = """
import sys
from catalogue.db import Database
from catalogue.accounts.login import attempt_login
db = Database(sys.argv[1])
let_in = sum(
    attempt_login(db, "aigerim", sys.argv[2], "10.0.0.7").user_id is not None for _ in range(10)
)
print(let_in)
"""


def test_throttling_holds_across_worker_processes(db: Database) -> None:
    _with_user(db)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, db.url, "wrong"], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    outputs = [w.communicate(timeout=120)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers)
    assert sum(int(o) for o in outputs) == 0
    assert _failures(db) == MAX_FAILURES  # 40 attempts in 4 processes; 5 were ever checked
    # The sixth attempt, from yet another process, with the right password: refused.
    sixth = subprocess.run(
        [sys.executable, "-c", WORKER.replace("range(10)", "range(1)"), db.url, PASSWORD],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert sixth.stdout.strip() == "0"
