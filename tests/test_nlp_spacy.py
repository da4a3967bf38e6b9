from __future__ import annotations

from newsprism.nlp.spacy import NLP_PIPELINE, load_nlp, parse_texts


def test_load_is_cached_and_paragraphs_split_sentences():
    assert load_nlp("en") is load_nlp("en")
    doc = parse_texts(["A headline without a stop\nHe said it was fine. She agreed."])[0]
    assert [s.text.strip() for s in doc.sents][0] == "A headline without a stop"
    assert NLP_PIPELINE.endswith(".v1")


def test_blank_fallback_for_other_languages():
    doc = parse_texts(["Hallo Welt. Noch ein Satz."], lang="xx")[0]
    assert len(list(doc.sents)) == 2
