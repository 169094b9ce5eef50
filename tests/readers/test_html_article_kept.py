"""HTML pages: the article is kept whole (a thin extraction falls back to the full one, the lead
paragraph stays in the body) and what is not the article (metadata lists, player text, galleries,
other stories) is left out. Every page here is built by hand."""

from __future__ import annotations

import trafilatura

from reportedly.readers import html as html_reader
from reportedly.readers.html import read_html_bytes

_SENTENCES = [
    "The harbour authority confirmed on Monday that the northern pier will close for repairs in the spring.",
    "Engineers found that the timber piles under the pier had rotted far faster than anyone had expected.",
    "Fishing crews who land their catch there will move to the southern quay while the work goes on.",
    "The authority said the repairs would cost about four million euros and take most of the summer.",
    "Several skippers said they feared the move would add an hour to every trip out to the fishing grounds.",
    "A public meeting about the closure is planned for the last week of the month in the town hall.",
]


def _page(article: str, extra: str = "", head: str = "") -> bytes:
    return (f"<html><head><title>Pier to close</title>{head}</head><body><header><nav><a href='/'>Home</a>"
            f"</nav></header><main><article><h1>Pier to close</h1>{article}</article>{extra}</main>"
            f"<footer><p>Copyright 2025 The Harbour Post. All rights reserved.</p></footer></body></html>").encode()


def test_a_thin_extraction_falls_back_to_the_full_one(monkeypatch) -> None:
    # The fast extraction returns the copyright line and an app promotion of a page whose running
    # text is a long article: far too little of the page; the full extraction is taken.
    long_article = "".join(f"<p>{s} {s}</p>" for s in _SENTENCES * 3)
    real = trafilatura.bare_extraction
    seen = []

    def fake(tree, **options):
        found = real(tree, **options)
        seen.append(options["fast"])
        if options["fast"]:
            found.text = "All rights reserved\nRead the app on every device, also offline."
        return found

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", fake)
    doc = read_html_bytes(_page(long_article), input="thin.html")
    assert seen == [True, False]
    assert _SENTENCES[3] in doc.body and "app on every device" not in doc.body
    assert doc.meta.extra["extraction"]["method"] == "trafilatura-full"


def test_a_menu_taken_for_the_article_falls_back(monkeypatch) -> None:
    real = trafilatura.bare_extraction

    def fake(tree, **options):
        found = real(tree, **options)
        if options["fast"]:
            found.text = "\n".join(["Home", "News", "Region", "Sport", "Weather", "Contact"] * 20)
        return found

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", fake)
    doc = read_html_bytes(_page("".join(f"<p>{s}</p>" for s in _SENTENCES)), input="menu.html")
    assert doc.body.startswith(_SENTENCES[0]) and "Weather" not in doc.body


def test_a_good_extraction_is_not_checked_again(monkeypatch) -> None:
    real = trafilatura.bare_extraction
    seen = []

    def spy(tree, **options):
        seen.append(options["fast"])
        return real(tree, **options)

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", spy)
    doc = read_html_bytes(_page("".join(f"<p>{s}</p>" for s in _SENTENCES)), input="good.html")
    assert seen == [True] and doc.body.startswith(_SENTENCES[0])


def _described(lead: str) -> str:
    desc = _SENTENCES[0] + " " + _SENTENCES[1]
    return f'<meta name="description" content="{desc}"><meta property="og:description" content="{desc}">'


def test_the_lead_paragraph_stays_in_the_body() -> None:
    # the page's description is its first paragraph, marked as an intro in its own container
    lead = _SENTENCES[0] + " " + _SENTENCES[1]
    article = f'<p class="intro">{lead}</p><div class="text">' + "".join(f"<p>{s}</p>" for s in _SENTENCES[2:]) + "</div>"
    doc = read_html_bytes(_page(article, head=_described(lead)), input="lede.html")
    assert doc.body.startswith(lead)
    assert not doc.layer("standfirst")
    # the same inside the article's paragraphs, written as a heading
    article = f'<div class="content"><h4><span>{lead}</span></h4>' + "".join(f"<p>{s}</p>" for s in _SENTENCES[2:]) + "</div>"
    assert read_html_bytes(_page(article, head=_described(lead)), input="lede2.html").body.startswith(lead)


