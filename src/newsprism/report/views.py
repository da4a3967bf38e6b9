"""Per-story views of a report: what the Markdown and HTML renderers (and the web app) show.

Both renderers read the report dict (so a saved report.json can be re-rendered); this module
groups its flat sections by story once, so the renderers only lay things out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]


@dataclass
class Speaker:
    id: str | None
    name: str
    roles: list[str]
    statements: list[Item] = field(default_factory=list)


@dataclass
class StoryView:
    story: Item
    articles: list[Item]
    brief: list[Item]
    timeline: list[Item]
    speakers: list[Speaker]
    conflicts: list[Item]
    propositions: list[Item]
    positions: list[Item]
    derivations: list[Item]
    coverage: list[Item]
    statements: list[Item]

    @property
    def outlets(self) -> list[str]:
        return sorted({a["outlet"] for a in self.articles if a.get("outlet")})


def article_label(article: Item) -> str:
    """A short human label for citations: the outlet if known, else the external id or id."""
    return str(article.get("outlet") or article.get("external_id") or article["id"])


def story_views(report: Item) -> list[StoryView]:
    articles = {a["id"]: a for a in report["articles"]}
    entities = {e["id"]: e for e in report["entities"]}
    by_story = group_by_story(report)
    views = []
    for story in report["stories"]:
        ids = set(story["article_ids"])
        statements = [s for s in report["statements"] if s["article_id"] in ids]
        views.append(StoryView(
            story=story,
            articles=[articles[i] for i in story["article_ids"] if i in articles],
            brief=by_story["brief"][story["id"]],
            timeline=sorted(by_story["timeline"][story["id"]], key=lambda t: str(t["date"])),
            speakers=group_speakers(statements, entities),
            conflicts=by_story["conflicts"][story["id"]],
            propositions=[p for p in report["propositions"] if p.get("story_id") in (None, story["id"])],
            positions=positions_for(report, statements),
            derivations=[d for d in report["derivations"] if d["target"] in ids],
            coverage=by_story["coverage"][story["id"]],
            statements=statements,
        ))
    return views


def group_by_story(report: Item) -> dict[str, dict[str, list[Item]]]:
    grouped: dict[str, dict[str, list[Item]]] = {}
    for section in ("brief", "timeline", "conflicts", "coverage"):
        index: dict[str, list[Item]] = defaultdict(list)
        for item in report[section]:
            index[str(item.get("story_id"))].append(item)
        grouped[section] = index
    return grouped


def positions_for(report: Item, statements: list[Item]) -> list[Item]:
    ids = {s["id"] for s in statements}
    return [p for p in report["positions"] if ids.intersection(p["statements"])]


def group_speakers(statements: list[Item], entities: dict[str, Item]) -> list[Speaker]:
    """Statements grouped by speaker (resolved entity, else the speaker text), dated ones in order."""
    speakers: dict[str, Speaker] = {}
    for st in statements:
        entity = entities.get(st.get("speaker") or "")
        key = entity["id"] if entity else "?" + str(st.get("speaker_text") or "unattributed")
        if key not in speakers:
            name = entity["name"] if entity else (st.get("speaker_text") or "Unattributed")
            speakers[key] = Speaker(entity["id"] if entity else None, name,
                                    list(entity["roles"]) if entity else [])
        speakers[key].statements.append(st)
    for sp in speakers.values():
        sp.statements.sort(key=lambda s: (s.get("said_on") or "9999", s["article_id"], s["start"]))
    return sorted(speakers.values(), key=lambda s: (s.id is None, -len(s.statements), s.name))


def entity_names(report: Item) -> dict[str, str]:
    return {e["id"]: e["name"] for e in report["entities"]}


def position_matrix(view: StoryView) -> tuple[list[str], list[Item], dict[tuple[str, str], list[Item]]]:
    """Speakers x propositions: the positions in each cell, in date order."""
    cells: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for p in view.positions:
        cells[(p["speaker"], p["proposition"])].append(p)
    for v in cells.values():
        v.sort(key=lambda p: p.get("date") or "")
    speakers = sorted({p["speaker"] for p in view.positions})
    props = [p for p in view.propositions if any(k[1] == p["id"] for k in cells)]
    return speakers, props, cells
