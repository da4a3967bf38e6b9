"""Build the ECB+ topics 1-35 JSONL, texts rebuilt from tokens exactly as eval/ecbplus.py does.

`id` is the ECB+ document name (`1_10ecbplus.xml`): the stable identity the labels are keyed on.
ecbplus documents carry url/title/published read from their first lines; ecb documents have none.

    python eval/conflicts_real/inputs/build_ecbplus.py OUT.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

from jsonl_out import run  # the builders run as scripts: this folder is on the path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "eval"))  # eval/ is scripts, not a package

from ecbplus import read_corpus  # noqa: E402


def build_items() -> list[dict[str, str]]:
    items = []
    for doc in read_corpus():
        article = doc.article
        item = {"id": article.id, "text": article.text, "url": article.url, "title": article.title,
                "published": article.published, "language": "en"}
        items.append({key: value for key, value in item.items() if value is not None})
    return items


if __name__ == "__main__":
    run(build_items)
