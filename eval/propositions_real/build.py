"""The wording sources of the propositions reported conflicts are about, rebuilt from report.json files.

For every story of a report that has a conflict about a proposition, the positions stage is run again
on the report's own articles, statements and entities (`positions.propositions.build`), and each
proposition a conflict names is written with the source its wording is built from, its wording
before issue 21's change (the member's text as chosen) and after (`wording.self_contained`). The
lines are what the gate (tests/positions/test_wording.py) rebuilds; labels are in labels.jsonl.

    PYTHONPATH=src .venv/bin/python eval/propositions_real/build.py ecbplus=R1.json polnear=R2.json \
        --out eval/propositions_real/inputs.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from newsprism import hashing
from newsprism.analysis.annotate import annotate_batch
from newsprism.model import Article, Entity, Mention, Statement
from newsprism.positions.propositions import build
from newsprism.positions.wording import BARE, ClaimSource
from newsprism.serialize import from_data
from newsprism.statements.linking import link_entities


def before_wording(source: ClaimSource) -> str:
    """The wording before the change: the chosen text with its first letter capitalised."""
    return source.text[0].upper() + source.text[1:]


def prop_id(story_id: str, text: str) -> str:
    return "prop-" + hashing.sha256(f"{story_id}\0{text}")[:12]


def story_lines(report: dict[str, Any], corpus: str, story: dict[str, Any],
                wanted: set[str] | None) -> list[dict[str, Any]]:
    """The stored lines of a story's propositions `wanted` names (all of them when None), each with
    `speakers`: how many speakers take a position on it."""
    ids = set(story["article_ids"])
    # what positions read of an article (report.json adds fields of other stages, in other shapes)
    keep = ("id", "source", "text", "content_hash", "external_id", "title", "outlet", "published", "language",
            "dateline")
    articles = [from_data(Article, {k: a.get(k) for k in keep}) for a in report["articles"] if a["id"] in ids]
    statements = [from_data(Statement, s) for s in report["statements"] if s["article_id"] in ids]
    entities = [from_data(Entity, e) for e in report["entities"]]
    mentions, linked = story_mentions(articles, statements, {e.id: e for e in entities})
    known = {e.id for e in entities}
    entities += [e for e in linked if e.id not in known]
    built = build(articles, statements, entities, story["id"], mentions)
    texts = {p.id: p.text for p in built.propositions}
    speakers: dict[str, set[str]] = {}
    said_in: dict[str, set[str]] = {}
    article_of = {s.id: s.article_id for s in statements}
    for position in built.positions:
        speakers.setdefault(position.proposition, set()).add(position.speaker)
        said_in.setdefault(position.proposition, set()).update(article_of.get(s, "") for s in position.statements)
    lines = []
    for pid, source in built.sources.items():
        before = before_wording(source)
        # the report may come from the code before the change (ids of the old wording) or after
        if wanted is not None and prop_id(story["id"], before) not in wanted and pid not in wanted:
            continue
        lines.append({"corpus": corpus, "story": story["id"], "before": before, "after": texts[pid],
                      "source": asdict(source), "speakers": len(speakers.get(pid, ())),
                      "articles": len(said_in.get(pid, ())),
                      "conflict": wanted is not None})
    return lines


def story_mentions(articles: list[Article], statements: list[Statement],
                   known: dict[str, Entity]) -> tuple[list[Mention], tuple[Entity, ...]]:
    """The statement stage's mentions of the story's articles (report.json does not store them),
    annotated again and linked across the story: what resolves a pronoun or description. A story's
    linking names an entity as the story's articles do ("Donald Trump"), the report's corpus-wide one
    may not ("Donald J. Trump"): a mention's entity is the report's where a statement the two share
    (same article, same speaker words) says which it is, so a pronoun of the speaker stays his."""
    entities, annotations = link_entities(articles, annotate_batch(articles))
    fresh = {(s.article_id, s.speaker_start, s.speaker_end): s.speaker for an in annotations for s in an.statements}
    same: dict[str, str] = {}
    for st in statements:
        if (st.speaker_text or "").lower() in BARE:
            continue  # "he said": a pronoun speaker's resolution is what may differ, not the name
        found = fresh.get((st.article_id, st.speaker_start, st.speaker_end))
        if found and st.speaker:
            same.setdefault(found, st.speaker)
    # else the story's speaker whose name ends in the same word, when only one does
    speakers = {st.speaker for st in statements if st.speaker}
    for entity in entities:
        last = entity.name.split()[-1].lower() if entity.name.split() else ""
        fits = [sp for sp in speakers if sp in known and known[sp].type == entity.type
                and known[sp].name.lower().split()[-1:] == [last]]
        if entity.id not in same and len(fits) == 1:
            same[entity.id] = fits[0]
    mentions = [replace(m, entity=same.get(m.entity or "", m.entity)) for an in annotations for m in an.mentions]
    return mentions, entities


def report_lines(report: dict[str, Any], corpus: str) -> list[dict[str, Any]]:
    wanted = {c["proposition"] for c in report["conflicts"] if c.get("proposition")}
    with_conflicts = {c["story_id"] for c in report["conflicts"] if c.get("proposition")}
    stories = [s for s in report["stories"] if s["id"] in with_conflicts]
    out = []
    for story in stories:
        out += story_lines(report, corpus, story, wanted)
    return [without_counts(x) for x in out]


def without_counts(line: dict[str, Any]) -> dict[str, Any]:
    """The line as stored: the draw's counts dropped."""
    return {k: v for k, v in line.items() if k not in ("speakers", "articles", "conflict")}


