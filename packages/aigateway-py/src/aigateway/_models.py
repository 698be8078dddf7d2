# Base of every generated response model: unknown fields are kept (a new server field never breaks
# an old client) and the request id of the call that returned it rides along.
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pydantic
from pydantic import ConfigDict

__all__ = ["BaseModel"]

_M = TypeVar("_M", bound="BaseModel")


class BaseModel(pydantic.BaseModel):
    """A response object. `_request_id` is the `X-Request-Id` of the call that returned it."""

    model_config = ConfigDict(extra="allow", defer_build=True, populate_by_name=True, protected_namespaces=())

    # A property over pydantic's private-attribute dict rather than a PrivateAttr: a PrivateAttr
    # makes pydantic initialise private state on every nested model it validates (a chat completion
    # holds eight), which doubled the time to validate one.
    @property
    def _request_id(self) -> str | None:
        private = self.__pydantic_private__
        return private.get("_request_id") if private else None

    @_request_id.setter
    def _request_id(self, value: str | None) -> None:
        if self.__pydantic_private__ is None:
            object.__setattr__(self, "__pydantic_private__", {})
        self.__pydantic_private__["_request_id"] = value  # pyright: ignore[reportOptionalSubscript]

    def to_dict(self) -> dict[str, Any]:
        """The object as plain JSON-compatible data, as the gateway sent it (no unset defaults)."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)

    def _on_response(self, request_id: str | None, client: Any) -> None:
        """Called on the model a call returns: keeps the call's request id (a job handle also keeps
        the client, for `wait()`). Writes the private dict directly: pydantic's `__setattr__` costs
        more than validating a small model."""
        private = self.__pydantic_private__
        if private is None:
            object.__setattr__(self, "__pydantic_private__", {"_request_id": request_id})
        else:
            private["_request_id"] = request_id


def parse_model_json(cls: type[_M], content: bytes, load: Callable[[], object]) -> _M:
    """`parse_model` from the raw body: pydantic-core reads and validates the JSON in one pass (no
    intermediate dict); only a body that fails is loaded with `load` and handled as `parse_model` does."""
    try:
        return cls.model_validate_json(content)
    except pydantic.ValidationError:
        return parse_model(cls, load())


def parse_model(cls: type[_M], data: object) -> _M:
    """Validates `data` as `cls`; a body that does not match (a new enum value, a changed shape) is
    kept as is rather than raised, so the gateway evolving never breaks a caller mid-flight."""
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError:
        if not isinstance(data, dict):
            raise
        from ._logs import logger

        logger.warning(
            "[aigateway] A %s response did not match aigateway-py's types; it is returned unvalidated. "
            "Upgrade aigateway-py if this persists.",
            cls.__name__,
        )
        return cls.model_construct(**data)  # pyright: ignore[reportUnknownArgumentType]
