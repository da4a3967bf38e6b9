"""Propositions worded as claims a reader can check (issue 21): positions/wording.py.

The gate rebuilds every stored wording of eval/propositions_real from its stored source (no pipeline
run) and checks the share of them judged self-contained by reading against the floor."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Entity, Statement, Story
from newsprism.positions.antecedents import preceding_text
from newsprism.positions.checkable import checkable_wording, is_checkable
from newsprism.positions.propositions import build
from newsprism.positions.wording import (
    ClaimSource,
    drop_lead_conjunction,
    governing_clause,
    named,
    reads_as_claim,
    self_contained,
)
from newsprism.run.story import run_story, story_graph
from newsprism.statements import link_entities

HERE = Path(__file__).resolve().parents[2] / "eval"
INPUTS = HERE / "propositions_real" / "inputs.jsonl"
LABELS = HERE / "propositions_real" / "labels.jsonl"
FLOORS = json.loads((HERE / "floors_propositions.json").read_text(encoding="utf-8"))


def source_of(data: dict) -> ClaimSource:
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    fields["referents"] = tuple(tuple(r) for r in data.get("referents", ()))
    return ClaimSource(**fields)


def lines() -> list[dict]:
    return [json.loads(line) for line in INPUTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_stored_wordings_are_rebuilt_from_their_sources() -> None:
    stored = lines()
    assert len(stored) >= 80
    for line in stored:
        assert checkable_wording(source_of(line["source"])) == line["after"], line["before"]


def test_labelled_wordings_read_as_claims_at_the_floor() -> None:
    labels = {(x["corpus"], x["text"]): x["self_contained"]
              for x in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())}
    stored = lines()
    after = [labels[(line["corpus"], line["after"])] for line in stored]
    before = [labels[(line["corpus"], line["before"])] for line in stored]
    assert sum(after) / len(after) >= FLOORS["self_contained_after"]
    assert sum(after) > sum(before)  # the wording only ever adds what the article says around the claim


def test_infinitive_fragment_takes_its_governing_clause() -> None:
    """"To fight back" was a proposition: the speaker and cue before it make it a claim."""
    sentence = "Bettie Page agreed to be photographed for Playboy in 1955."
    src = ClaimSource(text="to be photographed for Playboy", sentence=sentence, content=(19, 49),
                      speaker=(0, 11), cue=(12, 18), speaker_name="Bettie Page", speaker_person=True)
    assert not reads_as_claim("To be photographed for Playboy")
    assert self_contained(src) == "Bettie Page agreed to be photographed for Playboy"


def test_quote_is_given_to_its_speaker_and_unbound_pronouns_stay() -> None:
    sentence = "“I was viciously attacked by Mr. Khan,” Mr. Trump said."
    quoted = ClaimSource(text="I was viciously attacked by Mr. Khan", sentence=sentence, content=(1, 37),
                         speaker=(40, 49), cue=(50, 54), speaker_name="Donald J. Trump", direct=True,
                         speaker_person=True)
    assert self_contained(quoted) == "Donald J. Trump said: “I was viciously attacked by Mr. Khan”"
    # "He was the founder" in Trump's quote is someone else: no wording names him, the text stays
    other = ClaimSource(text="He was the founder", sentence="“He was the founder,” Trump said.", content=(1, 19),
                        speaker=(22, 27), cue=(28, 32), speaker_name="Donald J. Trump", direct=True,
                        speaker_person=True)
    assert self_contained(other) == "He was the founder"


def test_a_wording_never_adds_a_negation() -> None:
    """The proposition takes no side: the sentence around a claim may deny it."""
    sentence = "Coale clarified that there has been no concession to Putin."
    src = ClaimSource(text="there has been concession to Putin", sentence=sentence, content=(21, 58),
                      speaker=(0, 5), cue=(6, 15), speaker_name="John Coale", speaker_person=True)
    assert "no" not in self_contained(src).lower().split()


def test_a_pronoun_the_statement_stage_resolved_takes_its_name() -> None:
    """"John D. O'Connor says he died Thursday": *he* is not the speaker; the statement stage
    resolved it (a pronoun mention), so the proposition names him in the article's words."""
    sentence = "John D. O'Connor says he died Thursday."
    src = ClaimSource(text="he died Thursday", sentence=sentence, content=(22, 38), speaker=(0, 16),
                      cue=(17, 21), speaker_name="John D. O'Connor", speaker_person=True,
                      referents=((22, 24, "Mark Felt"),))
    assert self_contained(src) == "Mark Felt died Thursday"
    # without the referent the speaker would bind *he*: the old wording, which named the wrong man
    assert "Mark Felt" not in self_contained(replace(src, referents=()))


