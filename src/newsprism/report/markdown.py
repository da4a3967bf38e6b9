"""report.md: the report as a document a journalist can read and paste from.

Every line that states a fact cites the article (outlet label and id) and, for statements, the
character span, so each line can be checked against its evidence.

Every text taken from the inputs (article text, titles, outlets, speakers, explanations, file names)
goes through `md_text` (`one_line` does it): a Markdown renderer passes raw HTML through, so an
article's `<script>` or `<img onerror=...>` would run wherever report.md is rendered.
"""

from __future__ import annotations

import html
from typing import Any

from newsprism.report.views import (
    FRAMING_TITLES,
    CoverageView,
    StoryView,
    article_label,
    cite_groups,
    coverage_view,
    entity_names,
    framing_by_article,
    position_matrix,
    story_views,
)

Item = dict[str, Any]
BLINDSPOT_SHOWN = 12  # units listed per outlet in report.md (the rest counted)


def render_markdown(report: Item, show_uncertain: bool = False) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    names = entity_names(report)
    lines = [
        "# newsprism report",
        "",
        f"{len(report['articles'])} articles, {len(report['stories'])} stories, "
        f"{len(report['statements'])} statements, {len(report['conflicts'])} conflicts, "
        f"{sum(r.get('count', 1) for r in report['rejected'])} rejected inputs.",
        "",
    ]
    for view in story_views(report, show_uncertain):
        lines += story_section(view, articles, names)
    lines += rejected_section(report["rejected"])
    return "\n".join(lines).rstrip() + "\n"


def md_text(text: object) -> str:
    """Input text made inert in Markdown and still readable once rendered: HTML tags and entities
    escaped (`<script>` shows as text), and backslashes and brackets escaped so that no link or
    image (`[x](javascript:...)`, `![x](...)`, `[x]: url`) can form; `<javascript:...>` autolinks
    are gone with the `<`."""
    escaped = html.escape(str(text), quote=False).replace("\\", "\\\\")
    return escaped.replace("[", "\\[").replace("]", "\\]")


def cite(article_id: str, articles: dict[str, Item], span: tuple[int, int] | None = None) -> str:
    label = article_label(articles[article_id]) if article_id in articles else article_id
    where = f" @{span[0]}-{span[1]}" if span else ""
    return f"[{md_text(label)} · {md_text(article_id)}{where}]"


def cite_outlet(label: str, ids: list[str], spans: dict[str, tuple[int, int]]) -> str:
    """One citation for an outlet's articles: "[Outlet ×2 · id1 @s-e, id2 @s-e]"."""
    count = f" ×{len(ids)}" if len(ids) > 1 else ""
    where = ", ".join(md_text(aid) + (f" @{spans[aid][0]}-{spans[aid][1]}" if aid in spans else "") for aid in ids)
    return f"[{md_text(label)}{count} · {where}]"


def one_line(text: object, limit: int = 400) -> str:
    """One line of input text, at most `limit` characters (before escaping), made inert (`md_text`)."""
    line = " ".join(str(text).split())
    return md_text(line if len(line) <= limit else line[: limit - 1] + "…")


QUOTE_MARKS = "\"'“”‘’„«»"


def quoted(text: str) -> str:
    """A direct quote in curly quotes, unless its span already carries its own quote marks."""
    text = one_line(text)
    return text if text[:1] in QUOTE_MARKS else f"“{text}”"


def story_section(view: StoryView, articles: dict[str, Item], names: dict[str, str]) -> list[str]:
    story = view.story
    lines = [f"## {one_line(story['title'])}", "",
             f"Story `{story['id']}` · {len(view.articles)} articles · outlets: "
             f"{', '.join(md_text(o) for o in view.outlets) or 'unknown'}", ""]
    lines += brief_section(view, articles)
    lines += timeline_section(view, articles)
    lines += statements_section(view, articles)
    lines += conflicts_section(view, articles, names)
    lines += matrix_section(view, names)
    lines += provenance_section(view, articles)
    lines += coverage_section(view, articles)
    lines += framing_section(view, articles)
    lines += articles_section(view)
    return lines


def brief_section(view: StoryView, articles: dict[str, Item]) -> list[str]:
    if not view.brief:
        return []
    lines = ["### Brief", ""]
    for b in view.brief:
        mark = "**Disputed:** " if b.get("disputed") else ""
        spans = {e["article_id"]: (e["start"], e["end"]) for e in b.get("evidence") or []}
        cites = " ".join(cite_outlet(label, ids, spans) for label, ids in cite_groups(b["citations"], articles))
        lines.append(f"- {mark}{one_line(b['text'])} {cites}")
    return lines + [""]


def timeline_section(view: StoryView, articles: dict[str, Item]) -> list[str]:
    if not view.timeline:
        return []
    lines = ["### Timeline", ""]
    for t in view.timeline:
        tag = " *(background)*" if t.get("background") else ""
        cites = " ".join(cite(a, articles) for a in t["article_ids"])
        lines.append(f"- **{md_text(t['date'])}**{tag} — {one_line(t['text'])} {cites}")
    return lines + [""]


