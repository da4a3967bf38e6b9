"""What kind of organisation a name is (company, newspaper, agency, ...), so that "the company" or
"the newspaper" takes the nearest earlier organisation of that kind, not merely the nearest one.

The kind comes from the article itself first: an apposition or copula ("Wealth-X, a wealth research
firm"; "Nabisco's parent company, Mondelez International"; "X is a polling firm"), a kind noun
written with the name ("Forbes magazine", "research firm Wealth-X"); then the name's own head word
("... Sentinel" a newspaper, "... Inc." a company, "... University"); then a short table of widely
known organisations that ships with the code (AP, FBI, CNN, Twitter). Kinds are coarse on purpose:
an anaphor noun may fit several ("the outlet": newspaper, magazine, broadcaster, news agency).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from newsprism.statements.names import fold

COMPANY, NEWSPAPER, MAGAZINE = "company", "newspaper", "magazine"
BROADCASTER, NEWS_AGENCY, AIRLINE, BANK = "broadcaster", "news agency", "airline", "bank"
AGENCY, UNIVERSITY, PARTY, COURT, CAMPAIGN, POLLSTER = "agency", "university", "party", "court", "campaign", "pollster"
_PRESS = frozenset({NEWSPAPER, MAGAZINE, BROADCASTER, NEWS_AGENCY})

# The kinds an organisation noun can stand for, as an anaphor ("the company said") or as what a
# name is said to be ("Wealth-X, a research firm").
NOUN_KINDS: dict[str, frozenset[str]] = {
    **{w: frozenset({COMPANY}) for w in (
        "company", "firm", "corporation", "conglomerate", "startup", "business", "maker", "manufacturer",
        "retailer", "giant", "chain", "automaker", "insurer", "brand", "subsidiary", "developer",
        "provider", "supplier", "producer", "distributor")},
    # A company may be an airline or a bank; "the airline" is only an airline.
    **{w: frozenset({COMPANY, AIRLINE, BANK}) for w in ("company", "firm", "corporation", "business")},
    **{w: frozenset({AIRLINE}) for w in ("airline", "carrier")},
    "bank": frozenset({BANK}),
    **{w: frozenset({NEWSPAPER}) for w in ("newspaper", "paper", "daily", "tabloid")},
    "magazine": frozenset({MAGAZINE}),
    **{w: frozenset({BROADCASTER}) for w in ("network", "channel", "station", "broadcaster")},
    **{w: _PRESS for w in ("outlet", "publication", "publisher")},
    # A descriptor compound that makes a press kind of a vague noun ("the news service").
    **{f"news {w}": _PRESS for w in ("service", "organization", "organisation", "site", "website")},
    **{w: frozenset({AGENCY}) for w in ("agency", "bureau", "department", "ministry", "police")},
    **{w: frozenset({UNIVERSITY}) for w in ("university", "college")},
    "party": frozenset({PARTY}),
    **{w: frozenset({COURT}) for w in ("court", "tribunal")},
    "campaign": frozenset({CAMPAIGN}),
    "pollster": frozenset({POLLSTER}),
}
# The last word of a name that says its kind ("Orlando Sentinel", "Acme Corp.", "Ohio State University").
_NAME_HEADS: dict[str, str] = {
    **{w: NEWSPAPER for w in ("sentinel", "times", "post", "journal", "tribune", "herald", "gazette", "globe",
                              "chronicle", "inquirer", "courier", "examiner", "dispatch", "register",
                              "bee", "star-ledger", "plain dealer", "enquirer", "telegraph", "observer")},
    **{w: COMPANY for w in ("inc", "corp", "co", "llc", "ltd", "plc", "company", "corporation", "holdings",
                            "group", "industries", "motors", "pharmaceuticals", "technologies",
                            "enterprises", "foods", "brands")},
    **{w: AIRLINE for w in ("airlines", "airways", "air")},
    "bank": BANK,
    "magazine": MAGAZINE,
    **{w: UNIVERSITY for w in ("university", "college")},
    "party": PARTY,
    **{w: AGENCY for w in ("ministry", "department", "agency", "bureau", "police", "administration",
                           "service", "commission")},
    "court": COURT,
    "campaign": CAMPAIGN,
}
_TAILS = frozenset({"international", "worldwide", "global", "usa", "america", "us"})
# Widely known organisations an article names without saying what they are (general knowledge).
KNOWN_ORGS: dict[str, str] = {
    **{n: NEWS_AGENCY for n in ("ap", "associated press", "reuters", "afp", "agence france-presse",
                                "bloomberg", "upi")},
    **{n: AGENCY for n in ("fbi", "cia", "nsa", "dhs", "epa", "irs", "cdc", "fda", "ice", "tsa", "dea",
                           "atf", "pentagon", "secret service", "justice department", "state department",
                           "federal bureau of investigation", "department of justice", "nypd", "lapd")},
    **{n: BROADCASTER for n in ("cnn", "nbc", "cbs", "abc", "fox", "fox news", "msnbc", "bbc", "npr", "pbs",
                                "cnbc", "univision", "telemundo", "al jazeera", "c-span", "hbo")},
    **{n: COMPANY for n in ("twitter", "facebook", "google", "apple", "microsoft", "amazon", "youtube",
                            "uber", "netflix", "walmart", "exxon", "exxonmobil", "boeing", "tesla",
                            "instagram", "snapchat", "reddit", "yahoo", "ibm", "intel", "disney",
                            "general motors", "gm", "verizon", "at&t", "comcast", "goldman sachs")},
    **{n: NEWSPAPER for n in ("usa today", "politico", "the hill")},
    **{n: MAGAZINE for n in ("forbes", "newsweek", "the atlantic", "the new yorker", "fortune",
                             "the economist", "rolling stone", "vanity fair")},
    **{n: PARTY for n in ("gop", "dnc", "rnc")},
    **{n: POLLSTER for n in ("gallup", "quinnipiac", "rasmussen", "ppp", "marist", "morning consult",
                             "yougov", "ipsos", "pew", "pew research center", "ppic")},
}
# Whose staff shows a name to be a newspaper ("the editors of X").
_EDITORS = frozenset({"editor", "editorial board"})
# Kind nouns that say nothing about which kind ("group", "organization") are left out on purpose.


def noun_kinds(word: str) -> frozenset[str]:
    """The organisation kinds an anaphor noun ("company", "newspaper") can refer to; empty if none."""
    return NOUN_KINDS.get(word.lower(), frozenset())


def name_kind(name: str) -> str | None:
    """The kind of an organisation from its name alone: the table of known names, then its head word."""
    folded = fold(name).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    if folded in KNOWN_ORGS:
        return KNOWN_ORGS[folded]
    words = folded.replace(".", "").split()
    # "Valeant Pharmaceuticals International": the word before a geographic tail says the kind.
    while len(words) > 2 and words[-1] in _TAILS:
        words.pop()
    return _NAME_HEADS.get(words[-1]) if len(words) > 1 else None


def _single_kind(word: Token) -> str | None:
    """The kind a noun states: the narrowest one ("firm" states a company, "airline" an airline)."""
    kinds = noun_kinds(word.lemma_ if word.tag_ == "NNS" else word.text)
    return COMPANY if COMPANY in kinds else next(iter(kinds)) if len(kinds) == 1 else None


def stated_kind(span: Span) -> str | None:
    """The kind the article states for the name `span`: an apposition either way ("Wealth-X, a wealth
    research firm"; "parent company, Mondelez"), a copula ("X is a polling firm") or a kind noun the
    name modifies or follows ("Forbes magazine", "research firm Wealth-X")."""
    root = span.root
    # "Mondelez International" parsed as a compound into a longer name: its top word is what the
    # apposition attaches to.
    while root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i > root.i:
        root = root.head
    found: list[Token] = [c for c in root.children if c.dep_ == "appos" or c.dep_ == "compound"
                          and c.i < span.start and c.is_lower]
    if root.dep_ == "appos" or root.dep_ == "compound" and root.head.i >= span.end:
        found.append(root.head)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _EDITORS:
        return NEWSPAPER  # "the editors of The Advocate": a paper's
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        found.extend(c for c in root.head.children if c.dep_ == "attr")
    for noun in found:
        if noun.pos_ == "NOUN":
            kind = _single_kind(noun)
            if kind is not None:
                return kind
    return None


def share_kinds(entities: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """Kinds for the names (place keys) that lack one from a longer name they open: "Valeant" is what
    "Valeant Pharmaceuticals International" is. `entities` are (place key, kind) pairs."""
    known = [(place, kind) for place, kind in entities if place and kind]
    found: dict[str, str] = {}
    for place, kind in entities:
        if place and kind is None:
            longer = {k for p, k in known if p.startswith(place + " ")}
            if len(longer) == 1:
                found[place] = longer.pop()
    return found