def test_a_claim_that_dropped_the_articles_negator_is_not_put_in_its_speakers_mouth() -> None:
    """"Anna Smith said she would not run": the proposition takes no side ("she would run"), so it may
    not read "Anna Smith said she would run for mayor again", the opposite of her words."""
    sentence = "Anna Smith said she would not run for mayor again."
    src = ClaimSource(text="she would run for mayor again", sentence=sentence, content=(16, 49), speaker=(0, 10),
                      cue=(11, 15), speaker_name="Anna Smith", speaker_person=True)
    assert "Anna Smith said" not in checkable_wording(src)
    assert not is_checkable(checkable_wording(src), src)
    # the negator of another clause of the content is not the claim's: the governing clause stays
    other = ClaimSource(text="she would run for mayor", sentence="Anna Smith said she would run for mayor, not for "
                        "governor.", content=(16, 57), speaker=(0, 10), cue=(11, 15), speaker_name="Anna Smith",
                        speaker_person=True)
    assert checkable_wording(other) == "Anna Smith said she would run for mayor"


def test_a_content_that_ran_over_its_attribution_is_not_attributed_twice() -> None:
    """The statement's content runs on into "Ms Smith told reporters on Monday": the governing clause
    would say it twice ("Anna Smith told she would run ..., Ms Smith told reporters on Monday")."""
    sentence = "She would run for mayor, Ms Smith told reporters on Monday."
    text = "she would run for mayor, Ms Smith told reporters on Monday"
    src = ClaimSource(text=text, sentence=sentence, content=(0, 58), speaker=(25, 33), cue=(34, 38),
                      speaker_name="Anna Smith", speaker_person=True)
    assert checkable_wording(src).count("told") <= 1


def test_a_possessive_takes_the_name_and_the_speaker_keeps_his_pronoun() -> None:
    sentence = "Trump lamented her tendency to commit gaffes."
    src = ClaimSource(text="her tendency to commit gaffes", sentence=sentence, content=(15, 44),
                      speaker=(0, 5), cue=(6, 14), speaker_name="Donald J. Trump", speaker_person=True,
                      referents=((15, 18, "Hillary Clinton"),))
    assert self_contained(src) == "Donald J. Trump lamented Hillary Clinton’s tendency to commit gaffes"
    # a pronoun resolved to the speaker stays: the governing clause names him once
    bound = ClaimSource(text="he would run", sentence="Sanders said he would run.", content=(13, 25),
                        speaker=(0, 7), cue=(8, 12), speaker_name="Bernie Sanders", speaker_person=True,
                        referents=((13, 15, "Bernie Sanders"),))
    assert self_contained(bound) == "Bernie Sanders said he would run"


def story_propositions(reports: list[tuple[str, str]], published: str) -> dict[str, bool]:
    """Proposition text -> checkable, from a real story run over (title, body) reports of one day."""
    articles = [Article(id=f"a{i}", source=f"mem:{i}", text=f"{title}\n\n{body}", content_hash=f"h{i}",
                        title=title, language="en", published=published)
                for i, (title, body) in enumerate(reports)]
    entities, linked = link_entities(articles, annotate_batch(articles))
    story = Story(id="story-test", title=reports[0][0], article_ids=tuple(a.id for a in articles))
    ran = run_story(story, articles, linked, entities, story_graph(), {}).analysis()
    return {p.text: p.checkable for p in ran.propositions}


