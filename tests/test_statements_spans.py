"""Content spans as annotators mark them (PolNeAR conventions), and attributions found by general
rules: short made-up sentences, annotated with the real parser."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article, Statement


def statements(text: str) -> tuple[Statement, ...]:
    [annotation] = annotate_batch([Article(id="t", source="x", text=text, content_hash="h", language="en")])
    return annotation.statements


def contents(text: str) -> list[str]:
    return [st.text for st in statements(text)]


def test_content_opening_a_quotation_keeps_its_marks() -> None:
    assert "“the budget is balanced” despite the large deficit" in contents(
        "The mayor says “the budget is balanced” despite the large deficit.")


def test_content_closing_a_quotation_keeps_its_full_stop_and_mark() -> None:
    assert "“we kept every promise we made to the voters.”" in contents(
        "The mayor says “we kept every promise we made to the voters.”")
