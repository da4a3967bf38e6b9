"""Claim check: which stored reports support, contradict or merely discuss a claim (issue 23).

    from newsprism.claims import ClaimRequest, check_claims
    results = check_claims(store, [ClaimRequest(id="c1", text="Ukraine will not join NATO")])
"""

from newsprism.claims.check import ClaimRequest, ClaimResult, check_claim, check_claims, claims_document
from newsprism.claims.io import claims_markdown, read_claims

__all__ = ["ClaimRequest", "ClaimResult", "check_claim", "check_claims", "claims_document", "claims_markdown",
           "read_claims"]
