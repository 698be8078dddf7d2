# Base of every generated response model: unknown fields are kept (a new server field never breaks
# an old client) and the request id of the call that returned it rides along.
from __future__ import annotations

from typing import Any, TypeVar

import pydantic
from pydantic import ConfigDict, PrivateAttr

__all__ = ["BaseModel"]

_M = TypeVar("_M", bound="BaseModel")


class BaseModel(pydantic.BaseModel):
    """A response object. `_request_id` is the `X-Request-Id` of the call that returned it."""

    model_config = ConfigDict(extra="allow", defer_build=True, populate_by_name=True, protected_namespaces=())
    _request_id: str | None = PrivateAttr(default=None)

    def to_dict(self) -> dict[str, Any]:
        """The object as plain JSON-compatible data, as the gateway sent it (no unset defaults)."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


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
