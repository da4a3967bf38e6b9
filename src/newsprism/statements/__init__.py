"""Who said what: attributed statements, mentions and entities (see annotate / link_entities)."""

from newsprism.statements.annotate import annotate
from newsprism.statements.linking import link_entities

STATEMENTS = "newsprism.statements.v6"

__all__ = ["STATEMENTS", "annotate", "link_entities"]
