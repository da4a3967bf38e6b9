"""The JSON API under /api: the pages' data, paginated with `limit`/`offset` and `next` links.

Every error is `{"error": {"code", "message"}}` (see `newsprism.web.app`). Report items (statements,
conflicts, ...) have the shapes of docs/report-format.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from newsprism.brief import MAX_LENGTH, MIN_LENGTH
from newsprism.errors import NotFoundError
from newsprism.web.claims import MAX_QUERY, claim_results
from newsprism.web.jobs import MAX_FILES, Job, UploadError
from newsprism.web.service import Service

Limit = Query(20, ge=1, le=200, description="Items per page (1-200).")
Offset = Query(0, ge=0, le=1_000_000_000, description="Items to skip.")
Since = Query(None, description="Only stories changed after this ISO 8601 time (e.g. the reader's last visit); "
              "a time without a zone is UTC.")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. `not_found`, `validation_error`.")
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid parameters"},
    500: {"model": ErrorResponse, "description": "Internal error"},
}


class Page(BaseModel):
    limit: int
    offset: int
    next: str | None = Field(description="The URL of the next page, or null on the last page.")


class StorySummary(BaseModel):
    id: str
    title: str
    articles: int
    outlets: list[str]
    published: str | None = Field(description="The newest publication date among the story's articles.")
    conflicts: int | None = Field(description="Conflicts found; null when the story was not analysed.")
    updated_at: str = Field(description="When the story last changed (an article joined it), ISO 8601 UTC.")
    url: str


class StoryList(Page):
    items: list[StorySummary]


class StoryRef(BaseModel):
    id: str
    title: str
    article_ids: list[str]


class StoryDetail(BaseModel):
    story: StoryRef
    status: str = Field(description="`ok`, or `unavailable` when the analysis could not be produced.")
    message: str
    report: dict[str, Any] = Field(
        description="The story's report, `newsprism.report/1` (docs/report-format.md)."
    )


class ArticleDetail(BaseModel):
    article: dict[str, Any] = Field(description="The article as in report.json `articles`.")
    story_id: str | None
    statements: list[dict[str, Any]]
    derivations: list[dict[str, Any]]
    analysis: str


class SpeakerDetail(Page):
    speaker: dict[str, Any] = Field(description="The entity as in report.json `entities`.")
    items: list[dict[str, Any]] = Field(
        description="Statements in date order; `reversal: true` marks a change."
    )
    conflicts: list[dict[str, Any]]


class SnippetPart(BaseModel):
    text: str
    match: bool = Field(description="True for text the query matched.")


class SearchHit(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    snippet: str = Field(
        description="Matching text, matches in [brackets]; the article's own brackets are kept as they "
        "are, so `parts` is the unambiguous form."
    )
    parts: list[SnippetPart] = Field(description="The snippet as parts, matches marked.")
    url: str


class SearchResult(Page):
    query: str
    items: list[SearchHit]


class JobStatus(BaseModel):
    id: str
    status: str = Field(description="queued | running | done | failed")
    stage: str
    progress: dict[str, int]
    message: str
    files: list[dict[str, Any]]
    articles: int
    new_articles: int
    stories: list[dict[str, Any]]
    article_ids: list[str]
    rejected: list[dict[str, Any]]
    created: float
    finished: float | None
    url: str


router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def service_of(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def next_link(request: Request, offset: int, limit: int, more: bool, **params: Any) -> str | None:
    if not more:
        return None
    return request.url.path + "?" + urlencode({**params, "limit": limit, "offset": offset + limit})


# `since` beyond what a UTC datetime holds (year 1 with a zone east of UTC, year 9999 west of it).
BEFORE_ALL, AFTER_ALL = "", "9999-12-31T23:59:59.999999+00:00"


def since_time(moment: datetime) -> str:
    """A time as the store writes a story's change (UTC, microseconds), so that the two compare as
    text; a time without a zone is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    except OverflowError:
        return BEFORE_ALL if moment.year < 2 else AFTER_ALL


