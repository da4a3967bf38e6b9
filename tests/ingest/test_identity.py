"""An article's identity is its record (external id, URL, outlet, title, ...) and its content.

Two records that carry the same body (an agency story two outlets print word for word) are two
articles linked by a `copy` derivation; only an input identical in every field is a duplicate, and
that is reported (a `rejected` entry with `duplicate_of`, a line on stderr), never dropped silently.
Runs the real CLI on real files; the body is a seed's text read from ../shared at test time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT, run_check_report, seed_path
from newsprism.hashing import content_hash
from newsprism.model import RawDocument
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.sqlite import open_store, split_sql

NEWSPRISM = [sys.executable, "-m", "newsprism.cli"]


def seed_body() -> str:
    """The Reuters seed's story, as one outlet's producer would hand it over (JSONL text)."""
    return seed_path("001").read_text(encoding="utf-8")


def record(identifier: str, title: str, outlet: str, text: str) -> dict[str, Any]:
    return {"id": identifier, "title": title, "outlet": outlet, "published": "2025-02-14", "text": text}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def analyze(inputs: list[Path], db: Path, out: Path) -> tuple[dict[str, Any], str]:
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([*NEWSPRISM, "analyze", *map(str, inputs), "--db", str(db), "--out", str(out)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run_check_report(out / "report.json")
    return json.loads((out / "report.json").read_text(encoding="utf-8")), proc.stderr


def test_same_text_in_two_records_gives_two_articles_and_a_copy(tmp_path: Path) -> None:
    body = seed_body()
    path = write_jsonl(tmp_path / "wire.jsonl", [
        record("meridian-1", "Ceasefire talks resume", "Meridian Post", body),
        record("harbour-77", "Talks on a ceasefire begin again", "Harbour Daily", body),
    ])
    report, stderr = analyze([path], tmp_path / "s.db", tmp_path / "out")
    articles = {a["external_id"]: a for a in report["articles"]}
    assert set(articles) == {"meridian-1", "harbour-77"}, stderr
    first, second = articles["meridian-1"], articles["harbour-77"]
    assert first["id"] != second["id"]
    assert (first["title"], first["outlet"]) == ("Ceasefire talks resume", "Meridian Post")
    assert (second["title"], second["outlet"]) == ("Talks on a ceasefire begin again", "Harbour Daily")
    assert first["text"] == second["text"]
    assert first["story_id"] is not None and first["story_id"] == second["story_id"]
    copies = [d for d in report["derivations"] if d["kind"] == "copy"
              and {d["source"], d["target"]} == {first["id"], second["id"]}]
    assert copies, report["derivations"]
    assert report["rejected"] == []


def test_exact_duplicate_is_one_article_and_a_reported_rejection(tmp_path: Path) -> None:
    line = record("meridian-1", "Ceasefire talks resume", "Meridian Post", seed_body())
    path = write_jsonl(tmp_path / "twice.jsonl", [line, line])
    report, stderr = analyze([path], tmp_path / "s.db", tmp_path / "out")
    [article] = report["articles"]
    [duplicate] = report["rejected"]
    assert duplicate["source"].endswith("twice.jsonl#2")
    assert duplicate["code"] == "E116"
    assert duplicate["duplicate_of"] == article["id"]
    assert f"duplicate of article {article['id']}" in duplicate["reason"]
    assert "twice.jsonl#2" in stderr and "E116" in stderr


def test_same_body_in_two_files_of_a_folder_is_two_articles(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("meridian.txt", "harbour.txt"):
        (folder / name).write_text(seed_body(), encoding="utf-8")
    report, _ = analyze([folder], tmp_path / "s.db", tmp_path / "out")
    assert sorted(a["external_id"] for a in report["articles"]) == ["harbour", "meridian"]
    assert report["rejected"] == []


def test_reingesting_the_same_records_adds_nothing(tmp_path: Path) -> None:
    body = seed_body()
    path = write_jsonl(tmp_path / "wire.jsonl", [record("m-1", "A", "Meridian Post", body),
                                                 record("h-2", "B", "Harbour Daily", body)])
    db = tmp_path / "s.db"
    first, _ = analyze([path], db, tmp_path / "out1")
    again, stderr = analyze([path], db, tmp_path / "out2")
    assert sorted(a["id"] for a in again["articles"]) == sorted(a["id"] for a in first["articles"])
    assert again["rejected"] == [], stderr
    with open_store(db) as store:
        assert store.count_articles() == 2


def test_a_store_of_the_content_keyed_schema_upgrades_and_keeps_its_articles(tmp_path: Path) -> None:
    """A store written before record identity (0001+0002: the content hash the unique key): its
    article is adopted by the record that re-ingests it; a second record with the same body is new."""
    db, body = tmp_path / "old.db", seed_body()
    path = write_jsonl(tmp_path / "wire.jsonl", [record("m-1", "A", "Meridian Post", body),
                                                 record("h-2", "B", "Harbour Daily", body)])
    old_id = make_content_keyed_store(db, f"{path}#1", body)
    report, _ = analyze([path], db, tmp_path / "out")
    ids = {a["external_id"]: a["id"] for a in report["articles"]}
    assert ids["m-1"] == old_id and ids["h-2"] != old_id
    with open_store(db) as store:
        assert store.count_articles() == 2


def make_content_keyed_store(db: Path, source: str, body: str) -> str:
    """A store as the first two migrations left it, holding the article the ingest of that schema
    made of `body` (id and unique key from the content hash); returns that article's id."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:2]:
        for statement in split_sql(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, '2025-01-01')", (name,))
    content = content_hash(RawDocument(source, text=body))
    conn.execute("INSERT INTO articles (id, content_hash, text_hash, source, external_id, text, ingested_at) "
                 "VALUES (?, ?, ?, ?, 'm-1', ?, '2025-01-01')", ("a" + content[:12], content, content, source, body))
    conn.close()
    return "a" + content[:12]
