"""Whose report a cue is when the parser's subject is not the speaker (statements/sources.py):
agentless passives name nobody, agents and enclosing reports do. Short made-up sentences, annotated
with the real parser."""

from __future__ import annotations

from speaker_cases import speaker_of

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Statement


def statements(text: str) -> tuple[Statement, ...]:
    [annotation] = annotate_batch([Article(id="t", source="x", text=text, content_hash="h", language="en")])
    return annotation.statements


def by_cue(text: str, cue: str) -> Statement:
    [st] = [st for st in statements(text) if st.cue == cue]
    return st


def test_agentless_passive_cue_has_an_explicitly_unresolved_speaker() -> None:
    # The parser shares "won"'s subject with the coordinated passive: not who expects it.
    st = by_cue("Clinton won the primary on Tuesday and was expected to sign the new budget bill next week.",
                "expected")
    assert "sign the new budget bill" in st.text
    assert (st.speaker, st.speaker_text, st.speaker_start) == (None, None, None)


def test_raising_verb_names_no_speaker() -> None:
    st = by_cue("It appears that the new stadium will cost twice the planned amount.", "appears")
    assert (st.speaker, st.speaker_text) == (None, None)


def test_raising_verb_over_a_report_keeps_its_subject() -> None:
    st = by_cue("Earlier in the week, Hegseth seemed to retract his statements, indicating that all "
                "options are open for the negotiations.", "seemed")
    assert st.speaker_text == "Hegseth"


def test_passive_agent_is_the_speaker() -> None:
    st = by_cue("The mayor was urged by the city council to cut the police budget.", "urged")
    assert st.speaker_text == "the city council"


def test_according_to_a_document_by_someone_names_that_someone() -> None:
    st = by_cue("Turnout rose sharply in this year's primaries, according to an analysis by the Pew "
                "Research Center.", "according to")
    assert st.speaker_text == "the Pew Research Center"


def test_report_verb_inside_another_report_continues_its_speaker() -> None:
    text = ("He says the obvious response was to break up the banks and says he introduced legislation "
            "to accomplish that.")
    assert [st.speaker_text for st in statements(text)] == ["He", "He"]


def test_participle_on_an_object_belongs_to_the_clause_subject() -> None:
    st = by_cue("The Vermont senator emailed supporters saying the struggle for a fair economy continues.",
                "saying")
    assert st.speaker_text == "The Vermont senator"


def test_asked_participle_is_a_question_with_no_named_asker() -> None:
    text = "Asked whether the new stadium would raise taxes, the mayor said the city would borrow."
    st = by_cue(text, "Asked")
    assert (st.text, st.speaker_text) == ("whether the new stadium would raise taxes", None)
    assert by_cue(text, "said").speaker_text == "the mayor"


def test_asked_by_someone_names_the_asker() -> None:
    st = by_cue("Asked by the host to respond to the criticism, the senator laughed.", "Asked")
    assert (st.text, st.speaker_text) == ("to respond to the criticism", "the host")


def test_raising_verb_content_is_subject_and_predicate_without_the_verb() -> None:
    text = "While the protests grew, the campaign team appeared paralyzed by the news."
    st = by_cue(text, "appeared")
    assert [text[s:e] for s, e in st.parts] == ["the campaign team", "paralyzed by the news"]
    assert st.speaker is None and st.speaker_text is None


def test_quote_cued_by_a_participle_on_an_object_and_its_coordinate_keep_the_subject() -> None:
    text = ("The Vermont senator emailed supporters saying: “The struggle continues” and vowing to compete "
            "in the final primary contest next week.")
    assert [(st.cue, st.speaker_text) for st in statements(text)] == [
        ("saying", "The Vermont senator"), ("vowing", "The Vermont senator")]


def test_infinitive_on_a_noun_takes_the_clause_subject() -> None:
    st = by_cue("On Monday the governor has a rare chance to show that he can deliver a serious speech.", "show")
    assert st.speaker_text == "the governor"


def test_relative_that_gives_way_to_its_antecedent() -> None:
    st = by_cue("Television ads that slam the senator for missing votes began airing in Ohio on Monday.", "slam")
    assert st.speaker_text == "Television ads"


def test_subject_set_off_by_a_long_relative_clause_is_the_speaker() -> None:
    st = by_cue("In her New Year speech, Merkel, who has adopted one of the most open policies in Europe "
                "toward asylum seekers fleeing war in the Middle East, warned against the forces of hate.",
                "warned")
    assert st.speaker_text == "Merkel"


def test_cue_in_a_prepositional_phrase_takes_the_clause_subject() -> None:
    st = by_cue("In addition to stating that the new tax is unfair to farmers, Clinton has vowed to "
                "repeal it next year.", "stating")
    assert st.speaker_text == "Clinton"


def test_infinitive_cue_on_an_adjective_takes_the_subject() -> None:
    assert by_cue("The senator is likely to argue that the budget is far too small for the city.",
                  "argue").speaker_text == "The senator"
    assert by_cue("Her strategists have been reluctant to reveal too much of their playbook so as not "
                  "to tip off her opponents.", "reveal").speaker_text == "Her strategists"


def test_finite_cue_after_a_comma_shares_the_first_verbs_subject() -> None:
    st = by_cue("Clinton paused, then revealed why the activist's story was especially moving.", "revealed")
    assert st.speaker_text == "Clinton"


def test_name_read_as_an_adverb_before_a_finite_cue_is_the_speaker() -> None:
    st = by_cue("Informed of the district's lean, Early described it as news to him.", "described")
    assert st.speaker_text == "Early"


