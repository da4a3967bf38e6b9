"""Claim check: every stored report's stance on each claim, with the sentences that decide it.

Articles stream from the store in chunks: each chunk is encoded once (one batch of sentences) and
compared with every claim whose scope holds it, so memory stays bounded however large the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.model import Article
from newsprism.stance.engine import Verdict, encode, judge_pairs
from newsprism.stance.engine import claims as encode_claims
from newsprism.stance.features import EncodedClaim
from newsprism.store.sqlite import Store

FORMAT = "newsprism.claims/1"
STANCES = ("supports", "contradicts", "discusses", "unrelated")
# Articles encoded together: a batch large enough for the encoder, small enough to hold in memory
# (about 20 sentences x 2 KB of vectors per article).
CHUNK = 256

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class ClaimRequest:
    id: str
    text: str
    articles: tuple[str, ...] | None = None  # article ids or external ids; None = every stored article


@dataclass
class ClaimResult:
    request: ClaimRequest
    results: list[dict[str, Any]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # requested article ids the store does not hold

    def to_data(self) -> dict[str, Any]:
        order = {s: k for k, s in enumerate(STANCES)}
        ranked = sorted(self.results, key=lambda r: (order[r["stance"]], -r["score"], r["article_id"]))
        data: dict[str, Any] = {"id": self.request.id, "text": self.request.text, "results": ranked}
        if self.unknown:
            data["unknown_articles"] = self.unknown
        return data


def resolve_articles(store: Store, wanted: Sequence[str]) -> tuple[set[str], list[str]]:
    """Article ids for ids or external ids (an external id may name several articles); and the unknown."""
    found: set[str] = set()
    unknown = []
    for ref in wanted:
        rows = store.execute("SELECT id FROM articles WHERE id = ? OR external_id = ?", (ref, ref))
        if rows:
            found.update(str(r[0]) for r in rows)
        else:
            unknown.append(ref)
    return found, unknown


def articles_in_scope(store: Store, scopes: Sequence[set[str] | None]) -> Iterator[Article]:
    """Every stored article when a claim is unrestricted; else only the union of the requested ones."""
    if any(s is None for s in scopes):
        yield from store.iter_articles()
        return
    union = sorted(set().union(*[s for s in scopes if s is not None]))
    for article_id in union:
        yield store.get_article(article_id)


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def result_row(article: Article, verdict: Verdict) -> dict[str, Any]:
    return {"article_id": article.id, "external_id": article.external_id, "stance": verdict.stance,
            "score": verdict.score,
            "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in verdict.evidence]}


def check_claims(store: Store, requests: Sequence[ClaimRequest], progress: Progress | None = None
                 ) -> list[ClaimResult]:
    """The stance of every article in each claim's scope on that claim, in request order."""
    out = [ClaimResult(r) for r in requests]
    scopes: list[set[str] | None] = []
    for result in out:
        if result.request.articles is None:
            scopes.append(None)
            continue
        found, result.unknown = resolve_articles(store, result.request.articles)
        scopes.append(found)
    encoded = encode_claims([r.text for r in requests])
    for batch in chunks(articles_in_scope(store, scopes), CHUNK):
        compare_chunk(batch, encoded, scopes, out)
        if progress:
            progress("articles", len(batch))
    return out


def compare_chunk(batch: list[Article], encoded: list[EncodedClaim], scopes: list[set[str] | None],
                  out: list[ClaimResult]) -> None:
    bodies = encode([a.text for a in batch])
    pairs, where = [], []
    for k, (claim, scope) in enumerate(zip(encoded, scopes, strict=True)):
        for article, body in zip(batch, bodies, strict=True):
            if scope is None or article.id in scope:
                pairs.append((claim, body))
                where.append((k, article))
    for (k, article), verdict in zip(where, judge_pairs(pairs), strict=True):
        out[k].results.append(result_row(article, verdict))


def check_claim(store: Store, text: str) -> ClaimResult:
    """One claim against every stored article."""
    return check_claims(store, [ClaimRequest(id="claim", text=text)])[0]


def claims_document(results: Sequence[ClaimResult], rejected: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "claims": [r.to_data() for r in results]}
    if rejected:
        data["rejected"] = list(rejected)
    return data
