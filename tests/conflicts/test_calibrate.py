"""Calibrated conflicts (issue 21): what is shown by default is what the labelled real news says
can be trusted, on the seeds (the real pipeline, report.json checked) and on the labelled set's
stored features; report.json keeps every item, the renderers and the CLI show uncertain ones only
with --all."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from markupsafe import escape

from conftest import ROOT, SEEDS, analysed, load_script, run_check_report, store_copy
from newsprism.brief import write_brief
from newsprism.conflicts.calibrate import FEATURES, Side, features_of, load_weights, probability, threshold
from newsprism.model import Conflict
from newsprism.report import render_html, render_markdown, rerender_reports, write_reports

ROWS = ROOT / "eval" / "conflicts_real" / "calibration_rows.jsonl"
# Floors of the genuine items shown by default on the labelled rows (measured: 7 of 11 genuine
# contradictions, the one reversal, the one genuine discrepancy; issue 21, docs/benchmarks.md)
MIN_GENUINE_SHOWN = {"contradiction": 7, "reversal": 1, "discrepancy": 1}
# Held out by corpus (fit and threshold on two corpora, shown on the third), summed over the three:
# measured 6 genuine / 0 spurious with the round-3 features (2 / 5 with the earlier ones).
HELD_OUT_FLOOR = {"shown_genuine": 5, "shown_spurious": 1}
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")


def scorer() -> Any:
    return load_script(ROOT / "eval" / "conflicts_real.py")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    paths = write_reports(analysed("seeds")[0], tmp_path_factory.mktemp("calibrated"))
    run_check_report(paths[0])
    return dict(json.loads(paths[0].read_text(encoding="utf-8")))


def pairs(report: dict[str, Any], kind: str, uncertain: bool) -> list[set[str]]:
    names = {e["id"]: e["name"].split()[-1] for e in report["entities"]}
    return [{names.get(s, s) for s in c["speakers"]} for c in report["conflicts"]
            if c["kind"] == kind and c["uncertain"] is uncertain]


def test_the_weights_are_for_the_features_computed() -> None:
    for kind, model in load_weights().items():
        assert set(model["weights"]) == set(FEATURES), kind
        assert 0.0 < threshold(kind) < 1.0


def test_the_seeds_expected_items_are_certain_and_the_forbidden_one_is_not(report: dict[str, Any]) -> None:
    certain = pairs(report, "contradiction", False)
    for expected in ({"Coale", "Hegseth"}, {"Coale", "Trump"}):
        assert expected in certain, certain
    assert {"Trump", "Hegseth"} not in certain  # both said NATO membership is unrealistic: they agree
    assert {"Hegseth"} in pairs(report, "reversal", False)
    titles = [c for c in report["conflicts"] if c["kind"] == "discrepancy" and not c["uncertain"]
              and any(e.get("field") == "title" for e in c["evidence"])]
    assert titles and "Trump confirms Ukraine will not join NATO" in titles[0]["explanation"]


def test_gate_seeds_shown_precision_on_the_labels(report: dict[str, Any]) -> None:
    cr = scorer()
    reported = {"seeds": cr.reported_items(report, "seeds")}
    figures = cr.score([i for i in cr.load_items() if i["corpus"] == "seeds"], reported)
    for kind in ("contradiction", "reversal", "discrepancy"):
        f = figures["kinds"][kind]
        assert f["new"] == 0, f"unlabelled {kind}: label it in eval/conflicts_real/items.jsonl"
        assert f["shown_genuine"] >= 1 and f["shown_precision"] >= 0.9, (kind, f)


def test_gate_labelled_real_news_shown_precision() -> None:
    """The stored features of every labelled reported item (seeds, PolNeAR, ECB+; written by
    eval/conflicts_calibrate.py) under the weights the pipeline uses: per kind, what is shown by
    default is >= 0.9 precise, and something genuine is shown."""
    rows = [json.loads(line) for line in ROWS.read_text(encoding="utf-8").splitlines()]
    for kind in ("contradiction", "reversal", "discrepancy"):
        shown = [r["y"] for r in rows if r["kind"] == kind
                 and (probability(kind, r["features"]) or 0.0) >= threshold(kind)]
        assert shown and sum(shown) / len(shown) >= 0.9, (kind, shown)
        assert sum(shown) >= MIN_GENUINE_SHOWN[kind], (kind, shown)


def test_gate_contradiction_calibration_holds_on_a_held_out_corpus() -> None:
    """The shipped feature set refit with one corpus left out shows on that corpus what it shows on
    the dev rows: mostly genuine (a model that only learnt the seeds' many articles would not)."""
    calibrate = load_script(ROOT / "eval" / "conflicts_calibrate.py")
    rows = [json.loads(line) for line in ROWS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["kind"] == "contradiction"]
    x = np.array([[r["features"].get(f, 0.0) for f in FEATURES] for r in rows])
    y = np.array([r["y"] for r in rows])
    held = calibrate.cross_validated("contradiction", x, y, np.array([r["corpus"] for r in rows]))
    assert held["shown_genuine"] >= HELD_OUT_FLOOR["shown_genuine"], held
    assert held["shown_spurious"] <= HELD_OUT_FLOOR["shown_spurious"], held


def test_features_read_the_incompatibility_the_speakers_and_their_camp() -> None:
    # eval/conflicts_real polnear-0040 (spurious): Cruz and his own spokeswoman are one camp.
    cruz = Side("Rubio for his support of a failed immigration reform bill", speaker_text="Cruz", cue="blasted")
    frazier = Side("that Rubio's claim that Cruz is in favor of legalizing illegal immigrants is \"simply not true.\"",
                   speaker_text="Cruz spokeswoman Catherine Frazier", cue="said")
    camp = features_of([cruz, frazier], None, 1)
    assert camp["same_camp"] == 1.0 and camp["named_speakers"] == 1.0
    # seeds-0019 (genuine): the two ends of one polar frame, both speakers named.
    hegseth = Side("The United States does not believe that NATO membership for Ukraine is a realistic outcome",
                   direct=True, speaker_text="Hegseth", cue="said")
    coale = Side("that the options for Ukraine's NATO membership and reverting to pre-2014 borders remain open",
                 speaker_text="John Coale", cue="confirmed")
    found = features_of([hegseth, coale], None, 5)
    assert found["strong_incompatibility"] == 1.0 and found["same_camp"] == 0.0
    # narration and descriptions are no named speaker ("the lawsuit", "a report", "Childs and the ...").
    described = [Side("x", speaker_text=t) for t in ("the lawsuit", "He", "Childs and the security advisory")]
    assert features_of(described[:2], None, 1)["named_speakers"] == 0.0
    assert features_of([described[2], coale], None, 1)["named_speakers"] == 0.5


def test_renderers_hide_uncertain_items_unless_asked(report: dict[str, Any]) -> None:
    hidden = [c for c in report["conflicts"] if c["uncertain"]]
    assert hidden, "the seeds have uncertain items (a contradiction, a distortion)"
    quote = hidden[0]["explanation"][:60]
    # html shows the explanation escaped ("('said')" as "(&#39;said&#39;)")
    for render, shown_as in ((render_markdown, quote), (render_html, str(escape(quote)))):
        assert shown_as not in render(report)
        assert shown_as in render(report, True)
    assert "below the confidence threshold" in render_markdown(report)


def test_cli_conflicts_shows_uncertain_only_with_all(tmp_path: Path) -> None:
    db = store_copy("seeds", tmp_path)

    def listed(*flags: str) -> list[dict[str, Any]]:
        done = subprocess.run([sys.executable, "-m", "newsprism.cli", "conflicts", "--db", str(db), "--json", *flags],
                              capture_output=True, text=True, check=True)
        return list(json.loads(done.stdout))

    default, everything = listed(), listed("--all")
    assert not any(c["uncertain"] for c in default)
    assert any(c["uncertain"] for c in everything) and len(everything) > len(default)
    text = subprocess.run([sys.executable, "-m", "newsprism.cli", "conflicts", "--db", str(db)],
                          capture_output=True, text=True, check=True).stdout
    assert f"({len(everything) - len(default)} more below the confidence threshold" in text


def test_rerender_with_all_shows_the_uncertain_items(tmp_path: Path) -> None:
    """`analyze --all`: the pipeline writes the default view, then md/html are rendered again."""
    paths = write_reports(analysed("seeds")[0], tmp_path)
    report = json.loads(paths[0].read_text(encoding="utf-8"))
    quote = next(c for c in report["conflicts"] if c["uncertain"])["explanation"][:60]
    assert quote not in paths[1].read_text(encoding="utf-8")
    rerender_reports(tmp_path, show_uncertain=True)
    assert quote in paths[1].read_text(encoding="utf-8") and str(escape(quote)) in paths[2].read_text(encoding="utf-8")


def test_the_brief_states_no_uncertain_contradiction_as_a_dispute() -> None:
    analysis = analysed("seeds")[0]
    story = analysis.stories[0]
    articles = [a for a in analysis.articles if a.id in set(story.story.article_ids)]
    notes = {n.article_id: n for n in analysis.annotations}
    annotations = [notes[a.id] for a in articles]

    def disputed(conflicts: tuple[Conflict, ...]) -> int:
        brief = write_brief(articles, annotations, replace(story, conflicts=conflicts), story.coverage)
        return sum(b.disputed for b in brief)

    assert disputed(story.conflicts) >= 1
    assert disputed(tuple(replace(c, uncertain=True) for c in story.conflicts)) == 0
