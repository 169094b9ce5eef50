"""HTML pages: article text, structure layers and the page's metadata."""

from __future__ import annotations

from reportedly.readers import read_inputs
from reportedly.readers.html import read_html_bytes


def _one(path):
    (doc,) = list(read_inputs([str(path)]))
    return doc


def test_example_page(examples) -> None:
    doc = _one(examples / "library-reopens.html")
    m = doc.meta
    assert m.format == "html"
    assert m.title == "Brenford library reopens after flood repairs"
    assert m.description.startswith("The town's central library welcomed readers back")
    assert m.date == "2025-05-17T09:15:00+01:00"
    assert m.authors == ["Nadia Oyelaran"]
    assert m.sitename == "The Brenford Courier"
    assert m.url == "https://courier.example/news/brenford-library-reopens"
    assert m.language == "en"
    body = doc.body
    assert "queue of more than a hundred people" in body
    assert body.rstrip().endswith("restocked with donations from readers across the county.")
    for junk in ("Subscribe", "Related stories", "All rights reserved", "Mill Street to close"):
        assert junk not in body
    assert "warnings" not in m.extra


def test_layers_are_spans_into_the_text(examples) -> None:
    doc = _one(examples / "library-reopens.html")
    (title,) = doc.layer("title")
    assert doc.slice(title) == doc.meta.title
    paragraphs = doc.layer("paragraph")
    assert len(paragraphs) >= 4
    assert doc.body == "\n\n".join(doc.slice(p) for p in paragraphs)


def test_truncated_page_is_read_with_a_warning() -> None:
    data = (b"<html><head><title>Storm closes harbour</title></head><body><article>"
            b"<p>The harbour closed on Friday after a storm damaged the outer wall, the port said in a statement.</p>"
            b"<p>Repairs will take several weeks, according to engineers who inspected the")
    doc = read_html_bytes(data, input="cut.html")
    assert "harbour closed on Friday" in doc.body
    assert any("truncated" in w for w in doc.meta.extra["warnings"])


def test_malformed_page_is_read_with_a_warning() -> None:
    data = (b"<html><body><div><p>The mayor said the plan was <b>final</p></i></span>."
            b"<p>Residents objected at a meeting on Monday evening, and the council promised a vote.</p>"
            b"</div></div></body></html>")
    doc = read_html_bytes(data, input="bad.html")
    assert "Residents objected" in doc.body
    assert any("malformed" in w for w in doc.meta.extra["warnings"])


def test_declared_charset_is_used() -> None:
    page = "<html><head><meta charset='windows-1252'></head><body><p>Le café a fermé à midi, a déclaré le maire dans un communiqué publié lundi.</p></body></html>"
    doc = read_html_bytes(page.encode("cp1252"), input="fr.html")
    assert "Le café a fermé à midi" in doc.body
    assert doc.meta.encoding == "windows-1252"


def test_damaged_utf8_page_is_kept_with_a_warning() -> None:
    page = ("<html><head><meta charset='utf-8'></head><body><p>Zoë Marsh said the café would close on Friday, "
            "after twenty years on the corner of Dock Street.</p></body></html>").encode()
    data = page.replace(b"Friday", b"Fri\xc3\x28day")
    doc = read_html_bytes(data, input="x.html")
    assert "Zoë Marsh said the café would close on FriÃ(day" in doc.body  # the stray byte as Windows-1252
    assert doc.meta.extra["warnings"] == ["invalid UTF-8: 1 byte read as Windows-1252 (the first at offset 94)"]
    assert doc.meta.encoding == "utf-8"


def test_stray_byte_in_declared_utf8_page() -> None:
    page = (b"<html><head><meta charset='utf-8'></head><body><p>The harbour closed on Friday \xff after a storm "
            b"damaged the outer wall, the port authority said in a statement.</p></body></html>")
    doc = read_html_bytes(page, input="x.html")
    assert "after a storm damaged the outer wall" in doc.body  # read, never refused


_PROSE = ("<p>The harbour board voted on Tuesday to close the old ferry terminal after engineers found "
          "that the pier could no longer carry vehicles safely, the board said in a statement.</p>"
          "<p>Passengers will use the temporary landing stage at the north quay from next month, and the "
          "board expects the repairs to take at least two years, according to its chair.</p>"
          "<p>Local traders said they feared the closure would cut the number of visitors to the old town "
          "during the summer season, when most of their income is earned.</p>")


