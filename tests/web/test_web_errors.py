"""Malformed requests against a real server (issue 10, web part): one error shape, never a 5xx.

A real `uvicorn` process on 127.0.0.1 (tests/browser/support.Server) over a store holding the seeds
ingested with the real pipeline. Requests are written byte for byte on a socket, so the HTTP parser
sees exactly what a hostile client sends (httpx would normalise the URL first). tests/web/test_web.py
covers some of these in-process (limit=abc, offset=-1, unknown route, DELETE, uploads); this table
adds huge limits, bad percent-encoding and invalid UTF-8, long URLs, and runs all of it over the wire.

Every API error is `{"error": {"code", "message"}}` with the security headers; page errors are HTML.
Requests the HTTP parser itself refuses (a raw non-ASCII byte in the request line, a request head of
1 MB, no Host header) never reach the app: uvicorn answers a plain-text 400 and closes the connection
(docs/reliability.md, "Web load"); the tests check that, and that the server keeps serving.
"""

from __future__ import annotations

import json
import select
import socket
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytest.importorskip("uvicorn")

from browser.support import SEEDS, Server, StoreInfo  # noqa: E402

UPLOAD_LIMIT = 20 * 1024 * 1024 + 256 * 1024  # MAX_UPLOAD_BYTES + UPLOAD_OVERHEAD (newsprism.web.app)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    from newsprism.pipeline import ingest
    from newsprism.run.run import Run
    from newsprism.store.sqlite import open_store

    folder = tmp_path_factory.mktemp("weberrors")
    store = open_store(folder / "store.db")
    try:
        ingest([str(SEEDS)], Run(store))
    finally:
        store.close()
    srv = Server(StoreInfo(folder / "store.db", "real"), folder / "server.log")
    try:
        yield srv
    finally:
        srv.stop()
    log = (folder / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log[-3000:]


def parse(data: bytes) -> Reply:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = body[: int(headers["content-length"])]
    return Reply(status, headers, body)


def raw(srv: Server, head: bytes, body: Iterable[bytes] = (), timeout: float = 30) -> Reply:
    """Send `head` (and `body` chunks from a thread) on a fresh connection; read the reply until close.

    The body is sent while the reply is read: a server that answers before reading all of it (413)
    closes the connection, and the sender's broken pipe is expected then."""
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout)

    def send() -> None:
        try:
            sock.sendall(head)
            for chunk in body:
                sock.sendall(chunk)
        except OSError:
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    data = b""
    try:
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
    finally:
        sock.close()
        sender.join(timeout)
    assert data.startswith(b"HTTP/1.1 "), f"no HTTP reply: {data[:200]!r}"
    return parse(data)


def request(srv: Server, method: str, target: bytes, headers: dict[str, str] | None = None,
            body: bytes = b"") -> Reply:
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}".encode("latin-1"))
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}".encode())
    return raw(srv, b"\r\n".join(lines) + b"\r\n\r\n" + body)


def assert_error(reply: Reply, status: int, code: str | None) -> None:
    assert reply.status == status, (reply.status, reply.body[:300])
    assert reply.headers["content-type"].startswith("application/json"), reply.headers
    body = reply.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    assert reply.headers["content-security-policy"].startswith("default-src 'none'")
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert "Traceback" not in reply.body.decode("utf-8", "replace")


LONG = b"a" * 8000  # well under h11's 16 KB limit on a request head: the app answers
MULTIPART = "multipart/form-data; boundary=xx"