def test_it_before_an_adjective_is_the_reporters_own_words() -> None:
    text = ("As both parties turn to the primary in two weeks, it is worth remembering that the state is "
            "defined by its farms.")
    assert by_cue(text, "remembering").speaker_text is None
    assert by_cue("It's hard not to wonder whether the party officials are looking enviously at their "
                  "rivals.", "wonder").speaker_text is None


def test_when_asked_read_as_a_past_tense_is_still_a_question_with_no_named_asker() -> None:
    text = ("“We will not have a good relationship,” Trump told the station in an interview aired on Monday "
            "when asked how ties would fare if he won.")
    st = by_cue(text, "asked")
    assert (st.text, st.speaker_text) == ("how ties would fare if he won", None)
    assert by_cue(text, "told").speaker_text == "Trump"


def test_infinitive_cue_after_an_object_belongs_to_that_object() -> None:
    st = by_cue("Clinton's recent polling decline in Iowa has led some allies to worry whether she could "
                "lose her dominance in the South.", "worry")
    assert st.speaker_text == "some allies"
    # Under a cue of its own the infinitive is that cue's content, as PolNeAR marks it.
    st = by_cue("Sanders pushed fellow Senate Democrats to reject the debt deal reached by the "
                "administration.", "reject")
    assert st.speaker_text == "Sanders"


def test_infinitive_on_a_predicate_noun_takes_the_subject() -> None:
    st = by_cue("Grijalva was the first Democrat in Congress to endorse Sanders in the Democratic primary.",
                "endorse")
    assert st.speaker_text == "Grijalva"


def test_subject_before_a_dash_aside_is_the_speaker() -> None:
    st = by_cue("Mr. Bush - in a line that seemed squarely directed at Mr. Trump's divisive brand of "
                "politics - declared that a president must tend to all corners of the country and all kinds "
                "of people.", "declared")
    assert st.speaker_text is not None and st.speaker_text.startswith("Mr. Bush")
    st = by_cue("Senator Jones - in remarks that were aimed at the White House - insisted that the law must "
                "change.", "insisted")
    assert st.speaker_text == "Senator Jones"


def test_inverted_subject_after_a_quote_is_the_speaker_not_the_name_before_it() -> None:
    # The parser keeps "Hale" as a second subject of "said": the speaker is the anonymous source.
    st = by_cue("Lately, Bill Clark — often the easiest person to provoke when it comes to criticism of his wife — "
                "has been “very worked up about it,” said a source close to the campaign.", "said")
    assert st.speaker_text is not None and st.speaker_text.startswith("a source")
    assert st.speaker is None


def test_parenthetical_cue_after_a_name_has_the_noun_phrase_for_its_subject() -> None:
    st = by_cue('Governor Lopez, a senior aide said, "is very confident in the contrast" between her and '
                'her rival in the fall.', "said")
    assert (st.speaker_text, st.speaker) == ("a senior aide", None)
    text = ("Governor Ann Lopez spoke on Tuesday.\n\nLopez, a top aide said, “is very confident, very confident "
            "in the contrast” between her and her rival in the fall.")
    assert speaker_of(text, "very confident") is None  # the aide is not Lopez, after linking too
    # With a comma after the noun phrase it is an apposition: the name speaks.
    st = by_cue("Governor Lopez, a former teacher, said the state budget would pass next week.", "said")
    assert st.speaker_text == "Governor Lopez"


def test_contracted_has_before_a_report_is_no_passive() -> None:
    st = by_cue("Although she's said she will keep campaigning until June, Governor Lopez must win the "
                "state next week.", "said")
    assert st.speaker_text == "she"
    assert "keep campaigning" in st.text


def test_quote_hung_on_an_object_gap_relative_is_the_outer_cues() -> None:
    text = ('Senator Jane Hale spoke on Fox News right after the address. Nothing the governor said "will ease '
            'people\'s worries," the Texas senator said.')
    [st] = [st for st in statements(text) if "ease people" in st.text]
    assert st.speaker_text == "the Texas senator"
    assert st.cue_start is not None and st.cue_start > text.index("worries")


def test_noun_phrase_read_as_an_apposition_before_a_cue_is_its_subject() -> None:
    st = by_cue("In an interview with Morning Show hosts Joe Smith and Mika Jones, the Democratic presidential "
                "candidate stated that the tax plan would not pass this year.", "stated")
    assert st.speaker_text == "the Democratic presidential candidate"
    # Not Mika Jones, whose "apposition" the parser made it: the candidate named before.
    text = ("WASHINGTON — Hillary Lopez does not recognize the bigotry of her rival.\n\nIn an interview with "
            "Morning Show hosts Joe Smith and Mika Jones, the Democratic presidential candidate stated that the "
            "tax plan would not pass this year.")
    assert speaker_of(text, "tax plan") == "Hillary Lopez"


def test_verb_of_a_subordinate_clause_after_a_quote_is_not_its_cue() -> None:
    # "expand" (a mined stance verb) in the because-clause is no attribution: "he said" is.
    text = ('Polls show Lopez up by 10 points in Ohio.\n\n"Many would consider that a defeat for Ann Lopez" if she '
            'did not win by a wider margin, said Tom Hale, an elections analyst at the Ohio Report. "And yet it '
            'would end the race for Ann Lopez" because she would expand her delegate lead, he said.')
    assert speaker_of(text, "end the race") == "Tom Hale"
