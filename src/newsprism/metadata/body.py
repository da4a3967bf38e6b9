"""Read the dateline, the credited agencies and the byline that a story body states.

Credits are the agencies a story is credited to, as the source of its text: the agency in a
dateline ("MUNICH, Feb 13 (Reuters) -"), a Reuters-style credit line ("Reporting by ...; Editing
by ..."), a trailing "— AFP". An agency the story merely mentions ("in an interview with Reuters",
"a Reuters interview") is no credit.
"""

from __future__ import annotations

import re

AGENCIES = {
    "reuters": "Reuters", "ap": "AP", "associated press": "AP", "afp": "AFP", "xinhua": "Xinhua",
    "dpa": "dpa", "ansa": "ANSA", "efe": "EFE", "upi": "UPI", "tass": "TASS", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "bloomberg": "Bloomberg", "pti": "PTI", "ians": "IANS", "anadolu": "Anadolu",
}
_AGENCY = r"(?P<agency>(?i:" + "|".join(sorted(AGENCIES, key=len, reverse=True)) + r"))"
# In a dateline's parentheses any short capitalised name is the agency the story is credited to
# ("(Meridian)", "(VNA)"), not only the well-known wires above.
_DATELINE_AGENCY = r"(?P<agency>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})"

# "MUNICH, Feb 13 (Reuters) -", "WASHINGTON, Feb. 12 (Xinhua) --", "KYIV, Ukraine (AP) —",
# "LONDON —": a place in capitals, optionally a region and a date, optionally the agency, a dash.
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"(?:\s*\(" + _DATELINE_AGENCY + r"(?:/[\w ]+)?\))?)\s*(?:-{1,2}|—|–)\s")
_CREDIT_LINE = re.compile(
    r"^\W*\(?(?:additional )?reporting by (?P<reporters>[^;.]+?)(?:[.;]|\s+and\s+editing|\s*$)"
    r"|\bediting by\b", re.IGNORECASE)
_TRAILING_AGENCY = re.compile(r"^\W*(?:[-—–]\s*)?\(?" + _AGENCY + r"\)?\W*$", re.IGNORECASE)
_PERSON = r"[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
# "By Jane Doe", "By Lena Marsh and Dag Holm", "Von Anna Berg, Jan Kuhl und Eva Roth"
_BYLINE = re.compile(r"^\W*(?i:by|von|par|por)\s+(?P<name>" + _PERSON
                     + r"(?:(?:,\s*|\s+(?:and|und|et|y)\s+)" + _PERSON + r"){0,3})")
_NAME = re.compile(r"^(?P<name>[A-Z][^\W\d_]+(?:[ \-][A-Z][^\W\d_]+){1,3})(?=$|\s+[^a-z])")


def find_dateline(paragraph: str) -> str | None:
    """The dateline that opens a paragraph, as written, without the dash."""
    match = DATELINE.match(paragraph)
    if match is None or not re.match(r"^[A-Z]{2}", match.group("dateline")):
        return None
    return match.group("dateline").strip()


def agency_of(dateline: str) -> str | None:
    """The agency in a dateline's parentheses, with the usual spelling of a known wire."""
    match = re.search(r"\((?P<name>[^()]{2,40})\)", dateline)
    if match is None:
        return None
    name = match.group("name").split("/")[0].strip()
    return AGENCIES.get(name.lower(), name)


def read_credit_line(line: str) -> tuple[str | None, str | None]:
    """(agency, reporter) of a credit line. "Reporting by ...; Editing by ..." names people, not an
    agency: though it is Reuters' house style, inferring Reuters from it would be a guess."""
    trailing = _TRAILING_AGENCY.match(line)
    if trailing:
        return AGENCIES[trailing.group("agency").lower()], None
    match = _CREDIT_LINE.search(line)
    if match is None:
        return None, None
    reporters = match.group("reporters")
    return None, first_name_of(reporters) if reporters else None


def first_name_of(names: str) -> str | None:
    """The first person of "Erin Banco and X" / "Erin Banco in Munich"."""
    match = _NAME.match(names.strip())
    return match.group("name") if match else None


def read_byline(line: str) -> str | None:
    """The author named by a byline line ("By Jane Doe", or a bare name before date furniture)."""
    match = _BYLINE.match(line) or _NAME.match(line.strip())
    return match.group("name") if match else None


def read_body_metadata(body: str) -> tuple[str | None, tuple[str, ...], str | None]:
    """(dateline, credits, byline) that a body states in its first and last paragraphs."""
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    dateline = find_dateline(paragraphs[0]) if paragraphs else None
    credits: list[str] = []
    if dateline and agency_of(dateline):
        credits.append(agency_of(dateline) or "")
    byline = read_byline(paragraphs[0]) if paragraphs and _BYLINE.match(paragraphs[0]) else None
    for paragraph in paragraphs[-4:]:
        agency, reporter = read_credit_line(paragraph)
        if agency and agency not in credits:
            credits.append(agency)
        byline = byline or reporter
    return dateline, tuple(credits), byline
