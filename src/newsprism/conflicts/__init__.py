"""Conflicts, one family: a `model.ConflictKind` and one module per kind, each a registered story stage.

- `contradiction`: two speakers, opposite stances on one claim;
- `reversal`: one speaker walks an earlier statement back;
- `discrepancy`: a headline against what quoted sources say, a number reported two ways;
- `date_discrepancy`: one event dated differently by two reports (kind `discrepancy`);
- `distortion`: a derived article changed what its source said;
- `gather`: every kind's conflicts in one list, the order reports show.

Adding a kind: a module here with its detection function and `@story_stage` declaration (it
provides its own field of `run.state.StoryState`), an entry in `gather`, its template partial.
The opinion kinds read the positions stage's claim table (`claims.ClaimTable`).
"""
