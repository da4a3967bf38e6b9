"""Speaker resolution, fourth round (issue 20): organisation kinds for "the company" / "the newspaper",
evidence named inside its phrase ("the FBI data"), party agreement of descriptions, and pronouns whose
topic person is further back. Made-up sentences, real annotate + link_entities."""

from __future__ import annotations

from speaker_cases import speaker_of


def test_the_company_is_the_organisation_the_article_calls_a_firm() -> None:
    text = ('Brightmoor Analytics, a wealth research firm, counted 2,400 billionaires.\n\n'
            'The figures were first reported by the Daily Courier on Monday.\n\n'
            '"Most of the new wealth came from technology," the company said.')
    assert speaker_of(text, "new wealth") == "Brightmoor Analytics"


def test_the_newspaper_is_the_organisation_whose_name_is_a_newspaper() -> None:
    text = ('The Harbor City Sentinel reported the hearing on Monday.\n\n'
            'The Associated Press later confirmed the date of the vote.\n\n'
            '"The mayor knew about the contract," the newspaper said.')
    assert speaker_of(text, "knew about the contract") == "Harbor City Sentinel"


def test_data_speak_for_the_organisation_named_in_them() -> None:
    text = ('Marlow had two murders in 2014, according to the FBI data.\n\n'
            'The town council met on Tuesday to discuss the figures.')
    assert speaker_of(text, "two murders") == "FBI"


def test_a_party_word_rules_out_the_other_partys_front_runner() -> None:
    text = ('Senator Dale Harmon toured a steel mill in Ohio on Sunday.\n\n'
            'He was joined later in the state by Democratic front-runner Maria Lopez, who spoke at a rally.\n\n'
            '"We will bring these jobs back," the GOP front-runner said.')
    assert speaker_of(text, "bring these jobs back") == "Dale Harmon"


def test_a_subject_two_sentences_back_beats_a_nearer_object_past_a_long_quote() -> None:
    text = ('Alan Price and his aides have spent the week touring factories, union halls, county fairs, '
            'church suppers and farm shows in every corner of the state in an effort to keep Victor '
            "Hale out of the governor's mansion next year.\n\n"
            'It is understood that he will not stand in the way of the compromise.\n\n'
            '"Let me be very clear about this, as I have been many times before in town halls and on the '
            'radio, that Victor Hale is unfit to lead this state," he told reporters.')
    assert speaker_of(text, "unfit to lead") == "Alan Price"


def test_a_description_opening_the_next_sentence_names_the_person_just_named() -> None:
    text = ('Voters in Lexington blamed the delay on Alison Carver.\n\n'
            'The commissioner, a longtime ally of the mayor, defended the count on Tuesday.\n\n'
            '"The ballots were all counted," Governor Tom Reyes said.\n\n'
            'At the rally, the commissioner said the count had been fair.')
    assert speaker_of(text, "count had been fair") == "Alison Carver"


def test_the_owner_of_a_subject_is_the_topic_of_the_next_he() -> None:
    text = ('"The numbers look strong," said pollster Lee Martin.\n\n'
            "Donald Crane's feud with the network began with moderator Jane Kelly, who he says "
            'treated him unfairly.')
    assert speaker_of(text, "treated him unfairly") == "Donald Crane"


def test_the_focus_of_a_cleft_is_the_topic_of_the_next_he() -> None:
    text = ('"Turnout will be high," said analyst Mark Ellis.\n\n'
            'As usual, it was Peter Grant who drew the biggest crowd in Nashua.\n\n'
            'Speaking at a diner, he said the race was far from over.')
    assert speaker_of(text, "far from over") == "Peter Grant"
