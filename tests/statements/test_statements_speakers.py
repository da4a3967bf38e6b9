"""Speaker resolution inside an article (issue 20): descriptions, organisations and pronouns resolve
to the named entity they refer to, never to a nearer bystander; made-up sentences, real annotate +
link_entities."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article
from newsprism.statements import link_entities


def _speakers(text: str) -> dict[str, str | None]:
    """Each statement's content -> its speaker's entity name (None when unresolved)."""
    article = Article(id="t1", source="x", text=text, content_hash="h", language="en")
    entities, (annotation,) = link_entities([article], annotate_batch([article]))
    names = {e.id: e.name for e in entities}
    return {st.text: names.get(st.speaker) if st.speaker else None for st in annotation.statements}


def _speaker_of(text: str, snippet: str) -> str | None:
    found = {content: name for content, name in _speakers(text).items() if snippet in content}
    assert found, f"no statement holds {snippet!r}: {_speakers(text)}"
    return next(iter(found.values()))


def test_title_before_the_name_resolves_the_bare_role() -> None:
    text = ('Sen. Walter Brandt, who chairs the farm committee, spoke in Dayton on Monday.\n\n'
            'Governor Lena Ortiz met him there.\n\n'
            '"The harvest bill will pass this month," the senator said.')
    assert _speaker_of(text, "harvest bill") == "Walter Brandt"


def test_descriptive_speaker_takes_the_topic_person_not_a_bystander() -> None:
    text = ('Ronald Fisk told reporters on Friday that the factory would reopen.\n\n'
            '"We owe it to the town," the veteran businessman said.')
    assert _speaker_of(text, "owe it to the town") == "Ronald Fisk"


def test_she_never_goes_to_a_man_nearer_to_the_quote() -> None:
    text = ('Margaret Olsen criticised the budget on Tuesday.\n\n'
            '"It balances the books," said Thomas Reed, the city treasurer.\n\n'
            '"This plan leaves schools behind," she said.')
    assert _speaker_of(text, "leaves schools behind") == "Margaret Olsen"


def test_organisation_spokesman_and_statement_speak_for_the_organisation() -> None:
    text = ('Brightwell Industries closed two plants in Ohio this week.\n\n'
            '"We regret the decision," a Brightwell Industries spokesman said.\n\n'
            '"Workers will receive full severance," the statement said.')
    speakers = _speakers(text)
    spokesman = next(name for content, name in speakers.items() if "regret the decision" in content)
    statement = next(name for content, name in speakers.items() if "full severance" in content)
    assert spokesman == "Brightwell Industries"
    assert statement == "Brightwell Industries"


def test_a_speaker_is_a_named_entity_or_unresolved_never_a_pronoun_or_role() -> None:
    text = '"Nobody told us anything," the driver said.\n\n"It was dark," he added.'
    speakers = _speakers(text)
    assert set(speakers.values()) == {None}

