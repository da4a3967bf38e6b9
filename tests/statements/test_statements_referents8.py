"""Speaker resolution, eighth round (issue 20): organisation speakers. An organisation name NER
missed that the sentence shows as one (a which-clause, "the editors of X", "a X Poll"); a descriptor
word of the phrase ("the news service") that only happens to be in an unrelated name ("Fox News");
a document whose issuer is the subject of the verb that made it ("X sued ... The complaint"; "In a
poll, X found"); "the results" of the poll just before; "the editors of X" make X a newspaper.
Made-up sentences, real annotate + link_entities."""

from __future__ import annotations

from speaker_cases import speaker_of

_CABLE = ('In the cable, the ambassador asked for more guards, but he was turned down, Fox News reported.\n\n'
          'Sen. Ron Johnson, R-Wis., said in an op-ed piece before a 2014 Senate hearing, "The State Department '
          'not only failed to honor repeated requests."\n\n')


def test_a_name_with_a_which_clause_is_an_organisation() -> None:
    text = _CABLE + ('Checkwise (which is not known as Republican-leaning) examined the charge and rated both '
                     'aspects of it "True." The news service pointed to the State Department\'s own review '
                     'finding that the number of guards was inadequate "despite repeated requests" from the '
                     'ambassador.')
    assert speaker_of(text, "the number of guards was inadequate") == "Checkwise"


def test_a_descriptor_word_inside_another_name_is_no_antecedent() -> None:
    """"The news group" is not Fox News for the word "news": the group the paragraph is about is."""
    text = ('In the cable, the ambassador asked for more guards, but he was turned down, Fox News reported.\n\n'
            'The Civic Ledger Council examined the charge on Monday. The Civic Ledger Council rated both aspects '
            'of it true. The news group pointed to the State Department\'s own review finding that the number of '
            'guards was inadequate "despite repeated requests" from the ambassador.')
    assert speaker_of(text, "the number of guards was inadequate") == "Civic Ledger Council"


def test_the_editors_of_a_newspaper_name_it() -> None:
    text = ('The governor toured the flooded parishes of Louisiana on Thursday with the mayor of Baton Rouge.\n\n'
            'That did not sit well with the editors of The Clarion, who aimed their Friday editorial at '
            'the senator.\n\n'
            '"If she wants to lead, she should come to Louisiana," the editorial said.')
    assert speaker_of(text, "she should come to Louisiana") == "Clarion"


def test_a_capitalised_poll_names_its_pollster() -> None:
    text = ('Mayor Tom Greer is weighing a run for governor as an independent.\n\n'
            'A Harbor Point Poll released on Monday found that "Greer would draw mostly from Democrats."')
    assert speaker_of(text, "Greer would draw mostly") == "Harbor Point"


def test_a_complaint_speaks_for_who_sued() -> None:
    text = ('Hillary Clinton said on Saturday that her staff had done nothing wrong.\n\n'
            'The Ferraby campaign sued the DNC in federal court on Friday. The complaint, which was filed '
            'in Washington, alleged that the DNC "failed to implement reasonable data security measures."')
    assert speaker_of(text, "failed to implement reasonable") == "Ferraby campaign"


def test_a_complaint_of_an_unresolved_maker_takes_no_other_organisation() -> None:
    """A wrong organisation is worse than none: "His campaign sued" names no campaign here."""
    text = ('Hillary Clinton’s campaign said on Saturday that its staff had done nothing wrong.\n\n'
            'Bernie Sanders said the party’s move was "an egregious act." His campaign sued the DNC in federal '
            'court on Friday. The complaint, which was filed in Washington, alleged that the DNC "failed to '
            'implement reasonable data security measures."')
    assert speaker_of(text, "failed to implement reasonable") is None


def test_the_results_speak_for_the_poll_just_before() -> None:
    text = ('Mayor Tom Greer is weighing a run for governor as an independent.\n\n'
            'A Harbor Point Poll found that Greer would draw from both parties. Greer received 37 percent and '
            'Hall had 36 percent, according to the results.')
    assert speaker_of(text, "Greer received 37 percent") == "Harbor Point"


def test_a_poll_speaks_for_who_found_in_it() -> None:
    text = ('Democrats are drawing plans to win over Republican moderates.\n\n'
            'In an online poll of 800 likely Republican primary voters, the Civic Ledger Council found that '
            'attitudes toward Democrats drive those voters.\n\n'
            'Still, the poll shows that "moderates may be pliable" this year.')
    assert speaker_of(text, "moderates may be pliable") == "Civic Ledger Council"


def test_the_editors_of_a_name_make_it_a_newspaper() -> None:
    """"The newspaper" is the one whose editors wrote, not the organisation the story names most."""
    text = ('The Harbor Club hosted the governor on Monday. The Harbor Club charges members $5,000 a year, and '
            'the Harbor Club kept the press out.\n\n'
            'That did not sit well with the editors of The Clarion, who aimed their Friday editorial at the '
            'governor.\n\n'
            'The newspaper said that "whoever governs should see the damage first hand."')
    assert speaker_of(text, "whoever governs should see") == "Clarion"
