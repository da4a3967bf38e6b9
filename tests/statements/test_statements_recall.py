"""Attributions whose cue verb is a known cue but whose statement was dropped (issue 20, round 4):
short made-up sentences in the shapes PolNeAR marks, annotated with the real parser."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Statement


def statements(text: str) -> tuple[Statement, ...]:
    [annotation] = annotate_batch([Article(id="t", source="x", text=text, content_hash="h", language="en")])
    return annotation.statements


def test_report_between_the_parts_of_a_split_quote_is_its_own_statement() -> None:
    """'"A," X said, noting B. "C."': the quote's two parts span the participle; before, the participle's
    cue counted as inside the quote's content and its report was dropped."""
    text = ('"That is the big question," Clark said, noting he would support any of the other candidates '
            'if they secured the nomination. "We have a deep bench here."')
    found = {st.cue: st for st in statements(text)}
    assert "noting" in found
    assert found["noting"].text == "he would support any of the other candidates if they secured the nomination"
    assert found["noting"].speaker_text == "Clark"


def test_mined_preposition_content_past_an_addressee() -> None:
    """'apologized to X for Y': the content is the object of the mined "for", past the "to" phrase."""
    text = ("In the debate on Saturday, Senator Bernie Sanders apologized to his supporters and to Hillary "
            "Clinton for his campaign's accessing of her voter data.")
    [st] = [st for st in statements(text) if st.cue == "apologized"]
    assert st.text == "his campaign's accessing of her voter data"
    assert st.speaker_text == "Senator Bernie Sanders"


def test_past_participle_with_its_own_subject_is_a_cue() -> None:
    """The tagger reads some past tenses as participles ('President Obama passionately rebuked critics');
    with a subject of its own the verb is finite and cues its object."""
    text = "President Obama passionately rebuked critics who say he should condemn terrorists."
    found = {st.cue: st for st in statements(text)}
    assert "rebuked" in found and found["rebuked"].speaker_text == "President Obama"


def test_claim_vote_and_recommend_take_their_object() -> None:
    text = ("John Kasich's presidential campaign is already claiming a victory of sorts in South Carolina. "
            "Most delegates from the district voted for Senator Marco Rubio in the primaries. "
            "The advisory panel recommends unspecified adjustments to protect trade-exposed industries.")
    found = {st.cue: st.text for st in statements(text)}
    assert found.get("claiming") == "a victory of sorts in South Carolina"
    assert found.get("voted") == "Senator Marco Rubio"
    assert found.get("recommends") == "unspecified adjustments to protect trade-exposed industries"


def test_asked_takes_its_if_clause_parsed_as_an_adverbial() -> None:
    """'asked the students if ...': the parser hangs the if-clause on the cue as an adverbial; it is
    the question put, the content."""
    text = "Then Mr. Rubin asked the students if they were always so preternaturally serious."
    found = {st.cue: st for st in statements(text)}
    assert found["asked"].text == "if they were always so preternaturally serious"
    assert found["asked"].speaker_text == "Mr. Rubin"


def test_stance_adjective_over_a_clause_or_object_is_an_attribution() -> None:
    """'Some Democrats are hopeful they can ...', 'X was less concerned with Y': the copula and a
    stance adjective are the cue, the holder the source (statements/adjectives.py)."""
    text = ("Some Democrats are hopeful they can even threaten the Republican lead in the House. "
            "More than nine of 10 Republicans were worried about the economy.")
    found = {st.cue: st for st in statements(text)}
    assert found["are hopeful"].text == "they can even threaten the Republican lead in the House"
    assert found["are hopeful"].speaker_text == "Some Democrats"
    assert found["were worried"].text == "the economy"


def test_adjective_without_a_holder_or_a_content_is_not_an_attribution() -> None:
    text = "It is certain to rain. The senator was angry."
    assert not [st for st in statements(text) if st.cue and ("certain" in st.cue or "angry" in st.cue)]


def test_bare_asked_takes_its_if_clause_parsed_as_an_adverbial() -> None:
    """'Asked if she believed ..., Clinton said': the question is the if-clause even when the parser
    hangs it as an adverbial; the answer is Clinton's own statement."""
    text = ("Asked if she believed Putin wanted Trump to win the White House, Clinton said she was not "
            "going to jump to conclusions.")
    found = {st.cue: st for st in statements(text)}
    assert found["Asked"].text == "if she believed Putin wanted Trump to win the White House"
    assert found["Asked"].speaker_text is None
    assert found["said"].speaker_text == "Clinton"
