"""Who said what: attributed statements, mentions and entities (see annotate / link_entities)."""

from newsprism.statements.annotate import annotate
from newsprism.statements.linking import link_entities

# v7: the content parts and recall of the attribution branches (v5, v6 there) together with the
# speaker rounds (v5, v6 there), merged. v8 on two branches (speaker round 5; sources by construction,
# attribution round 3), merged: v9. v10: attributions without a cue verb (statements.nouncues: colon
# labels, stance nouns, "in X's view", headlines with a named speaker; v8 on branch attribution-nouncues).
# v13 on four branches (attribution-sources: lost subjects; attribution-recall4: reports inside a split
# quote, stance adjectives, if-clauses of "ask"; attribution-bounds: content boundaries as PolNeAR marks
# them, statements.bounds; speakers-resolve: speaker round 7), merged: v14.
# v15 (speakers-frames8: speaker tokens of inverted and appositive cues) and v16 (speakers-orgs8:
# organisation speakers), merged: v17.
STATEMENTS = "newsprism.statements.v17"

__all__ = ["STATEMENTS", "annotate", "link_entities"]
