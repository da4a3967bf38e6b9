"""The optional attribution tagger (`--attribution tagged`, extra `newsprism[tagger]`): its decoding and
combination with the rules on real parses, a real run through the CLI with it on, the fallback when its
packages cannot be imported, and its PolNeAR dev gate (eval/floors_polnear_tagged.json)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SEEDS, load_script, run_check_report
from newsprism.analysis import ANNOTATION_STAGE, STORY_STAGE
from newsprism.model import Article, Statement
from newsprism.nlp.spacy import parse_texts
from newsprism.statements import annotate
from newsprism.statements.encoder import encoder_missing
from newsprism.statements.tagged import TAGGED_STAGE, combine, with_tagger
from newsprism.statements.tagger import TAGS, WEIGHTS, decode_spans, tagged_statements

NEWSPRISM = [sys.executable, "-m", "newsprism.cli"]
SEED = SEEDS / "001_d2429abd980258d6.txt"


def _tag(label: str) -> int:
    return TAGS.index(label)


def test_bio_decoding_starts_a_span_at_b_and_at_a_stray_i():
    o, bc, ic, bs, ik = _tag("O"), _tag("B-CONTENT"), _tag("I-CONTENT"), _tag("B-SOURCE"), _tag("I-CUE")
    assert decode_spans([bs, ik, bc, ic, ic, o, bc, bc, ic]) == [
        (0, 1, "SOURCE"), (1, 2, "CUE"), (2, 5, "CONTENT"), (6, 7, "CONTENT"), (7, 9, "CONTENT")]


def _spans(doc, text: str, marks: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    out = []
    for phrase, label in marks:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
        assert span is not None
        out.append((span.start, span.end, label))
    return sorted(out)


def test_added_statement_needs_cue_and_source_and_rule_content_takes_tagger_bounds():
    text = "The mayor said that the bridge will reopen in May. Work began in 2019. Traffic is heavy."
    doc = parse_texts([text])[0]
    rules = list(annotate(Article(id="a", source="a", text=text, content_hash="a"), doc.copy()).statements)
    assert [s.text for s in rules] == ["that the bridge will reopen in May"]
    spans = _spans(doc, text, [("The mayor", "SOURCE"), ("said", "CUE"),
                               ("the bridge will reopen in May.", "CONTENT"),
                               ("Work", "SOURCE"), ("began", "CUE"), ("in 2019", "CONTENT"),
                               ("Traffic is heavy", "CONTENT")])
    tagged = tagged_statements(doc, "a", spans)
    # Of the tagger's own statements only the one with a CUE and a SOURCE is added; the rules' stay.
    assert [(s.text, s.speaker_text) for s in combine(text, rules, tagged)] == [
        ("that the bridge will reopen in May", "The mayor"), ("in 2019", "Work")]
    # Re-bounding (measured, not the default): the rule's statement keeps its id and speaker and takes
    # the tagger's content.
    bounded = combine(text, rules, tagged, "bounds+cue+source")
    assert [(s.text, s.speaker_text) for s in bounded] == [
        ("the bridge will reopen in May.", "The mayor"), ("in 2019", "Work")]
    assert bounded[0].id == rules[0].id and bounded[0].speaker == rules[0].speaker


def _run(*args: str, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = os.environ | {"NEWSPRISM_DB": str(tmp / "store.db"), "HF_HUB_OFFLINE": "1"} | env
    return subprocess.run([*NEWSPRISM, *args], capture_output=True, text=True, env=full, cwd=ROOT)


def test_cli_run_with_the_tagger_on(tmp_path: Path):
    """Seed 000 analysed with the rules and with the tagger: the tagged run keeps every rule statement and
    adds what the rules miss ("Coale also clarified potential U.S. concessions to Putin"), its speaker
    resolved to Coale's entity."""
    assert encoder_missing() is None, "the tagger extra is part of requirements.lock: " + str(encoder_missing())
    reports = {}
    for mode in ("rules", "tagged"):
        out = tmp_path / mode
        out.mkdir()
        proc = _run("analyze", str(SEEDS / "000_79fc6a933eb85311.txt"), "--attribution", mode, "--out", str(out),
                    "-q", tmp=tmp_path / mode)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "tagger unavailable" not in proc.stderr
        run_check_report(out / "report.json")
        reports[mode] = json.loads((out / "report.json").read_text())
    spans = {mode: {(s["start"], s["end"]): s for s in report["statements"]} for mode, report in reports.items()}
    assert spans["rules"].keys() <= spans["tagged"].keys()
    added = [s for key, s in spans["tagged"].items() if key not in spans["rules"]]
    clarified = [s for s in added if s["cue"] == "clarified"]
    assert [s["speaker_text"] for s in clarified] == ["Coale"]
    assert clarified[0]["speaker"] is not None
    text = reports["tagged"]["articles"][0]["text"]
    for s in reports["tagged"]["statements"]:
        assert text[s["start"]:s["end"]] == s["text"]


