"""One entity per real person/place across the seed story; descriptions only where supported."""

from __future__ import annotations

import pytest
from test_statements_seeds import story


def _entity_of(alias: str):
    entities, _ = story()
    return [e for e in entities if alias in e.aliases]


@pytest.mark.parametrize(("aliases", "name"), [
    (("Hegseth", "Pete Hegseth", "the Pentagon chief", "the secretary"), "Pete Hegseth"),
    (("Volodymyr Zelenskiy", "Volodymyr Zelenskyy", "Volodymyr Zelensky"), "Volodymyr Zelensky"),
    (("Trump", "Donald Trump", "The US president"), "Donald Trump"),
    (("John Coale", "Coale"), "John Coale"),
    (("Kyiv", "Kiev"), None),
])
def test_one_identity(seeds_dir, aliases, name):
    found = {e.id for alias in aliases for e in _entity_of(alias)}
    assert len(found) == 1, (aliases, found)
    if name is not None:
        assert _entity_of(aliases[0])[0].name == name


def test_roles_from_titles_and_appositions(seeds_dir):
    hegseth = _entity_of("Pete Hegseth")[0]
    assert "U.S. Defense Secretary" in hegseth.roles
    coale = _entity_of("John Coale")[0]
    assert "President Donald Trump's deputy Ukraine envoy" in coale.roles


def test_ambiguous_description_is_not_guessed(seeds_dir):
    # 001: "the president" after both Trump and Biden were called President -> no entity.
    _, annotations = story()
    assert all(m.entity is None for m in annotations["001"].mentions if m.text == "the president")


def test_ids_are_stable(seeds_dir):
    entities, _ = story()
    assert all(e.id.startswith("ent-") for e in entities)
    assert len({e.id for e in entities}) == len(entities)
