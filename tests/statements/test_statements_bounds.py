"""Content boundaries as PolNeAR's annotators draw them (issue 20, exact spans): the content's parts
around a cue, the object before a charge, what stays out. Short made-up sentences, annotated with the
real parser."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Statement


def statements(text: str) -> tuple[Statement, ...]:
    [annotation] = annotate_batch([Article(id="t", source="x", text=text, content_hash="h", language="en")])
    return annotation.statements


def parts(st: Statement, text: str) -> list[str]:
    return [text[s:e] for s, e in st.parts]


def test_quote_continues_past_a_relative_clause_with_a_cue_on_the_speaker() -> None:
    """'"A," said X, who noted that ... "B."': the verb inside the relative clause describes the
    speaker; the next quotation is still X's, one statement of two parts."""
    text = ("''Revenues are up a little bit, and so are rounds,'' said Mr. Ekovich, who noted that the price "
            "of some courses had fallen by half. ''Things are moving in the right direction.''")
    direct = [st for st in statements(text) if st.direct]
    assert len(direct) == 1
    assert parts(direct[0], text) == ["''Revenues are up a little bit, and so are rounds,''",
                                      "''Things are moving in the right direction.''"]
    assert direct[0].speaker_text == "Mr. Ekovich"


def test_quote_continues_past_a_time_clause_on_the_cue() -> None:
    """'"A," X told the Journal, after Y stated ... "B."': a cue verb in a clause the cue governs
    reports nothing new."""
    text = ("“They are not terminable at will,” spokesman Ron Lieberman told the Journal in July, after the "
            "mayor stated an interest in ending the contracts. “These contracts are fully binding.”")
    direct = [st for st in statements(text) if st.direct]
    assert len(direct) == 1 and len(direct[0].parts) == 2
    assert parts(direct[0], text)[1] == "“These contracts are fully binding.”"


def test_quote_paragraph_after_a_long_cue_clause_continues_the_quote() -> None:
    text = ("“The committee’s interim report sheds light on the agency’s lax cyber security efforts,” said "
            "Lamar Smith, a Republican representative from Texas who chairs the House of Representatives "
            "Committee on Science, Space and Technology.\n“The agency’s intent to evade congressional "
            "oversight is a serious offense.”\nThe report was released on Tuesday.")
    direct = [st for st in statements(text) if st.direct]
    assert len(direct) == 1
    assert parts(direct[0], text)[-1] == "“The agency’s intent to evade congressional oversight is a serious offense.”"


def test_relative_pronoun_before_the_cue_is_the_first_part() -> None:
    text = "The firm was hit by attacks, which the probe said were covered up to protect the chairman."
    [st] = [st for st in statements(text) if st.cue == "said"]
    assert parts(st, text) == ["which", "were covered up to protect the chairman"]


def test_passive_subject_before_a_question_is_not_content() -> None:
    text = "Sanders was asked whether he would support the nominee in November."
    [st] = statements(text)
    assert parts(st, text) == ["whether he would support the nominee in November"]


def test_apposition_with_a_clause_of_its_own_ends_the_content() -> None:
    found = statements("The senator vowed to repeal the Hyde Amendment, a longstanding federal provision "
                       "that prohibits public funding of most abortions.")
    assert [st.text for st in found] == ["to repeal the Hyde Amendment"]


def test_bare_apposition_stays_in_the_content() -> None:
    found = statements("The poll found that he was a stronger leader than President Barack Obama, a Democrat.")
    assert [st.text for st in found] == ["that he was a stronger leader than President Barack Obama, a Democrat"]


def test_content_subject_parsed_as_a_second_subject_of_the_cue_is_the_first_part() -> None:
    text = ("The aide handed over 30,000 emails, which she said represented all her work-related emails. "
            "Voters, Clinton suggested, don't have to worry that big banks can influence politicians.")
    found = {st.cue: parts(st, text) for st in statements(text)}
    assert found["said"] == ["which", "represented all her work-related emails"]
    assert found["suggested"] == ["Voters", "don't have to worry that big banks can influence politicians"]


def test_words_running_on_from_a_quotation_to_its_cue_are_content() -> None:
    text = '"The politics are just so blatant" in the legislature, he said in an interview.'
    [st] = statements(text)
    assert (parts(st, text), st.speaker_text) == (['"The politics are just so blatant" in the legislature'], "he")


def test_a_quotation_closed_by_its_comma_keeps_its_end() -> None:
    text = '"The politics are just so blatant," he said in an interview.'
    [st] = statements(text)
    assert parts(st, text) == ['"The politics are just so blatant,"']
