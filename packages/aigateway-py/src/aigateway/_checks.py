# Input checks before a request leaves, from the contract's own limits (wire facts): a wrong call
# raises InputValidationError naming the bad field instead of a round trip and a 400. Every
# constraint the contract states for a top-level field is checked (type, range, length, pattern,
# enum, item count and uniqueness, metadata keys); nested objects are left to the gateway.
from __future__ import annotations

import json
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
    # The contract's patterns are ECMAScript: a final `$` matches only at the very end (Python's
    # `$` would also accept a trailing newline).
    if source.endswith("$") and not source.endswith("\\$"):
        source = source[:-1] + r"\Z"
    return re.compile(source)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _problem(value: object, limits: Mapping[str, Any]) -> str | tuple[int | str, str] | None:
    """What is wrong with `value`: a message, `(index or key, message)` for one item, or None."""
    if value is None:
        return None if limits.get("nullable") else "must not be null"
    alternatives: list[Mapping[str, Any]] | None = limits.get("anyOf")
    if alternatives is not None:
        problems = [_problem(value, alt) for alt in alternatives]
        if all(p is not None for p in problems):
            kinds = [p for p in problems if isinstance(p, str)]
            return kinds[0] if len(kinds) == len(problems) else "is not in any accepted shape"
        return None
    kind = _json_type(value)
    types: list[str] = limits.get("types") or []
    if types and kind not in types and not (kind == "integer" and "number" in types):
        return f"must be {' or '.join(types)}, got {kind}"
    if isinstance(value, str):
        if "minLength" in limits and len(value) < limits["minLength"]:
            return (
                "must not be empty"
                if limits["minLength"] == 1
                else f"must have at least {limits['minLength']} characters"
            )
        if "maxLength" in limits and len(value) > limits["maxLength"]:
            return f"must have at most {limits['maxLength']} characters"
        if "pattern" in limits and not _pattern(limits["pattern"]).search(value):
            return f"must match {limits['pattern']}"
        if "enum" in limits and value not in limits["enum"]:
            return "must be one of " + ", ".join(repr(v) for v in limits["enum"] if v is not None)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            return "must be a finite number"
        if "minimum" in limits and value < limits["minimum"]:
            return f"must be ≥ {limits['minimum']}"
        if "exclusiveMinimum" in limits and value <= limits["exclusiveMinimum"]:
            return f"must be > {limits['exclusiveMinimum']}"
        if "maximum" in limits and value > limits["maximum"]:
            return f"must be ≤ {limits['maximum']}"
    elif isinstance(value, (list, tuple)):
        items = cast("list[object]", list(value))  # pyright: ignore[reportUnknownArgumentType]
        if "minItems" in limits and len(items) < limits["minItems"]:
            n = limits["minItems"]
            return f"must have at least {n} item{'' if n == 1 else 's'}"
        if "maxItems" in limits and len(items) > limits["maxItems"]:
            return f"must have at most {limits['maxItems']} items"
        if limits.get("uniqueItems") and len({json.dumps(i, sort_keys=True) for i in items}) != len(items):
            return "must not repeat an item"
        item_limits = limits.get("items")
        if isinstance(item_limits, dict) and len(items) <= 1000:
            for index, item in enumerate(items):
                problem = _problem(item, cast("Mapping[str, Any]", item_limits))
                if isinstance(problem, str):
                    return (index, problem)
    elif isinstance(value, Mapping):
        entries = cast("Mapping[object, object]", value)
        if "maxProperties" in limits and len(entries) > limits["maxProperties"]:
            return f"must have at most {limits['maxProperties']} keys"
        for key, item in entries.items():
            if not isinstance(key, str) or ("maxKeyLength" in limits and len(key) > limits["maxKeyLength"]):
                return f"keys must be strings of at most {limits.get('maxKeyLength', '?')} characters"
            values = limits.get("values")
            if isinstance(values, dict):
                problem = _problem(item, cast("Mapping[str, Any]", values))
                if isinstance(problem, str):
                    return (key, problem)
    return None


def check_input(operation_id: str, method: str, values: Mapping[str, object]) -> None:
    """Raises InputValidationError unless the top-level `values` meet the contract's limits."""
    spec = cast("Mapping[str, Any] | None", _wire.REQUEST_LIMITS.get(operation_id))
    if spec is None:
        return
    fields: Mapping[str, Any] = spec["fields"]
    issues: list[InputIssue] = []
    for name in spec["required"]:
        if name not in values and name != "file":
            issues.append(InputIssue(name, "is required"))
    for name, value in values.items():
        limits = fields.get(name)
        if limits is None:
            continue
        problem = _problem(value, limits)
        if isinstance(problem, tuple):
            index, message = problem
            issues.append(InputIssue(f"{name}.{index}", message))
        elif problem is not None:
            issues.append(InputIssue(name, problem))
    if issues:
        raise InputValidationError(method, issues)