def _page(head: str, body_top: str = "", lang: str = ' lang="en"') -> bytes:
    return (f"<html{lang}><head>{head}</head><body><article>{body_top}<h1>Ferry terminal to close for repairs</h1>"
            f"{_PROSE}</article></body></html>").encode()


def test_page_facts_json_ld_first() -> None:
    head = (
        "<title>Ferry terminal to close for repairs | Harbour Ledger</title>"
        '<meta property="og:site_name" content="Harbour Ledger">'
        '<meta name="author" content="Harbour Ledger Staff">'
        '<meta property="article:published_time" content="2025-03-04">'
        '<link rel="canonical" href="https://harbourledger.example/news/ferry-terminal">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry terminal to close for repairs",'
        ' "datePublished": "2025-03-04T09:30:00+01:00",'
        ' "author": [{"@type": "Person", "name": "By MARTA LINDQVIST, Ledger Staff Writer"},'
        ' {"@type": "Organization", "name": "Harbour Ledger"}]}</script>'
    )
    doc = read_html_bytes(_page(head), input="page.html", url="https://harbourledger.example/amp/ferry?x=1")
    m = doc.meta
    assert m.title == "Ferry terminal to close for repairs"
    assert m.sitename == "Harbour Ledger"
    assert m.authors == ["Marta Lindqvist"]
    assert m.date == "2025-03-04T09:30:00+01:00"
    assert m.url == "https://harbourledger.example/news/ferry-terminal"
    assert m.language == "en"


def test_agency_byline_and_detected_language() -> None:
    head = ("<title>Ferry terminal to close for repairs - Harbour Ledger</title>"
            '<meta name="author" content="The Associated Press">')
    doc = read_html_bytes(_page(head, lang=""), input="page.html")
    m = doc.meta
    assert m.title == "Ferry terminal to close for repairs"
    assert m.authors == ["Associated Press"]
    assert m.language == "en" and m.extra.get("language_detected") is True


def _para(n: int, topic: str) -> str:
    return (f"<p>Paragraph {n} about the {topic}: the harbour board said the work on the old pier would "
            f"continue through the winter, and engineers would report again in the spring on the {topic}.</p>")


def test_split_article_body_is_rejoined() -> None:
    first = "".join(_para(n, "first stage") for n in range(1, 7))
    second = "".join(_para(n, "second stage") for n in range(7, 11))
    page = ('<html lang="en"><head><title>Pier repairs</title></head><body><article>'
            '<h1>Pier repairs go on through winter</h1>'
            f'<div class="article-chunk body">{first}</div>'
            '<div class="ad-slot"><p>Advertisement</p></div>'
            f'<div class="article-chunk body">{second}</div>'
            '</article></body></html>').encode()
    body = read_html_bytes(page, input="page.html").body
    assert "Paragraph 1 about the first stage" in body
    assert "Paragraph 10 about the second stage" in body
    assert body.index("Paragraph 6 about") < body.index("Paragraph 7 about")


def test_furniture_lines_leave_the_body_and_stay_tagged() -> None:
    page = ('<html lang="en"><head><title>Ferry terminal to close</title>'
            '<meta name="description" content="The old pier can no longer carry vehicles, engineers found.">'
            '</head><body><article><header><h1>Ferry terminal to close</h1>'
            '<p>The old pier can no longer carry vehicles, engineers found.</p></header>'
            '<p>AP-US--Harbour-Ferry, 2nd Ld-Writethru</p>'
            '<p>PORTSMOUTH (AP) — The harbour board voted on Tuesday to close the old ferry terminal after '
            'engineers found that the pier could no longer carry vehicles safely, the board said.</p>'
            '<p>Passengers will use the temporary landing stage at the north quay from next month, and the '
            'board expects the repairs to take at least two years, according to its chair.</p>'
            '<p>Updated 14 hours ago</p>'
            '<p>Associated Press writer Jane Roe contributed to this report.</p>'
            '<p>Email Jane Roe at jroe@example.com or follow her @janeroe.</p>'
            '</article></body></html>').encode()
    doc = read_html_bytes(page, input="page.html")
    body = doc.body
    assert body.startswith("PORTSMOUTH (AP) — The harbour board voted")
    for junk in ("Writethru", "hours ago", "contributed to this report", "jroe@example.com"):
        assert junk not in body
    assert [doc.slice(s) for s in doc.layer("standfirst")] == ["The old pier can no longer carry vehicles, engineers found."]
    assert [doc.slice(s) for s in doc.layer("slug")] == ["AP-US--Harbour-Ferry, 2nd Ld-Writethru"]
    assert [doc.slice(s) for s in doc.layer("dateline")] == ["PORTSMOUTH (AP) —"]
    assert [doc.slice(s) for s in doc.layer("credit")] == ["Associated Press writer Jane Roe contributed to this report."]


