"""Content spans as annotators mark them (PolNeAR conventions), and attributions found by general
rules: short made-up sentences, annotated with the real parser."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Statement


def statements(text: str) -> tuple[Statement, ...]:
    [annotation] = annotate_batch([Article(id="t", source="x", text=text, content_hash="h", language="en")])
    return annotation.statements


def contents(text: str) -> list[str]:
    return [st.text for st in statements(text)]


def test_content_opening_a_quotation_keeps_its_marks() -> None:
    assert "“the budget is balanced” despite the large deficit" in contents(
        "The mayor says “the budget is balanced” despite the large deficit.")


def test_content_closing_a_quotation_keeps_its_full_stop_and_mark() -> None:
    assert "“we kept every promise we made to the voters.”" in contents(
        "The mayor says “we kept every promise we made to the voters.”")


def test_quote_after_the_attributed_sentence_continues_it() -> None:
    """'"A," X said. "B."': the second quote opens its own sentence after the cue; one statement."""
    text = ("''The council should hire a new auditor,'' Ms. Varga said. ''In her last report, she showed "
            "the accounts were sound. Nobody has to fear the audit.''")
    [st] = statements(text)
    assert st.text.endswith("Nobody has to fear the audit.''") and st.speaker_text == "Ms. Varga"


def test_quote_ending_a_sentence_does_not_take_the_next_sentence_cue() -> None:
    text = ('"If the bridge opens, traffic will ease," she said. "If it stays shut, the town will suffer." '
            'Asked what comes next, she said: "We will see."')
    found = statements(text)
    assert [st.cue for st in found if st.direct] == ["said", "said"]
    assert found[0].text.endswith('"If it stays shut, the town will suffer."')


def test_object_of_a_mined_preposition_after_the_target_is_the_content() -> None:
    # "accuse" is mined with "prep:of" only: the of-phrase is the content, and PolNeAR marks the
    # target with it ("the governor of hiding ...", 16 of 18 on the train sample; statements/bounds.py).
    found = statements("The senator accused the governor of hiding the cost of the new stadium.")
    assert [(st.text, st.speaker_text) for st in found] == [
        ("the governor of hiding the cost of the new stadium", "The senator")]


def test_the_cue_date_is_not_content() -> None:
    assert contents("The mayor said Tuesday the old bridge will reopen in May.") == [
        "the old bridge will reopen in May"]


def test_manner_of_speaking_verb_cues_a_quote() -> None:
    [st] = statements('"We were lucky to win today," the coach confessed.')
    assert (st.text, st.cue, st.speaker_text, st.direct) == ('"We were lucky to win today,"', "confessed",
                                                             "the coach", True)


def test_quote_ending_in_an_inner_quote_closes() -> None:
    text = "\"My aunt paid for it. That is why she is the 'Main Donor,' \" Eric Jones wrote of the gift."
    [st] = statements(text)
    assert (st.text, st.speaker_text, st.direct) == (
        "\"My aunt paid for it. That is why she is the 'Main Donor,' \"", "Eric Jones", True)


def test_inverted_cue_with_a_relative_clause_quotes_the_quote_before_it() -> None:
    text = ('"One man came in and said maybe we should close the shop early," said the woman, who like '
            'many in the town did not want to be named.')
    first = statements(text)[0]
    assert (first.text, first.cue, first.speaker_text) == (
        '"One man came in and said maybe we should close the shop early,"', "said", "the woman")


def test_cue_inside_the_participle_on_the_cue_does_not_end_the_quote() -> None:
    text = ('"You make mistakes on the road," Johnson said in Concord, referring to a town hall where he '
            'declined to criticize his rival. "If I could do that again, I would."')
    assert statements(text)[0].text.endswith('"If I could do that again, I would."')


def test_a_second_report_coordinated_into_the_content_is_its_own_statement() -> None:
    found = statements("He says he respects the mayor and calls her a very capable manager.")
    assert [(st.text, st.cue) for st in found] == [("he respects the mayor", "says"),
                                                   ("her a very capable manager", "calls")]


def test_a_relative_clause_closing_the_content_is_the_reporter_aside() -> None:
    assert contents("The coach predicted a win in Denver, which hosts the final in June.") == [
        "a win in Denver"]


def test_the_reason_phrase_of_an_object_cue_is_content() -> None:
    found = statements("The senator is congratulating the mayor for her victory in the primary.")
    assert [(st.text, st.cue) for st in found] == [("the mayor for her victory in the primary", "congratulating")]


def test_a_mined_preposition_licenses_a_particle_verb() -> None:
    # "point" needs "out", except with the preposition mined for it: "pointed to X".
    found = statements("The coach pointed to the team's strong defense.")
    assert [(st.text, st.cue) for st in found] == [("the team's strong defense", "pointed")]


def test_a_subjectless_participle_after_the_cue_is_not_a_clause_of_its_own() -> None:
    text = ('"The plan hurts every family in the county," spokesman Jeff Miller said in a statement issued '
            'a half-hour before the rally.')
    [st] = statements(text)
    assert (st.text, st.speaker_text, st.direct) == (
        '"The plan hurts every family in the county,"', "spokesman Jeff Miller", True)


def test_a_report_participle_inside_the_content_is_its_own_statement_by_the_same_speaker() -> None:
    found = statements("She said her father has been an advocate for women in his company, saying that he "
                       "supports equal pay for equal work.")
    assert [(st.text, st.speaker_text) for st in found] == [
        ("her father has been an advocate for women in his company", "She"),
        ("that he supports equal pay for equal work", "She")]


def test_a_clause_cut_out_of_the_quotation_after_the_cue_is_the_whole_quotation() -> None:
    [st] = statements("The speaker said “violent images, they have no place in a campaign.”")
    assert (st.text, st.cue, st.speaker_text) == (
        "“violent images, they have no place in a campaign.”", "said", "The speaker")


def parts_text(st: Statement) -> list[str]:
    return [st.text[s - st.start:e - st.start] for s, e in st.parts]


def test_split_quote_is_one_statement_whose_parts_leave_the_cue_out() -> None:
    """PolNeAR marks '"A," he added, "B."' as one content of two fragments: the cue is not content."""
    [st] = statements('"We will rebuild the bridge," the mayor added, "and the school after it."')
    assert parts_text(st) == ['"We will rebuild the bridge,"', '"and the school after it."']
    assert st.content == '"We will rebuild the bridge," "and the school after it."'
    assert "added" in st.text and "added" not in st.content


def test_quote_continued_after_the_cue_sentence_has_one_part_per_quotation() -> None:
    text = ("''The council should hire a new auditor,'' Ms. Varga said. ''In her last report, she showed "
            "the accounts were sound.''")
    [st] = statements(text)
    assert parts_text(st) == ["''The council should hire a new auditor,''",
                              "''In her last report, she showed the accounts were sound.''"]


def test_parenthetical_cue_splits_the_reported_clause() -> None:
    found = [st for st in statements("This campaign, the senator says, is different from the last one.")
             if st.cue == "says"]
    assert [parts_text(st) for st in found] == [["This campaign", "is different from the last one"]]


def test_continuous_content_is_one_part() -> None:
    [st] = statements("The mayor said the old bridge will reopen in May.")
    assert parts_text(st) == [st.text] and st.content == st.text


def test_quotation_opened_in_the_content_runs_to_its_closing_mark() -> None:
    """The parse ends the clause at the first sentence end inside the quotation; annotators do not."""
    found = contents('The senator argued that the governor has “got to change course. He cannot win this way.”')
    assert "that the governor has “got to change course. He cannot win this way.”" in found


def test_stance_verb_from_the_train_cue_lexicon_is_a_cue() -> None:
    """'embrace' is a frequent PolNeAR train cue (eval/polnear_cue_lexicon.tsv) the mining left out."""
    found = statements("The governor embraced the plan to cut taxes for small firms.")
    assert [(st.cue, st.speaker_text) for st in found] == [("embraced", "The governor")]


def test_addressee_of_an_infinitive_cue_is_content() -> None:
    found = statements("The governor urged conservatives to unite behind the new budget plan.")
    assert [st.text for st in found] == ["conservatives to unite behind the new budget plan"]


def test_addressee_apart_from_the_infinitive_stays_out() -> None:
    """The words between are the cue's ('on Thursday' dates it): one span over both would swallow them."""
    found = statements("The president warned Western officials on Thursday not to trust the rebels.")
    assert [st.text for st in found] == ["not to trust the rebels"]