# The lawyer's statement of his client: *he* is Mark Felt (the agent rule of speaker resolution);
# this test is about passing the statement stage's referents to the wording.
FELT = [("Felt dies at 95", "Mark Felt was the FBI official known as Deep Throat. His family "
         "lawyer, John O'Connor, said he died Thursday at his home in Santa Rosa."),
        ("Deep Throat dead", "Police spokesman Tom Reed said Mark Felt died Thursday at his home in Santa Rosa.")]


def test_the_story_run_passes_the_statement_stages_referents_to_the_wording() -> None:
    """The positions stage reads the annotations' mentions: "he died Thursday" takes the name the
    statement stage resolved *he* to (before, the proposition was "He died Thursday ...")."""
    texts = list(story_propositions(FELT, "2008-12-19"))
    assert "Mark Felt died Thursday at his home in Santa Rosa" in texts
    assert not any(t.startswith("He ") for t in texts)


ANALYST = [("Analyst sues firm", "Marvin Roffman was fired after he predicted the Taj Mahal casino would fail. "
            "The securities analyst decided to fight back."),
           ("Roffman fights back", "Marvin Roffman lost his job at Janney Montgomery Scott. Roffman decided to fight "
            "back, his lawyer said.")]


def test_a_speaker_the_article_describes_is_named_in_the_proposition() -> None:
    """"The securities analyst decided to fight back": the statement stage resolved the description to
    Marvin Roffman; the proposition names him (before, it kept the description and was not checkable)."""
    texts = story_propositions(ANALYST, "1990-03-02")
    assert texts.get("Marvin Roffman decided to fight back") is True, texts
    assert not any(t.startswith("The securities analyst") for t in texts)


def test_a_quote_that_lost_its_opening_mark_is_given_to_its_speaker() -> None:
    """`I'm satisfied, " Klitschko said.`: the sentence split cut the opening mark, the statement is not
    marked direct, yet the "I" is the speaker's."""
    src = ClaimSource(text="I'm satisfied", sentence="I'm satisfied, \" Klitschko said.", content=(0, 13),
                      speaker=(17, 26), cue=(27, 31), speaker_name="Wladimir Klitschko", speaker_person=True)
    assert checkable_wording(src) == "Wladimir Klitschko said: “I'm satisfied”"
    # a quote keeps its words as said: "We", not "we"
    seacom = ClaimSource(text="We will keep you updated", sentence="We will keep you updated, \" SEACOM tweeted.",
                         content=(0, 24), speaker=(28, 34), cue=(35, 42), speaker_name="SEACOM")
    assert checkable_wording(seacom) == "SEACOM tweeted: “We will keep you updated”"


def test_a_claim_naming_nobody_gives_way_to_its_governing_clause() -> None:
    """"Women who have abortions are victims" reads as a claim but says nothing of who said so; the
    governing clause does, and is what a reader can check against the quotes."""
    sentence = "Trump later walked back his remarks and said women who have abortions are victims."
    src = ClaimSource(text="women who have abortions are victims", sentence=sentence, content=(45, 81),
                      speaker=(0, 5), cue=(40, 44), speaker_name="Donald J. Trump", speaker_person=True)
    assert self_contained(src) == "Women who have abortions are victims"
    assert checkable_wording(src) == ("Donald J. Trump later walked back his remarks and said women who have "
                                      "abortions are victims")


def test_an_event_is_named_from_the_sentence_before() -> None:
    """"The crisis underlined ...": the sentence before calls it "the Athens crisis"; the proposition
    takes that noun phrase (the article's words, only when it holds a name)."""
    sentence = "Angela Merkel said the crisis underlined the need for an overhaul of EU fiscal rules."
    before = "Eurozone countries agreed to lend Greece billions after concerns the Athens crisis could spread."
    src = ClaimSource(text="the crisis underlined the need for an overhaul of EU fiscal rules", sentence=sentence,
                      content=(19, 84), speaker=(0, 13), cue=(14, 18), speaker_name="Angela Merkel",
                      speaker_person=True, preceding=before)
    assert checkable_wording(src) == "The Athens crisis underlined the need for an overhaul of EU fiscal rules"
    # with no name in the earlier phrase ("the crisis last week") nothing is added: not checkable
    vague = replace(src, preceding="Eurozone countries met after the crisis last week.")
    assert "Athens" not in checkable_wording(vague)
    assert not is_checkable(checkable_wording(vague), vague)