def test_a_standfirst_set_apart_in_the_header_leaves_the_body() -> None:
    lead = _SENTENCES[0] + " " + _SENTENCES[1]
    page = (f"<html><head><title>Pier to close</title>{_described(lead)}</head><body><article>"
            f"<header><h1>Pier to close</h1><h2 class='sub'>{lead}</h2></header><div class='text'>"
            + "".join(f"<p>{s}</p>" for s in _SENTENCES[2:]) + "</div></article></body></html>")
    doc = read_html_bytes(page.encode(), input="dek.html")
    assert [doc.slice(s) for s in doc.layer("standfirst")] == [lead]
    assert doc.body.startswith(_SENTENCES[2])


def test_the_text_is_in_composed_form() -> None:
    decomposed = "Die Sitze wurden gepru\u0308ft, bevor der Test begann, und alle Ergebnisse wurden veröffentlicht."
    article = f"<p>{decomposed}</p>" + "".join(f"<p>{s}</p>" for s in _SENTENCES)
    page = _page(article).replace(b"<h1>Pier to close</h1>", "<h1>Sitze gepru\u0308ft</h1>".encode())
    doc = read_html_bytes(page.replace(b"<title>Pier to close</title>", "<title>Sitze gepru\u0308ft</title>".encode()),
                          input="nfc.html")
    assert "geprüft" in doc.body and "\u0308" not in doc.text
    assert doc.meta.title == "Sitze geprüft"
    assert doc.slice(doc.layer("title")[0]) == "Sitze geprüft"


def test_credit_lines_are_a_credit_layer() -> None:
    article = "".join(f"<p>{s}</p>" for s in _SENTENCES) + (
        "<p>Additional reporting by Jane Roe; Editing by John Doe and Ann Smith</p>")
    doc = read_html_bytes(_page(article), input="credit.html")
    assert list(doc.layer_texts("credit")) == ["Additional reporting by Jane Roe; Editing by John Doe and Ann Smith"]
    assert "Additional reporting" not in doc.body and not any("Editing by" in t for t in doc.layer_texts("boilerplate"))


def test_a_build_stamp_is_not_the_date() -> None:
    # the platform's build stamp is the only date in a page that states none of its own: htmldate
    # would take it; the page gets no date rather than the day its software was built
    body = "".join(f"<p>{s}</p>" for s in _SENTENCES)
    for head, foot in (("", '<div class="build">dt: 2019-11-14T08:00:00Z</div>'),
                       ('<meta name="build" content="2019-11-14">', "")):
        page = (f"<html><head><title>Pier to close</title>{head}</head><body><article><h1>Pier to close</h1>"
                f"{body}</article><footer>{foot}</footer></body></html>")
        doc = read_html_bytes(page.encode(), input="msn.html")
        assert not (doc.meta.date or "").startswith("2019-11-14"), head + foot
    # the article's own published time stands
    head = '<meta property="article:published_time" content="2019-11-18T10:05:00Z"><meta name="build" content="2019-11-14">'
    doc = read_html_bytes(_page(body, head=head), input="cnn.html")
    assert doc.meta.date.startswith("2019-11-18")


def _body(doc) -> str:
    return doc.body


def test_player_interface_text_is_left_out() -> None:
    player = ('<div class="player"><div role="dialog" aria-modal="true"><p>This is a modal window.</p>'
              "<p>Beginning of dialog window. Escape will cancel and close the window.</p></div>"
              '<div aria-hidden="true">Text Color White Black Red Green Blue Yellow Magenta Cyan Transparency '
              "Opaque Semi-Transparent Background Color</div></div>")
    article = f"<p>{_SENTENCES[0]}</p>{player}" + "".join(f"<p>{s}</p>" for s in _SENTENCES[1:])
    doc = read_html_bytes(_page(article), input="player.html")
    assert "modal window" not in doc.text and "Semi-Transparent" not in doc.text
    assert all(s in doc.body for s in _SENTENCES)


