"""The stance engine as a reusable component: `judge(claim, texts)` on short real-looking reports."""

from __future__ import annotations

from newsprism.stance.engine import judge
from newsprism.stance.polar import clauses_of

CLAIM = "NATO membership for Ukraine is off the table"
TAIL = " The talks with Russia will start next month."


def test_explicit_answers_decide_and_the_question_is_not_an_answer() -> None:
    texts = [
        "Officials in Washington said on Thursday that NATO membership for Ukraine is not off the table." + TAIL,
        "Officials in Washington said on Thursday that NATO membership for Ukraine is off the table." + TAIL,
        'Asked whether NATO membership for Ukraine was off the table, the envoy said: "Right now, it is still '
        'on the table."' + TAIL,
        "The weather in Paris was sunny and warm all week. Tourists filled the cafes along the Seine.",
    ]
    verdicts = judge(CLAIM, texts)
    assert [v.stance for v in verdicts] == ["contradicts", "supports", "contradicts", "unrelated"]
    assert verdicts[3].evidence == ()
    for text, verdict in zip(texts, verdicts, strict=True):
        for e in verdict.evidence:
            assert text[e.start:e.end] == e.text


def test_scare_quotes_stay_inside_their_clause() -> None:
    text = 'Trump does not believe that Russia "allows" this, he said'
    assert [text[a:b] for a, b in clauses_of(text)] == ['Trump does not believe that Russia "allows" this', " he said"]
