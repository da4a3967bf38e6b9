"""`newsprism serve`: uvicorn with an HTTP protocol that bounds slow and surplus connections and whose
own refusals carry the one error shape.

uvicorn answers a request its parser (h11) refuses — a raw non-ASCII byte or a space in the path, no
`Host`, a bad `Content-Length`, a request head over h11's 16 KB limit — itself, before the app sees
it, with `400 text/plain "Invalid HTTP request received."`. The protocol class below sends the same
refusal as `{"error": {"code": "bad_request", "message"}}` with the app's security headers.

What uvicorn (0.3x-0.5x, h11) bounds by itself: the request head's size
(`h11_max_incomplete_event_size`) and the idle time between two requests of a kept-alive connection
(`timeout_keep_alive`, armed only after a response). What it lacks, added here: a bound on the time
to receive a request head (a client that sends half a head, or nothing, kept its connection
forever), and a bound on open connections (`limit_concurrency` answers 503 only once a request head
has arrived, so idle connections still pile up; here a connection over the limit is answered 503
and closed as soon as it is accepted).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsprism.web.app import SECURITY_HEADERS, error_body


@dataclass(frozen=True)
class ServerOptions:
    """Connection limits of `newsprism serve` (docs/reliability.md, "Web limits")."""

    # Seconds from a connection's first byte of a request (or from its opening) to the end of the
    # request head; past it: 408 and the connection is closed.
    head_timeout: float = 10.0
    # Open connections at once; one more is answered 503 and closed when accepted.
    max_connections: int = 100
    # Seconds a kept-alive connection may stay idle between requests (uvicorn's default).
    keep_alive: int = 5
    # Bytes of a request head (h11's default incomplete-event limit); past it: 400.
    max_head_bytes: int = 16 * 1024


REASONS = {400: b"Bad Request", 408: b"Request Timeout", 503: b"Service Unavailable"}


def error_response_bytes(status: int, code: str, message: str) -> bytes:
    """A complete `Connection: close` HTTP/1.1 error response in the API's one error shape, written
    to the socket directly: h11 cannot send a response before a request head has arrived."""
    body = json.dumps(error_body(status, code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"), *SECURITY_HEADERS]
    head = b"HTTP/1.1 %d %s\r\n" % (status, REASONS[status])
    return head + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n" + body


class JsonErrorH11Protocol(H11Protocol):
    """h11 protocol whose parser-level 400 is the API's JSON error, with a request-head deadline and a
    cap on open connections (`options`)."""

    options = ServerOptions()
    head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.options.max_connections:
            self.refuse(503, "service_unavailable", "too many open connections; try again shortly")
            return
        self.arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self.cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # The first bytes of a new request on a kept-alive connection: uvicorn cancels its idle timer
        # here, so the head deadline starts now.
        if self.head_timer is None and self.conn.their_state is h11.IDLE:
            self.arm_head_timer()
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is complete (or refused)
            self.cancel_head_timer()

    def arm_head_timer(self) -> None:
        self.cancel_head_timer()
        self.head_timer = self.loop.call_later(self.options.head_timeout, self.head_timed_out)

    def cancel_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def head_timed_out(self) -> None:
        self.head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        self.logger.warning("request head not received within %s s: connection closed", self.options.head_timeout)
        self.refuse(408, "request_timeout",
                    f"the request head did not arrive within {self.options.head_timeout:g} s")

    def refuse(self, status: int, code: str, message: str) -> None:
        self.cancel_head_timer()
        self.transport.write(error_response_bytes(status, code, message))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        self.refuse(400, "bad_request", msg)


def protocol_with(options: ServerOptions) -> type[JsonErrorH11Protocol]:
    """The protocol class with `options` (uvicorn builds one protocol object per connection from it)."""
    return type("NewsprismH11Protocol", (JsonErrorH11Protocol,), {"options": options})


def serve(app: Any, host: str, port: int, options: ServerOptions | None = None) -> None:
    """Run `app` until interrupted (h11 explicitly: the httptools protocol has no such hooks)."""
    options = options or ServerOptions()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", http=protocol_with(options),
                            timeout_keep_alive=options.keep_alive,
                            h11_max_incomplete_event_size=options.max_head_bytes)
    uvicorn.Server(config).run()
