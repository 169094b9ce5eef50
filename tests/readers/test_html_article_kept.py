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
