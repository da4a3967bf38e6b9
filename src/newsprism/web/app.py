"""The newsprism web app: FastAPI over a store, server-rendered pages and a JSON API.

`create_app(db_path)` builds the app; `newsprism serve` runs it with uvicorn on 127.0.0.1.

- Pages (`newsprism.web.pages`) are Jinja2 templates with autoescape; no inline script or style,
  so the strict Content-Security-Policy below holds.
- The API (`newsprism.web.api`) mirrors the pages under `/api`; its OpenAPI document is at
  `/openapi.json` and `/docs` is a self-hosted page listing the endpoints from that document
  (Swagger UI and ReDoc load their JavaScript from a CDN, which this app never does).
- Every API error has one shape, `{"error": {"code", "message"}}`; page errors render an HTML page.
- GET responses carry an ETag (SHA-256 of the body) and answer 304 to a matching If-None-Match;
  HEAD is answered like GET, without the body.
- Only requests whose `Host` names this server are served (`allowed_hosts`): a page of another
  site whose name resolves to 127.0.0.1 (DNS rebinding) gets 400, not the store.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism import __version__
from newsprism.errors import NewsprismError, NotFoundError, UsageError
from newsprism.web import alerts, api, pages
from newsprism.web.alerts import StreamLimits, StreamSlots
from newsprism.web.jobs import MAX_UPLOAD_BYTES, UploadError
from newsprism.web.pages import error_page, error_page_html
from newsprism.web.service import Service

log = logging.getLogger("newsprism.web")

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Multipart framing around the files (boundaries, part headers, the pasted-text field) on top of
# the upload limit before a Content-Length counts as too large.
UPLOAD_OVERHEAD = 256 * 1024


class TooLarge(StarletteHTTPException):
    """The request body grew past the limit while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit // (1024 * 1024)} MB")


ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def status_code_name(status: int) -> str:
    if status in ERROR_CODES:
        return ERROR_CODES[status]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def host_name(host: str) -> str:
    """A host as a `Host` header names it: lower case, IPv6 literals in brackets, no trailing dot."""
    host = host.strip().lower().rstrip(".")
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class HostCheck:
    """Which `Host` headers name this server: the loopback names and the `--host` it was started
    for, with any port. Bound to every interface (0.0.0.0, ::), it also takes any IP address: DNS
    rebinding needs a host *name* the attacker controls, never an address."""

    def __init__(self, host: str) -> None:
        self.names = {*LOOPBACK_NAMES, host_name(host)}
        self.any_address = host.strip() in WILDCARD_HOSTS

    def allows(self, header: str | None) -> bool:
        if header is None:  # HTTP/1.0 without Host (h11 refuses HTTP/1.1 without it): no name to trust
            return True
        name = header.strip().lower()
        if name.startswith("["):
            name, _, port = name.partition("]")
            name += "]"
            port = port.removeprefix(":")
        elif name.count(":") == 1:
            name, _, port = name.partition(":")
        else:
            port = ""
        if port and not port.isdigit():
            return False
        name = name.rstrip(".")
        return name in self.names or (self.any_address and is_ip_literal(name))


