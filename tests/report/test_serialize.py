"""The model codec (`serialize`): the stage caches and the report builder both read what it writes."""

from __future__ import annotations

import json

from newsprism import serialize
from newsprism.model import (
    Annotation,
    Article,
    FieldSource,
    Mention,
    Removed,
    Span,
    Statement,
    Story,
    StoryAnalysis,
    TimelineEntry,
)


def _story() -> StoryAnalysis:
    span = Span("a1", 0, 5)
    return StoryAnalysis(
        story=Story(id="story-1", title="Title", article_ids=("a1", "a2")),
        timeline=(TimelineEntry(date="2025-02-12", text="talks", article_ids=("a1",), evidence=(span,)),),
    )


def test_round_trip_keeps_nested_dataclasses_tuples_and_nones() -> None:
    annotation = Annotation(
        "a1",
        mentions=(Mention("a1", 0, 5, "Biden", "PERSON", "name", None),),
        statements=(Statement(id="s1", article_id="a1", speaker=None, speaker_text="He", cue="said",
                              text="it would", direct=False, start=8, end=16, said_on="2025-02-12"),),
    )
    for value, cls in ((annotation, Annotation), (_story(), StoryAnalysis)):
        text = serialize.dumps(value)
        back = serialize.loads(cls, text)
        assert back == value
        assert serialize.dumps(back) == text
        assert isinstance(back.story.article_ids if cls is StoryAnalysis else back.mentions, tuple)


def test_article_fields_round_trip() -> None:
    article = Article(id="a1", source="in.jsonl#1", content_hash="h", text="Body.", removed=(Removed("Menu", "menu", 0, 5, 0),),
                      field_sources=(FieldSource("title", "html", "<h1>"),))
    assert serialize.loads(tuple[Removed, ...], serialize.dumps(article.removed)) == article.removed
    data = serialize.to_data(article)
    assert data["removed"] == [{"text": "Menu", "reason": "menu", "raw_start": 0, "raw_end": 5, "at": 0}]
    assert serialize.from_data(Article, json.loads(json.dumps(data))) == article


def test_unknown_keys_are_ignored_and_missing_ones_default() -> None:
    assert serialize.from_data(Span, {"article_id": "a", "start": 1, "end": 2, "later": "x"}) == Span("a", 1, 2)
    assert serialize.from_data(Annotation, {"article_id": "a"}) == Annotation("a")
    assert serialize.from_data(Annotation, None) is None
