"""Layout in a real browser: the article page's attribution list stays inside its column at 1,300 px
however long a source's name is (issue 10, item 11: the seed's list overflowed sideways)."""

from __future__ import annotations

import pytest

from corpus.sample import at

from .conftest import LiveServer
from .test_browser import ARGS, CHROMIUM, shot

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent")]

LONG = "White House officials interviewed by the outlet about the internal meetings of the Joint Chiefs of Staff"
WORD = "Wolfeschlegelsteinhausenbergerdorff-Harbourmasterassociationcommittee"


def _doc():
    from reportedly.document import Attribution, Document, Entity, Metadata, Source

    text = (f"White House divided on pushing for peace\n\n"
            f"According to {LONG}, the general stated that Kiev should cement its gains, the New York Times "
            f"reported.\n\n{WORD} said the moment for talks was not ripe.")
    doc = Document(text, input="seed-like.txt", meta=Metadata(title="White House divided on pushing for peace"))
    doc.add_span("title", *at(text, "White House divided on pushing for peace"))
    doc.add_span("paragraph", at(text, "According")[0], at(text, "reported.")[1])
    doc.add_span("paragraph", at(text, WORD)[0], len(text))
    doc.add_entity(Entity("e1", LONG, "group", [at(text, LONG)]))
    doc.add_entity(Entity("e2", "The New York Times", "outlet", [at(text, "the New York Times")]))
    doc.add_entity(Entity("e3", WORD, "organisation", [at(text, WORD)]))
    doc.add_attribution(Attribution(id="a1", source=Source(spans=[at(text, "the New York Times")],
                                    entity="The New York Times", kind="outlet", entity_id="e2"),
                                    cue=[at(text, "reported")], content=[at(text, "the general stated")]))
    doc.add_attribution(Attribution(id="a2", source=Source(spans=[at(text, LONG)], entity=LONG, kind="group",
                                    entity_id="e1"), cue=[at(text, "According to")],
                                    content=[at(text, "the general stated that Kiev should cement its gains")],
                                    kind="according_to", via="a1", hedges=["reportedly"]))
    doc.add_attribution(Attribution(id="a3", source=Source(spans=[at(text, WORD)], entity=WORD,
                                    kind="organisation", entity_id="e3"), cue=[at(text, "said", 0)],
                                    content=[at(text, "the moment for talks was not ripe")]))
    doc.record("structure", "test")
    doc.record("attribution", "test")
    return doc


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from reportedly.corpus import Store
    from reportedly.web.app import create_app

    db = tmp_path_factory.mktemp("layout") / "c.db"
    doc = _doc()
    with Store(db) as store:
        store.add(doc)
        store.refresh_speakers()
    with LiveServer(create_app(db)) as srv:
        yield srv, doc.id


def test_the_attribution_list_stays_in_its_column_at_1300px(server) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    srv, doc_id = server
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.goto(f"{srv.url}/documents/{doc_id}")
            shot(page, "article-long-source-1300")
            side = page.locator("aside.side").bounding_box()
            assert side is not None
            for item in page.locator("li.att").all():
                box = item.bounding_box()
                assert box["x"] + box["width"] <= side["x"] + side["width"] + 1, item.inner_text()[:60]
                for part in item.locator("*").all():
                    b = part.bounding_box()
                    if b:  # nothing inside an attribution sticks out of the column
                        assert b["x"] + b["width"] <= side["x"] + side["width"] + 1, part.inner_text()[:60]
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert widths[0] <= widths[1]  # no sideways scrolling
        finally:
            browser.close()
