"""The stage graph: declarations checked before anything runs, order and cache keys derived from them,
and a bumped stage re-running exactly itself and what depends on it (a real story, real stages)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from newsprism.analysis import annotate_batch
from newsprism.errors import StageGraphError
from newsprism.model import Article, Story
from newsprism.run.article import article_graph
from newsprism.run.stage import Graph, Scope, Stage, check_graph
from newsprism.run.story import run_story, story_graph
from newsprism.statements import link_entities


def stage(name: str, requires: tuple[str, ...], provides: tuple[str, ...], version: int = 1) -> Stage:
    return Stage(name, version, Scope.STORY, requires, provides, name)


def test_the_order_comes_from_the_declarations() -> None:
    graph = check_graph([stage("c", ("b",), ("c",)), stage("b", ("a",), ("b",)),
                         stage("a", ("articles",), ("a",))], Scope.STORY)
    assert [s.name for s in graph.stages] == ["a", "b", "c"]
    assert graph.downstream("b") == ["b", "c"]


@pytest.mark.parametrize(("stages", "message"), [
    ([stage("a", ("nothing",), ("a",))], "requires 'nothing', which no story stage provides"),
    ([stage("a", ("articles",), ("x",)), stage("b", ("articles",), ("x",))], "'x' is provided by two stages"),
    ([stage("a", ("b",), ("a",)), stage("b", ("a",), ("b",))], "cycle"),
    ([stage("a", (), ("articles",))], "provides 'articles', an input"),
])
def test_a_bad_graph_is_refused_before_anything_runs(stages: list[Stage], message: str) -> None:
    with pytest.raises(StageGraphError, match=message) as caught:
        check_graph(stages, Scope.STORY)
    assert caught.value.code == "E302"


def test_the_registered_graphs_are_whole() -> None:
    article, story = article_graph(), story_graph()
    assert len(article.stages) + len(story.stages) >= 10
    assert {"clean", "parse", "statements", "timexes"} <= {s.name for s in article.stages}
    assert {"provenance.derive", "positions", "conflicts", "timeline", "coverage", "brief"} <= {
        s.name for s in story.stages}


def bumped(graph: Graph, name: str) -> Graph:
    return Graph(graph.scope, tuple(replace(s, version=s.version + 1) if s.name == name else s
                                    for s in graph.stages))


def test_a_bumped_stage_changes_exactly_its_key_and_its_dependants() -> None:
    graph = story_graph()
    for name in ("brief", "timeline", "provenance.derive"):
        other = bumped(graph, name)
        changed = [s.name for s in graph.stages if graph.key(s.name) != other.key(s.name)]
        assert changed == graph.downstream(name), name


TEXTS = [
    ("Minister backs dam plan", "Minister Ana Berg said on Tuesday that the Karsk dam is safe. "
     "\"The dam will hold,\" Berg told reporters in Lindmark."),
    ("Engineers doubt dam", "Engineer Tomas Vell said on Wednesday that the Karsk dam is not safe. "
     "Berg had said on Tuesday that the dam is safe, but Vell said cracks were found."),
]


def test_bumping_one_stage_reruns_exactly_it_and_what_depends_on_it() -> None:
    articles = [Article(id=f"a{i}", source=f"mem:{i}", text=f"{title}\n\n{body}", content_hash=f"h{i}",
                        title=title, language="en", published="2025-02-12")
                for i, (title, body) in enumerate(TEXTS)]
    annotations = annotate_batch(articles)
    entities, linked = link_entities(articles, annotations)
    story = Story(id="story-dam", title="Dam", article_ids=tuple(a.id for a in articles))
    cache: dict[str, str] = {}
    graph = story_graph()
    first = run_story(story, articles, linked, entities, graph, cache)
    assert first.ran == [s.name for s in graph.stages]
    again = run_story(story, articles, linked, entities, graph, cache)
    assert again.ran == [] and again.analysis() == first.analysis()
    for name in ("brief", "timeline"):
        rerun = run_story(story, articles, linked, entities, bumped(graph, name), cache)
        assert rerun.ran == graph.downstream(name), name
        assert rerun.analysis() == first.analysis()


def test_the_stages_command_prints_the_graph() -> None:
    proc = subprocess.run([sys.executable, "-m", "newsprism.cli", "stages", "--json"], capture_output=True,
                          text=True, check=True)
    rows = json.loads(proc.stdout)
    assert len(rows) >= 10 and {"name", "version", "requires", "provides", "key"} <= set(rows[0])
    text = subprocess.run([sys.executable, "-m", "newsprism.cli", "stages"], capture_output=True, text=True,
                          check=True).stdout
    assert "statements v" in text and "doc, timexes -> sentences, mentions, statements" in text
