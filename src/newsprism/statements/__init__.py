"""Who said what: attributed statements, mentions and entities (see annotate / link_entities)."""

from newsprism.statements.annotate import annotate
from newsprism.statements.linking import link_entities

# v7: the content parts and recall of the attribution branches (v5, v6 there) together with the
# speaker rounds (v5, v6 there), merged. v8 on two branches (speaker round 5; sources by construction,
# attribution round 3), merged: v9. v10: attributions without a cue verb (statements.nouncues: colon
# labels, stance nouns, "in X's view", headlines with a named speaker; v8 on branch attribution-nouncues).
# v13: speaker round 7 (document issuers, unnamed subjects, pronoun-subject chains, missed names).
STATEMENTS = "newsprism.statements.v13"

__all__ = ["STATEMENTS", "annotate", "link_entities"]
