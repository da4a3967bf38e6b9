"""Nouns that stand for an organisation, its documents and its people (referents.py, name_types.py)."""

from __future__ import annotations

# Nouns that stand for an organisation when definite ("the court said").
ORG_NOUNS = frozenset({
    "court", "airline", "company", "firm", "team", "club", "bureau", "board", "magazine", "newspaper",
    "paper", "network", "channel", "station", "agency", "ministry", "department", "office", "campaign",
    "committee", "commission", "council", "party", "group", "organization", "organisation", "giant",
    "maker", "manufacturer", "carrier", "retailer", "bank", "university", "school", "hospital",
    "union", "association", "foundation", "institute", "administration", "government", "regime",
    "army", "military", "police", "website", "site", "publication", "outlet", "broadcaster", "studio",
    "label", "charity", "coalition", "alliance", "senate", "house", "congress", "parliament", "panel",
    "tribunal", "authority", "service", "corporation", "conglomerate", "startup", "league",
})
# Documents an organisation issues ("the statement said").
DOCUMENT_NOUNS = frozenset({
    "statement", "release", "complaint", "opinion", "editorial", "report", "letter", "memo", "filing",
    "ruling", "announcement", "proposal", "counterproposal", "notice", "post", "tweet", "lawsuit",
    "suit", "motion", "brief", "order", "decision", "investigation", "study", "survey", "document",
    "advisory", "bulletin", "communique", "declaration", "petition", "policy", "email", "e-mail",
    "column",
})
# Evidence an organisation produced ("the FBI data", "a CBS poll"): it speaks for the organisation
# named inside the phrase or in an earlier phrase with the same noun, never for a nearby one.
EVIDENCE_NOUNS = frozenset({
    "data", "datum", "poll", "playbook", "results", "figures", "findings", "statistics", "numbers",
    "result", "finding",  # the lemmas phrase_kind looks up for a plural ("the results")
})
# People who speak for an organisation ("a Twitter spokesman").
REPRESENTATIVE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "representative", "rep", "official", "source",
    "executive", "officer", "aide", "staffer", "employee", "lawyer", "attorney", "adviser", "advisor",
    "insider", "member",
})
