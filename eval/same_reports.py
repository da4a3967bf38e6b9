"""Show that a refactoring left the reports unchanged: report.json on the seeds and on the example
corpus, made by a base revision and by the working tree, compared byte for byte.

    .venv/bin/python eval/same_reports.py --base dde2c8f

The base revision is checked out in a temporary git worktree and run with its own `src` first on the
Python path (same interpreter and packages), each run with a fresh store. Prints one line per
corpus ("identical", or the report sections that differ) and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {"seeds": ROOT.parent / "shared" / "corpus" / "seeds", "examples": ROOT / "examples" / "corpus"}


def run_report(src: Path, corpus: Path, out: Path) -> bytes:
    """report.json of `newsprism analyze corpus` with the package from `src`."""
    env = {**os.environ, "PYTHONPATH": str(src), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", str(corpus), "--db", str(out / "store.db"),
                    "--out", str(out), "-q"], env=env, check=True)
    return (out / "report.json").read_bytes()


def differing_sections(before: bytes, after: bytes) -> list[str]:
    a, b = json.loads(before), json.loads(after)
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def compare(base: str) -> int:
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), base], check=True)
        try:
            for name, corpus in CORPORA.items():
                before = run_report(tree / "src", corpus, Path(tempfile.mkdtemp(dir=tmp)))
                after = run_report(ROOT / "src", corpus, Path(tempfile.mkdtemp(dir=tmp)))
                if before == after:
                    print(f"{name}: identical ({len(after):,} bytes)")
                else:
                    failures += 1
                    print(f"{name}: DIFFERENT in {', '.join(differing_sections(before, after)) or 'formatting'}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the git revision to compare against")
    sys.exit(compare(parser.parse_args().base))


if __name__ == "__main__":
    main()