def statements_section(view: StoryView, articles: dict[str, Item]) -> list[str]:
    if not view.speakers:
        return []
    lines = ["### Who said what", ""]
    for sp in view.speakers:
        roles = f" ({'; '.join(one_line(r) for r in sp.roles)})" if sp.roles else ""
        lines += [f"#### {one_line(sp.name)}{roles}", ""]
        for st in sp.statements:
            date = md_text(st.get("said_on") or "undated")
            quote = quoted(st["text"]) if st["direct"] else one_line(st["text"])
            cue = f" — *{one_line(st['cue'])}*" if st.get("cue") else ""
            kind = "" if st["direct"] else " (reported)"
            lines.append(f"- {date}: {quote}{kind}{cue} {cite(st['article_id'], articles, (st['start'], st['end']))}")
        lines.append("")
    return lines


def conflicts_section(view: StoryView, articles: dict[str, Item], names: dict[str, str]) -> list[str]:
    hidden = ([f"{view.hidden_uncertain} more below the confidence threshold (uncertain): shown with `--all`.", ""]
              if view.hidden_uncertain else [])
    if not view.conflicts:
        return ["### Where they disagree", "", *hidden] if hidden else []
    lines = ["### Where they disagree", "", *hidden]
    for c in view.conflicts:
        who = ", ".join(one_line(names.get(s, s)) for s in c["speakers"]) or "outlets"
        lines += [f"#### {md_text(c['kind'].capitalize())}: {who}", "", one_line(c["explanation"], 600), ""]
        for ev in c.get("evidence") or []:
            speaker = names.get(ev.get("speaker") or "", "")
            meta = ", ".join(one_line(x) for x in (speaker, ev.get("date") or "") if x)
            where = "headline" if ev.get("field") == "title" else None
            span = None if where else (ev["start"], ev["end"])
            lines.append(f"> {one_line(ev['text'])}  \n> — {meta or 'text'} {cite(ev['article_id'], articles, span)}"
                         + (" (headline)" if where else ""))
            lines.append("")
    return lines


def matrix_section(view: StoryView, names: dict[str, str]) -> list[str]:
    speakers, props, cells = position_matrix(view)
    if not speakers or not props:
        return []
    lines = ["### Positions", "", "| Speaker | " + " | ".join(md_cell(p["text"], 60) for p in props) + " |",
             "|---" * (len(props) + 1) + "|"]
    for sp in speakers:
        row = [md_cell(names.get(sp, sp), 200)]
        for p in props:
            row.append(", ".join(md_cell(f"{x['stance']} ({x.get('date') or '?'})", 200)
                                 for x in cells.get((sp, p["id"]), [])))
        lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def provenance_section(view: StoryView, articles: dict[str, Item]) -> list[str]:
    if not view.derivations:
        return []
    lines = ["### Provenance", ""]
    for d in view.derivations:
        origin = d.get("source_name") or "an original not in the corpus"
        src = cite(d["source"], articles) if d.get("source") else f"*{one_line(origin)}*"
        arrow = "→" if d.get("directed", True) else "↔"
        lines.append(f"- {src} {arrow} {cite(d['target'], articles)}: **{md_text(d['kind'])}** "
                     f"(score {d['score']:.2f}, {len(d.get('alignments') or [])} aligned sentences)")
    return lines + [""]


def coverage_section(view: StoryView, articles: dict[str, Item]) -> list[str]:
    if not view.coverage:
        return []
    cv = coverage_view(view)
    ids = [a["id"] for a in view.articles]
    lines = ["### Coverage", "",
             "What each article carries of what the others report. *Sources* counts independent sources: "
             "copies, rewrites and translations of one original count once.", "",
             "| Reported by 2+ articles | sources | " + " | ".join(md_cell(label(articles, i), 80) for i in ids)
             + " |",
             "|---|---" + "|---" * len(ids) + "|"]
    for r in cv.shared:
        row = [matrix_symbol(cv.cells.get((r.unit, i), {})) for i in ids]
        lines.append(f"| {md_cell(r.text, 90)} *({r.kind})* | {r.sources} | " + " | ".join(row) + " |")
    lines += ["", "✔ reports · ✘ contradicts · · omits · ? omits, uncertain (a sentence partly matches the unit)", ""]
    if view.hidden_unchecked:
        lines += [f"{view.hidden_unchecked} more row(s) about a claim that does not read as checkable on its own: "
                  "shown with `--all`.", ""]
    if cv.single_outlet or cv.single_family:
        lines += ["#### Carried by one source only", ""]
        for aid in ids:
            for r in cv.single_outlet.get(aid, []):
                where = cite(aid, articles, span_of(cv, r.unit, aid))
                lines.append(f"- {one_line(r.text, 200)} *({r.kind})* — only {where}")
        for group, rows in cv.single_family:
            names = ", ".join(one_line(label(articles, a)) for a in group)
            lines.append(f"- {len(rows)} unit(s) carried only by one family of copies ({names}), e.g. "
                         + "; ".join(f"“{one_line(r.text, 90)}”" for r in rows[:3]))
        lines.append("")
    if cv.omissions or cv.silent:
        lines += ["#### What each article leaves out", "",
                  "Units that at least two other articles report.", ""]
        for aid in ids:
            rows, silent = cv.omissions.get(aid, []), cv.silent.get(aid, [])
            if not rows and not silent:
                continue
            lines.append(f"- **{one_line(label(articles, aid))}** (`{aid}`): omits {len(rows)} unit(s)")
            if silent:
                names = ", ".join(f"{one_line(n)} ({k} statements reported elsewhere)" for n, k in silent)
                lines.append("  - never quotes: " + names)
            for r in rows[:12]:
                unsure = "; uncertain" if (r.unit, aid) in cv.uncertain else ""
                lines.append(f"  - {one_line(r.text, 140)} "
                             f"*({r.kind}; {len(r.reports)} articles, {r.sources} sources{unsure})*")
            if len(rows) > 12:
                lines.append(f"  - … and {len(rows) - 12} more")
        lines.append("")
    if cv.hidden_omits:
        lines += [f"{cv.hidden_omits} more omission(s) uncertain (a sentence of the article partly matches the "
                  "unit), not listed here or in the blindspots: shown with `--all`.", ""]
    return lines + blindspot_lines(cv)


