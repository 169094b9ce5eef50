"""Requests a probe found to give 500s or to miss the security headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.cli import main

HUGE = "99999999999999999999"


@pytest.mark.parametrize("url", [f"/api/search?offset={HUGE}", f"/api/documents?offset={HUGE}",
                                 f"/api/speakers?offset={HUGE}", f"/search?q=talks&offset={HUGE}",
                                 "/api/search?offset=-1", "/api/search?limit=100000000000000000000"])
def test_out_of_range_numbers_are_422(client, url) -> None:
    r = client.get(url)
    assert r.status_code == 422
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_page_past_any_end_is_an_empty_page(client) -> None:
    r = client.get("/?page=18446744073709551616")
    assert r.status_code == 200


@pytest.mark.parametrize("url", ["/", "/api/documents", "/nope", "/api/documents/nope", f"/api/search?offset={HUGE}"])
def test_every_response_carries_the_security_headers(client, url) -> None:
    r = client.get(url)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_an_internal_error_is_a_500_with_the_headers(corpus_db, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from reportedly.corpus.store import Store
    from reportedly.web.app import create_app

    def broken(self, *a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(Store, "outlets", broken)
    with TestClient(create_app(corpus_db), raise_server_exceptions=False) as c:
        r = c.get("/api/outlets")
    assert r.status_code == 500
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_serve_port_out_of_range_is_one_usage_line(corpus_db, capsys) -> None:
    assert main(["serve", "--db", str(corpus_db), "--port", "99999"]) == 2
    _out, err = capsys.readouterr()
    assert err.splitlines() == ["reportedly: serve: port 99999 is out of range (1-65535)"]


def test_serve_on_a_busy_port_is_one_line_before_serving(corpus_db, capsys) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--db", str(corpus_db), "--port", str(port)]) == 1
    _out, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert line.startswith(f"reportedly: serve: cannot listen on 127.0.0.1:{port}: ") and "serving" not in err


def test_serve_without_a_store_refuses_and_creates_nothing(tmp_path, capsys) -> None:
    db = tmp_path / "reportedly.db"
    assert main(["serve", "--db", str(db), "--port", "8123"]) == 1
    _out, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert "no such corpus store" in line and "ingest" in line
    assert not db.exists()


def test_a_loopback_server_answers_only_its_own_host_names(corpus_db) -> None:
    from fastapi.testclient import TestClient

    from reportedly.web.app import create_app
    from reportedly.web.security import allowed_hosts_for

    app = create_app(corpus_db, allowed_hosts=allowed_hosts_for("127.0.0.1", ["corpus.lab"]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        for host in ("localhost:8000", "[::1]:8000", "corpus.lab", "127.0.0.1"):
            assert c.get("/", headers={"host": host}).status_code == 200, host
        rebound = c.get("/api/search?q=talks", headers={"host": "attacker.example:8000"})
        assert rebound.status_code == 400 and "unknown host" in rebound.text
        moved = c.get("/speakers/", headers={"host": "attacker.example"}, follow_redirects=False)
        assert moved.status_code == 400 and "attacker.example" not in moved.headers.get("location", "")
    assert allowed_hosts_for("0.0.0.0") is None  # every name, when the user listens everywhere


def test_head_and_options_are_answered(client) -> None:
    got, head = client.get("/"), client.head("/")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    opts = client.options("/api/search")
    assert opts.status_code == 204 and opts.headers["allow"] == "GET, HEAD, OPTIONS"


def test_the_openapi_document_lists_the_errors_each_route_returns(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents/{doc_id}", "/api/speakers/{speaker_id}", "/api/outlets/{name}",
                 "/api/statements/{statement_id}"):
        assert "404" in paths[path]["get"]["responses"], path
    for path in ("/api/search", "/api/statements"):
        assert "400" in paths[path]["get"]["responses"], path
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/search?q=x&from=2025-13").status_code == 400


def test_counts_agree_in_number(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.cli import main
    from reportedly.web.app import create_app
    from reportedly.web.filters import counted

    assert (counted(1, "document"), counted(0, "outlet"), counted(1200, "statement")) == \
        ("1 document", "0 outlets", "1,200 statements")
    db = tmp_path / "one.db"
    root = Path(__file__).resolve().parents[2]
    assert main(["ingest", str(root / "examples" / "harbour-dispute.txt"), "--db", str(db), "--no-progress"]) == 0
    with TestClient(create_app(db)) as c:
        page = c.get("/").text
    assert "1 document ·" in page and "1 documents" not in page


def test_dates_read_as_dates_and_the_release_is_named(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.cli import main
    from reportedly.web.app import create_app
    from reportedly.web.filters import readable_date

    assert readable_date("2025-03-14") == "14 March 2025"
    assert readable_date("2025-03-14T08:40:00Z") == "14 March 2025, 08:40 UTC"
    assert readable_date("2025-03") == "March 2025" and readable_date("2025-13-01") == "2025-13-01"
    db = tmp_path / "one.db"
    root = Path(__file__).resolve().parents[2]
    assert main(["ingest", str(root / "examples" / "harbour-dispute.txt"), "--db", str(db), "--no-progress"]) == 0
    with TestClient(create_app(db)) as c:
        doc_id = c.get("/api/documents").json()[0]["id"]
        page = c.get(f"/documents/{doc_id}").text
    assert '<time datetime="2025-03-14T08:40:00">14 March 2025, 08:40</time>' in page
    from reportedly import __version__

    assert f"<p>reportedly {__version__}</p>" in page and "<summary>component versions</summary>" in page
