"""Who a made-up article's statements are given to: real annotate + link_entities, shared by the
speaker-resolution tests."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article
from newsprism.statements import link_entities


def speakers(text: str) -> dict[str, str | None]:
    """Each statement's content -> its speaker's entity name (None when unresolved)."""
    article = Article(id="t1", source="x", text=text, content_hash="h", language="en")
    entities, (annotation,) = link_entities([article], annotate_batch([article]))
    names = {e.id: e.name for e in entities}
    return {st.text: names.get(st.speaker) if st.speaker else None for st in annotation.statements}


def speaker_of(text: str, snippet: str) -> str | None:
    found = {content: name for content, name in speakers(text).items() if snippet in content}
    assert found, f"no statement holds {snippet!r}: {speakers(text)}"
    return next(iter(found.values()))
