"""Attributions without a cue verb (`statements.nouncues`): colon labels after a dash or in a
headline, possessive noun cues, "in X's view". Sentences from PolNeAR train, shortened where long,
annotated with the real parser."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Statement


def statements(text: str) -> tuple[Statement, ...]:
    [annotation] = annotate_batch([Article(id="t", source="x", text=text, content_hash="h", language="en")])
    return annotation.statements


def test_colon_label_after_a_dash_names_the_speaker() -> None:
    text = ("Voters in Iowa went to the caucuses on Monday night.\n\n"
            "IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal and Jon Cohen: “Although "
            "the polls failed to predict Ted Cruz’s Iowa win, it isn’t because they were dead wrong. They "
            "just ended too early.” [HuffPost.]\n")
    found = [st for st in statements(text) if st.text.startswith("“Although the polls")]
    assert len(found) == 1
    assert found[0].speaker_text == "Mark Blumenthal and Jon Cohen"
    assert found[0].text.endswith("too early.”")  # the source tag "[HuffPost.]" is not the quote


def test_colon_label_in_a_headline_names_the_speaker() -> None:
    text = ("Obama: I’m Optimistic Americans Will Say No to Trump\n\n"
            "Sunday on CNN, the president spoke about the election and the candidates.\n")
    found = [st for st in statements(text) if st.text == "I’m Optimistic Americans Will Say No to Trump"]
    assert len(found) == 1 and found[0].speaker_text == "Obama"


def test_colon_after_a_common_label_is_not_a_statement() -> None:
    text = ("Related Articles: Obama Says Americans Will Reject Trump\n\n"
            "Wait, it gets better: the council voted to keep the budget as it was.\n")
    assert not [st for st in statements(text) if st.cue == ":"]


def test_possessive_stance_noun_with_a_clause_is_an_attribution() -> None:
    text = ("The poll was conducted in late October, before Trump’s controversial proposal to ban Muslims "
            "from entering the United States.")
    found = [st for st in statements(text) if st.text == "to ban Muslims from entering the United States"]
    assert len(found) == 1 and found[0].speaker_text == "Trump" and found[0].cue == "proposal"


def test_possessive_noun_with_a_preposition_object_is_not_an_attribution() -> None:
    # "plan for the course" is a plan, not something the holder said.
    text = "The club owner changed his plan for the course, which involved reducing the 36 holes to 18."
    assert not [st for st in statements(text) if st.cue == "plan"]


def test_in_someones_view_holds_the_rest_of_the_clause() -> None:
    text = ("The next president will face an across-the-board failure, from diplomacy to the defense "
            "budget, in Bolton’s view.")
    found = [st for st in statements(text) if st.cue == "view"]
    assert len(found) == 1 and found[0].speaker_text == "Bolton"
    assert found[0].text.startswith("The next president will face") and "Bolton" not in found[0].text


def test_headline_with_a_named_speaker_and_a_cue_verb_is_an_attribution() -> None:
    text = ("China rebuts American criticism on overcapacity\n\n"
            "Officials in Beijing spoke to reporters on Monday about the steel industry.\n")
    found = [st for st in statements(text) if st.text == "American criticism on overcapacity"]
    assert len(found) == 1 and found[0].speaker_text == "China" and found[0].cue == "rebuts"


def test_headline_without_a_named_speaker_is_not_an_attribution() -> None:
    text = ("He says the new bridge will never open on time\n\n"
            "The council met on Monday to discuss the budget.\n")
    assert not [st for st in statements(text) if st.text.startswith("the new bridge")]


def test_according_to_after_a_comma_closes_the_sentence_before_it() -> None:
    text = ("Trump is lagging behind Clinton by more than nine percentage points, according to the "
            "RealClearPolitics polling average in New Hampshire - despite winning the first-in-the-nation "
            "primary there in February.")
    found = [st for st in statements(text) if st.cue and st.cue.startswith("according")]
    assert [st.text for st in found] == ["Trump is lagging behind Clinton by more than nine percentage points"]


def test_colon_label_tagged_as_a_common_noun_is_a_name_the_article_uses() -> None:
    text = ("Reid: 'Never, ever, ever underestimate Trump.'\n\n"
            "Harry Reid has some advice for Democrats already celebrating the end of the primaries.\n")
    found = [st for st in statements(text) if st.cue == ":"]
    assert len(found) == 1 and found[0].speaker_text == "Reid"
    assert found[0].text == "'Never, ever, ever underestimate Trump.'"


def test_crosshead_inside_the_story_is_not_an_attribution() -> None:
    """Seed 002's crosshead sums up a statement the next paragraph reports in full."""
    text = ("US signals NATO membership for Ukraine is still on the table\n\n"
            "Ukraine's accession to NATO is unrealistic, but apparently not completely off the table.\n\n"
            "Trump does not believe that Russia \"allows\" this\n\n"
            "Trump said in Washington that he did not believe that Russia would \"allow\" Ukraine to join.\n")
    assert not [st for st in statements(text) if st.text.startswith("that Russia \"allows\"")]


def test_site_section_with_a_colon_is_not_a_statement() -> None:
    """examples/corpus: the page footers 'About The Harbour Ledger:' and 'Our Standards:'."""
    text = ("The council met on Monday to discuss the harbour budget.\n\n"
            "About The Harbour Ledger: The Harbour Ledger is an independent digital newsroom covering world "
            "affairs, climate and the economy.\n\n"
            "Our Standards: The Meridian Trust Principles\n")
    assert not [st for st in statements(text) if st.cue == ":"]


def test_according_to_before_the_main_clause_keeps_the_main_clause() -> None:
    """FNC-1 train body 1293, shortened: the phrase sits between a fronted clause and the main one."""
    text = ("While she studied French in Paris, according to her family, she later moved to Syria to work "
            "for an aid group in the north of the country.")
    found = [st for st in statements(text) if st.cue and st.cue.startswith("according")]
    assert [st.text for st in found] == ["she later moved to Syria to work for an aid group in the north of the country"]


def test_scraped_related_links_label_is_not_a_speaker() -> None:
    text = ("Police said the attacker was known to them.\n\n"
            "RelatedIsis Syria Photos: Fire Balls Explode in Kobani as the Battle Rages On\n")
    assert not [st for st in statements(text) if st.cue == ":"]


def test_stance_noun_held_by_a_named_by_phrase() -> None:
    text = "The surprise announcement by Senator Maria Lopez that she would retire shook the state party."
    found = [st for st in statements(text) if st.cue == "announcement"]
    assert [(st.text, st.speaker_text) for st in found] == [("that she would retire", "Senator Maria Lopez")]
