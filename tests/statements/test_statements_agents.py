"""Speaker resolution (issue 20): what someone's agent (lawyer, spokesman, aide ...) reports of "he"
or "she" is about the owner, not the agent: "His family lawyer, John O'Connor, said he died" means
the client died. Made-up sentences, real annotate + link_entities."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article
from newsprism.statements import link_entities


def pronoun_referents(text: str) -> list[tuple[int, str | None]]:
    """(start, entity name) of each pronoun mention outside quotes, in text order."""
    article = Article(id="t1", source="x", text=text, content_hash="h", language="en")
    entities, (annotation,) = link_entities([article], annotate_batch([article]))
    names = {e.id: e.name for e in entities}
    return [(m.start, names.get(m.entity) if m.entity else None) for m in annotation.mentions
            if m.kind == "pronoun"]


def referent_at(text: str, snippet: str) -> str | None:
    """The entity the pronoun opening `snippet` refers to."""
    at = text.index(snippet)
    found = dict(pronoun_referents(text))
    assert at in found, f"no pronoun mention at {snippet!r}: {pronoun_referents(text)}"
    return found[at]


def test_a_family_lawyer_speaks_of_his_client() -> None:
    text = ("Mark Felt was the FBI official known as Deep Throat. His family lawyer, John O'Connor, "
            "said he died Thursday at his home in Santa Rosa.")
    assert referent_at(text, "he died") == "Mark Felt"


def test_a_spokeswoman_speaks_of_the_named_owner() -> None:
    text = ("Governor Anna Berg left the capital on Monday. Berg's spokeswoman, Lisa Tran, said she "
            "would return next week.")
    assert referent_at(text, "she would return") == "Anna Berg"


def test_a_pronoun_of_the_other_gender_is_not_the_owner() -> None:
    """Gender must agree: "his" owner, "she" in the content is someone else (not forced to him)."""
    text = ("Senator Paul Reyes met the auditor Maria Lopez on Monday. His aide said she had asked for "
            "the files.")
    assert referent_at(text, "she had asked") != "Paul Reyes"


def test_a_name_before_its_agent_role_is_not_its_own_owner() -> None:
    """"John O'Connor, his family lawyer, said he died": *his* is not O'Connor himself, so neither is *he*."""
    text = ("Mark Felt was the FBI official known as Deep Throat. John O'Connor, his family lawyer, said he "
            "died Thursday.")
    assert referent_at(text, "his family lawyer") == "Mark Felt"
    assert referent_at(text, "he died") == "Mark Felt"