def test_reported_clause_coordinated_with_but_is_content() -> None:
    """'said A, but B': the parser hangs B on the cue; annotators read it as the rest of what was said."""
    text = "The mayor said he would be glad to meet the union, but no meeting has been arranged yet."
    assert contents(text) == ["he would be glad to meet the union, but no meeting has been arranged yet"]


def test_passive_subject_is_the_first_part_of_the_content() -> None:
    text = "Trump is expected to deliver a long speech on Monday."
    [st] = statements(text)
    assert [text[s:e] for s, e in st.parts] == ["Trump", "to deliver a long speech on Monday"]


def test_relative_pronoun_object_is_the_first_part_of_the_content() -> None:
    text = "The plan, which the governor describes as reckless, failed."
    [st] = statements(text)
    assert [text[s:e] for s, e in st.parts] == ["which", "as reckless"]


def test_cue_after_a_preposition_takes_the_subject_of_its_verb() -> None:
    """'began by saying ...': the preposition has no subject; the verb it hangs on has."""
    [st] = statements("The judge began by saying the case was weak.")
    assert st.speaker_text == "The judge"


def test_name_tagged_as_a_word_is_the_subject_of_a_finite_cue() -> None:
    """'Jolly said ...': the tagger reads the name as an adverb and the parse has no subject."""
    [st] = statements("Jolly said he would be cautious in restructuring federal education spending.")
    assert st.speaker_text == "Jolly"