class GuardMiddleware:
    """The Host check, security headers on every response, the upload size limit, and ETags for GET
    (and HEAD) responses."""

    def __init__(self, app: ASGIApp, max_body: int, hosts: HostCheck) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        json_errors = scope["path"].startswith("/api")
        if not self.hosts.allows(headers.get("host")):
            await self.send_error(send, 400, "bad_request",
                                  "unknown Host: this server answers to 127.0.0.1, localhost and the "
                                  "address it was started on", True, head=method == "HEAD")
            return
        if method in ("POST", "PUT", "PATCH"):
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_body:
                await self.send_error(
                    send,
                    413,
                    "payload_too_large",
                    f"the request body is larger than {self.max_body // (1024 * 1024)} MB",
                    json_errors,
                )
                return
            receive = self.counting(receive)
        if method in ("GET", "HEAD"):
            # The routes are GET routes: a HEAD runs as a GET and its body is dropped at the end,
            # so HEAD and GET agree on status, headers and ETag.
            await self.with_etag({**scope, "method": "GET", "newsprism.head": method == "HEAD"}, receive, send,
                                 headers.get("if-none-match"), head=method == "HEAD")
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self.secure(message.get("headers", []))
            await send(message)

        if cross_site(headers):
            await self.send_error(
                send, 403, "forbidden", "cross-origin requests may not change the store", json_errors
            )
            return
        await self.app(scope, receive, send_secured)

    def counting(self, receive: Receive) -> Receive:
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise TooLarge(self.max_body)
            return message

        return wrapped

    @staticmethod
    def secure(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        names = {k.lower() for k, _ in headers}
        return list(headers) + [(k, v) for k, v in SECURITY_HEADERS if k not in names]

    async def with_etag(self, scope: Scope, receive: Receive, send: Send, if_none_match: str | None,
                        head: bool = False) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        streaming = False

        async def buffer(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                start = message
                # A stream (server-sent events) never ends by itself: no buffer, no ETag.
                streaming = dict(message.get("headers", [])).get(b"content-type", b"").startswith(
                    b"text/event-stream")
                if streaming:
                    await send({**message, "headers": self.secure(message.get("headers", []))})
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            if streaming:
                await send({**message, "body": b""} if head else message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            await self.finish(start, b"".join(chunks), send, if_none_match, head)

        await self.app(scope, receive, buffer)

    async def finish(self, start: Message, body: bytes, send: Send, if_none_match: str | None,
                     head: bool = False) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"etag",)]
        status = start["status"]
        if status == 200:
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            headers.append((b"etag", etag.encode()))
            if if_none_match and etag in [t.strip().removeprefix("W/") for t in if_none_match.split(",")]:
                keep = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-type")]
                await send({"type": "http.response.start", "status": 304, "headers": self.secure(keep)})
                await send({"type": "http.response.body", "body": b""})
                return
        await send({"type": "http.response.start", "status": status, "headers": self.secure(headers)})
        await send({"type": "http.response.body", "body": b"" if head else body})

    async def send_error(self, send: Send, status: int, code: str, message: str, json_errors: bool,
                         head: bool = False) -> None:
        if json_errors:
            body = json.dumps(error_body(status, code, message)).encode()
            ctype = b"application/json"
        else:

            body = error_page_html(status, message).encode()
            ctype = b"text/html; charset=utf-8"
        headers = [
            (b"content-type", ctype),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": self.secure(headers)})
        await send({"type": "http.response.body", "body": b"" if head else body})


def cross_site(headers: dict[str, str]) -> bool:
    """A browser request from another site (CSRF): Sec-Fetch-Site says so, or the Origin's host is not
    ours. Clients that send neither (curl, scripts) are not browsers and pass."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin:
        return False
    return origin.split("://", 1)[-1] != headers.get("host")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(status, code, message), status_code=status)

    return error_page(request, status, message)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return error_response(request, exc.status_code, status_code_name(exc.status_code), message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "validation_error", "; ".join(parts) or "invalid request")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return error_response(request, 404, "not_found", exc.message)

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError) -> Response:
        return error_response(request, 400, "bad_request", exc.message)

    @app.exception_handler(UploadError)
    async def upload(request: Request, exc: UploadError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message)

    @app.exception_handler(NewsprismError)
    async def newsprism_error(request: Request, exc: NewsprismError) -> Response:
        log.error("request failed: %s", exc)
        return error_response(request, 500, "internal_error", f"[{exc.code}] {exc.message}")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal_error", "internal server error")


def create_app(db_path: str | Path, *, max_upload: int = MAX_UPLOAD_BYTES, host: str = "127.0.0.1",
               alert_streams: StreamLimits | None = None) -> FastAPI:
    """The app over the store at `db_path` (created if missing), answering requests whose `Host` is
    a loopback name or `host` (the address `newsprism serve --host` binds); `alert_streams` bounds
    the live alert streams (`newsprism.web.alerts`)."""
    service = Service(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        title="newsprism",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        description=(
            "Stories, statements, conflicts and evidence from many news reports. Every list is "
            "paginated with `limit`/`offset` and returns a `next` link; every error is "
            '`{"error": {"code", "message"}}`; GET responses carry an ETag.'
        ),
    )
    app.state.service = service
    app.state.max_upload = max_upload
    app.state.alert_slots = StreamSlots(alert_streams or StreamLimits())
    install_error_handlers(app)


    app.include_router(api.router)
    app.include_router(alerts.router)
    app.include_router(pages.router)
    app.add_middleware(GuardMiddleware, max_body=max_upload + UPLOAD_OVERHEAD, hosts=HostCheck(host))
    return app
