"""Gate: statement extraction on PolNeAR dev must not drop below eval/floors_polnear.json."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, ROOT, load_script
from newsprism.model import Statement


def _load_eval():
    return load_script(ROOT / "eval" / "polnear.py")


@pytest.mark.slow  # 60-90 s: parsing 84 long texts dominates
def test_polnear_dev_floors():
    if not (CORPUS / "polnear" / "dev").is_dir():
        pytest.skip("../shared/corpus/polnear is not present")
    floors = json.loads((ROOT / "eval" / "floors_polnear.json").read_text())
    scores = _load_eval().evaluate("dev")
    for name, floor in floors.items():
        if name.startswith("_"):
            continue
        assert getattr(scores, name) >= floor, (name, getattr(scores, name), floor)


def test_unstated_source_counts_right_only_in_the_labelled_figure():
    """A gold attribution without Source matched by a statement with no speaker: wrong under the
    headline source accuracy (as always), right under source_accuracy_unstated."""
    ev = _load_eval()
    text = "The governor is expected to sign the budget. Mr. Lee said the budget is balanced."
    golds = [ev.Gold(((28, 43),), (), ((13, 24),)),
             ev.Gold(((58, 81),), ((45, 52),), ((53, 57),))]
    statements = [
        Statement(id="a", article_id="t", speaker=None, speaker_text=None, cue="expected",
                  text=text[28:43], direct=False, start=28, end=43, cue_start=16, cue_end=24),
        Statement(id="b", article_id="t", speaker=None, speaker_text="Mr. Lee", cue="said",
                  text=text[58:81], direct=False, start=58, end=81, speaker_start=45, speaker_end=52,
                  cue_start=53, cue_end=57),
    ]
    scores = ev.score_document(text, golds, statements)
    assert (scores.matched, scores.source_correct, scores.source_unstated) == (2, 1, 1)
    assert (scores.source_accuracy, scores.source_accuracy_unstated) == (0.5, 1.0)
