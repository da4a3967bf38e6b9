"""The real-news conflicts dev set (eval/conflicts_real/items.jsonl) keeps its format and its evidence,
and eval/conflicts_real.py matches reported items by stable key, not by report ids or offsets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
ITEMS = ROOT / "eval" / "conflicts_real" / "items.jsonl"
LABELS = {"genuine", "spurious", "unclear"}


def conflicts_real() -> ModuleType:
    sys.path.insert(0, str(ROOT / "eval"))
    import conflicts_real

    return conflicts_real


def load_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_items_are_well_formed_and_cover_at_least_300_reported_items() -> None:
    module = conflicts_real()
    rows = load_rows()
    assert len({r["id"] for r in rows}) == len(rows)
    reported = [r for r in rows if r["kind"] in module.KINDS]
    assert len(reported) >= 300
    assert len([r for r in rows if r["kind"] == "candidate"]) >= 40
    for r in rows:
        assert r["corpus"] in module.CORPORA, r["id"]
        if r["kind"] == "proposition":
            assert isinstance(r["self_contained"], bool), r["id"]
            continue
        assert r["label"] in LABELS and 0 < len(r["reason"].split()) <= 25, r["id"]
        if r["kind"] in ("contradiction", "reversal"):
            assert isinstance(r["speaker_wrong"], bool), r["id"]
        if "quotes" in r:
            assert len(r["quotes"]) == len(r["articles"]) == 2 and all(r["quotes"]), r["id"]
    # A key names one item; two items on one sentence pair differ by their explanation.
    keys = [(module.key_of(r), r.get("explanation")) for r in rows]
    assert len(set(keys)) == len(keys)


def test_every_stored_quote_is_in_its_article(tmp_path: Path) -> None:
    if not (CORPUS / "polnear").is_dir() or not (CORPUS / "ecbplus").is_dir():
        pytest.skip("../shared/corpus/polnear or ecbplus is not present")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (CORPUS / "seeds").glob("*.txt")}
    for corpus in ("polnear", "ecbplus"):
        out = tmp_path / f"{corpus}.jsonl"
        script = ROOT / "eval" / "conflicts_real" / "inputs" / f"build_{corpus}.py"
        subprocess.run([sys.executable, str(script), str(out)], check=True, env=conflicts_real().child_env())
        for line in out.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            texts[item["id"]] = item["text"] + "\n" + item.get("title", "")
    assert len(texts) == 5 + 840 + 772
    # A quote running over several paragraphs is shown (and stored) with one line break between
    # them: whitespace runs compare as one space.
    flat = {k: " ".join(v.split()) for k, v in texts.items()}
    for r in load_rows():
        for article, quote in zip(r.get("articles", []), r.get("quotes", []), strict=True):
            assert " ".join(quote.split()) in flat[article], (r["id"], article, quote[:60])


def report_of(conflicts: list[dict[str, Any]], derivations: list[dict[str, Any]]) -> dict[str, Any]:
    """A report in newsprism.report/1's shape, with ids unlike the ones labelled (they change per run)."""
    articles = [{"id": f"a-new-{name}", "source": f"/in/{name}.txt", "external_id": name, "title": f"T {name}"}
                for name in ("x", "y", "z")]
    return {"articles": articles, "conflicts": conflicts, "derivations": derivations,
            "propositions": [{"id": "p-9", "text": "Pat said the bridge will open in May."}],
            "coverage": [{"article_id": "a-new-z", "status": "contradicts", "unit_text": "The bridge opens in May."},
                         {"article_id": "a-new-y", "status": "reports", "unit_text": "The bridge opens in May."}]}


def side(article: str, text: str) -> dict[str, Any]:
    return {"article_id": f"a-new-{article}", "start": 0, "end": len(text), "text": text}


