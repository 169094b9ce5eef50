"""Deliver 3 of issue 10: no page is served without the Content-Security-Policy — /docs included,
which used to be exempt and loaded Swagger's scripts from a CDN (blank offline)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_docs_leads_to_the_apps_own_api_page(client, url) -> None:
    r = client.get(url, follow_redirects=False)
    assert "default-src 'self'" in r.headers["content-security-policy"]
    if url == "/docs/oauth2-redirect":
        assert r.status_code == 404
        return
    assert r.status_code == 307 and r.headers["location"] == "/api"
    page = client.get(url)
    assert page.status_code == 200 and "JSON API" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "cdn" not in page.text.lower() and "swagger" not in page.text.lower()


def test_the_openapi_schema_is_still_served(client) -> None:
    r = client.get("/openapi.json")
    assert r.status_code == 200 and "/api/search" in r.json()["paths"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
