# Input checks before a request leaves, from the contract's own limits (wire facts): a wrong call
# raises InputValidationError naming every bad field instead of a round trip and a 400. Only the
# top-level fields are checked; the gateway validates the rest.
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from . import _wire
from ._exceptions import InputIssue, InputValidationError

__all__ = ["check_input"]


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _check_value(value: object, limits: Mapping[str, Any], path: str, issues: list[InputIssue]) -> None:
    if value is None:
        return
    if isinstance(value, str):
        if "minLength" in limits and len(value) < limits["minLength"]:
            issues.append(
                InputIssue(
                    path,
                    "must not be empty"
                    if limits["minLength"] == 1
                    else f"must have at least {limits['minLength']} characters",
                )
            )
        elif "maxLength" in limits and len(value) > limits["maxLength"]:
            issues.append(InputIssue(path, f"must have at most {limits['maxLength']} characters"))
        elif "pattern" in limits and not _pattern(limits["pattern"]).search(value):
            issues.append(InputIssue(path, f"must match {limits['pattern']}"))
        elif "enum" in limits and value not in limits["enum"]:
            allowed = ", ".join(repr(v) for v in limits["enum"] if v is not None)
            issues.append(InputIssue(path, f"must be one of {allowed}"))
    elif isinstance(value, bool):
        return
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            issues.append(InputIssue(path, "must be a finite number"))
        elif "minimum" in limits and value < limits["minimum"]:
            issues.append(InputIssue(path, f"must be ≥ {limits['minimum']}"))
        elif "exclusiveMinimum" in limits and value <= limits["exclusiveMinimum"]:
            issues.append(InputIssue(path, f"must be > {limits['exclusiveMinimum']}"))
        elif "maximum" in limits and value > limits["maximum"]:
            issues.append(InputIssue(path, f"must be ≤ {limits['maximum']}"))
    elif isinstance(value, (list, tuple)):
        items = cast("list[object]", list(value))  # pyright: ignore[reportUnknownArgumentType]
        if "minItems" in limits and len(items) < limits["minItems"]:
            n = limits["minItems"]
            issues.append(InputIssue(path, f"must have at least {n} item{'' if n == 1 else 's'}"))
        elif "maxItems" in limits and len(items) > limits["maxItems"]:
            issues.append(InputIssue(path, f"must have at most {limits['maxItems']} items"))
        elif isinstance(limits.get("items"), dict) and len(items) <= 100:
            # Large arrays (messages, documents) are left to the gateway, as in aigateway-js.
            for index, item in enumerate(items):
                _check_value(item, limits["items"], f"{path}.{index}", issues)
    elif isinstance(value, Mapping):
        entries = cast("Mapping[str, object]", value)
        if "maxProperties" in limits and len(entries) > limits["maxProperties"]:
            issues.append(InputIssue(path, f"must have at most {limits['maxProperties']} keys"))
        elif isinstance(limits.get("values"), dict):
            for key, item in entries.items():
                _check_value(item, limits["values"], f"{path}.{key}", issues)


def check_input(operation_id: str, method: str, values: Mapping[str, object]) -> None:
    """Raises InputValidationError unless the top-level `values` meet the contract's limits."""
    spec = cast("Mapping[str, Any] | None", _wire.REQUEST_LIMITS.get(operation_id))
    if spec is None:
        return
    fields: Mapping[str, Any] = spec["fields"]
    issues: list[InputIssue] = []
    for name in spec["required"]:
        if values.get(name) is None and name != "file":
            issues.append(InputIssue(name, "is required"))
    for name, value in values.items():
        limits = fields.get(name)
        if limits is not None:
            _check_value(value, limits, name, issues)
    if issues:
        raise InputValidationError(method, issues)
