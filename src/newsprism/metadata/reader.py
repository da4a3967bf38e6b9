"""Metadata of a text dump, read from the header and trailer lines the cleaner removed and the body.

Each field is None unless the text states it: no field is inferred from another source of
knowledge, so a wrong value can only come from a misread line, which `field_sources` shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.clean.cleaned import BYLINE, CREDIT, DATE_OUTLET, FOOTER, Cleaned
from newsprism.metadata.body import read_body_metadata, read_byline, read_credit_line
from newsprism.metadata.dates import find_date
from newsprism.model import FieldSource, Removed

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>[A-Z][\w&'.-]*(?: [A-Z][\w&'-]*){0,3}?)\s*(?:\.\s|\.$|,|\s+all rights|$)",
    re.IGNORECASE)
# Labels a date line puts before the date; not part of an outlet's name.
_DATE_LABELS = re.compile(r"\b(date|published|updated|posted|on)\b:?", re.IGNORECASE)
_OUTLET_NAME = re.compile(r"^[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,3}$")


@dataclass(frozen=True)
class Metadata:
    outlet: str | None
    title: str | None
    published: str | None
    byline: str | None
    dateline: str | None
    credits: tuple[str, ...]
    field_sources: tuple[FieldSource, ...]


def removed_with(cleaned: Cleaned, reason: str) -> list[Removed]:
    return [r for r in cleaned.removed if r.reason == reason]


def read_published(cleaned: Cleaned) -> tuple[str, str] | None:
    """(ISO date, line) from the first date/outlet line that states a full date."""
    for line in removed_with(cleaned, DATE_OUTLET):
        match = find_date(line.text)
        if match and not match.value.startswith("--"):
            return match.value, line.text
    return None


def outlet_in_date_line(text: str) -> str | None:
    """The outlet a date line names next to the date ("Al Arabiya14-02-2025", "Xinhua) 10:14, ...")."""
    match = find_date(text)
    if match is None:
        return None
    rest = (text[: match.start] + " " + text[match.end :]).strip()
    if rest.endswith(":"):  # a kicker ("USA rows back:") introduces the headline, names no outlet
        return None
    rest = re.sub(r"\s+", " ", _DATE_LABELS.sub(" ", rest)).strip(" ,;|()-–—•")
    return rest if _OUTLET_NAME.match(rest) else None


def read_outlet(cleaned: Cleaned) -> tuple[str, str, str] | None:
    """(outlet, method, evidence): the copyright holder, else the name on the date line."""
    for line in removed_with(cleaned, FOOTER):
        match = _COPYRIGHT.search(line.text)
        name = match.group("name").rstrip(".") if match else ""
        if name and _OUTLET_NAME.match(name):
            return name, "copyright line", line.text
    for line in removed_with(cleaned, DATE_OUTLET):
        name = outlet_in_date_line(line.text)
        if name:
            return name, "date/outlet line", line.text
    return site_name_line(cleaned)


# Words a dump's first line carries that are navigation or section names, never a site name.
_SECTIONS = frozenset(
    "home news world international national local politics business economy sport sports opinion "
    "culture tech technology science health lifestyle entertainment video live latest menu search "
    "login subscribe logo".split())
_SITE_SUFFIX = re.compile(r"\s+(?:logo|home|homepage)$|\s*[|•·].*$", re.IGNORECASE)


def site_name_line(cleaned: Cleaned) -> tuple[str, str, str] | None:
    """The site name a dump opens with ("Meridian Press", "THE LINDMARK HERALD", "X | English edition"):
    the first removed line, when it stands before everything else, is a short proper name and is
    neither the headline, a date line nor a section word."""
    first = min((r for r in cleaned.removed if r.at == 0), key=lambda r: r.raw_start, default=None)
    if first is None or first.raw_start > 2 or first.reason not in ("site chrome", "headline", DATE_OUTLET):
        return None
    line = first.text.strip().splitlines()[0].strip() if first.text.strip() else ""
    name = _SITE_SUFFIX.sub("", line).strip()
    if not name or find_date(name) or (cleaned.title and name.casefold() in cleaned.title.casefold()):
        return None
    if name.casefold() in _SECTIONS or not _OUTLET_NAME.match(name if not name.isupper() else name.title()):
        return None
    return (name.title() if name.isupper() and len(name) > 4 else name), "site name line", line


def read_removed_credits(cleaned: Cleaned) -> tuple[list[str], str | None, str | None]:
    """(agencies, reporter, evidence) from the credit lines the cleaner removed."""
    agencies: list[str] = []
    reporter: str | None = None
    evidence: str | None = None
    for line in removed_with(cleaned, CREDIT):
        agency, name = read_credit_line(line.text)
        if agency and agency not in agencies:
            agencies.append(agency)
        if name and reporter is None:
            reporter, evidence = name, line.text
    return agencies, reporter, evidence


def read_removed_byline(cleaned: Cleaned) -> tuple[str, str] | None:
    for line in removed_with(cleaned, BYLINE):
        name = read_byline(line.text)
        if name:
            return name, line.text
    return None


def read_metadata(raw_text: str, cleaned: Cleaned) -> Metadata:
    """The metadata a text dump states in its header, trailer and body."""
    del raw_text  # every line of it is in `cleaned` (kept or removed), which says where it stood
    sources: list[FieldSource] = []
    outlet = read_outlet(cleaned)
    if outlet:
        sources.append(FieldSource("outlet", outlet[1], outlet[2]))
    if cleaned.title:
        sources.append(FieldSource("title", "headline line", cleaned.title))
    published = read_published(cleaned)
    if published:
        sources.append(FieldSource("published", "date/outlet line", published[1]))
    dateline, credits, body_byline = read_body_metadata(cleaned.text)
    if dateline:
        sources.append(FieldSource("dateline", "dateline", dateline))
    agencies, reporter, credit_evidence = read_removed_credits(cleaned)
    all_credits = tuple(dict.fromkeys(credits + tuple(agencies)))
    if all_credits:
        sources.append(FieldSource("credits", "dateline/credit line", credit_evidence or dateline or ""))
    byline = choose_byline(cleaned, body_byline, reporter, credit_evidence, sources)
    return Metadata(outlet[0] if outlet else None, cleaned.title, published[0] if published else None,
                    byline, dateline, all_credits, tuple(sources))


def choose_byline(cleaned: Cleaned, body_byline: str | None, reporter: str | None,
                  credit_evidence: str | None, sources: list[FieldSource]) -> str | None:
    """A byline line wins over the body's, which wins over the "Reporting by" credit."""
    removed = read_removed_byline(cleaned)
    if removed:
        sources.append(FieldSource("byline", "byline line", removed[1]))
        return removed[0]
    if body_byline:
        sources.append(FieldSource("byline", "body", body_byline))
        return body_byline
    if reporter:
        sources.append(FieldSource("byline", "credit line", credit_evidence or reporter))
    return reporter
