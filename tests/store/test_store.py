"""The SQLite store on real files: migrations, idempotent writes, transactions, search, stories."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.errors import NotFoundError
from newsprism.model import Article, Rejected, Removed, Story
from newsprism.store.sqlite import Store, open_store


def make_article(n: int, text: str = "Officials met in Portville on Tuesday.") -> Article:
    return Article(id=f"a{n:012d}", source=f"in/{n}.txt", text=text, content_hash=f"{n:064d}",
                   record_hash=f"r{n:063d}",
                   outlet="Meridian", title=f"Title {n}", published="2025-03-04", credits=("Meridian",),
                   removed=(Removed("logo", "site chrome", 0, 4, 0),))


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        first = store.migrations()
    with open_store(path) as store:
        assert store.migrations() == first == ["0001_core", "0002_story_latest", "0003_record_identity", "0004_article_partial",
                                                   "0005_watch", "0006_watch_web"]
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_add_article_is_idempotent_and_round_trips(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        article = make_article(1)
        assert store.add_article(article) is True
        assert store.add_article(article) is False
        assert store.count_articles() == 1
        assert store.get_article(article.id) == article
        assert store.known_article_id(article.record_hash, article.content_hash, article.source) == article.id


def test_articles_may_share_content_but_not_record(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        first, second = make_article(1), replace(make_article(2), content_hash=make_article(1).content_hash)
        assert store.add_article(first) and store.add_article(second)
        assert store.add_article(replace(make_article(3), record_hash=first.record_hash)) is False
        assert store.count_articles() == 2


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            with store.atomic():
                store.add_article(make_article(1))
                store.add_rejected(Rejected("x", "bad"))
                raise RuntimeError("killed mid-write")
        assert store.count_articles() == 0
        assert store.rejected() == []


def test_search_uses_fts_and_survives_bad_syntax(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.add_article(make_article(1, "It is appeasement. It has never worked."))
        store.add_article(make_article(2, "Nothing about that here."))
        hits = store.search("appeasement")
        assert [h[0] for h in hits] == [make_article(1).id]
        assert "[appeasement]" in hits[0][1]
        assert store.search('"unbalanced AND (') == []
        assert [h[0] for h in store.search("appeasement\x00")] == [make_article(1).id]
        assert store.search("\x00") == []


def test_stories_and_missing_ids(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        for n in (1, 2):
            store.add_article(make_article(n))
        store.save_story(Story("story-1", "Dam talks", (make_article(1).id, make_article(2).id)))
        assert store.story_of(make_article(2).id) == "story-1"
        assert store.get_story("story-1").article_ids == (make_article(1).id, make_article(2).id)
        with pytest.raises(NotFoundError):
            store.get_story("nope")
        with pytest.raises(NotFoundError):
            store.get_article("nope")


def test_story_results_are_keyed_by_members_and_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.add_article(make_article(1))
        store.save_story(Story("story-1", "t", (make_article(1).id,)))
        store.save_story_result("story-1", "v1", ["b", "a"], "{}")
        assert store.get_story_result("story-1", "v1", ["a", "b"]) == "{}"
        assert store.get_story_result("story-1", "v2", ["a", "b"]) is None
        assert store.get_story_result("story-1", "v1", ["a"]) is None


def test_readonly_store_reads_while_writer_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    writer = Store(path)
    writer.add_article(make_article(1))
    reader = Store(path, readonly=True)
    with writer.atomic():
        writer.add_article(make_article(2))
        assert reader.count_articles() == 1  # WAL: the reader sees the last commit, not the open write
    assert reader.count_articles() == 2
    reader.close()
    writer.close()
