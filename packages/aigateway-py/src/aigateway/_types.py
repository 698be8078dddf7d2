# Shared typing helpers: the NOT_GIVEN sentinel (so `None` can be sent as JSON null, e.g. to
# clear a sub-account's cap) and the per-request option types every method takes.
from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias

import httpx
from typing_extensions import override

__all__ = ["NOT_GIVEN", "Body", "Headers", "NotGiven", "Query", "Timeout"]


class NotGiven:
    """Marks an argument the caller did not pass (distinct from `None`, which is sent as null)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    @override
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Timeout: TypeAlias = float | httpx.Timeout | None
"""Seconds per attempt (a float), an `httpx.Timeout`, or `None` for no timeout."""

Headers: TypeAlias = Mapping[str, str | None]
"""Extra headers; a `None` value removes a header the SDK would otherwise send."""

Query: TypeAlias = Mapping[str, str | int | float | bool | None]


Body: TypeAlias = Mapping[str, object]
"""Extra JSON fields merged into a request body (`extra_body`), for fields the SDK does not name yet."""
