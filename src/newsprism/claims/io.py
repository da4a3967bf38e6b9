"""Reading a claims JSONL file (one bad line never stops the others) and writing claims.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsprism.claims.check import STANCES, ClaimRequest, ClaimResult
from newsprism.stance.engine import MAX_CLAIM_CHARS

# Claims read from one file; past it the remaining lines are rejected (E134), not read into memory.
MAX_CLAIMS = 10_000
# Article ids one claim may name.
MAX_CLAIM_ARTICLES = 10_000
BAD_CLAIM = "E134"


def rejection(source: str, reason: str) -> dict[str, Any]:
    return {"source": source, "code": BAD_CLAIM, "reason": reason}


def parse_claim(line: str, number: int, seen: set[str]) -> ClaimRequest | str:
    """The request of one JSONL line, or the reason it cannot be one."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        return f"not JSON: {exc}"
    if not isinstance(data, dict):
        return "not a JSON object"
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return "no claim text (`text` must be a non-empty string)"
    if len(text) > MAX_CLAIM_CHARS:
        return f"claim text longer than {MAX_CLAIM_CHARS} characters"
    claim_id = data.get("id", f"line-{number}")
    if not isinstance(claim_id, (str, int)) or isinstance(claim_id, bool):
        return "`id` must be a string or a number"
    if str(claim_id) in seen:
        return f"duplicate claim id {claim_id!r}"
    articles = data.get("articles")
    if articles is not None:
        if not isinstance(articles, list) or not all(isinstance(a, (str, int)) for a in articles):
            return "`articles` must be a list of article ids"
        if len(articles) > MAX_CLAIM_ARTICLES:
            return f"more than {MAX_CLAIM_ARTICLES} articles"
    return ClaimRequest(id=str(claim_id), text=" ".join(text.split()),
                        articles=None if articles is None else tuple(str(a) for a in articles))


def read_claims(path: Path) -> tuple[list[ClaimRequest], list[dict[str, Any]]]:
    """The claims of a JSONL file and a rejection (source `FILE:LINE`, E134, reason) per bad line."""
    requests: list[ClaimRequest] = []
    rejected: list[dict[str, Any]] = []
    seen: set[str] = set()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            source = f"{path}:{number}"
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            if len(requests) >= MAX_CLAIMS:
                rejected.append(rejection(source, f"more than {MAX_CLAIMS} claims in one file"))
                continue
            parsed = parse_claim(line, number, seen)
            if isinstance(parsed, str):
                rejected.append(rejection(source, parsed))
                continue
            seen.add(parsed.id)
            requests.append(parsed)
    return requests, rejected


def claims_markdown(results: Sequence[ClaimResult], rejected: Sequence[dict[str, Any]] = ()) -> str:
    lines = ["# Claim check", ""]
    for result in results:
        data = result.to_data()
        lines += [f"## {data['id']}: {data['text']}", ""]
        counts = {s: sum(r["stance"] == s for r in data["results"]) for s in STANCES}
        lines += [", ".join(f"{n} {s}" for s, n in counts.items()), ""]
        for row in data["results"]:
            if row["stance"] == "unrelated":
                continue
            name = row["external_id"] or row["article_id"]
            lines.append(f"- **{row['stance']}** ({row['score']:.2f}) `{name}`")
            lines += [f"  > {e['text']}" for e in row["evidence"]]
        for ref in data.get("unknown_articles", ()):
            lines.append(f"- not in the store: `{ref}`")
        lines.append("")
    if rejected:
        lines += ["## Rejected lines", ""]
        lines += [f"- {r['source']} [{r['code']}]: {r['reason']}" for r in rejected]
        lines.append("")
    return "\n".join(lines)
