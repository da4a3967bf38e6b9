"""The brief dev set (eval/brief/stories.jsonl) keeps its format, and eval/brief.py scores as ROUGE defines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "eval" / "brief" / "stories.jsonl"


def brief_eval() -> ModuleType:
    sys.path.insert(0, str(ROOT / "eval"))
    import brief

    return brief


def test_dev_set_has_enough_well_formed_stories() -> None:
    rows = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 36
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {"id", "corpus", "documents", "summary", "words"}, r["id"]
        assert 2 <= len(r["documents"]) <= 6, r["id"]
        assert len(set(r["documents"])) == len(r["documents"]), r["id"]
        assert r["words"] == len(r["summary"].split()) and 40 <= r["words"] <= 70, r["id"]
        assert all(d.startswith(f"{r['corpus']}/") for d in r["documents"]), r["id"]


def test_dev_set_documents_exist_and_each_story_is_one_event() -> None:
    if not (CORPUS / "ecbplus").is_dir():
        pytest.skip("../shared/corpus/ecbplus is not present")
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        assert all((CORPUS / d).is_file() for d in r["documents"]), r["id"]
        # One ECB+ event: one topic folder, and all ecb or all ecbplus files.
        events = {(Path(d).parent.name, d.endswith("ecbplus.xml")) for d in r["documents"]}
        assert len(events) == 1, r["id"]


def test_rouge_follows_the_standard_definitions() -> None:
    brief = brief_eval()
    ref = brief.tokens("The cat sat on the mat.")
    assert ref == ["the", "cat", "sat", "on", "the", "mat"]
    assert brief.rouge_n(ref, ref, 1) == brief.rouge_n(ref, ref, 2) == brief.rouge_l(ref, ref) == 1.0
    cand = brief.tokens("the the the cat")
    # Clipped unigrams: "the" counts at most twice (the reference has two), "cat" once: 3/4 and 3/6.
    assert brief.rouge_n(cand, ref, 1) == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    # Bigrams: only "the cat" is shared: 1/3 and 1/5.
    assert brief.rouge_n(cand, ref, 2) == pytest.approx(2 * (1 / 3) * (1 / 5) / (1 / 3 + 1 / 5))
    assert brief.lcs_length(list("abcbdab"), list("bdcaba")) == 4
    assert brief.rouge_n([], ref, 1) == brief.rouge_l(ref, []) == 0.0


def test_lead_is_the_first_body_sentence_not_a_header_line() -> None:
    if not (CORPUS / "ecbplus").is_dir():
        pytest.skip("../shared/corpus/ecbplus is not present")
    brief = brief_eval()
    # The source opens with URL, a headline holding a year, then a "Posted:" date line.
    article = brief.read_article("ecbplus/2/2_5ecbplus.xml")
    assert brief.lead_sentence(article) == "Ellen DeGeneres will host the Oscars."
    text = brief.plain_text(article)
    assert text.startswith("Ellen DeGeneres will host the Oscars.\n\nPublished: 2013-08-02\n\n")


@pytest.mark.slow  # 12 stories through the real analyze path: 1-3 minutes
def test_brief_scores_stay_above_the_floors() -> None:
    """Gate: the brief on a fixed subset of the dev set keeps its ROUGE-1/2 floors at no more words
    than its ceiling (eval/floors_brief.json)."""
    if not (CORPUS / "ecbplus").is_dir():
        pytest.skip("../shared/corpus/ecbplus is not present")
    ev = brief_eval()
    floors = json.loads((ROOT / "eval" / "floors_brief.json").read_text(encoding="utf-8"))
    stories = {s["id"]: s for s in ev.load_stories(STORIES, None)}
    results = [ev.evaluate_story(stories[sid]) for sid in floors["stories"]]
    brief = ev.mean_scores([ev.Scores(**r["brief"]) for r in results])
    assert len(results) == 12
    assert brief.rouge1 >= floors["rouge1"], brief
    assert brief.rouge2 >= floors["rouge2"], brief
    assert brief.words <= floors["max_words"], brief
