"""The same-claim test of the contradiction detector (issue 21): only statements about the same
specific claim, by real speakers who do not agree, are paired; on real parts (spaCy parses, the
stance engine, the opinion conflict stages over statements given directly)."""

from __future__ import annotations

import json

from conftest import ROOT, load_script
from newsprism.conflicts.gather import opinion_conflicts
from newsprism.conflicts.polarity import evaluation, incompatibility
from newsprism.conflicts.reversal import restated
from newsprism.conflicts.sameclaim import (
    agreement_in_context,
    is_narration,
    same_claim,
    stance_agreement,
)
from newsprism.model import Article, Conflict, Entity, Statement

PEOPLE = {"smith": "Anna Smith", "jones": "Mark Jones", "lee": "Karen Lee"}


def story(paragraphs: list[tuple[str, str, str, str]], outlet: str = "Daily Ledger") -> tuple[Conflict, ...]:
    """One article of `paragraphs` (speaker key, cue, content, the paragraph around it) and the
    opinion conflicts the pipeline's stages find among its statements."""
    text = "\n\n".join(p for _, _, _, p in paragraphs)
    article = Article(id="a1", source="test", text=text, content_hash="h1", title="A council dispute",
                      published="2026-03-02", outlet=outlet, language="en")
    statements = []
    for n, (who, cue, content, paragraph) in enumerate(paragraphs):
        start = text.index(paragraph) + paragraph.index(content)
        statements.append(Statement(id=f"s{n}", article_id="a1", speaker=f"e-{who}",
                                    speaker_text=PEOPLE.get(who, who), cue=cue, text=content, direct=False,
                                    start=start, end=start + len(content)))
    entities = [Entity(id=f"e-{k}", name=v, type="PERSON") for k, v in PEOPLE.items()]
    entities.append(Entity(id=f"e-{outlet}", name=outlet, type="ORG"))
    return tuple(c for c in opinion_conflicts([article], statements, entities, "story-1")
                 if c.kind.value == "contradiction")


def test_different_claims_of_one_topic_are_not_the_same_claim() -> None:
    assert not same_claim("the audit report found no evidence of fraud in the budget",
                          "the audit report on the budget must be made public").same
    found = same_claim("Timmons isn't the one who fired the fatal shot", "Jermayne fired the shot")
    assert found.same and "fire" in found.predicates


def test_a_denial_in_other_words_names_the_same_claim() -> None:
    assert same_claim("the unemployment rate rose to 5 percent", "the unemployment rate fell to 4 percent"
                      ).numbers_differ


def test_the_stance_engine_reading_is_a_signal_not_a_veto() -> None:
    assert stance_agreement("The problem is there is no relationship with the police.",
                            "The problem is, people still don't want to go to the police") > 0.5
    # a claim and its negation read as agreeing: why the stage never drops a pair on this reading
    assert stance_agreement("that Clinton was the winner of Monday night's debate",
                            "that Clinton was not the winner of Monday night's debate") > 0.5


def test_narration_and_agreement_words() -> None:
    assert is_narration("The Anchorage Daily News", "Anchorage Daily News")
    assert is_narration("the article")
    assert not is_narration("BuzzFeed", "The New York Times")
    context = "US President Donald Trump has backed Defense Secretary Pete Hegseth's assessment that"
    assert agreement_in_context(context, "Hegseth")
    assert not agreement_in_context(context, "Kallas")


def test_different_claims_of_one_topic_are_never_paired() -> None:
    # one topic (the audit report), two claims: what it found, whether it is published
    found = story([
        ("smith", "said", "the audit report did not find evidence of fraud in the city budget",
         "Anna Smith said the audit report did not find evidence of fraud in the city budget."),
        ("jones", "said", "the audit report on the city budget must be released in full",
         "Mark Jones said the audit report on the city budget must be released in full."),
    ])
    assert found == ()


def test_two_speakers_who_agree_are_never_paired() -> None:
    found = story([
        ("smith", "said", "the new stadium is not a good use of public money",
         "Anna Smith said the new stadium is not a good use of public money."),
        ("jones", "said", "the new stadium is a waste of public money",
         "Mark Jones echoed Smith, saying the new stadium is a waste of public money."),
    ])
    assert found == ()


