"""A polite HTTP client for `newsprism watch`: robots.txt, one request at a time per host with a
delay between them, conditional requests, retries with backoff on 429/5xx (Retry-After honoured),
byte and time limits per response, bounded redirects, http(s) only.

Every failure is returned as a `FetchError` (an E13x code and a reason), never raised: the cycle
turns it into a `rejected` entry and goes on.
"""

from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsprism import __version__

DEFAULT_USER_AGENT = f"newsprism/{__version__} (+https://pypi.org/project/newsprism/)"
DEFAULT_DELAY = 1.0
# A news page is ~100 KB-2 MB; a big feed or sitemap a few MB. Past this, the response is cut off
# unread (E133): nothing newsprism reads is that large, and it bounds memory per response.
MAX_BYTES = 10_000_000
# Longest one response may take, connect to last byte (a trickling server is cut off: E130).
TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
# Retries after a 429 or 5xx answer (or a network error), waiting Retry-After or a doubling backoff.
RETRIES = 3
# A Retry-After longer than this is not waited for in the cycle: the URL is rejected (E130) and
# tried again next cycle.
MAX_RETRY_AFTER = 300.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# robots.txt is read again after this long (a watch runs for days).
ROBOTS_SECONDS = 3600.0
ROBOTS_MAX_BYTES = 500_000  # Google's limit too (RFC 9309 asks for at least 500 KiB)


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = DEFAULT_USER_AGENT
    delay: float = DEFAULT_DELAY
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT_SECONDS
    max_redirects: int = MAX_REDIRECTS
    retries: int = RETRIES
    max_retry_after: float = MAX_RETRY_AFTER


