"""The web app without a browser: JSON API, OpenAPI schema, pages, and escaping of article text."""

from __future__ import annotations

import re

import pytest

from corpus import sample

CONTRACT = ("input", "text", "body", "title", "description", "date", "authors", "headline_credit", "attributions",
            "unattributed_claims")


def test_openapi_schema_lists_the_api(client) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert "/api/search" in paths and "/api/documents/{doc_id}" in paths
    assert "/api/speakers/{speaker_id}" in paths and "/api/outlets/{name}" in paths
    params = {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    assert {"q", "speaker", "outlet", "anonymous", "hedged", "from", "to", "via"} <= params
    assert not any(p.startswith("/documents") for p in paths)  # pages stay out of the API schema


def test_api_search_results_carry_document_id(client) -> None:
    body = client.get("/api/search", params={"q": "stockpiles"}).json()
    assert body["query"] == "stockpiles"
    res = body["results"]
    assert res and all(r["document_id"] == sample.planet().id for r in res)
    assert {r["type"] for r in res} == {"attribution", "document"}


def test_api_search_filters(client) -> None:
    def ids(**params):
        r = client.get("/api/search", params=params)
        assert r.status_code == 200, r.text
        return sorted(x["attribution_id"] for x in r.json()["results"] if x["type"] == "attribution")

    assert ids(speaker="Gen. Milley") == ["a1", "b1", "b2", "c1"]
    assert ids(speaker="Milley", **{"from": "2022-12-01", "to": "2022-12-31"}) == ["b1", "b2"]
    assert ids(anonymous="true") == ["a2", "c2"]
    assert ids(anonymous="true", outlet="Daily Planet", q="talks") == ["a2"]
    assert ids(hedged="true") == ["a2", "c1"]
    assert ids(via="New York Times") == ["a4"]


def test_api_search_errors_are_400(client) -> None:
    r = client.get("/api/search", params={"q": "x" * 501})  # '"unterminated' is now read as words
    assert r.status_code == 400 and "query too long" in r.json()["detail"]
    assert client.get("/api/search", params={"q": "x", "from": "yesterday"}).status_code == 400
    assert client.get("/api/search", params={"limit": "0"}).status_code == 422


def test_api_document_is_the_contract_record(client) -> None:
    doc = sample.planet()
    rec = client.get(f"/api/documents/{doc.id}").json()
    for key in CONTRACT:
        assert key in rec
    assert rec["text"] == doc.text and rec["date"] == "2022-11-11T10:53:00"
    atts = {a["id"]: a for a in rec["attributions"]}
    assert set(atts) == {"a1", "a2", "a3", "a4"}
    a1 = atts["a1"]
    assert a1["source"]["entity"] == "Mark Milley" and a1["source"]["anonymous"] is False
    s, e = a1["source"]["spans"][0]
    assert rec["text"][s:e] == "Gen. Mark Milley"
    assert atts["a2"]["source"]["anonymous"] is True and atts["a2"]["hedges"] == ["reportedly"]
    assert atts["a4"]["via"] == "a3" and a1["date"] == "2022-11-10"
    for a in atts.values():
        assert set(a) >= {"id", "source", "cue", "content", "hedges", "date", "via"}
        assert set(a["source"]) >= {"spans", "entity", "anonymous", "kind", "role", "description"}
    assert rec["unattributed_claims"][0]["spans"]
    assert client.get("/api/documents/nope").status_code == 404


def test_api_speakers_and_outlets(client) -> None:
    assert client.get("/api/speakers").json()[0]["id"] == "mark-milley"
    sp = client.get("/api/speakers/mark-milley").json()
    assert len(sp["statements"]) == 4
    assert client.get("/api/speakers/nobody").status_code == 404
    prof = client.get("/api/outlets/Daily Planet").json()
    assert prof["overall"]["anonymous"] == 2
    assert client.get("/api/outlets/nowhere").status_code == 404
    assert {o["outlet"] for o in client.get("/api/outlets").json()} == {"Daily Planet", "Evening Herald",
                                                                       "The Courier"}


def test_article_text_is_escaped(client) -> None:
    html = client.get(f"/documents/{sample.herald().id}").text
    article = html[html.index('id="article"'):html.index("</div>", html.index('id="article"'))]
    assert "<script" not in article and "<b>" not in article
    assert "&lt;script&gt;alert(" in article
    assert "&lt;b&gt;nobody&lt;/b&gt;" in article
    assert "&amp;amp; &amp;lt;tags&amp;gt;" in article  # the entities as typed, shown as text
    # the title, the attribution list and the embedded details are escaped too
    assert "<script>alert" not in html
    assert html.count("<script") == 2  # the details JSON and app.js, nothing from the article
    data = re.search(r'<script id="att-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data


def test_search_page_escapes_query_and_snippets(client) -> None:
    html = client.get("/search", params={"q": "nobody <script>x</script>"}).text
    assert "<script>x</script>" not in html
    html = client.get("/search", params={"q": "nobody"}).text
    assert "&lt;b&gt;<mark>nobody</mark>&lt;/b&gt;" in html


def test_pages_render(client) -> None:
    for url in ["/", "/search", "/search?q=Milley&anonymous=true", "/speakers", "/speakers/mark-milley",
                "/outlets", "/outlets/Daily%20Planet", f"/documents/{sample.planet().id}",
                f"/documents/{sample.courier().id}"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_page_contents(client) -> None:
    html = client.get(f"/documents/{sample.planet().id}").text
    assert html.count('class="hl r-src') >= 3 and 'class="hl r-src anon' in html
    assert 'href="/speakers/mark-milley"' in html and 'class="claim"' in html
    html = client.get("/speakers/mark-milley").text
    assert "<svg" in html and html.index("2022-11-10") < html.index("2023-01-15")
    html = client.get("/outlets/Daily%20Planet").text
    assert html.count("<svg") == 2 and "anonymous sources" in html


@pytest.mark.parametrize("url", ["/documents/nope", "/speakers/nobody", "/outlets/nowhere"])
def test_missing_pages_are_404(client, url) -> None:
    r = client.get(url)
    assert r.status_code == 404 and "not found" in r.text


def test_bad_search_on_the_page_is_400_with_a_message(client) -> None:
    r = client.get("/search", params={"q": "x" * 501})
    assert r.status_code == 400 and "query too long" in r.text


def test_the_server_never_writes(client, corpus_db) -> None:
    from reportedly.corpus import Store

    with Store(corpus_db, readonly=True) as s:
        before = s.counts()
    client.get("/api/search", params={"q": "x'); DELETE FROM documents; --"})
    client.get("/api/search", params={"speaker": "'; DROP TABLE speakers; --"})
    with Store(corpus_db, readonly=True) as s:
        assert s.counts() == before


def test_api_page_lists_the_endpoints(client) -> None:
    html = client.get("/api").text
    assert "GET /api/search" in html and "GET /api/documents/{doc_id}" in html and "/openapi.json" in html


def test_api_search_echoes_filters_by_their_parameter_names(client) -> None:
    body = client.get("/api/search", params={"q": "aid", "from": "2023", "anonymous": "true"}).json()
    assert body["filters"]["from"] == "2023" and body["filters"]["anonymous"] is True
    assert "date_from" not in body["filters"]


def test_search_page_pages_through_results(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.corpus import Store
    from reportedly.document import Document, Metadata
    from reportedly.web.app import create_app

    with Store(tmp_path / "many.db") as s:
        for i in range(55):
            s.add(Document(f"Harbour report {i}\n\nThe harbour reopened on day {i}.", input=f"{i}.txt",
                           meta=Metadata(title=f"Harbour report {i}", date=f"2024-01-{i % 28 + 1:02d}")))
    with TestClient(create_app(tmp_path / "many.db")) as c:
        first = c.get("/search", params={"q": "harbour"}).text
        assert first.count('class="result r-doc"') == 50 and 'id="next-page"' in first
        second = c.get("/search", params={"q": "harbour", "offset": 50}).text
        assert second.count('class="result r-doc"') == 5 and 'id="next-page"' not in second
        assert "after the first 50" in second and "previous" in second


def test_the_server_sees_documents_ingested_while_it_runs(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.corpus import Store
    from reportedly.web.app import create_app

    db = tmp_path / "live.db"
    with Store(db) as writer:
        writer.add(sample.courier())
        with TestClient(create_app(db)) as c:
            assert len(c.get("/api/documents").json()) == 1
            writer.add(sample.planet())  # an ingest running beside the server
            assert len(c.get("/api/documents").json()) == 2
            assert c.get("/api/search", params={"q": "stockpiles"}).json()["results"]


@pytest.mark.parametrize(("raw", "shown"), [('"We are ready."', "We are ready."), ("“Yes”.", "Yes"),
                                            ('"a" and "b"', '"a" and "b"'), ("plain", "plain"), ("", "")])
def test_quotations_are_not_quoted_twice(raw, shown) -> None:
    from reportedly.web.filters import unquote_text

    assert unquote_text(raw) == shown


def test_pages_allow_only_their_own_scripts(client) -> None:
    r = client.get(f"/documents/{sample.herald().id}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in client.get("/api/search", params={"q": "x"}).headers


def _article(html: str) -> str:
    start = html.index('id="article"')
    return html[start:html.index("</div>", start)]


def _balanced(fragment: str) -> bool:
    """Every span in the fragment closes in order (the markup nests properly)."""
    from html.parser import HTMLParser

    stack: list[str] = []
    ok = [True]

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            stack.append(tag)

        def handle_endtag(self, tag):
            if not stack or stack.pop() != tag:
                ok[0] = False

    P().feed(fragment.split(">", 1)[1])
    return ok[0] and not stack


def test_api_document_has_the_entity_layer(client) -> None:
    rec = client.get(f"/api/documents/{sample.herald().id}").json()
    assert rec["entities"] == [{"id": "e1", "name": "Mark Milley", "kind": "person", "gender": "male",
                                "anonymous": False, "mentions": rec["entities"][0]["mentions"],
                                "forms": ["Milley", "The general"]}]
    assert [rec["text"][s:e] for s, e in rec["entities"][0]["mentions"]] == ["Milley", "Milley", "The general"]
    b2 = next(a for a in rec["attributions"] if a["id"] == "b2")
    assert b2["source"]["entity_id"] == "e1" and b2["source"]["confidence"] == 0.7


def test_article_marks_every_entity_mention(client) -> None:
    html = client.get(f"/documents/{sample.planet().id}").text
    article = _article(html)
    assert _balanced(article)
    mentions = re.findall(r'<span class="ent" data-ent="([^"]+)" title="([^"]*)">([^<]*)</span>', article)
    assert [(eid, text) for eid, _, text in mentions] == [("e1", "Milley"), ("e1", "Gen. Mark Milley"),
                                                          ("e2", "Officials"), ("e4", "The Pentagon"),
                                                          ("e3", "The New York Times")]
    titles = {text: title for _, title, text in mentions}
    assert titles["Milley"] == "→ Mark Milley (person)"  # the headline: no attribution around it
    # a mention inside a source: its entity first, then what the highlight says
    assert titles["Gen. Mark Milley"].startswith("→ Mark Milley (person)\n\nMark Milley")
    assert titles["The New York Times"].startswith("→ The New York Times (outlet)")
    # the source highlight is still one piece, with the mention nested inside it
    assert re.search(r'<span class="hl r-src"[^>]*data-att="a1"[^>]*><span class="ent" data-ent="e1"[^>]*>'
                     r"Gen. Mark Milley</span></span>", article)
    # the entity list beside the article: forms with counts
    assert 'id="ent-e1"' in html and "Gen. Mark Milley <span class=\"count\">×1</span>" in html
    assert html.count('class="ent-item"') == 4


def test_mentions_in_escaped_text_stay_text(client) -> None:
    article = _article(client.get(f"/documents/{sample.herald().id}").text)
    assert _balanced(article) and "<script" not in article
    assert article.count('data-ent="e1"') == 3


def test_overlapping_mentions_and_highlights_nest() -> None:
    from reportedly.document import Attribution, Document, Entity, Source
    from reportedly.web.render import attribution_infos, highlight

    text = "The Obama administration said on Friday that Obama would veto it."
    at = sample.at
    doc = Document(text)
    admin = doc.add_entity(Entity("e1", "Obama administration", "government", [at(text, "The Obama administration")]))
    obama = doc.add_entity(Entity("e2", "Barack Obama", "person", [at(text, "Obama"), at(text, "Obama", 1)]))
    # a content that starts inside a mention cuts it, never the nesting
    s = text.index("bama would")
    doc.add_attribution(Attribution(id="a1", source=Source(spans=[at(text, "Obama administration")],
                                                           entity_id="e1"),
                                    cue=[at(text, "said")], content=[(s, len(text) - 1)]))
    out = str(highlight(doc, attribution_infos(doc, {})))
    assert _balanced('<div id="article">' + out)
    assert re.sub(r"<[^>]+>", "", out).replace("&#39;", "'") == text
    # "Obama" inside the administration's name: both entities, the person (innermost) first
    assert '<span class="ent" data-ent="e2 e1" title="→ Barack Obama (person)\n→ Obama administration (government)' in out
    assert '<span class="ent" data-ent="e1" title="→ Obama administration (government)">The </span>' in out
    # the second "Obama" is cut where the content starts: "O" outside it, "bama" inside
    assert re.search(r'<span class="ent" data-ent="e2" title="→ Barack Obama \(person\)">O</span>'
                     r'<span class="hl r-content"[^>]*><span class="ent" data-ent="e2"[^>]*>bama</span>', out)
    assert admin.id == "e1" and obama.id == "e2"


def test_speaker_page_lists_how_the_person_was_referred_to(client) -> None:
    html = client.get("/speakers/mark-milley").text
    part = html[html.index('id="referred-as"'):]
    part = part[:part.index("</p>")]
    forms = re.findall(r'<span class="form">([^<]*)</span> <span class="count">\((\d+)\)</span>', part)
    assert forms == [("Milley", "3"), ("Gen. Mark Milley", "1"), ("The general", "1"), ("Mark Milley", "1")]
    assert client.get("/api/speakers/mark-milley").json()["referred_as"][0] == {"form": "Milley", "count": 3}


def test_a_speaker_is_read_a_page_at_a_time(client, monkeypatch) -> None:
    from reportedly.web import app as web_app

    whole = client.get("/api/speakers/mark-milley").json()
    first = client.get("/api/speakers/mark-milley", params={"limit": 3}).json()
    rest = client.get("/api/speakers/mark-milley", params={"limit": 3, "offset": 3}).json()
    assert first["statements"] + rest["statements"] == whole["statements"]  # the pages make up the whole, in order
    for part in (first, rest):  # the counts are always of every statement
        assert part["statement_count"] == len(whole["statements"]) == 4
        assert (part["by_month"], part["documents"], part["outlets"]) == (
            whole["by_month"], whole["documents"], whole["outlets"])
    monkeypatch.setattr(web_app, "SPEAKER_PAGE", 3)
    html = client.get("/speakers/mark-milley").text
    assert "1–3 of 4" in html and 'href="/speakers/mark-milley?offset=3"' in html and "4 statements" in html
    html = client.get("/speakers/mark-milley", params={"offset": 3}).text
    assert "4–4 of 4" in html and 'href="/speakers/mark-milley?offset=0"' in html and 'id="next-page"' not in html
