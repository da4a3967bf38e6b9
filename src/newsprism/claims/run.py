"""`newsprism claims FILE --out DIR`: read the claims, check them, write DIR/claims.json and claims.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsprism.claims.check import Progress, check_claim, check_claims, claims_document
from newsprism.claims.io import claims_markdown, parse_claim, read_claims, rejection
from newsprism.errors import UsageError
from newsprism.store.sqlite import Store


def run_claims_file(path: Path, store: Store, out: Path, progress: Progress | None = None
                    ) -> tuple[int, list[dict[str, Any]]]:
    """(claims checked, rejections). An unreadable file is one rejection; the outputs are written anyway."""
    try:
        requests, rejected = read_claims(path)
    except OSError as exc:
        requests, rejected = [], [rejection(str(path), f"cannot read the file: {exc.strerror or exc}")]
    results = check_claims(store, requests, progress) if requests else []
    out.mkdir(parents=True, exist_ok=True)
    document = claims_document(results, rejected)
    tmp = out / "claims.json.tmp"
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out / "claims.json")
    (out / "claims.md").write_text(claims_markdown(results, rejected), encoding="utf-8")
    return len(results), rejected


def run_claim(store: Store, text: str, as_json: bool) -> str:
    """`newsprism claim TEXT`: the result as JSON or Markdown (UsageError when the text is no claim)."""
    request = parse_claim(json.dumps({"id": "claim", "text": text}), 1, set())
    if isinstance(request, str):
        raise UsageError(request)
    result = check_claim(store, request.text)
    if as_json:
        return json.dumps(result.to_data(), ensure_ascii=False, indent=1)
    return claims_markdown([result])
