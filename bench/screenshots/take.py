"""The curator's guide screenshots: a throwaway site, a real Chromium, one PNG per step.

    .venv/bin/python -m bench.screenshots.take        (needs `.[load,test]` and Debian's chromium)

The site is fresh (shipped catalogue; page scans are SYNTHETIC and say so on their face), served
by `qoljazba serve` on loopback; nothing else is contacted. The PNGs go to docs/screenshots/.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.load.site import CURATORS, make_site

HERE = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZE = {"width": 1280, "height": 860}


def shot(page: Page, name: str, *, full: bool = False) -> None:
    """Save the page (or its first screenful) as docs/screenshots/NAME.png."""
    page.screenshot(path=str(HERE / f"{name}.png"), full_page=full)
    print(f"wrote {name}.png")


def main() -> int:
    site = make_site("sqlite", port=5091, workers=2, sample_pages=2)
    site.start()
    scan = site.data_dir.parent / "SYNTHETIC-1.jpg"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            context = browser.new_context(viewport=SIZE, locale="en-GB")
            page = context.new_page()
            base = f"{site.url}/curator"

            page.goto(f"{base}/login?lang=en")
            page.fill("input[name=username]", CURATORS[0])
            page.fill("input[name=password]", site.password)
            shot(page, "01-login")
            page.click("form.narrow button[type=submit]")
            page.wait_for_url(f"{base}/")
            shot(page, "02-workspace")

            page.goto(f"{base}/manuscripts/")
            shot(page, "03-manuscripts")

            page.goto(f"{base}/manuscripts/ms-02")
            shot(page, "04-edit-manuscript")
            page.fill("textarea[name='condition.en'], input[name='condition.en']", "Binding loose.")
            page.click("form.editor > button[type=submit]")
            page.wait_for_url("**saved=1")
            shot(page, "05-saved")

            # Two curators on one record: the second save is refused, both versions shown.
            other = browser.new_context(viewport=SIZE, locale="en-GB").new_page()
            other.goto(f"{base}/login?lang=en")
            other.fill("input[name=username]", CURATORS[1])
            other.fill("input[name=password]", site.password)
            other.click("form.narrow button[type=submit]")
            other.goto(f"{base}/manuscripts/ms-02")
            page.goto(f"{base}/manuscripts/ms-02")
            other.fill("textarea[name='condition.en'], input[name='condition.en']", "Rebound.")
            other.click("form.editor > button[type=submit]")
            other.wait_for_url("**saved=1")
            page.fill("textarea[name='condition.en'], input[name='condition.en']", "Loose.")
            page.click("form.editor > button[type=submit]")
            page.wait_for_load_state()
            shot(page, "06-conflict")
            page.locator("[name='condition.en']").scroll_into_view_if_needed()
            page.mouse.wheel(0, 120)
            shot(page, "06-conflict-field")

            page.goto(f"{base}/manuscripts/ms-01/pages")
            shot(page, "07-pages")

            page.goto(f"{base}/manuscripts/ms-01/scans")
            page.set_input_files("input[type=file]", str(scan))
            page.click("form.upload button[type=submit]")
            done = ".upload-results li.ok, .upload-results li.failed"
            page.wait_for_selector(done, timeout=60_000)
            shot(page, "08-upload")

            page.goto(f"{base}/manuscripts/ms-02/history")
            shot(page, "09-history")

            page.goto(f"{base}/import")
            shot(page, "10-import")
            browser.close()
    finally:
        site.stop()
        shutil.rmtree(site.data_dir.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
