"""The official IIIF image validator, level 2, against the running application.

The validator's own test image is ingested with `qoljazba add-pages`, `qoljazba serve` starts a
real server on a loopback port, and `iiif-validate.py` (PyPI `iiif-validator`) runs its 33
level-2 tests against it: the exit status is the number of failures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.app.test_cli import _free_port

DATA = Path(__file__).parents[2] / "data" / "iiif"
TEST_IMAGE = DATA / "67352ccc-d1b0-11e1-89ae-279075081939.png"
VALIDATOR = Path(sys.executable).parent / "iiif-validate.py"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_iiif_validator_level_2_passes_against_the_running_server(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("QOLJAZBA_")},
        "QOLJAZBA_DATA_DIR": str(tmp_path / "data"),
        "QOLJAZBA_WORKERS": "2",
        "PYTHONWARNINGS": "ignore",
    }
    # A file name of the curator's choosing: the store keeps its own names.
    upload = tmp_path / "validator test image.png"
    shutil.copyfile(TEST_IMAGE, upload)
    assert _run(["init"], env).returncode == 0
    added = _run(["add-pages", "ms-01", str(upload)], env)
    assert added.returncode == 0, added.stderr
    match = re.search(r"image ([0-9a-f-]{36})", added.stdout)
    assert match, added.stdout
    key = match.group(1)

    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.2)
        result = subprocess.run(
            [
                sys.executable,
                str(VALIDATOR),
                "-s",
                f"127.0.0.1:{port}",
                "-p",
                "iiif/3",
                "-i",
                key,
                "--version=3.0",
                "--level=2",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    report = result.stdout + result.stderr
    assert "Done (33 tests, 0 failures)" in report, report
    assert result.returncode == 0, report
