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


def _facts(doc):
    return ([(t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.ent_type_,
              t.ent_iob_, t.is_sent_start) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents], [(s.start, s.end) for s in doc.sents])


def test_stored_parse_reads_back_as_the_same_doc():
    """The annotation keeps the parse so the story stages need not parse again: it must be the
    very parse (and a batch parse equals a single one, so either source gives the same facts)."""
    from newsprism.nlp.spacy import doc_from_text, doc_to_text

    texts = ["KYIV, Feb 13 (Reuters) - Ukraine's president said on Thursday he would not accept a deal.\n"
             "Pete Hegseth told reporters in Brussels that NATO membership was unrealistic.",
             "A short second text. It has two sentences."]
    batch = parse_texts(texts)
    for text, doc in zip(texts, batch, strict=True):
        back = doc_from_text(doc_to_text(doc))
        assert back.text == text
        assert _facts(back) == _facts(doc) == _facts(parse_texts([text])[0])
