"""Speaker resolution, fifth round (issue 20): names NER types as an organisation or place that the
sentence shows as a person, a person's name after a title NER ran into it, a speaker phrase with a
person in apposition, and "the candidate" for an office holder. Made-up sentences, real annotate +
link_entities."""

from __future__ import annotations

from speaker_cases import speaker_of


def test_a_name_with_a_role_apposition_is_a_person_for_the_next_he() -> None:
    text = ('The French interior minister, Bernard Cazeneuve, said early Friday that 80 people were killed.\n\n'
            'Christian Estrosi, a former mayor of Nice, said in a Twitter message that the truck was '
            'carrying arms.\n\n'
            'Estrosi told BFM TV that the driver fired on the crowd.\n\n'
            'He added that the attack appeared to be premeditated.')
    assert speaker_of(text, "appeared to be premeditated") == "Christian Estrosi"


def test_a_title_run_into_a_name_leaves_the_person() -> None:
    text = ('Secretary of Commerce Gary Locke and Secretary of the Interior Ken Salazar said their '
            'decision was based on sound science.\n\n'
            '"By rolling back this regulation, we protect species," Salazar said.\n\n'
            '"Federal agencies will once again have to consult with biologists," he said.')
    assert speaker_of(text, "consult with biologists") == "Ken Salazar"


def test_a_speaker_phrase_with_a_person_in_apposition_speaks_as_that_person() -> None:
    text = ('Michael Bloomberg has covered all the political bases.\n\n'
            "Bloomberg's pollster, Douglas Schoen, says his man has the money and the time. "
            '"I don\'t think the conventional wisdom" -- that Bloomberg is a nanny-state liberal -- '
            '"is going to last," he says.')
    assert speaker_of(text, "money and the time") == "Douglas Schoen"
    assert speaker_of(text, "conventional wisdom") == "Douglas Schoen"


def test_the_candidate_opening_a_sentence_is_the_governor_just_named() -> None:
    text = ('Ohio Gov. John Kasich received an enthusiastic reception on Friday.\n\n'
            'At the convention, radio host Sean Hannity asked Kasich, who is fourth in the delegate '
            'count, to lay out his path to the nomination.\n\n'
            'The candidate said he does not believe any of his rivals will secure enough delegates.')
    assert speaker_of(text, "rivals will secure") == "John Kasich"


def test_the_nominee_is_not_an_fbi_director_just_named() -> None:
    text = ('Hillary Clinton acknowledged on Friday that she had misspoken.\n\n'
            'Clinton said that FBI Director James Comey had called her statements truthful.\n\n'
            'The Democratic presidential nominee explained that Comey was referring only to her interviews.')
    assert speaker_of(text, "referring only to") != "James Comey"


def test_a_document_continues_the_organisation_that_just_spoke() -> None:
    text = ('The Supreme Court heard the case in March, and lawyers for Acme Holdings and Acme Holdings '
            'executives filed briefs.\n\n'
            'In May, the court said the case would go back to the lower courts. "The court expresses no '
            'view on the merits" of the case, the unsigned opinion said.')
    assert speaker_of(text, "no view on the") == "Supreme Court"


def test_a_kind_noun_with_no_organisation_of_its_kind_nearby_stays_unresolved() -> None:
    text = ('George Zimmerman listed the gun for sale on Thursday at a show that Heartland Outfitters '
            'and Bluebird Collective sponsored in the city hall of Sanford last spring.\n\n'
            'Zimmerman described the gun as a piece of American history that belonged in a museum and '
            'said he would give part of the money to charities that he did not name, reporters said. The '
            'listing drew thousands of visitors in its first hour, and bids were due to open at noon on '
            'Friday before the site pulled it.\n\n'
            '"We want no part in the listing," the company wrote in its statement.')
    assert speaker_of(text, "no part in the listing") is None


def test_a_bare_surname_shared_by_two_persons_is_the_one_named_most() -> None:
    text = ('Hillary Clinton campaigned in Iowa on Monday. Clinton spoke about jobs, and Clinton met '
            'farmers in Ames.\n\n'
            'Her husband, Bill Clinton, joined her later in the day.\n\n'
            '"We will win this state in November," Clinton said.')
    assert speaker_of(text, "win this state") == "Hillary Clinton"


def test_an_indefinite_description_speaker_is_nobody_named_before() -> None:
    text = ('Tom Reyes toured the Ford plant in Dearborn on Monday.\n\n'
            'A top aide said the plant would stay open.')
    assert speaker_of(text, "stay open") is None


def test_his_campaign_and_its_officials_speak_for_the_campaign_the_article_names() -> None:
    text = ('Bernie Sanders raised more than $33 million during the last three months, his campaign '
            'announced Saturday.\n\n'
            'In all, the Vermont senator has raised nearly $73 million, campaign officials said. More than '
            "one million donors gave to Sanders' campaign.")
    assert speaker_of(text, "$33 million") == "Sanders' campaign"
    assert speaker_of(text, "$73 million") == "Sanders' campaign"