def test_the_text_before_a_claim_holds_the_lede_and_the_two_sentences_before() -> None:
    """A report names its event in its first sentences ("A fire destroyed the Matanuska Maid building in
    downtown Palmer"); "The building is a total loss" six sentences later takes that phrase."""
    text = ("Fire destroys Palmer landmark\n\nA fire destroyed the Matanuska Maid building in downtown Palmer on "
            "Tuesday. Crews arrived at 3 a.m. The roof collapsed. Firemen fought hotspots. The chief spoke. "
            "Smoke filled the streets. The building is a total loss, the city said.")
    begin = text.index("The building is")
    before = preceding_text(text, begin)
    assert before.startswith("Fire destroys Palmer landmark A fire destroyed the Matanuska Maid building")
    assert before.endswith("The chief spoke. Smoke filled the streets.")
    sentence = text[begin:]
    src = ClaimSource(text="The building is a total loss", sentence=sentence, content=(0, 28),
                      speaker=(30, 38), cue=(39, 43), preceding=before)
    assert checkable_wording(src) == "The Matanuska Maid building in downtown Palmer is a total loss"


def test_a_pronoun_the_speaker_cannot_bind_is_named_from_the_sentences_before() -> None:
    """"He was wearing crampons, inspector Gaskin said": *he* is not Gaskin; the man the sentence before
    names (a listed male first name, the last person named) is."""
    sentence = "He was wearing crampons but was inexperienced, local police inspector Dave Gaskin said."
    before = "A British man was killed in New Zealand. Robert Buckley, 32, was climbing on Mount Sefton on Saturday."
    src = ClaimSource(text="He was wearing crampons but was inexperienced", sentence=sentence, content=(0, 45),
                      speaker=(70, 81), cue=(82, 86), speaker_name="Dave Gaskin", speaker_person=True,
                      preceding=before)
    assert checkable_wording(src) == "Robert Buckley was wearing crampons but was inexperienced"
    # the last person named is a woman: no name fits *he*, the proposition stays not checkable
    other = replace(src, preceding="A British man was killed in New Zealand. Mary Jones found the body on Saturday.")
    assert not is_checkable(checkable_wording(other), other)


FIRE = [("Fire destroys Palmer landmark", "A fire destroyed the Matanuska Maid building in downtown Palmer on Tuesday. "
         "Crews arrived at 3 a.m. and fought the flames for hours. The building is a total loss, fire chief John "
         "McNutt said."),
        ("Palmer blaze", "The Matanuska Maid building in downtown Palmer burned on Tuesday. Fire chief John McNutt "
         "said the building is a total loss.")]


def test_the_story_run_names_a_definite_subject_from_the_article_before_the_claim() -> None:
    """The positions stage passes the article's text before the claim (`ClaimSource.preceding`): "The
    building is a total loss" takes the lede's "the Matanuska Maid building in downtown Palmer" and is
    checkable (before: the bare description, not checkable)."""
    texts = story_propositions(FIRE, "2012-03-02")
    assert texts.get("The Matanuska Maid building in downtown Palmer is a total loss") is True, texts
    assert "The building is a total loss" not in texts


def quote_story(quote: str, sentence: str) -> list[str]:
    """The propositions of a one-article story in which Anna Smith says `quote` inside `sentence`."""
    article = Article(id="a0", source="test", text=sentence, content_hash="h0", title="A club dispute",
                      published="2026-03-02", outlet="Outlet", language="en")
    start = sentence.index(quote)
    statement = Statement(id="s0", article_id="a0", speaker="e-smith", speaker_text="Anna Smith", cue="said",
                          text=quote, direct=True, start=start, end=start + len(quote))
    built = build([article], [statement], [Entity(id="e-smith", name="Anna Smith", type="PERSON")], "story-1")
    return [p.text for p in built.propositions]


