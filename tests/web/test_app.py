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
    r = client.get("/api/search", params={"q": '"unterminated'})
    assert r.status_code == 400 and "cannot search for" in r.json()["detail"]
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
    r = client.get("/search", params={"q": '"unterminated'})
    assert r.status_code == 400 and "cannot search for" in r.text


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
    from reportedly.web.app import unquote_text

    assert unquote_text(raw) == shown


def test_pages_allow_only_their_own_scripts(client) -> None:
    r = client.get(f"/documents/{sample.herald().id}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in client.get("/api/search", params={"q": "x"}).headers
