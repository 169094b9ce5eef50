"""What the web server lets in: the Host names it answers, the methods it serves and the security
headers on every response (ASGI middleware around the FastAPI app)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.responses import PlainTextResponse, Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: Host names a server bound to a loopback address answers to (the port is ignored).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def allowed_hosts_for(bind: str, extra: Sequence[str] = ()) -> list[str] | None:
    """The Host names a server bound to ``bind`` answers: a loopback address its loopback names (so
    that a page elsewhere cannot reach the corpus through DNS rebinding) plus ``extra``; any other
    address ``extra`` alone, or every name when ``extra`` is empty (``None``)."""
    if bind in LOOPBACK_HOSTS or bind.startswith("127."):
        return [*LOOPBACK_HOSTS, bind, *extra]
    return list(extra) or None


class HostAndMethods:
    """ASGI middleware: a request whose Host header is not one of ``allowed`` gets 400 (``allowed``
    None: any); HEAD is answered as GET without the body; OPTIONS says which methods exist."""

    def __init__(self, app: Any, allowed: Sequence[str] | None = None):
        self.app = app
        self.allowed = None if allowed is None else {h.strip("[]").lower() for h in allowed}

    def _host_ok(self, scope: dict[str, Any]) -> bool:
        if self.allowed is None:
            return True
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        name = host
        if host.startswith("["):  # [::1]:8000
            name = host[1:].split("]", 1)[0]
        elif host.count(":") == 1:
            name = host.split(":", 1)[0]
        return name.lower() in self.allowed

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._host_ok(scope):
            await PlainTextResponse("unknown host: this server answers only to the names it serves "
                                    "(reportedly serve --allowed-host NAME adds one)", 400)(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await Response(status_code=204, headers={"Allow": "GET, HEAD, OPTIONS"})(scope, receive, send)
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


class SecurityHeaders:
    """ASGI middleware: every response, errors included, runs only the app's own script whatever an
    article contains (defence in depth: article text is escaped anyway). There is no exemption: the
    CDN-loaded Swagger page is off, and /docs leads to the app's own API page."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        def with_headers(headers: list) -> list:
            headers = list(headers)
            headers.append((b"x-content-type-options", b"nosniff"))
            headers.append((b"referrer-policy", b"no-referrer"))
            headers.append((b"content-security-policy", CSP.encode()))
            return headers

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": with_headers(message.get("headers", []))}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # an unexpected error: answer the 500 here, with the headers, rather than leave it to the
            # server's own error page (which carries none); then let the server log it
            if not started:
                body = b"Internal Server Error"
                await send({"type": "http.response.start", "status": 500, "headers": with_headers(
                    [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())])})
                await send({"type": "http.response.body", "body": body})
            raise
