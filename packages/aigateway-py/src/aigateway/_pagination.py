# Lists (`GET /v1/sub-accounts`, `GET /v1/evals`) are `{object: "list", data, has_more}`, newest
# first, paged with `limit` and `starting_after` (the last id of the previous page). Sync lists
# iterate every item; async lists are awaitable (first page) and `async for`-able (every item),
# as openai-python's AsyncPaginator.
from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, Protocol, TypeVar

from typing_extensions import override

from ._base_client import RequestOptions

__all__ = ["AsyncPage", "AsyncPaginator", "SyncPage"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


class _ListModel(Protocol[_Item]):  # pyright: ignore[reportInvalidTypeVarUse]
    @property
    def data(self) -> list[_Item]: ...
    @property
    def has_more(self) -> bool: ...


def _next_options(options: RequestOptions, data: list[Any]) -> RequestOptions | None:
    if not data:
        return None
    query = {**(options.query or {}), "starting_after": data[-1].id}
    return dataclasses.replace(options, query=query)


class SyncPage(Generic[_Item]):
    """One page of a list (`data`, `has_more`); iterating it walks every item of every page."""

    def __init__(
        self,
        page: _ListModel[_Item],
        options: RequestOptions,
        fetch: Callable[[RequestOptions], _ListModel[_Item]],
    ) -> None:
        self._page = page
        self._options = options
        self._fetch = fetch

    @property
    def data(self) -> list[_Item]:
        """The items of this page."""
        return self._page.data

    @property
    def has_more(self) -> bool:
        return self._page.has_more

    def has_next_page(self) -> bool:
        return self._page.has_more and bool(self._page.data)

    def get_next_page(self) -> SyncPage[_Item]:
        options = _next_options(self._options, self._page.data)
        if options is None or not self._page.has_more:
            raise StopIteration("No more pages; check has_next_page() first.")
        return SyncPage(self._fetch(options), options, self._fetch)

    def iter_pages(self) -> Iterator[SyncPage[_Item]]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[_Item]:
        for page in self.iter_pages():
            yield from page.data

    @override
    def __repr__(self) -> str:
        return f"SyncPage(data=[{len(self.data)} items], has_more={self.has_more})"


class AsyncPage(Generic[_Item]):
    """One page of an async list; `async for` walks every item of every page."""

    def __init__(
        self,
        page: _ListModel[_Item],
        options: RequestOptions,
        fetch: Callable[[RequestOptions], Awaitable[_ListModel[_Item]]],
    ) -> None:
        self._page = page
        self._options = options
        self._fetch = fetch

    @property
    def data(self) -> list[_Item]:
        return self._page.data

    @property
    def has_more(self) -> bool:
        return self._page.has_more

    def has_next_page(self) -> bool:
        return self._page.has_more and bool(self._page.data)

    async def get_next_page(self) -> AsyncPage[_Item]:
        options = _next_options(self._options, self._page.data)
        if options is None or not self._page.has_more:
            raise StopAsyncIteration("No more pages; check has_next_page() first.")
        return AsyncPage(await self._fetch(options), options, self._fetch)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_Item]]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_Item]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item

    @override
    def __repr__(self) -> str:
        return f"AsyncPage(data=[{len(self.data)} items], has_more={self.has_more})"


class AsyncPaginator(Generic[_Item]):
    """What an async `list()` returns: `await` it for the first page, or `async for` every item."""

    def __init__(
        self, options: RequestOptions, fetch: Callable[[RequestOptions], Awaitable[_ListModel[_Item]]]
    ) -> None:
        self._options = options
        self._fetch = fetch

    async def _first(self) -> AsyncPage[_Item]:
        return AsyncPage(await self._fetch(self._options), self._options, self._fetch)

    def __await__(self) -> Generator[Any, None, AsyncPage[_Item]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[_Item]:
        page = await self._first()
        async for item in page:
            yield item
