"""The clusterer a long-lived process keeps between cycles (`newsprism watch`) is reused only while
the store holds exactly the state it was saved as (issue 24: one new article in a large store must
not pay for restoring the whole clustering state)."""

from __future__ import annotations

from pathlib import Path

from newsprism.analysis import stories as stories_stage
from newsprism.model import Article
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.embed import embed_texts


def article(i: int, title: str) -> Article:
    text = f"{title}. Officials said on Monday that the matter was under review, report {i}."
    return Article(id=f"a{i}", source=f"s{i}", text=text, content_hash=f"h{i}", title=title,
                   published="2024-03-04")


def assigned(clusterer: StoryClusterer, articles: list[Article]) -> StoryClusterer:
    vectors = embed_texts([stories_stage.story_text(a) for a in articles])
    for a, v in zip(articles, vectors, strict=True):
        clusterer.assign(a, v, [])
    return clusterer


def test_the_kept_clusterer_is_reused_only_for_the_bytes_it_was_saved_as(tmp_path: Path) -> None:
    first = assigned(StoryClusterer(), [article(1, "Dam breaks in the north"), article(2, "Dam breaks in the north")])
    saved = first.to_bytes()
    stories_stage.keep_clusterer(saved, first)
    # The same bytes: the very object comes back, and taking it empties the slot (an error while
    # it is being updated can then never leave a half-updated clusterer to be reused).
    assert stories_stage.take_clusterer(saved) is first
    restored = stories_stage.take_clusterer(saved)
    assert restored is not first
    assert restored.stories() == first.stories()
    # Other bytes (another process wrote the state, another store): restored from the bytes.
    stories_stage.keep_clusterer(saved, first)
    other = assigned(StoryClusterer(), [article(3, "Minister resigns over budget")]).to_bytes()
    taken = stories_stage.take_clusterer(other)
    assert taken is not first
    assert [s.article_ids for s in taken.stories()] == [("a3",)]
    assert stories_stage.take_clusterer(None).stories() == []


def test_a_kept_clusterer_continues_as_a_restored_one_would() -> None:
    docs = [article(i, t) for i, t in enumerate(
        ["Dam breaks in the north", "Dam breaks in the north", "Minister resigns over budget",
         "Minister resigns over budget", "Dam breaks in the north"])]
    kept = assigned(StoryClusterer(), docs[:2])
    restored = StoryClusterer.from_bytes(kept.to_bytes())
    assert assigned(kept, docs[2:]).stories() == assigned(restored, docs[2:]).stories()
