"""The corpus web UI and JSON API (FastAPI, server-rendered Jinja2 pages, a few lines of JS).

Pages: ``/`` (documents, outlets, speakers), ``/documents/{id}`` (the article with attributions
highlighted and entity mentions marked), ``/search``, ``/speakers/{id}`` (statements, and how the
articles referred to the person), ``/outlets/{name}``, ``/statements`` and ``/statements/{id}`` (a
statement across outlets: timeline, relays, each version against the first). JSON API under ``/api``
(OpenAPI at ``/openapi.json``). Each request thread reads through its own read-only connection;
the server never writes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as FastPath
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from .. import __version__
from ..corpus.search import plain_snippet
from ..corpus.store import Store, server_scheme, store_exists
from ..corpus.trace import MAX_LIMIT, document_statements, outlet_statements
from ..errors import QueryError, StoreError
from ..output import mention_forms
from .filters import (
    _form_score,
    counted,
    fill_months,
    quotation,
    readable_date,
    referring_forms,
    snippet_html,
    unquote_text,
    with_labels,
)
from .render import (
    attribution_infos,
    bar_chart,
    changed_words_html,
    highlight,
    share_bars,
    share_chart,
    speaker_hue,
    statement_timeline,
)
from .security import HostAndMethods, SecurityHeaders

HERE = Path(__file__).resolve().parent
MAX_OFFSET = 100_000
#: Statements on one page of a speaker (the counts and the chart are always of all of them).
SPEAKER_PAGE = 100
"""Largest ``offset`` any listing accepts (a larger one is a 422); ``/?page=`` is clamped to match."""
MAX_PAGE = MAX_OFFSET // 50 + 1


_YEAR = r"(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
#: What ``from`` and ``to`` accept, as the OpenAPI document states it: a year, a year and month, or a
#: calendar date (a day that exists: not 2025-02-30), or nothing (no bound, as an empty form field
#: sends it); anything else is answered 400.
DATE_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "string", "maxLength": 0},
                                         {"type": "string", "pattern": f"^{_YEAR}$"},
                                         {"type": "string", "pattern": f"^{_YEAR}-(0[1-9]|1[0-2])$"},
                                         {"type": "string", "format": "date"}]}


class SearchResult(BaseModel):
    """One hit: a statement (``type`` ``attribution``) or an article (``type`` ``document``)."""

    type: Literal["attribution", "document"]
    document_id: str = Field(description="id of the document; GET /api/documents/{document_id}")
    title: str | None = None
    document_date: str | None = None
    outlet: str
    date: str | None = Field(None, description="statement date (else the article's) for statements")
    snippet: str = Field(description="the matching text, matched words between [ and ]")
    rank: float | None = None
    attribution_id: str | None = None
    speaker_id: str | None = None
    speaker: str | None = None
    source: str | None = None
    source_kind: str | None = None
    anonymous: bool | None = None
    description: str | None = None
    cue: str | None = None
    content: str | None = None
    hedges: list[str] | None = None
    via_outlet: str | None = None
    input: str | None = None


class ErrorResponse(BaseModel):
    """An error: what was not found, or why the request cannot be answered."""

    detail: str = Field(description="one line saying what went wrong")


#: OpenAPI entries for the errors the API returns (each route lists those it can answer).
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorResponse, "description": "no such item"}}
BAD_QUERY: dict[int | str, dict[str, Any]] = {400: {"model": ErrorResponse, "description":
                                                    "a query, date or filter that cannot be used"}}


class SearchResponse(BaseModel):
    query: str
    filters: dict[str, Any]
    results: list[SearchResult]




def create_app(db_path: str | Path, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The ASGI app serving the corpus store at ``db_path`` (which must exist); ``allowed_hosts``: the
    Host names it answers (``None``: any; ``reportedly serve`` passes :func:`allowed_hosts_for`)."""
    db_path = db_path if server_scheme(db_path) else Path(db_path)  # a file, or a server URL (postgresql://…)
    if not store_exists(db_path):
        raise StoreError(f"{db_path}: no such corpus store (run 'reportedly ingest' first)")
    # no Swagger/ReDoc pages: they load their scripts from a CDN (offline they are blank, and they
    # would need the CSP lifted); /docs leads to the app's own API page, under the same CSP
    app = FastAPI(title="reportedly corpus", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, according to whom, how sure, and when — across a corpus.")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.add_middleware(HostAndMethods, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["snippet"] = snippet_html
    templates.env.filters["hue"] = speaker_hue
    templates.env.filters["q"] = lambda v: quote(str(v), safe="")
    templates.env.filters["unquote"] = unquote_text
    templates.env.filters["quotation"] = quotation
    templates.env.filters["counted"] = counted
    templates.env.filters["readable_date"] = readable_date
    local = threading.local()

    def store() -> Store:
        s = getattr(local, "store", None)
        if s is None:
            s = local.store = Store(db_path, readonly=True)
        return s

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def not_found(request: Request, what: str) -> HTMLResponse:
        return page(request, "error.html", 404, message=f"{what} not found")

    def search_args(q: str, speaker: str | None, outlet: str | None, anonymous: bool, hedged: bool,
                    date_from: str | None, date_to: str | None, via: str | None, limit: int, offset: int,
                    min_score: float = 0.0) -> dict[str, Any]:
        return {"query": q, "speaker": speaker or None, "outlet": outlet or None, "anonymous": anonymous,
                "hedged": hedged, "date_from": date_from or None, "date_to": date_to or None, "via": via or None,
                "min_score": min_score, "limit": limit, "offset": offset}

    # -- JSON API -----------------------------------------------------------------------------------
    @app.get("/api/search", tags=["api"], summary="Search bodies and statements, with filters",
             response_model=SearchResponse, responses=BAD_QUERY)
    def api_search(q: str = Query("", description="words, \"a phrase\", a OR b, prefix*; empty lists what "
                                  "the filters select"),
                   speaker: str | None = Query(None, description="statements by this speaker: id or any form "
                                               "of the name (\"Gen. Milley\")"),
                   outlet: str | None = Query(None, description="documents from this outlet"),
                   anonymous: bool = Query(False, description="statements by anonymous sources only"),
                   hedged: bool = Query(False, description="hedged statements only"),
                   date_from: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]]",
                                                 json_schema_extra=DATE_SCHEMA),
                   date_to: str | None = Query(None, alias="to", description="YYYY[-MM[-DD]]",
                                               json_schema_extra=DATE_SCHEMA),
                   via: str | None = Query(None, description="statements relayed through this outlet"),
                   min_score: float = Query(0.0, ge=0, le=1, description="statements whose score (the calibrated "
                                            "probability that the attribution is right) is at least this"),
                   limit: int = Query(20, ge=1, le=200),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> JSONResponse:
        args = search_args(q, speaker, outlet, anonymous, hedged, date_from, date_to, via, limit, offset, min_score)
        try:
            results = store().search(**args)
        except QueryError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        for r in results:
            r["snippet"] = plain_snippet(r.get("snippet"))
        # built here rather than validated against the model again: the search is the hot path
        names = {"date_from": "from", "date_to": "to"}
        return JSONResponse({"query": q, "filters": {names.get(k, k): v for k, v in args.items() if k != "query"},
                             "results": results})

    @app.get("/api/documents", tags=["api"], summary="Documents, newest first")
    def api_documents(outlet: str | None = None, limit: int = Query(50, ge=1, le=500),
                      offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> list[dict[str, Any]]:
        return store().documents(limit=limit, offset=offset, outlet=outlet)

    @app.get("/api/documents/{doc_id}", tags=["api"], summary="One document as its JSON record", responses=NOT_FOUND)
    def api_document(doc_id: str) -> JSONResponse:
        rec = store().get_record(doc_id)
        if rec is None:
            raise HTTPException(status_code=404, detail=f"document {doc_id} not found")
        return JSONResponse(rec)

    @app.get("/api/speakers", tags=["api"], summary="Speakers by number of statements")
    def api_speakers(limit: int = Query(100, ge=1, le=1000),
                     offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> list[dict[str, Any]]:
        return store().speakers(limit=limit, offset=offset)

    @app.get("/api/speakers/{speaker_id}", tags=["api"], summary="A speaker and their statements by date",
             responses=NOT_FOUND)
    def api_speaker(speaker_id: str,
                    limit: int | None = Query(None, ge=1, le=10_000, description="statements on this page "
                                              "(none: every statement); the counts are always of all of them"),
                    offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        sp = store().speaker(speaker_id, limit=limit, offset=offset)
        if sp is None:
            raise HTTPException(status_code=404, detail=f"speaker {speaker_id} not found")
        return sp

    @app.get("/api/outlets", tags=["api"], summary="Outlets by number of documents")
    def api_outlets() -> list[dict[str, Any]]:
        return store().outlets()

    @app.get("/api/outlets/{name:path}", tags=["api"], summary="An outlet's sourcing profile, overall and per month",
             responses=NOT_FOUND)
    def api_outlet(name: str) -> dict[str, Any]:
        prof = store().outlet_profile(name)
        if prof is None:
            raise HTTPException(status_code=404, detail=f"outlet {name} not found")
        return prof

    @app.get("/api/statements", tags=["api"], summary="Statements seen in several documents, matching a query",
             responses=BAD_QUERY)
    def api_statements(q: str = Query("", description="words of the statement (search syntax); empty: the most "
                                      "repeated statements"),
                       speaker: str | None = Query(None, description="with an occurrence by this speaker"),
                       outlet: str | None = Query(None, description="with an occurrence in this outlet"),
                       limit: int = Query(20, ge=1, le=MAX_LIMIT),
                       offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> JSONResponse:
        try:
            found = store().trace(q, speaker=speaker or None, outlet=outlet or None, limit=limit, offset=offset)
        except QueryError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        return JSONResponse(found)

    @app.get("/api/statements/{statement_id}", tags=["api"], summary="One statement: first seen, every occurrence, "
             "relays and alterations", responses=NOT_FOUND)
    def api_statement(statement_id: int = FastPath(ge=1, le=2**62)) -> JSONResponse:
        st = store().statement(statement_id)
        if st is None:
            raise HTTPException(status_code=404, detail=f"statement {statement_id} not found")
        return JSONResponse(st)

    # -- pages --------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, page_no: int = Query(1, alias="page", ge=1)) -> HTMLResponse:
        page_no = min(page_no, MAX_PAGE)  # a page past the end is an empty page, never an overflow
        s = store()
        per = 50
        docs = s.documents(limit=per + 1, offset=(page_no - 1) * per)
        return page(request, "index.html", docs=with_labels(s, docs[:per], doc_id="id"), more=len(docs) > per,
                    page_no=page_no,
                    outlets=s.outlets()[:30], speakers=s.speakers(limit=30), counts=s.counts())

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str,
                      min_score: float = Query(0.0, ge=0, le=1)) -> HTMLResponse:
        s = store()
        doc = s.get_document(doc_id)
        if doc is None:
            return not_found(request, f"document {doc_id}")
        hidden = 0
        if min_score > 0:  # the attributions scored under the minimum are neither listed nor highlighted
            kept = [a for a in doc.attributions if a.score is not None and a.score >= min_score]
            hidden = len(doc.attributions) - len(kept)
            doc.attributions = kept
        infos = attribution_infos(doc, s.attribution_speakers(doc_id))
        summary = s.document_summary(doc_id) or {}
        entities = [{"id": e.id, "name": e.name, "kind": e.kind, "gender": e.gender, "anonymous": e.anonymous,
                     "forms": mention_forms(doc.text[a:b] for a, b in e.mentions)} for e in doc.entities]
        return page(request, "document.html", doc=doc, summary=summary, infos=infos, entities=entities,
                    article=highlight(doc, infos), details={k: v.as_dict() for k, v in infos.items()},
                    statements=document_statements(s, doc_id), min_score=min_score, hidden=hidden)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", speaker: str | None = None, outlet: str | None = None,
                    anonymous: bool = False, hedged: bool = False,
                    date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                    via: str | None = None, min_score: str = "",
                    offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        per = 50
        score, error = _form_score(min_score)  # the form sends "" when the field is left empty
        args = search_args(q, speaker, outlet, anonymous, hedged, date_from, date_to, via, per, offset, score)
        results = []
        searched = any(v for k, v in args.items() if k not in ("limit", "offset"))
        if searched and not error:
            try:
                results = store().search(**args)
            except QueryError as exc:
                error = str(exc)
        # statements and articles are paged together: another page while either kind filled this one
        more = any(sum(r["type"] == t for r in results) >= per for t in ("attribution", "document"))
        params = {k: v for k, v in request.query_params.items() if k != "offset"}
        nav = {"prev": urlencode({**params, "offset": max(offset - per, 0)}) if offset else None,
               "next": urlencode({**params, "offset": offset + per}) if more else None}
        results = with_labels(store(), results) if results else results
        return page(request, "search.html", args=args, results=results, error=error, searched=searched, nav=nav,
                    status=400 if error else 200)

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, speaker_id: str,
                     offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        sp = store().speaker(speaker_id, limit=SPEAKER_PAGE, offset=offset)
        if sp is None:
            return not_found(request, f"speaker {speaker_id}")
        nav = {"first": offset + 1 if sp["statements"] else offset, "last": offset + len(sp["statements"]),
               "prev": urlencode({"offset": max(0, offset - SPEAKER_PAGE)}) if offset else None,
               "next": urlencode({"offset": offset + SPEAKER_PAGE})
               if offset + SPEAKER_PAGE < sp["statement_count"] else None}
        chart = bar_chart(fill_months(sp["by_month"]), title=f"statements by {sp['name']} per month",
                          colour=f"hsl({speaker_hue(sp['id'])} 55% 45%)")
        sp = {**sp, "referred_as": referring_forms(sp["referred_as"], sp["name"], sp.get("kind")),
              "statements": with_labels(store(), sp["statements"], title="document_title")}
        return page(request, "speaker.html", sp=sp, chart=chart, nav=nav)

    @app.get("/docs", include_in_schema=False)
    @app.get("/redoc", include_in_schema=False)
    def docs_page() -> RedirectResponse:
        return RedirectResponse("/api", status_code=307)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request) -> HTMLResponse:
        endpoints = [
            {"path": path, "summary": op.get("summary", ""),
             "params": [{"name": p["name"], "description": p.get("description", "")} for p in op.get("parameters", [])]}
            for path, ops in app.openapi()["paths"].items() for method, op in ops.items() if method == "get"
        ]
        return page(request, "api.html", endpoints=endpoints)

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request) -> HTMLResponse:
        return page(request, "speakers.html", speakers=store().speakers(limit=1000))

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request) -> HTMLResponse:
        return page(request, "outlets.html", outlets=store().outlets())

    @app.get("/outlets/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, name: str) -> HTMLResponse:
        s = store()
        prof = s.outlet_profile(name)
        if prof is None:
            return not_found(request, f"outlet {name}")
        overall = share_bars(prof["overall"]["shares"], title=f"sourcing of {prof['outlet']}")
        monthly = share_chart([{"label": m["month"], "shares": m["shares"]} for m in prof["months"]],
                              title=f"sourcing of {prof['outlet']} per month")
        return page(request, "outlet.html", prof=prof, overall=overall, monthly=monthly,
                    docs=with_labels(s, s.documents(limit=50, outlet=name), doc_id="id"),
                    shared=outlet_statements(s, name.strip().lower()))

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements_page(request: Request, q: str = "", speaker: str | None = None, outlet: str | None = None,
                        offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        per = 50
        error, found = None, []
        try:
            found = store().trace(q, speaker=speaker or None, outlet=outlet or None, limit=per + 1, offset=offset)
        except QueryError as exc:
            error = str(exc)
        params = {k: v for k, v in request.query_params.items() if k != "offset"}
        nav = {"prev": urlencode({**params, "offset": max(offset - per, 0)}) if offset else None,
               "next": urlencode({**params, "offset": offset + per}) if len(found) > per else None}
        return page(request, "statements.html", found=found[:per], q=q, speaker=speaker or "", outlet=outlet or "",
                    error=error, nav=nav, offset=offset, status=400 if error else 200)

    @app.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
    def statement_page(request: Request, statement_id: int = FastPath(ge=1, le=2**62)) -> HTMLResponse:
        st = store().statement(statement_id)
        if st is None:
            return not_found(request, f"statement {statement_id}")
        versions = [changed_words_html(o["content"], o["changes"]) for o in st["occurrences"]]
        outlets = {o["document_id"]: o["outlet"] for o in st["occurrences"]}
        return page(request, "statement.html", st=st, versions=versions, outlets=outlets,
                    timeline=statement_timeline(st["occurrences"], title=f"statement {st['id']} over time"))

    return app
