"""The claim check of the web app: `/claims?q=` (page) and `/api/claims?q=` (JSON)."""

from __future__ import annotations

from typing import Any

from newsprism.stance.model import LABELS as STANCES
from newsprism.store.sqlite import Store

# Articles one web claim check compares (the first stored ones): a request answers in seconds; the
# CLI (`newsprism claims`) has no such limit.
WEB_CLAIM_ARTICLES = 2000
MAX_QUERY = 500


def claim_results(store: Store, q: str) -> dict[str, Any]:
    """The stance of the first WEB_CLAIM_ARTICLES stored articles on claim `q`, with titles."""
    # Deferred: the stance engine's polar rule loads spaCy, and the server starts without it.
    from newsprism.claims.check import ClaimRequest, check_claims

    articles = {a.id: a for a in store.iter_articles(limit=WEB_CLAIM_ARTICLES)}
    total = store.count_articles()
    text = " ".join(q.split())
    results = []
    if text and articles:
        checked = check_claims(store, [ClaimRequest(id="q", text=text, articles=tuple(articles))])[0]
        for row in checked.to_data()["results"]:
            article = articles[row["article_id"]]
            results.append({**row, "title": article.title, "outlet": article.outlet,
                            "url": f"/api/articles/{row['article_id']}"})
    return {"query": text, "compared": len(articles), "truncated": total > len(articles), "results": results}


def grouped(results: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Results by stance, unrelated last (and only counted on the page)."""
    return [(s, [r for r in results if r["stance"] == s]) for s in STANCES]
