"""Party-and-state labels written after a US politician's name: "Sen. Marco Rubio, R-Fla.",
"Rep. Sean Duffy (R-Wisc.)", "Sen. Ted Cruz (R-TX)". They say what later epithets mean: "the Florida
senator", "The Wisconsin Republican"."""

from __future__ import annotations

import re

PARTIES = {"R": "Republican", "D": "Democrat", "I": "independent"}
# AP-style abbreviations and postal codes of the US states (and full names AP does not shorten).
STATES = {
    "ala": "Alabama", "al": "Alabama", "alaska": "Alaska", "ak": "Alaska", "ariz": "Arizona", "az": "Arizona",
    "ark": "Arkansas", "ar": "Arkansas", "calif": "California", "ca": "California", "colo": "Colorado",
    "co": "Colorado", "conn": "Connecticut", "ct": "Connecticut", "del": "Delaware", "de": "Delaware",
    "fla": "Florida", "fl": "Florida", "ga": "Georgia", "hawaii": "Hawaii", "hi": "Hawaii", "idaho": "Idaho",
    "id": "Idaho", "ill": "Illinois", "il": "Illinois", "ind": "Indiana", "in": "Indiana", "iowa": "Iowa",
    "ia": "Iowa", "kan": "Kansas", "ks": "Kansas", "ky": "Kentucky", "la": "Louisiana", "maine": "Maine",
    "me": "Maine", "md": "Maryland", "mass": "Massachusetts", "ma": "Massachusetts", "mich": "Michigan",
    "mi": "Michigan", "minn": "Minnesota", "mn": "Minnesota", "miss": "Mississippi", "ms": "Mississippi",
    "mo": "Missouri", "mont": "Montana", "mt": "Montana", "neb": "Nebraska", "ne": "Nebraska", "nev": "Nevada",
    "nv": "Nevada", "n.h": "New Hampshire", "nh": "New Hampshire", "n.j": "New Jersey", "nj": "New Jersey",
    "n.m": "New Mexico", "nm": "New Mexico", "n.y": "New York", "ny": "New York", "n.c": "North Carolina",
    "nc": "North Carolina", "n.d": "North Dakota", "nd": "North Dakota", "ohio": "Ohio", "oh": "Ohio",
    "okla": "Oklahoma", "ok": "Oklahoma", "ore": "Oregon", "or": "Oregon", "pa": "Pennsylvania",
    "r.i": "Rhode Island", "ri": "Rhode Island", "s.c": "South Carolina", "sc": "South Carolina",
    "s.d": "South Dakota", "sd": "South Dakota", "tenn": "Tennessee", "tn": "Tennessee", "texas": "Texas",
    "tex": "Texas", "tx": "Texas", "utah": "Utah", "ut": "Utah", "vt": "Vermont", "va": "Virginia",
    "wash": "Washington", "wa": "Washington", "w.va": "West Virginia", "wv": "West Virginia",
    "wis": "Wisconsin", "wisc": "Wisconsin", "wi": "Wisconsin", "wyo": "Wyoming", "wy": "Wyoming",
}
_LABEL = re.compile(r"^\s*[,(]\s*([RDI])\s*[-–]\s*([A-Z][A-Za-z.]{1,7})")


def party_label(text_after: str) -> str | None:
    """'Florida Republican' for the text right after a name when it opens with ", R-Fla." or
    " (R-FL)", else None."""
    match = _LABEL.match(text_after)
    if match is None:
        return None
    state = STATES.get(match.group(2).lower().rstrip("."))
    return f"{state} {PARTIES[match.group(1)]}" if state is not None else None


_PARTY_WORDS = {"republican": "R", "republicans": "R", "gop": "R", "democrat": "D", "democratic": "D",
                "democrats": "D"}
# A role's party word modifies its head ("Democratic front-runner", "Florida Republican Sen."); one
# further along belongs to a clause inside the role ("senator leading the GOP pack").
_ROLE_PARTY_WORDS = 3


def party_in(words: list[str], first: int | None = None) -> str | None:
    """'R' or 'D' for the first party word among `words` (lower case), within the first `first`."""
    return next((_PARTY_WORDS[w] for w in words[:first] if w in _PARTY_WORDS), None)


def role_party(role: str) -> str | None:
    """The party a stated role gives its holder: 'R' for "Republican presidential nominee"."""
    return party_in(role.lower().replace("-", " ").split(), _ROLE_PARTY_WORDS)