def test_scoring_matches_by_stable_key_and_counts_new_items(tmp_path: Path) -> None:
    module = conflicts_real()
    conflicts = [
        # Evidence in the other order than labelled: still the same item.
        {"id": "c-1", "kind": "contradiction", "proposition": "p-9", "explanation": "e1",
         "evidence": [side("y", "it stays shut"), side("x", "the bridge opens in May")]},
        {"id": "c-2", "kind": "contradiction", "explanation": "e2",
         "evidence": [side("x", "taxes rise"), side("z", "taxes fall")]},
        {"id": "d-1", "kind": "distortion", "explanation": "'May' became 'June'",
         "evidence": [side("x", "opens in May"), side("y", "opens in June")]},
        {"id": "d-2", "kind": "distortion", "explanation": "'Pat' became 'Sam'",
         "evidence": [side("x", "opens in May"), side("y", "opens in June")]},
        {"id": "c-3", "kind": "contradiction", "explanation": "e3",
         "evidence": [side("x", "the mayor said the bridge is safe"), side("z", "engineers found it unsafe today")]},
    ]
    derivations = [{"source": "a-new-x", "target": "a-new-y", "kind": "rewrite"}]
    labels = [
        {"corpus": "seeds", "kind": "contradiction", "articles": ["x", "y"],
         "quotes": ["the bridge opens in May", "it stays shut"], "label": "genuine"},
        {"corpus": "seeds", "kind": "distortion", "articles": ["x", "y"], "quotes": ["opens in May", "opens in June"],
         "explanation": "'May' became 'June'", "label": "genuine"},
        {"corpus": "seeds", "kind": "distortion", "articles": ["x", "y"], "quotes": ["opens in May", "opens in June"],
         "explanation": "'Pat' became 'Sam'", "label": "spurious"},
        {"corpus": "seeds", "kind": "derivation", "source": "x", "target": "y", "derivation_kind": "rewrite",
         "label": "spurious"},
        {"corpus": "seeds", "kind": "coverage", "article": "z", "unit_text": "The bridge opens in May.",
         "label": "unclear"},
        {"corpus": "seeds", "kind": "proposition", "text": "Pat said the bridge will open in May.",
         "self_contained": True},
        # A candidate labelled when it was not reported; the new run reports it with shorter quotes.
        {"corpus": "seeds", "kind": "candidate", "articles": ["z", "x"],
         "quotes": ["engineers found it unsafe", "the mayor said the bridge is safe on Monday"], "label": "genuine"},
    ]
    reported = {"seeds": module.reported_items(report_of(conflicts, derivations), "seeds")}
    figures = module.score(labels, reported)
    kinds = figures["kinds"]
    assert kinds["contradiction"] == {"reported": 3, "genuine": 1, "spurious": 0, "unclear": 0, "new": 2,
                                      "precision": 1.0, "shown_genuine": 1, "shown_spurious": 0,
                                      "shown_precision": 1.0}
    assert (kinds["distortion"]["genuine"], kinds["distortion"]["spurious"]) == (1, 1)
    assert kinds["derivation"]["precision"] == 0.0
    assert kinds["coverage"]["unclear"] == 1 and kinds["coverage"]["precision"] is None
    assert figures["propositions"] == {"reported": 2, "judged": 1, "new": 1, "self_contained_share": 1.0}
    # Found: the labelled genuine pair, plus the candidate the new run reports (as a new item).
    assert figures["recall"]["candidates_genuine_now_reported"] == 1
    assert figures["recall"]["genuine_contradictions_found"] == figures["recall"]["genuine_contradictions_known"] == 2
    # The unlabelled items come out as items.jsonl lines to fill in, keyed as the scorer keys them.
    module.write_new(labels, reported, tmp_path / "new.jsonl")
    new = [json.loads(line) for line in (tmp_path / "new.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["kind"] for r in new) == ["contradiction", "contradiction", "proposition"]
    assert all(r.get("label", r.get("self_contained")) is None for r in new)
    assert {module.key_of(r) for r in new} <= {i["key"] for i in reported["seeds"]}
