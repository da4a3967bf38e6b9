"""Stores for the web tests and a real server process on 127.0.0.1.

`build_store` ingests the seeds and examples/corpus with the real pipeline (`pipeline.analyze`). While
the analysis stages are still missing (ImportError), it stores the articles with `pipeline.ingest`,
groups them into two stories itself and writes a canned report per story (built with the real
`build_report` from spans found in the seed texts); the server then answers with those reports.
Either way it adds one hostile article (`<script>`, `onerror=`) in a story of its own.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"
SERVE = Path(__file__).with_name("serve.py")

HOSTILE_ID = "a0badc0ffee00"
HOSTILE_STORY = "story-hostile"
HOSTILE_TEXT = (
    'Officials said <script>window.__pwned = 1; alert("xss")</script> nothing.\n'
    '<img src=x onerror="window.__pwned = 2; alert(2)"> "It is fine," she said.\n'
    '</textarea><svg onload=alert(3)><a href="javascript:alert(4)">click</a> {{ 7*7 }} ${7*7}'
)
HOSTILE_TITLE = '<img src=x onerror=alert("title")>Hostile <b>headline</b>'


@dataclass
class StoreInfo:
    db: Path
    mode: str  # "real" (pipeline.analyze) or "canned" (ingest + canned reports)
    reports: Path | None = None
    stories: list[str] = field(default_factory=list)
    reason: str = ""


def inputs() -> list[str]:
    paths = [str(SEEDS)]
    if EXAMPLES.is_dir():
        paths.append(str(EXAMPLES))
    return paths


def add_hostile(store) -> None:
    from newsprism.model import Article, FieldSource, Removed, Story

    article = Article(
        id=HOSTILE_ID,
        source="hostile<script>.txt",
        text=HOSTILE_TEXT,
        content_hash="f" * 64,
        title=HOSTILE_TITLE,
        outlet='<b onmouseover="alert(5)">Evil</b> Outlet',
        published="2020-01-01",
        removed=(Removed('<script>alert("removed")</script>', "script <b>junk</b>", 0, 10, 0),),
        field_sources=(FieldSource("title", "dump<script>", '<img src=x onerror=alert("ev")>'),),
    )
    store.add_article(article)
    store.save_story(Story(HOSTILE_STORY, HOSTILE_TITLE, (HOSTILE_ID,)))


def build_store(db: Path) -> StoreInfo:
    from newsprism.store.sqlite import open_store

    store = open_store(db)
    try:
        try:
            from newsprism.pipeline import analyze
            from newsprism.run.run import Run

            analyze(inputs(), Run(store))
            add_hostile(store)
            return StoreInfo(db, "real", stories=[s.id for s in store.list_stories(1000)])
        except ImportError as exc:
            reason = f"{type(exc).__name__}: {exc}"
        return canned_store(store, db, reason)
    finally:
        store.close()


# ----------------------------------------------------------------------------- canned reports


def canned_store(store, db: Path, reason: str) -> StoreInfo:
    from newsprism.model import Story

    articles = ingest_articles(store)
    seeds = [a for a in articles if str(SEEDS) in a.source]
    examples = [a for a in articles if str(SEEDS) not in a.source]
    stories = [
        Story("story-seeds", "NATO membership for Ukraine: US officials disagree", tuple(a.id for a in seeds))
    ]
    if examples:
        stories.append(
            Story("story-examples", examples[0].title or "Examples", tuple(a.id for a in examples))
        )
    for s in stories:
        store.save_story(s)
    add_hostile(store)
    reports = {s.id: canned_report(store, s) for s in stories}
    path = Path(str(db) + ".reports.json")
    path.write_text(json.dumps(reports), encoding="utf-8")
    return StoreInfo(db, "canned", path, [s.id for s in stories] + [HOSTILE_STORY], reason)


def ingest_articles(store):
    try:
        from newsprism.pipeline import ingest
        from newsprism.run.run import Run

        result = ingest(inputs(), Run(store))
        return store.get_articles(dict.fromkeys(result.article_ids))
    except ImportError:
        return raw_articles(store)


def raw_articles(store):
    """Articles straight from the files, when even ingest cannot be imported."""
    from newsprism.hashing import sha256
    from newsprism.model import Article

    out = []
    for folder in map(Path, inputs()):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            digest = sha256(text)
            article = Article(
                id="a" + digest[:12],
                source=str(path),
                text=text,
                content_hash=digest,
                title=text.strip().splitlines()[0][:120],
            )
            store.add_article(article)
            out.append(article)
    return out


def find(text: str, pattern: str) -> tuple[int, int] | None:
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def canned_report(store, story) -> dict:
    """A report for `story` built with the real report builder, its spans found in the texts."""
    from newsprism.model import (
        Analysis,
        Annotation,
        BriefSentence,
        Conflict,
        CoverageCell,
        Derivation,
        Entity,
        Evidence,
        Position,
        Proposition,
        Span,
        Statement,
        StoryAnalysis,
        TimelineEntry,
    )
    from newsprism.report.build import build_report

    articles = store.get_articles(story.article_ids)
    statements, annotations = [], []
    coale = Entity("ent-coale", "John Coale", "PERSON", ("Coale",), ("deputy Ukraine envoy",))
    hegseth = Entity("ent-hegseth", "Pete Hegseth", "PERSON", ("Hegseth",), ("U.S. Defense Secretary",))
    for a in articles:
        sts = []
        for n, (who, pattern) in enumerate(
            (
                (coale, r"Right now, (that|it)[’']?s? (is )?still on the table"),
                (hegseth, r"should not be provided through NATO membership"),
                (hegseth, r"unrealistic"),
            )
        ):
            span = find(a.text, pattern)
            if span:
                sts.append(
                    Statement(
                        f"st-{a.id}-{n}",
                        a.id,
                        who.id,
                        who.name.split()[-1],
                        "said",
                        a.text[span[0] : span[1]],
                        True,
                        span[0],
                        span[1],
                        "2025-02-13" if who is coale else "2025-02-12",
                    )
                )
        statements.extend(sts)
        annotations.append(Annotation(a.id, statements=tuple(sts)))
    by_speaker = {}
    for st in statements:
        by_speaker.setdefault(st.speaker, st)
    conflicts, positions, props = [], [], ()
    if len(by_speaker) == 2:
        c, h = by_speaker["ent-coale"], by_speaker["ent-hegseth"]
        props = (Proposition("prop-1", "NATO membership for Ukraine stays possible", story.id),)
        positions = [
            Position("ent-coale", "prop-1", "support", c.said_on, (c.id,)),
            Position("ent-hegseth", "prop-1", "oppose", h.said_on, (h.id,)),
        ]
        conflicts = [
            Conflict(
                "conflict-1",
                "contradiction",
                ("ent-coale", "ent-hegseth"),
                (c.id, h.id),
                (c.article_id, h.article_id),
                "Coale says NATO membership is still on the table; Hegseth ruled it out.",
                0.9,
                (
                    Evidence(c.article_id, c.start, c.end, c.text, c.id, c.speaker, c.said_on),
                    Evidence(h.article_id, h.start, h.end, h.text, h.id, h.speaker, h.said_on),
                ),
                "prop-1",
            )
        ]
    first = articles[0]
    lead = (0, min(len(first.text), first.text.find("\n", 40) if first.text.find("\n", 40) > 0 else 80))
    brief = [
        BriefSentence(
            "US officials gave conflicting signals on NATO membership for Ukraine.",
            tuple(a.id for a in articles[:3]),
            disputed=bool(conflicts),
            evidence=tuple(Span(s.article_id, s.start, s.end) for s in statements[:3]),
        )
    ]
    timeline = [
        TimelineEntry(
            "2025-02-12",
            "Hegseth addresses the Ukraine Defense Contact Group.",
            tuple(a.id for a in articles[:2]),
            evidence=(Span(first.id, *lead),),
        ),
        TimelineEntry(
            "2025-02-13", "Coale says membership is still on the table.", tuple(a.id for a in articles[1:3])
        ),
    ]
    coverage = [
        CoverageCell(
            "unit-1",
            "Membership is still on the table",
            a.id,
            "reports" if any(s.article_id == a.id for s in statements) else "omits",
            *(next(((s.start, s.end) for s in statements if s.article_id == a.id), (None, None))),
        )
        for a in articles
    ]
    derivations = (
        [Derivation(articles[0].id, None, articles[1].id, "rewrite", 0.71)] if len(articles) > 1 else []
    )
    analysis = Analysis(
        articles=tuple(articles),
        entities=(coale, hegseth),
        annotations=tuple(annotations),
        stories=(
            StoryAnalysis(
                story,
                derivations=tuple(derivations),
                propositions=props,
                positions=tuple(positions),
                conflicts=tuple(conflicts),
                timeline=tuple(timeline),
                coverage=tuple(coverage),
                brief=tuple(brief),
            ),
        ),
    )
    return build_report(analysis)


# ------------------------------------------------------------------------------------ server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`uvicorn` serving the app over a store, in a subprocess on 127.0.0.1 and a free port."""

    def __init__(self, info: StoreInfo, log: Path, options: dict[str, float] | None = None,
                 stream: dict[str, float] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, str(SERVE), str(info.db), str(self.port)]
        if info.reports:
            args.append(str(info.reports))
        self.log = log.open("w")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        if options:  # ServerOptions fields (tests/browser/serve.py)
            env["NEWSPRISM_TEST_SERVER_OPTIONS"] = json.dumps(options)
        if stream:  # StreamLimits fields (tests/browser/serve.py)
            env["NEWSPRISM_TEST_STREAM_LIMITS"] = json.dumps(stream)
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT))
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {log.read_text()[-2000:]}")
            try:
                if httpx.get(self.base + "/api/stories?limit=1", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start: " + log.read_text()[-2000:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()
