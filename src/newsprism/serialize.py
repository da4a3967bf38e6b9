"""Turn model dataclasses into JSON-ready values and back, driven by their type hints.

One generic codec instead of hand-written `to_dict` methods: the store caches stage results with
it and the report builder uses it, so both always agree with `model.py`.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

from newsprism import model

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """A dataclass (or tuple/list/dict of them) as plain JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a model value of type `cls` from `to_data` output."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner[0], data) if len(inner) == 1 else data
    if origin is tuple:
        (item, *_rest) = typing.get_args(tp)
        return tuple(_convert(item, d) for d in data)
    if origin is list:
        return [_convert(typing.get_args(tp)[0], d) for d in data]
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _convert(hints[k], v) for k, v in data.items() if k in names})
    return data


def dumps(value: Any) -> str:
    return json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    return from_data(cls, json.loads(text))
