"""Turn model dataclasses into JSON-ready values and back, driven by their type hints.

One generic codec instead of hand-written `to_dict` methods: the store caches stage results with
it and the report builder uses it, so both always agree with `model.py`.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from newsprism import model

T = TypeVar("T")


# Plain JSON values: returned as they are, without the dataclass/container checks (most values are).
_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_data(value: Any) -> Any:
    """A dataclass (or tuple/list/dict of them) as plain JSON-ready data."""
    cls = type(value)
    if cls in _PLAIN:
        return value
    if dataclasses.is_dataclass(cls) and not isinstance(value, type):
        return {name: to_data(getattr(value, name)) for name in _field_names(cls)}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a model value of type `cls` from `to_data` output."""
    return typing.cast(T, _converter(cls)(data))  # type: ignore[arg-type]  # type hints are hashable


def _keep(data: Any) -> Any:
    return data


@cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """The function rebuilding values of type hint `tp`, made once per hint: the story stage loads
    ~5 cached annotations per article, and reading the hints per value was most of that time."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _keep
    if origin is tuple or origin is list:
        item = _converter(typing.get_args(tp)[0])
        return _sequence_of(tuple if origin is tuple else list, item)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_of(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda data: None if data is None else tp(data)
    return _keep


def _sequence_of(kind: type, item: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if item is _keep:
        return lambda data: None if data is None else kind(data)
    return lambda data: None if data is None else kind([item(d) for d in data])


def _dataclass_of(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def convert(data: Any) -> Any:
        if data is None:
            return None
        return cls(**{k: fields[k](v) for k, v in data.items() if k in fields})

    return convert


def dumps(value: Any) -> str:
    return json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    return from_data(cls, json.loads(text))
