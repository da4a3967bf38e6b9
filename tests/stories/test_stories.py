"""Story clustering: the seeds form one story; two events of the same kind stay apart; online = batch."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from test_provenance import seed_articles

from conftest import CORPUS
from newsprism.model import Article
from newsprism.stories.cluster import StoryClusterer, lead_text, story_id_for
from newsprism.stories.embed import embed_texts, split_sentences

ECBPLUS = CORPUS / "ecbplus"


def test_split_sentences_gives_exact_offsets() -> None:
    text = 'He said "It is on the table." Then Mr. Smith left the U.S. embassy.\nA new line'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        'He said "It is on the table."',
        "Then Mr. Smith left the U.S. embassy.",
        "A new line",
    ]


def test_embeddings_are_normalised_and_multilingual() -> None:
    vectors = embed_texts(
        [
            "The talks have not started yet.",
            "Die Gespräche haben noch nicht begonnen.",
            "The football match ended in a draw.",
        ]
    )
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_the_five_seeds_form_one_story() -> None:
    clusterer = StoryClusterer()
    ids = {clusterer.assign(article) for article in seed_articles()}
    assert len(ids) == 1
    (story,) = clusterer.stories()
    assert story.id == story_id_for("seed-000")
    assert set(story.article_ids) == {a.id for a in seed_articles()}
    assert story.title in {a.title for a in seed_articles()}


def _ecb_docs(topic: int) -> list[tuple[Article, str]]:
    if not ECBPLUS.is_dir():
        pytest.skip("../shared/corpus/ecbplus is not present")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
    from ecbplus import read_doc

    docs = [read_doc(p) for p in sorted((ECBPLUS / str(topic)).glob("*.xml"))]
    return [(d.article, d.gold) for d in docs]


@pytest.mark.parametrize("topic", [3, 19])
def test_two_events_of_the_same_kind_stay_apart(topic: int) -> None:
    docs = _ecb_docs(topic)
    docs = docs[::2] + docs[1::2]  # interleave events as a stream would
    clusterer = StoryClusterer()
    vectors = embed_texts([lead_text(a) for a, _ in docs])
    labels = [clusterer.assign(a, vectors[i]) for i, (a, _) in enumerate(docs)]
    for story in set(labels):
        events = {gold for (_, gold), label in zip(docs, labels, strict=True) if label == story}
        assert len(events) == 1, (story, events)


def test_incremental_assign_matches_batch() -> None:
    docs = [a for a, _ in _ecb_docs(1) + _ecb_docs(2)]
    vectors = embed_texts([lead_text(a) for a in docs])
    batch = StoryClusterer()
    batch_labels = [batch.assign(a, vectors[i]) for i, a in enumerate(docs)]
    half = len(docs) // 2
    first = StoryClusterer()
    labels = [first.assign(a, vectors[i]) for i, a in enumerate(docs[:half])]
    second = StoryClusterer.from_bytes(first.to_bytes())
    labels += [second.assign(a, vectors[half + i]) for i, a in enumerate(docs[half:])]
    assert labels == batch_labels
    assert [s.article_ids for s in second.stories()] == [s.article_ids for s in batch.stories()]


def test_state_restores_from_profiles() -> None:
    docs = [a for a, _ in _ecb_docs(1)]
    vectors = embed_texts([lead_text(a) for a in docs])
    clusterer = StoryClusterer()
    for i, article in enumerate(docs):
        clusterer.assign(article, vectors[i])
    restored = StoryClusterer(clusterer.profiles())
    assert restored.stories() == clusterer.stories()
    assert restored.assign(docs[0], vectors[0]) == clusterer.story_of(docs[0].id)


def test_time_keeps_a_later_event_apart() -> None:
    text = (
        "A magnitude 6.1 earthquake struck near Palu on Sulawesi island, killing 12 people, officials said."
    )
    a = Article(
        id="a", source="a", text=text, content_hash="a", title="Quake hits Sulawesi", published="2020-01-05"
    )
    b = Article(
        id="b", source="b", text=text, content_hash="b", title="Quake hits Sulawesi", published="2020-01-06"
    )
    c = Article(
        id="c", source="c", text=text, content_hash="c", title="Quake hits Sulawesi", published="2023-06-01"
    )
    clusterer = StoryClusterer()
    vector = embed_texts([lead_text(a)])[0]
    assert clusterer.assign(a, vector) == clusterer.assign(b, vector)
    assert clusterer.assign(c, vector) != clusterer.story_of("a")


def _report(article_id: str, title: str, text: str, published: str | None) -> Article:
    return Article(
        id=article_id, source=article_id, text=text, content_hash=article_id, title=title, published=published
    )


def _hiring() -> list[Article]:
    return [
        _report(
            f"hired-{k}",
            "Herons hire Dana Okafor as head coach",
            "The Harbor City Herons hired Dana Okafor as their head coach on Monday, replacing Lee Marsh "
            "after one season. Okafor, a former Herons guard, signed a four-year contract.",
            f"2005-05-2{k}",
        )
        for k in range(3)
    ]


def test_an_undated_report_needs_more_than_the_topic_to_join_a_dated_story() -> None:
    # The same team and coach, two events: he was hired (dated reports), he was fired (no date).
    hired = _hiring()
    fired = _report(
        "fired",
        "Herons part ways with coach Okafor",
        "The Herons dismissed coach Dana Okafor on Saturday with the team at 9-14. General manager Tom "
        "Reyes named assistant Ruth Bell interim coach.",
        None,
    )
    again = _report("again", hired[0].title, hired[0].text, None)  # the hiring, reprinted without a date
    clusterer = StoryClusterer()
    vectors = embed_texts([lead_text(a) for a in [*hired, fired, again]])
    story = {clusterer.assign(a, vectors[k]) for k, a in enumerate(hired)}
    assert len(story) == 1
    assert clusterer.assign(fired, vectors[3]) not in story
    assert clusterer.assign(again, vectors[4]) in story


def test_an_undated_report_that_names_the_story_date_is_not_penalised_as_undated() -> None:
    hired = _hiring()
    text = "Okafor was named coach on {}, a spokesman for the club said."
    brief = _report("brief", "Club names coach", text.format("May 23, 2005"), None)
    # The same words about another time (a later appointment): naming a date is not enough, it must
    # be the story's.
    later = _report("later", "Club names coach", text.format("December 13, 2008"), None)
    clusterer = StoryClusterer()
    vectors = embed_texts([lead_text(a) for a in [*hired, brief, later]])
    story = {clusterer.assign(a, vectors[k]) for k, a in enumerate(hired)}
    assert clusterer.assign(brief, vectors[3]) in story
    assert clusterer.assign(later, vectors[4]) not in story
