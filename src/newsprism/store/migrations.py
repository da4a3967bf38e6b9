"""Recorded schema migrations: append only. Each entry runs once, in a transaction, and is recorded
in `schema_migrations` so that an old store file upgrades in place."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_core",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            command TEXT NOT NULL,
            inputs TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'running'
        );
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            text_hash TEXT NOT NULL,
            source TEXT NOT NULL,
            external_id TEXT,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            language TEXT,
            byline TEXT,
            dateline TEXT,
            credits TEXT NOT NULL DEFAULT '[]',
            translated INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            field_sources TEXT NOT NULL DEFAULT '[]',
            run_id INTEGER REFERENCES runs(id),
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE rejected (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            code TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE stage_cache (
            key TEXT NOT NULL,
            stage TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (key, stage)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id),
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (story_id, article_id)
        );
        CREATE UNIQUE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE story_results (
            story_id TEXT PRIMARY KEY REFERENCES stories(id),
            version TEXT NOT NULL,
            members TEXT NOT NULL,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            payload BLOB NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    ),
    (
        "0002_story_latest",
        # The story list sorts by each story's newest article; keeping that date on the story row
        # (with an index) makes the newest-first list one index scan instead of a group-by over
        # every article (2.7 s per request with 100,000 articles before this).
        """
        ALTER TABLE stories ADD COLUMN latest TEXT NOT NULL DEFAULT '';
        UPDATE stories SET latest = coalesce((SELECT max(coalesce(a.published, '')) FROM story_articles sa
            JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id), '');
        CREATE INDEX stories_latest ON stories(latest DESC, id);
        """,
    ),
    (
        "0003_record_identity",
        # An article's identity is its record and its content, no longer its content alone: two
        # outlets' records of one agency story are two articles. The unique key moves to
        # `record_hash`; `content_hash` stays, no longer unique. Old rows keep their content hash as
        # their record hash until the record that made them is ingested again (`known_article_id`).
        """
        ALTER TABLE articles RENAME COLUMN content_hash TO record_hash;
        ALTER TABLE articles ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
        UPDATE articles SET content_hash = record_hash;
        CREATE INDEX articles_content_hash ON articles(content_hash);
        ALTER TABLE rejected ADD COLUMN duplicate_of TEXT;
        """,
    ),
    (
        "0004_article_partial",
        # A teaser cut off mid-sentence is kept as an article and marked, not dropped (E112 before).
        """
        ALTER TABLE articles ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "0005_watch",
        # `newsprism watch`: the validators of every fetched URL (conditional requests next cycle),
        # the article a page became (not fetched again), and the conflicts already alerted (never
        # twice, across restarts too), and the links a feed listed that could not be fetched yet (tried
        # again next cycle, even when the feed answers 304). Pages are looked up by URL, hence the index.
        """
        CREATE TABLE watch_fetches (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            article_id TEXT,
            fetched_at TEXT NOT NULL
        );
        CREATE TABLE watch_alerts (
            key TEXT PRIMARY KEY,
            conflict_id TEXT NOT NULL,
            story_id TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX watch_alerts_conflict ON watch_alerts(conflict_id);
        CREATE TABLE watch_links (
            url TEXT PRIMARY KEY,
            hints TEXT NOT NULL,
            tries INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX articles_url ON articles(url);
        """,
    ),
    (
        "0006_watch_web",
        # The web app follows alerts live: each alert gets an id that only grows (AUTOINCREMENT: never
        # reused, unlike the implicit rowid VACUUM may renumber) and keeps the line that was sent; and
        # the story list filters on a story's last change (`since`), hence the index on updated_at.
        """
        CREATE TABLE watch_alerts_v2 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            conflict_id TEXT NOT NULL,
            story_id TEXT NOT NULL,
            at TEXT NOT NULL,
            alert TEXT
        );
        INSERT INTO watch_alerts_v2 (key, conflict_id, story_id, at)
            SELECT key, conflict_id, story_id, at FROM watch_alerts ORDER BY rowid;
        DROP TABLE watch_alerts;
        ALTER TABLE watch_alerts_v2 RENAME TO watch_alerts;
        CREATE INDEX watch_alerts_conflict ON watch_alerts(conflict_id);
        CREATE INDEX stories_updated ON stories(updated_at);
        """,
    ),
)