def test_lists_of_other_stories_and_breadcrumbs_are_left_out() -> None:
    crumbs = '<p><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/harbour">Harbour</a></p>'
    others = ("<h3>Other opinion columns</h3>"
              '<p><a href="/a">Why the ferry still matters to the islands</a></p>'
              "<p>Our columnist on a service nobody wants to pay for.</p>"
              '<p><a href="/b">The harbour fees are a tax by another name</a></p>'
              "<p>A shopkeeper on the cost of moving goods.</p>"
              '<p><a href="/c">Let the old pier go, and build a better one</a></p>')
    article = crumbs + "".join(f"<p>{s}</p>" for s in _SENTENCES) + others
    doc = read_html_bytes(_page(article), input="teasers.html")
    body = doc.body
    assert body.startswith(_SENTENCES[0]) and body.rstrip().endswith(_SENTENCES[-1])
    for gone in ("Home", "Other opinion columns", "ferry still matters", "shopkeeper", "build a better one"):
        assert gone not in body
    assert any("ferry still matters" in t for t in doc.layer_texts("teaser"))


def test_a_link_box_heading_at_the_end_is_left_out() -> None:
    box = ('<div class="box"><div class="box-head">Further reading<br></div><div class="box-inner">'
           '<a href="https://example.org/harbour">The history of the northern pier, from 1880 to today</a></div></div>')
    article = "".join(f"<p>{s}</p>" for s in _SENTENCES) + box
    doc = read_html_bytes(_page(article), input="box.html")
    assert "Further reading" not in doc.body and doc.body.rstrip().endswith(_SENTENCES[-1])


def test_a_browser_update_banner_is_left_out() -> None:
    banner = "<p>Your browser is out of date. Update your browser for more security, speed and the best experience.</p>"
    doc = read_html_bytes(_page(banner + "".join(f"<p>{s}</p>" for s in _SENTENCES)), input="banner.html")
    assert "browser" not in doc.body and doc.body.startswith(_SENTENCES[0])


def test_a_picture_gallery_is_not_the_body() -> None:
    shots = ["The northern pier at dawn, seen from the lighthouse", "Rotted timber piles under the deck",
             "Crews unloading the morning catch on the southern quay", "The harbour master walks the pier",
             "Gulls over the fish market", "The pier in 1950, when ferries still docked there"]
    gallery = "<div>" + "".join(f'<div><img src="/p{n}.jpg"><p>{shot}</p></div>' for n, shot in enumerate(shots)) + "</div>"
    article = "".join(f"<p>{s}</p>" for s in _SENTENCES) + gallery
    doc = read_html_bytes(_page(article), input="gallery.html")
    assert doc.body.rstrip().endswith(_SENTENCES[-1])
    assert not any(shot in doc.body for shot in shots)
    # one picture with its caption inside the article is no gallery
    one = f'<div class="pic"><img src="/p.jpg"><p>{shots[0]}</p></div>'
    article = "".join(f"<p>{s}</p>" for s in _SENTENCES[:3]) + one + "".join(f"<p>{s}</p>" for s in _SENTENCES[3:])
    doc = read_html_bytes(_page(article), input="one.html")
    assert all(s in doc.body for s in _SENTENCES)


def test_a_hover_card_inside_a_sentence_is_left_out() -> None:
    # A name in a sentence carries a card the page shows on hover: a portrait, then links to the
    # person's page and recent stories. The card is not the sentence's words; the name is.
    card = ('<span class="person"><a href="/people/jane-doe">Jane Doe</a><span class="card"><span>'
            '<img src="/jane-doe.jpg"><a href="/people/jane-doe">Jane Mary Doe</a>'
            '<a href="/x">Harbour fees to rise for the third year running</a> '
            '<a href="/y">Ferry timetable cut for the winter months</a> | <a href="/people/jane-doe">MORE</a>'
            "</span></span></span>")
    said = f"<p>Harbour master {card} said the pier had served the town for more than a century.</p>"
    # a picture in a sentence followed by words of its own is no card
    pictured = ('<p>The old pier <span><img src="/pier.png"> as it stood in <a href="/1950">1950</a> and in '
                '<a href="/1980">1980</a></span> was twice as long as the new one will be.</p>')
    article = "".join(f"<p>{s}</p>" for s in _SENTENCES[:3]) + said + pictured + "".join(
        f"<p>{s}</p>" for s in _SENTENCES[3:])
    doc = read_html_bytes(_page(article), input="card.html")
    assert "Harbour master Jane Doe said the pier had served the town for more than a century." in doc.body
    assert "Mary" not in doc.text and "Harbour fees" not in doc.text and "MORE" not in doc.text
    assert "The old pier as it stood in 1950 and in 1980 was twice as long as the new one will be." in doc.body
    assert all(s in doc.body for s in _SENTENCES)
