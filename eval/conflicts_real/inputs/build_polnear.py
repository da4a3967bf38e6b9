"""Build the PolNeAR train JSONL (one article a line, with the outlet, date and title of metadata.tsv).

`id` is the text's file name without `.txt`: the stable identity the labels are keyed on.
Only the train split is used, never dev or test.

    python eval/conflicts_real/inputs/build_polnear.py OUT.jsonl
"""

from __future__ import annotations

import csv
from pathlib import Path

from jsonl_out import run  # the builders run as scripts: this folder is on the path

ROOT = Path(__file__).resolve().parents[3]
POLNEAR = ROOT.parent / "shared" / "corpus" / "polnear"
# metadata.tsv's publisher codes, spelled as the outlets name themselves.
OUTLETS = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
           "politico": "Politico", "wash-post": "The Washington Post",
           "west-journal": "Western Journalism", "usa-today": "USA Today"}


def read_metadata() -> dict[str, dict[str, str]]:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["filename"]: row for row in rows if row["compartment"] == "train"}


def build_items() -> list[dict[str, str]]:
    metadata = read_metadata()
    items = []
    for path in sorted((POLNEAR / "train" / "text").glob("*.txt")):
        row = metadata[path.stem]
        items.append({"id": path.stem, "title": row["title"], "text": path.read_text(encoding="utf-8"),
                      "outlet": OUTLETS.get(row["publisher"], row["publisher"]),
                      "published": row["publication_date"]})
    return items


if __name__ == "__main__":
    run(build_items)
