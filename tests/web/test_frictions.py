"""Frictions of the pages, server side: page furniture folded away, the headline repeated as a caption
muted, junk mentions kept out of "Referred to as", titles (never ids) in article columns, quotation
marks never doubled, one dot per version on a statement's timeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import scraped

HASH_ID = re.compile(r">\s*[0-9a-f]{16}\s*<")


@pytest.fixture(scope="module")
def scraped_client(tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient

    from reportedly.web.app import create_app

    db = scraped.build(tmp_path_factory.mktemp("scraped") / "c.db")
    with TestClient(create_app(db)) as c:
        yield c


def _article(html: str) -> str:
    start = html.index('id="article"')
    return html[start:html.index("</div>", start)]


def test_the_page_header_and_footer_are_folded_away(scraped_client) -> None:
    html = _article(scraped_client.get(f"/documents/{scraped.page().id}").text)
    folds = re.findall(r'<details class="fold"><summary>([^<]*)</summary>(.*?)</details>', html, re.S)
    assert len(folds) == 2
    (head_label, head), (foot_label, foot) = folds
    assert head_label == "page header: navigation, byline, date (7 lines)"
    assert "menuicon" in head and "By Marta Lindqvist" in head
    assert scraped.TITLE not in head  # the article starts at its headline
    assert "Share this article" in foot and foot_label.startswith("page furniture")
    # nothing of the text is lost: with the folds' labels taken out, the markup holds the whole text
    from html import unescape

    text = unescape(re.sub(r"<summary>.*?</summary>|<[^>]+>", "", html.split(">", 1)[1]))
    assert text == scraped.page().text


def test_the_headline_is_styled_and_its_repeat_as_a_caption_muted(scraped_client) -> None:
    html = _article(scraped_client.get(f"/documents/{scraped.page().id}").text)
    assert f'<span class="l-title">{scraped.TITLE}</span>' in html
    assert f'<span class="l-caption">{scraped.TITLE}</span>' in html
    css = scraped_client.get("/static/style.css").text
    assert re.search(r"\.article \.l-caption \{[^}]*color: var\(--muted\)", css)


def test_a_stretch_with_an_attribution_is_never_folded_away() -> None:
    from reportedly.document import Attribution, Document, Source
    from reportedly.web.render import furniture_folds

    text = "Menu\nHome\nOfficials said the port is closed.\n\nHeadline\n\nBody text."
    doc = Document(text, input="x.txt")
    doc.add_span("boilerplate", 0, text.index("\n\nHeadline"))
    doc.add_span("title", text.index("Headline"), text.index("Headline") + 8)
    doc.add_span("paragraph", text.index("Body"), len(text))
    doc.add_attribution(Attribution(id="a1", source=Source(spans=[(10, 19)], kind="anonymous", anonymous=True),
                                    cue=[(20, 24)], content=[(25, 43)]))
    assert furniture_folds(doc) == []
    doc.attributions.clear()
    assert [f[:2] for f in furniture_folds(doc)] == [(0, text.index("Headline"))]


@pytest.mark.parametrize(("form", "shown"), [
    ("Donald Trump", True), ("Mr. Trump", True), ("The former president", True), ("Trump's", True),
    ("Donald Trump\u2019s", True), ("union secretary Ilse Brandvold", True),
    ("Secretary of State Antony Blinken", True), ("the general", True), ("The regional transport minister", True),
    ("the newspaper", True), ("the union", True), ("Tory MP Jane Smith", True), ("the billionaire estate mogul", True),
    ("Footage of Trump", False), ("Most of", False), ("most of whom", False), ("he", False), ("who", False),
    ("But Trump", False), ("Trump administration", False), ("supporters of Trump", False), ("Mrs", False),
    ("state", False), ("the editorial board of the Washington Post Trump", False), ("the newspaper", False),
])
def test_referred_to_as_keeps_names_titles_and_descriptions(form, shown) -> None:
    from reportedly.web.filters import names_or_describes

    name, kind = {"union secretary Ilse Brandvold": ("Ilse Brandvold", "person"),
                  "Secretary of State Antony Blinken": ("Antony Blinken", "person"),
                  "the general": ("Mark Milley", "person"), "The regional transport minister": ("Aurelia Vance", None),
                  "the union": ("Velmora Dockers\u2019 Union", "organisation"),
                  "Tory MP Jane Smith": ("Jane Smith", "person")}.get(form, ("Donald Trump", "person"))
    if form == "the newspaper":  # a description of an outlet, not of a person
        name, kind = ("Coastal Ledger", "outlet") if shown else ("Donald Trump", "person")
    assert names_or_describes(form, name, kind) is shown


def test_the_speaker_page_lists_only_how_the_person_was_named(scraped_client) -> None:
    html = scraped_client.get("/speakers/donald-trump").text
    referred = html[html.index('id="referred-as"'):]
    referred = referred[:referred.index("</p>")]
    forms = re.findall(r'<span class="form">([^<]*)</span>', referred)
    assert forms == ["Donald Trump", "Mr. Trump", "The former president"]
    # the API keeps every stored mention
    api = scraped_client.get("/api/speakers/donald-trump").json()
    assert "Footage of Trump" in [f["form"] for f in api["referred_as"]]


@pytest.mark.parametrize("url", ["/", "/speakers/donald-trump", "/search?q=strike", "/search?speaker=donald-trump",
                                 "/outlets/Saltmere%20Gazette"])
def test_article_columns_show_titles_never_ids(scraped_client, url) -> None:
    html = scraped_client.get(url).text
    assert scraped.untitled().id not in re.sub(r'href="[^"]*"', "", html)
    assert not HASH_ID.search(html)
    assert "untitled: feeds/untitled-dump.txt" in html


@pytest.mark.parametrize(("raw", "html"), [
    ("\u201cHow many times do we have to see this?\u201d \u2026 \u201cIn Tulsa, an unarmed man.\u201d",
     '<span class="quoted">\u201cHow many times do we have to see this?\u201d \u2026 \u201cIn Tulsa, an unarmed '
     'man.\u201d</span>'),
    ("\u201cHow many times do we have to see this?\u201d", "<q>How many times do we have to see this?</q>"),
    ("\u201cHow many times do we", "<q>How many times do we</q>"),
    ("have to see this?\u201d", "<q>have to see this?</q>"),
    ("that the authority \u201chas no plans\u201d", '<q class="outer">that the authority \u201chas no plans\u201d</q>'),
    ("plain words", "<q>plain words</q>"),
])
def test_quotation_marks_are_never_doubled(raw, html) -> None:
    from reportedly.web.filters import quotation

    assert str(quotation(raw)) == html


def test_the_statements_pages_do_not_double_quotation_marks(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.web.app import create_app

    db = scraped.build_tulsa(tmp_path / "t.db")
    with TestClient(create_app(db)) as c:
        (st,) = c.get("/api/statements").json()
        assert st["content"].startswith("\u201cHow many times") and st["content"].count("\u201c") == 2
        pages = [c.get("/statements").text, c.get(f"/statements/{st['id']}").text,
                 c.get(f"/documents/{scraped.tulsa(0).id}").text]
    for html in pages:
        assert "How many times" in html
        assert not re.search(r"<q[^>]*>\s*\u201c", html)  # the page adds no marks to words that carry their own
        assert "\u201c\u201c" not in html and "\u201d\u201d" not in html


def test_each_version_on_the_same_day_gets_its_own_dot() -> None:
    from reportedly.web.render import statement_timeline

    occ = [{"outlet": "A", "date": "2025-03-14", "document_id": f"d{i}", "attribution_id": "a1",
            "altered": i == 1} for i in range(3)]
    occ.append({"outlet": "B", "date": "2025-03-20", "document_id": "d9", "attribution_id": "a2",
                "relayed_from": "d0"})
    svg = str(statement_timeline(occ))
    dots = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="6"', svg)]
    assert len(dots) == 4
    for i, (x1, y1) in enumerate(dots):
        for x2, y2 in dots[i + 1:]:
            assert abs(x1 - x2) >= 12 or abs(y1 - y2) >= 12  # no dot covers another (radius 6)


def test_a_crowded_day_shows_a_count_for_what_does_not_fit() -> None:
    from reportedly.web.render import statement_timeline

    occ = [{"outlet": "A", "date": "2025-03-14", "document_id": f"d{i}", "attribution_id": "a1"} for i in range(60)]
    occ.append({"outlet": "A", "date": "2025-03-15", "document_id": "dz", "attribution_id": "a1"})
    svg = str(statement_timeline(occ))
    dots = len(re.findall(r"<circle ", svg))
    more = re.search(r">\+(\d+)<title>", svg)
    assert more and dots + int(more.group(1)) == 61