def test_quote_paragraph_after_an_attributed_quote_is_one_statement() -> None:
    """PolNeAR marks a quotation carried on into the next paragraph as one content of the same cue."""
    text = ('"We will not raise taxes this year," the governor said. "The budget is balanced.\n\n'
            '"We have made hard choices and the state is better for it."\n\nThe audience applauded.')
    [st] = statements(text)
    assert [text[s:e] for s, e in st.parts][-1] == '"We have made hard choices and the state is better for it."'
    assert st.speaker_text == "the governor"


def test_colon_label_with_a_hyphenated_or_mistagged_name_is_a_speaker() -> None:
    text = ("Alex Seitz-Wald: She is right on all these things if you dig down.\n\n"
            "MATTHEWS: Well, speculation is bad for the small savers.")
    assert [(st.text, st.speaker_text, st.cue) for st in statements(text)] == [
        ("She is right on all these things if you dig down", "Alex Seitz-Wald", ":"),
        ("Well, speculation is bad for the small savers", "MATTHEWS", ":")]


def test_one_word_content_is_kept_when_it_is_a_name() -> None:
    """'endorsed Rubio': PolNeAR marks the named target of a stance as its content; a one-word
    common noun or pronoun ('told him') stays too short to be a content."""
    found = statements("The New York businessman endorsed Rubio on Sunday.")
    assert [(st.text, st.speaker_text) for st in found] == [("Rubio", "The New York businessman")]
    assert statements("The mayor thanked him.") == ()


def test_paragraph_closed_by_a_bracketed_source_is_no_headline() -> None:
    """Poll digests end each item with its source, '... [WashPost.]': a sentence, not a crosshead."""
    text = ("Iowa polls were not wrong, just early.\n\n"
            "Pollster Ann Selzer says she warned the campaigns about surprises in the caucus. [WashPost.]")
    assert [(st.text, st.speaker_text) for st in statements(text)] == [
        ("she warned the campaigns about surprises in the caucus", "Pollster Ann Selzer")]


def test_quote_after_a_colon_takes_the_finite_verb_before_it_as_cue() -> None:
    """'... boomed: "..."': a verb the lexicon lacks, with its subject, introduces the quotation."""
    [st] = statements("At the rally, Trump leaned in and boomed: “Let’s defeat her in November.”")
    assert (st.text, st.cue, st.speaker_text, st.direct) == ("“Let’s defeat her in November.”", "boomed",
                                                             "Trump", True)


def test_quote_closed_by_a_comma_takes_a_bare_subject_and_verb_after_it_as_cue() -> None:
    text = ("Woods shared her belief that none of it was beyond the pale.\n\n"
            "“The way I see it,” she elaborated, “no one ever questioned his sacrifice or his service.”")
    direct = [st for st in statements(text) if st.direct]
    assert [(st.cue, st.speaker_text, len(st.parts)) for st in direct] == [("elaborated", "she", 2)]


def test_as_someone_put_it_cues_the_quote_after_it() -> None:
    [st] = statements("As Akhil Amar, a professor of law at Yale, put it, “Senate Republicans should remember "
                      "that the court is not theirs.”")
    assert (st.cue, st.speaker_text, st.direct) == ("put", "Akhil Amar", True)
