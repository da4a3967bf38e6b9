"""Live alerts of `newsprism watch` (issue 24): the `watch_alerts` of the store, by polling
(`GET /api/alerts?after=ID`) or as server-sent events (`GET /api/alerts/stream`).

A stream holds one of the server's limited connections, so it is bounded twice (`StreamLimits`):
at most `max_streams` at once (one more is answered 503 in the one error shape, and the page polls
instead), and each ends after `max_seconds`; the browser's EventSource then reconnects by itself,
sending the last id it saw (`Last-Event-ID`), so nothing is missed or repeated.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from newsprism.web.api import ERRORS, ErrorResponse, Limit, service_of

# Alert ids are SQLite integers; a larger `after` can only be a mistake.
MAX_ALERT_ID = 2**62
# Alerts read from the store at a time by a stream (the rest come on the next read, at once).
STREAM_BATCH = 100


@dataclass(frozen=True)
class StreamLimits:
    """Bounds of the alert streams (docs/reliability.md, "Web limits")."""

    max_streams: int = 20  # at once; server.ServerOptions.max_connections (100) bounds all connections
    max_seconds: float = 300.0  # one stream's life; the browser reconnects after `retry_ms`
    poll_seconds: float = 1.0  # how often a stream looks for new alerts in the store
    heartbeat_seconds: float = 15.0  # a comment line this often: a dead client shows as a failed write
    retry_ms: int = 3000  # what the stream tells EventSource to wait before reconnecting


class StreamSlots:
    """How many streams are open. Only touched on the event loop's thread, so a plain counter."""

    def __init__(self, limits: StreamLimits) -> None:
        self.limits = limits
        self.open = 0

    def take(self) -> None:
        if self.open >= self.limits.max_streams:
            raise HTTPException(503, f"too many alert streams open (at most {self.limits.max_streams}); "
                                     "poll GET /api/alerts?after=ID instead")
        self.open += 1

    def give_back(self) -> None:
        self.open -= 1


class AlertStream(StreamingResponse):
    """A stream that gives its slot back however it ends (its end, a disconnect, an error)."""

    def __init__(self, body: AsyncIterator[str], slots: StreamSlots) -> None:
        super().__init__(body, media_type="text/event-stream",
                         headers={"cache-control": "no-store", "x-accel-buffering": "no"})
        self.slots = slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.slots.give_back()


class Alert(BaseModel):
    id: int = Field(description="Grows with every alert: ask for those `after` the last one seen.")
    at: str
    kind: str | None = Field(description="The conflict's kind (null for alerts stored before migration 0006).")
    story_id: str
    conflict_id: str
    explanation: str
    articles: list[dict[str, Any]] = Field(description="`{id, url, outlet, title}` of each article involved.")
    url: str = Field(description="The story in the API.")


class AlertList(BaseModel):
    items: list[Alert]
    last_id: int = Field(description="The id to ask `after` next time (`after` itself when nothing is new).")
    next: str | None = Field(description="The next page when more alerts follow at once, else null.")


router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def with_url(alert: dict[str, Any]) -> dict[str, Any]:
    return {**alert, "url": f"/api/stories/{alert['story_id']}"}


@router.get("/alerts", response_model=AlertList, summary="Alerts of `newsprism watch` after an id, oldest first")
def list_alerts(request: Request, after: int = Query(0, ge=0, le=MAX_ALERT_ID,
                                                     description="The last alert id seen (0: from the first)."),
                limit: int = Limit) -> dict[str, Any]:
    found = service_of(request).alerts_after(after, limit + 1)
    items = [with_url(a) for a in found[:limit]]
    last = items[-1]["id"] if items else after
    more = len(found) > limit
    return {"items": items, "last_id": last, "next": f"/api/alerts?after={last}&limit={limit}" if more else None}


STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/event-stream": {}},
          "description": "Server-sent events: one `alert` event per new alert (`id` is the alert id, `data` "
                         "the alert as in GET /api/alerts); comment lines keep the connection alive."},
    503: {"model": ErrorResponse, "description": "Too many streams open: poll GET /api/alerts instead"},
}


@router.get("/alerts/stream", response_class=StreamingResponse, responses=STREAM_RESPONSES,
            summary="New alerts as server-sent events (ends after a few minutes; EventSource reconnects)")
async def stream_alerts(request: Request, after: int = Query(0, ge=0, le=MAX_ALERT_ID,
                                                             description="Send alerts after this id.")
                        ) -> StreamingResponse:
    # async: runs on the event loop's thread, like AlertStream's give_back (the slot counter's only thread)
    resumed = request.headers.get("last-event-id", "").strip()
    if resumed.isdigit() and int(resumed) <= MAX_ALERT_ID:  # a reconnect: go on from the last event seen
        after = int(resumed)
    slots: StreamSlots = request.app.state.alert_slots
    if request.scope.get("newsprism.head"):  # a HEAD: the headers of a stream, no stream
        return StreamingResponse(iter(()), media_type="text/event-stream")
    slots.take()
    return AlertStream(alert_events(request, after, slots.limits), slots)


async def alert_events(request: Request, after: int, limits: StreamLimits) -> AsyncIterator[str]:
    """The stream's text: the reconnect delay and the id to resume from, then each new alert as it is
    found, and a comment when nothing was sent for a while; ends after `limits.max_seconds`."""
    service = service_of(request)
    yield f"retry: {limits.retry_ms}\nid: {after}\n\n"
    started = quiet_since = anyio.current_time()
    while anyio.current_time() - started < limits.max_seconds:
        found = await anyio.to_thread.run_sync(service.alerts_after, after, STREAM_BATCH)
        for alert in found:
            after = alert["id"]
            yield f"id: {after}\nevent: alert\ndata: {json.dumps(with_url(alert), ensure_ascii=False)}\n\n"
        now = anyio.current_time()
        if found:
            quiet_since = now
        elif now - quiet_since >= limits.heartbeat_seconds:
            quiet_since = now
            yield ": still here\n\n"
        if len(found) < STREAM_BATCH:
            await anyio.sleep(limits.poll_seconds)
