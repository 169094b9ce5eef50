"""Statement pages and /api/statements over the gold set of statements across outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import trace_gold as gold
from reportedly.document import Attribution, Document, Metadata, Source


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient

    from reportedly.corpus import Store
    from reportedly.web.app import create_app

    db = gold.build(tmp_path_factory.mktemp("st") / "g.db")
    # a statement with markup in it, seen in two documents
    with Store(db) as s:
        for outlet in ("Evil <b>Outlet</b>", "Other Outlet"):
            quote = '"<script>alert(1)</script> will never ever be escaped by anyone here"'
            text = f"Title {len(outlet)}\n\nMx Mallory said {quote}."
            doc = Document(text, input=f"{outlet}.txt", meta=Metadata(title=f"Title {len(outlet)}", date="2024-04-01", sitename=outlet))
            c0 = text.index(quote)
            doc.add_attribution(Attribution(id="a1", source=Source(spans=[(text.index("Mx"), text.index(" said"))],
                                                                   entity="Mx Mallory", kind="person"),
                                            cue=[(text.index("said"), text.index("said") + 4)],
                                            content=[(c0, c0 + len(quote))], kind="direct"))
            s.add(doc)
        s.refresh_speakers()
    with TestClient(create_app(Path(db))) as c:
        yield c


def test_api_statements_and_one_statement(client) -> None:
    found = client.get("/api/statements", params={"q": "audit"}).json()
    assert len(found) == 1 and found[0]["first_seen"]["outlet"] == "Daily Meridian"
    one = client.get(f"/api/statements/{found[0]['id']}").json()
    assert one == found[0]
    assert client.get("/api/statements/999999").status_code == 404
    for bad in ("/api/statements/0", "/api/statements/x", "/api/statements?limit=0", "/api/statements?limit=1000",
                "/api/statements?offset=100001"):
        r = client.get(bad)
        assert r.status_code == 422, bad
        assert r.headers["x-content-type-options"] == "nosniff"
    r = client.get("/api/statements", params={"q": "word " * 40})
    assert r.status_code == 400


def test_statement_page_timeline_relays_and_differences(client) -> None:
    st = client.get("/api/statements", params={"q": "budget"}).json()[0]
    r = client.get(f"/statements/{st['id']}")
    assert r.status_code == 200 and "content-security-policy" in r.headers
    html = r.text
    assert 'class="chart timeline"' in html and 'class="relay"' in html  # a relay arrow
    assert "<del>disgrace to</del>" in html and "<ins>disaster for</ins>" in html
    assert '<ins class="chg">disaster for</ins>' in html
    assert "relayed from" in html
    assert client.get("/statements/424242").status_code == 404


def test_markup_in_statements_is_escaped(client) -> None:
    st = client.get("/api/statements", params={"q": "escaped"}).json()[0]
    for url in (f"/statements/{st['id']}", "/statements?q=escaped"):
        html = client.get(url).text
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
        assert "<b>Outlet</b>" not in html


def test_article_links_and_outlet_relays(client) -> None:
    st = client.get("/api/statements", params={"q": "budget"}).json()[0]
    wire = [o for o in st["occurrences"] if o["outlet"] == "Northern Wire"][0]
    html = client.get(f"/documents/{wire['document_id']}").text
    assert f'href="/statements/{st["id"]}"' in html
    page = client.get("/outlets/Northern Wire").text
    assert "Relays articles of" in page and "Harbor Post" in page
    assert "100% of its relays alter the quoted words" in page
    listing = client.get("/statements").text
    assert listing.count('href="/statements/') >= 6
