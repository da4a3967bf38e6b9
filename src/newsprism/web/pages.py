"""Server-rendered pages: stories, search, story, article, speaker, ingest, API docs.

Jinja2 with autoescape everywhere; no inline script or style (the CSP forbids both), so every
hostile byte of an article renders as text.
"""

from __future__ import annotations

from functools import cache
from http import HTTPStatus
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from newsprism.brief import MAX_LENGTH, MIN_LENGTH, default_length, is_cut, longer_length
from newsprism.errors import NotFoundError
from newsprism.report.html import provenance_graph, timeline_chart
from newsprism.report.views import (
    article_label,
    cite_groups,
    coverage_view,
    entity_names,
    position_matrix,
    story_views,
)
from newsprism.web.api import read_upload
from newsprism.web.claims import MAX_QUERY, claim_results, grouped
from newsprism.web.service import Service
from newsprism.web.views import Linker, article_href, highlighted, stylesheet

router = APIRouter(include_in_schema=False)
PAGE = 30
# Alerts the stories page shows when it is rendered; newer ones are added live (static/app.js).
RECENT_ALERTS = 5


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsprism.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        article_label=article_label,
        cite_groups=cite_groups,
        article_href=article_href,
        urlencode=urlencode,
    )
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status)


def service_of(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def error_page_html(status: int, message: str) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return (
        environment()
        .get_template("error.html")
        .render(status=status, phrase=phrase, message=message, title=phrase)
    )


def error_page(request: Request, status: int, message: str) -> Response:
    return HTMLResponse(error_page_html(status, message), status_code=status)


def pager(path: str, params: dict[str, Any], offset: int, limit: int, more: bool) -> dict[str, str | None]:
    def link(o: int) -> str:
        return (
            path
            + "?"
            + urlencode(
                {**{k: v for k, v in params.items() if v not in (None, "")}, "offset": o, "limit": limit}
            )
        )

    return {
        "prev": link(max(0, offset - limit)) if offset > 0 else None,
        "next": link(offset + limit) if more else None,
    }


# ------------------------------------------------------------------------------------ pages


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request, limit: int = Query(PAGE, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000_000)
) -> Response:
    service = service_of(request)
    items, more = service.story_summaries(limit, offset)
    recent = service.latest_alerts(RECENT_ALERTS)
    return render(
        "stories.html",
        title="Stories",
        stories=items,
        offset=offset,
        pages=pager("/", {}, offset, limit, more),
        seen=service.latest_change(),
        alerts=recent,
        alerts_after=recent[0]["id"] if recent else 0,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    limit: int = Query(PAGE, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000_000),
) -> Response:
    hits, more = service_of(request).search(q, limit, offset)
    return render(
        "search.html",
        title=f"Search: {q}" if q else "Search",
        q=q,
        hits=hits,
        offset=offset,
        pages=pager("/search", {"q": q}, offset, limit, more),
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, q: str = Query("", max_length=MAX_QUERY)) -> Response:
    data = claim_results(service_of(request).reader(), q) if q.strip() else None
    return render("claims.html", title=f"Claim: {q}" if q else "Claim check", claim=q,
                  data=data, groups=grouped(data["results"]) if data else [])


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    story_id: str,
    show_all: bool = Query(False, alias="all"),
    brief_words: int | None = Query(None, ge=MIN_LENGTH, le=MAX_LENGTH),
) -> Response:
    """`?all=1`: the conflicts below their calibrated threshold and the uncertain omissions too (the
    page's toggles);
    `?brief_words=N`: the brief at N words (the brief's "more")."""
    data = service_of(request).report(story_id, brief_words)
    report = data["report"]
    views = [v for v in story_views(report, show_all) if v.story["id"] == story_id] or story_views(report, show_all)[:1]
    view = views[0]
    cv = coverage_view(view) if view.coverage else None
    return render(
        "story.html",
        title=view.story["title"],
        data=data,
        v=view,
        show_all=show_all,
        names=entity_names(report),
        articles={a["id"]: a for a in report["articles"]},
        link=Linker(view.statements),
        matrix=position_matrix(view),
        graph=provenance_graph(view.articles, view.derivations),
        ticks=timeline_chart(view.timeline),
        coverage=coverage_rows(view.coverage, view.articles),
        brief_more=brief_links(view.brief, len(view.articles), brief_words, show_all),
        blindspots=cv.blindspots if cv else [],
        hidden_omits=cv.hidden_omits if cv else 0,  # uncertain omissions hidden (`?all=1` shows them)
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    start: int | None = Query(None, ge=0),
    end: int | None = Query(None, ge=0),
) -> Response:
    article, data = service_of(request).article(article_id)
    report = data["report"] if data else {"statements": [], "entities": [], "derivations": [], "articles": []}
    statements = [s for s in report["statements"] if s["article_id"] == article_id]
    names = entity_names(report)
    others = {a["id"]: a for a in report["articles"]}
    derivations = [d for d in report["derivations"] if article_id in (d.get("source"), d["target"])]
    fields = ("outlet", "title", "published", "byline", "dateline", "language", "url")
    sources = {f["field"]: f for f in article.get("field_sources") or []}
    return render(
        "article.html",
        title=article.get("title") or article_id,
        a=article,
        data=data,
        segments=highlighted(article, statements, names, start, end),
        statements=statements,
        names=names,
        fields=fields,
        sources=sources,
        derivations=derivations,
        others=others,
        cited=start is not None and end is not None,
    )


