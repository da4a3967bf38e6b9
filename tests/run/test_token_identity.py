"""spaCy builds a new `Token` object on every access (`doc[0] is doc[0]` is False), so `tok.head is tok`
never holds, even at the root: a guard written that way never stops and a test never passes. Tokens are
compared with `==` / `!=` (same doc, same index). This scans the package for identity comparisons whose
side is a token attribute or a name the parse code uses for tokens."""

from __future__ import annotations

import ast

import spacy
from spacy.tokens import Doc

from conftest import ROOT

# Attributes that return a Token, and variable names the parse code gives tokens.
TOKEN_ATTRS = frozenset({"head", "root", "left_edge", "right_edge", "nbor"})
TOKEN_NAMES = frozenset({"tok", "token", "verb", "node", "cur", "clause", "head", "child", "cue", "subject"})
# Identity comparisons of other objects under those names, and why they are meant.
ALLOWED = {
    # a Timex dataclass: flashback_month returns its argument itself when it moved nothing
    "src/newsprism/timeline/timex_anchor.py: moved is not cur",
}


def _is_token_side(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in TOKEN_ATTRS
    return isinstance(node, ast.Name) and node.id in TOKEN_NAMES


def find_token_identity_comparisons() -> list[str]:
    found = []
    for path in sorted((ROOT / "src" / "newsprism").rglob("*.py")):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, sides[:-1], sides[1:], strict=True):
                if isinstance(op, ast.Is | ast.IsNot) and not isinstance(left, ast.Constant) \
                        and not isinstance(right, ast.Constant) and (_is_token_side(left) or _is_token_side(right)):
                    seen = f"{path.relative_to(ROOT)}: {ast.get_source_segment(source, node)}"
                    if seen not in ALLOWED:
                        found.append(f"{seen} (line {node.lineno})")
    return found


def test_spacy_tokens_are_not_identical_objects() -> None:
    """The premise of the rule: the root's head is equal to it, never the same object."""
    doc = Doc(spacy.blank("en").vocab, words=["He", "said", "it", "rained"], heads=[1, 1, 3, 1],
              deps=["nsubj", "ROOT", "nsubj", "ccomp"])
    root = doc[1]
    assert root.head == root and root.head is not root


def test_no_identity_comparison_of_tokens() -> None:
    assert find_token_identity_comparisons() == []