def test_lede_that_repeats_the_description_stays_in_the_body() -> None:
    lede = "The harbour board voted on Tuesday to close the old ferry terminal for at least two years."
    page = ('<html lang="en"><head><title>Ferry terminal to close</title>'
            f'<meta name="description" content="{lede}"></head><body><article><h1>Ferry terminal to close</h1>'
            f'<div class="body"><p>{lede}</p>{_PROSE}</div></article></body></html>').encode()
    doc = read_html_bytes(page, input="page.html")
    assert doc.body.startswith(lede)
    assert not doc.layer("standfirst")


# -- article structure: split bodies, standfirsts, furniture, captions, teasers, subheadings ---------
def _article(inner: str, head: str = "<title>Ferry terminal to close</title>", outside: str = "") -> bytes:
    return (f'<html lang="en"><head>{head}</head><body><main><article class="article">'
            f"<h1>Ferry terminal to close</h1>{inner}</article>{outside}</main></body></html>").encode()


def _layer(doc, name: str) -> list[str]:
    return [doc.slice(s) for s in doc.layer(name)]


def test_split_article_containers_are_rejoined() -> None:
    # The body in three containers of one kind, with an advertisement and a sign-up box between them:
    # the extractor keeps the first; the others are added back in page order, the box is not.
    def chunk(first: int, last: int, topic: str) -> str:
        paragraphs = "".join(_para(n, topic) for n in range(first, last + 1))
        return (f'<div class="grid grid-items-2"><div class="grid--item body article__body">{paragraphs}</div>'
                '<div class="grid--item ad"><aside><p>Advertisement</p></aside></div></div>')

    page = _article('<div class="article__chunks">' + chunk(1, 3, "first stage")
                    + '<div class="newsletter"><p>Sign up for our newsletter</p></div>'
                    + chunk(4, 9, "second stage") + chunk(10, 11, "third stage") + "</div>")
    body = read_html_bytes(page, input="page.html").body
    found = [n for n in range(1, 12) if f"Paragraph {n} about" in body]
    assert found == list(range(1, 12))
    assert [body.index(f"Paragraph {n} about") for n in found] == sorted(body.index(f"Paragraph {n} about") for n in found)
    assert "Sign up" not in body and "Advertisement" not in body


def test_a_standfirst_set_apart_above_the_body_goes_to_its_layer() -> None:
    # The page's description, shown again above the text in a box of its own rather than as its lede,
    # which the extractor keeps as the first paragraph.
    dek = "Engineers found that the old pier can no longer carry vehicles safely, the harbour board says."
    page = _article(f'<div class="dek">{dek}</div><div class="body">{_PROSE}</div>',
                    head=f'<title>Ferry terminal to close</title><meta name="description" content="{dek}">')
    doc = read_html_bytes(page, input="page.html")
    assert _layer(doc, "standfirst") == [dek]
    assert dek not in doc.body
    assert doc.body.startswith("The harbour board voted on Tuesday")