@router.get("/speakers/{entity_id}", response_class=HTMLResponse)
def speaker_page(request: Request, entity_id: str) -> Response:
    entity, statements, conflicts = service_of(request).speaker(entity_id)
    links = Linker([])
    return render(
        "speaker.html",
        title=entity["name"],
        entity=entity,
        statements=statements,
        conflicts=conflicts,
        link=links,
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> Response:
    jobs = sorted(service_of(request).jobs.jobs.values(), key=lambda j: -j.created)[:10]
    limit_mb = request.app.state.max_upload // (1024 * 1024)
    return render("ingest.html", title="Add articles", jobs=jobs, limit_mb=limit_mb)


@router.post("/ingest")
async def ingest_submit(request: Request) -> Response:
    job = await read_upload(request)
    return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)


@router.get("/ingest/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    job = service_of(request).jobs.get(job_id)
    if job is None:
        raise NotFoundError(f"no ingest job {job_id!r}")
    return render("job.html", title="Ingest job", job=job, running=job.status in ("queued", "running"))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": op.get("parameters", []),
                    "responses": sorted(op.get("responses", {}).items()),
                }
            )
    return render("docs.html", title="API", spec=spec, endpoints=endpoints)


@router.get("/static/style.css")
def style() -> Response:
    return Response(
        cached_stylesheet(),
        media_type="text/css; charset=utf-8",
        headers={"cache-control": "public, max-age=300"},
    )


@cache
def cached_stylesheet() -> str:
    return stylesheet()


@router.get("/static/app.js")
def script() -> Response:
    return Response(
        cached_script(),
        media_type="text/javascript; charset=utf-8",
        headers={"cache-control": "public, max-age=300"},
    )


@cache
def cached_script() -> str:
    return resources.files("newsprism.web").joinpath("static/app.js").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------- helpers


def brief_links(brief: list[dict[str, Any]], reports: int, words: int | None, show_all: bool
                ) -> dict[str, str | None]:
    """The brief's "more" link (the brief at twice its length, when its budget may have cut it) and
    "shorter" link (back to the default length, when a longer one is shown)."""
    length = words or default_length(reports)
    longer = longer_length(length) if is_cut([b["text"] for b in brief], length) else None
    keep = {"all": 1} if show_all else {}
    return {
        "more": "?" + urlencode({**keep, "brief_words": longer}) + "#brief" if longer else None,
        "shorter": "?" + urlencode(keep) + "#brief" if words else None,
    }


def coverage_rows(coverage: list[dict[str, Any]], articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Coverage cells as matrix rows: one per unit, one cell per article (status and span)."""
    rows: dict[str, dict[str, Any]] = {}
    for c in coverage:
        row = rows.setdefault(c["unit"], {"unit": c["unit"], "text": c["unit_text"], "cells": {}})
        row["cells"][c["article_id"]] = c
    return list(rows.values())
