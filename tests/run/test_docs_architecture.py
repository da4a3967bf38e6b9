"""docs/architecture.md shows the stage graph as `newsprism stages` prints it from the registry."""

from __future__ import annotations

from conftest import ROOT
from newsprism.run.describe import graph_text


def test_the_architecture_doc_shows_the_registered_graph() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = doc.split("<!-- stages:begin -->\n```\n", 1)[1].split("```\n<!-- stages:end -->", 1)[0]
    assert block == graph_text(), "paste the output of `newsprism stages` into docs/architecture.md"