def test_furniture_lines_go_to_their_layers() -> None:
    furniture = ["Updated 14 hours ago", "Our Standards: The Thomson Reuters Trust Principles.",
                 "narrow-browser-and-phone medium-browser-and-portrait-tablet wide-browser-and-landscape-tablet",
                 "0 : 0", "Associated Press writer Jane Roe contributed to this report.",
                 "Email Jane Roe at jroe@example.com or follow her @janeroe."]
    teasers = ["Related: Harbour fees to rise next year", "Listen: https://podcasts.example/harbour-42"]
    lines = "".join(f"<p>{x}</p>" for x in [furniture[0], furniture[1]])
    rest = "".join(f"<p>{x}</p>" for x in [*furniture[2:4], teasers[0], furniture[4], teasers[1], furniture[5]])
    doc = read_html_bytes(_article(f'<div class="body">{lines}{_PROSE}{rest}</div>'), input="page.html")
    body = doc.body
    assert body.startswith("The harbour board voted") and body.endswith("most of their income is earned.")
    for line in furniture + teasers:
        assert line not in body
    boilerplate = "\n".join(_layer(doc, "boilerplate"))
    credit = furniture[4]  # a credit line has its own layer
    assert all(line in boilerplate for line in furniture if line in doc.text and line != credit)
    assert _layer(doc, "credit") == [credit]
    assert sum(line in doc.text for line in furniture) >= 4  # kept in the text, out of the body
    assert _layer(doc, "teaser") == [x for x in teasers if x in doc.text] and _layer(doc, "teaser")


def test_wire_slug_and_dateline_are_tagged() -> None:
    page = _article('<div class="body"><p>AP-US--Harbour-Ferry, 2nd Ld-Writethru</p>'
                    '<p>WASHINGTON (Reuters) - The harbour board voted on Tuesday to close the old ferry terminal '
                    'after engineers found that the pier could no longer carry vehicles safely.</p>'
                    + _PROSE + "</div>")
    doc = read_html_bytes(page, input="page.html")
    assert _layer(doc, "slug") == ["AP-US--Harbour-Ferry, 2nd Ld-Writethru"]
    assert _layer(doc, "dateline") == ["WASHINGTON (Reuters) -"]
    assert doc.body.startswith("WASHINGTON (Reuters) - The harbour board voted")  # the dateline stays in the text


def test_captions_go_to_their_layer_and_are_not_lost() -> None:
    inside = "Passengers wait at the old ferry terminal on Monday."
    credited = "The north quay landing stage, which opens next month (Photo: Jane Roe/Harbour Ledger)"
    elsewhere = "A view of the new marina, from another story"
    page = _article(f'<div class="body">{_PROSE[: _PROSE.index("</p>") + 4]}'
                    f'<figure><img src="a.jpg"><figcaption>{inside}</figcaption></figure>'
                    f'{_PROSE[_PROSE.index("</p>") + 4 :]}<p>{credited}</p></div>',
                    outside=f'<aside><figure><img src="b.jpg"><figcaption>{elsewhere}</figcaption></figure></aside>')
    doc = read_html_bytes(page, input="page.html")
    captions = _layer(doc, "caption")
    assert inside in captions and credited in captions
    assert inside not in doc.body and credited not in doc.body
    assert elsewhere not in doc.text  # a picture outside the article is not its caption
    assert doc.body.count("\n\n") == 2  # the three paragraphs, nothing else


def test_subheadings_are_kept_and_marked() -> None:
    page = _article('<div class="body">' + _PROSE.replace("<p>Local traders", "<h2>What traders fear</h2><p>Local traders")
                    + "</div>")
    doc = read_html_bytes(page, input="page.html")
    assert "\n\nWhat traders fear\n\nLocal traders said" in doc.body
    assert _layer(doc, "subheading") == ["What traders fear"]


def test_headline_repeated_under_a_kicker_leaves_the_body() -> None:
    page = _article('<div class="body"><p>Categories</p><p>Ferry terminal to close</p>' + _PROSE + "</div>")
    doc = read_html_bytes(page, input="page.html")
    assert doc.body.startswith("The harbour board voted on Tuesday")
    assert "Categories" not in doc.body


def test_an_embedded_post_the_extractor_left_out_is_put_back_in_place() -> None:
    tweet = ("The old pier has carried cars for ninety years and the board closes it in a week. "
             "Shameful.")
    first, rest = _PROSE[: _PROSE.index("</p>") + 4], _PROSE[_PROSE.index("</p>") + 4 :]
    page = _article(f'<div class="body">{first}<div class="social-media-embed"><blockquote class="twitter-tweet">'
                    f'<p lang="en">{tweet}</p>— Jane Roe (@janeroe) <a href="https://t.example/1">March 4, 2025</a>'
                    f"</blockquote></div>{rest}</div>")
    body = read_html_bytes(page, input="page.html").body
    assert tweet in body and "— Jane Roe (@janeroe) March 4, 2025" in body
    assert body.index("the board said in a statement.") < body.index(tweet) < body.index("Passengers will use")