def test_a_that_which_is_the_subject_is_not_cut_off() -> None:
    """"That is a fundamental violation of law" was worded "Is a fundamental violation of law": the
    leading "that" of a reported content ("said that X") was dropped even where it is the subject."""
    texts = quote_story("That is a fundamental violation of the club rules",
                        "“That is a fundamental violation of the club rules,” Anna Smith said.")
    assert texts and not any(t.startswith("Is ") for t in texts), texts
    assert any("That is a fundamental violation" in t for t in texts), texts
    # the complementiser of a reported content is still dropped
    assert drop_lead_conjunction("that the fire was suspicious") == "the fire was suspicious"
    assert drop_lead_conjunction("That's obviously in question") == "That's obviously in question"
    assert drop_lead_conjunction("That decision was wrong") == "That decision was wrong"


def test_a_speaker_named_with_its_article_keeps_it() -> None:
    """"the Post reported" resolved to the entity "Post" was worded "Post reported: ...": the name
    without its article; the article's words "the Post" name the same outlet and read as a sentence."""
    sentence = "“The council voted to close the harbour,” the Post reported."
    src = ClaimSource(text="The council voted to close the harbour", sentence=sentence, content=(1, 39),
                      speaker=(42, 50), cue=(51, 59), speaker_name="Post", direct=True)
    assert named(src) == "the Post"
    assert governing_clause(src) == "The Post reported: “The council voted to close the harbour”"


def quote_source(sentence: str, content: str, speaker: str, cue: str) -> ClaimSource:
    """Anna Smith's quote `content` in `sentence`, attributed by `speaker` and `cue`."""
    at, who = sentence.index(content), sentence.index(speaker)
    said = sentence.index(cue, who)
    return ClaimSource(text=content, sentence=sentence, content=(at, at + len(content)),
                       speaker=(who, who + len(speaker)), cue=(said, said + len(cue)), speaker_name="Anna Smith",
                       direct=True, speaker_person=True)


def test_a_quote_that_starts_with_its_verb_takes_its_subject_from_the_article() -> None:
    """A partial quote whose subject the article gives before it ("The Harbor Road Club, Smith said,
    “is ...”") was worded "Anna Smith said: “is ...”", a fragment given to the speaker; a subject
    between the cue and the quote was cut from its verb by a colon ("said Mark Jones: “is ...”")."""
    interrupted = quote_source("The Harbor Road Club, Smith said, “is a danger to the harbour.”",
                               "is a danger to the harbour", "Smith", "said")
    assert governing_clause(interrupted) == "Anna Smith said the Harbor Road Club “is a danger to the harbour”"
    after = quote_source("Mark Jones “is a danger to the harbour,” Smith said.", "is a danger to the harbour",
                         "Smith", "said")
    assert checkable_wording(after) == "Anna Smith said Mark Jones “is a danger to the harbour”"
    between = quote_source("Smith said Mark Jones “is a danger to the harbour.”", "is a danger to the harbour",
                           "Smith", "said")
    assert governing_clause(between) == "Anna Smith said Mark Jones “is a danger to the harbour”"
    # no name before the quote: it stays a fragment, not checkable
    unnamed = quote_source("The club, Smith said, “is a danger to the harbour.”", "is a danger to the harbour",
                           "Smith", "said")
    assert not is_checkable(checkable_wording(unnamed), unnamed)


def test_a_denial_made_affirmative_names_the_speaker_its_pronoun_stands_for() -> None:
    """"Anna Smith said she would not run for mayor again": the proposition takes no side ("she would
    run ..."), so it cannot be given to Smith, and was worded "She would run for mayor again", naming
    nobody. The statement stage resolved *she* to Smith: the claim names her."""
    sentence = "Anna Smith said she would not run for mayor again."
    src = ClaimSource(text="she would run for mayor again", sentence=sentence, content=(16, 49), speaker=(0, 10),
                      cue=(11, 15), speaker_name="Anna Smith", speaker_person=True,
                      referents=((16, 19, "Anna Smith"),))
    assert checkable_wording(src) == "Anna Smith would run for mayor again"
    assert is_checkable(checkable_wording(src), src)
    # a pronoun the statement stage did not resolve to the speaker stays unnamed
    assert checkable_wording(replace(src, referents=())) == "She would run for mayor again"