# (method, target, headers, body, status, code): every one must get the JSON error shape.
API_ERRORS = [
    # bad query types and ranges
    ("GET", b"/api/stories?limit=abc", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=1e3", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=%ff", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=0", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=201", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=99999999999999999999999999999", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?limit=-99999999999999999999999999999", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?offset=-1", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?offset=abc", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?offset=1.5", {}, b"", 422, "validation_error"),
    ("GET", b"/api/stories?offset=99999999999", {}, b"", 422, "validation_error"),
    ("GET", b"/api/search", {}, b"", 422, "validation_error"),
    ("GET", b"/api/search?q=", {}, b"", 422, "validation_error"),
    ("GET", b"/api/search?q=x&limit=-5", {}, b"", 422, "validation_error"),
    ("GET", b"/api/search?q=x&offset=NaN", {}, b"", 422, "validation_error"),
    ("GET", b"/api/search?q=" + LONG, {}, b"", 422, "validation_error"),
    ("GET", b"/api/speakers/someone?limit=abc", {}, b"", 422, "validation_error"),
    # unknown routes and ids, bad percent-encoding, invalid UTF-8 (percent-encoded), NUL
    ("GET", b"/api", {}, b"", 404, "not_found"),
    ("GET", b"/api/", {}, b"", 404, "not_found"),
    ("GET", b"/api/no/such/route", {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/no-such-story", {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/%ff%fe", {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/%c3%28", {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/%ed%a0%80", {}, b"", 404, "not_found"),  # an encoded lone surrogate
    ("GET", b"/api/stories/%zz", {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/%", {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/%00", {}, b"", 404, "not_found"),
    ("GET", b"/api/articles/%00%ff", {}, b"", 404, "not_found"),
    ("GET", b"/api/articles/..%2f..%2fetc%2fpasswd", {}, b"", 404, "not_found"),
    ("GET", b"/api/speakers/%ff", {}, b"", 404, "not_found"),
    ("GET", b"/api/jobs/%00", {}, b"", 404, "not_found"),
    ("GET", b"/api/%ff%fe/x", {}, b"", 404, "not_found"),
    ("GET", b"/api/" + LONG, {}, b"", 404, "not_found"),
    ("GET", b"/api/stories/" + LONG, {}, b"", 404, "not_found"),
    # wrong methods
    ("DELETE", b"/api/stories", {}, b"", 405, "method_not_allowed"),
    ("PUT", b"/api/stories/x", {}, b"", 405, "method_not_allowed"),
    ("PATCH", b"/api/stories", {}, b"", 405, "method_not_allowed"),
    ("POST", b"/api/stories", {}, b"", 405, "method_not_allowed"),
    ("POST", b"/api/search?q=x", {}, b"", 405, "method_not_allowed"),
    ("GET", b"/api/ingest", {}, b"", 405, "method_not_allowed"),
    ("OPTIONS", b"/api/stories", {}, b"", 405, "method_not_allowed"),
    # bad content types and bodies
    ("POST", b"/api/ingest", {"Content-Type": "application/json"}, b"{}", 415, "unsupported_media_type"),
    ("POST", b"/api/ingest", {"Content-Type": "text/plain"}, b"hello", 415, "unsupported_media_type"),
    ("POST", b"/api/ingest", {}, b"hello", 415, "unsupported_media_type"),
    ("POST", b"/api/ingest", {"Content-Type": "multipart/form-data"}, b"hello", 422, "validation_error"),
    ("POST", b"/api/ingest", {"Content-Type": MULTIPART}, b"--xx\r\ngarbage", 422, "validation_error"),
    ("POST", b"/api/ingest", {"Content-Type": MULTIPART},
     b'--xx\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--yy--\r\n', 422, "validation_error"),
    ("POST", b"/api/ingest", {"Content-Type": MULTIPART},
     b'--xx\r\nContent-Disposition: form-data; name="files"; filename="x.exe"\r\n\r\nMZ\x00\x00\r\n--xx--\r\n',
     415, "unsupported_media_type"),
    ("POST", b"/api/ingest", {"Content-Type": "application/x-www-form-urlencoded"}, b"text=%20%09%0a", 422,
     "validation_error"),
    ("POST", b"/api/ingest", {"Content-Type": MULTIPART, "Origin": "http://evil.example"},
     b"--xx--\r\n", 403, "forbidden"),
]


@pytest.mark.parametrize(
    ("method", "target", "headers", "body", "status", "code"),
    API_ERRORS,
    ids=[f"{m} {t[:48].decode('latin-1')}{'…' if len(t) > 48 else ''} {s}" for m, t, _, _, s, _ in API_ERRORS],
)
def test_api_error_shape(server: Server, method: str, target: bytes, headers: dict[str, str], body: bytes,
                         status: int, code: str | None) -> None:
    assert_error(request(server, method, target, headers, body), status, code)


def test_head_of_an_unknown_route_is_404_without_body(server: Server) -> None:
    reply = request(server, "HEAD", b"/api/no/such/route")
    assert reply.status == 404 and reply.body == b""


def test_upload_over_the_limit_by_content_length(server: Server) -> None:
    """A Content-Length past the limit is refused before any of the body is read."""
    head = (b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + MULTIPART.encode()
            + b"\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n")
    assert_error(raw(server, head), 413, "payload_too_large")


def test_upload_over_the_limit_streamed(server: Server) -> None:
    """A chunked body with no Content-Length is counted while it is read and cut off past the limit."""
    part = (b'--xx\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")
    megabyte = b"a" * (1 << 20)

    def chunks() -> Iterator[bytes]:
        for piece in [part] + [megabyte] * (UPLOAD_LIMIT // len(megabyte) + 2):
            yield b"%x\r\n" % len(piece) + piece + b"\r\n"
        yield b"0\r\n\r\n"

    head = (b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + MULTIPART.encode()
            + b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    assert_error(raw(server, head, chunks()), 413, "payload_too_large")


PAGE_ERRORS = [
    (b"/stories/no-such-story", 404),
    (b"/stories/%ff%fe", 404),
    (b"/articles/%00", 404),
    (b"/speakers/%zz", 404),
    (b"/articles/x?start=abc", 422),
    (b"/search?q=a&limit=abc", 422),
    (b"/?offset=-1", 422),
    (b"/no/such/page", 404),
    (b"/ingest/jobs/%00", 404),
    (b"/static/..%2f..%2fpyproject.toml", 404),
    (b"/" + LONG, 404),
]


@pytest.mark.parametrize(("target", "status"), PAGE_ERRORS, ids=[t[:40].decode() for t, _ in PAGE_ERRORS])
def test_page_errors_are_html(server: Server, target: bytes, status: int) -> None:
    reply = request(server, "GET", target)
    assert reply.status == status, reply.body[:300]
    assert reply.headers["content-type"].startswith("text/html")
    assert reply.headers["content-security-policy"].startswith("default-src 'none'")
    assert b"Traceback" not in reply.body


SURVIVES = [
    b"/api/search?q=%ff%fe",  # invalid UTF-8 in a query value: searched as U+FFFD
    b"/api/search?q=%00",
    b"/api/search?q=%22%28NEAR",
    b"/api/search?q=" + b"(" * 400,
    b"/api/search?q=articles_fts:x%20OR%20text:%22y",
    b"/api/stories?%ff=1",  # an unknown, undecodable parameter is ignored
    b"/api/stories?limit=1&pad=" + LONG,
    b"/search?q=%ff",
]


@pytest.mark.parametrize("target", SURVIVES, ids=[t[:40].decode() for t in SURVIVES])
def test_odd_but_valid_requests_answer_200(server: Server, target: bytes) -> None:
    reply = request(server, "GET", target)
    assert reply.status == 200, reply.body[:300]


PROTOCOL_ERRORS = [
    ("raw non-ASCII bytes in the path", b"GET /api/stories/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("raw UTF-8 in the path", "GET /api/stories/é HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()),
    ("space in the path", b"GET /api/sto ries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("no Host header", b"GET /api/stories HTTP/1.1\r\nConnection: close\r\n\r\n"),
    ("not HTTP", b"HELLO\r\n\r\n"),
    ("bad Content-Length", b"POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
    ("1 MB URL", b"GET /api/" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("1 MB header", b"GET /api/stories HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n"),
]


@pytest.mark.parametrize(("what", "data"), PROTOCOL_ERRORS, ids=[w for w, _ in PROTOCOL_ERRORS])
def test_requests_the_http_parser_refuses(server: Server, what: str, data: bytes) -> None:
    """uvicorn's parser (h11) refuses these before the app sees them: newsprism's protocol class
    (web/server.py) answers 400 with the one error shape and the security headers; the app answers a
    long URL itself when it arrives whole (404 with the shape). The server must keep serving."""
    reply = raw(server, data)
    assert 400 <= reply.status < 500, (what, reply.status, reply.body[:200])
    assert reply.headers.get("content-type", "").startswith("application/json"), (what, reply.body[:200])
    assert set(reply.json()) == {"error"} and set(reply.json()["error"]) == {"code", "message"}
    assert reply.headers.get("x-content-type-options") == "nosniff", reply.headers
    assert request(server, "GET", b"/api/stories?limit=1").status == 200


def test_server_still_serves_after_the_table(server: Server) -> None:
    reply = request(server, "GET", b"/api/search?q=appeasement")
    assert reply.status == 200 and reply.json()["items"]


# ------------------------------------------------------------------- Host check (DNS rebinding)

FOREIGN_HOSTS = ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.evil.example:80",
                 "[::2]:80", "10.0.0.1", "127.0.0.1:x"]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
@pytest.mark.parametrize("method,target", [("GET", b"/api/stories"), ("GET", b"/"), ("HEAD", b"/api/stories"),
                                           ("POST", b"/api/ingest")])
def test_a_foreign_host_is_refused(server: Server, host: str, method: str, target: bytes) -> None:
    """A page on evil.example whose name resolves to 127.0.0.1 (DNS rebinding) is same-origin for the
    browser: the Host header is all that tells the server, so only its own names are served."""
    head = (f"{method} ".encode() + target + b" HTTP/1.1\r\nHost: " + host.encode()
            + b"\r\nContent-Type: " + MULTIPART.encode() + b"\r\nContent-Length: 8\r\nConnection: close\r\n\r\n")
    reply = raw(server, head + (b"--xx--\r\n" if method == "POST" else b""))
    if method == "HEAD":
        assert reply.status == 400 and reply.body == b""
        return
    assert_error(reply, 400, "bad_request")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:{port}", "localhost", "LOCALHOST:{port}", "[::1]",
                                  "[::1]:{port}"])
def test_own_host_names_are_served(server: Server, host: str) -> None:
    head = (b"GET /api/stories?limit=1 HTTP/1.1\r\nHost: " + host.format(port=server.port).encode()
            + b"\r\nConnection: close\r\n\r\n")
    assert raw(server, head).status == 200


# ------------------------------------------------------------------------------------ HEAD

@pytest.mark.parametrize("target", [b"/", b"/api/stories", b"/api/stories?limit=1", b"/search?q=NATO",
                                    b"/api/search?q=appeasement", b"/ingest", b"/docs", b"/openapi.json"])
def test_head_answers_like_get_without_a_body(server: Server, target: bytes) -> None:
    got = request(server, "GET", target)
    head = request(server, "HEAD", target)
    assert got.status == 200 and head.status == 200, (head.status, head.body[:200])
    assert head.body == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"].startswith("default-src 'none'")


# ------------------------------------------------------------------------- connection limits


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    """Two servers over an empty store: one with a 1 s request-head deadline, one with at most 2
    open connections (and a deadline far past the test, so only the cap can close a connection)."""
    folder = tmp_path_factory.mktemp("weblimits")
    # keep_alive far past the test: only the head deadline may close the slow server's connections.
    slow = Server(StoreInfo(folder / "a.db", "real"), folder / "a.log", {"head_timeout": 1, "keep_alive": 600})
    try:
        capped = Server(StoreInfo(folder / "b.db", "real"), folder / "b.log",
                        {"max_connections": 2, "head_timeout": 600})
    except BaseException:
        slow.stop()
        raise
    try:
        yield slow, capped
    finally:
        slow.stop()
        capped.stop()


def read_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


@pytest.mark.parametrize("sent", [b"", b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "])
def test_a_half_sent_request_head_is_closed(limited: tuple[Server, Server], sent: bytes) -> None:
    """A head still incomplete after the deadline (1 s here) gets 408 and a closed connection; the
    generous socket timeout only fails the test if the server never closes it."""
    slow, _ = limited
    with socket.create_connection(("127.0.0.1", slow.port), timeout=30) as sock:
        sock.sendall(sent)
        data = read_until_closed(sock)  # socket.timeout (a failure) if the server keeps it open
    reply = parse(data)
    assert_error(reply, 408, "request_timeout")


def test_a_kept_alive_connection_gets_the_deadline_for_its_next_head(limited: tuple[Server, Server]) -> None:
    slow, _ = limited
    with socket.create_connection(("127.0.0.1", slow.port), timeout=30) as sock:
        sock.sendall(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        first = b""
        while b"\r\n\r\n" not in first or not first.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            assert chunk, f"closed before the first response was complete: {first[:300]!r}"
            first += chunk
        assert first.startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /api/stories HTTP/1.1\r\nHost: 127")
        data = read_until_closed(sock)
    assert_error(parse(data), 408, "request_timeout")


def status_of_get(srv: Server) -> int | None:
    """The status of a GET on a fresh connection, None when the connection is reset before a reply."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as sock:
        try:
            sock.sendall(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        except OSError:
            return None
        data = read_until_closed(sock)
    return parse(data).status if data.startswith(b"HTTP/1.1 ") else None


def test_connections_over_the_cap_are_refused_and_the_server_recovers(limited: tuple[Server, Server]) -> None:
    """Cap 2: of 3 connections that send nothing, one (whichever the server accepts last) is answered
    503 and closed at once; the other two stay open (their head deadline is 600 s)."""
    _, capped = limited
    socks = [socket.create_connection(("127.0.0.1", capped.port), timeout=30) for _ in range(3)]
    try:
        readable, _, _ = select.select(socks, [], [], 30)
        assert readable, "no connection was refused"
        assert_error(parse(read_until_closed(readable[0])), 503, "service_unavailable")
        others = [s for s in socks if s is not readable[0]]
        assert not select.select(others, [], [], 0)[0]
    finally:
        for sock in socks:
            sock.close()
    # The server drops the closed connections when it sees them close: a request succeeds again.
    # (Until then a request may get 503, or a reset when the refusal closes the socket under it.)
    statuses = []
    for _ in range(600):
        statuses.append(status_of_get(capped))
        if statuses[-1] == 200:
            break
    assert statuses[-1] == 200 and set(statuses) <= {200, 503, None}, statuses
