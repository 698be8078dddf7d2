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


_JSON_TYPES: dict[type, str] = {
    type(None): "null",
    bool: "boolean",
    int: "integer",
    str: "string",
    list: "array",
    tuple: "array",
    dict: "object",
}


def _json_type(value: object) -> str:
    kind = _JSON_TYPES.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _accepts_type(limits: Mapping[str, Any], kind: str) -> bool:
    types: list[str] = limits.get("types") or []
    return not types or kind in types or (kind == "integer" and "number" in types)


def check_path_param(method: str, name: str, value: object, *, segments: bool) -> str:
    """A path parameter, refused when it could reach another endpoint: empty, `.` or `..` (or, for
    a model slug or file path whose `/` is kept, such a segment); a file path must match FilePath."""
    text = value if isinstance(value, str) else ""
    parts = text.split("/") if segments else [text]
    if not text or any(part in ("", ".", "..") for part in parts):
        raise InputValidationError(
            method, [InputIssue(name, "must not be empty, `.` or `..` (nor have such a segment)")]
        )
    if name == "path" and not _pattern(_wire.FILE_PATH_PATTERN).search(text):
        raise InputValidationError(
            method, [InputIssue(name, "must be a relative file path like jobs/job_abc/video.mp4")]
        )
    return text


def _problem(value: object, limits: Mapping[str, Any]) -> str | tuple[int | str, str] | None:
    """What is wrong with `value`: a message, `(index or key, message)` for one item, or None."""
    if value is None:
        return None if limits.get("nullable") else "must not be null"
    alternatives: list[Mapping[str, Any]] | None = limits.get("anyOf")
    if alternatives is not None:
        problems: list[str | tuple[int | str, str] | None] = []
        for alternative in alternatives:
            problem = _problem(value, alternative)
            if problem is None:  # the first match settles it (a chat message: the first of five)
                return None
            problems.append(problem)
        # One branch for the value's JSON type (the list of `str | list[str]`): its own problem,
        # item path included; otherwise the field as a whole.
        kind = _json_type(value)
        typed = [p for alt, p in zip(alternatives, problems, strict=True) if _accepts_type(alt, kind)]
        if len(typed) == 1:
            return typed[0]
        first = problems[0]
        return first if isinstance(first, str) else "is not in any accepted shape"
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
