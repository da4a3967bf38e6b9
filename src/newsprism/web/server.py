"""`newsprism serve`: uvicorn with an HTTP protocol whose own refusals carry the one error shape.

uvicorn answers a request its parser (h11) refuses — a raw non-ASCII byte or a space in the path, no
`Host`, a bad `Content-Length`, a request head over h11's 16 KB limit — itself, before the app sees
it, with `400 text/plain "Invalid HTTP request received."`. The protocol class below sends the same
refusal as `{"error": {"code": "bad_request", "message"}}` with the app's security headers.
"""

from __future__ import annotations

import json
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsprism.web.app import SECURITY_HEADERS, error_body


class JsonErrorH11Protocol(H11Protocol):
    """h11 protocol whose parser-level 400 is the API's JSON error."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(error_body(400, "bad_request", msg)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"), *SECURITY_HEADERS]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()


def serve(app: Any, host: str, port: int) -> None:
    """Run `app` until interrupted (h11 explicitly: the httptools protocol has no such hook)."""
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", http=JsonErrorH11Protocol)
    uvicorn.Server(config).run()
