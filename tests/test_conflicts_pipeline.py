"""The real chain on the seeds: clean_dump -> Article -> parse_texts -> annotate -> link_entities ->
find_positions / find_conflicts. Checks what does not depend on the statement extractor's exact spans:
the expected contradictions by speaker name, no forbidden ones, exact evidence spans."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")


@pytest.fixture(scope="module")
def chain():
    from newsprism import hashing
    from newsprism.clean import clean_dump
    from newsprism.metadata import read_body_metadata  # noqa: F401  (only to fail early if missing)
    from newsprism.model import Article
    from newsprism.nlp.spacy import parse_texts
    from newsprism.positions import find_conflicts, find_positions
    from newsprism.statements import annotate, link_entities

    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_dump(raw)
        h = hashing.sha256(raw)
        articles.append(Article(id="a" + h[:12], source=str(path), text=cleaned.text, content_hash=h,
                                title=getattr(cleaned, "title", None), language="en"))
    docs = parse_texts([a.text for a in articles], "en")
    annotations = [annotate(a, d, ()) for a, d in zip(articles, docs, strict=True)]
    entities, linked = link_entities(articles, annotations)
    statements = [s for ann in linked for s in ann.statements]
    props, positions = find_positions(articles, statements, entities, "story-seeds")
    conflicts = find_conflicts(articles, statements, entities, props, positions, "story-seeds")
    names = {e.id: e.name for e in entities}
    return articles, statements, names, conflicts


def _names(c, names):
    return {names.get(s, s or "").split()[-1] for s in c.speakers if s}


def test_real_chain_contradictions(chain):
    articles, statements, names, conflicts = chain
    contra = [_names(c, names) for c in conflicts if c.kind == "contradiction"]
    assert statements, "no statements extracted"
    assert {"Coale", "Hegseth"} in contra
    for pair in contra:
        assert len(pair) == 2
        assert pair != {"Kallas", "Coale"}


def test_real_chain_evidence_spans(chain):
    articles, statements, names, conflicts = chain
    texts = {a.id: a for a in articles}
    for c in conflicts:
        for e in c.evidence:
            if e.field == "text":
                assert texts[e.article_id].text[e.start:e.end] == e.text
