"""The UI in a real browser: Playwright driving Debian's chromium against a live loopback server.

Screenshots go to ``tests/artifacts/`` (kept by CI as artifacts; look at them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from corpus import sample

CHROMIUM = Path(os.environ.get("REPORTEDLY_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (install Debian's chromium: "
                       "apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, live_server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.set_default_timeout(15000)
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _doc_id(name: str) -> str:
    return getattr(sample, name)().id


def test_article_highlights_and_details(page) -> None:
    page.goto(f"/documents/{_doc_id('planet')}")
    article = page.locator("#article")
    # sources, cues and contents are highlighted, anonymous sources differently
    assert article.locator(".hl.r-src").count() >= 4
    assert article.locator(".hl.r-cue").count() >= 4
    assert article.locator(".hl.r-content").count() >= 4
    assert article.locator(".hl.r-src.anon").count() == 1
    assert article.locator(".claim").count() == 1
    assert article.locator(".hedge").inner_text() == "reportedly"
    milley = article.locator(".hl.r-src", has_text="Gen. Mark Milley")
    officials = article.locator(".hl.r-src", has_text="Officials")
    # one colour per speaker: Milley's source and content share a hue, the anonymous source has none
    assert milley.get_attribute("style") == article.locator(".hl.r-content", has_text="could last").get_attribute("style")
    assert "anonymous" in officials.get_attribute("title")
    # hovering shows the details in the title; clicking opens the panel
    assert "Mark Milley" in milley.get_attribute("title")
    officials.click()
    panel = page.locator("#detail")
    assert panel.is_visible()
    assert panel.locator("#d-anonymous").inner_text().startswith("yes")
    assert panel.locator("#d-hedges").inner_text() == "reportedly"
    article.locator(".hl.r-src", has_text="The Pentagon").click()
    assert "New York Times" in panel.locator("#d-chain").inner_text()
    milley.click()
    assert panel.locator("#d-speaker").inner_text() == "Mark Milley"
    assert panel.locator("#d-date").inner_text() == "2022-11-10"
    assert article.locator(".hl.focus").count() >= 3
    # the list works from the keyboard too
    page.locator("li.att#att-a4").focus()
    page.keyboard.press("Enter")
    assert panel.locator("#d-speaker").inner_text() == "Pentagon"
    assert page.locator("li.att.selected").get_attribute("id") == "att-a4"
    milley.click()
    shot(page, "article")


def test_entity_mentions_hover_and_click(page) -> None:
    page.goto(f"/documents/{_doc_id('herald')}")
    article = page.locator("#article")
    mentions = article.locator('.ent[data-ent="e1"]')
    assert mentions.count() == 3  # "Milley" twice and "The general"
    general = mentions.filter(has_text="The general")
    assert general.get_attribute("title").startswith("→ Mark Milley (person)")
    general.hover()  # hovering marks the entity's other mentions
    assert article.locator(".ent.ent-hover").count() == 3
    general.click()  # a click keeps them marked (and still opens the attribution's details)
    assert article.locator(".ent.ent-focus").count() == 3
    assert page.locator("li.ent-item#ent-e1").evaluate("el => el.classList.contains('ent-focus')")
    assert page.locator("#detail").is_visible()
    shot(page, "entities")
    general.click()  # again: the marks go
    assert article.locator(".ent.ent-focus").count() == 0
    page.locator("li.ent-item#ent-e1").click()  # from the list
    assert article.locator(".ent.ent-focus").count() == 3


def test_follow_speaker(page) -> None:
    page.goto(f"/documents/{_doc_id('planet')}")
    page.locator("li.att a.speaker", has_text="Mark Milley").first.click()
    page.wait_for_url(re.compile(r"/speakers/mark-milley$"))
    assert page.locator("h1").inner_text().strip() == "Mark Milley"
    rows = page.locator("table.statements tbody tr")
    assert rows.count() == 4  # "Gen. Mark Milley", "Milley", "The general", "Mark Milley": one speaker
    dates = [rows.nth(i).locator("td.date").inner_text() for i in range(rows.count())]
    assert dates == sorted(dates)
    assert page.locator("svg.chart rect").count() >= 3
    assert "The general (1)" in page.locator("#referred-as").inner_text()
    shot(page, "speaker")


def test_search_with_filters(page) -> None:
    page.goto("/search")
    page.fill("form.search input[name=q]", "talks")
    page.check("input[name=anonymous]")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?"))
    results = page.locator("ol.results li.result")
    assert results.count() == 1
    assert "the talks will fail" in results.first.inner_text()
    assert results.first.locator("mark").inner_text() == "talks"
    shot(page, "search")
    results.first.locator(".where a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("li.att.selected").count() == 1


def test_article_markup_shows_as_text(page) -> None:
    page.goto(f"/documents/{_doc_id('herald')}")
    text = page.locator("#article").inner_text()
    assert "<script>alert('x')</script>" in text
    assert "<b>nobody</b>" in text
    assert "&amp; &lt;tags&gt;" in text
    assert page.locator("#article script, #article b").count() == 0
    shot(page, "escaped")


def test_outlet_profile(page) -> None:
    page.goto("/outlets/Daily%20Planet")
    assert page.locator("h1").inner_text() == "Daily Planet"
    assert page.locator("svg.chart").count() == 2
    assert "The New York Times" in page.locator("body").inner_text()
    shot(page, "outlet")


def test_bundled_examples_end_to_end(browser, tmp_path) -> None:
    """``reportedly ingest examples/`` with the real pipeline, then every article page in the browser."""
    from reportedly.cli import main
    from reportedly.web.app import create_app

    from .conftest import LiveServer

    examples = Path(__file__).resolve().parents[2] / "examples"
    if not examples.is_dir():
        pytest.skip(f"{examples} is absent")
    db = tmp_path / "examples.db"
    # exit 1 would only mean some example is meant to fail; the rest is stored and shown
    assert main(["ingest", str(examples), "--db", str(db), "--no-progress"]) in (0, 1)
    with LiveServer(create_app(db)) as srv:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=srv.url)
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        docs = pg.request.get("/api/documents").json()
        assert docs
        for i, d in enumerate(docs):
            rec = pg.request.get(f"/api/documents/{d['id']}").json()
            pg.goto(f"/documents/{d['id']}")
            # the whole text is there: what shows, and the page furniture folded away under a label
            shown = pg.locator("#article").evaluate(
                "el => { const c = el.cloneNode(true); c.querySelectorAll('summary').forEach(s => s.remove());"
                " return c.textContent; }")
            assert shown == rec["text"]
            if rec["input"].endswith("harbour-dispute.txt"):  # it opens at its headline, navigation folded
                assert not pg.locator("#article").inner_text().startswith("icon menuicon")
                assert pg.locator("#article details.fold").count() == 2
            # every attribution appears in the list, and the article carries its highlights
            assert pg.locator("li.att").count() == len(rec["attributions"])
            if rec["attributions"]:
                assert pg.locator("#article .hl").count() > 0
                pg.locator("#article .hl").first.click()
                assert pg.locator("#detail").is_visible()
            shot(pg, f"example-{i}")
        pg.goto("/")
        shot(pg, "index")
        ctx.close()
    assert not errors, errors
