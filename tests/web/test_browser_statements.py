"""A statement page in a real browser (Playwright + Debian's chromium): timeline, relay arrow, versions.

The screenshot goes to ``tests/artifacts/statement.png``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus import trace_gold

CHROMIUM = Path(os.environ.get("REPORTEDLY_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (install Debian's chromium: "
                       "apt-get install chromium)"),
]


def test_statement_page_in_a_browser(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    from reportedly.corpus import Store
    from reportedly.web.app import create_app
    from web.conftest import LiveServer

    db = trace_gold.build(tmp_path / "g.db")
    with Store(db, readonly=True) as s:
        sid = s.trace("budget")[0]["id"]
    with LiveServer(create_app(db)) as srv, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=srv.url)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"/statements/{sid}")
            assert page.locator("svg.timeline circle").count() == 3
            assert page.locator("svg.timeline path.relay").count() >= 1
            assert page.locator("table.versions tr.altered").count() == 2
            assert page.locator("table.versions ins").first.inner_text() == "disaster for"
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "statement.png"), full_page=True)
            page.goto("/outlets/Northern%20Wire")
            assert "relays articles of" in page.locator("body").inner_text().lower()
            assert not errors
        finally:
            browser.close()
