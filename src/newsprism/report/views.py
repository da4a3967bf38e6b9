"""Per-story views of a report: what the Markdown and HTML renderers (and the web app) show.

Both renderers read the report dict (so a saved report.json can be re-rendered); this module
groups its flat sections by story once, so the renderers only lay things out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsprism.coverage.matrix import Blindspot, omissions, outlet_blindspots, silent_speakers, unit_rows
from newsprism.model import CoverageCell, Derivation

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
    framing: list[Item] = field(default_factory=list)
    hidden_uncertain: int = 0  # conflicts below their calibrated threshold, not shown
    hidden_unchecked: int = 0  # coverage rows of a proposition that is not checkable, not shown
    show_uncertain: bool = False  # `--all`: uncertain conflicts and omissions shown (marked)

    @property
    def outlets(self) -> list[str]:
        return sorted({a["outlet"] for a in self.articles if a.get("outlet")})


def article_label(article: Item) -> str:
    """A short human label for citations: the outlet if known, else the external id or id."""
    return str(article.get("outlet") or article.get("external_id") or article["id"])


def cite_groups(article_ids: list[str], articles: dict[str, Item]) -> list[tuple[str, list[str]]]:
    """Citations grouped by label, in first-cited order: one label per outlet, with its articles (a
    brief sentence carried by two articles of one outlet cites the outlet once, with a count)."""
    groups: dict[str, list[str]] = {}
    for aid in article_ids:
        label = article_label(articles[aid]) if aid in articles else aid
        groups.setdefault(label, []).append(aid)
    return list(groups.items())


def story_views(report: Item, show_uncertain: bool = False) -> list[StoryView]:
    """One view per story; conflicts and omissions marked `uncertain`, and coverage rows of a proposition
    that is not checkable, only when `show_uncertain` (`--all`)."""
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
            conflicts=[c for c in by_story["conflicts"][story["id"]] if show_uncertain or not c.get("uncertain")],
            propositions=[p for p in report["propositions"] if p.get("story_id") in (None, story["id"])],
            positions=positions_for(report, statements),
            derivations=[d for d in report["derivations"] if d["target"] in ids],
            coverage=[c for c in by_story["coverage"][story["id"]] if show_uncertain or c.get("checkable", True)],
            statements=statements,
            framing=[f for i in story["article_ids"] for f in articles.get(i, {}).get("framing") or []],
            hidden_uncertain=0 if show_uncertain else sum(bool(c.get("uncertain"))
                                                          for c in by_story["conflicts"][story["id"]]),
            hidden_unchecked=0 if show_uncertain else len({c["unit"] for c in by_story["coverage"][story["id"]]
                                                           if not c.get("checkable", True)}),
            show_uncertain=show_uncertain,
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


# ------------------------------------------------------------------------------ coverage views


@dataclass
class CoverageView:
    """The coverage matrix of one story and what it shows: shared units (matrix rows), units only one
    source carries, what each article leaves out, and the independent sources behind each unit."""

    articles: list[Item]
    shared: list[Any]  # UnitRow, reported by 2+ articles (the matrix)
    single_outlet: dict[str, list[Any]]  # article id -> units only this article carries
    single_family: list[tuple[list[str], list[Any]]]  # (articles of one source family, units only it carries)
    omissions: dict[str, list[Any]]  # article id -> units 2+ other articles carry
    silent: dict[str, list[tuple[str, int]]]  # article id -> speakers it never quotes (name, statements)
    cells: dict[tuple[str, str], Item]  # (unit, article id) -> cell
    blindspots: list[Blindspot] = field(default_factory=list)  # per outlet: units other outlets carry
    # uncertain omissions (an article's sentence partly matches the unit) left out of `omissions` and
    # `blindspots`: how many, or those shown as (unit, article id) when asked (`show_uncertain`)
    hidden_omits: int = 0
    uncertain: set[tuple[str, str]] = field(default_factory=set)

    def label(self, article_id: str) -> str:
        art = next((a for a in self.articles if a["id"] == article_id), None)
        return article_label(art) if art else article_id


def coverage_view(view: StoryView) -> CoverageView:
    cells = [CoverageCell(c["unit"], c["unit_text"], c["article_id"], c["status"], c.get("start"),
                          c.get("end"), c.get("match"), c.get("similarity"), checkable=c.get("checkable", True),
                          uncertain=bool(c.get("uncertain")))
             for c in view.coverage]
    derivs = [Derivation(d.get("source"), d.get("source_name"), d["target"], d["kind"],
                         float(d.get("score") or 0), bool(d.get("directed", True))) for d in view.derivations]
    rows = unit_rows(cells, derivs)
    kind_order = {"proposition": 0, "event": 1, "statement": 2, "claim": 3}
    shared = sorted((r for r in rows if len(r.reports) + len(r.contradicts) >= 2),
                    key=lambda r: (kind_order.get(r.kind, 9), -r.sources, -len(r.reports)))
    single_outlet: dict[str, list[Any]] = defaultdict(list)
    families: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for r in rows:
        if r.sources != 1 or not r.reports or r.kind in ("proposition",):
            continue
        if len(r.reports) == 1:
            single_outlet[r.reports[0]].append(r)
        else:
            families[tuple(sorted(r.reports))].append(r)
    single_family = [(list(k), v) for k, v in sorted(families.items(), key=lambda kv: -len(kv[1]))]
    shown = view.show_uncertain
    omitted = {a: [r for r in v if r.kind != "proposition"]
               for a, v in omissions(cells, derivs, show_uncertain=shown).items()}
    maybe = {(c.unit, c.article_id) for c in cells if c.status == "omits" and c.uncertain}
    return CoverageView(
        articles=view.articles, shared=shared, single_outlet=dict(single_outlet), single_family=single_family,
        omissions={a: v for a, v in omitted.items() if v}, silent=silent_speakers(cells, derivs),
        cells={(c["unit"], c["article_id"]): c for c in view.coverage},
        blindspots=outlet_blindspots(cells, {a["id"]: article_label(a) for a in view.articles}, derivs, shown),
        hidden_omits=0 if shown else len(maybe), uncertain=maybe if shown else set(),
    )


FRAMING_TITLES = {
    "headline": "Headline against the consensus",
    "unattributed": "Unattributed assertion",
    "editorial": "Editorial language",
    "judging-verb": "Judging attribution verb",
}


def framing_by_article(view: StoryView) -> list[tuple[Item, list[Item]]]:
    """(article, its framing notes: headline first, then in text order) for articles with notes."""
    out = []
    for a in view.articles:
        notes = [f for f in view.framing if f["article_id"] == a["id"]]
        if notes:
            notes.sort(key=lambda f: (f.get("field") != "title", f["start"], f["kind"]))
            out.append((a, notes))
    return out