@dataclass(frozen=True)
class Validators:
    """What a previous answer for the URL said, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    validators: Validators = Validators()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchError:
    url: str
    reason: str
    code: str = "E130"
    status: int | None = None  # the HTTP status when the server answered one


def unavailable(status: int | None) -> bool:
    """A robots.txt status that means "no rules" (RFC 9309 2.3.1.3: 4xx). 429 is not one: it asks to
    slow down, and after the retries the host is kept off like one answering 5xx."""
    return status is not None and 400 <= status < 500 and status != 429


class Fetcher:
    """Fetches one URL at a time; remembers per host when its last request ended and its robots.txt.

    Requests are sequential (one thread), so at most one is open at a time, to any host; before each,
    the client waits until `delay` seconds have passed since the last request to that host ended."""

    def __init__(self, options: FetchOptions | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options or FetchOptions()
        self.sleep = sleep
        self.client = httpx.Client(follow_redirects=False, headers={"User-Agent": self.options.user_agent},
                                   timeout=httpx.Timeout(self.options.timeout))
        self.last_done: dict[str, float] = {}
        self.robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, validators: Validators | None = None,
            stored: Callable[[str], bool] | None = None) -> Fetched | FetchError:
        """GET `url` (conditionally, given `validators`), following at most `max_redirects` redirects,
        each hop checked for scheme and robots.txt. A redirect to a URL `stored` says is already
        stored is not followed: the answer is a 304 for it (nothing new there)."""
        for hop in range(self.options.max_redirects + 1):
            if hop and stored is not None and stored(url):
                return Fetched(url=url, status=304)
            refused = self.refusal(url)
            if refused is not None:
                return refused
            outcome = self.get_with_retries(url, validators)
            if isinstance(outcome, str):  # a redirect: its target
                url = outcome
                continue
            return outcome
        return FetchError(url, f"more than {self.options.max_redirects} redirects")

    def refusal(self, url: str) -> FetchError | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return FetchError(url, f"not an http(s) URL: {url[:200]!r}", "E131")
        if not self.allowed(url):
            return FetchError(url, f"disallowed by {host_of(url)}/robots.txt for {self.options.user_agent!r}",
                              "E132")
        return None

    def allowed(self, url: str) -> bool:
        host = host_of(url)
        cached = self.robots.get(host)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_SECONDS:
            cached = (time.monotonic(), self.read_robots(host))
            self.robots[host] = cached
        return cached[1].can_fetch(self.options.user_agent, url)

    def read_robots(self, host: str) -> urllib.robotparser.RobotFileParser:
        """The host's rules (RFC 9309): a 4xx means no rules; a 5xx or no answer means keep off the
        whole host until it is read again."""
        parser = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
        outcome = self.get_with_retries(f"{host}/robots.txt", None, ROBOTS_MAX_BYTES)
        for _ in range(self.options.max_redirects):  # RFC 9309: follow at least five redirects
            if not isinstance(outcome, str) or not outcome.startswith(("http://", "https://")):
                break
            outcome = self.get_with_retries(outcome, None, ROBOTS_MAX_BYTES)
        if isinstance(outcome, Fetched) and outcome.status == 200:
            parser.parse(outcome.body.decode("utf-8", "replace").splitlines())
        elif isinstance(outcome, FetchError) and unavailable(outcome.status):
            parser.parse([])
        else:
            parser.parse(["User-agent: *", "Disallow: /"])
        return parser

    def get_with_retries(self, url: str, validators: Validators | None,
                         max_bytes: int | None = None) -> Fetched | FetchError | str:
        """One hop: the answer, an error, or a redirect target (str). Retries 429/5xx and network
        errors up to `retries` times."""
        outcome: Fetched | FetchError | str = FetchError(url, "not fetched")
        for attempt in range(self.options.retries + 1):
            outcome, retry_after = self.request(url, validators, max_bytes or self.options.max_bytes)
            if retry_after is None:
                return outcome
            wait = self.options.delay * 2 ** (attempt + 1) if retry_after < 0 else retry_after
            if wait > self.options.max_retry_after:
                return FetchError(url, f"the server asked to retry after {wait:.0f} s (more than "
                                       f"{self.options.max_retry_after:.0f} s): tried again next cycle")
            if attempt < self.options.retries:
                self.sleep(wait)
        if isinstance(outcome, FetchError):
            return FetchError(url, f"{outcome.reason} (after {self.options.retries} retries)", outcome.code)
        return outcome

    def request(self, url: str, validators: Validators | None,
                max_bytes: int) -> tuple[Fetched | FetchError | str, float | None]:
        """One request, spaced from the host's previous one. The second value says whether to retry:
        None no, -1 after the backoff, else after that many seconds (Retry-After)."""
        host = host_of(url)
        self.wait_turn(host)
        try:
            with self.client.stream("GET", url, headers=conditional_headers(validators)) as response:
                return self.settle(url, response, max_bytes)
        except httpx.HTTPError as exc:
            return FetchError(url, f"{type(exc).__name__}: {exc}"[:300]), -1
        finally:
            self.last_done[host] = time.monotonic()

    def wait_turn(self, host: str) -> None:
        last = self.last_done.get(host)
        if last is not None:
            wait = last + self.options.delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)

    def settle(self, url: str, response: httpx.Response,
               max_bytes: int) -> tuple[Fetched | FetchError | str, float | None]:
        status = response.status_code
        if status in RETRY_STATUSES:
            return FetchError(url, f"HTTP {status}", status=status), retry_after(response.headers.get("Retry-After"))
        if 300 <= status < 400 and status != 304:
            location = response.headers.get("Location")
            if not location:
                return FetchError(url, f"HTTP {status} without a Location"), None
            return urljoin(url, location), None
        if status >= 400:
            return FetchError(url, f"HTTP {status}", status=status), None
        body = read_limited(response, max_bytes, time.monotonic() + self.options.timeout)
        if isinstance(body, FetchError):
            return body, None
        return Fetched(url=str(response.url), status=status, body=body,
                       content_type=response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
                       charset=response.charset_encoding,
                       validators=Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
                       ), None


def read_limited(response: httpx.Response, max_bytes: int, deadline: float) -> bytes | FetchError:
    url = str(response.url)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return FetchError(url, f"response of {int(declared):,} bytes (limit {max_bytes:,})", "E133")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return FetchError(url, f"response past {max_bytes:,} bytes: cut off", "E133")
        if time.monotonic() > deadline:
            return FetchError(url, "response took longer than the time limit: cut off")
        chunks.append(chunk)
    return b"".join(chunks)


def conditional_headers(validators: Validators | None) -> dict[str, str]:
    headers = {}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def retry_after(value: str | None) -> float:
    """Seconds the server asks to wait (delta-seconds or an HTTP date), or -1: no usable answer."""
    if not value:
        return -1
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return -1
    return max(0.0, when.timestamp() - time.time())


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
