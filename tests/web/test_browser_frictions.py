"""Frictions in a real browser (Playwright + Debian's chromium): a phone-width screen stacks the columns
instead of squeezing the attribution list to a sliver; the article opens at its headline with the page
furniture folded away, the repeated headline muted; a statement's versions of one day are separate dots.

Screenshots go to ``tests/artifacts/`` (``article-390.png``, ``article-folded.png``).
"""

from __future__ import annotations

import pytest

from . import scraped
from .conftest import LiveServer
from .test_browser import ARGS, CHROMIUM, shot

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from reportedly.web.app import create_app

    db = scraped.build(tmp_path_factory.mktemp("frictions") / "c.db")
    with LiveServer(create_app(db)) as srv:
        yield srv


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths


def test_at_390px_the_columns_stack_and_words_stay_whole(server, chromium) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 844}, base_url=server.url)
    try:
        page.goto(f"/documents/{scraped.page().id}")
        shot(page, "article-390")
        article = page.locator("#article").bounding_box()
        side = page.locator("aside.side").bounding_box()
        assert article and side
        assert side["width"] >= 300 and article["width"] >= 300  # not 80 px
        assert side["y"] >= article["y"] + article["height"] - 1  # the list under the article
        name = page.locator("li.att a.speaker").first
        box = name.bounding_box()
        assert box and box["height"] < 2 * 24  # "Donald Trump" on one line, no word broken in pieces
        _no_sideways_scroll(page)
        for url in ("/", "/speakers/donald-trump", "/statements", "/search?q=strike", "/outlets/Harbourside%20Daily"):
            page.goto(url)
            _no_sideways_scroll(page)
    finally:
        page.close()


def test_the_article_opens_at_its_headline_with_the_furniture_folded(server, chromium) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, base_url=server.url)
    try:
        page.goto(f"/documents/{scraped.page().id}")
        article = page.locator("#article")
        visible = article.inner_text()
        assert "menuicon" not in visible and "Share this article" not in visible
        assert visible.split("\n")[1].strip() == scraped.TITLE  # after the fold's one-line label
        title = article.locator(".l-title")
        caption = article.locator(".l-caption")
        body_colour = article.evaluate("el => getComputedStyle(el).color")
        assert caption.evaluate("el => getComputedStyle(el).color") != body_colour  # muted, not body colour
        assert int(title.evaluate("el => getComputedStyle(el).fontWeight")) >= 600
        shot(page, "article-folded")
        page.locator("details.fold summary").first.click()
        assert "menuicon" in article.inner_text()
    finally:
        page.close()
