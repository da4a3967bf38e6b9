"""Fixtures for the tests against a real server process: the store and the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.support import SEEDS, Server, StoreInfo, build_store


@pytest.fixture(scope="session")
def web_info(tmp_path_factory: pytest.TempPathFactory) -> StoreInfo:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return build_store(tmp_path_factory.mktemp("webserver") / "store.db")


@pytest.fixture(scope="session")
def server(web_info: StoreInfo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(web_info, tmp_path_factory.mktemp("serverlog") / "server.log")
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def shots() -> Path:
    path = Path("/tmp/shots")
    path.mkdir(parents=True, exist_ok=True)
    return path