@router.get("/stories", response_model=StoryList, summary="Stories, newest first")
def list_stories(
    request: Request,
    limit: int = Limit,
    offset: int = Offset,
    since: datetime | None = Since,
) -> dict[str, Any]:
    items, more = service_of(request).story_summaries(limit, offset, since_time(since) if since else None)
    for item in items:
        item["url"] = f"/api/stories/{item['id']}"
    extra = {"since": since.isoformat()} if since else {}
    return {"items": items, "limit": limit, "offset": offset,
            "next": next_link(request, offset, limit, more, **extra)}


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="One story with its analysis")
def get_story(
    request: Request,
    story_id: str,
    brief_words: int | None = Query(
        None, ge=MIN_LENGTH, le=MAX_LENGTH,
        description="The brief at about this many words (default: scaled with the story); computed from "
        "the story's stored analysis, the other sections unchanged.",
    ),
) -> dict[str, Any]:
    data = service_of(request).report(story_id, brief_words)
    return {**data, "story": {k: data["story"][k] for k in ("id", "title", "article_ids")}}


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article with its statements")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    article, data = service_of(request).article(article_id)
    report = data["report"] if data else {"statements": [], "derivations": []}
    return {
        "article": article,
        "story_id": article["story_id"],
        "statements": [s for s in report["statements"] if s["article_id"] == article_id],
        "derivations": [d for d in report["derivations"] if article_id in (d.get("source"), d["target"])],
        "analysis": data["status"] if data else "no story",
    }


@router.get(
    "/speakers/{entity_id}",
    response_model=SpeakerDetail,
    summary="All statements of a speaker across stories",
)
def get_speaker(request: Request, entity_id: str, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    entity, statements, conflicts = service_of(request).speaker(entity_id)
    page = statements[offset : offset + limit]
    return {
        "speaker": entity,
        "items": page,
        "conflicts": conflicts,
        "limit": limit,
        "offset": offset,
        "next": next_link(request, offset, limit, offset + limit < len(statements)),
    }


@router.get("/search", response_model=SearchResult, summary="Full-text search over all articles (FTS5)")
def search(
    request: Request,
    q: str = Query(
        ...,
        min_length=1,
        max_length=500,
        description="FTS5 query; text FTS5 cannot parse is searched as a phrase.",
    ),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    hits, more = service_of(request).search(q, limit, offset)
    items = [{**h, "url": f"/api/articles/{h['article_id']}"} for h in hits]
    return {
        "query": q,
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": next_link(request, offset, limit, more, q=q),
    }


@router.get("/claims", summary="Claim check: each article's stance on a claim, with the deciding sentences")
def claims(
    request: Request,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY, description="The claim, in plain words."),
) -> dict[str, Any]:
    return claim_results(service_of(request).reader(), q)


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string", "format": "binary"},
                            "description": "Files: .txt .html .jsonl .xml .warc .gz (20 MB); the name's "
                            "extension must match the content (else 415).",
                        },
                        "text": {
                            "type": "string",
                            "minLength": 1,
                            "pattern": "\\S",
                            "description": "A pasted article text.",
                        },
                    },
                    "anyOf": [{"required": ["files"]}, {"required": ["text"]}],
                }
            }
        },
    },
}


@router.post(
    "/ingest",
    status_code=202,
    response_model=JobStatus,
    summary="Upload files or text to analyse",
    openapi_extra=UPLOAD_BODY,
    responses={
        413: {"model": ErrorResponse, "description": "Upload too large"},
        415: {"model": ErrorResponse, "description": "Unsupported file type"},
        403: {"model": ErrorResponse, "description": "Cross-origin request"},
    },
)
async def ingest(request: Request) -> JSONResponse:
    job = await read_upload(request)
    return JSONResponse(job_data(job), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", response_model=JobStatus, summary="Progress and result of an ingest job")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    job = service_of(request).jobs.get(job_id)
    if job is None:
        raise NotFoundError(f"no ingest job {job_id!r}")
    return job_data(job)


def job_data(job: Job) -> dict[str, Any]:
    return {**job.data(), "url": f"/api/jobs/{job.id}"}


async def read_upload(request: Request) -> Job:
    """Read a multipart upload (files and/or pasted text) within the size limit and queue a job."""
    limit = request.app.state.max_upload
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise UploadError("send multipart/form-data with `files` and/or `text`", 415)
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=limit)
    except UploadError:
        raise
    except Exception as exc:  # multipart errors, from python-multipart or starlette
        status = getattr(exc, "status_code", 400)
        if status == 413:
            raise
        raise UploadError(
            f"malformed form data: {getattr(exc, 'detail', exc)}", 422, "validation_error"
        ) from exc
    files: list[tuple[str, bytes]] = []
    total = 0
    text_value: str | None = None
    for key, value in form.multi_items():
        if isinstance(value, str):
            if key == "text":
                text_value = value
            total += len(value.encode("utf-8", "replace"))
        elif key in ("files", "file"):
            data = await value.read(limit + 1)
            total += len(data)
            files.append((value.filename or "upload", data))
        if total > limit:
            raise UploadError(
                f"the upload is larger than {limit // (1024 * 1024)} MB", 413, "payload_too_large"
            )
    await form.close()
    return service_of(request).jobs.submit(files, text_value)
