"""The attribute ruler's matches found without running spaCy's Matcher over every token.

en_core_web_sm's `attribute_ruler` (tag map, morphology rules) holds 179 rules; 171 look at one
token only (its TAG, LOWER, DEP or IS_SPACE). spaCy runs them all through its Matcher, which took
12% of the whole pipeline on news articles and about half of it on the short statement texts the
stance analysis parses (cProfile, bench/profile_stories.py). Here one-token rules are looked up per
token by tag, and only the 8 multi-token rules go through a Matcher. The matches, and so the
annotations, are exactly spaCy's: same rules, same order of application (tests/nlp/test_nlp_spacy.py
compares every token attribute with the stock ruler's on news text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
Row = list[int]
Check = Callable[[Row], bool]
Entry = tuple[int, tuple[Check, ...]]
# One-token rules filed by TAG id, by LOWER id, and the rest.
Index = tuple[dict[int, list[Entry]], dict[int, list[Entry]], list[Entry]]


def install_fast_matching(ruler: Any) -> bool:
    """Replace `ruler.match` with the per-token lookup; False (ruler untouched) when a rule uses a
    feature this lookup does not implement."""
    strings = ruler.vocab.strings
    index: Index = ({}, {}, [])
    multi = Matcher(ruler.vocab)
    for rule, spec in enumerate(ruler.patterns):
        alternatives = spec["patterns"]
        if any(len(alt) != 1 for alt in alternatives):
            multi.add(str(rule), alternatives)
            continue
        for alt in alternatives:
            if not add_token_rule(index, rule, alt[0], strings):
                return False
    ruler.match = FastMatch(ruler, index, multi)
    ruler.set_annotations = lambda doc, matches: set_annotations(ruler, doc, matches)
    return True


def set_annotations(ruler: Any, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
    """`AttributeRuler.set_annotations` without building a Span per match (a third of its time)."""
    for rule, _, start, end in matches:
        index = ruler.indices[rule]
        at = index if index >= 0 else end - start + index
        if not 0 <= at < end - start:
            raise ValueError(f"attribute ruler rule {rule}: index {index} outside its match {start}:{end}")
        set_token_attrs(doc[start + at], ruler.attrs[rule])


def add_token_rule(index: Index, rule: int, pattern: dict[str, Any], strings: Any) -> bool:
    """File a one-token rule under its TAG value(s), else its LOWER value(s), else with the rest."""
    by_tag, by_lower, rest = index
    for key in ("TAG", "LOWER"):
        value = pattern.get(key)
        values = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
        if values is None or (isinstance(value, dict) and len(value) != 1):
            continue
        checks = compile_checks({k: v for k, v in pattern.items() if k != key}, strings)
        if checks is None:
            return False
        for one in values:
            (by_tag if key == "TAG" else by_lower).setdefault(strings.add(one), []).append((rule, checks))
        return True
    checks = compile_checks(pattern, strings)
    if checks is None:
        return False
    rest.append((rule, checks))
    return True


def compile_checks(pattern: dict[str, Any], strings: Any) -> tuple[Check, ...] | None:
    checks = []
    for key, value in pattern.items():
        column = _COLUMNS.get(key)
        if column is None:
            return None
        check = compile_value(column, value, strings)
        if check is None:
            return None
        checks.append(check)
    return tuple(checks)


def compile_value(column: int, value: Any, strings: Any) -> Check | None:
    """A test of one row of `doc.to_array(_ATTRS)` (string attributes are hash ids there)."""
    def encode(v: Any) -> int:
        return int(v) if isinstance(v, bool) else int(strings.add(v))

    if not isinstance(value, dict):
        wanted = encode(value)
        return lambda row: row[column] == wanted
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN"):
        allowed = frozenset(encode(v) for v in arg)
        return (lambda row: row[column] in allowed) if op == "IN" else (lambda row: row[column] not in allowed)
    if op == "REGEX" and column != _COLUMNS["IS_SPACE"]:
        pattern = re.compile(arg)
        return lambda row: bool(pattern.search(strings[row[column]]))
    return None


class FastMatch:
    """`AttributeRuler.match` for the compiled rules: (rule, match key, start, end), sorted as spaCy
    sorts them, so later rules still take precedence."""

    def __init__(self, ruler: Any, index: Index, multi: Matcher):
        self.by_tag, self.by_lower, self.rest = index
        self.multi = multi
        self.keys = [ruler.vocab.strings.add(str(rule)) for rule in range(len(ruler.patterns))]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: list[tuple[int, int, int, int]] = []
        keys, by_tag, by_lower, rest = self.keys, self.by_tag, self.by_lower, self.rest
        for i, row in enumerate(doc.to_array(_ATTRS).tolist()):
            for entries in (by_tag.get(row[0]), by_lower.get(row[1]), rest):
                for rule, checks in entries or ():
                    if all(check(row) for check in checks):
                        found.append((rule, keys[rule], i, i + 1))
        for key, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            found.append((int(doc.vocab.strings[key]), key, start, end))
        found.sort()
        return found
