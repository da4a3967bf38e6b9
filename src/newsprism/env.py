"""Settings read from the environment (`NEWSPRISM_*`), each with its default when unset or malformed."""

from __future__ import annotations

import os


def env_seconds(name: str, default: float) -> float:
    """A non-negative number of seconds from `$name`; `default` when unset or not a number."""
    value = os.environ.get(name, "")
    try:
        return max(0.0, float(value)) if value else default
    except ValueError:
        return default
