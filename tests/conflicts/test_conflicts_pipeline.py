"""The real pipeline on the seeds (the stage graph orders the stages). Checks what does not depend on
the statement extractor's exact spans: the expected contradictions by speaker name, no forbidden
ones, exact evidence spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import analysed

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")


@pytest.fixture(scope="module")
def chain():
    analysis = analysed("seeds")[0]
    articles = list(analysis.articles)
    statements = [s for ann in analysis.annotations for s in ann.statements]
    conflicts = [c for story in analysis.stories for c in story.conflicts]
    names = {e.id: e.name for e in analysis.entities}
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
        assert pair != {"Trump", "Hegseth"}  # they agree (issue 21): never reported, not even uncertain


def test_real_chain_evidence_spans(chain):
    articles, statements, names, conflicts = chain
    texts = {a.id: a for a in articles}
    for c in conflicts:
        for e in c.evidence:
            if e.field == "text":
                assert texts[e.article_id].text[e.start:e.end] == e.text
