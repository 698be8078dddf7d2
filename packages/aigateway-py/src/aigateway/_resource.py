# Base of every resource: it holds the client whose request core its methods delegate to, and
# builds a call's RequestOptions from the contract's operation table (never a path typed again).
from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import _wire
from ._base_client import RequestOptions, path_param, raw_response_mode, strip_not_given
from ._checks import check_path_param
from ._response import APIResponse
from ._types import Headers, NotGiven, Query, Timeout

if TYPE_CHECKING:
    from ._client import AIgateway, AsyncAIgateway

__all__ = ["AsyncAPIResource", "SyncAPIResource", "operation"]

_R = TypeVar("_R")


def operation(
    operation_id: str,
    method_name: str,
    *,
    path_params: Mapping[str, str] | None = None,
    body: Mapping[str, object] | None = None,
    query: Mapping[str, object] | None = None,
    extra_headers: Headers | None = None,
    extra_query: Query | None = None,
    extra_body: Mapping[str, object] | None = None,
    timeout: Timeout | NotGiven,
    idempotency_key: str | None = None,
    stream: bool = False,
    accept: str | None = None,
    form: Mapping[str, object] | None = None,
    files: Sequence[tuple[str, tuple[str, bytes, str]]] | None = None,
    auth: bool = True,
) -> RequestOptions:
    """The RequestOptions of one call to the contract's `operation_id`."""
    method, template = _wire.OPERATIONS[operation_id]
    path = template
    for name, value in (path_params or {}).items():
        keep = name in ("model", "path")  # a model slug and a file path keep their `/`
        text = check_path_param(method_name or operation_id, name, value, segments=keep)
        path = path.replace("{" + name + "}", path_param(text, keep_slashes=keep))
    return RequestOptions(
        method=method,
        path=path,
        operation_id=operation_id,
        method_name=method_name,
        json_data=strip_not_given(body) if body is not None else None,
        query=strip_not_given(query) if query is not None else None,  # pyright: ignore[reportArgumentType]
        extra_headers=extra_headers,
        extra_query=extra_query,
        extra_body=extra_body,
        timeout=timeout,
        idempotency_key=idempotency_key,
        stream=stream,
        accept=accept,
        form=strip_not_given(form) if form is not None else None,
        files=files,
        auth=auth,
    )


class _RawProxy(Generic[_R]):
    def __init__(self, resource: _R) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., APIResponse[Any]]:
        method = getattr(self._resource, name)

        def call(*args: Any, **kwargs: Any) -> APIResponse[Any]:
            token = raw_response_mode.set(True)
            try:
                return method(*args, **kwargs)
            finally:
                raw_response_mode.reset(token)

        return call


class _AsyncRawProxy(Generic[_R]):
    def __init__(self, resource: _R) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., Awaitable[APIResponse[Any]]]:
        method = getattr(self._resource, name)

        async def call(*args: Any, **kwargs: Any) -> APIResponse[Any]:
            token = raw_response_mode.set(True)
            try:
                return await method(*args, **kwargs)
            finally:
                raw_response_mode.reset(token)

        return call


class SyncAPIResource:
    """A group of endpoints of the sync client."""

    _client: AIgateway

    def __init__(self, client: AIgateway) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> _RawProxy[Any]:
        """The same methods, returning an `APIResponse` (headers, status, `request_id`, `.parse()`)."""
        return _RawProxy(self)


class AsyncAPIResource:
    """A group of endpoints of the async client."""

    _client: AsyncAIgateway

    def __init__(self, client: AsyncAIgateway) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> _AsyncRawProxy[Any]:
        """The same methods, returning an `APIResponse` (headers, status, `request_id`, `.parse()`)."""
        return _AsyncRawProxy(self)
