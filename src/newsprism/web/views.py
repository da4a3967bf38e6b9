"""Helpers that turn report data into what the page templates lay out: links to evidence spans,
the highlighted article, search snippets. Article text is hostile: nothing here builds markup;
templates escape every value."""

from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from newsprism.report.html import Segment, article_segments

Item = dict[str, Any]


def shown_statements(statements: list[Item]) -> dict[str, Item]:
    """Statements that get their own `#st-...` mark in the article view (the outer one of overlaps,
    the same rule `article_segments` uses), by id."""
    out: dict[str, Item] = {}
    last_end: dict[str, int] = {}
    for st in sorted(statements, key=lambda s: (s["article_id"], s["start"], -s["end"])):
        if st["start"] < last_end.get(st["article_id"], -1):
            continue
        out[st["id"]] = st
        last_end[st["article_id"]] = st["end"]
    return out


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


class Linker:
    """Links from a story's facts to the article spans that support them."""

    def __init__(self, statements: list[Item]) -> None:
        self.shown = shown_statements(statements)
        self.by_article: dict[str, list[Item]] = {}
        for st in self.shown.values():
            self.by_article.setdefault(st["article_id"], []).append(st)

    def statement(self, st: Item) -> str:
        if st["id"] in self.shown:
            return f"{article_href(st['article_id'])}#{quote(st['id'], safe='')}"
        return self.span(st["article_id"], st["start"], st["end"])

    def span(self, article_id: str, start: int | None, end: int | None, statement: str | None = None) -> str:
        """The statement mark that is the span (or holds it), else the article with the span highlighted."""
        if statement and statement in self.shown:
            return self.statement(self.shown[statement])
        if start is None or end is None:
            return article_href(article_id)
        for st in self.by_article.get(article_id, []):
            if st["start"] <= start and end <= st["end"]:
                return self.statement(st)
        return f"{article_href(article_id)}?{urlencode({'start': start, 'end': end})}#ev"

    def cite(self, article_id: str, evidence: list[Item] | None) -> str:
        """A citation of an article by a brief sentence or timeline entry: its evidence span there."""
        for span in evidence or []:
            if span.get("article_id") == article_id:
                return self.span(article_id, span.get("start"), span.get("end"))
        return article_href(article_id)


def highlighted(
    article: Item,
    statements: list[Item],
    names: dict[str, str],
    start: int | None = None,
    end: int | None = None,
) -> list[Segment]:
    """The article's segments; a cited span (`start`, `end`) becomes an `evidence` mark `#ev`."""
    text = article["text"]
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return article_segments(article, statements, names)
    keep = [s for s in statements if s["end"] <= start or s["start"] >= end]
    pseudo = {
        "id": "ev",
        "article_id": article["id"],
        "start": start,
        "end": end,
        "direct": False,
        "speaker": None,
        "speaker_text": "cited evidence",
        "cue": None,
        "said_on": None,
    }
    return [
        replace(s, kind="evidence", title="cited evidence") if s.anchor == "ev" else s
        for s in article_segments(article, keep + [pseudo], names)
    ]


def marked_parts(snippet: str, open_mark: str, close_mark: str) -> list[tuple[str, bool]]:
    """A snippet whose matches lie between `open_mark` and `close_mark` as (text, is_match) parts.

    The marks are per-query random strings (`service.search_hits`), not brackets: article text holds
    literal `[...]` that a bracket parser took for matches."""
    parts: list[tuple[str, bool]] = []
    pieces = snippet.split(open_mark)
    if pieces[0]:
        parts.append((pieces[0], False))
    for piece in pieces[1:]:
        match, _, rest = piece.partition(close_mark)
        if match:
            parts.append((match, True))
        if rest:
            parts.append((rest, False))
    return parts


def bracketed(parts: list[tuple[str, bool]]) -> str:
    """The parts as one string with the matches in [brackets] (the API's `snippet`)."""
    return "".join(f"[{text}]" if match else text for text, match in parts)


def report_css() -> str:
    """The static report's stylesheet (the <style> block of report/templates/report.html), so the
    web app looks like report.html without a copy of its CSS."""
    html = resources.files("newsprism.report").joinpath("templates/report.html").read_text(encoding="utf-8")
    m = re.search(r"<style>(.*?)</style>", html, re.S)
    return m.group(1).strip() + "\n" if m else ""


def stylesheet() -> str:
    web = resources.files("newsprism.web").joinpath("static/web.css").read_text(encoding="utf-8")
    return "/* report.html styles */\n" + report_css() + "\n/* web app styles */\n" + web
