"""Load another script of eval/ as a module (the dev-set scripts read corpora through ecbplus.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent


def load_module(name: str, path: Path) -> ModuleType:
    """The script at `path` as module `name`, loaded once per process. It is registered in
    sys.modules before it runs: dataclasses look their module up while being built."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
