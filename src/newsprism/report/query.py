"""Queries over a report dict that the CLI and the web app share."""

from __future__ import annotations

from typing import Any

Item = dict[str, Any]


def select_statements(report: Item, speaker: str | None = None) -> list[Item]:
    """Statements with the speaker's name, filtered by a case-insensitive name/alias substring."""
    entities = {e["id"]: e for e in report["entities"]}
    needle = (speaker or "").casefold()
    rows = []
    for st in report["statements"]:
        entity = entities.get(st.get("speaker") or "")
        names = [entity["name"], *entity["aliases"]] if entity else [st.get("speaker_text") or ""]
        if needle and not any(needle in n.casefold() for n in names):
            continue
        rows.append(st | {"speaker_name": entity["name"] if entity else (st.get("speaker_text") or "?")})
    rows.sort(key=lambda r: (r["speaker_name"], r.get("said_on") or "9999", r["article_id"], r["start"]))
    return rows