def matrix_symbol(cell: Item) -> str:
    """A matrix cell's mark: "?" for an uncertain `omits` (a sentence partly matches the unit)."""
    if cell.get("status") == "omits" and cell.get("uncertain"):
        return "?"
    return {"reports": "✔", "contradicts": "✘", "omits": "·"}.get(cell.get("status", ""), "")


def blindspot_lines(cv: CoverageView) -> list[str]:
    """What each outlet left out (its blindspot): units other outlets report and none of its articles
    carries, in the unit's words or others."""
    if not cv.blindspots:
        return []
    lines = ["#### What each outlet left out (blindspots)", "",
             "Units that other outlets report and no article of the outlet carries, in any words.", ""]
    for b in cv.blindspots:
        lines.append(f"- **{one_line(b.outlet)}** ({len(b.article_ids)} article(s)): {len(b.units)} unit(s)")
        for r, n in b.units[:BLINDSPOT_SHOWN]:
            unsure = "; uncertain" if r.unit in b.uncertain else ""
            lines.append(f"  - {one_line(r.text, 140)} *({r.kind}; {n} other outlets{unsure})*")
        if len(b.units) > BLINDSPOT_SHOWN:
            lines.append(f"  - … and {len(b.units) - BLINDSPOT_SHOWN} more")
    return lines + [""]


def label(articles: dict[str, Item], article_id: str) -> str:
    return article_label(articles[article_id]) if article_id in articles else article_id


def md_cell(text: object, limit: int) -> str:
    return one_line(text, limit).replace("|", "\\|")


def span_of(cv, unit: str, article_id: str) -> tuple[int, int] | None:
    cell = cv.cells.get((unit, article_id)) or {}
    if cell.get("start") is None:
        return None
    return (cell["start"], cell["end"])


def framing_section(view: StoryView, articles: dict[str, Item]) -> list[str]:
    notes = framing_by_article(view)
    if not notes:
        return []
    lines = ["### Framing notes", "",
             "How each article presents what it reports (spans, not scores).", ""]
    for art, items in notes:
        lines.append(f"#### {one_line(article_label(art))} (`{art['id']}`)")
        lines.append("")
        for f in items:
            where = "headline" if f.get("field") == "title" else f"@{f['start']}-{f['end']}"
            title = md_text(FRAMING_TITLES.get(f["kind"], f["kind"]))
            lines.append(f"- **{title}** ({where}): “{one_line(f['text'], 160)}” — "
                         f"{one_line(f['note'], 300)}")
        lines.append("")
    return lines


def articles_section(view: StoryView) -> list[str]:
    lines = ["### Articles", "", "| id | outlet | title | published | dateline | credits | language | translated |",
             "|---|---|---|---|---|---|---|---|"]
    for a in view.articles:
        cells = [a["id"], a.get("outlet") or "", a.get("title") or "", a.get("published") or "",
                 a.get("dateline") or "", ", ".join(a.get("credits") or []), a.get("language") or "",
                 "yes" if a.get("translated") else ""]
        lines.append("| " + " | ".join(md_cell(c, 80) for c in cells) + " |")
    lines.append("")
    for a in view.articles:
        if a.get("removed"):
            reasons: dict[str, int] = {}
            for r in a["removed"]:
                reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
            summary = ", ".join(f"{one_line(k)} ×{v}" for k, v in reasons.items())
            lines.append(f"- `{a['id']}` ({one_line(article_label(a))}): removed {summary}")
    return lines + [""]


def rejected_section(rejected: list[Item]) -> list[str]:
    if not rejected:
        return []
    lines = ["## Rejected inputs", ""]
    for r in rejected:
        code = f" ({md_text(r['code'])})" if r.get("code") else ""
        lines.append(f"- {one_line(r['source'])}: {one_line(r['reason'])}{code}")
    return lines + [""]
