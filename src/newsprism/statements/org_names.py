"""Organisation names NER missed that their sentence shows as organisations (name_types.py).

spaCy's small model leaves out some names of publications, pollsters and fact-checkers
("Politifact", "The Advocate", "Morning Consult Poll"); a document or anaphor that refers to them
then takes another, wrong, organisation. A run of capitalised proper nouns outside every name (with
a capitalised "The" before it inside a sentence) is an organisation when the sentence shows one:

- it heads a which-clause ("Politifact (which is not known as ...)"; a person takes "who");
- it is what a representative or an editor works for ("the editors of The Advocate", "a spokesman
  for Acme");
- it is two or more words naming a poll or document's issuer ("a Morning Consult Poll").

A run led by a listed first name is left alone: a person NER missed is no organisation.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsprism.statements.first_names import first_name_gender
from newsprism.statements.org_nouns import DOCUMENT_NOUNS, EVIDENCE_NOUNS, REPRESENTATIVE_NOUNS

# Who works for an organisation named after "of/for/at" ("the editors of X").
_STAFF_NOUNS = REPRESENTATIVE_NOUNS | {"editor", "publisher", "reporter", "owner", "founder"}
_FOR_PREPS = frozenset({"of", "for", "at"})
_ISSUED = EVIDENCE_NOUNS | DOCUMENT_NOUNS


def _name_runs(doc: Doc, covered: set[int]) -> list[Span]:
    """Maximal runs of capitalised proper nouns outside every name, each with a capitalised "The"
    before it when that "The" does not open the sentence."""
    runs: list[Span] = []
    i = 0
    while i < len(doc):
        if not _is_name_word(doc[i], covered):
            i += 1
            continue
        end = i
        while end < len(doc) and _is_name_word(doc[end], covered):
            end += 1
        start = i
        before = doc[i - 1] if i > 0 else None
        if before is not None and before.text == "The" and not before.is_sent_start and before.i not in covered:
            start = i - 1
        runs.append(doc[start:end])
        i = end
    return runs


def _is_name_word(tok: Token, covered: set[int]) -> bool:
    return tok.i not in covered and tok.tag_ in {"NNP", "NNPS"} and tok.text[:1].isupper() and tok.is_alpha


def _has_which_clause(root: Token) -> bool:
    return any(c.dep_ == "relcl" and any(w.tag_ == "WDT" and w.lower_ == "which" and root.i < w.i < c.i
                                         for w in c.subtree)
               for c in root.children)


def _works_for(root: Token) -> bool:
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in _FOR_PREPS and prep.head.lemma_.lower() in _STAFF_NOUNS


def _issuer_run(run: Span) -> Span | None:
    """"Morning Consult" in "a Morning Consult Poll": the run's words before a poll or document noun."""
    if _lemma(run[-1]) in _ISSUED:
        issuer = run[:-1]
    else:  # "the Harbor Point poll": the run modifies a lower-case noun
        head = run.root.head
        issuer = run if run.root.dep_ == "compound" and head.i >= run.end and _lemma(head) in _ISSUED else run[:0]
    return issuer if len(issuer) >= 2 and issuer[0].text != "The" else None


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.tag_ in {"NNS", "NNPS"} else tok.lower_


def shown_orgs(doc: Doc, covered: set[int]) -> list[Span]:
    """The organisation names NER missed that their sentence shows as organisations (module doc)."""
    found: list[Span] = []
    for run in _name_runs(doc, covered):
        words = [t for t in run if t.text != "The"]
        if not words or first_name_gender(words[0].lower_) is not None:
            continue
        issuer = _issuer_run(run)
        if issuer is not None:
            found.append(issuer)
        elif _has_which_clause(run.root) or _works_for(run.root):
            found.append(run)
    return found
