"""The curator's main flow in real headless Chromium: log in, create and publish a manuscript
(Persian typed right-to-left), upload scans with per-file progress and errors; no CSP
violations and no request to any other host."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from werkzeug.serving import make_server

from catalogue.accounts.users import create_user
from catalogue.db import Database
from catalogue.models import Role
from catalogue.search import SearchIndex, rebuild
from catalogue.transaction import transaction
from tests.conftest import make_settings

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "browser password 1"


@pytest.fixture
def served(tmp_path: Path, db: Database) -> Iterator[str]:
    """The application on a loopback port, with one admin account; yields its base URL."""
    from app import context, create_app

    with transaction(db) as session:
        create_user(session, "admin", PASSWORD, role=Role.ADMIN)
    index = SearchIndex(tmp_path / "index")
    rebuild(db, index)
    index.close()
    settings = make_settings(tmp_path, db.url, default_language="en")
    app = create_app({"SETTINGS": settings, "TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():  # close the app's pooled connections (PostgreSQL warns)
            context.database().dispose()
            context.search_index().close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


def _scan(path: Path) -> Path:
    Image.new("RGB", (400, 560), (226, 210, 178)).save(path, "JPEG")  # a SYNTHETIC blank scan
    return path


def test_log_in_create_publish_and_upload(served: str, browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page()
    foreign: list[str] = []
    violations: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url) if urlsplit(r.url).netloc != urlsplit(served).netloc else None
        ),
    )

    def _console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", _console)
    page.on("pageerror", lambda error: violations.append(str(error)))  # a script that broke
    page.goto(f"{served}/curator/manuscripts/new")
    assert "/curator/login" in page.url
    page.fill('input[name="username"]', "admin")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{served}/curator/manuscripts/new")

    page.fill('input[name="slug"]', "ms-browser")
    page.fill('input[name="title.en"]', "Browser manuscript")
    persian = page.locator('input[name="title.fa"]')
    persian.fill("دیوان")
    assert persian.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.select_option('select[name="state"]', "published")
    page.fill('input[name="origin_date"]', "1150 AH")
    page.click('form.editor button[type="submit"]')
    page.wait_for_selector("text=Saved.")
    assert "1737" in page.content()  # the date in both calendars

    page.goto(f"{served}/curator/manuscripts/ms-browser/scans")
    bad = tmp_path / "2r.jpg"
    bad.write_bytes(b"this is not an image")
    page.set_input_files('input[type="file"]', [str(_scan(tmp_path / "1r.jpg")), str(bad)])
    page.click('form[data-upload] button[type="submit"]')
    page.wait_for_selector(".upload-results li.ok")
    page.wait_for_selector(".upload-results li.failed .field-error")
    assert "1r" in page.inner_text(".upload-results li.ok")
    assert page.locator(".upload-results progress").count() == 2

    public = browser.new_page()
    public.goto(f"{served}/manuscripts/ms-browser?lang=en")
    assert "Browser manuscript" in public.content()
    public.close()
    page.close()
    assert foreign == []
    assert violations == []


def _logged_in(browser: Browser, served: str) -> Page:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served}/curator/login")
    page.fill('input[name="username"]', "admin")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{served}/curator/")
    return page


def test_two_sessions_edit_at_once_then_undo(served: str, browser: Browser) -> None:
    first, second = _logged_in(browser, served), _logged_in(browser, served)
    first.goto(f"{served}/curator/manuscripts/new")
    first.fill('input[name="slug"]', "ms-twice")
    first.fill('input[name="title.en"]', "Original")
    first.click('form.editor button[type="submit"]')
    first.wait_for_selector("text=Saved.")
    second.goto(f"{served}/curator/manuscripts/ms-twice")
    first.fill('input[name="title.en"]', "First curator")
    first.click('form.editor button[type="submit"]')
    first.wait_for_selector("text=Saved.")
    second.fill('input[name="title.en"]', "Second curator")
    second.click('form.editor button[type="submit"]')
    second.wait_for_selector("text=Someone else saved this record")
    assert second.input_value('input[name="title.en"]') == "First curator"
    assert "Second curator" in second.inner_text(".mine")
    first.goto(f"{served}/curator/manuscripts/ms-twice/history")
    first.click("text=Undo this save >> nth=0")
    first.wait_for_selector("text=The change has been undone.")
    first.goto(f"{served}/curator/manuscripts/ms-twice")
    assert first.input_value('input[name="title.en"]') == "Original"
    first.context.close()
    second.context.close()


def test_a_translation_is_marked_checked_and_a_change_sends_it_back_to_review(
    served: str, browser: Browser
) -> None:
    page = _logged_in(browser, served)
    page.goto(f"{served}/curator/manuscripts/new")
    page.fill('input[name="slug"]', "ms-review")
    page.fill('input[name="title.fa"]', "تاریخ خانات")
    page.select_option('select[name="title.fa.status"]', "checked")
    page.click('form.editor button[type="submit"]')
    page.wait_for_selector("text=Saved.")
    assert page.input_value('select[name="title.fa.status"]') == "checked"
    # Typing in the box sets its status back to "needs review"; typing it back restores it.
    page.fill('input[name="title.fa"]', "تاریخ خانات قزاق")
    assert page.input_value('select[name="title.fa.status"]') == "review"
    page.fill('input[name="title.fa"]', "تاریخ خانات")
    assert page.input_value('select[name="title.fa.status"]') == "checked"
    page.fill('input[name="title.fa"]', "تاریخ خانات قزاق")
    page.click('form.editor button[type="submit"]')
    page.wait_for_selector("text=Saved.")
    assert page.input_value('select[name="title.fa.status"]') == "review"
    page.context.close()


def test_import_a_csv_fix_two_bad_rows_then_import(
    served: str, browser: Browser, tmp_path: Path
) -> None:
    page = _logged_in(browser, served)
    header = "slug,title.en,origin_date\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "ms-a,A,1150 AH\nms-b,B,32 Rajab 1148\nBAD SLUG,C,\n", encoding="utf-8")
    page.goto(f"{served}/curator/import")
    page.set_input_files('input[type="file"]', str(bad))
    page.click('button[type="submit"] >> text=Check the file')
    page.wait_for_selector("text=Nothing was written: 2 rows have errors")
    assert page.locator(".import-report tr.error").count() == 2
    good = tmp_path / "good.csv"
    good.write_text(header + "ms-a,A,1150 AH\nms-b,B,Rajab 1148\nms-c,C,\n", encoding="utf-8")
    page.goto(f"{served}/curator/import")
    page.set_input_files('input[type="file"]', str(good))
    page.click('button[type="submit"] >> text=Check the file')
    page.wait_for_selector("text=3 would be created")
    page.click("text=Import all rows")
    page.wait_for_selector("text=Imported: 3 created")
    page.goto(f"{served}/curator/manuscripts/")
    assert page.locator('a[href$="/curator/manuscripts/ms-c"]').count() == 1
    page.context.close()


def test_the_page_editor_shows_a_drafts_scan_in_the_deep_zoom_viewer(
    served: str, browser: Browser, tmp_path: Path
) -> None:
    page = _logged_in(browser, served)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    tiles: list[int] = []
    page.on(
        "response",
        lambda r: (
            tiles.append(r.status) if "/iiif/3/" in r.url and "/info.json" not in r.url else None
        ),
    )
    page.goto(f"{served}/curator/manuscripts/new")
    page.fill('input[name="slug"]', "ms-zoom")
    page.fill('input[name="title.en"]', "A draft with a scan")
    page.click('form.editor button[type="submit"]')
    page.wait_for_selector("text=Saved.")
    page.goto(f"{served}/curator/manuscripts/ms-zoom/scans")
    scan = tmp_path / "3r.jpg"
    Image.new("RGB", (1600, 2200), (226, 210, 178)).save(scan, "JPEG")  # SYNTHETIC blank scan
    page.set_input_files('input[type="file"]', [str(scan)])
    page.click('form[data-upload] button[type="submit"]')
    page.wait_for_selector(".upload-results li.ok")
    page.goto(f"{served}/curator/manuscripts/ms-zoom/pages")
    page.click("text=Transcription and translations")
    page.wait_for_selector("figure.scan.zooming .deep-zoom canvas")
    assert page.locator("figure.scan .still").is_hidden()
    page.wait_for_function("window.__pageViewer && window.__pageViewer.world.getItemAt(0)")
    page.wait_for_function(
        "window.__pageViewer.world.getItemAt(0).getFullyLoaded"
        " ? window.__pageViewer.world.getItemAt(0).getFullyLoaded() : true"
    )
    home = page.evaluate("window.__pageViewer.viewport.getZoom(true)")
    page.click('button[data-zoom="in"]')
    page.wait_for_timeout(800)
    zoom = page.evaluate("window.__pageViewer.viewport.getZoom(true)")
    assert zoom > home * 1.3
    assert tiles and all(status == 200 for status in tiles), tiles
    assert problems == []
    # The transcription stays beside it, right-to-left.
    assert page.locator('textarea[name="transcription"]').get_attribute("dir") == "rtl"
    # The public never sees the draft's scan.
    anonymous = browser.new_page()
    info = page.locator("[data-deep-zoom]").get_attribute("data-deep-zoom")
    assert info
    assert anonymous.goto(f"{served}{info}") is not None
    assert anonymous.evaluate("document.body.innerText").find("ImageService3") == -1
    anonymous.close()
    page.close()