def heldback_key(story_id: str, source: ClaimSource) -> str:
    """A proposition's place in the held-back draw: its story and its claim's sentence, not its
    wording, so the same propositions are drawn before and after a change of the wording."""
    return hashing.sha256(f"{story_id}\0{source.sentence}\0{source.content}")


def heldback_lines(report: dict[str, Any], corpus: str, skip: set[str], count: int) -> list[dict[str, Any]]:
    """`count` propositions of stories not in `skip` that two or more speakers take a position on
    (a conflict's or a coverage cell's kind of proposition), drawn by `heldback_key`: the stories in
    hash order, at most two propositions each, so no one story fills the part."""
    out: list[dict[str, Any]] = []
    stories = sorted((s for s in report["stories"] if s["id"] not in skip and len(s["article_ids"]) >= 2),
                     key=lambda s: hashing.sha256(s["id"]))
    for story in stories:
        if len(out) >= count:
            break
        lines = story_lines(report, corpus, story, None)
        lines = [without_counts(x) for x in lines if x["speakers"] >= 2]
        lines.sort(key=lambda x: heldback_key(story["id"], source_of(x["source"])))
        out += lines[:2]
    return out[:count]


def drawn_lines(report: dict[str, Any], corpus: str, skip: set[str], count: int,
                coverage_per_story: int = 2, min_support: int = 2) -> list[dict[str, Any]]:
    """The second held-back draw (round 3): stories not in `skip` of two or more articles, in hash
    order (every story with a conflict about a fact proposition is in the earlier parts); per story
    every proposition of its conflicts, and up to `coverage_per_story` of its coverage units'
    propositions (two or more speakers or articles take a position on it:
    `coverage.units.proposition_units`) drawn by `heldback_key`. Each line says `drawn_as`
    "conflict" or "coverage". `min_support` 1 (round 4: the stories left hold one proposition two
    speakers or articles share) takes any proposition of the story, `drawn_as` "proposition"."""
    wanted = {c["proposition"] for c in report["conflicts"] if c.get("proposition")}
    stories = sorted((s for s in report["stories"] if s["id"] not in skip and len(s["article_ids"]) >= 2),
                     key=lambda s: hashing.sha256("round3\0" + s["id"]))
    out: list[dict[str, Any]] = []
    for story in stories:
        if len(out) >= count:
            break
        every = story_lines(report, corpus, story, None)
        conflicts = {x["after"] for x in story_lines(report, corpus, story, wanted)}
        cover = [x for x in every if x["after"] not in conflicts
                 and max(x["speakers"], x["articles"]) >= min_support]
        cover.sort(key=lambda x: heldback_key(story["id"], source_of(x["source"])))
        picked = [dict(x, drawn_as="conflict") for x in every if x["after"] in conflicts]
        picked += [dict(x, drawn_as="coverage" if max(x["speakers"], x["articles"]) >= 2 else "proposition")
                   for x in cover[:coverage_per_story]]
        out += [without_counts(x) for x in picked]
    return out


def source_of(data: dict[str, Any]) -> ClaimSource:
    return ClaimSource(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reports", nargs="+", metavar="CORPUS=PATH")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--heldback", type=int, default=0,
                        help="draw this many propositions per corpus from stories not in --skip")
    parser.add_argument("--skip", type=Path, action="append", default=[],
                        help="an inputs.jsonl whose stories the held-back draw leaves out (repeatable)")
    parser.add_argument("--draw", type=int, default=0,
                        help="round 3 draw: this many propositions per corpus (conflicts + coverage sample)")
    parser.add_argument("--min-support", type=int, default=2,
                        help="--draw: speakers or articles a sampled proposition needs (round 4: 1)")
    args = parser.parse_args(argv)
    skip = {json.loads(x)["story"] for path in args.skip
            for x in path.read_text(encoding="utf-8").splitlines() if x.strip()}
    lines: list[dict[str, Any]] = []
    for pair in args.reports:
        corpus, _, path = pair.partition("=")
        report = json.loads(Path(path).read_text(encoding="utf-8"))
        if args.draw:
            lines += [dict(x, before=x["after"]) for x in drawn_lines(report, corpus, skip, args.draw,
                                                                     min_support=args.min_support)]
        elif args.heldback:
            lines += [dict(x, before=x["after"]) for x in heldback_lines(report, corpus, skip, args.heldback)]
        else:
            lines += report_lines(report, corpus)
    seen = set()
    with args.out.open("w", encoding="utf-8") as handle:
        for line in lines:
            key = (line["corpus"], line["after"])
            if key not in seen:
                seen.add(key)
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(seen)} propositions written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
