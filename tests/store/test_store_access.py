"""Opening a store where it is awkward: odd characters in its path, a file or folder that cannot be
written (issue 18). Real store files, the real CLI in subprocesses and a real `newsprism serve` on
127.0.0.1.

The tests run as root, and root writes through any mode bits: "cannot be written" is made by running
the CLI as the unprivileged user 65534 (`setpriv`) over a folder that user can read but not write.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_crash_safety import cli, cli_env
from test_store import make_article

from newsprism.model import Story
from newsprism.store.sqlite import Store, open_store

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
ODD_NAMES = ["a#b", "a?b", "a%b", "a%41b", "a#b?c%d"]
ROOT_EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
STARTUP_S = 60  # longest a server may take to answer its first request; a bound, not a measure


def make_store(db: Path) -> str:
    """A migrated store with one article in one story; returns the story id."""
    with open_store(db) as store:
        store.add_article(make_article(1))
        store.save_story(Story("story-1", "Talks in Portville", ("a000000000001",)))
    return "story-1"


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# ------------------------------------------------------------------------------- odd paths


@pytest.mark.parametrize("name", ODD_NAMES)
def test_readonly_open_of_a_path_with_uri_characters(tmp_path: Path, name: str) -> None:
    """Regression: the read-only URI was built unquoted; `#`/`?` cut the path and opened (and
    created) another file, `%` decoded to another name."""
    db = tmp_path / name / "s.db"
    make_store(db)
    before = files_under(tmp_path)
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == 1
        assert store.get_story("story-1").article_ids == ("a000000000001",)
    # no stray file next to (or instead of) the store; a reader may make the store's WAL index
    assert files_under(tmp_path) - before <= {f"{name}/s.db-wal", f"{name}/s.db-shm"}


# ------------------------------------------------------------------------------- servers


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Serve:
    """`newsprism serve --db DB` in a subprocess (as `prefix` user), on 127.0.0.1 and a free port."""

    def __init__(self, db: Path, log: Path, prefix: list[str] | None = None) -> None:
        import httpx

        self.base = f"http://127.0.0.1:{free_port()}"
        self.log = log
        with log.open("w") as out:
            self.proc = subprocess.Popen(
                [*(prefix or []), *cli("serve", "--db", str(db), "--port", self.base.rsplit(":", 1)[1])],
                env=cli_env(), stdout=out, stderr=subprocess.STDOUT, cwd="/")
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                httpx.get(self.base + "/api/stories?limit=1", timeout=5, trust_env=False)
                return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"server did not start: {log.read_text()[-3000:]}")

    def get(self, path: str) -> int:
        import httpx

        return httpx.get(self.base + path, timeout=60, trust_env=False).status_code

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)


@pytest.fixture
def served() -> Iterator[list[Serve]]:
    servers: list[Serve] = []
    yield servers
    for server in servers:
        server.stop()


def test_serve_a_store_at_a_path_with_uri_characters(tmp_path: Path, served: list[Serve]) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    db = tmp_path / "news #1 ?x=%41" / "s.db"
    story = make_store(db)
    before = files_under(tmp_path)
    served.append(server := Serve(db, tmp_path.parent / f"{tmp_path.name}-serve.log"))
    for path in ("/", "/api/stories", f"/stories/{story}", "/articles/a000000000001"):
        assert server.get(path) == 200, (path, server.log.read_text()[-3000:])
    server.stop()
    assert "Traceback" not in server.log.read_text()
    assert files_under(tmp_path) - before <= {"news #1 ?x=%41/s.db-wal", "news #1 ?x=%41/s.db-shm"}


# ----------------------------------------------------------------------- read-only stores


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder user 65534 can reach (pytest's tmp_path is root's 0700 tree)."""
    folder = Path(tempfile.mkdtemp(prefix="newsprism-ro-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(folder)


def unprivileged() -> list[str]:
    """The prefix that runs a command as a user who cannot write what root made read-only."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a store unwritable here")
    probe = subprocess.run([*NOBODY, sys.executable, "-c", "import newsprism.cli"], env=cli_env(),
                           capture_output=True, text=True, cwd="/")
    if probe.returncode != 0:
        pytest.skip(f"user 65534 cannot run this Python here: {probe.stderr[-500:]}")
    return NOBODY


def readonly_store(folder: Path, file_only: bool = False) -> Path:
    """A store in `folder` that cannot be written: the folder read-only (or only the file)."""
    store_dir = folder / "store"
    db = store_dir / "s.db"
    make_store(db)
    db.chmod(0o444)
    store_dir.chmod(0o777 if file_only else 0o555)
    return db


def articles_in(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("file_only", [False, True], ids=["read-only-folder", "read-only-file"])
def test_analyze_into_a_readonly_store_fails_with_e204(shared_dir: Path, file_only: bool) -> None:
    """Regression: a raw `sqlite3.OperationalError: attempt to write a readonly database` traceback
    (read-only file) or a misleading E201 (read-only folder)."""
    prefix = unprivileged()
    db = readonly_store(shared_dir, file_only)
    out = shared_dir / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    proc = subprocess.run([*prefix, *cli("analyze", str(ROOT_EXAMPLES), "--db", str(db), "--out", str(out), "-q")],
                          env=cli_env(), capture_output=True, text=True, timeout=600, cwd="/")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("newsprism: error [E204]: "), proc.stderr
    assert "cannot be written" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert articles_in(db) == 1
    # reading commands still work on it
    listed = subprocess.run([*prefix, *cli("stories", "--db", str(db))], env=cli_env(), capture_output=True,
                            text=True, timeout=120, cwd="/")
    assert listed.returncode == 0, listed.stderr
    assert "story-1" in listed.stdout


def test_serve_a_store_in_a_readonly_folder(shared_dir: Path, served: list[Serve]) -> None:
    """Regression: `serve` refused it (E201: the writer open, and the read-only open needing a -shm)."""
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    prefix = unprivileged()
    db = readonly_store(shared_dir)
    before = files_under(db.parent)
    served.append(server := Serve(db, shared_dir / "serve.log", prefix))
    for path in ("/", "/api/stories", "/stories/story-1", "/articles/a000000000001"):
        assert server.get(path) == 200, (path, server.log.read_text()[-3000:])
    server.stop()
    assert "Traceback" not in server.log.read_text()
    assert files_under(db.parent) == before
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o555


def test_store_api_on_a_readonly_store(tmp_path: Path) -> None:
    """In-process: a Store opened without readonly on a file it cannot write reads, and refuses
    writes with E204 (root can write anything, so a read-only file is what it gets from SQLite)."""
    from newsprism.errors import StoreError

    db = tmp_path / "s.db"
    make_store(db)
    with Store(db, readonly=True) as store:
        with pytest.raises(StoreError) as info:
            store.begin_run("analyze", [])
        assert info.value.code == "E204"
        assert store.count_articles() == 1

