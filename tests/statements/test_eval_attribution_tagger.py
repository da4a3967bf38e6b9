"""eval/train_attribution_tagger.py: gold spans for training and the decoding of tagged spans into
statements, on a real parse (the tagger itself is trained by the script, not here)."""

from __future__ import annotations

from conftest import ROOT, load_script
from newsprism.nlp.spacy import parse_texts


def _script():
    return load_script(ROOT / "eval" / "train_attribution_tagger.py")


def test_outermost_spans_drop_nested_attributions():
    script = _script()
    gold = script.polnear.Gold
    outer = gold(content=((20, 80),), source=((0, 5),), cue=((6, 10),))
    nested = gold(content=((40, 60),), source=((30, 35),), cue=((36, 39),))
    assert script.outermost_spans([nested, outer]) == [(0, 5, "SOURCE"), (6, 10, "CUE"), (20, 80, "CONTENT")]


def test_split_quote_is_one_statement_and_next_quote_another():
    script = _script()
    # Smith's quote follows a sentence end: it is not a third part of the senator's quote.
    text = ('"We will win," the senator said, "and we will win big." Smith disagreed. '
            '"It is over," he said.')
    doc = parse_texts([text])[0]

    def tok(phrase: str, label: str, after: int = 0) -> tuple[int, int, str]:
        start = text.index(phrase, after)
        span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
        assert span is not None
        return span.start, span.end, label

    spans = [tok('"We will win,"', "CONTENT"), tok("the senator", "SOURCE"), tok("said", "CUE"),
             tok('"and we will win big."', "CONTENT"), tok('"It is over,"', "CONTENT"),
             tok("Smith", "SOURCE"), tok("disagreed", "CUE"), tok("he", "SOURCE", text.index("over")),
             tok("said", "CUE", text.index("over"))]
    statements = script.tagger_statements(doc, "a", sorted(spans))  # text order, as the tagger gives them
    assert [[text[s:e] for s, e in st.parts] for st in statements] == [
        ['"We will win,"', '"and we will win big."'], ['"It is over,"']]
    assert [(st.speaker_text, st.cue) for st in statements] == [("the senator", "said"), ("he", "said")]