def test_missing_extra_falls_back_to_rules_and_says_how_to_install(tmp_path: Path):
    # An environment where the extra's import fails: a package of that name that refuses to import,
    # first on the path (the real one stays installed for the other tests).
    blocked = tmp_path / "blocked" / "onnxruntime"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text('raise ImportError("blocked by the test")\n')
    out = tmp_path / "out"
    path = os.pathsep.join([str(tmp_path / "blocked"), os.environ.get("PYTHONPATH", "")])
    proc = _run("analyze", str(SEED), "--attribution", "tagged", "--out", str(out), "-q", tmp=tmp_path,
                PYTHONPATH=path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "pip install 'newsprism[tagger]'" in proc.stderr
    assert "statements from the rules alone" in proc.stderr
    run_check_report(out / "report.json")


def _cached_versions(db: Path) -> tuple[set[str], set[str]]:
    """(the versions of the stored story results, the stages of the cached annotations)."""
    with sqlite3.connect(db) as conn:
        stories = {v for (v,) in conn.execute("SELECT version FROM story_results")}
        annotations = {s for (s,) in conn.execute(
            "SELECT stage FROM stage_cache WHERE stage LIKE 'newsprism.annotate.%'")}
    return stories, annotations


def _statements(out: Path) -> list[tuple[str, int, str | None]]:
    report = json.loads((out / "report.json").read_text())
    return sorted((s["text"], s["start"], s["speaker_text"]) for s in report["statements"])


def test_tagger_failure_on_an_article_keeps_its_rules_statements(tmp_path: Path):
    # A truncated head file (through NEWSPRISM_TAGGER_HEAD) makes the tagger fail on every article.
    broken = tmp_path / "head.npz"
    broken.write_bytes(WEIGHTS.read_bytes()[:2000])
    (tmp_path / "rules").mkdir()
    (tmp_path / "tagged").mkdir()
    rules_out, out, again = tmp_path / "rules-out", tmp_path / "out", tmp_path / "again"
    proc = _run("analyze", str(SEED), "--out", str(rules_out), "-q", tmp=tmp_path / "rules")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _run("analyze", str(SEED), "--attribution", "tagged", "--out", str(out), "-q", tmp=tmp_path / "tagged",
                NEWSPRISM_TAGGER_HEAD=str(broken))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run_check_report(out / "report.json")
    report = json.loads((out / "report.json").read_text())
    assert len(report["articles"]) == 1
    assert _statements(out) == _statements(rules_out) != []
    [note] = [r for r in report["rejected"] if r["code"] == "E135"]
    assert note["source"] == report["articles"][0]["source"]
    assert "attribution tagger failed" in note["reason"] and "statements from the rules alone" in note["reason"]
    assert any(note["source"] in line and "[E135]" in line for line in proc.stderr.splitlines()), proc.stderr
    # The fallback is not cached under the tagged key: a run with the packaged head tags the article.
    tagged_stage = ANNOTATION_STAGE + TAGGED_STAGE
    assert tagged_stage not in _cached_versions(tmp_path / "tagged" / "store.db")[1]
    proc = _run("analyze", str(SEED), "--attribution", "tagged", "--out", str(again), "-q", tmp=tmp_path / "tagged")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run_check_report(again / "report.json")
    assert not [r for r in json.loads((again / "report.json").read_text())["rejected"] if r["code"] == "E135"]
    assert tagged_stage in _cached_versions(tmp_path / "tagged" / "store.db")[1]


def test_a_store_read_in_the_other_mode_reuses_neither_annotations_nor_stories(tmp_path: Path):
    # Analysed with the rules, then read as the web app and `watch` do: the mode from NEWSPRISM_ATTRIBUTION
    # only, their Run built without it. A story keeps one stored result: the other mode's replaces it.
    out = tmp_path / "out"
    proc = _run("analyze", str(SEED), "--out", str(out), "-q", tmp=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run_check_report(out / "report.json")
    assert _cached_versions(tmp_path / "store.db") == ({STORY_STAGE}, {ANNOTATION_STAGE})
    proc = _run("statements", "--json", tmp=tmp_path, NEWSPRISM_ATTRIBUTION="tagged")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tagged = ({STORY_STAGE + ":attribution=tagged"}, {ANNOTATION_STAGE, ANNOTATION_STAGE + TAGGED_STAGE})
    assert _cached_versions(tmp_path / "store.db") == tagged
    proc = _run("statements", "--json", tmp=tmp_path, NEWSPRISM_ATTRIBUTION="rules")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _cached_versions(tmp_path / "store.db")[0] == {STORY_STAGE}


@pytest.mark.slow  # ~2-3 min: 84 long texts parsed and encoded
def test_polnear_dev_tagged_floors():
    if not (CORPUS / "polnear" / "dev").is_dir():
        pytest.skip("../shared/corpus/polnear is not present")
    polnear = load_script(ROOT / "eval" / "polnear.py")
    floors = json.loads((ROOT / "eval" / "floors_polnear_tagged.json").read_text())
    docs = polnear.load_split("dev")
    total = polnear.Scores(0, 0, 0, 0, 0, 0, 0)
    for (name, text, golds), doc in zip(docs, parse_texts([t for _, t, _ in docs]), strict=True):
        annotation = with_tagger(annotate(Article(id=name, source=name, text=text, content_hash=name), doc), doc)
        statements: list[Statement] = list(annotation.statements)
        s = polnear.score_document(text, golds, statements)
        total = polnear.Scores(*(a + b for a, b in zip(polnear._fields(total), polnear._fields(s), strict=True)))
    for name, floor in floors.items():
        if not name.startswith("_"):
            assert getattr(total, name) >= floor, (name, getattr(total, name), floor)


def test_training_tags_follow_token_edges_and_keep_the_first_of_touching_spans():
    script = load_script(ROOT / "eval" / "train_attribution_ctx.py")
    text = "Smith said the plan works."
    doc = parse_texts([text])[0]
    # Character spans that cut into tokens expand to them; a span touching a tagged one is dropped.
    tags = script.bio_tags(doc, [(0, 4, "SOURCE"), (6, 10, "CUE"), (11, 25, "CONTENT"), (20, 26, "CUE")])
    assert [script.TAGS[t] for t in tags] == ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT",
                                              "O"]