def test_the_outlet_quoting_itself_is_narration() -> None:
    found = story([
        ("Daily Ledger", "reported", "the mayor will not sign the stadium contract",
         "The Daily Ledger reported that the mayor will not sign the stadium contract."),
        ("lee", "said", "the mayor will sign the stadium contract on Friday",
         "Karen Lee said the mayor will sign the stadium contract on Friday."),
    ])
    assert all("e-Daily Ledger" not in c.speakers for c in found)


def test_the_same_claim_with_opposite_stances_is_paired() -> None:
    found = story([
        ("smith", "said", "the mayor will not sign the stadium contract",
         "Anna Smith said the mayor will not sign the stadium contract."),
        ("lee", "said", "the mayor will sign the stadium contract on Friday",
         "Karen Lee said the mayor will sign the stadium contract on Friday."),
    ])
    assert [set(c.speakers) for c in found] == [{"e-smith", "e-lee"}]


def test_one_remark_reported_twice_is_a_restatement() -> None:
    assert restated("the plant will not close before March", "The plant will not close before March.")
    assert not restated("the plant will not close before March", "the plant will close in March after all")


def test_evaluation_reads_negation_scope_and_cues() -> None:
    assert evaluation("he does not favor changing the Endangered Species Act") == -1
    assert evaluation("the mayor's remarks about the judge", "condemned") == -1
    assert evaluation("Clinton has proven herself capable on matters of national security") == 1
    assert evaluation("the council will meet on Friday") == 0


def test_two_speakers_who_agree_in_other_words_are_never_paired() -> None:
    # both against the changes: "a disgrace" and "does not favor" evaluate the target alike
    found = story([
        ("smith", "said", "the council's changes to the zoning law were a disgrace",
         "Anna Smith said the council's changes to the zoning law were a disgrace."),
        ("jones", "said", "he does not favor the council's changes to the zoning law",
         "Mark Jones said he does not favor the council's changes to the zoning law."),
    ])
    assert found == ()
    # both say the flaw reaches every version; the "never" is about zero-day flaws in general
    found = story([
        ("smith", "said", "the flaw affects every version of the browser",
         "Anna Smith said the flaw affects every version of the browser."),
        ("jones", "said", "zero-day flaws are never a good thing, especially when they affect every version of "
         "the browser", "Mark Jones said zero-day flaws are never a good thing, especially when they affect "
         "every version of the browser."),
    ])
    assert found == ()


def test_compatible_claims_sharing_a_predicate_are_never_paired() -> None:
    # the "not" negates another clause (the ferry), not the shared claim (the bridge closed)
    found = story([
        ("smith", "said", "the city closed the old bridge in March",
         "Anna Smith said the city closed the old bridge in March."),
        ("jones", "said", "the city closed the old bridge in March and the ferry did not run",
         "Mark Jones said the city closed the old bridge in March and the ferry did not run."),
    ])
    assert found == ()


def test_incompatibility_needs_a_negation_figure_name_or_denial_on_the_shared_claim() -> None:
    sc = same_claim("Timmons isn't the one who fired the fatal shot", "Jermayne fired the shot")
    assert incompatibility("Timmons isn't the one who fired the fatal shot", None, "Jermayne fired the shot",
                           None, sc) is not None
    sc = same_claim("that he was working on a book", "that he was working on a book")
    assert incompatibility("that he was working on a book", "denied", "that he was working on a book",
                           "reported", sc) == "denial"
    sc = same_claim("the unemployment rate rose to 5 percent", "the unemployment rate rose to 4 percent")
    assert incompatibility("the unemployment rate rose to 5 percent", None,
                           "the unemployment rate rose to 4 percent", None, sc) == "different figures"
    sc = same_claim("the city closed the old bridge", "the city closed the old bridge and the ferry did not run")
    assert incompatibility("the city closed the old bridge", None,
                           "the city closed the old bridge and the ferry did not run", None, sc) is None


def test_gate_the_same_claim_test_on_the_hand_labelled_pairs() -> None:
    """eval/conflicts.py --same-claim on the 161 hand-labelled statement pairs stays above its floors."""
    floors = json.loads((ROOT / "eval" / "floors_conflicts.json").read_text(encoding="utf-8"))
    ev = load_script(ROOT / "eval" / "conflicts.py")
    result = ev.score(ev.load_pairs(), True)
    assert result["contradiction_precision"] >= floors["same_claim_precision"], result
    assert result["contradiction_recall"] >= floors["same_claim_recall"], result
