"""Claim check end to end: the seeds ingested into a real store, the CLI as real processes, the Python
function, and the web app over the same store file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

NEWSPRISM = [sys.executable, "-m", "newsprism.cli"]
NATO = "NATO membership for Ukraine is off the table"


def run(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NEWSPRISM_DB": str(db), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([*NEWSPRISM, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("claims") / "store.db"
    run("ingest", str(seeds_dir), "--quiet", db=db)
    return db


def seed_of(row: dict[str, Any], sources: dict[str, str]) -> str:
    return Path(sources[row["article_id"]]).name[:3]


def article_sources(db: Path) -> dict[str, str]:
    from newsprism.store.sqlite import open_store

    with open_store(db, readonly=True) as store:
        return {a.id: a.source for a in store.iter_articles()}


def test_seeds_nato_claim(seeds_db: Path) -> None:
    """Issue 23's acceptance: 004 supports; 000-002 contradict or discuss with Coale's "still on the
    table" among the evidence; 003 is not unrelated."""
    from newsprism.claims import check_claim
    from newsprism.store.sqlite import open_store

    with open_store(seeds_db, readonly=True) as store:
        result = check_claim(store, NATO).to_data()
        texts = {a.id: a.text for a in store.iter_articles()}
    sources = article_sources(seeds_db)
    by_seed = {seed_of(r, sources): r for r in result["results"]}
    assert set(by_seed) == {"000", "001", "002", "003", "004"}
    assert by_seed["004"]["stance"] == "supports", by_seed["004"]
    # Coale's statement: 000 (BreakingOn's rewrite) words it "the options for Ukraine's NATO membership
    # ... remain open"; 001 and 002 quote "still on the table".
    coale = {"000": "remain open", "001": "still on the table", "002": "still on the table"}
    for seed, words in coale.items():
        row = by_seed[seed]
        assert row["stance"] in ("contradicts", "discusses"), (seed, row)
        evidence = " ".join(e["text"] for e in row["evidence"])
        assert words in evidence, (seed, evidence)
    assert by_seed["003"]["stance"] != "unrelated", by_seed["003"]
    for row in result["results"]:
        for e in row["evidence"]:  # offsets point into the article's cleaned text
            assert texts[row["article_id"]][e["start"]:e["end"]] == e["text"]


def test_claims_file_writes_json_and_markdown_and_rejects_bad_lines(seeds_db: Path, tmp_path: Path) -> None:
    sources = article_sources(seeds_db)
    some = sorted(sources)[:2]
    lines = [
        json.dumps({"id": "nato", "text": NATO}),
        "{not json",
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"id": "two", "text": "Ukraine will regain its pre-2014 borders", "articles": [*some, "nope"]}),
        json.dumps({"id": "nato", "text": "duplicate id"}),
        json.dumps({"id": "long", "text": "x" * 5000}),
        json.dumps({"id": "bad", "text": "a claim", "articles": "not a list"}),
    ]
    claims_file = tmp_path / "claims.jsonl"
    claims_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("claims", str(claims_file), "--out", str(out), db=seeds_db)
    data = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    assert data["format"] == "newsprism.claims/1"
    assert [c["id"] for c in data["claims"]] == ["nato", "two"]
    assert len(data["claims"][0]["results"]) == len(sources)
    restricted = data["claims"][1]
    assert sorted(r["article_id"] for r in restricted["results"]) == some
    assert restricted["unknown_articles"] == ["nope"]
    for claim in data["claims"]:
        for r in claim["results"]:
            assert set(r) == {"article_id", "external_id", "stance", "score", "evidence"}
            assert r["stance"] in ("supports", "contradicts", "discusses", "unrelated")
    rejected = {r["source"].rsplit(":", 1)[1]: r for r in data["rejected"]}
    assert sorted(rejected, key=int) == ["2", "3", "5", "6", "7"]
    assert all(r["code"] == "E134" and r["reason"] for r in rejected.values())
    assert proc.stderr.count("[E134]") == 5
    assert "articles" in proc.stderr  # progress line at the end
    md = (out / "claims.md").read_text(encoding="utf-8")
    assert "## nato: " + NATO in md and "Rejected lines" in md


def test_claim_command_json(seeds_db: Path) -> None:
    proc = run("claim", NATO, "--json", db=seeds_db)
    data = json.loads(proc.stdout)
    assert data["text"] == NATO and len(data["results"]) == 5
    text = run("claim", NATO, db=seeds_db).stdout
    assert "still on the table" in text
    assert run("claim", "   ", db=seeds_db, check=False).returncode == 2


def test_claims_file_all_bad_exits_1(seeds_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe garbage\n[1, 2]\n")
    proc = run("claims", str(bad), "--out", str(tmp_path / "o"), "--quiet", db=seeds_db, check=False)
    assert proc.returncode == 1
    assert len(json.loads((tmp_path / "o" / "claims.json").read_text())["rejected"]) == 2


def test_web_claims_api_and_page(seeds_db: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with TestClient(create_app(seeds_db), base_url="http://127.0.0.1") as client:
        data = client.get("/api/claims", params={"q": NATO}).json()
        assert data["compared"] == 5 and not data["truncated"]
        stances = {r["stance"] for r in data["results"]}
        assert "supports" in stances
        page = client.get("/claims", params={"q": NATO}).text
        assert "<mark>" in page and "Supports (" in page
        assert "still on the table" in page
        for url in ("/", "/search?q=NATO", "/claims"):
            assert 'action="/claims"' in client.get(url).text, url
        assert client.get("/api/claims").status_code == 422
