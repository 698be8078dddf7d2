# What `.with_raw_response` returns, and binary results (speech audio, downloaded files).
from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Generic, TypeVar

import httpx
from typing_extensions import override

from . import _wire

__all__ = ["APIResponse", "AsyncBinaryResponse", "BinaryResponse"]

_T = TypeVar("_T")


class APIResponse(Generic[_T]):
    """The raw HTTP response of a call (body read), with `parse()` for the usual result."""

    def __init__(self, response: httpx.Response, parse: Callable[[], _T]) -> None:
        self.http_response = response
        self._parse = parse
        self._parsed: list[_T] = []

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def request_id(self) -> str | None:
        """`X-Request-Id` of the call; quote it to support."""
        return self.http_response.headers.get(_wire.REQUEST_ID_HEADER)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def parse(self) -> _T:
        """The result the method returns without `.with_raw_response`."""
        if not self._parsed:
            self._parsed.append(self._parse())
        return self._parsed[0]

    @override
    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] request_id={self.request_id!r}>"


class BinaryResponse:
    """A binary body (audio, a file), read in full. `content` holds the bytes."""

    def __init__(self, response: httpx.Response) -> None:
        self.http_response = response

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def content_type(self) -> str | None:
        return self.http_response.headers.get("content-type")

    @property
    def request_id(self) -> str | None:
        return self.http_response.headers.get(_wire.REQUEST_ID_HEADER)

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Writes the bytes to `file` (to a temporary name first, so a failure leaves nothing half-written)."""
        _write_atomically(file, self.content)

    @override
    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.content_type} {len(self.content)} bytes request_id={self.request_id!r}>"


class AsyncBinaryResponse(BinaryResponse):
    """The async client's binary result; the body is already read, so the sync accessors work too."""

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def awrite_to_file(self, file: str | os.PathLike[str]) -> None:
        _write_atomically(file, self.content)


def _write_atomically(file: str | os.PathLike[str], data: bytes) -> None:
    target = os.fspath(file)
    tmp = f"{target}.{os.getpid()}.part"
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
